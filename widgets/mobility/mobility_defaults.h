#pragma once
// What the Mobility dock's runs take from the project folder: the rail tracks as walking
// barriers when the project has them beside it (`ekimachi-cli sample --out DIR` writes
// DIR/basemap_rail.geojson, with barrier = 1 on the surface JR tracks, and
// DIR/road_segments.geojson whose crossing flags open the level crossings and bridges), as
// the sample's scenario files do ("project:basemap_rail.geojson"). Without them the runs
// have no barrier.
#include <QString>
#include <string>

namespace ekm::widgets {

struct WalkingBarriers {
  std::string barriers, crossingsFrom;  // "project:NAME" or empty
  bool splitCrossings = false;
};

// The defaults for the project file `projectPath`.
WalkingBarriers projectWalkingBarriers(const QString& projectPath);

}  // namespace ekm::widgets
