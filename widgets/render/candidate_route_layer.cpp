// A drawn candidate route (candidate_route_layer.h).
#include "render/candidate_route_layer.h"

#include <QPainterPath>

namespace ekm::render {

void paintCandidateRoute(QPainter& p, const QPolygonF& stops, const std::vector<bool>& existing, const QPointF* rubber) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const QColor route(0xd8, 0x1b, 0x60);  // magenta: apart from the feed's route colours
  if (rubber && !stops.isEmpty()) {
    p.setPen(QPen(route, 2, Qt::DashLine, Qt::RoundCap));
    p.drawLine(stops.back(), *rubber);
  }
  if (stops.size() >= 2) {
    p.setPen(QPen(QColor(255, 255, 255, 220), 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(stops);
    p.setPen(QPen(route, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(stops);
  }
  for (qsizetype i = 0; i < stops.size(); ++i) {
    const bool old = static_cast<std::size_t>(i) < existing.size() && existing[static_cast<std::size_t>(i)];
    p.setPen(QPen(route, 2.5));
    p.setBrush(old ? QBrush(route) : QBrush(Qt::white));
    p.drawEllipse(stops[i], 6.0, 6.0);
  }
  p.restore();
}

CandidateRouteLayer::CandidateRouteLayer(QString id, QString name, QPolygonF stops, std::vector<bool> existing)
    : MapLayer(std::move(id), std::move(name)), m_stops(std::move(stops)), m_existing(std::move(existing)) {}

Extent CandidateRouteLayer::extent() const {
  Extent e = Extent::empty();
  for (const QPointF& q : m_stops) e.include(q.x(), q.y());
  return e;
}

void CandidateRouteLayer::render(RenderContext& context) const {
  QPolygonF pixels;
  for (const QPointF& q : m_stops) pixels << context.mapToPixel.toPixel(q.x(), q.y());
  paintCandidateRoute(context.painter, pixels, m_existing);
  context.featuresDrawn += m_stops.size();
}

}  // namespace ekm::render
