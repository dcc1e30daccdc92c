#pragma once
// One-to-all shortest paths on a Network with given link costs (non-negative).
// ShortestPathSolver is a reusable workspace (one per thread): a Dijkstra with an indexed 4-ary heap
// over the flat forward star, honouring FIRST THRU NODE (centroids are not passed
// through). boostShortestPaths() does the same with boost::dijkstra_shortest_paths on
// the Network's Boost CSR graph; it is kept as an independent cross-check and for
// the benchmark (the hand-rolled one is faster in the assignment hot loop).
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "ekm/demand/network.h"

namespace ekm::demand {

class ShortestPathSolver {
 public:
  explicit ShortestPathSolver(const Network& network);

  // Tree from `origin` (0-based node) under linkCost (indexed by link id).
  void run(int origin, std::span<const double> linkCost);

  // Unreachable nodes have distance +infinity and predecessor link -1.
  const std::vector<double>& distance() const { return m_distance; }
  const std::vector<std::int32_t>& predecessorLink() const { return m_pred; }
  // Reached nodes in the order they were settled (origin first).
  const std::vector<std::int32_t>& settleOrder() const { return m_order; }

  // Adds the demand row of the last origin (demand[d] for zone d) to linkVolume along
  // the tree. Throws ValidationError if positive demand has no path.
  void loadTree(std::span<const double> demandRow, std::span<double> linkVolume);
  // Sum over destinations of demand x distance (the origin's share of SPTT).
  double demandWeightedDistance(std::span<const double> demandRow) const;

 private:
  const Network& m_net;
  std::vector<double> m_distance;
  std::vector<std::int32_t> m_pred;
  std::vector<std::int32_t> m_order;
  std::vector<double> m_nodeFlow;
  std::vector<std::int32_t> m_heapNodes, m_heapPos;
  int m_origin = -1;
};

// Reference implementation with Boost.Graph (boost::dijkstra_shortest_paths on a
// filtered view that drops the out-links of centroids other than the origin).
void boostShortestPaths(const Network& network, int origin, std::span<const double> linkCost,
                        std::vector<double>& distance, std::vector<std::int32_t>& predecessorLink);

}  // namespace ekm::demand
