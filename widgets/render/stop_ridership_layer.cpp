// Bus stops sized by riders (stop_ridership_layer.h).
#include "render/stop_ridership_layer.h"

#include <algorithm>
#include <cmath>

#include "ekm/privacy/small_count.h"
#include "render/kpi_charts.h"

namespace ekm::render {

namespace {
const QColor kFill(0xd9, 0x48, 0x1e, 170);
const QColor kRing(0x30, 0x30, 0x30);
constexpr double kSmallRadius = 2.5;
}  // namespace

StopRidershipLayer::StopRidershipLayer(QString id, QString name, std::shared_ptr<const TransitMap> map,
                                       std::vector<double> values, double reference, double referenceRadius)
    : MapLayer(std::move(id), std::move(name)), m_map(std::move(map)), m_values(std::move(values)),
      m_reference(reference), m_radius(referenceRadius) {}

double StopRidershipLayer::radiusFor(double v) const {
  if (!std::isfinite(v) || privacy::isSuppressed(v) || m_reference <= 0) return 0;
  return m_radius * std::sqrt(v / m_reference);
}

int StopRidershipLayer::suppressedStops() const {
  return static_cast<int>(std::count_if(m_values.begin(), m_values.end(),
                                        [](double v) { return std::isfinite(v) && privacy::isSuppressed(v); }));
}

void StopRidershipLayer::render(RenderContext& ctx) const {
  if (!m_map) return;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  std::vector<std::pair<double, std::size_t>> order;  // largest first, small ones stay on top
  for (std::size_t i = 0; i < m_map->stopPositions.size() && i < m_values.size(); ++i)
    if (std::isfinite(m_values[i])) order.emplace_back(radiusFor(m_values[i]), i);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [r, i] : order) {
    if (ctx.feedback.isCancelled()) return;
    const QPointF d = ctx.mapToPixel.toPixel(m_map->stopPositions[i].x(), m_map->stopPositions[i].y());
    p.setPen(QPen(kRing, 0.8 * s));
    p.setBrush(r > 0 ? QBrush(kFill) : QBrush(Qt::white));
    const double radius = (r > 0 ? r : kSmallRadius) * s;
    p.drawEllipse(d, radius, radius);
    ++ctx.featuresDrawn;
  }
}

std::vector<LegendGroup> StopRidershipLayer::legendGroups() const {
  LegendGroup g{name(), {}};
  for (const double v : {m_reference, m_reference / 4}) {
    if (privacy::isSuppressed(v)) continue;
    LegendItem item;
    item.kind = LegendItem::Kind::Bubble;
    item.lower = item.upper = v;
    item.radius = radiusFor(v);
    item.label = groupedNumber(v);
    item.colour = kFill;
    item.stroke = kRing;
    g.items.push_back(item);
  }
  LegendItem small;
  small.kind = LegendItem::Kind::Bubble;
  small.radius = kSmallRadius;
  small.label = QStringLiteral("* (< 10)");
  small.colour = Qt::white;
  small.stroke = kRing;
  g.items.push_back(small);
  return {g};
}

}  // namespace ekm::render
