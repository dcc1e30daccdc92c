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

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/store/project.h"
#include "render/basemap_layer.h"
#include "render/heatmap_layer.h"
#include "render/map_layer.h"
#include "render/mesh_population_layer.h"
#include "render/raster_basemap_layer.h"
#include "render/result_layers.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

namespace ekm::render {

// The display CRS for an area given by lon/lat bounds: its plane rectangular zone (EPSG), or
// Web Mercator (3857) when the area's centre is in no zone (a project with features outside
// Japan, e.g. a Smart Data Models example segment in Spain).
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

// A layer of the default stack and whether it starts visible (the Layers dock shows the
// others unticked; the canvas gets only the visible ones).
struct StackedLayer {
  std::shared_ptr<const MapLayer> layer;
  bool visibleByDefault = true;
};

// Display names of the layers of the default stack (translated by the caller).
struct LayerNames {
  QString basemap, mesh, heatmap, stationHeatmap, pedestrians, vehicles, roads, rail, stations;
};

struct ProjectLayers {
  std::string path;
  int displayEpsg = 0;
  Extent fullExtent;  // display CRS, all layers
  std::shared_ptr<const MeshGeometry> mesh;
  std::shared_ptr<const MeshValueSource> meshValues;
  ClassBreaks meshBreaks;  // quantiles over a sample of hours of the whole period
  // The values meshBreaks were computed from (every cell at the sampled hours, no NaN): what
  // the style dialog classifies when the user picks another method or class count.
  std::vector<double> meshSampleValues;
  std::optional<store::TimeRange> meshTimeRange;
  std::shared_ptr<const RoadGeometry> roads;
  std::shared_ptr<const StationPoints> stations;

  // Road segment counts at an hour (parallel to roads) and their class breaks (natural
  // breaks over a sample of hours of the whole period; empty when there are no counts).
  std::shared_ptr<const FeatureValueSource> pedestrianCounts;
  std::shared_ptr<const FeatureValueSource> vehicleCounts;
  ClassBreaks pedestrianBreaks;
  ClassBreaks vehicleBreaks;
  std::optional<store::TimeRange> segmentTimeRange;
  // Boardings + alightings per station (parallel to stations) and the bubble reference value
  // (a high quantile of sampled hours, so bubble sizes compare over the whole period).
  std::shared_ptr<const StationRidershipSource> ridership;
  double ridershipReference = 0;
  std::optional<store::TimeRange> ridershipTimeRange;
  // The hours of the buildings' cooling and heating meters (the energy buildings layer).
  std::optional<store::TimeRange> energyTimeRange;
  // Every time series above together (first of any to last of any): the time bar's range, so
  // each layer can be looked at over its own period; nullopt when the project has none.
  std::optional<store::TimeRange> timeBarRange() const;
  // Heatmap inputs: mesh cell centroids (parallel to mesh) and station points, and reference
  // densities (per km^2; max over sampled hours) for a colour scale fixed in time.
  std::shared_ptr<const HeatmapPoints> meshCentroids;
  std::shared_ptr<const HeatmapPoints> stationPoints;
  double heatmapRadiusM = 250;
  double meshHeatmapReference = 0;
  double stationHeatmapReference = 0;
  double mapUnitsPerMetre = 1;  // 1 in plane rectangular zones, 1 / cos(lat) in Web Mercator
  // The project's vector basemap (rail, water, buildings, parks, streets) in the display CRS.
  std::shared_ptr<const BasemapGeometry> basemap;
  // The optional offline raster basemap (ProjectLoadOptions::rasterBasemapPath), opened on
  // the loading thread; when it cannot be opened, the reason (the rest still loads).
  std::shared_ptr<const RasterBasemapLayer> rasterBasemap;
  std::optional<core::Error> rasterBasemapError;  // code and fields kept: shown in the UI's language
  // What analyses left in the store (assigned flows, scenario differences, OD, the GTFS feed,
  // DHC buildings): the result layers of layouts and exports (makeResultLayers).
  ResultLayerData results;

  // Default layer stack, bottom first: mesh population, roads, stations (plain styles).
  LayerList makeLayers(const QString& meshName, const QString& roadsName, const QString& stationsName) const;
  // The full default stack, bottom first: the offline raster basemap (when given), basemap ground (water, parks, buildings, streets),
  // mesh population, population heatmap (hidden), station ridership heatmap (hidden),
  // pedestrian counts on roads (visible when there are counts, else plain roads), vehicle
  // counts (hidden), railways, stations with ridership bubbles. Layers without data are left out.
  std::vector<StackedLayer> makeLayerStack(const LayerNames& names) const;
  // The visible layers of a stack, in order.
  static LayerList visibleLayers(const std::vector<StackedLayer>& stack);
};

struct ProjectLoadOptions {
  int classes = 7;
  int sampleHours = 96;  // hours sampled evenly over the period for the class breaks
  int displayEpsg = 0;   // 0: the area's plane rectangular zone; 3857: Web Mercator
  double heatmapRadiusM = 250;
  // An offline raster (GeoTIFF, MBTiles, any local GDAL raster) drawn under everything; empty: none.
  std::string rasterBasemapPath;
};

// Reads a project (read-only, on the calling thread). Throws core::Error; honours cancel
// (throws core::CancelledError).
ProjectLayers loadProjectLayers(const std::string& path, core::Feedback& feedback, ProjectLoadOptions options = {});

}  // namespace ekm::render
