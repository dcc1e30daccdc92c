#include "citylink/match_preview_map.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <utility>

namespace ekm::widgets {

MatchPreviewMap::MatchPreviewMap(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 180);
  setAccessibleName(tr("Segment matching preview"));
}

void MatchPreviewMap::setRoads(std::shared_ptr<const render::RoadGeometry> roads) {
  m_roads = std::move(roads);
  update();
}

void MatchPreviewMap::setMatched(std::set<std::int64_t> fids) {
  m_matched = std::move(fids);
  update();
}

void MatchPreviewMap::setSelected(std::int64_t fid) {
  m_selected = fid;
  update();
}

int MatchPreviewMap::drawnMatches() const {
  if (!m_roads) return 0;
  int n = 0;
  for (std::int64_t fid : m_roads->fids) n += m_matched.count(fid) ? 1 : 0;
  return n;
}

render::Extent MatchPreviewMap::viewExtent() const {
  render::Extent e = render::Extent::empty();
  if (!m_roads) return e;
  for (std::size_t i = 0; i < m_roads->size(); ++i)
    if (m_matched.count(m_roads->fids[i])) e.include(m_roads->bounds[i]);
  if (!e.isValid()) return m_roads->extent;
  // Some context around the matches: at least 300 map units (metres in the plane zones).
  const double pad = std::max({e.width(), e.height(), 300.0}) * 0.35;
  return {e.xMin - pad, e.yMin - pad, e.xMax + pad, e.yMax + pad};
}

void MatchPreviewMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), QColor(0xf4, 0xf3, 0xef));
  p.setPen(QColor(0x9a, 0x9a, 0x9a));
  p.drawRect(rect().adjusted(0, 0, -1, -1));
  const render::Extent e = viewExtent();
  if (!m_roads || !e.isValid()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No road segments in the project"));
    return;
  }
  const double scale = std::min((width() - 8) / e.width(), (height() - 8) / e.height());
  const double ox = (width() - e.width() * scale) / 2, oy = (height() - e.height() * scale) / 2;
  auto toPixel = [&](QPointF m) { return QPointF(ox + (m.x() - e.xMin) * scale, oy + (e.yMax - m.y()) * scale); };
  auto pathOf = [&](const QPolygonF& line) {
    QPainterPath path;
    for (int k = 0; k < line.size(); ++k) k == 0 ? path.moveTo(toPixel(line[k])) : path.lineTo(toPixel(line[k]));
    return path;
  };
  const QColor accent(0xd9, 0x5f, 0x02);  // orange: distinct from the grey network for colour-blind viewers
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < m_roads->size(); ++i) {
      if (!m_roads->bounds[i].intersects(e)) continue;
      const bool matched = m_matched.count(m_roads->fids[i]) > 0;
      if (matched != (pass == 1)) continue;
      const bool selected = matched && m_roads->fids[i] == m_selected;
      p.setPen(QPen(matched ? accent : QColor(0xb8, 0xb8, 0xb8), selected ? 6.0 : matched ? 3.5 : 1.0,
                    Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      p.drawPath(pathOf(m_roads->lines[i]));
    }
  p.setPen(Qt::black);
  p.drawText(rect().adjusted(6, 4, -6, -4), Qt::AlignBottom | Qt::AlignLeft,
             tr("%n matched segment(s)", nullptr, drawnMatches()));
}

}  // namespace ekm::widgets
