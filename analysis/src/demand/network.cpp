#include "ekm/demand/network.h"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <utility>

#include "ekm/core/error.h"

namespace ekm::demand {

Network::Network(int nodeCount, int zoneCount, int firstThruNode, std::vector<LinkAttributes> links)
    : m_nodeCount(nodeCount), m_zoneCount(zoneCount), m_firstThruNode(firstThruNode), m_links(std::move(links)) {
  const std::size_t m = m_links.size();
  std::vector<std::pair<std::int32_t, std::int32_t>> edges;
  std::vector<LinkIndexProperty> props;
  edges.reserve(m);
  props.reserve(m);
  for (std::size_t i = 0; i < m; ++i) {
    const auto& l = m_links[i];
    if (l.from < 0 || l.from >= nodeCount || l.to < 0 || l.to >= nodeCount) {
      core::ErrorContext c;
      c.feature = static_cast<std::int64_t>(i);
      c.expected = "nodes in 0.." + std::to_string(nodeCount - 1);
      c.found = std::to_string(l.from) + " -> " + std::to_string(l.to);
      throw core::ValidationError("link node out of range", c);
    }
    edges.emplace_back(l.from, l.to);
    props.push_back({static_cast<std::int32_t>(i)});
  }
  m_graph = Graph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(),
                  static_cast<std::size_t>(nodeCount));

  // Forward star from the Boost CSR graph (its out-edges are grouped by source).
  m_outStart.assign(static_cast<std::size_t>(nodeCount) + 1, 0);
  m_outLinks.reserve(m);
  for (int v = 0; v < nodeCount; ++v) {
    m_outStart[static_cast<std::size_t>(v)] = static_cast<std::int32_t>(m_outLinks.size());
    for (const auto e : boost::make_iterator_range(boost::out_edges(static_cast<std::int32_t>(v), m_graph)))
      m_outLinks.push_back(m_graph[e].link);
  }
  m_outStart[static_cast<std::size_t>(nodeCount)] = static_cast<std::int32_t>(m_outLinks.size());

  // Backward star (counting sort by head).
  m_inStart.assign(static_cast<std::size_t>(nodeCount) + 1, 0);
  for (const auto& l : m_links) ++m_inStart[static_cast<std::size_t>(l.to) + 1];
  for (int v = 0; v < nodeCount; ++v) m_inStart[v + 1] += m_inStart[v];
  m_inLinks.assign(m, 0);
  std::vector<std::int32_t> fill(m_inStart.begin(), m_inStart.end() - 1);
  for (std::size_t i = 0; i < m; ++i) m_inLinks[fill[m_links[i].to]++] = static_cast<std::int32_t>(i);

  m_head.resize(m);
  m_tail.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    m_head[i] = m_links[i].to;
    m_tail[i] = m_links[i].from;
  }
}

Network Network::fromTntp(const TntpNetwork& t) {
  std::vector<LinkAttributes> links;
  links.reserve(t.links.size());
  for (const auto& l : t.links) {
    LinkAttributes a;
    a.from = l.initNode - 1;
    a.to = l.termNode - 1;
    a.capacity = l.capacity;
    a.length = l.length;
    a.freeFlowTime = l.freeFlowTime;
    a.b = l.b;
    a.power = l.power;
    a.speed = l.speed;
    a.toll = l.toll;
    a.linkType = l.linkType;
    links.push_back(a);
  }
  return Network(t.nodeCount, t.zoneCount, t.firstThruNode - 1, std::move(links));
}

CostWeights costWeightsFromTntp(const TntpNetwork& tntp) {
  return {tntp.tollFactor.value_or(0.0), tntp.distanceFactor.value_or(0.0)};
}

int Network::findLink(int from, int to) const {
  if (from < 0 || from >= m_nodeCount) return -1;
  int best = -1;
  for (auto k = m_outStart[from]; k < m_outStart[from + 1]; ++k) {
    const int i = m_outLinks[k];
    if (m_links[i].to == to && (best < 0 || i < best)) best = i;
  }
  return best;
}

double Network::linkTime(int i, double v) const {
  const auto& l = m_links[static_cast<std::size_t>(i)];
  if (l.b == 0 || l.freeFlowTime == 0 || v <= 0) return l.freeFlowTime;
  const double r = v / l.capacity;
  const double p = l.power == 4 ? (r * r) * (r * r) : std::pow(r, l.power);
  return l.freeFlowTime * (1 + l.b * p);
}

double Network::linkTimeDerivative(int i, double v) const {
  const auto& l = m_links[static_cast<std::size_t>(i)];
  if (l.b == 0 || l.freeFlowTime == 0 || l.power == 0) return 0;
  const double slope = l.freeFlowTime * l.b * l.power / l.capacity;  // at v = capacity
  if (l.power == 1) return slope;                                     // linear: the same at any volume
  // Power < 1: the slope grows without bound as v -> 0; use the one at a tiny volume.
  const double r = std::max(v, 0.0) / l.capacity;
  if (l.power < 1) return slope * std::pow(std::max(r, kDerivativeMinVolumeRatio), l.power - 1);
  return slope * (l.power == 4 ? r * r * r : std::pow(r, l.power - 1));
}

double Network::linkCostIntegral(int i, double v, const CostWeights& w) const {
  const auto& l = m_links[static_cast<std::size_t>(i)];
  if (v <= 0) return 0;
  double t = l.freeFlowTime * v;
  if (l.b != 0 && l.freeFlowTime != 0)
    t += l.freeFlowTime * l.b * l.capacity / (l.power + 1) * std::pow(v / l.capacity, l.power + 1);
  return t + fixedCost(i, w) * v;
}

OdMatrix OdMatrix::fromTntp(const TntpTrips& trips) {
  OdMatrix m(trips.zoneCount);
  for (int o = 0; o < trips.zoneCount; ++o)
    for (int d = 0; d < trips.zoneCount; ++d) m(o, d) = trips.demand[static_cast<std::size_t>(o) * trips.zoneCount + d];
  return m;
}

double OdMatrix::total() const {
  double s = 0;
  for (double v : m_values) s += v;
  return s;
}

}  // namespace ekm::demand
