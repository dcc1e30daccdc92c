#pragma once
// Which people-flow mesh cells a building occupies: the JIS X 0410 cells its footprint
// intersects, each with the share of the cell's area the footprint covers (measured on a
// 32 x 32 grid of points in the cell). A building's occupancy term is then
// sum over cells of population(cell, hour) * share: the people in the part of each cell the
// building stands on (everyone in those cells, inside or out, so it is an index, not a head
// count).
#include <string>
#include <vector>

#include "ekm/energy/hourly_series.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::energy {

struct CellShare {
  std::string meshCode;
  double share = 0;  // 0..1 of the cell's area inside the footprint
};

std::vector<CellShare> buildingCells(const Building& building, mesh::MeshLevel level = mesh::MeshLevel::Eighth);

// Point-in-polygon (even-odd rule) for a ring of (lon, lat).
bool insideRing(const std::vector<std::pair<double, double>>& ring, double lon, double lat);

}  // namespace ekm::energy
