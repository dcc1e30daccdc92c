// Traffic assignment on Chicago Sketch (../shared/data/tntp): time to relative gap
// 1e-4 and 1e-6 per algorithm, iterations and time per iteration; and one
// shortest-path tree by the hand-rolled Dijkstra vs boost::dijkstra_shortest_paths.
//
//   build-*/bench/assignment_bench [--benchmark_filter=...]
//
// Counters: iterations (assignment iterations), gap (reached), ms_per_iter, and
// seconds (wall time of the run, including building bushes / the first AON).
// Frank-Wolfe and bi-conjugate FW are given an iteration budget (they need thousands
// of iterations for 1e-4 on this network); their counters say what they reached.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;

namespace {

struct Chicago {
  Network net;
  OdMatrix od;
};

const Chicago* chicago() {
  static std::unique_ptr<Chicago> data = [] {
    const std::string dir = std::string(EKM_SHARED_DATA_DIR) + "/tntp/Chicago-Sketch/";
    if (!std::filesystem::exists(dir + "ChicagoSketch_net.tntp")) return std::unique_ptr<Chicago>();
    auto c = std::make_unique<Chicago>();
    c->net = Network::fromTntp(readTntpNetwork(dir + "ChicagoSketch_net.tntp"));
    c->od = OdMatrix::fromTntp(readTntpTrips(dir + "ChicagoSketch_trips.tntp"));
    return c;
  }();
  return data.get();
}

void runAssignment(benchmark::State& state, AssignmentAlgorithm algorithm, double gap, int maxIterations) {
  const Chicago* c = chicago();
  if (!c) {
    state.SkipWithError("Chicago Sketch not found under ../shared/data/tntp");
    return;
  }
  AssignmentOptions o;
  o.algorithm = algorithm;
  o.relativeGap = gap;
  o.maxIterations = maxIterations;
  o.weights = {0.02, 0.04};
  o.threads = static_cast<int>(state.range(0));
  AssignmentResult r;
  for (auto _ : state) {
    r = assign(c->net, c->od, o, ekm::core::nullFeedback());
    benchmark::DoNotOptimize(r.tstt);
  }
  const int it = r.iterations.empty() ? 0 : r.iterations.back().iteration;
  state.counters["iterations"] = it;
  state.counters["gap"] = r.relativeGap;
  state.counters["converged"] = r.converged ? 1 : 0;
  state.counters["seconds"] = r.seconds;
  state.counters["ms_per_iter"] = it ? 1000.0 * r.seconds / it : 0.0;
}

void BM_AlgorithmB_1e4(benchmark::State& s) { runAssignment(s, AssignmentAlgorithm::AlgorithmB, 1e-4, 1000); }
void BM_AlgorithmB_1e6(benchmark::State& s) { runAssignment(s, AssignmentAlgorithm::AlgorithmB, 1e-6, 1000); }
void BM_BiconjugateFW_1e4(benchmark::State& s) {
  runAssignment(s, AssignmentAlgorithm::BiconjugateFrankWolfe, 1e-4, 500);
}
void BM_FrankWolfe_1e4(benchmark::State& s) { runAssignment(s, AssignmentAlgorithm::FrankWolfe, 1e-4, 500); }

// Arguments: shortest-path threads (1 = single-threaded, 2 = both cores).
BENCHMARK(BM_AlgorithmB_1e4)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_AlgorithmB_1e6)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_BiconjugateFW_1e4)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_FrankWolfe_1e4)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

std::vector<double> freeFlowCosts(const Network& net) {
  std::vector<double> cost(static_cast<std::size_t>(net.linkCount()));
  for (int a = 0; a < net.linkCount(); ++a) cost[a] = net.link(a).freeFlowTime + 0.04 * net.link(a).length;
  return cost;
}

void BM_ShortestPathTree_HandRolled(benchmark::State& state) {
  const Chicago* c = chicago();
  if (!c) {
    state.SkipWithError("Chicago Sketch not found");
    return;
  }
  const auto cost = freeFlowCosts(c->net);
  ShortestPathSolver sp(c->net);
  int o = 0;
  for (auto _ : state) {
    sp.run(o, cost);
    benchmark::DoNotOptimize(sp.distance().data());
    o = (o + 1) % c->net.zoneCount();
  }
}
BENCHMARK(BM_ShortestPathTree_HandRolled)->Unit(benchmark::kMicrosecond);

void BM_ShortestPathTree_BoostGraph(benchmark::State& state) {
  const Chicago* c = chicago();
  if (!c) {
    state.SkipWithError("Chicago Sketch not found");
    return;
  }
  const auto cost = freeFlowCosts(c->net);
  std::vector<double> dist;
  std::vector<std::int32_t> pred;
  int o = 0;
  for (auto _ : state) {
    boostShortestPaths(c->net, o, cost, dist, pred);
    benchmark::DoNotOptimize(dist.data());
    o = (o + 1) % c->net.zoneCount();
  }
}
BENCHMARK(BM_ShortestPathTree_BoostGraph)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
