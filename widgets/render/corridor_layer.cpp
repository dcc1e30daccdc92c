#include "render/corridor_layer.h"

#include <QFont>
#include <QLocale>
#include <QPen>
#include <algorithm>
#include <cmath>
#include <limits>

#include "render/flow_band_layer.h"

namespace ekm::render {

CorridorLayer::CorridorLayer(QString id, QString name, std::vector<CorridorItem> corridors, CorridorStyle style)
    : MapLayer(std::move(id), std::move(name)), m_style(std::move(style)) {
  std::stable_sort(corridors.begin(), corridors.end(),
                   [](const CorridorItem& a, const CorridorItem& b) { return a.rank > b.rank; });
  for (const auto& c : corridors) {
    Extent b = Extent::empty();
    for (const QPointF& p : c.line) b.include(p.x(), p.y());
    m_bounds.push_back(b);
    m_extent.include(b);
  }
  m_corridors = std::make_shared<const std::vector<CorridorItem>>(std::move(corridors));
}

QPointF CorridorLayer::midpoint(const QPolygonF& line) {
  if (line.isEmpty()) return {};
  double total = 0;
  for (qsizetype i = 1; i < line.size(); ++i) total += QLineF(line[i - 1], line[i]).length();
  double half = total / 2;
  for (qsizetype i = 1; i < line.size(); ++i) {
    const double len = QLineF(line[i - 1], line[i]).length();
    if (len > 0 && half <= len) return line[i - 1] + (line[i] - line[i - 1]) * (half / len);
    half -= len;
  }
  return line.front();
}

void CorridorLayer::render(RenderContext& ctx) const {
  const auto& corridors = *m_corridors;
  const double s = ctx.settings.pixelScale();
  const double reach = (std::max(m_style.width / 2, m_style.labelRadius) * s + 2) * ctx.mapToPixel.mapUnitsPerPixel();
  Extent visible = ctx.visibleExtent;
  visible.xMin -= reach, visible.yMin -= reach, visible.xMax += reach, visible.yMax += reach;
  QPainter& p = ctx.painter;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  std::vector<std::pair<QPointF, int>> labels;
  QPolygonF device;
  QPen band(m_style.colour, m_style.width * s, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
  p.setBrush(Qt::NoBrush);
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    if (ctx.feedback.isCancelled()) break;
    const auto& c = corridors[i];
    if (c.line.size() < 2 || !m_bounds[i].intersects(visible)) continue;
    device.resize(c.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = ctx.mapToPixel.toPixel(c.line[j].x(), c.line[j].y());
    p.setPen(band);
    p.drawPolyline(device);  // one stroke: a corridor overlapping itself is not darker there
    labels.emplace_back(midpoint(device), c.rank);
    ++ctx.featuresDrawn;
  }
  // Rank discs above every band, rank 1 last (on top).
  QFont font;
  font.setBold(true);
  font.setPixelSize(std::max(1, static_cast<int>(std::lround(m_style.labelRadius * 1.2 * s))));
  p.setFont(font);
  const double r = m_style.labelRadius * s;
  for (const auto& [centre, rank] : labels) {
    p.setPen(Qt::NoPen);
    p.setBrush(m_style.labelColour);
    p.drawEllipse(centre, r, r);
    p.setPen(m_style.labelTextColour);
    p.drawText(QRectF(centre.x() - 2 * r, centre.y() - r, 4 * r, 2 * r), Qt::AlignCenter, QString::number(rank));
  }
  p.restore();
}

std::optional<IdentifyResult> CorridorLayer::identify(QPointF mapPoint, const MapSettings& settings,
                                                      core::Feedback& feedback) const {
  const auto& corridors = *m_corridors;
  const MapToPixel m2p = settings.mapToPixel();
  const double s = settings.pixelScale();
  const QPointF pixel = m2p.toPixel(mapPoint.x(), mapPoint.y());
  const double half = m_style.width * s / 2;
  int best = -1;
  double bestRank = std::numeric_limits<double>::infinity();
  QPolygonF device;
  for (std::size_t i = 0; i < corridors.size(); ++i) {
    if (feedback.isCancelled()) return std::nullopt;
    const auto& c = corridors[i];
    if (c.line.size() < 2) continue;
    device.resize(c.line.size());
    for (qsizetype j = 0; j < device.size(); ++j) device[j] = m2p.toPixel(c.line[j].x(), c.line[j].y());
    if (distanceToPolyline(pixel, device) > half) continue;
    if (c.rank < bestRank) best = static_cast<int>(i), bestRank = c.rank;  // the one drawn on top
  }
  if (best < 0) return std::nullopt;
  const auto& c = corridors[static_cast<std::size_t>(best)];
  const QLocale locale;
  IdentifyResult r;
  r.layerId = id();
  r.layerName = name();
  r.kind = IdentifyResult::FeatureKind::Other;
  r.title = tr("Corridor %1").arg(c.rank);
  r.value = c.peakVolume;
  r.valueText = formatVolume(c.peakVolume, m_style.unit);
  r.attributes.emplace_back(tr("Rank"), QString::number(c.rank));
  r.attributes.emplace_back(tr("Peak volume"), r.valueText);
  r.attributes.emplace_back(tr("Mean volume"), formatVolume(c.meanVolume, m_style.unit));
  r.attributes.emplace_back(tr("Length"), locale.toString(c.lengthM, 'f', 0) + tr(" m"));
  r.attributes.emplace_back(tr("Links"), QString::number(c.links));
  return r;
}

std::vector<LegendGroup> CorridorLayer::legendGroups() const {
  if (m_corridors->empty()) return {};
  LegendGroup group;
  group.title = tr("Corridors (移動コース)");
  LegendItem band;
  band.kind = LegendItem::Kind::Line;
  band.colour = m_style.colour;
  band.lineWidth = m_style.width;
  band.label = tr("Corridor (number = rank by peak volume)");
  group.items.push_back(band);
  return {group};
}

}  // namespace ekm::render
