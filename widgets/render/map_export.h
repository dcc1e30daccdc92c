#pragma once
// Headless map export: a project file to a PNG, SVG or PDF map (the one MapComposition the
// GUI exports too), with standard types only in this interface, for `ekimachi-cli
// export-map` and for operations that link ekm::render (the analysis library has no Qt).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"

namespace ekm::render {

struct MapExportRequest {
  std::string projectPath;
  core::HourKey hour = 0;  // the hour shown (must be in the project's population data)
  std::string outPath;
  std::string format;  // "png", "svg" or "pdf"; empty: from outPath's extension (else png)
  // Layer ids of the project's layer stack, bottom first (basemap, mesh_population,
  // population_heatmap, ridership_heatmap, road_segments, pedestrian_counts, vehicle_counts,
  // rail, stations) and its result layers (flows, scenario_differences, desire_lines,
  // bus_routes, bus_stops, building_energy, stop_reach, coverage_gaps, gap_reasons: result_layers.h); empty: mesh_population,
  // road_segments and plain stations.
  std::vector<std::string> layers;
  // The area to show, display CRS (xmin, ymin, xmax, ymax); none: the data's extent.
  std::optional<std::array<double, 4>> extent;
  int widthPx = 1600, heightPx = 1000;
  std::string paper;  // e.g. "A4", "A3-portrait": the size from the paper at dpi instead
  double dpi = 96;    // pixels per inch (PNG metadata, PDF page size; 96: 1 px = 0.75 pt)
  std::string language = "both";  // of the texts and labels: "ja", "en" or "both"
  std::string title;              // empty: the default title (defaultExportTitle: the layers' themes)
  std::string subtitle;
  bool legend = true;
  std::string rasterBasemapPath;  // an offline raster under the map; empty: none
  int displayEpsg = 0;            // 0: the area's plane rectangular zone; 3857: Web Mercator
};

struct MapExportLegendClass {
  std::string label;
  bool missing = false;  // the "no data" item
  double lower = 0, upper = 0;
  std::string colour;             // "#rrggbb", as drawn (and as it appears on the map)
  std::array<double, 4> swatch{};  // x, y, width, height in output pixels
};

struct MapExportResult {
  std::string outPath;
  std::string infoPath;  // the info JSON written with it (export-map's info_json); empty: none
  std::string format;
  int widthPx = 0, heightPx = 0;
  double dpi = 96;
  std::string title, period, attribution, suppressionNote;
  int displayEpsg = 0;
  std::vector<std::string> layers;  // ids drawn, bottom first
  std::array<double, 4> extent{};   // visible map extent, display CRS (xmin, ymin, xmax, ymax)
  // x, y, width, height in output pixels (the legend's is empty without a legend).
  std::array<double, 4> mapRect{}, legendRect{}, scaleBarRect{}, northArrowRect{};
  double scaleBarMetres = 0;
  double northAngleDeg = 0;
  std::vector<MapExportLegendClass> legend;  // the classes (ranges, then no data) of the legend
};

// Validates, loads the project's layers, composes and writes atomically (nothing is left
// behind on error or cancel). Creates the QGuiApplication it needs when there is none
// (ensureGuiApplication: call from the main thread then). Throws core::Error: IoError
// (missing project, unwritable output), StoreError (not a project), ValidationError (hour
// outside the data), Error with ErrorCode::Usage (bad format, language, size, paper, layer),
// GdalError (raster basemap); core::CancelledError.
MapExportResult exportMap(const MapExportRequest& request, core::Feedback& feedback);

// What was drawn, as JSON (the CLI's --info-json).
std::string mapExportInfoJson(const MapExportRequest& request, const MapExportResult& result);

}  // namespace ekm::render
