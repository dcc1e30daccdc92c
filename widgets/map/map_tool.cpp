// The map tool base (map_tool.h).
#include "map/map_tool.h"

#include "map/map_canvas.h"

namespace ekm::widgets {

MapTool::MapTool(MapCanvas* canvas, QObject* parent) : QObject(parent), m_canvas(canvas) {}

MapCanvas* MapTool::canvas() const { return static_cast<MapCanvas*>(m_canvas.data()); }

MapTool::~MapTool() {
  if (MapCanvas* c = canvas(); c && c->mapTool() == this) c->setMapTool(nullptr);
}

}  // namespace ekm::widgets
