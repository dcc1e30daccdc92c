// Network building from road segments: snapping, splitting at touches, one-way rules,
// plane lengths, class table, components; walking network with the rail barrier on the sample.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "ekm/core/error.h"
#include "ekm/demand/network_builder.h"
#include "ekm/demand/walking_network.h"
#include "ekm/geo/length.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

// Local metric offsets around (139.74 E, 35.63 N) -> lon/lat (spherical approximation;
// the test's lengths are checked against geodesic lengths, not these factors).
constexpr double kLon0 = 139.74, kLat0 = 35.63;
GeoPoint at(double eastM, double northM) {
  return {kLon0 + eastM / (111319.49 * std::cos(kLat0 * M_PI / 180)), kLat0 + northM / 110946.0, 0};
}
RoadSegment seg(const std::string& id, const std::string& cls, std::vector<GeoPoint> pts, int oneway = 0) {
  RoadSegment s;
  s.segmentId = id;
  s.roadClass = cls;
  s.oneway = oneway;
  s.points = std::move(pts);
  return s;
}
const std::string kData = EKM_TEST_DATA_DIR "/network/";
constexpr double kWalkMps = 4.8 / 3.6;

}  // namespace

// A main road  A ---------------- B  (primary, 200 m) and a side street ending 0.4 m
// short of its interior at x = 80 m (not noded), plus a street C-D 0.5 m off B's end:
//
//            A(0,0) ------+------- B(200,0)  .  C(200.5,0) ---- D(300,0)
//                         |
//                         E(80,-100)
TEST(NetBuilder, SnapSplitAndComponents) {
  std::vector<RoadSegment> s{seg("main", "primary", {at(0, 0), at(200, 0)}),
                             seg("side", "residential", {at(80, -100), at(80, -0.4)}),
                             seg("east", "residential", {at(200.5, 0), at(300, 0)})};
  core::Feedback fb;
  BuildOptions o;
  o.snapToleranceM = 1.0;
  auto b = buildNetwork(s, o, fb);
  EXPECT_EQ(b.epsg, 6677);  // Tokyo: zone IX
  EXPECT_EQ(b.report.splits, 1);
  EXPECT_EQ(b.report.nodes, 5);  // A, B=C, D, E, split point
  EXPECT_EQ(b.report.links, 8);  // main in two pieces + side + east, both ways
  EXPECT_EQ(b.report.weak.count, 1);
  EXPECT_EQ(b.report.strong.count, 1);
  EXPECT_EQ(b.report.danglingEnds, 3);  // A, D, E
  // Total length = 2 x (200 + 99.6 + 99.5) in the plane, cross-checked with geodesic lengths
  // (zone IX's scale factor near its origin differs from 1 by < 1e-4).
  const double geodesic =
      geo::geodesicDistanceM(s[0].points[0].lon, s[0].points[0].lat, s[0].points[1].lon, s[0].points[1].lat) +
      geo::geodesicDistanceM(s[1].points[0].lon, s[1].points[0].lat, s[1].points[1].lon, s[1].points[1].lat) +
      geo::geodesicDistanceM(s[2].points[0].lon, s[2].points[0].lat, s[2].points[1].lon, s[2].points[1].lat);
  EXPECT_NEAR(b.report.totalLengthM, 2 * geodesic, 2 * geodesic * 2e-4);
  // Primary: 1800 veh/h/lane x 2 lanes, 50 km/h; free-flow time in seconds.
  for (int a = 0; a < b.network.linkCount(); ++a) {
    const auto& l = b.network.link(a);
    if (b.linkSegmentId[a] == "main") {
      EXPECT_DOUBLE_EQ(l.capacity, 3600);
      EXPECT_NEAR(l.freeFlowTime, l.length / (50 / 3.6), 1e-9);
    } else {
      EXPECT_DOUBLE_EQ(l.capacity, 800);
    }
  }
  // The two pieces of the main road are 80 and 120 m.
  std::multiset<long> mainLengths;
  for (int a = 0; a < b.network.linkCount(); ++a)
    if (b.linkSegmentId[a] == "main") mainLengths.insert(std::lround(b.network.link(a).length));
  EXPECT_EQ(mainLengths, (std::multiset<long>{80, 80, 120, 120}));

  // Without splitting the side street hangs loose; with a tolerance below 0.5 m the east
  // street too.
  o.splitAtTouches = false;
  b = buildNetwork(s, o, fb);
  EXPECT_EQ(b.report.weak.count, 2);
  EXPECT_EQ(b.report.weak.sizes, (std::vector<int>{3, 2}));
  o.snapToleranceM = 0.3;
  o.splitAtTouches = true;
  b = buildNetwork(s, o, fb);
  EXPECT_EQ(b.report.weak.count, 3);
  EXPECT_EQ(b.report.splits, 0);
}

