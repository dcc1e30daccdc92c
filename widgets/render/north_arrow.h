#pragma once
// The north arrow of maps and exports: a two-tone arrowhead under an "N", turned to true north.
#include <QRectF>

#include "render/export_canvas.h"

namespace ekm::render {

// The arrow's box (u: output pixels per style unit).
QSizeF northArrowSize(double u);
// Draws the arrow in its box with the box's top-right corner at `topRight`, pointing
// `angleDeg` clockwise from up; returns the box.
QRectF paintNorthArrow(ExportCanvas& canvas, QPointF topRight, double angleDeg, double u);

}  // namespace ekm::render
