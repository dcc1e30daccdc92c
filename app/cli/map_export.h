#pragma once
// Headless map export for `ekimachi-cli export-map`: the project's mesh-population heatmap at
// one hour over roads and stations, with a title, legend, scale bar, north arrow and
// attribution, written as PNG, SVG or PDF. Needs a QGuiApplication (fonts). Only built when
// the render library is (EKM_WITH_RENDER).
#ifdef EKM_WITH_RENDER
#include <QColor>
#include <QRectF>
#include <QSize>
#include <QString>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"

namespace ekm::cli {

enum class ExportFormat { Png, Svg, Pdf };
enum class ExportLanguage { Japanese, English, Both };

struct MapExportOptions {
  std::string projectPath;
  core::HourKey hour = 0;
  std::string outPath;
  QSize size{1600, 1000};
  ExportFormat format = ExportFormat::Png;
  ExportLanguage language = ExportLanguage::Both;
  QString title;  // empty: the default bilingual title
  std::string rasterBasemapPath;  // an offline raster under the map; empty: none
};

struct ExportedLegendClass {
  QString label;
  double lower = 0, upper = 0;
  QColor colour;     // the class colour as it appears on the map (composed over the background)
  QRectF swatch;     // output pixels
  bool missing = false;
};

struct MapExportResult {
  QString title;
  QString attribution;
  int displayEpsg = 0;
  double extent[4] = {0, 0, 0, 0};  // visible map extent, display CRS
  QRectF mapRect;                    // where the map is, output pixels
  double scaleBarMetres = 0;
  std::vector<ExportedLegendClass> legend;
};

// Format from a file name's extension (png/svg/pdf); Png if unknown.
ExportFormat formatFromPath(const std::string& path);
const char* formatName(ExportFormat format);
// "滞在人口 Stay population 2025-03-27 (木) 12:00 JST" (the language picks the parts).
QString defaultTitle(core::HourKey hour, ExportLanguage language);

// Renders and writes atomically (a temporary file in the output's folder, renamed at the
// end; nothing is left behind on error or cancel). Throws core::Error (Io: unwritable output,
// Store: not a project, Validation: hour outside the data) or core::CancelledError.
MapExportResult exportMap(const MapExportOptions& options, core::Feedback& feedback);

}  // namespace ekm::cli
#endif
