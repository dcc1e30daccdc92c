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
// whole network (in parallel across origins). The initial bushes, which only read the
// free-flow costs, are built in parallel too; the rest is sequential (Gauss-Seidel), so
// the result does not depend on the thread count.
//
// Speed: a bush is stored compactly (its links grouped by their head's position in its
// topological order, each with the origin's flow), so label passes read only the bush's
// links in order; links added during improvement that go forward in the current order are
// merged in place, and a new order (Kahn) is computed only when one goes backward.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "assignment_common.h"

namespace ekm::demand::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kFlowEps = 1e-12;

// A bush in compact form: its links grouped by their head's position in the bush's
// topological order (so label passes read only the bush's own links, in order), each with
// the origin's flow on it.
// Sizes `v` to n elements without the growth slack of vector::resize (the bushes are most of
// the solver's memory): a vector that must grow, or is more than a quarter too large, is
// reallocated at exactly n. Contents are not kept when it is reallocated.
template <class T>
void resizeExact(std::vector<T>& v, std::size_t n) {
  if (n > v.capacity() || v.capacity() - n > n / 4) {
    std::vector<T> exact(n);
    v.swap(exact);
  } else {
    v.resize(n);
  }
}

struct Bush {
  int origin = 0;
  std::vector<std::int32_t> order;    // topological order of the nodes the bush reaches
  std::vector<std::int32_t> inStart;  // links into order[q]: entries inStart[q] .. inStart[q+1]
  std::vector<std::int32_t> link;     // per entry: the network link
  std::vector<double> flow;           // per entry: the origin's flow on it
};

// Link volumes with the costs and cost derivatives at them.
struct LinkState {
  std::vector<double> volume, cost, deriv;
};

// Improves and equilibrates bushes against one LinkState, keeping it up to date as flow
// moves; holds the scratch arrays of that work (one worker per thread).
class BushWorker {
 public:
  BushWorker(const Network& net, const OdMatrix& demand, const std::vector<double>& fixed, LinkState& links)
      : m_net(net),
        m_demand(demand),
        m_n(net.nodeCount()),
        m_m(net.linkCount()),
        m_fixed(fixed),
        m_links(&links),
        m_L(static_cast<std::size_t>(m_n)),
        m_U(static_cast<std::size_t>(m_n)),
        m_minPred(static_cast<std::size_t>(m_n)),
        m_maxPred(static_cast<std::size_t>(m_n)),
        m_pos(static_cast<std::size_t>(m_n)),
        m_indeg(static_cast<std::size_t>(m_n)),
        m_member(static_cast<std::size_t>(m_m), 0),
        m_linkFlow(static_cast<std::size_t>(m_m), 0.0) {}

  void setLinks(LinkState& links) { m_links = &links; }

  void updateLink(int a) {
    auto& x = *m_links;
    x.cost[a] = m_net.linkTime(a, x.volume[a]) + m_fixed[a];
    x.deriv[a] = m_net.linkTimeDerivative(a, x.volume[a]);
  }

  // Initial bush: the shortest-path tree at the current costs with all demand on it, plus
  // every link that goes strictly away from the origin (Dial's initial bush). Leaves the
  // link volumes as they are (the caller sums the bushes' flows).
  void initBush(Bush& bush, ShortestPathSolver& sp) {
    const int o = bush.origin;
    sp.run(o, m_links->cost);
    const auto& dist = sp.distance();
    const auto& pred = sp.predecessorLink();
    for (int a = 0; a < m_m; ++a) {
      const int i = m_net.linkTail()[a], j = m_net.linkHead()[a];
      if (dist[i] == kInf || !m_net.passable(i, o)) continue;
      if (dist[i] < dist[j] || pred[j] == a) mark(a, 0.0);
    }
    sp.loadTree(m_demand.row(o), m_linkFlow);
    rebuild(bush, true);
  }

