// Algorithm B (Dial 2006): origin-based assignment on acyclic bushes.
// (Our own implementation from the paper's description; after each sweep of bush
// improvements, extra equilibration sweeps over all bushes as in later B codes.)
//
// Each origin keeps a bush (an acyclic set of links) and its own link flows. An
// iteration visits the origins in turn (Gauss-Seidel: link costs follow every flow
// shift) and, for each:
//  1. improves the bush: drops links without flow (keeping the shortest-path tree
//     inside the bush) and adds links that are shortcuts (L_i + c_ij < L_j) and keep
//     the bush acyclic (U_i < U_j, U = longest path over the bush's links);
//  2. equilibrates it: for every node j in reverse topological order, the longest
//     used path and the shortest path to j are traced back to where they diverge,
//     and flow moves from the longer segment to the shorter by a Newton step
//     (difference of segment costs over the sum of their derivatives), bounded by
//     the least flow on the longer segment. The step is safeguarded: if it overshoots
//     (the receiving segment ends up dearer than the giving one), it is pulled back to
//     the secant root between no shift and the Newton shift.
// The relative gap is measured after each iteration with shortest paths over the
// whole network (in parallel across origins).
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "assignment_common.h"

namespace ekm::demand::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kFlowEps = 1e-12;

struct Bush {
  int origin = 0;
  std::vector<double> flow;     // per link
  std::vector<std::uint8_t> in;  // link in the bush
  std::vector<std::int32_t> order;  // topological order of reachable nodes
};

class Solver {
 public:
  Solver(const Network& net, const OdMatrix& demand, const AssignmentOptions& options)
      : m_net(net),
        m_demand(demand),
        m_n(net.nodeCount()),
        m_m(net.linkCount()),
        m_fixed(fixedCosts(net, options.weights)),
        m_volume(static_cast<std::size_t>(m_m), 0.0),
        m_cost(static_cast<std::size_t>(m_m)),
        m_deriv(static_cast<std::size_t>(m_m)),
        m_L(static_cast<std::size_t>(m_n)),
        m_U(static_cast<std::size_t>(m_n)),
        m_minPred(static_cast<std::size_t>(m_n)),
        m_maxPred(static_cast<std::size_t>(m_n)),
        m_pos(static_cast<std::size_t>(m_n)),
        m_indeg(static_cast<std::size_t>(m_n)) {
    for (int a = 0; a < m_m; ++a) updateLink(a);
  }

  void updateLink(int a) {
    m_cost[a] = m_net.linkTime(a, m_volume[a]) + m_fixed[a];
    m_deriv[a] = m_net.linkTimeDerivative(a, m_volume[a]);
  }

  // Initial bush: the free-flow shortest-path tree with all demand on it, plus every
  // link that goes strictly away from the origin (Dial's initial bush).
  void initBush(Bush& bush, ShortestPathSolver& sp) {
    const int o = bush.origin;
    bush.flow.assign(static_cast<std::size_t>(m_m), 0.0);
    bush.in.assign(static_cast<std::size_t>(m_m), 0);
    sp.run(o, m_cost);
    const auto& dist = sp.distance();
    const auto& pred = sp.predecessorLink();
    for (int a = 0; a < m_m; ++a) {
      const int i = m_net.linkTail()[a], j = m_net.linkHead()[a];
      if (dist[i] == kInf || !m_net.passable(i, o)) continue;
      if (dist[i] < dist[j] || pred[j] == a) bush.in[a] = 1;
    }
    sp.loadTree(m_demand.row(o), bush.flow);
    for (int a = 0; a < m_m; ++a) m_volume[a] += bush.flow[a];
    topologicalSort(bush);
  }

  void topologicalSort(Bush& bush) {
    const auto& outStart = m_net.outStart();
    const auto& outLinks = m_net.outLinks();
    const auto& head = m_net.linkHead();
    std::fill(m_indeg.begin(), m_indeg.end(), 0);
    for (int a = 0; a < m_m; ++a)
      if (bush.in[a]) ++m_indeg[head[a]];
    bush.order.clear();
    bush.order.push_back(bush.origin);
    for (std::size_t q = 0; q < bush.order.size(); ++q) {
      const int v = bush.order[q];
      m_pos[v] = static_cast<std::int32_t>(q);
      for (auto k = outStart[v]; k < outStart[v + 1]; ++k) {
        const auto a = outLinks[k];
        if (bush.in[a] && --m_indeg[head[a]] == 0) bush.order.push_back(head[a]);
      }
    }
  }

