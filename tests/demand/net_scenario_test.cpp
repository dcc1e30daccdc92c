// Scenario edits: closures on Sioux Falls (flow moves, demand conserved at every node),
// a shortcut on a sketch (OD time falls by the hand-computed amount), demand scaling.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/demand/tntp.h"
#include "ekm/demand/walking_network.h"
#include "support/temp_dir.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

const std::string kTntp = EKM_TEST_DATA_DIR "/tntp/";

// Net inflow minus outflow at every node must equal attractions minus productions.
void expectConserved(const Network& net, const OdMatrix& od, const std::vector<double>& v) {
  std::vector<double> balance(static_cast<std::size_t>(net.nodeCount()), 0.0);
  for (int a = 0; a < net.linkCount(); ++a)
    balance[net.link(a).to] += v[a], balance[net.link(a).from] -= v[a];
  for (int o = 0; o < od.zoneCount(); ++o)
    for (int d = 0; d < od.zoneCount(); ++d)
      if (o != d) balance[d] -= od(o, d), balance[o] += od(o, d);
  for (int n = 0; n < net.nodeCount(); ++n)
    EXPECT_NEAR(balance[n], 0.0, 1e-6 * od.total()) << "node " << n + 1;
}

}  // namespace

TEST(NetScenario, SiouxFallsClosureMovesFlowAndConservesDemand) {
  const auto net = Network::fromTntp(readTntpNetwork(kTntp + "SiouxFalls_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(kTntp + "SiouxFalls_trips.tntp"));
  Scenario s;
  s.close = {{9, 15}, {15, 9}};  // TNTP link 10-16 both ways
  AssignmentOptions o;
  o.relativeGap = 1e-6;
  core::Feedback fb;
  const auto r = runScenario(net, od, s, o, fb);
  const int closed = net.findLink(9, 15), closedBack = net.findLink(15, 9);
  EXPECT_GT(r.base.volume[closed], 10000);  // a busy link in the base
  EXPECT_EQ(r.network.scenarioLink[closed], -1);
  EXPECT_EQ(r.network.network.linkCount(), net.linkCount() - 2);
  EXPECT_EQ(r.network.network.findLink(9, 15), -1);
  expectConserved(net, od, r.base.volume);
  expectConserved(r.network.network, od, r.scenario.volume);
  // The flow out of node 10 that used 10->16 now leaves by its other links.
  double baseOther = 0, scenOther = 0;
  for (const auto& d : r.links)
    if (d.from == 9 && d.baseLink != closed) baseOther += d.baseVolume, scenOther += d.scenarioVolume;
  EXPECT_GT(scenOther - baseOther, 0.5 * r.base.volume[closed]);
  // Not every OD pair must be slower under UE (Braess), but 10 -> 16, which used the link, is.
  EXPECT_GT(r.scenarioSkims.time(9, 15), r.baseSkims.time(9, 15));
  EXPECT_DOUBLE_EQ(r.scenarioDemand.total(), od.total());
  // The CSV has one row per base link and the closed rows say so.
  const ekm_test::TempDir dir("scen_links");
  const std::string csv = dir.str("links.csv");
  writeLinkDifferencesCsv(csv, r);
  std::ifstream in(csv);
  std::string line;
  int rows = 0, closedRows = 0;
  std::getline(in, line);
  EXPECT_EQ(line,
            "link,from,to,status,base_volume,scenario_volume,volume_diff,base_time,scenario_time,time_diff");
  while (std::getline(in, line)) ++rows, closedRows += line.find(",closed,") != std::string::npos;
  EXPECT_EQ(rows, net.linkCount());
  EXPECT_EQ(closedRows, 2);
  (void)closedBack;
}

//   zone 0 --10--> 2 --10--> 3 --10--> zone 1        (free-flow minutes; uncongested)
//                  |                      ^
//                  +---------- 5 ---------+          added shortcut (a new deck) 2 -> zone 1
// Base time 0 -> 1 = 30; with the shortcut 2 -> 1 of 5 minutes: 10 + 5 = 15 (15 less).
TEST(NetScenario, ShortcutReducesOdTimeByTheExpectedAmount) {
  std::vector<LinkAttributes> links;
  for (auto [f, t] : {std::pair{0, 2}, std::pair{2, 3}, std::pair{3, 1}}) {
    LinkAttributes l;
    l.from = f, l.to = t, l.capacity = 1000, l.freeFlowTime = 10, l.b = 0, l.power = 1, l.length = 1;
    links.push_back(l);
  }
  const Network net(4, 2, 2, links);
  OdMatrix od(2);
  od(0, 1) = 100;
  Scenario s;
  LinkAttributes deck;
  deck.from = 2, deck.to = 1, deck.capacity = 500, deck.freeFlowTime = 5, deck.b = 0, deck.power = 1,
  deck.length = 0.5;
  s.add = {deck};
  s.demandScale = 1.2;  // +20%
  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AllOrNothing;
  core::Feedback fb;
  const auto r = runScenario(net, od, s, o, fb);
  EXPECT_DOUBLE_EQ(r.baseSkims.time(0, 1), 30);
  EXPECT_DOUBLE_EQ(r.scenarioSkims.time(0, 1), 15);
  EXPECT_DOUBLE_EQ(r.scenarioDemand(0, 1), 120);
  ASSERT_EQ(r.links.size(), 4u);
  EXPECT_EQ(r.links[3].baseLink, -1);
  EXPECT_DOUBLE_EQ(r.links[3].scenarioVolume, 120);
  EXPECT_DOUBLE_EQ(r.links[2].scenarioVolume, 0);  // 3 -> 1 bypassed
  EXPECT_DOUBLE_EQ(r.links[2].baseVolume, 100);
  const ekm_test::TempDir dir("scen_skims");
  const std::string csv = dir.str("skims.csv");
  writeSkimDifferencesCsv(csv, r);
  EXPECT_EQ(ekm_test::readFile(csv),
            "origin,destination,base_demand,scenario_demand,base_time,scenario_time,time_diff\n"
            "1,2,100,120,30,15,-15\n2,1,0,0,,,\n");
}

TEST(NetScenario, ScaleSomeDestinationsAndRejectBadEdits) {
  OdMatrix od(3, 10.0);
  Scenario s;
  s.demandScale = 1.2;
  s.scaleDestinations = {2};
  const auto d = scaleDemand(od, s);
  EXPECT_DOUBLE_EQ(d(0, 2), 12);
  EXPECT_DOUBLE_EQ(d(0, 1), 10);
  std::vector<LinkAttributes> links(1);
  links[0].from = 0, links[0].to = 1, links[0].capacity = 1, links[0].freeFlowTime = 1;
  const Network net(3, 3, 0, links);
  Scenario bad;
  bad.close = {{1, 0}};
  EXPECT_THROW(applyScenario(net, bad), core::ValidationError);
  Scenario bad2;
  LinkAttributes l;
  l.from = 0, l.to = 7, l.capacity = 1;
  bad2.add = {l};
  EXPECT_THROW(applyScenario(net, bad2), core::ValidationError);
}

// The district's question: the sample's walking network without its track crossings falls
// apart into west and east; a new east-west deck between two coordinates (here where the
// Takanawa Gateway Station deck is) joins them again.
TEST(NetScenario, NewPedestrianDeckJoinsWestAndEast) {
  const std::string dir = EKM_TEST_DATA_DIR "/network/";
  std::vector<RoadSegment> segments;
  for (auto& s : readRoadSegments(dir + "road_segments.geojson"))
    if (!s.crossing) segments.push_back(std::move(s));
  BuildOptions o;
  o.splitAtCrossings = true;
  core::Feedback fb;
  const auto walk = buildWalkingNetwork(segments, readBarriers(dir + "rail_lines.geojson"), o, {}, fb);
  const auto& sizes = walk.built.report.strong.sizes;
  ASSERT_GE(sizes.size(), 2u);
  const GeoPoint west{139.7379, 35.6354, 0}, east{139.7434, 35.6356, 0};
  const int a = nearestNode(walk.built, west), b = nearestNode(walk.built, east);
  const auto comp = strongComponents(walk.built.network);
  EXPECT_NE(comp[a], comp[b]);
  Scenario s;
  s.add = linksBetween(walk.built, west, east, 4.8);
  ASSERT_EQ(s.add.size(), 2u);
  // Deck length: the plane distance between the two nodes, about 500 m.
  EXPECT_GT(s.add[0].length, 400);
  EXPECT_LT(s.add[0].length, 600);
  EXPECT_NEAR(s.add[0].freeFlowTime, s.add[0].length / (4.8 / 3.6), 1e-9);
  const auto net = applyScenario(walk.built.network, s);
  const auto after = analyseNetwork(net.network);
  EXPECT_EQ(after.strong.sizes[0], sizes[0] + sizes[1]);
  // Walking time between the deck's ends: unreachable before, the deck's time after.
  std::vector<double> cost;
  for (const auto& l : net.network.links()) cost.push_back(l.freeFlowTime);
  ShortestPathSolver sp(net.network);
  sp.run(a, cost);
  EXPECT_NEAR(sp.distance()[b], s.add[0].freeFlowTime, 1e-9);
}
