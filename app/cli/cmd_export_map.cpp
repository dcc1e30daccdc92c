// ekimachi-cli export-map: a map of a project at one hour as PNG/SVG/PDF, for the run script
// and citizen briefings. A thin caller of the render library's `export-map` operation (the
// composition the GUI's export uses too; `ops run export-map` and scenario files take the
// same params). Registered only when the render library is built (Qt6 Gui found).
#ifdef EKM_WITH_RENDER
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "op_args.h"
#include "render/export_map_op.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli export-map --project FILE --at TIME --out FILE [--size WxH | --paper NAME]\n"
    "                               [--dpi N] [--format png|svg|pdf] [--lang ja|en|both]\n"
    "                               [--title TEXT] [--subtitle TEXT] [--layers ID,...]\n"
    "                               [--extent XMIN,YMIN,XMAX,YMAX] [--no-legend]\n"
    "                               [--raster-basemap FILE] [--info-json FILE] [--quiet]\n"
    "                               [--template T] [--save-template NAME] [--display-epsg N]\n\n"
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
    "  --title TEXT     replaces the default title, named after the layers' themes (topmost\n"
    "                   first) with the hour when they change with it: \"滞在人口 Stay population\n"
    "                   DATE (曜) HH:00 JST\", \"歩行者の流れ Walking flows\", \"対象地区 The district\"\n"
    "  --subtitle TEXT  a second line under the title\n"
    "  --layers IDS     layers of the project's stack, bottom first, comma-separated: basemap,\n"
    "                   mesh_population, population_heatmap, ridership_heatmap, road_segments,\n"
    "                   pedestrian_counts, vehicle_counts, rail, stations, and the results the\n"
    "                   project has: flows, scenario_differences, desire_lines, bus_routes,\n"
    "                   bus_stops, building_energy, stop_reach, coverage_gaps, gap_reasons\n"
    "                   (the latest scenario run with a mobility-coverage step) (default:\n"
    "                   population, plain roads and stations)\n"
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
    "  --display-epsg N the display CRS (default 0: the area's plane rectangular zone; 3857:\n"
    "                   Web Mercator)\n"
    "The same parameters run as `ekimachi-cli ops run export-map --params P.json` (JSON keys are\n"
    "the flags' names with underscores: info_json, save_template, no_legend) and in scenario files.\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 I/O (missing project, unwritable\n"
    "output), 5 hour outside the data, 6 not a project.";

int runExportMap(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<render::ExportMapOp>(argv);
  render::MapExportResult result;
  {
    TerminalFeedback fb("exporting map", args.quiet);
    result = ops::run<render::ExportMapOp>(args.session, args.params, fb);
    fb.finish();
  }
  std::cout << result.outPath << "\n";
  return 0;
}

const CommandRegistrar kRegistrar(Command{"export-map", "export a map of the project at an hour as PNG/SVG/PDF",
                                          kUsage, runExportMap, false, ownsLangAlways});

}  // namespace
}  // namespace ekm::cli
#endif
