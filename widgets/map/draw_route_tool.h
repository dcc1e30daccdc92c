#pragma once
// The map tool that draws a candidate bus route (map_tool.h; QGIS's digitising tools are the
// model): each click adds a stop — the nearest existing bus stop within snapTolerancePx()
// pixels of the click if there is one (its id, name and position), else a new stop at the
// clicked point (lon/lat through the canvas's CRS). The line through the stops and a dashed
// line to the cursor are drawn live. Backspace removes the last stop, Esc cancels (cancelled),
// a double click or Enter finishes with two stops or more (finished); the canvas still pans
// on drag and zooms on the wheel meanwhile. The tool keeps its stops after finishing.
#include <QString>
#include <optional>
#include <vector>

#include "map/map_tool.h"

namespace ekm::widgets {

struct RouteStop {
  QString stopId, name;  // an existing stop's; empty for a new stop
  double lon = 0, lat = 0;
  QPointF mapPoint;      // display CRS
  bool existing() const { return !stopId.isEmpty(); }
};

class DrawRouteTool : public MapTool {
  Q_OBJECT

 public:
  DrawRouteTool(MapCanvas* canvas, QObject* parent);

  // The stops a click may snap to (existing stops: id, name, lon/lat, display-CRS point).
  void setSnapStops(std::vector<RouteStop> stops) { m_snapStops = std::move(stops); }
  void setSnapTolerancePx(double px) { m_snapPx = px; }
  double snapTolerancePx() const { return m_snapPx; }

  const std::vector<RouteStop>& stops() const { return m_stops; }
  bool isFinished() const { return m_finished; }

  // The stop a click at a widget position would add (snapped or new); nullopt off the CRS.
  std::optional<RouteStop> stopAt(QPointF widgetPos) const;
  void removeLastStop();
  void finish();
  void cancel();
  // Starts over (no stops, drawing).
  void clear();

  void clicked(QPointF widgetPos) override;
  void doubleClicked(QPointF widgetPos) override;
  void moved(QPointF widgetPos) override;
  bool keyPressed(QKeyEvent* event) override;
  void paint(QPainter& painter, const render::MapToPixel& mapToPixel, QPointF offset) const override;

  static constexpr double kDefaultSnapPx = 8;

 signals:
  void stopsChanged();
  void finished();
  void cancelled();

 private:
  std::vector<RouteStop> m_snapStops, m_stops;
  double m_snapPx = kDefaultSnapPx;
  bool m_finished = false;
  std::optional<QPointF> m_cursor;  // widget pixels
};

}  // namespace ekm::widgets
