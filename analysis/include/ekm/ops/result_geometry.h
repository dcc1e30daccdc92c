#pragma once
// Result tables that carry their own geometry (ResultTable::geometry == kWktGeometry): each
// row holds an EPSG:4326 WKT geometry in the column kGeometryWktColumn - for what is not in the
// project, e.g. a candidate route, a route's stop sequence or a moved stop. Exports draw the
// rows with it and `compare` writes difference layers with the geometry of each key.
#include <string>
#include <utility>
#include <vector>

#include "ekm/ops/result.h"

namespace ekm::ops {

inline constexpr const char* kWktGeometry = "wkt";
inline constexpr const char* kGeometryWktColumn = "geometry_wkt";

// The WKT of a row of a "wkt" table ("" when it has none).
std::string rowWkt(const ResultTable& table, const std::vector<Json>& row);

// The (lon, lat) vertices of a WKT LINESTRING, or of a MULTILINESTRING's first part (empty
// for anything else or malformed text): what a map draws of a row's line.
std::vector<std::pair<double, double>> wktLineVertices(const std::string& wkt);

}  // namespace ekm::ops
