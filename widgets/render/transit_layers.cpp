// GTFS route and stop layers (transit_layers.h).
#include "render/transit_layers.h"

#include <QPen>
#include <cmath>

#include "ekm/core/time.h"
#include "ekm/geo/transformer.h"
#include "ekm/store/transit_store.h"
#include "render/road_segments_layer.h"  // formatValue

namespace ekm::render {

namespace {

// A qualitative palette (ColorBrewer Set1/Dark2-like), readable on the light basemap.
const QColor kPalette[] = {{0xe4, 0x1a, 0x1c}, {0x37, 0x7e, 0xb8}, {0x4d, 0xaf, 0x4a}, {0x98, 0x4e, 0xa3},
                           {0xff, 0x7f, 0x00}, {0xa6, 0x56, 0x28}, {0xf7, 0x81, 0xbf}, {0x1b, 0x9e, 0x77},
                           {0x66, 0x66, 0x66}, {0xd9, 0x5f, 0x02}, {0x75, 0x70, 0xb3}, {0xe6, 0xab, 0x02}};

int dayIndex(core::DayType t) { return static_cast<int>(t); }

}  // namespace

QColor transitRouteColour(const QString& routeColor, int index) {
  if (routeColor.size() == 6) {
    const QColor c(QLatin1Char('#') + routeColor);
    if (c.isValid()) return c;
  }
  constexpr int n = static_cast<int>(std::size(kPalette));
  return kPalette[((index % n) + n) % n];
}

std::shared_ptr<const TransitMap> loadTransitMap(const store::Project& project, int displayEpsg) {
  const auto feed = store::readGtfsFeed(project);
  if (feed.info.sourceSha256.empty()) return nullptr;
  auto m = std::make_shared<TransitMap>();
  const geo::Transformer toDisplay(displayEpsg);
  auto point = [&](const store::LonLat& p) {
    const auto [x, y] = toDisplay.forward(p.lon, p.lat);
    m->extent.include(x, y);
    return QPointF(x, y);
  };
  for (std::size_t r = 0; r < feed.routes.size(); ++r) {
    const auto& route = feed.routes[r];
    m->routeIds.push_back(QString::fromStdString(route.routeId));
    m->routeNames.push_back(QString::fromStdString(route.displayName()));
    m->routeColours.push_back(transitRouteColour(QString::fromStdString(route.color), static_cast<int>(r)));
  }
  for (const auto& s : feed.routeShapes) {
    TransitMap::RouteLine line;
    line.route = static_cast<int>(std::find(m->routeIds.begin(), m->routeIds.end(), QString::fromStdString(s.routeId)) -
                                  m->routeIds.begin());
    if (line.route >= static_cast<int>(m->routeIds.size())) continue;
    for (const auto& p : s.points) line.line.push_back(point(p));
    m->lines.push_back(std::move(line));
  }
  std::vector<int> slotOf(feed.stops.size(), -1);
  for (std::size_t s = 0; s < feed.stops.size(); ++s) {
    const auto& stop = feed.stops[s];
    if (stop.locationType != 0) continue;
    slotOf[s] = static_cast<int>(m->stopIds.size());
    m->stopIds.push_back(QString::fromStdString(stop.stopId));
    m->stopNames.push_back(QString::fromStdString(stop.name));
    m->stopNamesEn.push_back(QString::fromStdString(stop.nameEn));
    m->stopPositions.push_back(point(stop.position));
  }
  for (auto type : {core::DayType::Weekday, core::DayType::Saturday, core::DayType::SundayHoliday}) {
    auto& deps = m->departures[static_cast<std::size_t>(dayIndex(type))];
    deps.assign(m->stopIds.size(), mobility::HourCounts{});
    try {
      const auto day = mobility::representativeDay(feed, type);
      m->days[static_cast<std::size_t>(dayIndex(type))] = QString::fromStdString(day.date);
      for (const auto& s : mobility::serviceProfile(feed, day).stops)
        if (slotOf[static_cast<std::size_t>(s.stop)] >= 0) deps[static_cast<std::size_t>(slotOf[static_cast<std::size_t>(s.stop)])] = s.departures;
    } catch (const core::Error&) {
      // no day of this type in the feed: no departures drawn for it
    }
  }
  m->attribution = QString::fromStdString(feed.info.attribution);
  return m;
}

// ---------------------------------------------------------------- routes

TransitRoutesLayer::TransitRoutesLayer(QString id, QString name, std::shared_ptr<const TransitMap> map, double widthPt)
    : MapLayer(std::move(id), std::move(name)), m_map(std::move(map)), m_width(widthPt) {}

void TransitRoutesLayer::render(RenderContext& ctx) const {
  if (!m_map) return;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  p.setBrush(Qt::NoBrush);
  for (const auto& l : m_map->lines) {
    if (ctx.feedback.isCancelled()) return;
    QPolygonF device;
    device.reserve(l.line.size());
    for (const QPointF& q : l.line) device.push_back(ctx.mapToPixel.toPixel(q.x(), q.y()));
    QPen pen(m_map->routeColours[static_cast<std::size_t>(l.route)], m_width * s);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    p.setPen(pen);
    p.drawPolyline(device);
    ++ctx.featuresDrawn;
  }
}

std::vector<LegendGroup> TransitRoutesLayer::legendGroups() const {
  LegendGroup g{name(), {}};
  if (!m_map) return {g};
  for (std::size_t r = 0; r < m_map->routeIds.size(); ++r) {
    LegendItem item;
    item.kind = LegendItem::Kind::Line;
    item.label = m_map->routeNames[r];
    item.colour = m_map->routeColours[r];
    item.lineWidth = m_width;
    g.items.push_back(item);
  }
  return {g};
}

// ---------------------------------------------------------------- stops

TransitStopsLayer::TransitStopsLayer(QString id, QString name, std::shared_ptr<const TransitMap> map,
                                     double referenceDepartures, double referenceRadius)
    : MapLayer(std::move(id), std::move(name)),
      m_map(std::move(map)),
      m_refDepartures(referenceDepartures),
      m_refRadius(referenceRadius) {}

const std::vector<mobility::HourCounts>& TransitStopsLayer::departuresFor(core::HourKey hour, int& hourOfDay) const {
  const auto jst = core::jstFromHourKey(hour);
  hourOfDay = jst.hour;
  return m_map->departures[static_cast<std::size_t>(dayIndex(core::dayType(jst.date)))];
}

double TransitStopsLayer::radiusFor(int departures) const {
  if (departures <= 0 || m_refDepartures <= 0) return 0;
  return m_refRadius * std::sqrt(departures / m_refDepartures);
}

void TransitStopsLayer::render(RenderContext& ctx) const {
  if (!m_map) return;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  int h = 0;
  const auto& deps = departuresFor(ctx.settings.hour(), h);
  const QRectF imageRect(QPointF(0, 0), QSizeF(ctx.settings.outputSize()));
  // Largest first, so small circles stay visible on top.
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t i = 0; i < m_map->stopPositions.size(); ++i)
    order.emplace_back(i < deps.size() ? radiusFor(deps[i][static_cast<std::size_t>(h)]) : 0.0, i);
  std::sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.first > b.first; });
  const QPen ring(QColor(0x30, 0x30, 0x30), 1.0 * s);
  const QBrush fill(QColor(0x00, 0x6e, 0xb8, 170));
  for (const auto& [r, i] : order) {
    if (ctx.feedback.isCancelled()) return;
    const QPointF d = ctx.mapToPixel.toPixel(m_map->stopPositions[i].x(), m_map->stopPositions[i].y());
    const double radius = r > 0 ? r * s : 2.5 * s;
    if (!imageRect.adjusted(-radius, -radius, radius, radius).contains(d)) continue;
    p.setPen(ring);
    p.setBrush(r > 0 ? fill : QBrush(Qt::white));
    p.drawEllipse(d, radius, radius);
    ++ctx.featuresDrawn;
  }
}

