#pragma once
// A small map for the City OS import dialog: the project's road segments in grey and the
// segments the broker's entities were matched to (citylink-pull's dry run) drawn over them in
// the accent colour, the selected match thicker. The view fits the matched segments (with a
// margin) or, before any match, every segment. Paints on the GUI thread only from values
// already loaded (the session's road geometry), so it never waits for anything.
#include <QWidget>
#include <cstdint>
#include <memory>
#include <set>

#include "render/road_segments_layer.h"

namespace ekm::widgets {

class MatchPreviewMap : public QWidget {
  Q_OBJECT

 public:
  explicit MatchPreviewMap(QWidget* parent = nullptr);

  void setRoads(std::shared_ptr<const render::RoadGeometry> roads);
  // Segment fids (road_segments.fid) matched by the preview; refits the view.
  void setMatched(std::set<std::int64_t> fids);
  // The fid of the match selected in the table (-1: none); drawn thicker.
  void setSelected(std::int64_t fid);

  const std::set<std::int64_t>& matched() const { return m_matched; }
  // Number of matched fids that are segments of the project (drawn on the map).
  int drawnMatches() const;
  // The map extent shown (display CRS); empty without roads.
  render::Extent viewExtent() const;

  QSize sizeHint() const override { return {360, 260}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const render::RoadGeometry> m_roads;
  std::set<std::int64_t> m_matched;
  std::int64_t m_selected = -1;
};

}  // namespace ekm::widgets
