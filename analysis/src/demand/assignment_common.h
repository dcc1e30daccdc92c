#pragma once
// Internal helpers shared by the assignment algorithms (not a public header).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <span>
#include <mutex>
#include <thread>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/shortest_path.h"

namespace ekm::demand::detail {

inline int threadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hc = std::thread::hardware_concurrency();
  return hc == 0 ? 1 : static_cast<int>(hc);
}

// Zones with positive demand to some other zone.
inline std::vector<int> activeOrigins(const OdMatrix& demand) {
  std::vector<int> out;
  for (int o = 0; o < demand.zoneCount(); ++o) {
    const auto row = demand.row(o);
    for (int d = 0; d < demand.zoneCount(); ++d)
      if (d != o && row[d] > 0) {
        out.push_back(o);
        break;
      }
  }
  return out;
}

// Runs fn(threadIndex, origin) for every origin on `threads` threads (origins taken
// from a shared counter). Polls cancellation between origins; rethrows the first
// exception after joining.
template <class Fn>
void forEachOrigin(const std::vector<int>& origins, int threads, const core::Feedback& feedback, Fn&& fn) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(origins.size())));
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex errorMutex;
  std::atomic<bool> stop{false};
  auto worker = [&](int t) {
    try {
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) return;
        if (feedback.isCancelled()) return;
        const std::size_t k = next.fetch_add(1);
        if (k >= origins.size()) return;
        fn(t, origins[k]);
      }
    } catch (...) {
      std::lock_guard lock(errorMutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
  };
  if (threads == 1) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& th : pool) th.join();
  }
  if (error) std::rethrow_exception(error);
  feedback.throwIfCancelled();
}

// All-or-nothing on `cost` over all origins: per-thread solvers; adds volumes into
// `volume` (if given) and returns SPTT.
class ParallelAon {
 public:
  ParallelAon(const Network& net, const OdMatrix& demand, int threads)
      : m_net(net), m_demand(demand), m_origins(activeOrigins(demand)),
        m_threads(std::max(1, std::min<int>(threadCount(threads), static_cast<int>(m_origins.size())))) {
    for (int t = 0; t < m_threads; ++t) {
      m_solvers.emplace_back(std::make_unique<ShortestPathSolver>(net));
      m_volumes.emplace_back(static_cast<std::size_t>(net.linkCount()), 0.0);
    }
    m_sptt.assign(static_cast<std::size_t>(m_threads), 0.0);
  }
  double run(std::span<const double> cost, std::vector<double>* volume, const core::Feedback& feedback) {
    for (int t = 0; t < m_threads; ++t) {
      m_sptt[t] = 0;
      if (volume) std::fill(m_volumes[t].begin(), m_volumes[t].end(), 0.0);
    }
    forEachOrigin(m_origins, m_threads, feedback, [&](int t, int o) {
      auto& s = *m_solvers[t];
      s.run(o, cost);
      const auto row = m_demand.row(o);
      m_sptt[t] += s.demandWeightedDistance(row);
      if (volume) s.loadTree(row, m_volumes[t]);
    });
    double sptt = 0;
    for (int t = 0; t < m_threads; ++t) sptt += m_sptt[t];
    if (volume) {
      volume->assign(static_cast<std::size_t>(m_net.linkCount()), 0.0);
      for (int t = 0; t < m_threads; ++t)
        for (std::size_t a = 0; a < volume->size(); ++a) (*volume)[a] += m_volumes[t][a];
    }
    return sptt;
  }
  const std::vector<int>& origins() const { return m_origins; }
  int threads() const { return m_threads; }

 private:
  const Network& m_net;
  const OdMatrix& m_demand;
  std::vector<int> m_origins;
  int m_threads;
  std::vector<std::unique_ptr<ShortestPathSolver>> m_solvers;
  std::vector<std::vector<double>> m_volumes;
  std::vector<double> m_sptt;
};

inline void linkCosts(const Network& net, const std::vector<double>& volume, const std::vector<double>& fixed,
                      std::vector<double>& cost) {
  cost.resize(volume.size());
  for (std::size_t a = 0; a < volume.size(); ++a) cost[a] = net.linkTime(static_cast<int>(a), volume[a]) + fixed[a];
}

inline std::vector<double> fixedCosts(const Network& net, const CostWeights& w) {
  std::vector<double> f(static_cast<std::size_t>(net.linkCount()));
  for (int a = 0; a < net.linkCount(); ++a) f[a] = net.fixedCost(a, w);
  return f;
}

inline double beckmann(const Network& net, const std::vector<double>& volume, const CostWeights& w) {
  double s = 0;
  for (int a = 0; a < net.linkCount(); ++a) s += net.linkCostIntegral(a, volume[a], w);
  return s;
}

using Clock = std::chrono::steady_clock;
inline double secondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Reports an iteration (log line + progress on a log scale of the gap) and records it.
void reportIteration(core::Feedback& feedback, AssignmentResult& result, const AssignmentOptions& options,
                     IterationRecord record);

AssignmentResult runFrankWolfe(const Network& net, const OdMatrix& demand, const AssignmentOptions& options,
                               core::Feedback& feedback);
AssignmentResult runAlgorithmB(const Network& net, const OdMatrix& demand, const AssignmentOptions& options,
                               core::Feedback& feedback);

}  // namespace ekm::demand::detail
