#pragma once
// What a project holds: its registered layers (gpkg_contents on a GeoPackage) and tables.
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/store/project.h"

namespace ekm::store {

// One registered table of gpkg_contents (features first, then attributes; in order of
// registration).
struct ContentsEntry {
  std::string name;
  std::string dataType;  // "features" / "attributes"
  std::string geometry;  // geometry type of a feature table, empty for attribute tables
  bool hasExtent = false;
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
};
std::vector<ContentsEntry> contents(const Project& project);

// True if the project has a table or view of that name.
bool hasTable(const Project& project, const std::string& name);

}  // namespace ekm::store
