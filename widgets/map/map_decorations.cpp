#include "map/map_decorations.h"

#include <QLocale>
#include <QPainterPath>
#include <cmath>

#include "ekm/core/error.h"

namespace ekm::widgets {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180;
// GRS80 (JGD2011's ellipsoid).
constexpr double kA = 6378137.0;
constexpr double kF = 1 / 298.257222101;

// Ground distance in metres of a small lon/lat displacement at latitude lat (degrees).
double smallDistance(double lat, double dLon, double dLat) {
  const double e2 = kF * (2 - kF);
  const double s = std::sin(lat * kDeg);
  const double w = std::sqrt(1 - e2 * s * s);
  const double m = kA * (1 - e2) / (w * w * w);  // meridian radius of curvature
  const double n = kA / w;                       // prime vertical radius of curvature
  const double dx = n * std::cos(lat * kDeg) * dLon * kDeg, dy = m * dLat * kDeg;
  return std::hypot(dx, dy);
}
}  // namespace

QString MapDecorations::lengthLabel(double metres) {
  const QLocale locale;
  if (metres >= 1000) return tr("%1 km").arg(locale.toString(metres / 1000, 'g', 6));
  return tr("%1 m").arg(locale.toString(metres, 'g', 6));
}

ScaleBar MapDecorations::scaleBarFor(double groundMetresPerPixel, double maxPixels) {
  ScaleBar bar;
  if (!(groundMetresPerPixel > 0) || !(maxPixels > 0)) return bar;
  const double maxMetres = groundMetresPerPixel * maxPixels;
  double base = std::pow(10.0, std::floor(std::log10(maxMetres)));
  double metres = base;
  for (double m : {5.0, 2.0, 1.0})
    if (m * base <= maxMetres) {
      metres = m * base;
      break;
    }
  bar.metres = metres;
  bar.pixels = metres / groundMetresPerPixel;
  bar.label = lengthLabel(metres);
  return bar;
}

std::optional<GroundGeometry> MapDecorations::groundGeometry(const geo::Transformer& toLonLat,
                                                            const render::Extent& extent) {
  if (!extent.isValid()) return std::nullopt;
  try {
    const QPointF c = extent.centre();
    const double d = extent.width() / 100;
    const auto [lon, lat] = toLonLat.forward(c.x(), c.y());
    const auto [lonE, latE] = toLonLat.forward(c.x() + d, c.y());
    GroundGeometry g;
    g.metresPerMapUnit = smallDistance(lat, lonE - lon, latE - lat) / d;
    const double dLat = 0.001;
    const auto [xn, yn] = toLonLat.inverse(lon, lat + dLat);
    g.northAngleDeg = std::atan2(xn - c.x(), yn - c.y()) / kDeg;
    if (!std::isfinite(g.metresPerMapUnit) || !(g.metresPerMapUnit > 0) || !std::isfinite(g.northAngleDeg))
      return std::nullopt;
    return g;
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

void MapDecorations::paintScaleBar(QPainter& p, QPointF bottomLeft, const ScaleBar& bar, double u) {
  if (!(bar.pixels > 0)) return;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  QFont font = p.font();
  font.setPixelSize(std::max(8, static_cast<int>(std::lround(12 * u))));
  p.setFont(font);
  const QFontMetricsF fm(font);
  const QString zero = QStringLiteral("0");
  const double labelW = fm.horizontalAdvance(bar.label);
  const double pad = 6 * u, barH = 6 * u;
  const QRectF box(bottomLeft.x(), bottomLeft.y() - (fm.height() + barH + 3 * pad),
                   bar.pixels + labelW / 2 + fm.horizontalAdvance(zero) / 2 + 2 * pad, fm.height() + barH + 3 * pad);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(255, 255, 255, 215));
  p.drawRoundedRect(box, 3 * u, 3 * u);
  const QColor ink(0x20, 0x20, 0x20);
  const double x0 = box.left() + pad + fm.horizontalAdvance(zero) / 2, y0 = box.bottom() - pad - barH;
  p.setPen(QPen(ink, std::max(1.0, u)));
  for (int i = 0; i < 4; ++i) {
    p.setBrush(i % 2 ? QColor(Qt::white) : ink);
    p.drawRect(QRectF(x0 + i * bar.pixels / 4, y0, bar.pixels / 4, barH));
  }
  p.setPen(ink);
  const double textBase = y0 - pad / 2 - fm.descent();
  p.drawText(QPointF(x0 - fm.horizontalAdvance(zero) / 2, textBase), zero);
  p.drawText(QPointF(x0 + bar.pixels - labelW / 2, textBase), bar.label);
  p.restore();
}

void MapDecorations::paintNorthArrow(QPainter& p, QPointF topRight, double angleDeg, double u) {
  const QSizeF size = northArrowSize(u);
  const QRectF box(topRight.x() - size.width(), topRight.y(), size.width(), size.height());
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(255, 255, 255, 215));
  p.drawRoundedRect(box, 3 * u, 3 * u);
  const QColor ink(0x20, 0x20, 0x20);
  const QPointF centre(box.center().x(), box.top() + 42 * u);
  p.save();
  p.translate(centre);
  p.rotate(angleDeg);
  const double r = 20 * u;
  p.setPen(QPen(ink, std::max(1.0, u)));
  p.setBrush(ink);
  p.drawPolygon(QPolygonF({QPointF(0, -r), QPointF(-9 * u, r * 0.75), QPointF(0, r * 0.35)}));
  p.setBrush(Qt::white);
  p.drawPolygon(QPolygonF({QPointF(0, -r), QPointF(9 * u, r * 0.75), QPointF(0, r * 0.35)}));
  p.restore();
  QFont font = p.font();
  font.setPixelSize(std::max(8, static_cast<int>(std::lround(13 * u))));
  font.setBold(true);
  p.setFont(font);
  p.setPen(ink);
  p.drawText(QRectF(box.left(), box.top() + 2 * u, box.width(), 16 * u), Qt::AlignCenter, QStringLiteral("N"));
  p.restore();
}

}  // namespace ekm::widgets
