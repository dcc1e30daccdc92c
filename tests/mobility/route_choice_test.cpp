// The walk-versus-bus logit and the loads along a route, on a network small enough to
// compute by hand:
//
//   zone A          zone B          zone C
//     | 2 min walk    | 2 min         | 2 min        (every other stop-zone walk is too far)
//     s0 ----------- s1 ----------- s2                route R1, ride 0 -> 4 -> 8 min,
//                                                     6 departures in hour 8 (every 10 min)
//     s3 =========================== s4               route R2 (test 2), A -> C in 5 min,
//     | 2 min to A                    | 2 min to C    3 departures in hour 8 (every 20 min)
//
//   walking A-B 15 min, B-C 15 min, A-C 30 min; trips in hour 8: A->C 100, A->B 50.
//   Parameters: walk and wait weight 2, fare 100 yen at 40 yen/min (2.5 min), constant 5 min,
//   scale 0.1 per minute.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/mobility/route_choice.h"

using namespace ekm::mobility;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Tiny {
  TransitNetwork net;
  StopZoneMinutes access;
  ChoiceDemand demand;
  ChoiceParams params;

  Tiny() {
    net.stops = {{"s0", "s0", 0, 0}, {"s1", "s1", 0, 0}, {"s2", "s2", 0, 0}};
    TransitRoute r1;
    r1.id = "R1";
    TransitPattern p;
    p.id = "R1:0";
    p.stops = {0, 1, 2};
    p.timeMin = {0, 4, 8};
    p.departures[8] = 6;
    r1.patterns.push_back(p);
    net.routes.push_back(r1);
    access = {{2, kInf, kInf}, {kInf, 2, kInf}, {kInf, kInf, 2}};
    demand.walkMin = ekm::demand::OdMatrix(3, kInf);
    demand.walkMin(0, 1) = demand.walkMin(1, 0) = 15;
    demand.walkMin(1, 2) = demand.walkMin(2, 1) = 15;
    demand.walkMin(0, 2) = demand.walkMin(2, 0) = 30;
    demand.trips[8] = ekm::demand::OdMatrix(3, 0.0);
    demand.trips[8](0, 2) = 100;
    demand.trips[8](0, 1) = 50;
    demand.trips[9] = demand.trips[8];  // no departure in hour 9: everyone walks
  }
  void addExpress() {
    net.stops.push_back({"s3", "s3", 0, 0});
    net.stops.push_back({"s4", "s4", 0, 0});
    access.push_back({2, kInf, kInf});
    access.push_back({kInf, kInf, 2});
    TransitRoute r2;
    r2.id = "R2";
    TransitPattern p;
    p.id = "R2:0";
    p.stops = {3, 4};
    p.timeMin = {0, 5};
    p.departures[8] = 3;
    r2.patterns.push_back(p);
    net.routes.push_back(r2);
  }
};

}  // namespace

TEST(RouteChoice, BinaryLogitAndLoadsByHand) {
  Tiny t;
  const auto r = evaluateChoice(t.net, t.access, t.demand, t.params);
  // A->C: GC_bus = 2 (2 + 2) + 2 x 5 (wait) + 8 + 2.5 + 5 = 33.5, GC_walk = 2 x 30 = 60
  //   P = 1 / (1 + exp(-0.1 (60 - 33.5))) = 0.9340109905
  // A->B: GC_bus = 8 + 10 + 4 + 7.5 = 29.5, GC_walk = 30: P = 1 / (1 + exp(-0.05)) = 0.5124973965
  const double ac = 100 * 0.9340109905087812, ab = 50 * 0.5124973964842103;
  EXPECT_NEAR(r.routes[0].riders[8], ac + ab, 1e-9);
  EXPECT_NEAR(r.routes[0].riders[9], 0, 1e-12);  // no service in hour 9
  EXPECT_NEAR(r.walking[9], 150, 1e-9);
  EXPECT_NEAR(r.trips[8] + r.trips[9], 300, 1e-9);
  EXPECT_NEAR(r.transit[8] + r.walking[8], 150, 1e-9);
  const auto& load = r.routes[0].patterns[0];
  EXPECT_NEAR(load.boardings[0], ac + ab, 1e-9);
  EXPECT_NEAR(load.alightings[1], ab, 1e-9);
  EXPECT_NEAR(load.alightings[2], ac, 1e-9);
  EXPECT_NEAR(load.onBoard[0], ac + ab, 1e-9);  // s0 -> s1
  EXPECT_NEAR(load.onBoard[1], ac, 1e-9);       // s1 -> s2
  EXPECT_NEAR(load.onBoard[2], 0, 1e-12);
  EXPECT_NEAR(load.peakOnBoard[0], ac + ab, 1e-9);
  EXPECT_NEAR(t.net.routes[0].vehicleHours(), 6 * 8 / 60.0, 1e-12);
}

TEST(RouteChoice, MultinomialShareAndRidersGained) {
  Tiny t;
  t.demand.trips[8](0, 1) = 0;
  const double without = evaluateChoice(t.net, t.access, t.demand, t.params).totalTransit();
  t.addExpress();
  const auto r = evaluateChoice(t.net, t.access, t.demand, t.params);
  // R2: GC = 2 (2 + 2) + 2 x 10 + 5 + 7.5 = 40.5; shares exp(-0.1 GC) over {33.5, 40.5, 60}:
  //   1, exp(-0.7), exp(-2.65) over 1.5672362 -> 0.6380658, 0.3168541, 0.0450801
  EXPECT_NEAR(r.routes[0].riders[8], 63.80657860172464, 1e-9);
  EXPECT_NEAR(r.routes[1].riders[8], 31.68540921882788, 1e-9);
  EXPECT_NEAR(r.walking[8], 4.508012179447495, 1e-9);
  // gained = 95.49199 - 93.40110 walkers won; the rest of R2's riders come from R1
  EXPECT_NEAR(r.totalTransit() - without, 95.4919878205525 - 93.40109905087812, 1e-9);
}

TEST(RouteChoice, WaitIsHalfTheHeadwayUpToTheCap) {
  ChoiceParams p;
  EXPECT_DOUBLE_EQ(p.waitMin(10), 5);
  EXPECT_DOUBLE_EQ(p.waitMin(40), 15);
  Tiny t;
  t.net.routes[0].patterns[0].departures[8] = 1.5;  // every 40 min: wait capped at 15
  t.demand.trips[8](0, 1) = 0;
  const auto r = evaluateChoice(t.net, t.access, t.demand, t.params);
  // GC_bus = 8 + 2 x 15 + 8 + 7.5 = 53.5 vs 60: P = 1 / (1 + exp(-0.65))
  EXPECT_NEAR(r.routes[0].riders[8], 100 / (1 + std::exp(-0.65)), 1e-9);
}

TEST(RouteChoice, AStopBeyondWalkingReachIsNotUsed) {
  Tiny t;
  t.access[0][0] = 12;  // A to s0 over maxAccessMin (10)
  const auto r = evaluateChoice(t.net, t.access, t.demand, t.params);
  EXPECT_EQ(r.routes[0].riders[8], 0);
  EXPECT_NEAR(r.walking[8], 150, 1e-9);
}
