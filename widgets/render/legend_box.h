#pragma once
// The legend box of a map composition: legend groups (title, then one row per item: its
// symbol and label) in a framed white box, drawn on an ExportCanvas. Sizes are in style
// units times u (output pixels per unit), the symbols' widths and radii in points at 96 dpi
// times u, as the layers draw them at the composition's DPI.
#include <QRectF>
#include <vector>

#include "render/export_canvas.h"
#include "render/legend.h"

namespace ekm::render {

struct LegendSymbol {
  std::size_t group = 0;
  std::size_t item = 0;
  QRectF rect;  // where the symbol is, output pixels
};

QSizeF legendBoxSize(const std::vector<LegendGroup>& groups, double u);
// Draws the box at `box` (its size from legendBoxSize); returns where each symbol went.
std::vector<LegendSymbol> paintLegendBox(ExportCanvas& canvas, const QRectF& box,
                                         const std::vector<LegendGroup>& groups, double u);

}  // namespace ekm::render
