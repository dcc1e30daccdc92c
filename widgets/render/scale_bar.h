#pragma once
// The scale bar of maps and exports: a round ground length (1, 2 or 5 times a power of ten)
// drawn as four alternating segments labelled 0, the half and the whole length.
#include <QRectF>
#include <QString>

#include "render/export_canvas.h"

namespace ekm::render {

struct ScaleBar {
  double metres = 0;  // ground length the bar stands for
  double pixels = 0;  // its length in output pixels
  QString label;      // "500 m", "1 km"
};

// The largest 1/2/5 x 10^n ground length whose bar is at most maxPixels long.
ScaleBar scaleBarFor(double groundMetresPerPixel, double maxPixels);
// "500 m", "1 km", "2.5 km".
QString lengthLabel(double metres);
// The box the bar is drawn in (u: output pixels per style unit).
QSizeF scaleBarBoxSize(const ScaleBar& bar, double u);
// Draws the bar in its box with the box's bottom-left corner at `bottomLeft`; returns the box.
QRectF paintScaleBar(ExportCanvas& canvas, QPointF bottomLeft, const ScaleBar& bar, double u);

}  // namespace ekm::render
