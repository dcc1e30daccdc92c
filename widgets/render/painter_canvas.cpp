#include "render/painter_canvas.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <algorithm>

#include "render/vector_map.h"

namespace ekm::render {

PainterCanvas::PainterCanvas(QPainter& painter, bool vectorMap) : m_p(painter), m_vectorMap(vectorMap) {
  m_p.setRenderHint(QPainter::Antialiasing);
  m_p.setRenderHint(QPainter::TextAntialiasing);
}

QPen PainterCanvas::pen(const Stroke& s) const {
  if (!s.colour.isValid() || s.colour.alpha() == 0 || !(s.width > 0)) return QPen(Qt::NoPen);
  QPen pen(s.colour, s.width, Qt::SolidLine, s.roundCap ? Qt::RoundCap : Qt::FlatCap, Qt::RoundJoin);
  if (!s.dashes.empty()) pen.setDashPattern(QList<qreal>(s.dashes.begin(), s.dashes.end()));
  return pen;
}

void PainterCanvas::map(const QRectF& r, const MapPicture& picture) {
  if (m_vectorMap && !picture.layers.empty()) {
    paintLayers(m_p, r.topLeft(), picture.settings, picture.layers);
    return;
  }
  m_p.drawImage(r, picture.image);
}

void PainterCanvas::rect(const QRectF& r, QColor fill, const Stroke& stroke) {
  m_p.setPen(pen(stroke));
  m_p.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
  m_p.drawRect(r);
}

void PainterCanvas::hatchedRect(const QRectF& r, QColor fill, QColor hatch, const Stroke& stroke) {
  rect(r, fill);
  m_p.save();
  m_p.setClipRect(r, Qt::IntersectClip);
  m_p.setPen(QPen(hatch, std::max(1.0, r.height() / 12)));
  const double step = std::max(3.0, r.height() / 3);
  for (double x = r.left() - r.height(); x < r.right(); x += step)
    m_p.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()));
  m_p.restore();
  rect(r, QColor(), stroke);
}

void PainterCanvas::gradientRect(const QRectF& r, const std::vector<std::pair<double, QColor>>& stops,
                                 const Stroke& stroke) {
  QLinearGradient gradient(r.topLeft(), r.topRight());
  for (const auto& [t, c] : stops) gradient.setColorAt(t, c);
  m_p.setPen(pen(stroke));
  m_p.setBrush(gradient);
  m_p.drawRect(r);
}

void PainterCanvas::line(QPointF a, QPointF b, const Stroke& stroke) {
  m_p.setPen(pen(stroke));
  m_p.drawLine(a, b);
}

void PainterCanvas::polygon(const QPolygonF& poly, QColor fill, const Stroke& stroke) {
  m_p.setPen(pen(stroke));
  m_p.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
  m_p.drawPolygon(poly);
}

void PainterCanvas::text(QPointF baseline, const QString& t, double px, bool bold, QColor colour, TextAnchor anchor) {
  const QFont f = exportFont(px, bold);
  const double w = QFontMetricsF(f).horizontalAdvance(t);
  const double dx = anchor == TextAnchor::Start ? 0 : anchor == TextAnchor::Middle ? -w / 2 : -w;
  m_p.setFont(f);
  m_p.setPen(colour);
  m_p.drawText(QPointF(baseline.x() + dx, baseline.y()), t);
}

}  // namespace ekm::render
