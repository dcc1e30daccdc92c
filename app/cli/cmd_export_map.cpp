// ekimachi-cli export-map: a map of a project at one hour as PNG/SVG/PDF, for the run script
// and citizen briefings. A thin caller of render::exportMap (the composition the GUI's
// export uses too). Registered only when the render library is built (Qt6 Gui found).
#ifdef EKM_WITH_RENDER
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "render/export_format.h"
#include "render/layout_template.h"
#include "render/map_export.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

const char* kUsage =
    "usage: ekimachi-cli export-map --project FILE --at TIME --out FILE [--size WxH | --paper NAME]\n"
    "                               [--dpi N] [--format png|svg|pdf] [--lang ja|en|both]\n"
    "                               [--title TEXT] [--subtitle TEXT] [--layers ID,...]\n"
    "                               [--extent XMIN,YMIN,XMAX,YMAX] [--no-legend]\n"
    "                               [--raster-basemap FILE] [--info-json FILE] [--quiet]\n"
    "                               [--template T] [--save-template NAME]\n\n"
    "Renders a project's map at one hour (JST) — by default the mesh-population heatmap over its\n"
    "roads and stations — with a title, the period shown, legend, scale bar, north arrow (true\n"
    "north), the data attribution (the project's ekm_meta 'attribution', else a default line) and\n"
    "the note that counts under 10 are suppressed, and writes it as PNG, SVG (map raster embedded,\n"
    "text and legend as vectors) or PDF (vectors, fonts embedded). The GUI's File > Export Map\n"
    "Image draws the same composition. Nothing is written unless it succeeds.\n"
    "  --at TIME        the hour, JST: 2025-03-27T12:00 (or with an offset: ...T03:00Z)\n"
    "  --size WxH       output size in pixels (default 1600x1000)\n"
    "  --paper NAME     instead of --size: a paper size at --dpi, landscape unless NAME ends in\n"
    "                   -portrait (A4, A3-portrait, JisB4, Letter, ...)\n"
    "  --dpi N          pixels per inch (default 96: PDF 1 px = 0.75 pt; PNG metadata)\n"
    "  --format F       png, svg or pdf (default: from the --out extension, else the template's,\n"
    "                   else png); it must agree with an --out ending in .png, .svg or .pdf\n"
    "  --lang L         texts and labels in ja, en or both (default both)\n"
    "  --title TEXT     replaces the default title \"滞在人口 Stay population DATE (曜) HH:00 JST\"\n"
    "  --subtitle TEXT  a second line under the title\n"
    "  --layers IDS     layers of the project's stack, bottom first, comma-separated: basemap,\n"
    "                   mesh_population, population_heatmap, ridership_heatmap, road_segments,\n"
    "                   pedestrian_counts, vehicle_counts, rail, stations (default: population,\n"
    "                   plain roads and stations)\n"
    "  --extent E       the area to show in the display CRS (default: the data's extent)\n"
    "  --no-legend      no legend box\n"
    "  --raster-basemap FILE  an offline raster (GeoTIFF, MBTiles, any local GDAL raster) drawn\n"
    "                   under the map, warped to the display CRS (never a network service)\n"
    "  --template T     start from a layout template: a .json file or a template saved in the\n"
    "                   project; flags given override it\n"
    "  --save-template NAME  keep this export's layout (paper or size, DPI, language, texts,\n"
    "                   layers, extent, legend, CRS) in the project as NAME\n"
    "  --info-json FILE also write what was drawn (title, extent, legend classes and their\n"
    "                   colours and swatch positions, scale bar, boxes) as JSON\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 I/O (missing project, unwritable\n"
    "output), 5 hour outside the data, 6 not a project.";

void parseSize(const std::string& s, render::MapExportRequest& r) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(s.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w <= 0 || h <= 0)
    throw Error(ErrorCode::Usage, "bad --size", ErrorContext{"", std::nullopt, std::nullopt, "size", "WxH, e.g. 1600x1000", s});
  r.widthPx = w;
  r.heightPx = h;
}

std::vector<std::string> splitCommas(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, ',');)
    if (!part.empty()) parts.push_back(part);
  return parts;
}

std::array<double, 4> parseExtent(const std::string& s) {
  std::array<double, 4> e{};
  char extra = 0;
  if (std::sscanf(s.c_str(), "%lf,%lf,%lf,%lf%c", &e[0], &e[1], &e[2], &e[3], &extra) != 4)
    throw Error(ErrorCode::Usage, "bad --extent",
                ErrorContext{"", std::nullopt, std::nullopt, "extent", "XMIN,YMIN,XMAX,YMAX in the display CRS", s});
  return e;
}

int runExportMap(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet", "no-legend"});
  args.checkKnown({"project", "at", "out", "size", "paper", "dpi", "format", "lang", "title", "subtitle", "layers",
                   "extent", "no-legend", "raster-basemap", "info-json", "quiet", "template", "save-template"});
  if (!args.positionals().empty()) throw Error(ErrorCode::Usage, "unexpected argument '" + args.positionals()[0] + "'");
  render::MapExportRequest r;
  r.projectPath = args.required("project");
  r.outPath = args.required("out");
  const std::string at = args.required("at");
  const auto hour = core::parseIsoDateTimeToHourKey(at);
  if (!hour) throw Error(ErrorCode::Usage, "bad --at", ErrorContext{"", std::nullopt, std::nullopt, "at", "YYYY-MM-DDTHH:00 (JST)", at});
  r.hour = *hour;
  if (const auto t = args.value("template")) {
    render::applyLayoutTemplate(r, render::loadLayoutTemplate(r.projectPath, *t), *t);
    // The template's format is for an --out without one: map.svg is an SVG whatever the template says.
    if (render::exportFormatOfExtension(r.outPath)) r.format.clear();
  }
  if (const auto s = args.value("size")) {
    parseSize(*s, r);
    r.paper.clear();
  }
  if (const auto p = args.value("paper")) r.paper = *p;
  if (const auto d = args.value("dpi")) {
    try {
      r.dpi = std::stod(*d);
    } catch (const std::exception&) {
      throw Error(ErrorCode::Usage, "bad --dpi", ErrorContext{"", std::nullopt, std::nullopt, "dpi", "a number", *d});
    }
  }
  if (const auto f = args.value("format")) r.format = *f;
  if (const auto l = args.value("lang")) r.language = *l;
  if (const auto t = args.value("title")) r.title = *t;
  if (const auto t = args.value("subtitle")) r.subtitle = *t;
  if (const auto l = args.value("layers")) r.layers = splitCommas(*l);
  if (const auto e = args.value("extent")) r.extent = parseExtent(*e);
  if (args.flag("no-legend")) r.legend = false;
  if (const auto b = args.value("raster-basemap")) r.rasterBasemapPath = *b;

  render::MapExportResult result;
  {
    TerminalFeedback fb("exporting map", args.flag("quiet"));
    result = render::exportMap(r, fb);
    fb.finish();
  }
  if (const auto infoPath = args.value("info-json")) {
    std::ofstream f(*infoPath);
    f << render::mapExportInfoJson(r, result);
    if (!f) throw core::IoError("cannot write the info JSON", ErrorContext{*infoPath, {}, {}, "", "", ""});
  }
  if (const auto name = args.value("save-template")) render::saveLayoutTemplate(r.projectPath, *name, render::layoutTemplateJson(r));
  std::cout << r.outPath << "\n";
  return 0;
}

const CommandRegistrar kRegistrar(Command{"export-map", "export a map of the project at an hour as PNG/SVG/PDF",
                                          kUsage, runExportMap});

}  // namespace
}  // namespace ekm::cli
#endif