  // Rebuilds the bush from the links marked in m_member (with their flows in m_linkFlow):
  // a new topological order (Kahn) when `reorder`, then the entries grouped by head
  // position. Clears the marks and the flows it read. (After drops alone the old order
  // stays valid, every node staying reachable along its shortest-path link: see
  // dropUnmarked.)
  void rebuild(Bush& bush, bool reorder) {
    if (reorder) sortTopologically(bush);
    // Raw pointers: the compiler cannot prove the vectors written here do not alias those read.
    const std::int32_t* inStart = m_net.inStart().data();
    const std::int32_t* inLinks = m_net.inLinks().data();
    std::uint8_t* member = m_member.data();
    double* linkFlow = m_linkFlow.data();
    const std::size_t size = bush.order.size();
    resizeExact(bush.inStart, size + 1);
    resizeExact(bush.link, m_memberList.size());
    resizeExact(bush.flow, m_memberList.size());
    const std::int32_t* order = bush.order.data();
    std::int32_t* start = bush.inStart.data();
    std::int32_t* link = bush.link.data();
    double* flow = bush.flow.data();
    std::int32_t n = 0;
    for (std::size_t q = 0; q < size; ++q) {
      const int v = order[q];
      start[q] = n;
      for (auto k = inStart[v]; k < inStart[v + 1]; ++k) {
        const auto a = inLinks[k];
        if (!member[a]) continue;
        link[n] = a;
        flow[n] = linkFlow[a];
        ++n;
        member[a] = 0;
        linkFlow[a] = 0;
      }
    }
    start[size] = n;
    m_memberList.clear();
  }

  // Keeps the entries whose links are marked and adds the links of m_added (which go
  // forward in the current order, so the order stays valid), each at its head's position.
  void mergeMarked(Bush& bush) {
    const std::int32_t* head = m_net.linkHead().data();
    std::sort(m_added.begin(), m_added.end(),
              [&](std::int32_t x, std::int32_t y) { return m_pos[head[x]] < m_pos[head[y]]; });
    m_oldLink.swap(bush.link);
    m_oldFlow.swap(bush.flow);
    bush.link.clear();
    bush.flow.clear();
    std::size_t next = 0;  // the first added link not yet placed
    std::int32_t begin = bush.inStart[0];
    for (std::size_t q = 0; q < bush.order.size(); ++q) {
      const auto end = bush.inStart[q + 1];
      bush.inStart[q] = static_cast<std::int32_t>(bush.link.size());
      for (auto k = begin; k < end; ++k)
        if (m_member[m_oldLink[k]]) {
          bush.link.push_back(m_oldLink[k]);
          bush.flow.push_back(m_oldFlow[k]);
        }
      for (; next < m_added.size() && m_pos[head[m_added[next]]] == static_cast<std::int32_t>(q); ++next) {
        bush.link.push_back(m_added[next]);
        bush.flow.push_back(0.0);
      }
      begin = end;
    }
    bush.inStart[bush.order.size()] = static_cast<std::int32_t>(bush.link.size());
    if (bush.link.capacity() - bush.link.size() > bush.link.size() / 4) {  // no growth slack kept
      bush.link.shrink_to_fit();
      bush.flow.shrink_to_fit();
    }
  }

  // Kahn's topological order of the nodes reached over the links in m_memberList.
  void sortTopologically(Bush& bush) {
    const auto& outStart = m_net.outStart();
    const auto& outLinks = m_net.outLinks();
    const auto& head = m_net.linkHead();
    for (const auto a : m_memberList) m_indeg[head[a]] = 0;
    for (const auto a : m_memberList) ++m_indeg[head[a]];
    m_order.clear();
    m_order.push_back(bush.origin);
    for (std::size_t q = 0; q < m_order.size(); ++q) {
      const int v = m_order[q];
      for (auto k = outStart[v]; k < outStart[v + 1]; ++k) {
        const auto a = outLinks[k];
        if (m_member[a] && --m_indeg[head[a]] == 0) m_order.push_back(head[a]);
      }
    }
    resizeExact(bush.order, m_order.size());
    std::copy(m_order.begin(), m_order.end(), bush.order.begin());
  }

