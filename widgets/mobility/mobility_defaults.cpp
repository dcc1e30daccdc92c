// The Mobility dock's defaults from the project folder (mobility_defaults.h).
#include "mobility/mobility_defaults.h"

#include <QDir>
#include <QFileInfo>

#include "ekm/ops/session.h"

namespace ekm::widgets {

WalkingBarriers projectWalkingBarriers(const QString& projectPath) {
  WalkingBarriers out;
  if (projectPath.isEmpty()) return out;
  const QDir dir = QFileInfo(projectPath).absoluteDir();
  if (!QFileInfo::exists(dir.filePath(QStringLiteral("basemap_rail.geojson")))) return out;
  out.barriers = std::string(ops::kProjectDirPrefix) + "basemap_rail.geojson";
  if (QFileInfo::exists(dir.filePath(QStringLiteral("road_segments.geojson")))) {
    out.crossingsFrom = std::string(ops::kProjectDirPrefix) + "road_segments.geojson";
    out.splitCrossings = true;  // the sample's segments cross without a node (its scenario files say so)
  }
  return out;
}

}  // namespace ekm::widgets
