#include "render/road_segments_layer.h"

#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
  const double dx = b.x() - a.x(), dy = b.y() - a.y();
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
}

}  // namespace

QString formatValue(double value) {
  if (std::isnan(value)) return QCoreApplication::translate("ekm::render::RoadSegmentsLayer", "No data");
  const QLocale locale;
  const bool integral = std::abs(value - std::round(value)) < 1e-9;
  return locale.toString(value, 'f', integral || std::abs(value) >= 100 ? 0 : 1);
}

RoadRank roadRankFromClass(const std::string& c) {
  if (c == "motorway" || c == "trunk" || c == "primary") return RoadRank::Major;
  if (c == "secondary" || c == "tertiary") return RoadRank::Secondary;
  if (c == "pedestrian" || c == "footway" || c == "path" || c == "steps" || c == "cycleway") return RoadRank::Path;
  return RoadRank::Minor;
}

void RoadGeometry::add(std::int64_t fid, RoadRank rank, QPolygonF line) { add(fid, rank, std::move(line), {}, {}); }

void RoadGeometry::add(std::int64_t fid, RoadRank rank, QPolygonF line, QString name, QString roadClass) {
  Extent b = Extent::empty();
  for (const QPointF& p : line) b.include(p.x(), p.y());
  fids.push_back(fid);
  lines.push_back(std::move(line));
  ranks.push_back(rank);
  bounds.push_back(b);
  names.push_back(std::move(name));
  roadClasses.push_back(std::move(roadClass));
  extent.include(b);
}

std::ptrdiff_t RoadGeometry::nearest(QPointF p, double maxDistance) const {
  std::ptrdiff_t best = -1;
  double bestDistance = maxDistance;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Extent& b = bounds[i];
    if (p.x() < b.xMin - bestDistance || p.x() > b.xMax + bestDistance || p.y() < b.yMin - bestDistance ||
        p.y() > b.yMax + bestDistance)
      continue;
    const QPolygonF& line = lines[i];
    for (qsizetype k = 0; k + 1 < line.size(); ++k) {
      const double d = distanceToSegment(p, line[k], line[k + 1]);
      if (d <= bestDistance) {
        bestDistance = d;
        best = static_cast<std::ptrdiff_t>(i);
      }
    }
    if (line.size() == 1 && std::hypot(p.x() - line[0].x(), p.y() - line[0].y()) <= bestDistance) best = static_cast<std::ptrdiff_t>(i);
  }
  return best;
}

QColor SegmentValueStyle::classColour(int i) const {
  const int n = classCount();
  const double f = n <= 1 ? 1.0 : static_cast<double>(i) / (n - 1);
  return ramp.at(rampStart + (1.0 - rampStart) * f);
}

double SegmentValueStyle::classWidth(int i) const {
  const int n = classCount();
  const double f = n <= 1 ? 0.5 : static_cast<double>(i) / (n - 1);
  return minWidth + (maxWidth - minWidth) * f;
}

RoadSegmentsLayer::RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry,
                                     RoadStyle style)
    : MapLayer(std::move(id), std::move(name)), m_geometry(std::move(geometry)), m_style(style) {}

RoadSegmentsLayer::RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry,
                                     std::shared_ptr<const FeatureValueSource> values, SegmentValueStyle valueStyle)
    : MapLayer(std::move(id), std::move(name)),
      m_geometry(std::move(geometry)),
      m_values(std::move(values)),
      m_valueStyle(std::move(valueStyle)) {}

void RoadSegmentsLayer::render(RenderContext& ctx) const {
  if (!m_geometry) return;
  const RoadGeometry& g = *m_geometry;
  std::vector<QPolygonF> device(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    if ((i & 255) == 0 && ctx.feedback.isCancelled()) return;
    if (!g.bounds[i].intersects(ctx.visibleExtent)) continue;
    QPolygonF& d = device[i];
    d.reserve(g.lines[i].size());
    for (const QPointF& q : g.lines[i]) d.append(ctx.mapToPixel.toPixel(q.x(), q.y()));
  }
  ctx.painter.setRenderHint(QPainter::Antialiasing, true);
  ctx.painter.setBrush(Qt::NoBrush);
  if (styledByValue())
    renderByValue(ctx, device);
  else
    renderByClass(ctx, device);
}

