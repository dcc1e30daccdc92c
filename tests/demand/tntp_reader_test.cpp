// TNTP reader: metadata, fields, comments, terminators, FIRST THRU NODE, errors.
#include <gtest/gtest.h>

#include <string>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;
using ekm::core::ParseError;
using ekm::core::ValidationError;

namespace {

const std::string kDir = std::string(EKM_TEST_DATA_DIR) + "/tntp/";

// Expects `fn` to throw E whose message contains every fragment.
template <class E, class Fn>
void expectError(Fn fn, std::initializer_list<std::string> fragments) {
  try {
    fn();
    ADD_FAILURE() << "no exception";
  } catch (const E& e) {
    const std::string what = e.what();
    for (const auto& f : fragments) EXPECT_NE(what.find(f), std::string::npos) << what << " lacks " << f;
  }
}

}  // namespace

TEST(TntpReader, SiouxFallsNetworkMetadataAndFields) {
  const auto net = readTntpNetwork(kDir + "SiouxFalls_net.tntp");
  EXPECT_EQ(net.zoneCount, 24);
  EXPECT_EQ(net.nodeCount, 24);
  EXPECT_EQ(net.firstThruNode, 1);
  EXPECT_EQ(net.declaredLinkCount, 76);
  ASSERT_EQ(net.links.size(), 76u);
  EXPECT_TRUE(net.metadata.count("ORIGINAL HEADER"));
  // First data line: 1 2 25900.20064 6 6 0.15 4 0 0 1 ;
  const auto& l = net.links[0];
  EXPECT_EQ(l.initNode, 1);
  EXPECT_EQ(l.termNode, 2);
  EXPECT_DOUBLE_EQ(l.capacity, 25900.20064);
  EXPECT_DOUBLE_EQ(l.length, 6);
  EXPECT_DOUBLE_EQ(l.freeFlowTime, 6);
  EXPECT_DOUBLE_EQ(l.b, 0.15);
  EXPECT_DOUBLE_EQ(l.power, 4);
  EXPECT_EQ(l.linkType, 1);
  // Last link: 24 23 5000 2 2 0.15 4 0 0 1 (from the file's last line).
  EXPECT_EQ(net.links.back().initNode, 24);
  EXPECT_EQ(net.links.back().termNode, 23);
}

TEST(TntpReader, SiouxFallsTripsFlowsNodes) {
  const auto trips = readTntpTrips(kDir + "SiouxFalls_trips.tntp");
  EXPECT_EQ(trips.zoneCount, 24);
  EXPECT_DOUBLE_EQ(trips.declaredTotal, 360600.0);
  EXPECT_NEAR(trips.total(), 360600.0, 1e-6);
  EXPECT_DOUBLE_EQ(trips.at(1, 2), 100.0);
  EXPECT_DOUBLE_EQ(trips.at(1, 10), 1300.0);
  EXPECT_DOUBLE_EQ(trips.at(1, 1), 0.0);
  const auto flows = readTntpFlows(kDir + "SiouxFalls_flow.tntp");
  ASSERT_EQ(flows.size(), 76u);
  EXPECT_EQ(flows[0].from, 1);
  EXPECT_EQ(flows[0].to, 2);
  EXPECT_NEAR(flows[0].volume, 4494.6576464564205, 1e-9);
  const auto nodes = readTntpNodes(kDir + "SiouxFalls_node.tntp");
  ASSERT_EQ(nodes.size(), 24u);
  EXPECT_EQ(nodes[0].id, 1);
  EXPECT_NEAR(nodes[0].x, -96.77041974, 1e-9);
}

TEST(TntpReader, CommentsTerminatorsAndTagCase) {
  const std::string text =
      "~ a comment before the metadata\n"
      "<NUMBER OF ZONES> 2\n"
      "<Number of Nodes> 3\n"
      "<FIRST THRU NODE> 3\n"
      "<NUMBER OF LINKS> 2\n"
      "<SOME FUTURE TAG> kept\n"
      "<END OF METADATA>\n"
      "\n"
      "~ init term cap len fft b power speed toll type ;\n"
      "\t1\t3\t100\t1.5\t2\t0.15\t4\t30\t7\t2\t;\r\n"
      "  3 2 100 1 2 0.15 4 30 0 1 ; trailing text after the terminator is ignored\n";
  const auto net = parseTntpNetwork(text, "inline");
  EXPECT_EQ(net.nodeCount, 3);
  EXPECT_EQ(net.firstThruNode, 3);
  EXPECT_EQ(net.metadata.at("SOME FUTURE TAG"), "kept");
  ASSERT_EQ(net.links.size(), 2u);
  EXPECT_DOUBLE_EQ(net.links[0].toll, 7);
  EXPECT_DOUBLE_EQ(net.links[0].speed, 30);
  EXPECT_DOUBLE_EQ(net.links[0].length, 1.5);
  EXPECT_EQ(net.links[0].linkType, 2);

  // Trips: several entries per line, entries without spaces.
  const auto trips = parseTntpTrips(
      "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 30.5\n<END OF METADATA>\n~ c\nOrigin 1\n 1 : 0.0; 2 :  10.5;\n"
      "Origin\t2\n1:20;\n",
      "inline");
  EXPECT_DOUBLE_EQ(trips.at(1, 2), 10.5);
  EXPECT_DOUBLE_EQ(trips.at(2, 1), 20);
}

