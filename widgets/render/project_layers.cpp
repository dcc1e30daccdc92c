#include "render/project_layers.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/energy/heat_meters.h"
#include "ekm/store/energy_store.h"
#include "ekm/geo/plane_rectangular.h"
#include "ekm/geo/transformer.h"
#include "ekm/store/catalog.h"
#include "render/store_feature_values.h"

namespace ekm::render {

namespace fs = std::filesystem;

namespace {

// Up to n hours evenly spread over a time range (first and last included), each once.
std::vector<core::HourKey> sampleHours(const store::TimeRange& range, int n) {
  std::vector<core::HourKey> hours;
  n = std::max(1, n);
  for (int i = 0; i < n; ++i) {
    const core::HourKey t = n == 1 ? range.first : range.first + (range.last - range.first) * i / (n - 1);
    if (hours.empty() || hours.back() != t) hours.push_back(t);
  }
  return hours;
}

// Values of a slice placed by fid into a vector parallel to `fids` (NaN where absent).
std::vector<double> parallelValues(const std::vector<store::FeatureValue>& slice,
                                   const std::unordered_map<std::int64_t, std::size_t>& indexOfFid, std::size_t size) {
  std::vector<double> out(size, std::nan(""));
  for (const auto& fv : slice) {
    auto it = indexOfFid.find(fv.fid);
    if (it != indexOfFid.end()) out[it->second] = fv.value;
  }
  return out;
}

std::unordered_map<std::int64_t, std::size_t> indexOf(const std::vector<std::int64_t>& fids) {
  std::unordered_map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < fids.size(); ++i) index.emplace(fids[i], i);
  return index;
}

}  // namespace

int displayEpsgForArea(double west, double south, double east, double north) {
  try {
    return geo::planeRectangularEpsgFor((west + east) / 2, (south + north) / 2);
  } catch (const core::ValidationError&) {
    return 3857;
  }
}

store::Project& threadLocalProject(const std::string& path) {
  thread_local std::map<std::string, std::unique_ptr<store::Project>> projects;
  auto it = projects.find(path);
  if (it == projects.end()) {
    auto project = std::make_unique<store::Project>(store::Project::open(path, store::OpenMode::ReadOnly));
    it = projects.emplace(path, std::move(project)).first;
  }
  return *it->second;
}

StoreMeshValues::StoreMeshValues(std::string path, std::shared_ptr<const MeshGeometry> geometry, std::size_t cacheHours)
    : m_path(std::move(path)), m_geometry(std::move(geometry)), m_capacity(std::max<std::size_t>(1, cacheHours)) {}

std::shared_ptr<const std::vector<double>> StoreMeshValues::valuesAt(core::HourKey hour, core::Feedback& feedback) const {
  {
    std::lock_guard lock(m_mutex);
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
      if (it->first == hour) {
        m_cache.splice(m_cache.begin(), m_cache, it);
        return m_cache.front().second;
      }
    }
  }
  if (feedback.isCancelled()) return nullptr;
  auto values = std::make_shared<std::vector<double>>(m_geometry->size(), std::nan(""));
  for (const store::FeatureValue& fv : threadLocalProject(m_path).meshPopulationSlice(hour)) {
    auto it = m_geometry->indexOfFid.find(fv.fid);
    if (it != m_geometry->indexOfFid.end()) (*values)[it->second] = fv.value;
  }
  std::shared_ptr<const std::vector<double>> result = std::move(values);
  std::lock_guard lock(m_mutex);
  m_cache.emplace_front(hour, result);
  while (m_cache.size() > m_capacity) m_cache.pop_back();
  return result;
}

void StoreMeshValues::clearCache() {
  std::lock_guard lock(m_mutex);
  m_cache.clear();
}

LayerList ProjectLayers::makeLayers(const QString& meshName, const QString& roadsName,
                                    const QString& stationsName) const {
  LayerList layers;
  if (mesh && mesh->size()) {
    GraduatedStyle style;
    style.breaks = meshBreaks;
    layers.push_back(std::make_shared<MeshPopulationLayer>(QStringLiteral("mesh_population"), meshName, mesh,
                                                           meshValues, style));
  }
  if (roads && roads->size())
    layers.push_back(std::make_shared<RoadSegmentsLayer>(QStringLiteral("road_segments"), roadsName, roads));
  if (stations && stations->size())
    layers.push_back(std::make_shared<StationsLayer>(QStringLiteral("stations"), stationsName, stations));
  return layers;
}