  void mark(std::int32_t a, double flow) {
    m_member[a] = 1;
    m_linkFlow[a] = flow;
    m_memberList.push_back(a);
  }

  // Min labels over all bush links; max labels over all bush links (usedOnly=false)
  // or over links with flow (usedOnly=true), with their predecessor entries; m_pos is
  // each reached node's position in the order.
  void labels(const Bush& bush, bool usedOnly) {
    // Raw pointers: the label arrays written here cannot alias what is read, but the
    // compiler cannot prove it for vectors.
    const std::int32_t* tail = m_net.linkTail().data();
    const double* cost = m_links->cost.data();
    const std::int32_t* order = bush.order.data();
    const std::int32_t* start = bush.inStart.data();
    const std::int32_t* link = bush.link.data();
    const double* flow = bush.flow.data();
    double* minLabel = m_L.data();
    double* maxLabel = m_U.data();
    std::int32_t* minPred = m_minPred.data();
    std::int32_t* maxPred = m_maxPred.data();
    std::int32_t* pos = m_pos.data();
    const std::size_t size = bush.order.size();
    for (std::size_t q = 0; q < size; ++q) {
      const auto v = order[q];
      pos[v] = static_cast<std::int32_t>(q);
      double L = kInf, U = -kInf;
      std::int32_t lp = -1, up = -1;
      if (q == 0) {
        L = U = 0;
      } else {
        for (auto k = start[q]; k < start[q + 1]; ++k) {
          const auto i = tail[link[k]];
          const double c = cost[link[k]];
          if (minLabel[i] + c < L) {
            L = minLabel[i] + c;
            lp = k;
          }
          if ((!usedOnly || flow[k] > kFlowEps) && maxLabel[i] != -kInf && maxLabel[i] + c > U) {
            U = maxLabel[i] + c;
            up = k;
          }
        }
      }
      minLabel[v] = L;
      maxLabel[v] = U;
      minPred[v] = lp;
      maxPred[v] = up;
    }
  }

  // Returns the number of links added.
  int improveBush(Bush& bush) {
    labels(bush, false);
    const auto& cost = m_links->cost;
    const auto& head = m_net.linkHead();
    // Keep links with flow and those that carry the shortest path to their head.
    for (std::size_t k = 0; k < bush.link.size(); ++k) {
      const auto a = bush.link[k];
      if (bush.flow[k] > kFlowEps || m_minPred[head[a]] == static_cast<std::int32_t>(k)) mark(a, bush.flow[k]);
    }
    const bool dropped = m_memberList.size() < bush.link.size();
    // The longest-path labels U of the bush before the drop remain a potential of what
    // is left (U_i + c_ij <= U_j on every remaining link), so adding only links with
    // U_i < U_j cannot close a cycle.
    const int o = bush.origin;
    for (const auto i : bush.order) {
      if (!m_net.passable(i, o)) continue;
      for (auto k = m_net.outStart()[i]; k < m_net.outStart()[i + 1]; ++k) {
        const auto a = m_net.outLinks()[k];
        if (m_member[a]) continue;
        const auto j = head[a];
        if (j == o) continue;
        if (m_L[i] + cost[a] < m_L[j] - 1e-12 * (1 + m_L[j]) && m_U[i] < m_U[j]) {
          mark(a, 0.0);
          m_added.push_back(a);
        }
      }
    }
    const int added = static_cast<int>(m_added.size());
    bool inOrder = true;  // every added link goes forward in the current order
    for (const auto a : m_added) inOrder = inOrder && m_pos[m_net.linkTail()[a]] < m_pos[head[a]];
    if (added && !inOrder) {
      rebuild(bush, true);
    } else if (added || dropped) {
      mergeMarked(bush);
    }
    for (const auto a : m_memberList) m_member[a] = 0, m_linkFlow[a] = 0;
    m_memberList.clear();
    m_added.clear();
    return added;
  }

