// TNTP metadata that changes the model: <TOLL FACTOR> and <DISTANCE FACTOR> in the net
// file (default generalized-cost weights; explicit options win), <DEMAND MULTIPLIER> in
// the trips file; `ekimachi-cli assign --toll-factor/--distance-factor` on a net whose
// equilibrium is known by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "demand_cli_util.h"
#include "ekm/core/error.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;
using namespace ekm_demand_test;

namespace {

// Two parallel links between zones 1 and 2, both BPR with power 1:
//
//        link 1: time 10 (1 + 1.0 v/100) = 10 + 0.1 v, length 1, toll 0
//      +-------------------------------------------+
//   (1)                                             (2)     demand 1 -> 2: 200
//      +-------------------------------------------+
//        link 2: time 12 (1 + 1.0 v/120) = 12 + 0.1 v, length 3, toll 50
//
// Generalized costs: c1 = 10 + 0.1 v1 + D, c2 = 12 + 0.1 v2 + 50 F + 3 D. At equilibrium
// c1 = c2 with v1 + v2 = 200, so v1 - v2 = 10 (2 + 50 F + 2 D):
//   F = 0,   D = 0 : v1 = 110, v2 = 90
//   F = 0.1, D = 0 : v1 = 135, v2 = 65
//   F = 0,   D = 2 : v1 = 130, v2 = 70
//   F = 0.1, D = 2 : v1 = 155, v2 = 45
std::string parallelNet(const std::string& extraTags) {
  return "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n" + extraTags +
         "<END OF METADATA>\n"
         "~ init term capacity length fft b power speed toll type ;\n"
         "1 2 100 1 10 1 1 0 0 1 ;\n"
         "1 2 120 3 12 1 1 0 50 1 ;\n";
}
const std::string kTrips =
    "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 200\n<END OF METADATA>\nOrigin 1\n2 : 200;\n";

// Link volumes from `assign --out` (columns link,init_node,term_node,volume,time,cost).
std::vector<double> volumes(const std::string& path) {
  std::vector<double> v;
  for (const auto& [link, row] : readCsvBy(path, {"link"})) v.push_back(num(row, "volume"));
  return v;
}

}  // namespace

TEST(TntpCostWeights, FactorsReadFromTheNetMetadata) {
  const auto plain = parseTntpNetwork(parallelNet(""), "plain");
  EXPECT_FALSE(plain.tollFactor.has_value());
  EXPECT_FALSE(plain.distanceFactor.has_value());
  EXPECT_DOUBLE_EQ(costWeightsFromTntp(plain).tollFactor, 0);
  EXPECT_DOUBLE_EQ(costWeightsFromTntp(plain).distanceFactor, 0);

  const auto tagged = parseTntpNetwork(parallelNet("<TOLL FACTOR> 0.1\n<Distance Factor>\t2\n"), "tagged");
  ASSERT_TRUE(tagged.tollFactor.has_value());
  EXPECT_DOUBLE_EQ(*tagged.tollFactor, 0.1);
  EXPECT_DOUBLE_EQ(*tagged.distanceFactor, 2);
  const CostWeights w = costWeightsFromTntp(tagged);
  EXPECT_DOUBLE_EQ(w.tollFactor, 0.1);
  EXPECT_DOUBLE_EQ(w.distanceFactor, 2);

  // The weights from the file give the hand-computed equilibrium 155 / 45.
  const auto net = Network::fromTntp(tagged);
  const auto od = OdMatrix::fromTntp(parseTntpTrips(kTrips, "trips"));
  AssignmentOptions o;
  o.relativeGap = 1e-10;
  o.weights = w;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  EXPECT_NEAR(r.volume[0], 155, 1e-4);
  EXPECT_NEAR(r.volume[1], 45, 1e-4);
  EXPECT_NEAR(r.cost[0], 10 + 15.5 + 2, 1e-5);
  EXPECT_NEAR(r.cost[1], 12 + 4.5 + 5 + 6, 1e-5);
}

