// Nearest-node snapping (node_snap.h).
#include "ekm/mobility/node_snap.h"

#include <cmath>

#include "ekm/geo/length.h"

namespace ekm::mobility {

NodeIndex::NodeIndex(const demand::BuiltNetwork& b) : m_b(&b) {
  const auto& start = b.network.outStart();
  for (int n = 0; n < b.network.nodeCount(); ++n)
    if (start[static_cast<std::size_t>(n) + 1] > start[static_cast<std::size_t>(n)]) m_nodes.push_back(n);
}

Snap NodeIndex::nearest(double lon, double lat) const {
  const double kx = std::cos(lat * M_PI / 180.0) * 111320.0, ky = 110574.0;
  Snap best;
  double bestD2 = std::numeric_limits<double>::infinity();
  for (int n : m_nodes) {
    const auto& p = m_b->nodes[static_cast<std::size_t>(n)];
    const double dx = (p.lon - lon) * kx, dy = (p.lat - lat) * ky;
    const double d2 = dx * dx + dy * dy;
    if (d2 < bestD2) bestD2 = d2, best.node = n;
  }
  if (best.node >= 0) {
    const auto& p = m_b->nodes[static_cast<std::size_t>(best.node)];
    best.m = geo::geodesicDistanceM(lon, lat, p.lon, p.lat);
  }
  return best;
}

}  // namespace ekm::mobility
