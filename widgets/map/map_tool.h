#pragma once
// A map tool: a mode of the map canvas that takes its clicks, moves and keys (QGIS's
// QgsMapTool is the model). With no tool, a click identifies (MapCanvas::mapClicked); with
// one, the canvas still pans on drag and zooms on the wheel, and gives the tool
//  - clicked(): a press and release without dragging, at a widget position;
//  - doubleClicked(): the second press of a double click (the first click came before);
//  - moved(): the cursor over the map (no button, or not dragging);
//  - keyPressed(): keys first (return true when used; the canvas's own keys otherwise);
//  - paint(): drawn over the map image on the GUI thread (a sketch, a rubber band).
// The canvas does not own its tool (the tool's parent does); setMapTool(nullptr) or the
// tool's destruction ends it.
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QWidget>

class QKeyEvent;
class QPainter;

namespace ekm::render {
class MapToPixel;
}

namespace ekm::widgets {

class MapCanvas;

class MapTool : public QObject {
  Q_OBJECT

 public:
  MapTool(MapCanvas* canvas, QObject* parent);
  ~MapTool() override;

  MapCanvas* canvas() const;

  virtual void clicked(QPointF widgetPos) { (void)widgetPos; }
  virtual void doubleClicked(QPointF widgetPos) { (void)widgetPos; }
  virtual void moved(QPointF widgetPos) { (void)widgetPos; }
  virtual bool keyPressed(QKeyEvent* event) {
    (void)event;
    return false;
  }
  // `offset`: where the map image is drawn while it is being dragged (pixels).
  virtual void paint(QPainter& painter, const render::MapToPixel& mapToPixel, QPointF offset) const {
    (void)painter, (void)mapToPixel, (void)offset;
  }
  // Called by the canvas when the tool is set / replaced or unset.
  virtual void activated() {}
  virtual void deactivated() {}

 private:
  QPointer<QWidget> m_canvas;  // a MapCanvas (incomplete here)
};

}  // namespace ekm::widgets