TEST(NetBuilder, OnewayRules) {
  std::vector<RoadSegment> s{seg("fwd", "residential", {at(0, 0), at(100, 0)}, 1),
                             seg("rev", "residential", {at(100, 0), at(100, 100)}, -1),
                             seg("both", "residential", {at(100, 100), at(0, 0)}, 0)};
  core::Feedback fb;
  auto b = buildNetwork(s, {}, fb);
  ASSERT_EQ(b.network.linkCount(), 4);
  const auto& n = b.nodes;
  auto nodeNear = [&](GeoPoint p) {
    for (std::size_t i = 0; i < n.size(); ++i)
      if (std::abs(n[i].lon - p.lon) < 1e-7 && std::abs(n[i].lat - p.lat) < 1e-7) return static_cast<int>(i);
    return -1;
  };
  const int n0 = nodeNear(at(0, 0)), n1 = nodeNear(at(100, 0)), n2 = nodeNear(at(100, 100));
  EXPECT_GE(b.network.findLink(n0, n1), 0);
  EXPECT_LT(b.network.findLink(n1, n0), 0);
  EXPECT_GE(b.network.findLink(n2, n1), 0);  // -1: against the digitised direction
  EXPECT_LT(b.network.findLink(n1, n2), 0);
  const int rev = b.network.findLink(n2, n1);
  EXPECT_TRUE(b.linkReversed[rev]);
  EXPECT_NEAR(b.linkGeometry[rev].front().lat, at(100, 100).lat, 1e-9);
  // One strongly connected component: 0 -> 1 -> ... no: 0->1, 2->1, 0<->2: node 1 is a sink.
  EXPECT_EQ(b.report.strong.count, 2);
  // The pedestrian mode ignores one-way rules.
  BuildOptions w;
  w.mode = NetworkMode::Walk;
  b = buildNetwork(s, w, fb);
  EXPECT_EQ(b.network.linkCount(), 6);
  EXPECT_EQ(b.report.strong.count, 1);
  EXPECT_NEAR(b.network.link(0).freeFlowTime, b.network.link(0).length / (4.8 / 3.6), 1e-9);
}

TEST(NetBuilder, ToblerAndPenalties) {
  EXPECT_NEAR(toblerFactor(0), 1.0, 1e-12);
  EXPECT_NEAR(6 * std::exp(-3.5 * 0.05) * toblerFactor(-0.05), 6.0, 1e-12);  // fastest: 6 km/h at -5%
  auto s = seg("hill", "residential", {at(0, 0), at(100, 0)});
  s.hasZ = true;
  s.points[1].z = 10;  // +10% uphill digitised direction
  auto t = seg("lights", "residential", {at(100, 0), at(200, 0)});
  t.signalised = true;
  core::Feedback fb;
  const auto w = buildWalkingNetwork({s, t}, {}, {}, {}, fb);
  for (int a = 0; a < w.built.network.linkCount(); ++a) {
    const auto& l = w.built.network.link(a);
    const double v = 4.8 / 3.6;
    if (w.built.linkSegmentId[a] == "hill") {
      const double slope = (w.built.linkReversed[a] ? -10.0 : 10.0) / l.length;
      EXPECT_NEAR(l.freeFlowTime, l.length / (v * std::exp(-3.5 * std::abs(slope + 0.05)) / std::exp(-0.175)),
                  1e-6);
    } else {
      EXPECT_NEAR(l.freeFlowTime, l.length / v + 30, 1e-6);
    }
  }
}

