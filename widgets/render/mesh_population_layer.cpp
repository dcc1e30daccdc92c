#include "render/mesh_population_layer.h"

#include <algorithm>

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

#include "ekm/mesh/mesh_code.h"
#include "render/legend.h"

namespace ekm::render {

void MeshGeometry::add(std::int64_t fid, std::string code, QPolygonF polygon) {
  Extent b = Extent::empty();
  for (const QPointF& p : polygon) b.include(p.x(), p.y());
  indexOfFid[fid] = polygons.size();
  fids.push_back(fid);
  codes.push_back(std::move(code));
  polygons.push_back(std::move(polygon));
  bounds.push_back(b);
  extent.include(b);
  derived.clear();
}

std::optional<std::size_t> MeshGeometry::cellAt(QPointF mapPoint) const {
  return derived.cellIndex(*this).cellAt(*this, mapPoint.x(), mapPoint.y());
}

void InMemoryMeshValues::setValues(core::HourKey hour, std::vector<double> values) {
  values.resize(m_cellCount, std::nan(""));
  std::lock_guard lock(m_mutex);
  m_values[hour] = std::make_shared<const std::vector<double>>(std::move(values));
}

std::shared_ptr<const std::vector<double>> InMemoryMeshValues::valuesAt(core::HourKey hour, core::Feedback&) const {
  std::lock_guard lock(m_mutex);
  auto it = m_values.find(hour);
  if (it != m_values.end()) return it->second;
  return std::make_shared<const std::vector<double>>(m_cellCount, std::nan(""));
}

MeshPopulationLayer::MeshPopulationLayer(QString id, QString name, std::shared_ptr<const MeshGeometry> geometry,
                                         std::shared_ptr<const MeshValueSource> values, GraduatedStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_geometry(std::move(geometry)),
      m_values(std::move(values)),
      m_style(std::move(style)) {
  setOpacity(m_style.opacity);
}

std::vector<std::int16_t> MeshPopulationLayer::classesOf(const std::vector<double>& values) const {
  // ClassBreaks::classIndex for every value: the number of inner edges below the value.
  const std::vector<double>& edges = m_style.breaks.edges();
  const std::size_t innerEnd = edges.size() < 2 ? 0 : edges.size() - 1;
  std::vector<std::int16_t> classes(values.size(), -1);
  if (edges.empty()) return classes;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (std::isnan(v)) continue;
    int cls = 0;
    for (std::size_t k = 1; k < innerEnd; ++k) cls += edges[k] < v;
    classes[i] = static_cast<std::int16_t>(cls);
  }
  return classes;
}

void MeshPopulationLayer::render(RenderContext& ctx) const {
  if (!m_geometry || !m_values) return;
  const auto values = m_values->valuesAt(ctx.settings.hour(), ctx.feedback);
  if (!values || ctx.feedback.isCancelled()) return;
  // An hour without a single reading lies outside the layer's period (the time bar spans every
  // series of the project): nothing is drawn, rather than every cell hatched as missing.
  if (std::all_of(values->begin(), values->end(), [](double v) { return std::isnan(v); })) return;
  MeshPaintStyle paint;
  for (int i = 0; i < m_style.classCount(); ++i) paint.classColours.push_back(m_style.classColour(i));
  paint.missingFill = m_style.missingFill;
  paint.missingHatch = m_style.missingHatch;
  paint.outline = m_style.outline;
  paintMeshCells(ctx, *m_geometry, classesOf(*values), paint);
}

std::optional<IdentifyResult> MeshPopulationLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                            core::Feedback& feedback) const {
  if (!m_geometry || !m_values) return std::nullopt;
  const std::optional<std::size_t> cell = m_geometry->cellAt(mapPoint);
  if (!cell) return std::nullopt;
  const auto values = m_values->valuesAt(settings.hour(), feedback);
  const double value = values && *cell < values->size() ? (*values)[*cell] : std::nan("");
  const char* context = "ekm::render::MeshPopulationLayer";
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::MeshCell;
  r.fid = m_geometry->fids[*cell];
  r.bounds = m_geometry->bounds[*cell];
  const std::string& code = m_geometry->codes[*cell];
  r.title = QString::fromStdString(code);
  r.value = value;
  r.valueText = std::isnan(value)
                    ? QCoreApplication::translate(context, "No data")
                    : QCoreApplication::translate(context, "%1 people")
                          .arg(QLocale().toString(value, 'f', Legend::decimalsFor(m_style.breaks)));
  QString level = QCoreApplication::translate(context, "unknown");
  if (mesh::isValidCode(code)) {
    const mesh::MeshLevel l = mesh::levelOf(code);
    level = QStringLiteral("%1 (%2)").arg(QString::fromLatin1(mesh::levelName(l)), QString::fromLatin1(mesh::levelSizeName(l)));
  }
  r.attributes = {{QCoreApplication::translate(context, "Mesh code"), r.title},
                  {QCoreApplication::translate(context, "Mesh level"), level},
                  {QCoreApplication::translate(context, "Population"), r.valueText}};
  return r;
}

std::vector<LegendGroup> MeshPopulationLayer::legendGroups() const {
  return {Legend::forGraduatedStyle(name(), m_style)};
}

}  // namespace ekm::render
