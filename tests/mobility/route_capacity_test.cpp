// Vehicle capacity in the route-choice model (route_choice.h): no hour's load above
// departures x capacity, the rest reported as demand that could not board. The network:
//
//   zone A          zone B          zone C
//     | 2 min walk    | 2 min         | 2 min
//     s0 ----------- s1 ----------- s2          route R, ride 0 -> 4 -> 8 min
//                                                 hour 8: 2 departures, hour 9: 6 departures
//
//   walking A-B 15, B-C 15, A-C 30 min; trips A->C 100 and B->C 60 in hour 8, half that in hour 9.
//   Vehicle capacity 20 (seats + standing): hour 8 carries at most 2 x 20 = 40 on a segment.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ekm/mobility/route_choice.h"

using namespace ekm::mobility;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Sketch {
  TransitNetwork net;
  StopZoneMinutes access = {{2, kInf, kInf}, {kInf, 2, kInf}, {kInf, kInf, 2}};
  ChoiceDemand demand;
  ChoiceParams params;

  Sketch() {
    net.stops = {{"s0", "s0", 0, 0}, {"s1", "s1", 0, 0}, {"s2", "s2", 0, 0}};
    TransitPattern p;
    p.id = "R:0";
    p.stops = {0, 1, 2};
    p.timeMin = {0, 4, 8};
    p.departures[8] = 2;
    p.departures[9] = 6;
    net.routes.push_back({"R", "R", false, {p}});
    demand.walkMin = ekm::demand::OdMatrix(3, kInf);
    demand.walkMin(0, 1) = demand.walkMin(1, 0) = 15;
    demand.walkMin(1, 2) = demand.walkMin(2, 1) = 15;
    demand.walkMin(0, 2) = demand.walkMin(2, 0) = 30;
    for (int h : {8, 9}) {
      demand.trips[static_cast<std::size_t>(h)] = ekm::demand::OdMatrix(3, 0.0);
      demand.trips[static_cast<std::size_t>(h)](0, 2) = h == 8 ? 100 : 50;
      demand.trips[static_cast<std::size_t>(h)](1, 2) = h == 8 ? 60 : 30;
    }
  }
};

}  // namespace

TEST(RouteCapacity, NoHourCarriesMoreThanItsVehiclesHold) {
  Sketch free, full;
  full.params.vehicleCapacity = 20;
  const auto a = evaluateChoice(free.net, free.access, free.demand, free.params);
  const auto b = evaluateChoice(full.net, full.access, full.demand, full.params);
  // Without capacity the s1 -> s2 segment carries both flows; in hour 8 that is well above 40.
  const double unconstrained8 = a.routes[0].riders[8];
  ASSERT_GT(unconstrained8, 60.0);
  EXPECT_NEAR(a.totalDenied(), 0.0, 1e-12);
  // With it, the hour's peak segment is exactly full and every OD pair lost the same share.
  EXPECT_NEAR(b.routes[0].riders[8], 40.0, 1e-9);
  EXPECT_NEAR(b.routes[0].denied[8], unconstrained8 - 40.0, 1e-9);
  EXPECT_NEAR(b.denied[8], unconstrained8 - 40.0, 1e-9);
  EXPECT_NEAR(b.routes[0].patterns[0].peakOnBoard[1], std::max(40.0, b.routes[0].riders[9]), 1e-9);
  EXPECT_NEAR(b.routes[0].patterns[0].alightings[2], 40.0 + b.routes[0].riders[9], 1e-9);  // all ride to s2
  // Hour 9 has 6 x 20 = 120 places: its riders fit, nothing denied.
  EXPECT_LE(a.routes[0].riders[9], 120.0);
  EXPECT_NEAR(b.routes[0].riders[9], a.routes[0].riders[9], 1e-9);
  EXPECT_NEAR(b.routes[0].denied[9], 0.0, 1e-12);
  // Walkers are unchanged: a full bus does not send its riders back to walking in this model.
  EXPECT_NEAR(b.walking[8], a.walking[8], 1e-9);
  // No segment of any hour above capacity: the daily peak load is at most the busiest hour's.
  for (double load : b.routes[0].patterns[0].peakOnBoard) EXPECT_LE(load, 6 * 20.0 + 1e-9);
}

TEST(RouteCapacity, EveryPairLosesTheSameShare) {
  Sketch free, full;
  for (Sketch* s : {&free, &full}) s->demand.trips[9] = {};  // hour 8 only
  full.params.vehicleCapacity = 20;
  const auto a = evaluateChoice(free.net, free.access, free.demand, free.params);
  const auto b = evaluateChoice(full.net, full.access, full.demand, full.params);
  const double scale = 40.0 / a.routes[0].riders[8];
  EXPECT_NEAR(b.routes[0].patterns[0].boardings[0], scale * a.routes[0].patterns[0].boardings[0], 1e-9);  // A->C
  EXPECT_NEAR(b.routes[0].patterns[0].boardings[1], scale * a.routes[0].patterns[0].boardings[1], 1e-9);  // B->C
  EXPECT_NEAR(b.routes[0].patterns[0].onBoard[0], scale * a.routes[0].patterns[0].onBoard[0], 1e-9);
  EXPECT_NEAR(b.totalTransit() + b.totalDenied(), a.totalTransit(), 1e-9);
}
