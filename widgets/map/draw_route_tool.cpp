// Drawing a candidate route on the map (draw_route_tool.h).
#include "map/draw_route_tool.h"

#include <QKeyEvent>
#include <QPainter>
#include <cmath>

#include "map/map_canvas.h"
#include "render/candidate_route_layer.h"

namespace ekm::widgets {

DrawRouteTool::DrawRouteTool(MapCanvas* canvas, QObject* parent) : MapTool(canvas, parent) {}

std::optional<RouteStop> DrawRouteTool::stopAt(QPointF widgetPos) const {
  MapCanvas* c = canvas();
  if (!c) return std::nullopt;
  const RouteStop* best = nullptr;
  double bestPx = m_snapPx;
  for (const RouteStop& s : m_snapStops) {
    const QPointF d = c->toWidget(s.mapPoint) - widgetPos;
    const double px = std::hypot(d.x(), d.y());
    if (px <= bestPx) bestPx = px, best = &s;
  }
  if (best) return *best;
  RouteStop stop;
  stop.mapPoint = c->toMap(widgetPos);
  const auto ll = c->toLonLat(stop.mapPoint);
  if (!ll) return std::nullopt;
  stop.lon = ll->x();
  stop.lat = ll->y();
  return stop;
}

void DrawRouteTool::clicked(QPointF widgetPos) {
  if (m_finished) return;
  auto stop = stopAt(widgetPos);
  if (!stop) return;
  // A second click on the last stop adds nothing (the first click of a slow double click).
  if (!m_stops.empty() && m_stops.back().mapPoint == stop->mapPoint) return;
  m_stops.push_back(std::move(*stop));
  if (canvas()) canvas()->update();
  emit stopsChanged();
}

void DrawRouteTool::doubleClicked(QPointF) { finish(); }

void DrawRouteTool::moved(QPointF widgetPos) {
  m_cursor = widgetPos;
  if (!m_finished && !m_stops.empty() && canvas()) canvas()->update();
}

bool DrawRouteTool::keyPressed(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Backspace:
    case Qt::Key_Delete: removeLastStop(); return true;
    case Qt::Key_Escape: cancel(); return true;
    case Qt::Key_Return:
    case Qt::Key_Enter: finish(); return true;
    default: return false;
  }
}

void DrawRouteTool::removeLastStop() {
  if (m_finished || m_stops.empty()) return;
  m_stops.pop_back();
  if (canvas()) canvas()->update();
  emit stopsChanged();
}

void DrawRouteTool::finish() {
  if (m_finished || m_stops.size() < 2) return;
  m_finished = true;
  if (canvas()) canvas()->update();
  emit finished();
}

void DrawRouteTool::cancel() {
  m_stops.clear();
  m_finished = false;
  if (canvas()) canvas()->update();
  emit stopsChanged();
  emit cancelled();
}

void DrawRouteTool::clear() {
  m_stops.clear();
  m_finished = false;
  if (canvas()) canvas()->update();
  emit stopsChanged();
}

void DrawRouteTool::paint(QPainter& painter, const render::MapToPixel& m2p, QPointF offset) const {
  QPolygonF pixels;
  std::vector<bool> existing;
  for (const RouteStop& s : m_stops) {
    pixels << m2p.toPixel(s.mapPoint.x(), s.mapPoint.y()) + offset;
    existing.push_back(s.existing());
  }
  const bool rubber = !m_finished && m_cursor && !m_stops.empty();
  render::paintCandidateRoute(painter, pixels, existing, rubber ? &*m_cursor : nullptr);
}

}  // namespace ekm::widgets
