// The export-map operation's params: their checks, and the request they describe (a layout
// template applied first, then the fields given), both ways.
#include <charconv>
#include <tuple>
#include <utility>

#include "render/export_format.h"
#include "render/export_map_op.h"
#include "render/layout_template.h"

namespace ekm::render {

namespace {

ops::ParamError badParam(const std::string& message, const std::string& field, const std::string& expected,
                         const std::string& found) {
  return ops::ParamError(message, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

// "1600x1000" (or "1600X1000") -> (1600, 1000); nullopt unless two positive integers.
std::optional<std::pair<int, int>> sizeFromText(const std::string& text) {
  const auto x = text.find_first_of("xX");
  if (x == std::string::npos) return std::nullopt;
  int w = 0, h = 0;
  const char* end = text.data() + text.size();
  const auto a = std::from_chars(text.data(), text.data() + x, w);
  const auto b = std::from_chars(text.data() + x + 1, end, h);
  if (a.ec != std::errc() || a.ptr != text.data() + x || b.ec != std::errc() || b.ptr != end || w <= 0 || h <= 0)
    return std::nullopt;
  return std::pair{w, h};
}

// The template's JSON: a .json file (relative to the session's folder; recorded as an
// input of the run), else a template saved in the project.
std::string templateText(const std::string& t, ops::Session& session) {
  if (!(t.size() > 5 && t.ends_with(".json"))) return loadLayoutTemplate(session.projectPath(), t);
  const std::string path = session.resolve(t);
  std::string text = loadLayoutTemplate(session.projectPath(), path);
  session.recordInputFile(path);
  return text;
}

}  // namespace

void ExportMapParams::validate() const {
  if (!core::parseIsoDateTimeToHourKey(at)) throw badParam("bad hour", "at", "YYYY-MM-DDTHH:00 (JST)", at);
  if (extent && extent->size() != 4)
    throw badParam("bad extent", "extent", "4 numbers: xmin,ymin,xmax,ymax in the display CRS",
                   std::to_string(extent->size()) + " numbers");
  if (size && !sizeFromText(*size)) throw badParam("bad size", "size", "WxH in pixels, e.g. 1600x1000", *size);
}

MapExportRequest exportMapRequest(const ExportMapParams& p, ops::Session& session) {
  MapExportRequest r;
  r.projectPath = session.projectPath();
  r.hour = *core::parseIsoDateTimeToHourKey(p.at);
  r.outPath = session.resolve(p.out);
  if (!p.layout_template.empty()) {
    applyLayoutTemplate(r, templateText(p.layout_template, session), p.layout_template);
    // The template's format is for an out without one: map.svg is an SVG whatever the template says.
    if (exportFormatOfExtension(r.outPath)) r.format.clear();
  }
  if (p.size) {
    std::tie(r.widthPx, r.heightPx) = *sizeFromText(*p.size);
    r.paper.clear();
  }
  if (p.paper) r.paper = *p.paper;
  if (p.dpi) r.dpi = *p.dpi;
  if (p.format) r.format = *p.format;
  if (p.lang) r.language = *p.lang;
  if (p.title) r.title = *p.title;
  if (p.subtitle) r.subtitle = *p.subtitle;
  if (p.layers) r.layers = *p.layers;
  if (p.extent) r.extent = std::array<double, 4>{(*p.extent)[0], (*p.extent)[1], (*p.extent)[2], (*p.extent)[3]};
  if (p.no_legend) r.legend = !*p.no_legend;
  if (p.display_epsg) r.displayEpsg = static_cast<int>(*p.display_epsg);
  r.rasterBasemapPath = session.resolve(p.raster_basemap);
  return r;
}

ExportMapParams exportMapParams(const MapExportRequest& r) {
  ExportMapParams p;
  p.at = core::formatHourKeyJst(r.hour).substr(0, 16);  // "2025-03-27T10:00"
  p.out = r.outPath;
  p.format = r.format;
  p.layers = r.layers;
  if (r.extent) p.extent = std::vector<double>(r.extent->begin(), r.extent->end());
  p.size = std::to_string(r.widthPx) + "x" + std::to_string(r.heightPx);
  if (!r.paper.empty()) p.paper = r.paper;
  p.dpi = r.dpi;
  p.lang = r.language;
  p.title = r.title;
  p.subtitle = r.subtitle;
  p.no_legend = !r.legend;
  p.raster_basemap = r.rasterBasemapPath;
  p.display_epsg = r.displayEpsg;
  return p;
}

}  // namespace ekm::render
