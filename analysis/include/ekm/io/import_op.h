#pragma once
// Operations `import` (mesh population, segments, segment counts, stations, ridership)
// and `import-basemap`: a file into the session's project, one transaction each.
#include <string>
#include <vector>

#include "ekm/io/basemap_importer.h"
#include "ekm/io/importers.h"
#include "ekm/ops/operation.h"

namespace ekm::io {

struct ImportParams {
  std::string kind;
  std::string file;
  std::string mapping;
  std::string preset;
  std::string encoding;
  std::string id_field;
  bool force = false;
  std::string delimiter;            // "" = the mapping's (default ','); "tab" for a tab
  ops::Json columns;               // null or {"canonical field": "column name"}
  bool dry_run = false;
  std::string match = "auto";      // ngsi-ld (io/ngsi_ld_import.h)
  double max_distance_m = 30;      // ngsi-ld: io::kDefaultNgsiMaxDistanceM

  template <class V>
  void fields(V& v) {
    v("kind", kind, {.help = "what the file holds", .required = true,
                     .choices = {"mesh-population", "segments", "segment-counts", "stations", "station-ridership", "ngsi-ld",
                                 "gtfs"},
                     .positional = 0});
    v("file", file, {.help = "the file to import (CSV may be gzip-compressed; vector sources through GDAL; "
                             "gtfs: a feed .zip or folder)",
                     .required = true, .role = ops::Role::InputFile, .positional = 1});
    v("mapping", mapping, {.help = "JSON column mapping (docs/import-mapping.md)", .role = ops::Role::InputFile});
    v("preset", preset, {.help = "column layout preset: default, jp-1km-open-data"});
    v("encoding", encoding, {.help = "text encoding; empty = auto (UTF-8, else CP932)",
                             .choices = {"", "auto", "utf-8", "cp932"}});
    v("id_field", id_field, {.help = "id attribute of a vector source"});
    v("delimiter", delimiter, {.help = "CSV field delimiter; empty = the mapping's (default ',')",
                               .choices = {"", ",", ";", "tab", "|"}});
    v("columns", columns, {.help = "column mapping on top of --mapping: {\"canonical field\": \"column name\"} "
                                   "(docs/import-mapping.md)"});
    v("force", force, {.help = "import again although the file's SHA-256 is in the import log"});
    v("dry_run", dry_run, {.help = "check and write everything, then roll back: nothing is stored (table rows "
                                   "before and after are reported)"});
    v("match", match, {.help = "ngsi-ld: segment matching (auto: refRoadSegment when it names a project segment, "
                               "else the nearest segment)",
                       .choices = {"auto", "refRoadSegment", "nearest"}});
    v("max_distance_m", max_distance_m, {.help = "ngsi-ld: largest distance of a nearest-segment match in metres",
                                         .min = 0, .max = 1000});
  }
  // columns: an object of strings; delimiter, columns and dry_run: not for gtfs or ngsi-ld.
  void validate() const;
};

// What an import did (or, as a dry run, would do): the importer's figures and the rows of the
// table it writes before and after.
// An hour of an NGSI-LD import that is (or was) only partly observed: flagged partial in the
// store (partial_hours), or a stored partial hour this import added to.
struct ImportFlaggedHour {
  std::string target;     // "segment" / "station"
  std::string id;         // segment_id / station_id
  std::string hour;       // JST "YYYY-MM-DD HH:00"
  std::string direction;  // segments: forward/backward/both
  std::string mode;       // segments: pedestrian/bicycle/vehicle
  double count = 0;       // the hour's count as stored after the import (stations: boardings, else alightings)
  std::int64_t coveredS = 0;
  bool partial = false;   // still partial after the import
  bool completedStored = false;  // added to a partial hour the project held
};

struct ImportOpResult : ImportResult {
  // ngsi-ld: the partly observed hours (flagged in the store) and the stored partial hours
  // this import added to (completed, or still partial).
  std::vector<ImportFlaggedHour> flaggedHours;
  std::string table;
  std::int64_t tableRowsBefore = 0;
  std::int64_t tableRowsAfter = 0;
  bool dryRun = false;
};

struct ImportOp {
  static constexpr const char* name = "import";
  static constexpr const char* summary = "import a data file into the project (one transaction)";
  static constexpr bool writesProject = true;
  using Params = ImportParams;
  using Result = ImportOpResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct BasemapImportParams {
  std::string kind;
  std::string file;
  std::string layer;
  std::string name_field;
  std::string height_field;

  template <class V>
  void fields(V& v) {
    v("kind", kind, {.help = "feature kind", .required = true,
                     .choices = {"rail", "water", "building", "park", "street"}});
    v("file", file, {.help = "GDAL vector source (any CRS)", .required = true, .role = ops::Role::InputFile,
                     .positional = 0});
    v("layer", layer, {.help = "layer name (default: the first layer)"});
    v("name_field", name_field, {.help = "name attribute (default: name/name_ja/line_name)"});
    v("height_field", height_field, {.help = "building height attribute in metres"});
  }
};

struct BasemapImportOp {
  static constexpr const char* name = "import-basemap";
  static constexpr const char* summary = "import basemap features (rail, water, buildings, parks, streets)";
  static constexpr bool writesProject = true;
  using Params = BasemapImportParams;
  using Result = BasemapImportResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::io
