#include "citylink/match_preview_map.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace ekm::widgets {

namespace {

// Where an entity's connector starts: its point, or the mean of its line's vertices.
QPointF anchorOf(const QPolygonF& location) {
  QPointF sum(0, 0);
  for (const QPointF& p : location) sum += p;
  return sum / static_cast<double>(location.size());
}

// The point of a polyline nearest to p (display CRS).
QPointF nearestOnLine(const QPolygonF& line, QPointF p) {
  if (line.size() == 1) return line[0];
  QPointF best = line.isEmpty() ? p : line[0];
  double bestD = std::numeric_limits<double>::infinity();
  for (int i = 0; i + 1 < line.size(); ++i) {
    const QPointF a = line[i], d = line[i + 1] - a;
    const double len2 = d.x() * d.x() + d.y() * d.y();
    const double t = len2 > 0 ? std::clamp(((p.x() - a.x()) * d.x() + (p.y() - a.y()) * d.y()) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + t * d;
    const double dist = std::hypot(p.x() - q.x(), p.y() - q.y());
    if (dist < bestD) {
      bestD = dist;
      best = q;
    }
  }
  return best;
}

}  // namespace

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

void MatchPreviewMap::setEntities(std::vector<Entity> entities) {
  m_entities = std::move(entities);
  m_drawnEntities.clear();
  m_drawnConnectors.clear();
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
  for (const Entity& entity : m_entities)
    for (const QPointF& p : entity.location) e.include(p.x(), p.y());
  if (!e.isValid()) return m_roads->extent;
  // Some context around the matches: at least 300 map units (metres in the plane zones).
  const double pad = std::max({e.width(), e.height(), 300.0}) * 0.35;
  return {e.xMin - pad, e.yMin - pad, e.xMax + pad, e.yMax + pad};
}

QPointF MatchPreviewMap::toPixel(QPointF m) const {
  const render::Extent e = viewExtent();
  if (!e.isValid()) return {};
  const double scale = std::min((width() - 8) / e.width(), (height() - 8) / e.height());
  const double ox = (width() - e.width() * scale) / 2, oy = (height() - e.height() * scale) / 2;
  return {ox + (m.x() - e.xMin) * scale, oy + (e.yMax - m.y()) * scale};
}

void MatchPreviewMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), QColor(0xf4, 0xf3, 0xef));
  p.setPen(QColor(0x9a, 0x9a, 0x9a));
  p.drawRect(rect().adjusted(0, 0, -1, -1));
  m_drawnEntities.assign(m_entities.size(), QPolygonF());
  m_drawnConnectors.assign(m_entities.size(), QPointF());
  const render::Extent e = viewExtent();
  if (!m_roads || !e.isValid()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No road segments in the project"));
    return;
  }
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

  // The entities: their location and a dashed connector to the matched segment; red when
  // they matched nothing.
  const QColor entityColour(0x1f, 0x4e, 0x9c), unmatchedColour(0xc0, 0x1c, 0x1c);
  for (std::size_t k = 0; k < m_entities.size(); ++k) {
    const Entity& entity = m_entities[k];
    if (entity.location.isEmpty()) continue;
    const QColor colour = entity.unmatched ? unmatchedColour : entityColour;
    QPolygonF pixels;
    for (const QPointF& m : entity.location) pixels << toPixel(m);
    m_drawnEntities[k] = pixels;
    if (entity.segmentFid >= 0) {
      const auto it = std::find(m_roads->fids.begin(), m_roads->fids.end(), entity.segmentFid);
      if (it != m_roads->fids.end()) {
        const QPolygonF& seg = m_roads->lines[static_cast<std::size_t>(it - m_roads->fids.begin())];
        const QPointF anchor = anchorOf(entity.location);
        const QPointF end = toPixel(nearestOnLine(seg, anchor));
        m_drawnConnectors[k] = end;
        p.setPen(QPen(colour, 1.2, Qt::DashLine, Qt::RoundCap));
        p.drawLine(toPixel(anchor), end);
      }
    }
    if (entity.line && pixels.size() > 1) {
      p.setPen(QPen(colour, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      p.drawPolyline(pixels);
    } else {
      p.setPen(QPen(Qt::white, 1.2));
      p.setBrush(colour);
      p.drawEllipse(pixels[0], 4.0, 4.0);
      p.setBrush(Qt::NoBrush);
    }
  }

  p.setPen(Qt::black);
  int unmatched = 0;
  for (const Entity& entity : m_entities) unmatched += entity.unmatched ? 1 : 0;
  QString caption = tr("%n matched segment(s)", nullptr, drawnMatches());
  if (unmatched > 0) caption += QStringLiteral("; ") + tr("%n unmatched entities (red)", nullptr, unmatched);
  p.drawText(rect().adjusted(6, 4, -6, -4), Qt::AlignBottom | Qt::AlignLeft, caption);
}

}  // namespace ekm::widgets
