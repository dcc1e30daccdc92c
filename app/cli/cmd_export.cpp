// ekimachi-cli export: run results, a run comparison or a project layer to GeoPackage, GeoJSON,
// CSV or Shapefile. A thin caller of the `export` operation (ekm/io/result_export_op.h).
#include <cstdio>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/io/result_export_op.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli export --project P (--run RUN [--step ID] [--table NAME] [--compare RUN_B] | --layer LAYER)\n"
    "                           --out FILE [--format gpkg|geojson|csv|shp] [--layer-name NAME] [--quiet]\n\n"
    "Writes results so that QGIS opens them with the right CRS (EPSG:4326), field names and types:\n"
    "  --run RUN         a run kept in the project (id or scenario name): its result tables (all of\n"
    "                    them, or --step / --table), keyed tables with the project's geometry (road\n"
    "                    segments as lines, mesh cells as polygons, stations as points)\n"
    "  --compare RUN_B   the comparison RUN -> RUN_B instead: keys, COLUMN_a, COLUMN_b, COLUMN_diff\n"
    "  --layer LAYER     a feature layer of the project instead (mesh_cells, road_segments, stations, ...)\n"
    "  --out FILE        .gpkg (several tables become layers of one file), .geojson (RFC 7946), .csv\n"
    "                    (geometry as WKT, with a .csvt of the field types) or .shp (one table)\n"
    "Counts under 10 people are suppressed in every format: the value is empty (NULL) and the row's\n"
    "`suppressed` field names the suppressed columns; changes computed from a suppressed count are\n"
    "suppressed too. Exit codes: 0 ok, 2 usage, 3 I/O, 5 unknown run, 6 store, 130 cancelled.";

int runExport(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<io::ExportResultsOp>(argv);
  io::ExportResultsResult result;
  {
    TerminalFeedback fb("export", args.quiet);
    result = ops::run<io::ExportResultsOp>(args.session, args.params, fb);
    fb.finish();
  }
  for (const auto& l : result.layers) {
    std::printf("%s: layer %s, %lld features, %s%s, %lld values suppressed (counts under 10)\n", l.path.c_str(),
                l.layer.c_str(), static_cast<long long>(l.features), l.geometryType.c_str(),
                l.epsg ? (" EPSG:" + std::to_string(l.epsg)).c_str() : "", static_cast<long long>(l.suppression.suppressed));
  }
  return 0;
}

const CommandRegistrar kRegistrar(Command{"export", io::ExportResultsOp::summary, kUsage, runExport});

}  // namespace
}  // namespace ekm::cli