  // Min labels over all bush links; max labels over all bush links (usedOnly=false)
  // or over links with flow (usedOnly=true), with their predecessor links.
  void labels(const Bush& bush, bool usedOnly) {
    const auto& inStart = m_net.inStart();
    const auto& inLinks = m_net.inLinks();
    const auto& tail = m_net.linkTail();
    std::fill(m_L.begin(), m_L.end(), kInf);
    std::fill(m_U.begin(), m_U.end(), -kInf);
    for (std::size_t q = 0; q < bush.order.size(); ++q) m_pos[bush.order[q]] = static_cast<std::int32_t>(q);
    for (const auto v : bush.order) {
      double L = kInf, U = -kInf;
      std::int32_t lp = -1, up = -1;
      if (v == bush.origin) {
        L = U = 0;
      } else {
        for (auto k = inStart[v]; k < inStart[v + 1]; ++k) {
          const auto a = inLinks[k];
          if (!bush.in[a]) continue;
          const auto i = tail[a];
          const double c = m_cost[a];
          if (m_L[i] + c < L) {
            L = m_L[i] + c;
            lp = a;
          }
          if ((!usedOnly || bush.flow[a] > kFlowEps) && m_U[i] != -kInf && m_U[i] + c > U) {
            U = m_U[i] + c;
            up = a;
          }
        }
      }
      m_L[v] = L;
      m_U[v] = U;
      m_minPred[v] = lp;
      m_maxPred[v] = up;
    }
  }

  // Returns the number of links added.
  int improveBush(Bush& bush) {
    // Labels over the current bush; mark reachable nodes.
    labels(bush, false);
    const auto& head = m_net.linkHead();
    // Drop links without flow unless they carry the shortest path to their head.
    for (int a = 0; a < m_m; ++a)
      if (bush.in[a] && bush.flow[a] <= kFlowEps && m_minPred[head[a]] != a) {
        bush.in[a] = 0;
        bush.flow[a] = 0;
      }
    // The longest-path labels U of the bush before the drop remain a potential of what
    // is left (U_i + c_ij <= U_j on every remaining link), so adding only links with
    // U_i < U_j cannot close a cycle.
    int added = 0;
    const int o = bush.origin;
    for (const auto i : bush.order) {
      if (!m_net.passable(i, o)) continue;
      for (auto k = m_net.outStart()[i]; k < m_net.outStart()[i + 1]; ++k) {
        const auto a = m_net.outLinks()[k];
        if (bush.in[a]) continue;
        const auto j = head[a];
        if (j == o) continue;
        if (m_L[i] + m_cost[a] < m_L[j] - 1e-12 * (1 + m_L[j]) && m_U[i] < m_U[j]) {
          bush.in[a] = 1;
          ++added;
        }
      }
    }
    if (added) topologicalSort(bush);
    return added;
  }

  // One pass of flow shifts over the bush; returns the largest cost difference
  // between the longest used and the shortest path over nodes seen.
  double equilibrate(Bush& bush) {
    labels(bush, true);
    const auto& tail = m_net.linkTail();
    double maxDiff = 0;
    for (auto it = bush.order.rbegin(); it != bush.order.rend(); ++it) {
      const int j = *it;
      if (j == bush.origin) continue;
      const auto up = m_maxPred[j];
      const auto lp = m_minPred[j];
      if (up < 0 || lp < 0 || up == lp) continue;
      if (m_U[j] - m_L[j] <= 1e-14 * (1 + m_L[j])) continue;
      // Trace both paths back to where they meet.
      int a = tail[lp], b = tail[up];
      bool ok = true;
      while (a != b) {
        if (m_pos[a] > m_pos[b]) {
          const auto p = m_minPred[a];
          if (p < 0) { ok = false; break; }
          a = tail[p];
        } else {
          const auto p = m_maxPred[b];
          if (p < 0) { ok = false; break; }
          b = tail[p];
        }
      }
      if (!ok) continue;
      const int div = a;
      m_minSeg.clear();
      m_maxSeg.clear();
      for (int v = j; v != div; v = tail[m_minPred[v]]) m_minSeg.push_back(m_minPred[v]);
      for (int v = j; v != div; v = tail[m_maxPred[v]]) m_maxSeg.push_back(m_maxPred[v]);
      double cMin = 0, dMin = 0, cMax = 0, dMax = 0, cap = kInf;
      for (const auto l : m_minSeg) {
        cMin += m_cost[l];
        dMin += m_deriv[l];
      }
      for (const auto l : m_maxSeg) {
        cMax += m_cost[l];
        dMax += m_deriv[l];
        cap = std::min(cap, bush.flow[l]);
      }
      const double diff = cMax - cMin;
      if (diff <= 0 || cap <= 0) continue;
      maxDiff = std::max(maxDiff, diff);
      const double den = dMax + dMin;
      const double dx = den > 0 ? std::min(cap, diff / den) : cap;
      if (dx <= 0) continue;
      shift(bush, m_maxSeg, m_minSeg, dx);
      // The derivatives are those at the current flows, and a link without flow can report
      // a slope below the one it takes on as soon as flow arrives (BPR power 1 gives 0 at
      // zero volume where t0 b / capacity is meant). The Newton step then overshoots; for
      // exactly tied segments it moves all the flow across, the next pass moves it all
      // back, and the bush never leaves its all-or-nothing start. On an overshoot, go back
      // to the secant root of the cost difference between 0 and dx: exact for linear
      // costs, and otherwise still inside [0, dx], which brackets the equilibrium shift
      // (the cost difference increases with the shift).
      double over = 0;
      for (const auto l : m_minSeg) over += m_cost[l];
      for (const auto l : m_maxSeg) over -= m_cost[l];
      if (over > 0) shift(bush, m_minSeg, m_maxSeg, dx * over / (diff + over));
    }
    return maxDiff;
  }

