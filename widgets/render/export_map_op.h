#pragma once
// Operation `export-map`: a map of the project at an hour to PNG, SVG or PDF through the
// one MapComposition (render::exportMap). It lives in the QtGui-only render library (the
// analysis library has no Qt); executables that link ekm::render register it with
// registerRenderOperations.
#include <optional>
#include <string>
#include <vector>

#include "ekm/ops/operation.h"
#include "ekm/ops/registry.h"
#include "render/map_export.h"

namespace ekm::render {

// The layout fields are optional: unset ones keep the template's value (`template`), else
// the default; set ones override the template. `size` is WxH in pixels ("1600x1000").
struct ExportMapParams {
  std::string at;
  std::string out;
  std::string layout_template;
  std::optional<std::string> format;
  std::optional<std::vector<std::string>> layers;
  std::optional<std::vector<double>> extent;
  std::optional<std::string> size;
  std::optional<std::string> paper;
  std::optional<double> dpi;
  std::optional<std::string> lang;
  std::optional<std::string> title;
  std::optional<std::string> subtitle;
  std::optional<bool> no_legend;
  std::string raster_basemap;
  std::optional<std::int64_t> display_epsg;
  std::string info_json;
  std::string save_template;

  template <class V>
  void fields(V& v) {
    v("at", at, {.help = "the hour shown, YYYY-MM-DDTHH:00 (JST)", .required = true, .format = "date-time"});
    v("out", out, {.help = "output file (.png, .svg or .pdf)", .required = true, .role = ops::Role::OutputFile});
    v("template", layout_template, {.help = "start from a layout template: a .json file or a template saved in the "
                                            "project; the fields given override it"});
    v("format", format, {.help = "output format; empty: from the file's extension (an extension .png, .svg or .pdf "
                                 "wins over the template's), else the template's, else png",
                         .choices = {"", "png", "svg", "pdf"}});
    v("layers", layers, {.help = "layer ids, bottom first (basemap, mesh_population, population_heatmap, "
                                 "ridership_heatmap, road_segments, pedestrian_counts, vehicle_counts, rail, stations)"});
    v("extent", extent, {.help = "area shown in the display CRS: xmin,ymin,xmax,ymax; default: the data's extent"});
    v("size", size, {.help = "output size in pixels, WxH (default 1600x1000)"});
    v("paper", paper, {.help = "instead of size: a paper size at dpi, e.g. A4, A3-portrait"});
    v("dpi", dpi, {.help = "pixels per inch (default 96)", .min = 10, .max = 2400});
    v("lang", lang, {.help = "language of texts and labels (default both)", .choices = {"ja", "en", "both"}});
    v("title", title, {.help = "title; default: population at the hour"});
    v("subtitle", subtitle, {.help = "subtitle"});
    v("no_legend", no_legend, {.help = "leave the legend out"});
    v("raster_basemap", raster_basemap, {.help = "an offline raster (GeoTIFF, MBTiles) under the map",
                                         .role = ops::Role::InputFile});
    v("display_epsg", display_epsg, {.help = "display CRS; 0: the area's plane rectangular zone, 3857: Web Mercator"});
    v("info_json", info_json, {.help = "also write what was drawn (title, extent, legend classes, boxes) as JSON",
                               .role = ops::Role::OutputFile});
    v("save_template", save_template, {.help = "keep this export's layout in the project under this name"});
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
// its outPath, every layout field set; the project is the session's.
ExportMapParams exportMapParams(const MapExportRequest& request);
// The request the params describe in a project (the template applied, then the fields
// given; a template file is recorded as an input of the session). Throws core::Error (Usage)
// for a bad template, IoError for an unreadable one.
MapExportRequest exportMapRequest(const ExportMapParams& params, ops::Session& session);

// Registers the render library's operations (export-map, briefing) once.
void registerRenderOperations(ops::Registry& registry);

}  // namespace ekm::render
