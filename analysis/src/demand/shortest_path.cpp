#include "ekm/demand/shortest_path.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>

#include "ekm/core/error.h"

namespace ekm::demand {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

ShortestPathSolver::ShortestPathSolver(const Network& network)
    : m_net(network),
      m_distance(static_cast<std::size_t>(network.nodeCount()), kInf),
      m_pred(static_cast<std::size_t>(network.nodeCount()), -1),
      m_nodeFlow(static_cast<std::size_t>(network.nodeCount()), 0.0),
      m_heapPos(static_cast<std::size_t>(network.nodeCount()), -1) {
  m_order.reserve(static_cast<std::size_t>(network.nodeCount()));
  m_heapNodes.reserve(static_cast<std::size_t>(network.nodeCount()));
}

// Indexed 4-ary min-heap on m_distance (decrease-key instead of stale entries).
namespace {
struct DaryHeap {
  std::vector<std::int32_t>& nodes;
  std::vector<std::int32_t>& pos;  // index in nodes, -1 if not in the heap
  const std::vector<double>& key;
  void siftUp(std::size_t i) {
    const std::int32_t v = nodes[i];
    const double k = key[v];
    while (i > 0) {
      const std::size_t p = (i - 1) / 4;
      if (key[nodes[p]] <= k) break;
      nodes[i] = nodes[p];
      pos[nodes[i]] = static_cast<std::int32_t>(i);
      i = p;
    }
    nodes[i] = v;
    pos[v] = static_cast<std::int32_t>(i);
  }
  void push(std::int32_t v) {
    nodes.push_back(v);
    siftUp(nodes.size() - 1);
  }
  std::int32_t pop() {
    const std::int32_t top = nodes[0];
    pos[top] = -1;
    const std::int32_t last = nodes.back();
    nodes.pop_back();
    const std::size_t n = nodes.size();
    if (n == 0) return top;
    const double k = key[last];
    std::size_t i = 0;
    for (;;) {
      const std::size_t c0 = 4 * i + 1;
      if (c0 >= n) break;
      std::size_t best = c0;
      double bk = key[nodes[c0]];
      const std::size_t cEnd = std::min(c0 + 4, n);
      for (std::size_t c = c0 + 1; c < cEnd; ++c)
        if (key[nodes[c]] < bk) bk = key[nodes[c]], best = c;
      if (bk >= k) break;
      nodes[i] = nodes[best];
      pos[nodes[i]] = static_cast<std::int32_t>(i);
      i = best;
    }
    nodes[i] = last;
    pos[last] = static_cast<std::int32_t>(i);
    return top;
  }
};
}  // namespace

void ShortestPathSolver::run(int origin, std::span<const double> cost) {
  std::fill(m_distance.begin(), m_distance.end(), kInf);
  std::fill(m_pred.begin(), m_pred.end(), -1);
  m_order.clear();
  m_heapNodes.clear();
  m_origin = origin;
  const auto& outStart = m_net.outStart();
  const auto& outLinks = m_net.outLinks();
  const auto& head = m_net.linkHead();
  const int firstThru = m_net.firstThruNode();
  DaryHeap heap{m_heapNodes, m_heapPos, m_distance};
  m_distance[origin] = 0;
  heap.push(origin);
  while (!m_heapNodes.empty()) {
    const std::int32_t v = heap.pop();
    const double d = m_distance[v];
    m_order.push_back(v);
    if (v < firstThru && v != origin) continue;  // centroid: no through traffic
    for (auto k = outStart[v]; k < outStart[v + 1]; ++k) {
      const auto a = outLinks[k];
      const auto w = head[a];
      const double nd = d + cost[a];
      if (nd < m_distance[w]) {
        const bool queued = m_heapPos[w] >= 0;
        m_distance[w] = nd;
        m_pred[w] = a;
        if (queued)
          heap.siftUp(static_cast<std::size_t>(m_heapPos[w]));
        else
          heap.push(w);
      }
    }
  }
}

void ShortestPathSolver::loadTree(std::span<const double> demandRow, std::span<double> linkVolume) {
  const auto& tail = m_net.linkTail();
  for (std::size_t d = 0; d < demandRow.size(); ++d) {
    if (demandRow[d] <= 0 || static_cast<int>(d) == m_origin) continue;
    if (m_pred[d] < 0) {
      core::ErrorContext c;
      c.expected = "a path from zone " + std::to_string(m_origin + 1) + " to zone " + std::to_string(d + 1);
      c.found = "no path";
      throw core::ValidationError("demand between disconnected zones", c);
    }
    m_nodeFlow[d] += demandRow[d];
  }
  for (auto it = m_order.rbegin(); it != m_order.rend(); ++it) {
    const auto v = *it;
    const double f = m_nodeFlow[v];
    if (f == 0) continue;
    m_nodeFlow[v] = 0;
    const auto a = m_pred[v];
    if (a < 0) continue;  // the origin
    linkVolume[a] += f;
    m_nodeFlow[tail[a]] += f;
  }
}

double ShortestPathSolver::demandWeightedDistance(std::span<const double> demandRow) const {
  double s = 0;
  for (std::size_t d = 0; d < demandRow.size(); ++d)
    if (demandRow[d] > 0 && static_cast<int>(d) != m_origin) s += demandRow[d] * m_distance[d];
  return s;
}

namespace {
struct ThroughFilter {
  const Network* net = nullptr;
  int origin = 0;
  template <class Edge>
  bool operator()(const Edge& e) const {
    return net->passable(static_cast<int>(boost::source(e, net->graph())), origin);
  }
};
}  // namespace

void boostShortestPaths(const Network& network, int origin, std::span<const double> linkCost,
                        std::vector<double>& distance, std::vector<std::int32_t>& predecessorLink) {
  using Graph = Network::Graph;
  const Graph& g = network.graph();
  const boost::filtered_graph<Graph, ThroughFilter> fg(g, ThroughFilter{&network, origin});
  const std::size_t n = static_cast<std::size_t>(network.nodeCount());
  std::vector<std::int32_t> predNode(n);
  distance.assign(n, kInf);
  const auto weight = boost::make_function_property_map<boost::graph_traits<Graph>::edge_descriptor, double>(
      [&](const boost::graph_traits<Graph>::edge_descriptor& e) { return linkCost[g[e].link]; });
  boost::dijkstra_shortest_paths(
      fg, static_cast<std::int32_t>(origin),
      boost::predecessor_map(boost::make_iterator_property_map(predNode.begin(), boost::get(boost::vertex_index, g)))
          .distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, g)))
          .weight_map(weight)
          .distance_inf(kInf));
  // Translate predecessor nodes into the cheapest link between them.
  predecessorLink.assign(n, -1);
  for (std::size_t v = 0; v < n; ++v) {
    if (static_cast<int>(v) == origin || distance[v] == kInf) continue;
    const int u = predNode[v];
    double best = kInf;
    for (auto k = network.outStart()[u]; k < network.outStart()[u + 1]; ++k) {
      const auto a = network.outLinks()[k];
      if (network.linkHead()[a] == static_cast<int>(v) && linkCost[a] < best) {
        best = linkCost[a];
        predecessorLink[v] = a;
      }
    }
  }
}

}  // namespace ekm::demand
