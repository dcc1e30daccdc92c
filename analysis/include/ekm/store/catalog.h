#pragma once
// What a project file holds (gpkg_contents, tables) and whole-file copies.
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

// A consistent copy of the project file at `target` (SQLite's online backup, a few MiB per
// step; progress and cancel through `feedback`). Readers and a writer may use the project
// meanwhile. Throws StoreError, or CancelledError when cancelled.
void snapshotProject(const std::string& projectPath, const std::string& target, core::Feedback& feedback);

}  // namespace ekm::store
