#pragma once
// One map composition for every export (QGIS's print layout is the model, much reduced): a
// copyable description of what to show — layers, extent, page, texts in the export language,
// legend — laid out as a title band (title, subtitle, the period shown), the map with the
// legend box, a north arrow (true north) and a scale bar over it, and a foot band (sources,
// the suppression note, the CRS). The GUI's File > Export Map Image and the CLI's export-map
// both build a MapComposition and hand it to this component (composition_writer.h writes
// PNG, SVG or PDF), so the same description gives the same picture from either.
#include <QRectF>
#include <QSize>
#include <QString>
#include <vector>

#include "ekm/core/feedback.h"
#include "render/export_canvas.h"
#include "render/legend.h"
#include "render/map_layer.h"
#include "render/scale_bar.h"

namespace ekm::render {

struct MapComposition {
  LayerList layers;  // bottom first
  Extent extent;     // display CRS: the area that must be visible (fitted beside the legend)
  MapSettings view;  // hour, display CRS and background; extent, size, DPI and labels are set here
  QSize size{1600, 1000};  // output pixels
  double dpi = 96;         // output pixels per inch (PNG metadata; the PDF page is size / dpi)
  LabelLanguage language = LabelLanguage::Both;  // of the map's own labels (station names)
  // Texts, already in the export language (export_texts.h); empty ones are left out.
  QString title, subtitle, period, sources, suppressionNote;
  std::vector<LegendGroup> legend;  // empty: no legend box
  // Output pixels per style unit (texts, symbols, boxes); 0: from the size, 1 at 1600 px on
  // the longer side. A map inside a page (the briefing pack) takes the page's, so its legend
  // and labels print at the size of the page's text, not shrunk with the map.
  double unit = 0;
};

// Where everything goes, in output pixels, and the map's own settings.
struct CompositionLayout {
  double u = 1;  // output pixels per style unit (1 at 1600 px on the longer side)
  QRectF titleBand, mapRect, footBand, legendRect, northArrowRect, scaleBarRect;
  double legendUnit = 1;     // u of the legend box (smaller when it would not fit the map)
  bool periodBelowTitle = false;
  bool noteOnSecondLine = false;
  MapSettings mapSettings;   // the map rectangle: size, DPI, extent fitted beside the legend
  ScaleBar scaleBar;
  double northAngleDeg = 0;  // true north, clockwise from up
};

struct LegendSwatch {
  QString groupTitle;
  LegendItem item;  // label and colour as drawn
  QRectF rect;      // the symbol, output pixels
};

struct CompositionResult {
  CompositionLayout layout;
  std::vector<LegendSwatch> legend;  // every item, in drawing order
};

// Throws core::ValidationError for a size outside 16 x 16 .. 20000 x 20000 or no valid extent.
CompositionLayout layoutComposition(const MapComposition& composition);
// The layers rendered for the layout's map rectangle (MapRenderer). Throws core::CancelledError,
// or core::Error when a layer fails to draw.
MapPicture renderMapPicture(const MapComposition& composition, const CompositionLayout& layout,
                            core::Feedback& feedback);
// Draws the composition on any surface.
CompositionResult paintComposition(ExportCanvas& canvas, const MapComposition& composition,
                                   const CompositionLayout& layout, const MapPicture& picture);

}  // namespace ekm::render
