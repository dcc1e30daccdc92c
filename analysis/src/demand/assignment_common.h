#pragma once
// Internal helpers shared by the assignment algorithms (not a public header).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <span>
#include <mutex>
#include <numeric>
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

// All-or-nothing on `cost` over all origins; adds volumes into `volume` (if given) and
// returns SPTT. Deterministic whatever the thread count and scheduling: the origins are
// cut into a fixed number of contiguous chunks (from the problem's size only), each chunk
// loads its origins in order into its own volume vector, SPTT is kept per origin, and
// both are summed in origin order after the join. Threads take whole chunks.
class ParallelAon {
 public:
  ParallelAon(const Network& net, const OdMatrix& demand, int threads)
      : m_net(net), m_demand(demand), m_origins(activeOrigins(demand)),
        m_threads(std::max(1, std::min<int>(threadCount(threads), static_cast<int>(m_origins.size())))) {
    const std::size_t links = std::max<std::size_t>(1, static_cast<std::size_t>(net.linkCount()));
    // Enough chunks to balance the threads, few enough to keep the chunk volumes small
    // (at most kChunks, and about 16 M doubles in all on large networks).
    const std::size_t chunks = std::clamp<std::size_t>(
        std::min<std::size_t>({kChunks, m_origins.size(), (std::size_t{1} << 24) / links}), 1, kChunks);
    for (std::size_t c = 0; c <= chunks; ++c) m_chunkBegin.push_back(c * m_origins.size() / chunks);
    m_threads = std::min<int>(m_threads, static_cast<int>(chunks));
    for (int t = 0; t < m_threads; ++t) m_solvers.emplace_back(std::make_unique<ShortestPathSolver>(net));
    m_chunkVolumes.assign(chunks, {});
    m_sptt.assign(m_origins.size(), 0.0);
    m_chunkIndex.resize(chunks);
    std::iota(m_chunkIndex.begin(), m_chunkIndex.end(), 0);
  }
  double run(std::span<const double> cost, std::vector<double>* volume, const core::Feedback& feedback) {
    const auto links = static_cast<std::size_t>(m_net.linkCount());
    forEachOrigin(m_chunkIndex, m_threads, feedback, [&](int t, int c) {
      auto& s = *m_solvers[t];
      auto& chunkVolume = m_chunkVolumes[static_cast<std::size_t>(c)];
      if (volume) chunkVolume.assign(links, 0.0);
      for (std::size_t k = m_chunkBegin[c]; k < m_chunkBegin[c + 1]; ++k) {
        if (feedback.isCancelled()) return;  // forEachOrigin throws after the join
        const int o = m_origins[k];
        s.run(o, cost);
        const auto row = m_demand.row(o);
        m_sptt[k] = s.demandWeightedDistance(row);
        if (volume) s.loadTree(row, chunkVolume);
      }
    });
    double sptt = 0;
    for (const double v : m_sptt) sptt += v;
    if (volume) {
      volume->assign(links, 0.0);
      for (const auto& chunkVolume : m_chunkVolumes)
        for (std::size_t a = 0; a < links; ++a) (*volume)[a] += chunkVolume[a];
    }
    return sptt;
  }
  const std::vector<int>& origins() const { return m_origins; }
  int threads() const { return m_threads; }

 private:
  static constexpr std::size_t kChunks = 64;
  const Network& m_net;
  const OdMatrix& m_demand;
  std::vector<int> m_origins;
  int m_threads;
  std::vector<std::size_t> m_chunkBegin;  // chunk c = origins [m_chunkBegin[c], m_chunkBegin[c+1])
  std::vector<int> m_chunkIndex;          // 0..chunks-1, the work items
  std::vector<std::unique_ptr<ShortestPathSolver>> m_solvers;  // one per thread
  std::vector<std::vector<double>> m_chunkVolumes;
  std::vector<double> m_sptt;  // per origin
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
