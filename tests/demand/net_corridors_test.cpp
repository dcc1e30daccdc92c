// Corridors (移動コース) from assigned volumes and desire lines, on a sketched grid.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/corridors.h"
#include "ekm/demand/walking_network.h"
#include "ekm/geo/length.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

// Zones W = 0, E = 1, N = 2; grid node (r, c) = 3 + 4r + c:
//
//        N(2)
//          |
//    3 --- 4 ---  5 --- 6        top row: horizontal links 1.2
//    |     |      |     |
//  W-7 --- 8 ---  9 --- 10-E     middle row: 0.8 (the fast street)
//    |     |      |     |
//   11 --- 12 --- 13 --- 14      bottom row: 1.2; verticals 1; connectors 0.1
//
// N connects to (0,1) = node 4, W to (1,0) = 7, E to (1,3) = 10.
int node(int r, int c) { return 3 + 4 * r + c; }

Network grid() {
  std::vector<LinkAttributes> links;
  auto two = [&](int a, int b, double t) {
    for (auto [f, to] : {std::pair{a, b}, std::pair{b, a}}) {
      LinkAttributes l;
      l.from = f, l.to = to, l.capacity = 1e6, l.freeFlowTime = t, l.length = t, l.b = 0, l.power = 1;
      links.push_back(l);
    }
  };
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c + 1 < 4; ++c) two(node(r, c), node(r, c + 1), r == 1 ? 0.8 : 1.2);
  for (int r = 0; r + 1 < 3; ++r)
    for (int c = 0; c < 4; ++c) two(node(r, c), node(r + 1, c), 1.0);
  two(0, node(1, 0), 0.1), two(1, node(1, 3), 0.1), two(2, node(0, 1), 0.1);
  return Network(15, 3, 3, links);
}

std::vector<double> assigned(const Network& net, const OdMatrix& od) {
  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AllOrNothing;
  core::Feedback fb;
  return assign(net, od, o, fb).volume;
}

}  // namespace

TEST(NetCorridors, MainStreetIsTheFirstCorridor) {
  const Network net = grid();
  OdMatrix od(3);
  od(0, 1) = 1000;  // W -> E along the middle row
  od(2, 1) = 100;   // N -> E: down at column 1, then the middle row
  const auto v = assigned(net, od);
  EXPECT_DOUBLE_EQ(v[net.findLink(node(1, 1), node(1, 2))], 1100);

  CorridorOptions o;
  o.minShareOfMax = 0.05;
  auto c = extractCorridors(net, v, o);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].nodes, (std::vector<int>{0, node(1, 0), node(1, 1), node(1, 2), node(1, 3), 1}));
  EXPECT_DOUBLE_EQ(c[0].peakVolume, 1100);
  EXPECT_DOUBLE_EQ(c[0].minVolume, 1000);
  EXPECT_NEAR(c[0].length, 0.1 + 0.8 * 3 + 0.1, 1e-12);
  EXPECT_NEAR(c[0].meanVolume, (1000 * 0.1 + 1000 * 0.8 + 1100 * 0.8 * 2 + 1100 * 0.1) / 2.6, 1e-9);
  EXPECT_EQ(c[1].nodes, (std::vector<int>{2, node(0, 1), node(1, 1)}));  // the feeder, up to the main street
  EXPECT_DOUBLE_EQ(c[1].peakVolume, 100);

  // The default threshold (10% of the peak = 110) drops the feeder.
  EXPECT_EQ(extractCorridors(net, v).size(), 1u);
  // Stop where the flow drops: needing 95% of the previous volume, the corridor ends at
  // column 1 (1000 < 0.95 x 1100) and the western part becomes its own corridor.
  o.continueFraction = 0.95;
  o.minShareOfMax = 0.5;
  c = extractCorridors(net, v, o);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].nodes, (std::vector<int>{node(1, 1), node(1, 2), node(1, 3), 1}));
  EXPECT_EQ(c[1].nodes, (std::vector<int>{0, node(1, 0), node(1, 1)}));
}

