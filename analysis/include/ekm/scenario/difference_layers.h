#pragma once
// Writes run comparisons as files a GIS opens: one CSV per compared table (key columns,
// column, a, b, diff) and, for tables keyed by road segment or mesh cell, a GeoJSON
// (RFC 7946, EPSG:4326) difference layer with the project's geometry.
#include <string>
#include <vector>

#include "ekm/scenario/run_compare.h"
#include "ekm/store/project.h"

namespace ekm::scenario {

// Returns the files written. outDir must exist.
std::vector<std::string> writeComparison(const std::vector<TableComparison>& tables, store::Project& project,
                                         const std::string& outDir);

}  // namespace ekm::scenario
