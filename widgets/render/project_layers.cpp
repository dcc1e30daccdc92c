#include "render/project_layers.h"

#include <cmath>
#include <map>

#include "ekm/core/error.h"
#include "ekm/geo/plane_rectangular.h"
#include "ekm/geo/transformer.h"

namespace ekm::render {

int displayEpsgForArea(double west, double south, double east, double north) {
  return geo::planeRectangularEpsgFor((west + east) / 2, (south + north) / 2);
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

ProjectLayers loadProjectLayers(const std::string& path, core::Feedback& feedback, ProjectLoadOptions options) {
  ProjectLayers out;
  out.path = path;
  store::Project project = store::Project::open(path, store::OpenMode::ReadOnly);
  feedback.setProgress(0);

  const auto cells = project.meshCells();
  const auto segments = project.segments();
  const auto stations = project.stations();
  feedback.throwIfCancelled();

  // Area bounds in lon/lat: mesh cells first, else everything.
  Extent ll = Extent::empty();
  for (const auto& c : cells) ll.include(Extent{c.west, c.south, c.east, c.north});
  if (!ll.isValid()) {
    for (const auto& s : segments)
      for (const auto& p : s.points) ll.include(p.lon, p.lat);
    for (const auto& s : stations) ll.include(s.position.lon, s.position.lat);
  }
  if (!(ll.xMin <= ll.xMax))
  {
    core::ErrorContext context;
    context.file = path;
    throw core::StoreError("the project has no mesh cells, road segments or stations to show", context);
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
    roads->add(s.fid, roadRankFromClass(s.roadClass), line);
  }
  auto points = std::make_shared<StationPoints>();
  for (const auto& s : stations)
    points->add(s.fid, project2(s.position.lon, s.position.lat), QString::fromStdString(s.nameJa),
                QString::fromStdString(s.nameEn));
  feedback.throwIfCancelled();
  feedback.setProgress(30);

  out.fullExtent = Extent::empty();
  out.fullExtent.include(mesh->extent);
  if (!mesh->size()) {
    out.fullExtent.include(roads->extent);
    out.fullExtent.include(points->extent);
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
    out.meshBreaks = ClassBreaks::compute(std::move(sample), options.classes, ClassificationMethod::Quantile);
  }
  feedback.setProgress(100);
  return out;
}

}  // namespace ekm::render
