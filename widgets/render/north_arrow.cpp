#include "render/north_arrow.h"

#include <QTransform>
#include <algorithm>

namespace ekm::render {

QSizeF northArrowSize(double u) { return {48 * u, 82 * u}; }

QRectF paintNorthArrow(ExportCanvas& canvas, QPointF topRight, double angleDeg, double u) {
  const QSizeF size = northArrowSize(u);
  const QRectF box(topRight.x() - size.width(), topRight.y(), size.width(), size.height());
  const QColor ink(0x1a, 0x1a, 0x1a);
  canvas.rect(box, QColor(255, 255, 255, 210));
  const double cx = box.center().x(), top = box.top() + 12 * u;
  // The arrowhead around its centre, turned; the "N" stays upright above it.
  QTransform turn;
  turn.translate(cx, top + 42 * u);
  turn.rotate(angleDeg);
  const QPointF tip(0, -22 * u), notch(0, 12 * u);
  const Stroke outline{ink, u, true, {}};
  canvas.polygon(turn.map(QPolygonF({tip, QPointF(-13 * u, 22 * u), notch})), ink, outline);
  canvas.polygon(turn.map(QPolygonF({tip, QPointF(13 * u, 22 * u), notch})), Qt::white, outline);
  canvas.text(QPointF(cx, top + 14 * u), QStringLiteral("N"), 18 * u, true, ink, TextAnchor::Middle);
  return box;
}

}  // namespace ekm::render
