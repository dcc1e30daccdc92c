#pragma once
// Points joined to a street network at their nearest node with an out-link (a local
// equirectangular search, then the geodesic distance to the node found): bus stops, rail
// stations and cell centres of the mobility analyses.
#include <limits>
#include <vector>

#include "ekm/demand/network_builder.h"

namespace ekm::mobility {

struct Snap {
  int node = -1;  // node of the network given to NodeIndex; -1 when it has no node
  double m = std::numeric_limits<double>::infinity();
};

class NodeIndex {
 public:
  explicit NodeIndex(const demand::BuiltNetwork& network);
  Snap nearest(double lon, double lat) const;

 private:
  const demand::BuiltNetwork* m_b;
  std::vector<int> m_nodes;
};

}  // namespace ekm::mobility
