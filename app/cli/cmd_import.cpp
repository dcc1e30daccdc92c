// ekimachi-cli import --project P KIND FILE [--mapping M] [--preset NAME] [--encoding E]
//                     [--id-field F] [--force] [--quiet]
#include <cstdio>
#include <iostream>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/io/basemap_importer.h"
#include "ekm/io/import_op.h"
#include "ekm/io/importers.h"
#include "op_args.h"
#include "ekm/store/project.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli import --project P KIND FILE [options]\n"
    "\n"
    "Imports FILE into the project P (a .gpkg made by Ekimachi). The import is one\n"
    "transaction: on any error, on Ctrl-C (exit 130) or if the process dies, the\n"
    "project is unchanged.\n"
    "\n"
    "KIND:\n"
    "  mesh-population    CSV: mesh_code, date + hour (or datetime), population, breakdowns\n"
    "  segments           GDAL vector source (GeoJSON, Shapefile, GeoPackage) of lines\n"
    "  segment-counts     CSV: segment_id, timestamp (or date + hour), direction, mode, count\n"
    "  stations           GDAL vector source of points, or CSV with lat/lon\n"
    "  station-ridership  CSV: station_id, timestamp (or date + hour), boardings, alightings\n"
    "  gtfs               GTFS / GTFS-JP feed (.zip or folder): replaces the project's feed with\n"
    "                     --force; fatal problems (file:line: field) refuse it, warnings listed.\n"
    "                     A folder with no feed files (agency.txt, stops.txt, ...) but one .zip\n"
    "                     (as data/samples/gtfs_chiibus) imports that zip and says so; with\n"
    "                     several zips it is refused, naming them\n"
    "  ngsi-ld            NGSI-LD CrowdFlowObserved/TrafficFlowObserved/ItemFlowObserved entities\n"
    "                     (.json/.jsonld; normalized, concise, keyValues or temporal) -> hourly\n"
    "                     segment counts / station ridership; --match auto|refRoadSegment|nearest,\n"
    "                     --max-distance-m M (default 30); the match report is printed\n"
    "  basemap            GDAL vector source of map features, with --kind rail|water|building|\n"
    "                     park|street (lines for rail/street, polygons for building/park, either\n"
    "                     for water); --name-field, --height-field (building heights in metres),\n"
    "                     --layer pick attributes/the layer (defaults: name/name_ja/line_name,\n"
    "                     height_m/height/measuredHeight, the first layer)\n"
    "\n"
    "options:\n"
    "  --mapping M        JSON column mapping (see docs/import-mapping.md)\n"
    "  --preset NAME      column layout preset: default, jp-1km-open-data\n"
    "  --encoding E       auto (default), utf-8 or cp932\n"
    "  --id-field F       id attribute of a vector source\n"
    "  --force            import a file again although its SHA-256 is in the import log\n"
    "  --quiet            no progress output\n"
    "\n"
    "Text files may be gzip-compressed. Times without an offset are JST. Suppressed\n"
    "values ('*', '-', blank) are stored as missing, never as 0.";

int runBasemapImport(const std::vector<std::string>& argv) {
  auto a = parseOpArgs<io::BasemapImportOp>(argv);
  TerminalFeedback feedback("import basemap " + a.params.kind, a.quiet);
  const auto r = ops::run<io::BasemapImportOp>(a.session, a.params, feedback);
  feedback.finish();
  std::printf("imported basemap %s: %lld features (%lld parts) into basemap_features\nsha256 %s\n",
              a.params.kind.c_str(), static_cast<long long>(r.features), static_cast<long long>(r.parts),
              r.sha256.c_str());
  return 0;
}

int runImport(const std::vector<std::string>& argv) {
  // KIND "basemap" is its own operation: its first positional, not an option's value.
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const bool optionValue = i > 0 && argv[i - 1].rfind("--", 0) == 0 && argv[i - 1].find('=') == std::string::npos &&
                             argv[i - 1] != "--quiet" && argv[i - 1] != "--force";
    if (argv[i].rfind("--", 0) == 0 || optionValue) continue;
    if (argv[i] != "basemap") break;
    std::vector<std::string> rest = argv;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
    return runBasemapImport(rest);
  }
  auto a = parseOpArgs<io::ImportOp>(argv);
  a.session.projectPath();  // --project is required
  TerminalFeedback feedback("import " + a.params.kind, a.quiet);
  const io::ImportOpResult r = ops::run<io::ImportOp>(a.session, a.params, feedback);
  feedback.finish();
  std::printf("imported %s: %lld rows read, %lld stored, %lld missing values, %lld features created, "
              "%.2f s (%.0f rows/s)\nsha256 %s\n",
              a.params.kind.c_str(), static_cast<long long>(r.rowsRead), static_cast<long long>(r.rowsStored),
              static_cast<long long>(r.missingValues), static_cast<long long>(r.featuresCreated), r.seconds,
              r.seconds > 0 ? static_cast<double>(r.rowsStored) / r.seconds : 0.0, r.sha256.c_str());
  // NGSI-LD: the partly observed hours, flagged in the store (table partial_hours), and the
  // stored partial hours this import completed.
  for (const auto& h : r.flaggedHours) {
    const std::string what = h.target + " " + h.id + " " + h.hour +
                             (h.direction.empty() ? std::string() : " " + h.direction + " " + h.mode);
    std::printf("%s %s: count %g, %lld of 3600 s observed\n",
                h.partial ? (h.completedStored ? "partial hour (added to, still partial)" : "partial hour")
                          : "completed partial hour",
                what.c_str(), h.count, static_cast<long long>(h.coveredS));
  }
  return 0;
}

const CommandRegistrar kRegistrar{Command{"import", "import a data file into a project", kUsage, runImport}};

}  // namespace
}  // namespace ekm::cli
