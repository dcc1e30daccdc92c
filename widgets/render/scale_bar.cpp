#include "render/scale_bar.h"

#include <algorithm>
#include <cmath>

namespace ekm::render {

namespace {
constexpr double kTextPx = 13;
const QColor kInk(0x1a, 0x1a, 0x1a);

// The number in the unit of the whole bar's label (the half of "1 km" is "0.5").
QString inUnitOf(double metres, double whole) {
  return whole >= 1000 ? QString::number(metres / 1000, 'g', 6) : QString::number(metres, 'g', 6);
}
}  // namespace

QString lengthLabel(double metres) {
  return metres >= 1000 ? QString::number(metres / 1000, 'g', 6) + QStringLiteral(" km")
                        : QString::number(metres, 'g', 6) + QStringLiteral(" m");
}

ScaleBar scaleBarFor(double groundMetresPerPixel, double maxPixels) {
  ScaleBar bar;
  if (!(groundMetresPerPixel > 0) || !(maxPixels > 0)) return bar;
  const double maxMetres = groundMetresPerPixel * maxPixels;
  const double base = std::pow(10.0, std::floor(std::log10(maxMetres)));
  bar.metres = base;
  for (double m : {5.0, 2.0, 1.0})
    if (m * base <= maxMetres) {
      bar.metres = m * base;
      break;
    }
  bar.pixels = bar.metres / groundMetresPerPixel;
  bar.label = lengthLabel(bar.metres);
  return bar;
}

QSizeF scaleBarBoxSize(const ScaleBar& bar, double u) {
  return {bar.pixels + 20 * u + exportTextWidth(bar.label, kTextPx * u, false) / 2, 50 * u};
}

QRectF paintScaleBar(ExportCanvas& canvas, QPointF bottomLeft, const ScaleBar& bar, double u) {
  if (!(bar.pixels > 0)) return {};
  const QSizeF size = scaleBarBoxSize(bar, u);
  const QRectF box(bottomLeft.x(), bottomLeft.y() - size.height(), size.width(), size.height());
  canvas.rect(box, QColor(255, 255, 255, 210));
  const double x0 = box.left() + 10 * u, barTop = box.bottom() - 20 * u, barH = 8 * u;
  const Stroke frame{kInk, std::max(1.0, u), false, {}};
  for (int i = 0; i < 4; ++i)
    canvas.rect(QRectF(x0 + i * bar.pixels / 4, barTop, bar.pixels / 4, barH), i % 2 ? QColor(Qt::white) : kInk, frame);
  const double baseline = barTop - 6 * u, px = kTextPx * u;
  canvas.text(QPointF(x0, baseline), QStringLiteral("0"), px, false, kInk, TextAnchor::Middle);
  canvas.text(QPointF(x0 + bar.pixels / 2, baseline), inUnitOf(bar.metres / 2, bar.metres), px, false, kInk,
              TextAnchor::Middle);
  canvas.text(QPointF(x0 + bar.pixels, baseline), bar.label, px, false, kInk, TextAnchor::Middle);
  return box;
}

}  // namespace ekm::render
