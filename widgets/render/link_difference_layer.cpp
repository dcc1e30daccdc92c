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
  for (const auto& link : l) {
    Extent b = Extent::empty();
    for (const QPointF& p : link.line) b.include(p.x(), p.y());
    m_bounds.push_back(b);
    m_extent.include(b);
    m_maxAbs = std::max(m_maxAbs, std::abs(link.difference()));
  }
  m_order.resize(l.size());
  std::iota(m_order.begin(), m_order.end(), std::size_t{0});
  std::stable_sort(m_order.begin(), m_order.end(), [&l](std::size_t a, std::size_t b) {
    return std::abs(l[a].difference()) < std::abs(l[b].difference());
  });
}

double LinkDifferenceLayer::offsetPx(double absDifference, double pixelScale) const {
  const double d = (m_style.gap / 2) * pixelScale + widthFor(absDifference, m_style.widthPer1000) * pixelScale / 2;
  return m_style.side == BandSide::Left ? d : -d;
}

void LinkDifferenceLayer::render(RenderContext& ctx) const {
  const auto& links = *m_links;
  const double s = ctx.settings.pixelScale();
  const double reach = (m_style.gap * s + widthFor(m_maxAbs, m_style.widthPer1000) * s + 2) *
                       ctx.mapToPixel.mapUnitsPerPixel();
  Extent visible = ctx.visibleExtent;
  visible.xMin -= reach, visible.yMin -= reach, visible.xMax += reach, visible.yMax += reach;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  QPolygonF device;
  for (std::size_t k = 0; k < m_order.size(); ++k) {
    if ((k & 255) == 0 && ctx.feedback.isCancelled()) return;
    const std::size_t i = m_order[k];
    const auto& link = links[i];
    const double diff = link.difference();
    if (!(std::abs(diff) > m_style.minAbsDifference) || link.line.size() < 2) continue;
    if (!m_bounds[i].intersects(visible)) continue;
    device.resize(link.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = ctx.mapToPixel.toPixel(link.line[j].x(), link.line[j].y());
    const double w = widthFor(std::abs(diff), m_style.widthPer1000) * s;
    QPen pen(m_ramp.colourFor(diff), w, link.closed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
    pen.setMiterLimit(2);
    p.setPen(pen);
    p.drawPolyline(offsetPolyline(device, offsetPx(std::abs(diff), s)));
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
  const double reach = (m_style.gap * s + widthFor(m_maxAbs, m_style.widthPer1000) * s + tolerancePx) *
                       m2p.mapUnitsPerPixel();
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  QPolygonF device;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if ((i & 255) == 0 && feedback.isCancelled()) return std::nullopt;
    const auto& link = links[i];
    const double ad = std::abs(link.difference());
    if (!(ad > m_style.minAbsDifference) || link.line.size() < 2) continue;
    const Extent& b = m_bounds[i];
    if (mapPoint.x() < b.xMin - reach || mapPoint.x() > b.xMax + reach || mapPoint.y() < b.yMin - reach ||
        mapPoint.y() > b.yMax + reach)
      continue;
    device.resize(link.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = m2p.toPixel(link.line[j].x(), link.line[j].y());
    const double w = widthFor(ad, m_style.widthPer1000) * s;
    const double outside = std::max(0.0, distanceToPolyline(pixel, offsetPolyline(device, offsetPx(ad, s))) - w / 2);
    if (outside > tolerancePx || outside >= bestDistance) continue;
    best = static_cast<int>(i);
    bestDistance = outside;
  }
  if (best < 0) return std::nullopt;
  const auto& link = links[static_cast<std::size_t>(best)];
  const QLocale locale;
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Segment;
  r.title = link.segmentId.isEmpty() ? tr("Added link") : link.segmentId;
  r.value = link.difference();
  r.valueText = signedNumber(link.difference()) + (m_style.unit.isEmpty() ? QString() : QLatin1Char(' ') + m_style.unit);
  r.attributes.emplace_back(tr("Base volume"), link.added ? tr("(new link)") : locale.toString(link.baseVolume, 'f', 0));
  r.attributes.emplace_back(tr("Scenario volume"),
                            link.closed ? tr("(closed)") : locale.toString(link.scenarioVolume, 'f', 0));
  r.attributes.emplace_back(tr("Difference"), r.valueText);
  return r;
}

std::vector<LegendGroup> LinkDifferenceLayer::legendGroups() const {
  std::vector<LegendGroup> groups;
  LegendGroup colours;
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
  groups.push_back(colours);
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
