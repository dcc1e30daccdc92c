// Assignment: analytic two-link equilibrium, Sioux Falls and Chicago Sketch against
// the published best-known solutions, skims, select-link, cancellation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;

namespace {

const std::string kDir = std::string(EKM_TEST_DATA_DIR) + "/tntp/";

// Published link volumes in network link order, and their TSTT recomputed from the
// flow file itself (sum volume x cost, the costs printed in the file).
struct Published {
  std::vector<double> volume;
  double tstt = 0;
};
Published published(const Network& net, const std::string& flowFile) {
  Published p;
  p.volume.assign(static_cast<std::size_t>(net.linkCount()), 0.0);
  for (const auto& f : readTntpFlows(flowFile)) {
    const int a = net.findLink(f.from - 1, f.to - 1);
    EXPECT_GE(a, 0) << f.from << " " << f.to;
    if (a >= 0) p.volume[a] = f.volume;
    p.tstt += f.volume * f.cost;
  }
  return p;
}

// Two parallel links between two zones (BPR with power 1, so the equilibrium is
// linear and can be solved by hand):
//
//        link 0: t0 = 10 (1 + 1.0 v/100) = 10 + 0.1 v
//      +------------------------------------+
//   (1)                                      (2)      demand 1 -> 2: 200
//      +------------------------------------+
//        link 1: t1 = 20 (1 + 0.5 v/100) = 20 + 0.1 v
//
// Equilibrium: 10 + 0.1 v0 = 20 + 0.1 v1, v0 + v1 = 200  =>  v0 = 150, v1 = 50,
// both times 25; TSTT = 200 x 25 = 5000.
Network twoLinks() {
  return Network::fromTntp(parseTntpNetwork(
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n"
      "1 2 100 1 10 1.0 1 0 0 1 ;\n"
      "1 2 100 2 20 0.5 1 0 0 1 ;\n",
      "two-links"));
}

}  // namespace

class TwoLinks : public ::testing::TestWithParam<AssignmentAlgorithm> {};

TEST_P(TwoLinks, ReachesTheHandComputedEquilibrium) {
  const Network net = twoLinks();
  OdMatrix od(2);
  od(0, 1) = 200;
  AssignmentOptions o;
  o.algorithm = GetParam();
  o.relativeGap = 1e-10;
  o.maxIterations = 500;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.volume[0], 150.0, 1e-4);
  EXPECT_NEAR(r.volume[1], 50.0, 1e-4);
  EXPECT_NEAR(r.time[0], 25.0, 1e-5);
  EXPECT_NEAR(r.time[1], 25.0, 1e-5);
  EXPECT_NEAR(r.tstt, 5000.0, 1e-3);
  // The first iteration's gap is the AON one: everything on link 0 (t0 = 30 vs 20).
  EXPECT_GT(r.iterations.front().relativeGap, 0.1);
}

INSTANTIATE_TEST_SUITE_P(Algorithms, TwoLinks,
                         ::testing::Values(AssignmentAlgorithm::FrankWolfe,
                                           AssignmentAlgorithm::BiconjugateFrankWolfe,
                                           AssignmentAlgorithm::AlgorithmB),
                         [](const auto& info) { return std::string(algorithmName(info.param)); });

TEST(Assignment, GeneralizedCostAddsTollAndDistance) {
  // Link 0 has length 1, link 1 length 2 (see twoLinks); a distance factor of 10 adds
  // 10 and 20: 20 + 0.1 v0 = 40 + 0.1 v1  =>  v0 = 200, v1 = 0 (corner solution).
  const Network net = twoLinks();
  OdMatrix od(2);
  od(0, 1) = 200;
  AssignmentOptions o;
  o.relativeGap = 1e-10;
  o.weights.distanceFactor = 10;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  EXPECT_NEAR(r.volume[0], 200.0, 1e-6);
  EXPECT_NEAR(r.cost[0], 10 + 0.1 * 200 + 10, 1e-9);
  EXPECT_NEAR(r.time[0], 30.0, 1e-9);
}

