#include "render/link_difference_layer.h"

#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ekm::render {

namespace {
QString signedNumber(double v) {
  const QLocale locale;
  const QString n = locale.toString(std::abs(v), 'f', std::abs(v) < 10 ? 1 : 0);
  return v > 0 ? QStringLiteral("+") + n : v < 0 ? QStringLiteral("−") + n : n;
}
}  // namespace

LinkDifferenceLayer::LinkDifferenceLayer(QString id, QString name, std::vector<LinkVolumeDifference> links,
                                         DivergingRamp ramp, LinkDifferenceStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_links(std::make_shared<const std::vector<LinkVolumeDifference>>(std::move(links))),
      m_ramp(std::move(ramp)),
      m_style(std::move(style)) {
  const auto& l = *m_links;
  m_bounds.reserve(l.size());
  std::vector<double> magnitude(l.size(), -1.0);  // -1: no value (drawn first, underneath)
  for (std::size_t i = 0; i < l.size(); ++i) {
    const auto& link = l[i];
    Extent b = Extent::empty();
    for (const QPointF& p : link.line) b.include(p.x(), p.y());
    m_bounds.push_back(b);
    m_extent.include(b);
    const double v = value(link);
    if (std::isfinite(v)) magnitude[i] = std::abs(v), m_maxAbs = std::max(m_maxAbs, std::abs(v));
    if (isDrawn(link)) {
      m_maxWidthPt = std::max(m_maxWidthPt, widthPt(link));
      m_hasClosed |= link.closed;
      m_hasAdded |= link.added;
    }
  }
  m_order.resize(l.size());
  std::iota(m_order.begin(), m_order.end(), std::size_t{0});
  std::stable_sort(m_order.begin(), m_order.end(),
                   [&magnitude](std::size_t a, std::size_t b) { return magnitude[a] < magnitude[b]; });
}

double LinkDifferenceLayer::value(const LinkVolumeDifference& link) const {
  return m_style.quantity == DifferenceQuantity::Volume ? link.difference() : link.timeDifference();
}

bool LinkDifferenceLayer::isDrawn(const LinkVolumeDifference& link) const {
  if (link.line.size() < 2) return false;
  const double v = value(link);
  if (std::isnan(v)) return m_style.quantity == DifferenceQuantity::TravelTime && (link.closed || link.added);
  return std::abs(v) > m_style.minAbsDifference;
}

QColor LinkDifferenceLayer::colourFor(const LinkVolumeDifference& link) const {
  const double v = value(link);
  return std::isnan(v) ? m_style.absentColour : m_ramp.colourFor(v);
}

double LinkDifferenceLayer::widthPt(const LinkVolumeDifference& link) const {
  if (m_style.quantity == DifferenceQuantity::TravelTime) return m_style.timeWidth;
  return widthFor(std::abs(link.difference()), m_style.widthPer1000);
}

double LinkDifferenceLayer::offsetPx(double width, double pixelScale) const {
  const double d = (m_style.gap / 2) * pixelScale + width * pixelScale / 2;
  return m_style.side == BandSide::Left ? d : -d;
}

void LinkDifferenceLayer::render(RenderContext& ctx) const {
  const auto& links = *m_links;
  const double s = ctx.settings.pixelScale();
  const double reach = (m_style.gap * s + m_maxWidthPt * s + 2) * ctx.mapToPixel.mapUnitsPerPixel();
  Extent visible = ctx.visibleExtent;
  visible.xMin -= reach, visible.yMin -= reach, visible.xMax += reach, visible.yMax += reach;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  QPolygonF device;
  for (std::size_t k = 0; k < m_order.size(); ++k) {
    if ((k & 255) == 0 && ctx.feedback.isCancelled()) return;
    const std::size_t i = m_order[k];
    const auto& link = links[i];
    if (!isDrawn(link) || !m_bounds[i].intersects(visible)) continue;
    device.resize(link.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = ctx.mapToPixel.toPixel(link.line[j].x(), link.line[j].y());
    const double w = widthPt(link);
    QPen pen(colourFor(link), w * s, link.closed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
    pen.setMiterLimit(2);
    p.setPen(pen);
    p.drawPolyline(offsetPolyline(device, offsetPx(w, s)));
    ++ctx.featuresDrawn;
  }
}

std::optional<IdentifyResult> LinkDifferenceLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                            core::Feedback& feedback) const {
  const auto& links = *m_links;
  const MapToPixel m2p = settings.mapToPixel();
  const double s = settings.pixelScale();
  const double tolerancePx = 3 * s;
  const QPointF pixel = m2p.toPixel(mapPoint.x(), mapPoint.y());
  const double reach = (m_style.gap * s + m_maxWidthPt * s + tolerancePx) * m2p.mapUnitsPerPixel();
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  QPolygonF device;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if ((i & 255) == 0 && feedback.isCancelled()) return std::nullopt;
    const auto& link = links[i];
    if (!isDrawn(link)) continue;
    const Extent& b = m_bounds[i];
    if (mapPoint.x() < b.xMin - reach || mapPoint.x() > b.xMax + reach || mapPoint.y() < b.yMin - reach ||
        mapPoint.y() > b.yMax + reach)
      continue;
    device.resize(link.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = m2p.toPixel(link.line[j].x(), link.line[j].y());
    const double w = widthPt(link);
    const double outside = std::max(0.0, distanceToPolyline(pixel, offsetPolyline(device, offsetPx(w, s))) - w * s / 2);
    if (outside > tolerancePx || outside >= bestDistance) continue;
    best = static_cast<int>(i);
    bestDistance = outside;
  }
  if (best < 0) return std::nullopt;
  const auto& link = links[static_cast<std::size_t>(best)];
  const QLocale locale;
  const QString volumeUnit = m_style.quantity == DifferenceQuantity::Volume ? m_style.unit : QString();
  auto withUnit = [](const QString& text, const QString& unit) {
    return unit.isEmpty() ? text : text + QLatin1Char(' ') + unit;
  };
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Segment;
  r.title = link.segmentId.isEmpty() ? tr("Added link") : link.segmentId;
  r.value = value(link);
  r.valueText = std::isnan(r.value) ? (link.closed ? tr("(closed)") : tr("(new link)"))
                                    : withUnit(signedNumber(r.value), m_style.unit);
  r.attributes.emplace_back(tr("Base volume"), link.added ? tr("(new link)") : locale.toString(link.baseVolume, 'f', 0));
  r.attributes.emplace_back(tr("Scenario volume"),
                            link.closed ? tr("(closed)") : locale.toString(link.scenarioVolume, 'f', 0));
  r.attributes.emplace_back(tr("Difference"), withUnit(signedNumber(link.difference()), volumeUnit));
  r.attributes.emplace_back(tr("Base travel time"), link.added ? tr("(new link)") : formatDuration(link.baseTime_s));
  r.attributes.emplace_back(tr("Scenario travel time"),
                            link.closed ? tr("(closed)") : formatDuration(link.scenarioTime_s));
  if (std::isfinite(link.timeDifference()))
    r.attributes.emplace_back(tr("Travel time difference"), signedNumber(link.timeDifference()) + tr(" s"));
  return r;
}

std::vector<LegendGroup> LinkDifferenceLayer::legendGroups() const {
  std::vector<LegendGroup> groups;
  const bool time = m_style.quantity == DifferenceQuantity::TravelTime;
  LegendGroup colours;
  if (time)
    colours.title = m_style.unit.isEmpty() ? tr("Scenario − base travel time")
                                           : tr("Scenario − base travel time, %1").arg(m_style.unit);
  else
    colours.title = m_style.unit.isEmpty() ? tr("Scenario − base") : tr("Scenario − base, %1").arg(m_style.unit);
  const ClassBreaks& b = m_ramp.breaks();
  const int decimals = Legend::decimalsFor(b);
  for (int i = 0; i < m_ramp.classCount(); ++i) {
    LegendItem item;
    item.kind = LegendItem::Kind::Range;
    item.lower = b.lower(i);
    item.upper = b.upper(i);
    item.colour = m_ramp.classColour(i);
    item.label = Legend::rangeLabel(item.lower, item.upper, decimals);
    colours.items.push_back(item);
  }
  if (time) {
    auto absent = [this](const QString& label) {
      LegendItem item;
      item.kind = LegendItem::Kind::Line;
      item.colour = m_style.absentColour;
      item.lineWidth = m_style.timeWidth;
      item.label = label;
      return item;
    };
    if (m_hasClosed) colours.items.push_back(absent(tr("Closed (dashed)")));
    if (m_hasAdded) colours.items.push_back(absent(tr("Added link")));
  }
  groups.push_back(colours);
  if (time) return groups;
  LegendGroup widths;
  widths.title = tr("|Difference| (band width)");
  const QLocale locale;
  for (double v : widthLegendValues(m_maxAbs, 3)) {
    LegendItem item;
    item.kind = LegendItem::Kind::Line;
    item.colour = QColor(0x55, 0x55, 0x55);
    item.lineWidth = widthFor(v, m_style.widthPer1000);
    item.label = locale.toString(v, 'f', v < 10 ? 1 : 0);
    widths.items.push_back(item);
  }
  if (!widths.items.empty()) groups.push_back(widths);
  return groups;
}

}  // namespace ekm::render
