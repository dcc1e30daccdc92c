#include "render/basemap_layer.h"

#include <QPainterPath>
#include <QPen>
#include <functional>

#include "render/legend.h"

namespace ekm::render {

BasemapKind basemapKindFromString(const std::string& kind) {
  if (kind == "water") return BasemapKind::Water;
  if (kind == "park") return BasemapKind::Park;
  if (kind == "building") return BasemapKind::Building;
  if (kind == "street") return BasemapKind::Street;
  if (kind == "rail") return BasemapKind::Rail;
  return BasemapKind::Other;
}

void BasemapGeometry::add(std::int64_t fid, BasemapKind kind, QString name, bool polygon, std::vector<QPolygonF> parts) {
  Feature f{fid, kind, std::move(name), polygon, std::move(parts), Extent::empty()};
  for (const QPolygonF& part : f.parts)
    for (const QPointF& p : part) f.bounds.include(p.x(), p.y());
  extent.include(f.bounds);
  features.push_back(std::move(f));
}

bool BasemapGeometry::has(BasemapKind kind) const {
  for (const Feature& f : features)
    if (f.kind == kind) return true;
  return false;
}

BasemapLayer::BasemapLayer(QString id, QString name, std::shared_ptr<const BasemapGeometry> geometry,
                           std::set<BasemapKind> kinds, BasemapStyle style)
    : MapLayer(std::move(id), std::move(name)),
      m_geometry(std::move(geometry)),
      m_kinds(std::move(kinds)),
      m_style(std::move(style)) {}

void BasemapLayer::render(RenderContext& ctx) const {
  if (!m_geometry) return;
  const BasemapGeometry& g = *m_geometry;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const double s = ctx.settings.pixelScale();
  auto devicePart = [&](const QPolygonF& part) {
    QPolygonF d;
    d.reserve(part.size());
    for (const QPointF& q : part) d.append(ctx.mapToPixel.toPixel(q.x(), q.y()));
    return d;
  };
  auto drawKind = [&](BasemapKind kind, const std::function<void(const BasemapGeometry::Feature&)>& draw) {
    if (!m_kinds.count(kind)) return;
    for (std::size_t i = 0; i < g.features.size(); ++i) {
      if ((i & 255) == 0 && ctx.feedback.isCancelled()) return;
      const auto& f = g.features[i];
      if (f.kind != kind || !f.bounds.intersects(ctx.visibleExtent)) continue;
      draw(f);
      ++ctx.featuresDrawn;
    }
  };
  auto fillPolygons = [&](BasemapKind kind, QColor fill, QColor outline) {
    p.setPen(outline.isValid() ? QPen(outline, 0.8 * s) : QPen(Qt::NoPen));
    p.setBrush(fill);
    drawKind(kind, [&](const BasemapGeometry::Feature& f) {
      if (f.polygon) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const QPolygonF& part : f.parts) path.addPolygon(devicePart(part));
        path.closeSubpath();
        p.drawPath(path);
      } else {
        for (const QPolygonF& part : f.parts) p.drawPolyline(devicePart(part));
      }
    });
  };
  auto strokeLines = [&](BasemapKind kind, const QPen& pen) {
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    drawKind(kind, [&](const BasemapGeometry::Feature& f) {
      for (const QPolygonF& part : f.parts) {
        QPolygonF d = devicePart(part);
        if (f.polygon && !d.isEmpty()) d.append(d.front());
        p.drawPolyline(d);
      }
    });
  };
  fillPolygons(BasemapKind::Park, m_style.park, QColor());
  fillPolygons(BasemapKind::Water, m_style.water, m_style.waterOutline);
  fillPolygons(BasemapKind::Other, m_style.building, QColor());
  fillPolygons(BasemapKind::Building, m_style.building, m_style.buildingOutline);
  const double sw = m_style.streetWidth * s;
  strokeLines(BasemapKind::Street, QPen(m_style.streetCasing, sw + 1.0 * s, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  strokeLines(BasemapKind::Street, QPen(m_style.street, sw, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  // Railway: a dark line with light dashes inside (the classic topographic-map railway).
  const double rw = m_style.railWidth * s;
  strokeLines(BasemapKind::Rail, QPen(m_style.railCasing, rw, Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin));
  QPen dashes(m_style.railDash, rw * 0.55, Qt::CustomDashLine, Qt::FlatCap, Qt::RoundJoin);
  // Dash pattern units are the pen width: dashes of railDashLength line widths.
  const double unit = m_style.railDashLength * rw / (rw * 0.55);
  dashes.setDashPattern({unit, unit});
  strokeLines(BasemapKind::Rail, dashes);
}

std::vector<LegendGroup> BasemapLayer::legendGroups() const {
  LegendGroup group{name(), {}};
  if (!m_geometry) return {};
  auto fill = [&](BasemapKind kind, const QString& label, QColor colour, QColor stroke) {
    if (!m_kinds.count(kind) || !m_geometry->has(kind)) return;
    LegendItem item;
    item.kind = LegendItem::Kind::Fill;
    item.label = label;
    item.colour = colour;
    item.stroke = stroke;
    group.items.push_back(item);
  };
  fill(BasemapKind::Water, tr("Water"), m_style.water, m_style.waterOutline);
  fill(BasemapKind::Park, tr("Park"), m_style.park, QColor());
  fill(BasemapKind::Building, tr("Building"), m_style.building, m_style.buildingOutline);
  if (m_kinds.count(BasemapKind::Street) && m_geometry->has(BasemapKind::Street)) {
    LegendItem item;
    item.kind = LegendItem::Kind::Line;
    item.label = tr("Street");
    item.colour = m_style.streetCasing;
    item.lineWidth = m_style.streetWidth + 1.0;
    group.items.push_back(item);
  }
  if (m_kinds.count(BasemapKind::Rail) && m_geometry->has(BasemapKind::Rail)) {
    LegendItem item;
    item.kind = LegendItem::Kind::Railway;
    item.label = tr("Railway");
    item.colour = m_style.railCasing;
    item.stroke = m_style.railDash;
    item.lineWidth = m_style.railWidth;
    group.items.push_back(item);
  }
  if (group.items.empty()) return {};
  return {group};
}

}  // namespace ekm::render