  // One pass of flow shifts over the bush; returns the largest cost difference
  // between the longest used and the shortest path over nodes seen.
  double equilibrate(Bush& bush) {
    labels(bush, true);
    const auto& cost = m_links->cost;
    const auto& deriv = m_links->deriv;
    const auto& tail = m_net.linkTail();
    const auto& link = bush.link;
    double maxDiff = 0;
    for (auto it = bush.order.rbegin(); it != bush.order.rend(); ++it) {
      const int j = *it;
      if (j == bush.origin) continue;
      const auto up = m_maxPred[j];
      const auto lp = m_minPred[j];
      if (up < 0 || lp < 0 || up == lp) continue;
      if (m_U[j] - m_L[j] <= 1e-14 * (1 + m_L[j])) continue;
      // Trace both paths back to where they meet.
      int a = tail[link[lp]], b = tail[link[up]];
      bool ok = true;
      while (a != b) {
        if (m_pos[a] > m_pos[b]) {
          const auto p = m_minPred[a];
          if (p < 0) { ok = false; break; }
          a = tail[link[p]];
        } else {
          const auto p = m_maxPred[b];
          if (p < 0) { ok = false; break; }
          b = tail[link[p]];
        }
      }
      if (!ok) continue;
      const int div = a;
      m_minSeg.clear();
      m_maxSeg.clear();
      for (int v = j; v != div; v = tail[link[m_minPred[v]]]) m_minSeg.push_back(m_minPred[v]);
      for (int v = j; v != div; v = tail[link[m_maxPred[v]]]) m_maxSeg.push_back(m_maxPred[v]);
      double cMin = 0, dMin = 0, cMax = 0, dMax = 0, cap = kInf;
      for (const auto k : m_minSeg) {
        cMin += cost[link[k]];
        dMin += deriv[link[k]];
      }
      for (const auto k : m_maxSeg) {
        cMax += cost[link[k]];
        dMax += deriv[link[k]];
        cap = std::min(cap, bush.flow[k]);
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
      for (const auto k : m_minSeg) over += cost[link[k]];
      for (const auto k : m_maxSeg) over -= cost[link[k]];
      if (over > 0) shift(bush, m_minSeg, m_maxSeg, dx * over / (diff + over));
    }
    return maxDiff;
  }

  // Moves dx of the bush's flow (and of the link volumes) from the entries `from` to `to`.
  void shift(Bush& bush, const std::vector<std::int32_t>& from, const std::vector<std::int32_t>& to,
             double dx) {
    auto& volume = m_links->volume;
    for (const auto k : to) {
      const auto l = bush.link[k];
      bush.flow[k] += dx;
      volume[l] += dx;
      updateLink(l);
    }
    for (const auto k : from) {
      const auto l = bush.link[k];
      double& f = bush.flow[k];
      f = f - dx <= kFlowEps * (1 + dx) ? 0.0 : f - dx;
      volume[l] = std::max(0.0, volume[l] - dx);
      updateLink(l);
    }
  }

  // The link volumes as the sum of the bushes' flows, with their costs.
  void recomputeVolumes(const std::vector<Bush>& bushes) {
    auto& volume = m_links->volume;
    volume.assign(static_cast<std::size_t>(m_m), 0.0);
    m_links->cost.resize(volume.size());
    m_links->deriv.resize(volume.size());
    for (const auto& b : bushes)
      for (std::size_t k = 0; k < b.link.size(); ++k) volume[b.link[k]] += b.flow[k];
    for (int a = 0; a < m_m; ++a) updateLink(a);
  }

 private:
  const Network& m_net;
  const OdMatrix& m_demand;
  int m_n, m_m;
  const std::vector<double>& m_fixed;
  LinkState* m_links;
  std::vector<double> m_L, m_U;
  std::vector<std::int32_t> m_minPred, m_maxPred;  // per node: the bush entry on the min/max path
  std::vector<std::int32_t> m_pos, m_indeg;
  std::vector<std::int32_t> m_minSeg, m_maxSeg;  // equilibrate(): the two segments' entries
  std::vector<std::uint8_t> m_member;     // rebuild(): links of the bush being rebuilt
  std::vector<double> m_linkFlow;         // rebuild(): their flows
  std::vector<std::int32_t> m_memberList;  // rebuild(): the marked links
  std::vector<std::int32_t> m_added;       // improveBush(): the links added
  std::vector<std::int32_t> m_oldLink;     // mergeMarked(): the entries before
  std::vector<double> m_oldFlow;
  std::vector<std::int32_t> m_order;  // Kahn's queue, copied into the bush at its exact size
};

// The bush's flows as a vector over all links.
std::vector<double> linkFlows(const Bush& bush, int linkCount) {
  std::vector<double> out(static_cast<std::size_t>(linkCount), 0.0);
  for (std::size_t k = 0; k < bush.link.size(); ++k) out[bush.link[k]] = bush.flow[k];
  return out;
}

}  // namespace