TEST(TntpReader, FirstThruNodeKeepsPathsOutOfCentroids) {
  // Zones 1 and 2 are centroids; zone 3 is a centroid as well when FIRST THRU NODE is 5.
  //
  //   (1) --1--> (3) --1--> (2)        cheap path through centroid 3
  //    \                     ^
  //     `--5--> [4] --5-----'           through node 4
  //
  auto text = [](int firstThru) {
    return "<NUMBER OF ZONES> 3\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> " + std::to_string(firstThru) +
           "\n<NUMBER OF LINKS> 4\n<END OF METADATA>\n"
           "1 3 100 1 1 0 4 0 0 1 ;\n3 2 100 1 1 0 4 0 0 1 ;\n1 4 100 5 5 0 4 0 0 1 ;\n4 2 100 5 5 0 4 0 0 1 ;\n";
  };
  for (const int firstThru : {1, 4}) {
    const auto net = Network::fromTntp(parseTntpNetwork(text(firstThru), "inline"));
    std::vector<double> cost(4);
    for (int a = 0; a < 4; ++a) cost[a] = net.link(a).freeFlowTime;
    ShortestPathSolver sp(net);
    sp.run(0, cost);
    std::vector<double> bd;
    std::vector<std::int32_t> bp;
    boostShortestPaths(net, 0, cost, bd, bp);
    const double expected = firstThru == 1 ? 2.0 : 10.0;  // via 3 only if 3 is a through node
    EXPECT_DOUBLE_EQ(sp.distance()[1], expected) << "FIRST THRU NODE " << firstThru;
    EXPECT_DOUBLE_EQ(bd[1], expected) << "Boost, FIRST THRU NODE " << firstThru;
    EXPECT_DOUBLE_EQ(sp.distance()[2], 1.0);  // a centroid can still be reached
    // Paths may start at a centroid: from 3 to 2 directly.
    sp.run(2, cost);
    EXPECT_DOUBLE_EQ(sp.distance()[1], 1.0);
  }
}

TEST(TntpReader, MalformedInputNamesFileLineAndField) {
  const std::string head = "<NUMBER OF ZONES> 1\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 1\n";
  expectError<ParseError>([&] { parseTntpNetwork(head + "<END OF METADATA>\n1 2 100 1 1 0.15 4 0 0 ;\n", "n.tntp"); },
                          {"n.tntp:6", "wrong number of link fields", "9 fields"});
  expectError<ParseError>([&] { parseTntpNetwork(head + "<END OF METADATA>\n1 2 10x 1 1 0.15 4 0 0 1 ;\n", "n.tntp"); },
                          {"n.tntp:6", "capacity", "not a number", "10x"});
  expectError<ParseError>([&] { parseTntpNetwork(head + "1 2 100 1 1 0.15 4 0 0 1 ;\n", "n.tntp"); },
                          {"n.tntp:5", "metadata"});
  expectError<ParseError>([&] { parseTntpNetwork("<NUMBER OF NODES> 2\n<END OF METADATA>\n", "n.tntp"); },
                          {"NUMBER OF ZONES", "missing"});
  expectError<ValidationError>([&] { parseTntpNetwork(head + "<END OF METADATA>\n1 3 100 1 1 0.15 4 0 0 1 ;\n", "n.tntp"); },
                               {"n.tntp:6", "term node", "out of range", "1..2"});
  expectError<ValidationError>(
      [&] { parseTntpNetwork(head + "<END OF METADATA>\n1 2 100 1 1 0.15 4 0 0 1 ;\n2 1 100 1 1 0.15 4 0 0 1 ;\n", "n.tntp"); },
      {"NUMBER OF LINKS", "1 links", "2 links"});
  expectError<ValidationError>([&] { parseTntpNetwork(head + "<END OF METADATA>\n1 2 0 1 1 0.15 4 0 0 1 ;\n", "n.tntp"); },
                               {"capacity", "positive"});
  // Trips: total that does not add up, zone out of range, entry before an origin.
  const std::string th = "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 10\n<END OF METADATA>\n";
  expectError<ValidationError>([&] { parseTntpTrips(th + "Origin 1\n2 : 9;\n", "t.tntp"); },
                               {"t.tntp:2", "TOTAL OD FLOW", "do not add up"});
  expectError<ValidationError>([&] { parseTntpTrips(th + "Origin 1\n3 : 10;\n", "t.tntp"); },
                               {"t.tntp:5", "destination", "out of range"});
  expectError<ParseError>([&] { parseTntpTrips(th + "2 : 10;\n", "t.tntp"); }, {"t.tntp:4", "before any origin"});
  expectError<ParseError>([&] { parseTntpTrips(th + "Origin 1\n2 = 10;\n", "t.tntp"); }, {"t.tntp:5", "malformed"});
  expectError<ekm::core::IoError>([&] { readTntpNetwork(kDir + "no_such_file.tntp"); }, {"no_such_file.tntp"});
}