std::vector<StackedLayer> ProjectLayers::makeLayerStack(const LayerNames& names) const {
  std::vector<StackedLayer> stack;
  if (rasterBasemap) stack.push_back({rasterBasemap, true});
  if (basemap && basemap->size()) {
    bool ground = false;
    for (BasemapKind k : BasemapLayer::groundKinds()) ground = ground || basemap->has(k);
    if (ground)
      stack.push_back({std::make_shared<BasemapLayer>(QStringLiteral("basemap"), names.basemap, basemap,
                                                      BasemapLayer::groundKinds()),
                       true});
  }
  if (mesh && mesh->size()) {
    GraduatedStyle style;
    style.breaks = meshBreaks;
    stack.push_back({std::make_shared<MeshPopulationLayer>(QStringLiteral("mesh_population"), names.mesh, mesh,
                                                           meshValues, style),
                     true});
    if (meshCentroids && meshValues) {
      HeatmapStyle hs;
      hs.radiusM = heatmapRadiusM;
      hs.mapUnitsPerMetre = mapUnitsPerMetre;
      hs.maxDensityPerKm2 = meshHeatmapReference;
      stack.push_back({std::make_shared<HeatmapLayer>(QStringLiteral("population_heatmap"), names.heatmap,
                                                      meshCentroids, meshValues, hs),
                       false});
    }
  }
  if (stationPoints && ridership && stations && stations->size()) {
    HeatmapStyle hs;
    hs.radiusM = 2 * heatmapRadiusM;
    hs.mapUnitsPerMetre = mapUnitsPerMetre;
    hs.maxDensityPerKm2 = stationHeatmapReference;
    hs.ramp = ColourRamp::ylOrRd();
    hs.sparsePoints = true;
    stack.push_back({std::make_shared<HeatmapLayer>(QStringLiteral("ridership_heatmap"), names.stationHeatmap,
                                                    stationPoints, ridership, hs),
                     false});
  }
  if (roads && roads->size()) {
    const bool pedestrians = pedestrianCounts && pedestrianBreaks.classCount() > 0;
    const bool vehicles = vehicleCounts && vehicleBreaks.classCount() > 0;
    stack.push_back({std::make_shared<RoadSegmentsLayer>(QStringLiteral("road_segments"), names.roads, roads),
                     !pedestrians});
    if (pedestrians) {
      SegmentValueStyle style;
      style.breaks = pedestrianBreaks;
      style.valueTitle = names.pedestrians;
      stack.push_back({std::make_shared<RoadSegmentsLayer>(QStringLiteral("pedestrian_counts"), names.pedestrians,
                                                           roads, pedestrianCounts, style),
                       true});
    }
    if (vehicles) {
      SegmentValueStyle style;
      style.breaks = vehicleBreaks;
      style.ramp = ColourRamp::blues();
      style.rampStart = 0.35;
      style.valueTitle = names.vehicles;
      stack.push_back({std::make_shared<RoadSegmentsLayer>(QStringLiteral("vehicle_counts"), names.vehicles, roads,
                                                           vehicleCounts, style),
                       false});
    }
  }
  if (basemap && basemap->has(BasemapKind::Rail))
    stack.push_back({std::make_shared<BasemapLayer>(QStringLiteral("rail"), names.rail, basemap, BasemapLayer::railKinds()),
                     true});
  if (stations && stations->size()) {
    if (ridership && ridershipReference > 0) {
      RidershipBubbleStyle bubbles;
      bubbles.referenceValue = ridershipReference;
      stack.push_back({std::make_shared<StationsLayer>(QStringLiteral("stations"), names.stations, stations, ridership,
                                                       bubbles),
                       true});
    } else {
      stack.push_back({std::make_shared<StationsLayer>(QStringLiteral("stations"), names.stations, stations), true});
    }
  }
  return stack;
}

LayerList ProjectLayers::visibleLayers(const std::vector<StackedLayer>& stack) {
  LayerList layers;
  for (const StackedLayer& s : stack)
    if (s.visibleByDefault) layers.push_back(s.layer);
  return layers;
}

std::optional<store::TimeRange> ProjectLayers::timeBarRange() const {
  std::optional<store::TimeRange> out;
  for (const auto* r : {&meshTimeRange, &segmentTimeRange, &ridershipTimeRange, &energyTimeRange}) {
    if (!*r) continue;
    if (!out) {
      out = **r;
      continue;
    }
    out->first = std::min(out->first, (*r)->first);
    out->last = std::max(out->last, (*r)->last);
    out->rows += (*r)->rows;
  }
  return out;
}