TEST(Assignment, SiouxFallsMatchesPublishedSolution) {
  const auto net = Network::fromTntp(readTntpNetwork(kDir + "SiouxFalls_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(kDir + "SiouxFalls_trips.tntp"));
  const auto pub = published(net, kDir + "SiouxFalls_flow.tntp");
  EXPECT_NEAR(pub.tstt, 7480225.344921, 1e-3);  // as in the data's SOURCE.txt

  // Our gap computation on the published flows: they are an equilibrium.
  const auto e = evaluateVolumes(net, od, pub.volume, {});
  EXPECT_LT(e.relativeGap, 1e-12);
  EXPECT_NEAR(e.tstt, pub.tstt, 1e-6 * pub.tstt);
  EXPECT_NEAR(e.beckmann, 4231335.287107, 1e-2);  // README: 42.31335287107440 (x 1e5)

  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AlgorithmB;
  o.relativeGap = 1e-6;
  o.keepOriginFlows = true;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  ASSERT_TRUE(r.converged);
  EXPECT_LE(r.relativeGap, 1e-6);
  EXPECT_NEAR(r.tstt, pub.tstt, 1e-4 * pub.tstt);  // within 0.01%
  double maxDiff = 0, maxFlow = 0;
  for (int a = 0; a < net.linkCount(); ++a) {
    maxDiff = std::max(maxDiff, std::abs(r.volume[a] - pub.volume[a]));
    maxFlow = std::max(maxFlow, pub.volume[a]);
  }
  EXPECT_LT(maxDiff, 1e-3 * maxFlow) << "max |difference| " << maxDiff << " of flows up to " << maxFlow;
  // An independent re-evaluation of our volumes agrees with the reported gap.
  const auto mine = evaluateVolumes(net, od, r.volume, {});
  EXPECT_NEAR(mine.relativeGap, r.relativeGap, 1e-9);
  EXPECT_GT(mine.beckmann, e.beckmann - 1e-6 * e.beckmann);  // the optimum is a lower bound

  // Select link 10 -> 15 (TNTP ids): the OD volumes through it add up to its volume.
  const int link = net.findLink(9, 14);
  ASSERT_GE(link, 0);
  const auto sl = selectLink(net, od, r, link);
  double sum = 0;
  for (const auto& s : sl) {
    EXPECT_LE(s.volume, od(s.origin, s.destination) + 1e-6);
    sum += s.volume;
  }
  EXPECT_NEAR(sum, r.volume[link], 1e-6 * r.volume[link]);
  EXPECT_GT(sl.size(), 10u);
}

TEST(Assignment, SiouxFallsFrankWolfeFamilyConverges) {
  const auto net = Network::fromTntp(readTntpNetwork(kDir + "SiouxFalls_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(kDir + "SiouxFalls_trips.tntp"));
  const auto pub = published(net, kDir + "SiouxFalls_flow.tntp");
  for (const auto alg : {AssignmentAlgorithm::FrankWolfe, AssignmentAlgorithm::BiconjugateFrankWolfe}) {
    AssignmentOptions o;
    o.algorithm = alg;
    o.relativeGap = 1e-4;
    o.maxIterations = 5000;
    const auto r = assign(net, od, o, ekm::core::nullFeedback());
    EXPECT_TRUE(r.converged) << algorithmName(alg);
    EXPECT_NEAR(r.tstt, pub.tstt, 1e-3 * pub.tstt) << algorithmName(alg);
    // Gaps reported every iteration; the Beckmann objective never increases.
    for (std::size_t k = 1; k < r.iterations.size(); ++k)
      EXPECT_LE(r.iterations[k].beckmann, r.iterations[k - 1].beckmann * (1 + 1e-12)) << algorithmName(alg) << " " << k;
    if (alg == AssignmentAlgorithm::BiconjugateFrankWolfe) {
      AssignmentOptions fw = o;
      fw.algorithm = AssignmentAlgorithm::FrankWolfe;
      EXPECT_LT(r.iterations.size(), assign(net, od, fw, ekm::core::nullFeedback()).iterations.size());
    }
  }
}

// Floating-point sums must not depend on how the origins fall to the threads: a run gives the
// same bits with 1, 2 or 3 threads and when repeated (scenario runs store the gap and the flows).
TEST(Assignment, ResultsAreBitIdenticalWhateverTheThreads) {
  const auto net = Network::fromTntp(readTntpNetwork(kDir + "SiouxFalls_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(kDir + "SiouxFalls_trips.tntp"));
  for (const auto alg : {AssignmentAlgorithm::BiconjugateFrankWolfe, AssignmentAlgorithm::AlgorithmB}) {
    AssignmentOptions o;
    o.algorithm = alg;
    o.relativeGap = 1e-6;
    o.maxIterations = 30;
    o.threads = 1;
    const auto reference = assign(net, od, o, ekm::core::nullFeedback());
    for (const int threads : {2, 3, 2, 3}) {
      o.threads = threads;
      const auto r = assign(net, od, o, ekm::core::nullFeedback());
      ASSERT_EQ(r.iterations.size(), reference.iterations.size()) << algorithmName(alg) << " threads " << threads;
      for (std::size_t k = 0; k < r.iterations.size(); ++k) {
        // Bit for bit, not near: EXPECT_EQ on doubles.
        EXPECT_EQ(r.iterations[k].relativeGap, reference.iterations[k].relativeGap)
            << algorithmName(alg) << " threads " << threads << " iteration " << k;
        EXPECT_EQ(r.iterations[k].sptt, reference.iterations[k].sptt) << algorithmName(alg) << " " << k;
      }
      EXPECT_EQ(r.volume, reference.volume) << algorithmName(alg) << " threads " << threads;
    }
  }
  // The free-flow evaluation sums SPTT across origins too.
  const std::vector<double> zero(static_cast<std::size_t>(net.linkCount()), 0.0);
  const auto e = evaluateVolumes(net, od, zero, {});
  for (int k = 0; k < 3; ++k) EXPECT_EQ(evaluateVolumes(net, od, zero, {}).sptt, e.sptt);
}

TEST(Assignment, ChicagoSketchMatchesPublishedSolution) {
  const std::string dir = ekm::core::sourceDir() + "/../shared/data/tntp/Chicago-Sketch/";
  if (!std::filesystem::exists(dir + "ChicagoSketch_net.tntp")) GTEST_SKIP() << "no " << dir;
  const auto net = Network::fromTntp(readTntpNetwork(dir + "ChicagoSketch_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(dir + "ChicagoSketch_trips.tntp"));
  const auto pub = published(net, dir + "ChicagoSketch_flow.tntp");
  CostWeights w{0.02, 0.04};  // the README's generalized cost weights
  const auto e = evaluateVolumes(net, od, pub.volume, w);
  EXPECT_LT(e.relativeGap, 1e-10);
  EXPECT_NEAR(e.tstt, pub.tstt, 1e-6 * pub.tstt);
  EXPECT_NEAR(pub.tstt, 18935450.261583, 1e-2);
  EXPECT_NEAR(e.beckmann, 17313018.7387477, 1e-3);  // README's objective

  AssignmentOptions o;
  o.algorithm = AssignmentAlgorithm::AlgorithmB;
  o.relativeGap = 1e-4;
  o.weights = w;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.tstt, pub.tstt, 1e-3 * pub.tstt);  // within 0.1%
}

TEST(Assignment, FreeFlowSkimsAgreeWithBoostDijkstra) {
  const auto net = Network::fromTntp(readTntpNetwork(kDir + "SiouxFalls_net.tntp"));
  const std::vector<double> zero(static_cast<std::size_t>(net.linkCount()), 0.0);
  const auto skims = computeSkims(net, zero, {}, ekm::core::nullFeedback());
  std::vector<double> cost(static_cast<std::size_t>(net.linkCount()));
  for (int a = 0; a < net.linkCount(); ++a) cost[a] = net.link(a).freeFlowTime;
  std::vector<double> dist;
  std::vector<std::int32_t> pred;
  for (int o = 0; o < net.zoneCount(); ++o) {
    boostShortestPaths(net, o, cost, dist, pred);
    for (int d = 0; d < net.zoneCount(); ++d) {
      EXPECT_DOUBLE_EQ(skims.cost(o, d), dist[d]);
      EXPECT_DOUBLE_EQ(skims.time(o, d), dist[d]);  // no toll or distance weight
      EXPECT_DOUBLE_EQ(skims.distance(o, d), dist[d]);  // Sioux Falls: length = free flow time
    }
  }
  EXPECT_DOUBLE_EQ(skims.cost(0, 1), 6.0);  // link 1 -> 2
}

TEST(Assignment, CancelStopsTheRun) {
  const auto net = Network::fromTntp(readTntpNetwork(kDir + "SiouxFalls_net.tntp"));
  const auto od = OdMatrix::fromTntp(readTntpTrips(kDir + "SiouxFalls_trips.tntp"));
  for (const auto alg : {AssignmentAlgorithm::FrankWolfe, AssignmentAlgorithm::AlgorithmB}) {
    ekm::core::Feedback fb;
    int logged = 0;
    fb.setLogHandler([&](ekm::core::LogLevel, const std::string&) {
      if (++logged == 3) fb.cancel();  // cancel from inside the run, after 3 iterations
    });
    AssignmentOptions o;
    o.algorithm = alg;
    o.relativeGap = 1e-12;
    o.maxIterations = 100000;
    EXPECT_THROW(assign(net, od, o, fb), ekm::core::CancelledError) << algorithmName(alg);
    EXPECT_EQ(logged, 3);
  }
}

TEST(Assignment, ZoneCountMismatchIsAnError) {
  const Network net = twoLinks();
  OdMatrix od(3);
  EXPECT_THROW(assign(net, od, {}, ekm::core::nullFeedback()), ekm::core::ValidationError);
}
