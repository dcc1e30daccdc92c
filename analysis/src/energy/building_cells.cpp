// A building's mesh cells and the share of each it covers (see ekm/energy/building_cells.h).
#include "ekm/energy/building_cells.h"

namespace ekm::energy {

bool insideRing(const std::vector<std::pair<double, double>>& ring, double lon, double lat) {
  bool inside = false;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const auto [xi, yi] = ring[i];
    const auto [xj, yj] = ring[j];
    if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

std::vector<CellShare> buildingCells(const Building& building, mesh::MeshLevel level) {
  std::vector<CellShare> out;
  if (building.outerRingLonLat.size() < 3) return out;
  constexpr int kGrid = 32;
  for (const auto& code : mesh::cellsCoveringPolygon(building.outerRingLonLat, level)) {
    const auto cell = mesh::decode(code);
    int in = 0;
    for (int i = 0; i < kGrid; ++i)
      for (int j = 0; j < kGrid; ++j) {
        const double lon = cell.west + (cell.east - cell.west) * (i + 0.5) / kGrid;
        const double lat = cell.south + (cell.north - cell.south) * (j + 0.5) / kGrid;
        in += insideRing(building.outerRingLonLat, lon, lat);
      }
    if (in > 0) out.push_back({code, static_cast<double>(in) / (kGrid * kGrid)});
  }
  return out;
}

}  // namespace ekm::energy