ProjectLayers loadProjectLayers(const std::string& path, core::Feedback& feedback, ProjectLoadOptions options) {
  ProjectLayers out;
  out.path = path;
  store::Project project = store::Project::open(path, store::OpenMode::ReadOnly);
  feedback.setProgress(0);

  const auto cells = project.meshCells();
  const auto segments = project.segments();
  const auto stations = project.stations();
  const auto basemapFeatures = store::hasTable(project, "basemap_features") ? project.basemapFeatures()
                                                                      : std::vector<store::BasemapFeature>{};
  feedback.throwIfCancelled();

  // Area bounds in lon/lat: mesh cells first, else everything.
  Extent ll = Extent::empty();
  for (const auto& c : cells) ll.include(Extent{c.west, c.south, c.east, c.north});
  if (!ll.isValid()) {
    for (const auto& s : segments)
      for (const auto& p : s.points) ll.include(p.lon, p.lat);
    for (const auto& s : stations) ll.include(s.position.lon, s.position.lat);
  }
  // A district heating project may hold only its buildings.
  Extent buildingsLl = Extent::empty();
  for (const auto& b : store::readBuildings(project))
    for (const auto& [lon, lat] : b.outerRingLonLat) buildingsLl.include(lon, lat);
  if (!ll.isValid()) ll = buildingsLl;
  if (!(ll.xMin <= ll.xMax))
  {
    core::ErrorContext context;
    context.file = path;
    throw core::StoreError("the project has no mesh cells, road segments, stations or buildings to show", context);
  }
  out.displayEpsg = options.displayEpsg != 0 ? options.displayEpsg : displayEpsgForArea(ll.xMin, ll.yMin, ll.xMax, ll.yMax);
  const geo::Transformer toDisplay(out.displayEpsg);
  auto project2 = [&](double lon, double lat) {
    const auto [x, y] = toDisplay.forward(lon, lat);
    return QPointF(x, y);
  };
  feedback.setProgress(10);

  auto mesh = std::make_shared<MeshGeometry>();
  for (const auto& c : cells) {
    // Cells are lon/lat rectangles; at <= 1 km their projected edges are straight to < 1 mm.
    QPolygonF poly;
    poly << project2(c.west, c.south) << project2(c.east, c.south) << project2(c.east, c.north)
         << project2(c.west, c.north);
    mesh->add(c.fid, c.meshCode, poly);
  }
  auto roads = std::make_shared<RoadGeometry>();
  for (const auto& s : segments) {
    QPolygonF line;
    for (const auto& p : s.points) line << project2(p.lon, p.lat);
    roads->add(s.fid, roadRankFromClass(s.roadClass), line, QString::fromStdString(s.name),
               QString::fromStdString(s.roadClass));
  }
  auto points = std::make_shared<StationPoints>();
  for (const auto& s : stations)
    points->add(s.fid, project2(s.position.lon, s.position.lat), QString::fromStdString(s.nameJa),
                QString::fromStdString(s.nameEn), QString::fromStdString(s.operatorName),
                QString::fromStdString(s.lines));
  auto basemap = std::make_shared<BasemapGeometry>();
  for (const auto& f : basemapFeatures) {
    std::vector<QPolygonF> parts;
    for (const auto& part : f.parts) {
      QPolygonF q;
      for (const auto& p : part) q << project2(p.lon, p.lat);
      parts.push_back(std::move(q));
    }
    basemap->add(f.fid, basemapKindFromString(f.kind), QString::fromStdString(f.name), f.polygon, std::move(parts));
  }
  out.basemap = basemap;
  out.mapUnitsPerMetre = out.displayEpsg == 3857 ? 1.0 / std::cos((ll.yMin + ll.yMax) / 2 * std::numbers::pi / 180) : 1.0;
  out.heatmapRadiusM = options.heatmapRadiusM;
  feedback.throwIfCancelled();
  feedback.setProgress(30);

  out.fullExtent = Extent::empty();
  out.fullExtent.include(mesh->extent);
  if (!mesh->size()) {
    out.fullExtent.include(roads->extent);
    out.fullExtent.include(points->extent);
    if (buildingsLl.isValid()) {
      for (const QPointF corner : {project2(buildingsLl.xMin, buildingsLl.yMin), project2(buildingsLl.xMax, buildingsLl.yMin),
                                   project2(buildingsLl.xMin, buildingsLl.yMax), project2(buildingsLl.xMax, buildingsLl.yMax)})
        out.fullExtent.include(corner.x(), corner.y());
    }
  }
  out.mesh = mesh;
  out.roads = roads;
  out.stations = points;
  out.meshValues = std::make_shared<StoreMeshValues>(path, mesh);

  // Class breaks over the whole period (not per hour, so a colour means the same value at
  // every hour while the time slider moves).
  out.meshTimeRange = project.timeRange("mesh_population");
  if (out.meshTimeRange && mesh->size()) {
    const core::HourKey first = out.meshTimeRange->first, last = out.meshTimeRange->last;
    const int n = std::max(1, options.sampleHours);
    std::vector<double> sample;
    core::HourKey previous = first - 1;
    for (int i = 0; i < n; ++i) {
      const core::HourKey t = n == 1 ? first : first + (last - first) * i / (n - 1);
      if (t == previous) continue;
      previous = t;
      for (const auto& fv : project.meshPopulationSlice(t))
        if (!std::isnan(fv.value)) sample.push_back(fv.value);
      feedback.throwIfCancelled();
      feedback.setProgress(30 + 70.0 * (i + 1) / n);
    }
    out.meshSampleValues = sample;
    out.meshBreaks = ClassBreaks::compute(std::move(sample), options.classes, ClassificationMethod::Quantile);
  }
  feedback.setProgress(80);

  // Heatmap points: mesh cell centroids and station positions.
  auto centroids = std::make_shared<HeatmapPoints>();
  for (const QPolygonF& poly : mesh->polygons) {
    QPointF c(0, 0);
    for (const QPointF& p : poly) c += p;
    centroids->add(poly.isEmpty() ? c : c / static_cast<double>(poly.size()));
  }
  out.meshCentroids = centroids;
  auto stationHeat = std::make_shared<HeatmapPoints>();
  for (const QPointF& p : points->positions) stationHeat->add(p);
  out.stationPoints = stationHeat;
  HeatmapStyle heatStyle;
  heatStyle.radiusM = out.heatmapRadiusM;
  heatStyle.mapUnitsPerMetre = out.mapUnitsPerMetre;
  const int fewHours = std::max(1, options.sampleHours / 8);
  if (out.meshTimeRange && mesh->size()) {
    const auto index = indexOf(mesh->fids);
    for (core::HourKey t : sampleHours(*out.meshTimeRange, fewHours)) {
      const auto w = parallelValues(project.meshPopulationSlice(t), index, mesh->size());
      for (double d : HeatmapLayer::densityAt(centroids->positions, *centroids, &w, heatStyle))
        out.meshHeatmapReference = std::max(out.meshHeatmapReference, d);
      feedback.throwIfCancelled();
    }
  }

  // Segment counts: a source per mode and natural breaks over sampled hours.
  out.segmentTimeRange = project.timeRange("segment_counts");
  if (out.segmentTimeRange && roads->size()) {
    out.pedestrianCounts = storeSegmentCounts(path, roads->fids, store::TravelMode::Pedestrian);
    out.vehicleCounts = storeSegmentCounts(path, roads->fids, store::TravelMode::Vehicle);
    std::vector<double> pedestrians, vehicles;
    for (core::HourKey t : sampleHours(*out.segmentTimeRange, std::max(1, options.sampleHours / 2))) {
      for (const auto& fv : project.segmentCountSlice(t, store::TravelMode::Pedestrian)) pedestrians.push_back(fv.value);
      for (const auto& fv : project.segmentCountSlice(t, store::TravelMode::Vehicle)) vehicles.push_back(fv.value);
      feedback.throwIfCancelled();
    }
    const int classes = std::min(options.classes, 6);
    out.pedestrianBreaks = ClassBreaks::compute(std::move(pedestrians), classes, ClassificationMethod::NaturalBreaks);
    out.vehicleBreaks = ClassBreaks::compute(std::move(vehicles), classes, ClassificationMethod::NaturalBreaks);
  }
  feedback.setProgress(90);

  // Station ridership: bubbles scaled to the largest sampled value; heatmap reference.
  out.ridershipTimeRange = project.timeRange("station_ridership");
  if (out.ridershipTimeRange && points->size()) {
    out.ridership = std::make_shared<StoreStationRidership>(path, points->fids);
    const auto index = indexOf(points->fids);
    HeatmapStyle stationStyle = heatStyle;
    stationStyle.radiusM = 2 * heatStyle.radiusM;
    for (core::HourKey t : sampleHours(*out.ridershipTimeRange, std::max(1, options.sampleHours / 2))) {
      const auto w = parallelValues(project.stationRidershipSlice(t), index, points->size());
      for (double v : w)
        if (std::isfinite(v)) out.ridershipReference = std::max(out.ridershipReference, v);
      for (double d : HeatmapLayer::densityAt(stationHeat->positions, *stationHeat, &w, stationStyle))
        out.stationHeatmapReference = std::max(out.stationHeatmapReference, d);
      feedback.throwIfCancelled();
    }
  }
  out.energyTimeRange = energy::buildingHeatHours(project);
  out.results = loadResultLayerData(project, out);
  if (!options.rasterBasemapPath.empty()) {
    try {
      out.rasterBasemap = std::make_shared<RasterBasemapLayer>(
          QStringLiteral("raster_basemap"), QString::fromStdString(fs::path(options.rasterBasemapPath).filename().string()),
          QString::fromStdString(options.rasterBasemapPath), out.displayEpsg);
    } catch (const core::Error& e) {
      out.rasterBasemapError = e;
    }
  }
  feedback.setProgress(100);
  return out;
}

}  // namespace ekm::render
