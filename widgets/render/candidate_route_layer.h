#pragma once
// A candidate bus route drawn on the map (the Mobility dock's "Draw on Map"): its line
// through the stops in order and the stops, new stops as white discs and stops taken from
// the feed (snapped) as filled ones. The same painting serves the live sketch of the map
// tool (map/draw_route_tool.h) and the finished candidate's layer, so both look alike in the
// canvas and in exports.
#include <QPolygonF>
#include <QString>
#include <vector>

#include "render/map_layer.h"

namespace ekm::render {

// The candidate's stops in order: pixel positions and whether each is an existing stop.
// `rubber` (optional, pixels): the cursor, joined to the last stop by a dashed line.
void paintCandidateRoute(QPainter& painter, const QPolygonF& stops, const std::vector<bool>& existing,
                         const QPointF* rubber = nullptr);

class CandidateRouteLayer : public MapLayer {
 public:
  // `stops`: display CRS, in order.
  CandidateRouteLayer(QString id, QString name, QPolygonF stops, std::vector<bool> existing);
  Extent extent() const override;
  void render(RenderContext& context) const override;

 private:
  QPolygonF m_stops;
  std::vector<bool> m_existing;
};

}  // namespace ekm::render
