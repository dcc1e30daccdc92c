#include "render/export_canvas.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace ekm::render {

QFont exportFont(double pixelSize, bool bold) {
  QFont f(QStringLiteral("Noto Sans CJK JP"));
  f.setStyleHint(QFont::SansSerif);
  f.setPixelSize(std::max(4, static_cast<int>(std::lround(pixelSize))));
  f.setWeight(bold ? QFont::Bold : QFont::Normal);
  return f;
}

double exportTextWidth(const QString& text, double pixelSize, bool bold) {
  return QFontMetricsF(exportFont(pixelSize, bold)).horizontalAdvance(text);
}

QString exportElided(const QString& text, double pixelSize, bool bold, double maxWidth) {
  return QFontMetricsF(exportFont(pixelSize, bold)).elidedText(text, Qt::ElideRight, maxWidth);
}

QPolygonF circlePolygon(QPointF centre, double radius, int segments) {
  QPolygonF circle;
  for (int i = 0; i < segments; ++i) {
    const double a = 2 * std::numbers::pi * i / segments;
    circle << QPointF(centre.x() + radius * std::cos(a), centre.y() + radius * std::sin(a));
  }
  return circle;
}

}  // namespace ekm::render
