// Candidate route files and service edits on a network drawn here:
//
//   candidate "ew" (GeoJSON), a straight line 139.7300 -> 139.7500 along lat 35.6380,
//   stops given out of order: b (139.7400), a (139.7300), c (139.7500); 12 km/h,
//   every 20 min 07:30-09:00, both ways.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/geo/length.h"
#include "ekm/mobility/transit_network.h"
#include "support/temp_dir.h"

using namespace ekm::mobility;
using ekm::ops::Json;

namespace {

std::string candidateFile(ekm_test::TempDir& dir) {
  return dir.write("ew.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"route_id": "ew", "name": "East-west", "headway_min": 20,
      "start": "07:30", "end": "09:00", "speed_kmh": 12, "two_way": true},
     "geometry": {"type": "LineString", "coordinates": [[139.7300, 35.6380], [139.7500, 35.6380]]}},
    {"type": "Feature", "properties": {"stop_id": "b"}, "geometry": {"type": "Point", "coordinates": [139.7400, 35.6381]}},
    {"type": "Feature", "properties": {"stop_id": "a"}, "geometry": {"type": "Point", "coordinates": [139.7300, 35.6380]}},
    {"type": "Feature", "properties": {"stop_id": "c"}, "geometry": {"type": "Point", "coordinates": [139.7500, 35.6380]}}]})");
}

}  // namespace

TEST(TransitNetwork, DeparturesInASpan) {
  const auto d = departuresInSpan(7 * 60 + 30, 9 * 60, 20);
  EXPECT_DOUBLE_EQ(d[7], 1.5);  // 30 min of hour 7 at one every 20 min
  EXPECT_DOUBLE_EQ(d[8], 3.0);
  EXPECT_DOUBLE_EQ(d[9], 0.0);
  EXPECT_DOUBLE_EQ(departuresInSpan(23 * 60, 25 * 60, 30)[0], 2.0);  // 24:00-25:00 is the night's hour 0
  EXPECT_EQ(*clockMinutes("25:10"), 25 * 60 + 10);
  EXPECT_FALSE(clockMinutes("7h"));
}

TEST(TransitNetwork, ACandidateFileGivesOrderedStopsRideTimesAndBothDirections) {
  ekm_test::TempDir dir("transit_network");
  TransitNetwork n;
  const int r = addCandidateRoute(n, candidateFile(dir));
  const auto& route = n.routes[static_cast<std::size_t>(r)];
  EXPECT_TRUE(route.candidate);
  ASSERT_EQ(route.patterns.size(), 2u);
  const auto& f = route.patterns[0];
  ASSERT_EQ(f.stops.size(), 3u);
  EXPECT_EQ(n.stops[static_cast<std::size_t>(f.stops[0])].id, "a");
  EXPECT_EQ(n.stops[static_cast<std::size_t>(f.stops[1])].id, "b");
  EXPECT_EQ(n.stops[static_cast<std::size_t>(f.stops[2])].id, "c");
  // 0.02 deg of longitude at 35.638 N on the local plane (111.32 km x cos lat) at 200 m/min
  const double m = 0.02 * 111320.0 * std::cos(35.638 * M_PI / 180.0);
  EXPECT_NEAR(f.timeMin[2], m / 200.0, 1e-6);
  EXPECT_NEAR(f.timeMin[1], m / 2 / 200.0, 1e-3);
  EXPECT_DOUBLE_EQ(f.departures[8], 3.0);
  const auto& b = route.patterns[1];
  EXPECT_EQ(n.stops[static_cast<std::size_t>(b.stops[0])].id, "c");
  EXPECT_NEAR(b.timeMin[2], f.timeMin[2], 1e-9);
  EXPECT_NEAR(route.vehicleHours(), 2 * 4.5 * f.tripMin() / 60.0, 1e-9);
  // the same id twice is refused
  EXPECT_THROW(addCandidateRoute(n, candidateFile(dir)), ekm::core::ValidationError);
}

TEST(TransitNetwork, ServiceEditsAddAndMoveStopsChangeHeadwaysAndSpans) {
  ekm_test::TempDir dir("transit_edits");
  TransitNetwork n;
  n.stops = {{"s0", "s0", 139.7300, 35.6380}, {"s1", "s1", 139.7400, 35.6380}};
  TransitRoute r;
  r.id = "R";
  TransitPattern p;
  p.id = "R:0";
  p.stops = {0, 1};
  p.timeMin = {0, 10};
  for (int h = 7; h < 20; ++h) p.departures[static_cast<std::size_t>(h)] = 2;
  r.patterns.push_back(p);
  n.routes.push_back(r);
  const Json edits = Json::parse(R"({
    "add_stops": [{"route_id": "R", "after": "s0", "stop_id": "mid", "lon": 139.7325, "lat": 35.6380}],
    "move_stops": [{"stop_id": "s1", "lon": 139.7410, "lat": 35.6380}],
    "headways": [{"route_id": "R", "headway_min": 10, "from": "07:00", "to": "09:00"}],
    "spans": [{"route_id": "R", "start": "06:00", "end": "21:30"}],
    "add_routes": ["ew.geojson"]})");
  candidateFile(dir);
  ServiceEditsOptions o;
  o.resolve = [&](const std::string& f) { return dir.str(f); };
  const auto rep = applyServiceEdits(n, edits, o);
  EXPECT_EQ(rep.applied.size(), 5u);
  const auto& q = n.routes[0].patterns[0];
  ASSERT_EQ(q.stops.size(), 3u);
  EXPECT_EQ(n.stops[static_cast<std::size_t>(q.stops[1])].id, "mid");
  // stops move first: mid is 0.0025 of the 0.0110 deg to the moved s1 -> 10 x 0.0025 / 0.011 min;
  // s1 gets the 0.5 min dwell
  EXPECT_NEAR(q.timeMin[1], 10 * 0.0025 / 0.011, 1e-4);
  EXPECT_NEAR(q.timeMin[2], 10.5, 1e-12);
  EXPECT_DOUBLE_EQ(n.stops[1].lon, 139.7410);
  EXPECT_DOUBLE_EQ(q.departures[7], 6);  // every 10 min 07:00-09:00
  EXPECT_DOUBLE_EQ(q.departures[8], 6);
  EXPECT_DOUBLE_EQ(q.departures[9], 2);
  // span 06:00-21:30: hour 6 and 20 get the mean of served hours ((2*6 + 11*2) / 13), 21 half of it
  const double mean = (6.0 + 6.0 + 11 * 2.0) / 13.0;
  EXPECT_NEAR(q.departures[6], mean, 1e-12);
  EXPECT_NEAR(q.departures[20], mean, 1e-12);
  EXPECT_NEAR(q.departures[21], mean / 2, 1e-12);
  EXPECT_DOUBLE_EQ(q.departures[22], 0);
  EXPECT_GE(n.routeIndex("ew"), 0);
}

TEST(TransitNetwork, ABadEditNamesItsJsonPath) {
  TransitNetwork n;
  try {
    applyServiceEdits(n, Json::parse(R"({"headways": [{"route_id": "nope", "headway_min": 10}]})"));
    FAIL();
  } catch (const ekm::core::Error& e) {
    EXPECT_EQ(e.context().field, "service_edits.headways[0].route_id");
  }
  EXPECT_THROW(applyServiceEdits(n, Json::parse(R"({"frequency": []})")), ekm::core::ValidationError);
}