void RoadSegmentsLayer::renderByClass(RenderContext& ctx, const std::vector<QPolygonF>& device) const {
  const RoadGeometry& g = *m_geometry;
  QPainter& p = ctx.painter;
  const double s = ctx.settings.pixelScale();
  const double widths[] = {m_style.widthMajor, m_style.widthSecondary, m_style.widthMinor, m_style.widthPath};
  // Minor first, major on top; casings of a rank under its fills.
  for (int rank = 3; rank >= 0; --rank) {
    const double w = widths[rank] * s;
    QColor casingColour = m_style.casing;
    if (rank >= 2) casingColour.setAlpha(m_style.minorCasingAlpha);  // streets recede behind main roads
    QPen casing(casingColour, w + m_style.casingExtra * s, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    QPen fill(rank <= 1 ? m_style.major : m_style.minor, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (rank == 3) fill.setStyle(Qt::DashLine);
    for (int pass = 0; pass < 2; ++pass) {
      if (rank == 3 && pass == 0) continue;  // paths: no casing
      p.setPen(pass == 0 ? casing : fill);
      for (std::size_t i = 0; i < g.size(); ++i) {
        if ((i & 255) == 0 && ctx.feedback.isCancelled()) return;
        if (static_cast<int>(g.ranks[i]) != rank || device[i].size() < 2) continue;
        p.drawPolyline(device[i]);
        if (pass == 1) ++ctx.featuresDrawn;
      }
    }
  }
}

void RoadSegmentsLayer::renderByValue(RenderContext& ctx, const std::vector<QPolygonF>& device) const {
  const RoadGeometry& g = *m_geometry;
  const auto valuesPtr = m_values->valuesAt(ctx.settings.hour(), ctx.feedback);
  if (!valuesPtr || ctx.feedback.isCancelled()) return;
  const std::vector<double>& values = *valuesPtr;
  QPainter& p = ctx.painter;
  const double s = ctx.settings.pixelScale();
  const int n = m_valueStyle.classCount();
  // Buckets: missing first (under everything), then classes from low to high (busiest on top).
  std::vector<std::vector<std::size_t>> byClass(n + 1);
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (device[i].size() < 2) continue;
    const double v = i < values.size() ? values[i] : std::nan("");
    byClass[m_valueStyle.breaks.classIndex(v) + 1].push_back(i);
  }
  for (int c = -1; c < n; ++c) {
    if (c == 0 && m_valueStyle.casing.isValid())  // the valued segments' casings, over the missing ones
      for (int k = 0; k < n; ++k) {
        p.setPen(QPen(m_valueStyle.casing, (m_valueStyle.classWidth(k) + kValueCasingExtra) * s, Qt::SolidLine, Qt::RoundCap,
                      Qt::RoundJoin));
        for (std::size_t i : byClass[k + 1]) p.drawPolyline(device[i]);
      }
    const QColor colour = c < 0 ? m_valueStyle.missingColour : m_valueStyle.classColour(c);
    const double width = (c < 0 ? m_valueStyle.missingWidth : m_valueStyle.classWidth(c)) * s;
    p.setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (std::size_t k = 0; k < byClass[c + 1].size(); ++k) {
      if ((k & 255) == 0 && ctx.feedback.isCancelled()) return;
      p.drawPolyline(device[byClass[c + 1][k]]);
      ++ctx.featuresDrawn;
    }
  }
}

std::optional<IdentifyResult> RoadSegmentsLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                          core::Feedback& feedback) const {
  if (!m_geometry || !settings.hasValidSettings()) return std::nullopt;
  const double tolerance = 6.0 * settings.pixelScale() * settings.mapUnitsPerPixel();
  const std::ptrdiff_t found = m_geometry->nearest(mapPoint, tolerance);
  if (found < 0) return std::nullopt;
  const auto i = static_cast<std::size_t>(found);
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Segment;
  r.fid = m_geometry->fids[i];
  r.bounds = m_geometry->bounds[i];
  const QString& street = m_geometry->names[i];
  r.title = street.isEmpty() ? tr("Unnamed road (segment %1)").arg(r.fid) : street;
  r.attributes.emplace_back(tr("Name"), street.isEmpty() ? tr("(unnamed)") : street);
  r.attributes.emplace_back(tr("Road class"), m_geometry->roadClasses[i]);
  r.value = std::nan("");
  if (m_values) {
    const auto values = m_values->valuesAt(settings.hour(), feedback);
    if (values && i < values->size()) r.value = (*values)[i];
    r.valueText = formatValue(r.value);
    r.attributes.emplace_back(m_valueStyle.valueTitle.isEmpty() ? tr("Count") : m_valueStyle.valueTitle, r.valueText);
  }
  return r;
}

std::vector<LegendGroup> RoadSegmentsLayer::legendGroups() const {
  LegendGroup group{name(), {}};
  if (styledByValue()) {
    if (!m_valueStyle.valueTitle.isEmpty()) group.title = m_valueStyle.valueTitle;
    const int decimals = Legend::decimalsFor(m_valueStyle.breaks);
    for (int c = 0; c < m_valueStyle.classCount(); ++c) {
      LegendItem item;
      item.kind = LegendItem::Kind::Line;
      item.lower = m_valueStyle.breaks.lower(c);
      item.upper = m_valueStyle.breaks.upper(c);
      item.label = Legend::rangeLabel(item.lower, item.upper, decimals);
      item.colour = m_valueStyle.classColour(c);
      item.lineWidth = m_valueStyle.classWidth(c);
      item.stroke = m_valueStyle.casing;
      group.items.push_back(item);
    }
    LegendItem missing;
    missing.kind = LegendItem::Kind::Line;
    missing.label = tr("No count");
    missing.colour = m_valueStyle.missingColour;
    missing.lineWidth = m_valueStyle.missingWidth;
    group.items.push_back(missing);
  } else {
    // The casing is what shows the width on the map; the fill is white.
    LegendItem major;
    major.kind = LegendItem::Kind::Line;
    major.label = tr("Main road");
    major.colour = m_style.casing;
    major.lineWidth = m_style.widthMajor + m_style.casingExtra;
    LegendItem street = major;
    street.label = tr("Street");
    street.lineWidth = m_style.widthMinor + m_style.casingExtra;
    group.items = {major, street};
  }
  return {group};
}

}  // namespace ekm::render