TEST(TntpCostWeights, BadFactorsAreErrorsWithTheLine) {
  try {
    parseTntpNetwork(parallelNet("<TOLL FACTOR> -0.5\n"), "n.tntp");
    FAIL() << "negative toll factor accepted";
  } catch (const ekm::core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("n.tntp:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("TOLL FACTOR"), std::string::npos) << e.what();
  }
  try {
    parseTntpNetwork(parallelNet("<DISTANCE FACTOR> 0.04 min/mile\n"), "n.tntp");
    FAIL() << "malformed distance factor accepted";
  } catch (const ekm::core::ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("n.tntp:5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("one number"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parseTntpNetwork(parallelNet("<TOLL FACTOR> x\n"), "n.tntp"), ekm::core::ParseError);
}

TEST(TntpCostWeights, DemandMultiplierScalesEveryEntry) {
  // Entries as written add up to 30.5; x 2 = 61. Either total is accepted as the checksum.
  const std::string body = "<END OF METADATA>\nOrigin 1\n1 : 0; 2 : 10.5;\nOrigin 2\n1 : 20;\n";
  for (const std::string total : {"30.5", "61"}) {
    const auto t = parseTntpTrips(
        "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> " + total + "\n<DEMAND MULTIPLIER> 2\n" + body, "t");
    EXPECT_DOUBLE_EQ(t.demandMultiplier, 2);
    EXPECT_DOUBLE_EQ(t.at(1, 2), 21);
    EXPECT_DOUBLE_EQ(t.at(2, 1), 40);
    EXPECT_DOUBLE_EQ(t.total(), 61);
    EXPECT_DOUBLE_EQ(OdMatrix::fromTntp(t).total(), 61);
  }
  EXPECT_DOUBLE_EQ(parseTntpTrips("<NUMBER OF ZONES> 2\n" + body, "t").demandMultiplier, 1);
  try {
    parseTntpTrips("<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 45\n<DEMAND MULTIPLIER> 2\n" + body, "t.tntp");
    FAIL() << "wrong total accepted";
  } catch (const ekm::core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("t.tntp:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("DEMAND MULTIPLIER 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parseTntpTrips("<NUMBER OF ZONES> 2\n<DEMAND MULTIPLIER> -1\n" + body, "t"),
               ekm::core::ValidationError);
}

TEST(TntpCostWeights, PublishedFilesCarryNoFactors) {
  // The standard networks state their weights only in their READMEs (Chicago Sketch: 0.02
  // min/cent, 0.04 min/mile), so reading them must not change any cost by itself.
  const auto sf = readTntpNetwork(std::string(EKM_TEST_DATA_DIR) + "/tntp/SiouxFalls_net.tntp");
  EXPECT_FALSE(sf.tollFactor.has_value());
  EXPECT_FALSE(sf.distanceFactor.has_value());
  const auto trips = readTntpTrips(std::string(EKM_TEST_DATA_DIR) + "/tntp/SiouxFalls_trips.tntp");
  EXPECT_DOUBLE_EQ(trips.demandMultiplier, 1);
  EXPECT_DOUBLE_EQ(trips.total(), 360600);
}

// `assign` takes the factors from the options, else from the net file's tags, else 0.
TEST(TntpCostWeights, AssignCliWeightsChangeTheSplit) {
  TempDir dir("weights");
  write(dir / "plain_net.tntp", parallelNet(""));
  write(dir / "tagged_net.tntp", parallelNet("<TOLL FACTOR> 0.1\n<DISTANCE FACTOR> 2\n"));
  write(dir / "trips.tntp", kTrips);
  write(dir / "half_trips.tntp",
        "<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 100\n<DEMAND MULTIPLIER> 2\n<END OF METADATA>\nOrigin 1\n2 : "
        "100;\n");
  struct Case {
    std::string net, trips, options;
    double v1, v2;
  };
  const std::vector<Case> cases{
      {"plain_net.tntp", "trips.tntp", "", 110, 90},
      {"plain_net.tntp", "trips.tntp", "--toll-factor 0.1", 135, 65},
      {"plain_net.tntp", "trips.tntp", "--distance-factor 2", 130, 70},
      {"plain_net.tntp", "trips.tntp", "--toll-factor 0.1 --distance-factor 2", 155, 45},
      {"tagged_net.tntp", "trips.tntp", "", 155, 45},                     // the file's weights
      {"tagged_net.tntp", "trips.tntp", "--distance-factor 0", 135, 65},  // option wins
      {"tagged_net.tntp", "trips.tntp", "--toll-factor 0 --distance-factor 0", 110, 90},  // both options win
      {"tagged_net.tntp", "half_trips.tntp", "", 155, 45},                                // 100 x 2 trips
  };
  for (const auto& c : cases) {
    const auto r = cli("assign --tntp-net '" + dir.str(c.net) + "' --tntp-trips '" + dir.str(c.trips) +
                       "' --gap 1e-10 --quiet --out '" + dir.str("flows.csv") + "' " + c.options);
    ASSERT_EQ(r.exitCode, 0) << c.net << " " << c.options << "\n" << r.out;
    EXPECT_NE(r.out.find("demand 200.000000 trips"), std::string::npos) << r.out;
    const auto v = volumes(dir.str("flows.csv"));
    ASSERT_EQ(v.size(), 2u);
    EXPECT_NEAR(v[0], c.v1, 1e-3) << c.net << " " << c.options;
    EXPECT_NEAR(v[1], c.v2, 1e-3) << c.net << " " << c.options;
  }
  const auto bad = cli("assign --tntp-net '" + dir.str("plain_net.tntp") + "' --tntp-trips '" +
                       dir.str("trips.tntp") + "' --toll-factor abc");
  EXPECT_EQ(bad.exitCode, 2) << bad.out;
}
