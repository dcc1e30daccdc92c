#pragma once
// Layers of a project file (the GeoPackage store), ready to render: geometry is read once and
// projected to the display CRS (the area's JGD2011 plane rectangular zone); mesh population
// values are read per hour by render jobs through StoreMeshValues, each thread with its own
// read-only connection (a SQLite connection is never shared between threads).
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/store/project.h"
#include "render/map_layer.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

namespace ekm::render {

// The display CRS for an area given by lon/lat bounds: its plane rectangular zone (EPSG).
int displayEpsgForArea(double west, double south, double east, double north);

// Mesh population of a project file at an hour; an LRU cache of recent hours makes
// scrubbing back and forth cheap. Thread-safe.
class StoreMeshValues : public MeshValueSource {
 public:
  StoreMeshValues(std::string path, std::shared_ptr<const MeshGeometry> geometry, std::size_t cacheHours = 64);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;
  void clearCache();

 private:
  std::string m_path;
  std::shared_ptr<const MeshGeometry> m_geometry;
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  mutable std::list<std::pair<core::HourKey, std::shared_ptr<const std::vector<double>>>> m_cache;
};

// The calling thread's own read-only connection to a project file (opened on first use).
store::Project& threadLocalProject(const std::string& path);

struct ProjectLayers {
  std::string path;
  int displayEpsg = 0;
  Extent fullExtent;  // display CRS, all layers
  std::shared_ptr<const MeshGeometry> mesh;
  std::shared_ptr<const MeshValueSource> meshValues;
  ClassBreaks meshBreaks;  // quantiles over a sample of hours of the whole period
  std::optional<store::TimeRange> meshTimeRange;
  std::shared_ptr<const RoadGeometry> roads;
  std::shared_ptr<const StationPoints> stations;

  // Default layer stack, bottom first: mesh population, roads, stations.
  LayerList makeLayers(const QString& meshName, const QString& roadsName, const QString& stationsName) const;
};

struct ProjectLoadOptions {
  int classes = 7;
  int sampleHours = 96;  // hours sampled evenly over the period for the class breaks
  int displayEpsg = 0;   // 0: the area's plane rectangular zone; 3857: Web Mercator
};

// Reads a project (read-only, on the calling thread). Throws core::Error; honours cancel
// (throws core::CancelledError).
ProjectLayers loadProjectLayers(const std::string& path, core::Feedback& feedback, ProjectLoadOptions options = {});

}  // namespace ekm::render
