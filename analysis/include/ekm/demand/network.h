#pragma once
// A directed road network for assignment: a Boost.Graph compressed-sparse-row graph
// (the structure) plus flat forward-star / backward-star arrays and per-link
// attributes for the hot loops of shortest paths and assignment.
//
// Nodes are 0-based (TNTP node k is node k-1); zones are nodes 0..zoneCount-1.
// Nodes below firstThruNode() are centroids: paths may start or end there but never
// pass through them (TNTP's FIRST THRU NODE).
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ekm/demand/tntp.h"

namespace ekm::demand {

// Volume-delay (BPR) and generalized cost of one link:
//   time(v) = freeFlowTime * (1 + b * (v / capacity)^power)
//   cost(v) = time(v) + tollFactor * toll + distanceFactor * length
struct LinkAttributes {
  int from = 0;  // 0-based node index
  int to = 0;
  double capacity = 0;
  double length = 0;
  double freeFlowTime = 0;
  double b = 0;
  double power = 0;
  double speed = 0;
  double toll = 0;
  int linkType = 0;
};

// Weights turning toll and length into time units (Chicago Sketch: 0.02 min/cent, 0.04 min/mile).
struct CostWeights {
  double tollFactor = 0;
  double distanceFactor = 0;
};

// The net file's <TOLL FACTOR> and <DISTANCE FACTOR> (0 where absent): the default weights
// when the caller gives none.
CostWeights costWeightsFromTntp(const TntpNetwork& tntp);

class Network {
 public:
  struct LinkIndexProperty {
    std::int32_t link = 0;
  };
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, LinkIndexProperty,
                                                   boost::no_property, std::int32_t, std::int32_t>;

  Network() = default;
  // firstThruNode is 0-based: nodes with index < firstThruNode are not passed through.
  Network(int nodeCount, int zoneCount, int firstThruNode, std::vector<LinkAttributes> links);
  static Network fromTntp(const TntpNetwork& tntp);

  int nodeCount() const { return m_nodeCount; }
  int zoneCount() const { return m_zoneCount; }
  int linkCount() const { return static_cast<int>(m_links.size()); }
  int firstThruNode() const { return m_firstThruNode; }
  // True if paths from `origin` may continue out of `node`.
  bool passable(int node, int origin) const { return node >= m_firstThruNode || node == origin; }

  const LinkAttributes& link(int i) const { return m_links[static_cast<std::size_t>(i)]; }
  const std::vector<LinkAttributes>& links() const { return m_links; }
  // Index of the link from -> to (0-based nodes), or -1. The first one if parallel.
  int findLink(int from, int to) const;

  // Forward star: link ids leaving `node` are outLinks()[outStart()[node] .. outStart()[node+1]).
  const std::vector<std::int32_t>& outStart() const { return m_outStart; }
  const std::vector<std::int32_t>& outLinks() const { return m_outLinks; }
  const std::vector<std::int32_t>& inStart() const { return m_inStart; }
  const std::vector<std::int32_t>& inLinks() const { return m_inLinks; }
  const std::vector<std::int32_t>& linkHead() const { return m_head; }
  const std::vector<std::int32_t>& linkTail() const { return m_tail; }

  const Graph& graph() const { return m_graph; }

  // BPR travel time t0 (1 + b (v/c)^p), its derivative d time / d volume, and the
  // generalized cost. The derivative t0 b p (v/c)^(p-1) / c is taken at volumes >= 0 (a
  // negative volume counts as 0): at v = 0 it is t0 b / c for p = 1 and 0 for p > 1. For
  // p < 1 it is infinite at v = 0, so below v/c = kDerivativeMinVolumeRatio it is the value
  // there (finite, the largest it reports, and continuous in v).
  static constexpr double kDerivativeMinVolumeRatio = 1e-6;
  double linkTime(int i, double volume) const;
  double linkTimeDerivative(int i, double volume) const;
  double fixedCost(int i, const CostWeights& w) const {
    const auto& l = m_links[static_cast<std::size_t>(i)];
    return w.tollFactor * l.toll + w.distanceFactor * l.length;
  }
  // Integral of the generalized cost from 0 to volume (Beckmann objective term).
  double linkCostIntegral(int i, double volume, const CostWeights& w) const;

 private:
  int m_nodeCount = 0;
  int m_zoneCount = 0;
  int m_firstThruNode = 0;
  std::vector<LinkAttributes> m_links;
  Graph m_graph;
  std::vector<std::int32_t> m_outStart, m_outLinks, m_inStart, m_inLinks, m_head, m_tail;
};

// A dense zone-to-zone matrix (row-major), e.g. demand or a skim.
class OdMatrix {
 public:
  OdMatrix() = default;
  explicit OdMatrix(int zoneCount, double fill = 0.0)
      : m_zones(zoneCount), m_values(static_cast<std::size_t>(zoneCount) * zoneCount, fill) {}
  static OdMatrix fromTntp(const TntpTrips& trips);

  int zoneCount() const { return m_zones; }
  double& operator()(int origin, int destination) {
    return m_values[static_cast<std::size_t>(origin) * m_zones + destination];
  }
  double operator()(int origin, int destination) const {
    return m_values[static_cast<std::size_t>(origin) * m_zones + destination];
  }
  std::span<const double> row(int origin) const {
    return {m_values.data() + static_cast<std::size_t>(origin) * m_zones, static_cast<std::size_t>(m_zones)};
  }
  double total() const;
  const std::vector<double>& values() const { return m_values; }

 private:
  int m_zones = 0;
  std::vector<double> m_values;
};

}  // namespace ekm::demand
