// The DHC buildings coloured by demand at the map's hour (energy_buildings_layer.h).
#include "render/energy_buildings_layer.h"

#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <cmath>

#include "ekm/energy/heat_meters.h"
#include "ekm/geo/transformer.h"
#include "ekm/store/energy_store.h"
#include "render/legend.h"
#include "render/road_segments_layer.h"  // formatValue

namespace ekm::render {

double EnergyBuildingsMap::demandAt(std::size_t building, core::HourKey hour) const {
  if (building >= demand.size() || hour < start) return std::nan("");
  const auto i = static_cast<std::size_t>(hour - start);
  return i < demand[building].size() ? demand[building][i] : std::nan("");
}

std::shared_ptr<const EnergyBuildingsMap> loadEnergyBuildingsMap(const store::Project& project, int displayEpsg) {
  const auto buildings = store::readBuildings(project);
  if (buildings.empty()) return nullptr;
  auto m = std::make_shared<EnergyBuildingsMap>();
  const geo::Transformer toDisplay(displayEpsg);
  for (const auto& b : buildings) {
    m->ids.push_back(QString::fromStdString(b.buildingId));
    m->namesJa.push_back(QString::fromStdString(b.nameJa));
    m->namesEn.push_back(QString::fromStdString(b.nameEn));
    QPolygonF outline;
    for (const auto& [lon, lat] : b.outerRingLonLat) {
      const auto [x, y] = toDisplay.forward(lon, lat);
      m->extent.include(x, y);
      outline.push_back(QPointF(x, y));
    }
    m->outlines.push_back(std::move(outline));
  }
  // The hours of the cooling and heating meters.
  const std::optional<store::TimeRange> hours = energy::buildingHeatHours(project);
  m->demand.assign(buildings.size(), {});
  if (!hours) return m;
  const core::HourKey first = hours->first, last = hours->last;
  m->start = first;
  const auto count = static_cast<std::size_t>(last - first + 1);
  for (auto& d : m->demand) d.assign(count, std::nan(""));
  for (const auto& meter : store::readMeters(project, first, last + 1)) {
    if (meter.kind != energy::MeterKind::Cooling && meter.kind != energy::MeterKind::Heating) continue;
    const auto it = std::find(m->ids.begin(), m->ids.end(), QString::fromStdString(meter.owner));
    if (it == m->ids.end()) continue;
    auto& d = m->demand[static_cast<std::size_t>(it - m->ids.begin())];
    for (std::size_t i = 0; i < count; ++i) {
      const double v = meter.series.at(first + static_cast<core::HourKey>(i));
      if (std::isnan(v)) continue;
      d[i] = std::isnan(d[i]) ? v : d[i] + v;
    }
  }
  for (const auto& d : m->demand)
    for (double v : d)
      if (!std::isnan(v)) m->maxDemand = std::max(m->maxDemand, v);
  return m;
}

EnergyBuildingsLayer::EnergyBuildingsLayer(QString id, QString name, std::shared_ptr<const EnergyBuildingsMap> map)
    : MapLayer(std::move(id), std::move(name)), m_map(std::move(map)) {}

QColor EnergyBuildingsLayer::colourFor(double demandKwh) const {
  if (std::isnan(demandKwh) || !m_map) return {};
  const double top = m_map->maxDemand > 0 ? m_map->maxDemand : 1.0;
  return m_ramp.at(std::clamp(demandKwh / top, 0.0, 1.0));
}

void EnergyBuildingsLayer::render(RenderContext& ctx) const {
  if (!m_map) return;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  const core::HourKey hour = ctx.settings.hour();
  HaloLabelStyle label;
  label.main.setPixelSize(static_cast<int>(std::lround(11 * s)));
  label.main.setBold(true);
  label.second = label.main;
  label.text = QColor(0x20, 0x20, 0x20);
  label.halo = QColor(255, 255, 255, 230);
  label.haloWidth = 3 * s;
  for (std::size_t b = 0; b < m_map->outlines.size(); ++b) {
    if (ctx.feedback.isCancelled()) return;
    QPolygonF device;
    for (const QPointF& q : m_map->outlines[b]) device.push_back(ctx.mapToPixel.toPixel(q.x(), q.y()));
    const double v = m_map->demandAt(b, hour);
    p.setPen(QPen(QColor(0x40, 0x20, 0x10), 1.4 * s));
    if (std::isnan(v)) {
      p.setBrush(QColor(0xd0, 0xd0, 0xd0, 200));
      p.drawPolygon(device);
      p.setBrush(QBrush(QColor(0x80, 0x80, 0x80), Qt::BDiagPattern));
    } else {
      QColor fill = colourFor(v);
      fill.setAlpha(225);
      p.setBrush(fill);
    }
    p.drawPolygon(device);
    const QPointF centre = device.boundingRect().center();
    const QSizeF box = m_labels->size(m_map->ids[b], label);
    m_labels->draw(p, centre - QPointF(box.width() / 2, box.height() / 2), m_map->ids[b], label);
    ++ctx.featuresDrawn;
  }
}

std::optional<IdentifyResult> EnergyBuildingsLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                              core::Feedback&) const {
  if (!m_map) return std::nullopt;
  for (std::size_t b = 0; b < m_map->outlines.size(); ++b) {
    if (!m_map->outlines[b].containsPoint(mapPoint, Qt::OddEvenFill)) continue;
    IdentifyResult r;
    r.layerId = id();
    r.layerName = name();
    r.title = QStringLiteral("%1 %2").arg(m_map->ids[b], m_map->namesJa[b]);
    r.value = m_map->demandAt(b, settings.hour());
    r.valueText = std::isnan(r.value) ? tr("No data") : tr("%1 kWh/h").arg(formatValue(r.value));
    r.attributes = {{tr("Building"), m_map->ids[b]},
                    {tr("Name"), m_map->namesJa[b]},
                    {tr("Name (English)"), m_map->namesEn[b]},
                    {tr("Cooling + heating demand"), r.valueText}};
    const QRectF bounds = m_map->outlines[b].boundingRect();
    r.bounds = Extent{bounds.left(), bounds.top(), bounds.right(), bounds.bottom()};
    return r;
  }
  return std::nullopt;
}

std::vector<LegendGroup> EnergyBuildingsLayer::legendGroups() const {
  LegendGroup g{name(), {}};
  if (!m_map) return {g};
  g.items.push_back(Legend::rampItem(m_ramp, 225.0 / 255.0, QStringLiteral("0"),
                                     tr("%1 kWh/h").arg(formatValue(m_map->maxDemand))));
  LegendItem missing;
  missing.kind = LegendItem::Kind::Missing;
  missing.label = tr("No reading in the hour");
  g.items.push_back(missing);
  return {g};
}

}  // namespace ekm::render