// The sample: the rail tracks (barrier=1) split the district into east and west; only the
// segments flagged crossing=1 (bridges, underpass, passages, deck) join them.
TEST(NetBuilder, SampleRailBarrier) {
  const auto segments = readRoadSegments(kData + "road_segments.geojson");
  ASSERT_EQ(segments.size(), 1686u);
  const auto barriers = readBarriers(kData + "rail_lines.geojson");
  EXPECT_GT(barriers.size(), 0u);
  core::Feedback fb;
  BuildOptions o;
  o.snapToleranceM = 1.0;
  o.splitAtCrossings = true;
  const auto drive = buildNetwork(segments, o, fb);
  std::printf("drive: %s", drive.report.toText().c_str());
  EXPECT_EQ(drive.report.crossings, 82);  // main roads x local streets without shared vertices
  EXPECT_EQ(drive.report.weak.sizes.front(), 1120);

  // Walking: every node joined; the crossing segments are the only links across a barrier.
  const auto walk = buildWalkingNetwork(segments, barriers, o, {}, fb);
  std::printf("walk: %s removed by barrier %d, crossing links kept %d\n", walk.built.report.toText().c_str(),
              walk.linksRemovedByBarrier, walk.crossingLinksKept);
  const auto& wr = walk.built.report;
  EXPECT_EQ(walk.linksRemovedByBarrier, 0);  // the generator never lets local streets cross
  EXPECT_GT(walk.crossingLinksKept, 0);
  EXPECT_GE(wr.strong.sizes.front(), 0.99 * wr.nodes);
  // Without the crossing segments the strongly connected giant splits into west and east.
  std::vector<RoadSegment> noCrossings;
  for (const auto& s : segments)
    if (!s.crossing) noCrossings.push_back(s);
  const auto cut = buildWalkingNetwork(noCrossings, barriers, o, {}, fb);
  std::printf("walk without crossings: %s", cut.built.report.toText().c_str());
  ASSERT_GE(cut.built.report.strong.sizes.size(), 2u);
  EXPECT_GT(cut.built.report.strong.sizes[0], 0.3 * cut.built.report.nodes);
  EXPECT_GT(cut.built.report.strong.sizes[1], 0.3 * cut.built.report.nodes);
  // A crossing segment with its flag cleared is cut by the barrier (both directions).
  auto unflagged = segments;
  int cleared = 0;
  for (auto& s : unflagged)
    if (s.crossing) s.crossing = false, ++cleared;
  const auto blocked = buildWalkingNetwork(unflagged, barriers, o, {}, fb);
  EXPECT_EQ(blocked.linksRemovedByBarrier, walk.crossingLinksKept);
  EXPECT_EQ(blocked.crossingLinksKept, 0);
  ASSERT_GE(blocked.built.report.strong.sizes.size(), 2u);
  EXPECT_GT(blocked.built.report.strong.sizes[1], 0.3 * blocked.built.report.nodes);

  // Independent cross-check of the component sizes with python3 networkx.
  const ekm_test::TempDir dir("net_edges");
  const std::string edges = dir.str("edges.txt");
  {
    FILE* f = std::fopen(edges.c_str(), "w");
    std::fprintf(f, "%d\n", cut.built.network.nodeCount());
    for (const auto& l : cut.built.network.links()) std::fprintf(f, "%d %d\n", l.from, l.to);
    std::fclose(f);
  }
  const std::string cmd =
      "python3 -c \"import networkx as nx,sys\n"
      "L=open(sys.argv[1]).read().split('\\n')\n"
      "g=nx.DiGraph(); g.add_nodes_from(range(int(L[0])))\n"
      "g.add_edges_from(tuple(map(int,x.split())) for x in L[1:] if x)\n"
      "print(' '.join(str(len(c)) for c in "
      "sorted(nx.strongly_connected_components(g),key=len,reverse=True)))\" " +
      edges;
  const auto r = ekm_test::run(cmd, ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string expected;
  for (std::size_t i = 0; i < cut.built.report.strong.sizes.size(); ++i)
    expected += (i ? " " : "") + std::to_string(cut.built.report.strong.sizes[i]);
  EXPECT_EQ(r.out, expected + "\n");
}

// Walking costs: stairs and level-change penalties with hand-computed times, and a segment
// split into several links charging its penalties once per traversal.
//   A (0,0) ===steps (stairs, 6 m up)=== B (100,0) ---flat--- C (200,0)
TEST(WalkingPenalties, StairsAndLevelChangeAddToTheWalkingTime) {
  auto steps = seg("steps", "footway", {at(0, 0), at(100, 0)});
  steps.stairs = true;
  steps.levelChangeM = 6;
  const auto flat = seg("flat", "footway", {at(100, 0), at(200, 0)});
  core::Feedback fb;
  for (const bool custom : {false, true}) {
    WalkingOptions w;  // defaults: stairs 15 s, 2 s per metre of level change
    if (custom) w.stairsPenaltyS = 20, w.levelChangePenaltySPerM = 3;
    const double penalty = custom ? 20 + 3 * 6 : 15 + 2 * 6;  // 38 s or 27 s, in either direction
    const auto net = buildWalkingNetwork({steps, flat}, {}, {}, w, fb);
    ASSERT_EQ(net.built.network.linkCount(), 4);
    for (int a = 0; a < 4; ++a) {
      const auto& l = net.built.network.link(a);
      const double expected = l.length / kWalkMps + (net.built.linkSegmentId[a] == "steps" ? penalty : 0.0);
      EXPECT_NEAR(l.freeFlowTime, expected, 1e-9) << net.built.linkSegmentId[a] << (custom ? " custom" : "");
      EXPECT_NEAR(l.length, 100, 0.3);  // so the stairs take about 75 + 27 = 102 s
    }
  }
  // A level change without stairs (a ramp or lift) costs only its metres: 4 m x 2 s.
  auto ramp = seg("ramp", "footway", {at(0, 0), at(100, 0)});
  ramp.levelChangeM = -4;  // down counts the same as up
  const auto net = buildWalkingNetwork({ramp}, {}, {}, {}, fb);
  for (int a = 0; a < net.built.network.linkCount(); ++a)
    EXPECT_NEAR(net.built.network.link(a).freeFlowTime, net.built.network.link(a).length / kWalkMps + 8,
                1e-9);
}

// The main street A-B has a signalised crossing and stairs; a side street ending on its
// interior at x = 80 splits it into two links per direction:
//
//   A (0,0) ------+------------ B (200,0)      main: signalised (30 s) + stairs (15 s)
//                 |
//              E (80,-100)                      side: no penalty
//
// Walking the whole of main pays 45 s once (not once per piece): 200 m / v + 45 s; each
// piece carries the share of its length (80 m: 18 s, 120 m: 27 s).
TEST(WalkingPenalties, SplitSegmentPaysItsPenaltiesOnce) {
  auto main = seg("main", "footway", {at(0, 0), at(200, 0)});
  main.signalised = true;
  main.stairs = true;
  const auto side = seg("side", "footway", {at(80, -100), at(80, -0.4)});
  core::Feedback fb;
  const auto net = buildWalkingNetwork({main, side}, {}, {}, {}, fb);
  ASSERT_EQ(net.built.report.splits, 1);
  std::map<bool, double> lengthByDirection, penaltyByDirection;
  int pieces = 0;
  for (int a = 0; a < net.built.network.linkCount(); ++a) {
    if (net.built.linkSegmentId[a] != "main") continue;
    ++pieces;
    const auto& l = net.built.network.link(a);
    const double penalty = l.freeFlowTime - l.length / kWalkMps;
    EXPECT_NEAR(penalty, 45 * l.length / 200, 0.05) << "piece of " << l.length << " m";
    lengthByDirection[net.built.linkReversed[a]] += l.length;
    penaltyByDirection[net.built.linkReversed[a]] += penalty;
  }
  EXPECT_EQ(pieces, 4);
  for (const bool reversed : {false, true}) {
    EXPECT_NEAR(lengthByDirection[reversed], 200, 0.5);
    EXPECT_NEAR(penaltyByDirection[reversed], 45, 1e-9) << (reversed ? "B to A" : "A to B");
  }
  // The side street stays penalty-free.
  for (int a = 0; a < net.built.network.linkCount(); ++a) {
    if (net.built.linkSegmentId[a] == "side") {
      EXPECT_NEAR(net.built.network.link(a).freeFlowTime, net.built.network.link(a).length / kWalkMps, 1e-9);
    }
  }
}
