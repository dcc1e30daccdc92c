#pragma once
// Operation `export`: a stored run's result tables (or the comparison of two runs, or a
// project layer) to GeoPackage, GeoJSON, CSV or Shapefile through GDAL, the small-count rule
// applied (ekm/io/result_export.h). `ekimachi-cli export`, the GUI's File > Export Results
// and scenario files run it.
#include <string>
#include <vector>

#include "ekm/io/result_export.h"
#include "ekm/ops/operation.h"

namespace ekm::io {

struct ExportResultsParams {
  std::string run;
  std::string step;
  std::string table;
  std::string compare;
  std::string layer;
  std::string out;
  std::string format;
  std::string layer_name;

  template <class V>
  void fields(V& v) {
    v("run", run, {.help = "a run of the project (id or scenario name) whose results are exported"});
    v("step", step, {.help = "the run's step id; empty: every step"});
    v("table", table, {.help = "the step's result table; empty: every table"});
    v("compare", compare, {.help = "a second run: export the comparison run -> compare (keys, COLUMN_a, COLUMN_b, COLUMN_diff)"});
    v("layer", layer, {.help = "instead of a run: a feature layer of the project (mesh_cells, road_segments, stations, ...)"});
    v("out", out, {.help = "output file (.gpkg, .geojson, .csv or .shp)", .required = true, .role = ops::Role::OutputFile});
    v("format", format, {.help = "output format; empty: from the file's extension",
                         .choices = {"", "gpkg", "geojson", "csv", "shp"}});
    v("layer_name", layer_name, {.help = "name of the written layer; empty: STEP_TABLE"});
  }
  void validate() const;
};

struct ExportResultsResult {
  std::string runName;
  std::vector<ResultExportSummary> layers;
};

struct ExportResultsOp {
  static constexpr const char* name = "export";
  static constexpr const char* summary =
      "run results, a comparison of two runs or a project layer to GeoPackage, GeoJSON, CSV or Shapefile (counts under 10 suppressed)";
  static constexpr bool writesProject = false;
  using Params = ExportResultsParams;
  using Result = ExportResultsResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::io
