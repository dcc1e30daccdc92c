#include "render/road_segments_layer.h"

#include <QPen>

namespace ekm::render {

RoadRank roadRankFromClass(const std::string& c) {
  if (c == "motorway" || c == "trunk" || c == "primary") return RoadRank::Major;
  if (c == "secondary" || c == "tertiary") return RoadRank::Secondary;
  if (c == "pedestrian" || c == "footway" || c == "path" || c == "steps" || c == "cycleway") return RoadRank::Path;
  return RoadRank::Minor;
}

void RoadGeometry::add(std::int64_t fid, RoadRank rank, QPolygonF line) {
  Extent b = Extent::empty();
  for (const QPointF& p : line) b.include(p.x(), p.y());
  fids.push_back(fid);
  lines.push_back(std::move(line));
  ranks.push_back(rank);
  bounds.push_back(b);
  extent.include(b);
}

RoadSegmentsLayer::RoadSegmentsLayer(QString id, QString name, std::shared_ptr<const RoadGeometry> geometry,
                                     RoadStyle style)
    : MapLayer(std::move(id), std::move(name)), m_geometry(std::move(geometry)), m_style(style) {}

void RoadSegmentsLayer::render(RenderContext& ctx) const {
  if (!m_geometry) return;
  const RoadGeometry& g = *m_geometry;
  QPainter& p = ctx.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setBrush(Qt::NoBrush);
  const double s = ctx.settings.pixelScale();
  const double widths[] = {m_style.widthMajor, m_style.widthSecondary, m_style.widthMinor, m_style.widthPath};

  std::vector<QPolygonF> device(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    if ((i & 255) == 0 && ctx.feedback.isCancelled()) return;
    if (!g.bounds[i].intersects(ctx.visibleExtent)) continue;
    QPolygonF& d = device[i];
    d.reserve(g.lines[i].size());
    for (const QPointF& q : g.lines[i]) d.append(ctx.mapToPixel.toPixel(q.x(), q.y()));
  }
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

}  // namespace ekm::render
