#pragma once
// Operation `export-map`: a map of the project at an hour to PNG, SVG or PDF through the
// one MapComposition (render::exportMap). It lives in the QtGui-only render library (the
// analysis library has no Qt); executables that link ekm::render register it with
// registerRenderOperations.
#include <string>
#include <vector>

#include "ekm/ops/operation.h"
#include "ekm/ops/registry.h"
#include "render/map_export.h"

namespace ekm::render {

struct ExportMapParams {
  std::string at;
  std::string out;
  std::string format;
  std::vector<std::string> layers;
  std::vector<double> extent;
  std::int64_t width = 1600;
  std::int64_t height = 1000;
  std::string paper;
  double dpi = 96;
  std::string lang = "both";
  std::string title;
  std::string subtitle;
  bool no_legend = false;
  std::string raster_basemap;
  std::int64_t display_epsg = 0;

  template <class V>
  void fields(V& v) {
    v("at", at, {.help = "the hour shown, YYYY-MM-DDTHH:00 (JST)", .required = true, .format = "date-time"});
    v("out", out, {.help = "output file (.png, .svg or .pdf)", .required = true, .role = ops::Role::OutputFile});
    v("format", format, {.help = "output format; empty: from the file's extension", .choices = {"", "png", "svg", "pdf"}});
    v("layers", layers, {.help = "layer ids, bottom first (basemap, mesh_population, population_heatmap, "
                                 "ridership_heatmap, road_segments, pedestrian_counts, vehicle_counts, rail, stations)"});
    v("extent", extent, {.help = "area shown in the display CRS: xmin,ymin,xmax,ymax; empty: the data's extent"});
    v("width", width, {.help = "width in pixels", .min = 64, .max = 20000});
    v("height", height, {.help = "height in pixels", .min = 64, .max = 20000});
    v("paper", paper, {.help = "paper size instead of pixels, e.g. A4, A3-portrait"});
    v("dpi", dpi, {.help = "pixels per inch", .min = 36, .max = 1200});
    v("lang", lang, {.help = "language of texts and labels", .choices = {"ja", "en", "both"}});
    v("title", title, {.help = "title; empty: population at the hour"});
    v("subtitle", subtitle, {.help = "subtitle"});
    v("no_legend", no_legend, {.help = "leave the legend out"});
    v("raster_basemap", raster_basemap, {.help = "an offline raster (GeoTIFF, MBTiles) under the map",
                                         .role = ops::Role::InputFile});
    v("display_epsg", display_epsg, {.help = "display CRS; 0: the area's plane rectangular zone, 3857: Web Mercator"});
  }
  void validate() const;
};

struct ExportMapOp {
  static constexpr const char* name = "export-map";
  static constexpr const char* summary = "a map of the project at an hour to PNG, SVG or PDF (title, legend, scale, sources)";
  static constexpr bool writesProject = false;
  using Params = ExportMapParams;
  using Result = MapExportResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

// The params of a request (what the GUI's layout dialog submits): at from its hour, out from
// its outPath; the project is the session's.
ExportMapParams exportMapParams(const MapExportRequest& request);

// Registers the render library's operations (export-map, briefing) once.
void registerRenderOperations(ops::Registry& registry);

}  // namespace ekm::render
