#pragma once
// A small map for the City OS import dialog: the project's road segments in grey, the
// segments the broker's entities were matched to (citylink-pull's dry run) drawn over them in
// the accent colour, the selected match thicker, and each entity's own location (a point or a
// line) with a dashed line to the nearest point of the segment it matched — or in red when
// it matched nothing. The view fits the matched segments and the entities (with a margin) or,
// before any match, every segment. Paints on the GUI thread only from values already loaded
// (the session's road geometry, the entities projected by the caller into the same display
// CRS), so it never waits for anything.
#include <QPolygonF>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "render/road_segments_layer.h"

namespace ekm::widgets {

class MatchPreviewMap : public QWidget {
  Q_OBJECT

 public:
  // An entity of the preview, in the display CRS of the roads (ProjectLayers::displayEpsg).
  struct Entity {
    QString id;
    QPolygonF location;           // one point, or a line's vertices; empty: no location
    bool line = false;
    std::int64_t segmentFid = -1; // the matched segment (road_segments.fid); -1: none
    bool unmatched = false;       // matched nothing (drawn red)
  };

  explicit MatchPreviewMap(QWidget* parent = nullptr);

  void setRoads(std::shared_ptr<const render::RoadGeometry> roads);
  // Segment fids (road_segments.fid) matched by the preview; refits the view.
  void setMatched(std::set<std::int64_t> fids);
  // The entities' locations and matches; refits the view.
  void setEntities(std::vector<Entity> entities);
  // The fid of the match selected in the table (-1: none); drawn thicker.
  void setSelected(std::int64_t fid);

  const std::set<std::int64_t>& matched() const { return m_matched; }
  const std::vector<Entity>& entities() const { return m_entities; }
  // Number of matched fids that are segments of the project (drawn on the map).
  int drawnMatches() const;
  // The map extent shown (display CRS); empty without roads.
  render::Extent viewExtent() const;
  // A display-CRS point -> widget pixels, as the last paint placed it (and the segments).
  QPointF toPixel(QPointF mapPoint) const;
  // What the last paint drew for each entity with a location (parallel to entities(); an
  // entity without a location has an empty polygon): its location and, for a matched one,
  // the connector's end on the segment (a null point otherwise), in widget pixels.
  const std::vector<QPolygonF>& drawnEntityPixels() const { return m_drawnEntities; }
  const std::vector<QPointF>& drawnConnectorEnds() const { return m_drawnConnectors; }

  QSize sizeHint() const override { return {360, 260}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const render::RoadGeometry> m_roads;
  std::set<std::int64_t> m_matched;
  std::vector<Entity> m_entities;
  std::int64_t m_selected = -1;
  std::vector<QPolygonF> m_drawnEntities;
  std::vector<QPointF> m_drawnConnectors;
};

}  // namespace ekm::widgets