  // Moves dx of the bush's flow (and of the link volumes) from the links `from` to `to`.
  void shift(Bush& bush, const std::vector<std::int32_t>& from, const std::vector<std::int32_t>& to,
             double dx) {
    for (const auto l : to) {
      bush.flow[l] += dx;
      m_volume[l] += dx;
      updateLink(l);
    }
    for (const auto l : from) {
      double& f = bush.flow[l];
      f = f - dx <= kFlowEps * (1 + dx) ? 0.0 : f - dx;
      m_volume[l] = std::max(0.0, m_volume[l] - dx);
      updateLink(l);
    }
  }

  void recomputeVolumes(const std::vector<Bush>& bushes) {
    std::fill(m_volume.begin(), m_volume.end(), 0.0);
    for (const auto& b : bushes)
      for (int a = 0; a < m_m; ++a) m_volume[a] += b.flow[a];
    for (int a = 0; a < m_m; ++a) updateLink(a);
  }

  const std::vector<double>& volume() const { return m_volume; }
  const std::vector<double>& cost() const { return m_cost; }

 private:
  const Network& m_net;
  const OdMatrix& m_demand;
  int m_n, m_m;
  std::vector<double> m_fixed, m_volume, m_cost, m_deriv, m_L, m_U;
  std::vector<std::int32_t> m_minPred, m_maxPred, m_pos, m_indeg;
  std::vector<std::int32_t> m_minSeg, m_maxSeg;  // equilibrate(): the two segments' links
};

}  // namespace

AssignmentResult runAlgorithmB(const Network& net, const OdMatrix& demand, const AssignmentOptions& options,
                               core::Feedback& feedback) {
  const auto t0 = Clock::now();
  AssignmentResult result;
  Solver solver(net, demand, options);
  ParallelAon gapAon(net, demand, options.threads);
  const auto& origins = gapAon.origins();
  std::vector<Bush> bushes(origins.size());
  {
    ShortestPathSolver sp(net);
    for (std::size_t k = 0; k < origins.size(); ++k) {
      if ((k & 15) == 0) feedback.throwIfCancelled();
      bushes[k].origin = origins[k];
      solver.initBush(bushes[k], sp);
    }
  }
  solver.recomputeVolumes(bushes);

  auto measure = [&](int it) {
    const double sptt = gapAon.run(solver.cost(), nullptr, feedback);
    IterationRecord r;
    r.iteration = it;
    const auto& x = solver.volume();
    r.tstt = std::inner_product(x.begin(), x.end(), solver.cost().begin(), 0.0);
    r.sptt = sptt;
    r.relativeGap = r.tstt > 0 ? (r.tstt - sptt) / r.tstt : 0;
    r.beckmann = beckmann(net, x, options.weights);
    r.seconds = secondsSince(t0);
    reportIteration(feedback, result, options, r);
    return r.relativeGap;
  };

  double gap = measure(0);
  for (int it = 1; it <= options.maxIterations && gap > options.relativeGap; ++it) {
    for (std::size_t k = 0; k < bushes.size(); ++k) {
      if ((k & 7) == 0) feedback.throwIfCancelled();
      Bush& bush = bushes[k];
      solver.improveBush(bush);
      for (int pass = 0; pass < std::max(1, options.bushPasses); ++pass) {
        const double diff = solver.equilibrate(bush);
        if (diff <= 0) break;
      }
    }
    // Extra equilibration sweeps over all bushes (costs moved as other origins shifted).
    for (int sweep = 0; sweep < options.bushSweeps; ++sweep)
      for (std::size_t k = 0; k < bushes.size(); ++k) {
        if ((k & 7) == 0) feedback.throwIfCancelled();
        solver.equilibrate(bushes[k]);
      }
    solver.recomputeVolumes(bushes);
    gap = measure(it);
  }
  result.converged = gap <= options.relativeGap;
  result.volume = solver.volume();
  if (options.keepOriginFlows) {
    result.originFlows.assign(static_cast<std::size_t>(net.zoneCount()), {});
    for (auto& b : bushes) result.originFlows[static_cast<std::size_t>(b.origin)] = std::move(b.flow);
  }
  return result;
}

}  // namespace ekm::demand::detail
