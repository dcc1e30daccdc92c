#include "render/desire_line_layer.h"

#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>

#include "render/flow_band_layer.h"

namespace ekm::render {

DesireLineLayer::DesireLineLayer(QString id, QString name, std::vector<DesireLineItem> lines, DesireLineStyle style)
    : MapLayer(std::move(id), std::move(name)), m_style(std::move(style)) {
  std::stable_sort(lines.begin(), lines.end(),
                   [](const DesireLineItem& a, const DesireLineItem& b) { return a.volume > b.volume; });
  std::vector<DesireLineItem> kept;
  for (auto& l : lines) {
    if (m_style.topN > 0 && static_cast<int>(kept.size()) >= m_style.topN) break;
    if (!(l.volume > 0) || l.volume < m_style.minVolume) continue;
    m_extent.include(l.from.x(), l.from.y());
    m_extent.include(l.to.x(), l.to.y());
    kept.push_back(std::move(l));
  }
  m_lines = std::make_shared<const std::vector<DesireLineItem>>(std::move(kept));
}

void DesireLineLayer::render(RenderContext& ctx) const {
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  const auto& lines = *m_lines;
  for (std::size_t k = lines.size(); k-- > 0;) {  // smallest first, largest on top
    if ((k & 255) == 0 && ctx.feedback.isCancelled()) return;
    const DesireLineItem& l = lines[k];
    const double w = std::max(0.5, widthFor(l.volume, m_style.widthPer1000) * s);
    p.setPen(QPen(m_style.colour, w, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(ctx.mapToPixel.toPixel(l.from.x(), l.from.y()), ctx.mapToPixel.toPixel(l.to.x(), l.to.y()));
    ++ctx.featuresDrawn;
  }
}

std::optional<IdentifyResult> DesireLineLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                        core::Feedback& feedback) const {
  const MapToPixel m2p = settings.mapToPixel();
  const QPointF pixel = m2p.toPixel(mapPoint.x(), mapPoint.y());
  const double s = settings.pixelScale();
  const auto& lines = *m_lines;
  // Largest (top-most) first: the first line under the cursor wins.
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if ((k & 255) == 0 && feedback.isCancelled()) return std::nullopt;
    const DesireLineItem& l = lines[k];
    const double w = std::max(0.5, widthFor(l.volume, m_style.widthPer1000) * s);
    QPolygonF seg;
    seg << m2p.toPixel(l.from.x(), l.from.y()) << m2p.toPixel(l.to.x(), l.to.y());
    if (distanceToPolyline(pixel, seg) > w / 2 + 3 * s) continue;
    IdentifyResult r;
    r.layerId = id();
    r.layerName = name();
    r.kind = IdentifyResult::FeatureKind::Other;
    r.title = tr("%1 ↔ %2").arg(l.origin, l.destination);
    r.value = l.volume;
    const QLocale locale;
    r.valueText = locale.toString(l.volume, 'f', l.volume < 10 ? 1 : 0);
    if (!m_style.unit.isEmpty()) r.valueText += QLatin1Char(' ') + m_style.unit;
    r.attributes.emplace_back(tr("Zones"), r.title);
    r.attributes.emplace_back(tr("Trips (both directions)"), r.valueText);
    r.attributes.emplace_back(tr("Rank"), QString::number(k + 1));
    return r;
  }
  return std::nullopt;
}

std::vector<LegendGroup> DesireLineLayer::legendGroups() const {
  if (m_lines->empty()) return {};
  LegendGroup g;
  g.title = m_style.unit.isEmpty() ? tr("Desire lines") : tr("Desire lines, %1").arg(m_style.unit);
  const QLocale locale;
  for (double v : widthLegendValues(m_lines->front().volume, 3)) {
    LegendItem item;
    item.kind = LegendItem::Kind::Line;
    item.colour = m_style.colour;
    item.lineWidth = std::max(0.5, widthFor(v, m_style.widthPer1000));
    item.label = locale.toString(v, 'f', v < 10 ? 1 : 0);
    g.items.push_back(item);
  }
  return {g};
}

}  // namespace ekm::render