TEST(NetCorridors, DesireLinesAndGeoJson) {
  OdMatrix od(3);
  od(0, 1) = 1000, od(1, 0) = 50, od(2, 1) = 100, od(2, 2) = 7;
  const std::vector<GeoPoint> centroids{{139.73, 35.63, 0}, {139.75, 35.63, 0}, {139.74, 35.64, 0}};
  auto lines = desireLines(od, centroids);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].origin, 0);
  EXPECT_EQ(lines[0].destination, 1);
  EXPECT_DOUBLE_EQ(lines[0].volume, 1050);
  EXPECT_EQ(lines[1].origin, 1);  // combined pairs are written with origin < destination
  EXPECT_EQ(lines[1].destination, 2);
  EXPECT_DOUBLE_EQ(lines[1].volume, 100);
  EXPECT_EQ(desireLines(od, centroids, 0, false).size(), 3u);
  EXPECT_EQ(desireLines(od, centroids, 200).size(), 1u);

  const ekm_test::TempDir dir("corridors");
  const std::string dl = dir.str("desire.geojson");
  writeDesireLinesGeoJson(dl, lines, {"west", "east", "north"});
  const Network net = grid();
  std::vector<GeoPoint> nodes(15);
  for (int i = 0; i < 15; ++i) nodes[i] = {139.7 + 0.001 * i, 35.6, 0};
  OdMatrix d2(3);
  d2(0, 1) = 1000;
  const auto c = extractCorridors(net, assigned(net, d2));
  const std::string cp = dir.str("corr.geojson");
  writeCorridorsGeoJson(cp, net, c, nodes);
  // Read back with Python's json module (independent parser).
  const std::string cmd =
      "python3 -c \"import json,sys\n"
      "a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))\n"
      "f=a['features'][0]; g=b['features'][0]\n"
      "print(len(a['features']), f['properties']['origin'], f['properties']['destination'], "
      "f['properties']['volume'], f['geometry']['coordinates'][1][0], "
      "len(b['features']), g['properties']['rank'], g['properties']['links'].__len__(), "
      "len(g['geometry']['coordinates']), g['geometry']['coordinates'][0][0])\" " +
      dl + " " + cp;
  const auto r = ekm_test::run(cmd, ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // 5 links W .. E, 6 points; starts at W = node 0 (lon 139.7).
  EXPECT_EQ(r.out, "2 west east 1050 139.75 1 1 5 6 139.7\n");
}

// 移動コース on the sample: walking trips from a zone west of the tracks to one east of
// them; the main corridor must cross the tracks on a segment flagged crossing=1.
TEST(NetCorridors, SampleWalkingCorridorCrossesOnACrossing) {
  const std::string dir = EKM_TEST_DATA_DIR "/network/";
  const auto segments = readRoadSegments(dir + "road_segments.geojson");
  BuildOptions o;
  o.splitAtCrossings = true;
  core::Feedback fb;
  const auto walk = buildWalkingNetwork(segments, readBarriers(dir + "rail_lines.geojson"), o, {}, fb);
  ZoneSystem zs;
  zs.zones = {{"west", 139.7350, 35.6360, {}}, {"east", 139.7480, 35.6350, {}}};
  const auto connectors = connectCentroids(zs, nodePoints(walk.built), 1, 300);
  ASSERT_EQ(connectors.size(), 2u);
  const auto net = withZones(walk.built, zs, connectors, 4.8);
  EXPECT_EQ(net.network.zoneCount(), 2);
  EXPECT_EQ(net.network.nodeCount(), walk.built.network.nodeCount() + 2);
  OdMatrix od(2);
  od(0, 1) = 1000;
  AssignmentOptions ao;
  ao.algorithm = AssignmentAlgorithm::AllOrNothing;
  const auto r = assign(net.network, od, ao, fb);
  const auto c = extractCorridors(net.network, r.volume);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].nodes.front(), 0);
  EXPECT_EQ(c[0].nodes.back(), 1);
  EXPECT_DOUBLE_EQ(c[0].minVolume, 1000);
  bool crossing = false;
  for (int a : c[0].links)
    if (net.linkSegment[a] >= 0 && segments[net.linkSegment[a]].crossing) crossing = true;
  EXPECT_TRUE(crossing);
  // Corridor length: at least the straight distance between the zones (about 1.18 km).
  EXPECT_GT(c[0].length, geo::geodesicDistanceM(139.7350, 35.6360, 139.7480, 35.6350));
  const ekm_test::TempDir tmp("sample_corr");
  const std::string path = tmp.str("corr.geojson");
  writeCorridorsGeoJson(path, net.network, c, net.nodes, net.linkGeometry, net.linkSegmentId);
  EXPECT_EQ(ekm_test::run("ogrinfo -al -q " + ekm_test::quote(path) + " | grep -c 'LINESTRING'",
                          ekm_test::Streams::Separate)
                .out,
            "1\n");
}