std::optional<IdentifyResult> TransitStopsLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                          core::Feedback&) const {
  if (!m_map || !settings.hasValidSettings()) return std::nullopt;
  int h = 0;
  const auto& deps = departuresFor(settings.hour(), h);
  const double mupp = settings.mapUnitsPerPixel(), s = settings.pixelScale();
  std::ptrdiff_t best = -1;
  double bestD = 0;
  for (std::size_t i = 0; i < m_map->stopPositions.size(); ++i) {
    const double n = i < deps.size() ? deps[i][static_cast<std::size_t>(h)] : 0;
    const double reach = std::max(3.0, radiusFor(static_cast<int>(n))) * s * mupp;
    const double d = std::hypot(mapPoint.x() - m_map->stopPositions[i].x(), mapPoint.y() - m_map->stopPositions[i].y());
    if (d <= reach && (best < 0 || d < bestD)) best = static_cast<std::ptrdiff_t>(i), bestD = d;
  }
  if (best < 0) return std::nullopt;
  const auto i = static_cast<std::size_t>(best);
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.title = m_map->stopNames[i];
  const auto& pos = m_map->stopPositions[i];
  r.bounds = Extent{pos.x(), pos.y(), pos.x(), pos.y()};
  r.value = i < deps.size() ? deps[i][static_cast<std::size_t>(h)] : 0;
  r.valueText = tr("%1 departures").arg(formatValue(r.value));
  int day = 0;
  if (i < deps.size())
    for (int v : deps[i]) day += v;
  r.attributes.emplace_back(tr("Stop id"), m_map->stopIds[i]);
  r.attributes.emplace_back(tr("Name (English)"), m_map->stopNamesEn[i]);
  r.attributes.emplace_back(tr("Departures in the hour"), formatValue(r.value));
  r.attributes.emplace_back(tr("Departures in the day"), formatValue(day));
  r.attributes.emplace_back(tr("Source"), m_map->attribution);
  return r;
}

std::vector<LegendGroup> TransitStopsLayer::legendGroups() const {
  LegendGroup g{tr("Bus departures per hour"), {}};
  for (int v : {static_cast<int>(m_refDepartures), std::max(1, static_cast<int>(m_refDepartures / 4))}) {
    LegendItem item;
    item.kind = LegendItem::Kind::Bubble;
    item.lower = item.upper = v;
    item.radius = radiusFor(v);
    item.label = formatValue(v);
    item.colour = QColor(0x00, 0x6e, 0xb8, 170);
    item.stroke = QColor(0x30, 0x30, 0x30);
    g.items.push_back(item);
  }
  LegendItem none;
  none.kind = LegendItem::Kind::Bubble;
  none.radius = 2.5;
  none.label = tr("no departure");
  none.colour = Qt::white;
  none.stroke = QColor(0x30, 0x30, 0x30);
  g.items.push_back(none);
  return {g};
}

}  // namespace ekm::render