AssignmentResult runAlgorithmB(const Network& net, const OdMatrix& demand, const AssignmentOptions& options,
                               core::Feedback& feedback) {
  const auto t0 = Clock::now();
  AssignmentResult result;
  const auto fixed = fixedCosts(net, options.weights);
  LinkState links;
  BushWorker worker(net, demand, fixed, links);
  worker.recomputeVolumes({});  // free-flow costs
  ParallelAon gapAon(net, demand, options.threads);
  const auto& origins = gapAon.origins();
  const int threads = gapAon.threads();
  std::vector<Bush> bushes(origins.size());
  {
    // The initial bushes only read the free-flow costs: built in parallel.
    std::vector<std::unique_ptr<BushWorker>> workers;
    std::vector<std::unique_ptr<ShortestPathSolver>> paths;
    for (int t = 0; t < threads; ++t) {
      workers.push_back(std::make_unique<BushWorker>(net, demand, fixed, links));
      paths.push_back(std::make_unique<ShortestPathSolver>(net));
    }
    std::vector<int> index(origins.size());
    std::iota(index.begin(), index.end(), 0);
    forEachOrigin(index, threads, feedback, [&](int t, int k) {
      bushes[k].origin = origins[k];
      workers[t]->initBush(bushes[k], *paths[t]);
    });
  }
  worker.recomputeVolumes(bushes);
  const auto& x = links.volume;
  const auto& cost = links.cost;

  auto measure = [&](int it) {
    const double sptt = gapAon.run(cost, nullptr, feedback);
    IterationRecord r;
    r.iteration = it;
    r.tstt = std::inner_product(x.begin(), x.end(), cost.begin(), 0.0);
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
      worker.improveBush(bush);
      for (int pass = 0; pass < std::max(1, options.bushPasses); ++pass) {
        const double diff = worker.equilibrate(bush);
        if (diff <= 0) break;
      }
    }
    // Extra equilibration sweeps over all bushes (costs moved as other origins shifted).
    for (int sweep = 0; sweep < options.bushSweeps; ++sweep)
      for (std::size_t k = 0; k < bushes.size(); ++k) {
        if ((k & 7) == 0) feedback.throwIfCancelled();
        worker.equilibrate(bushes[k]);
      }
    worker.recomputeVolumes(bushes);
    gap = measure(it);
  }
  result.converged = gap <= options.relativeGap;
  result.volume = links.volume;
  if (options.keepOriginFlows) {
    result.originFlows.assign(static_cast<std::size_t>(net.zoneCount()), {});
    for (const auto& b : bushes) result.originFlows[static_cast<std::size_t>(b.origin)] = linkFlows(b, net.linkCount());
  }
  return result;
}

}  // namespace ekm::demand::detail
