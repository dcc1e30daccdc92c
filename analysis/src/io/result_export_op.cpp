// The export operation: stored run results, run comparisons and project layers to GIS files.
#include "ekm/io/result_export_op.h"

#include "ekm/core/error.h"
#include "ekm/ops/params.h"
#include "ekm/scenario/run_compare.h"
#include "ekm/store/run_store.h"

namespace ekm::io {

namespace {

ops::ParamError paramError(const std::string& what, const std::string& field, const std::string& expected,
                           const std::string& found) {
  return ops::ParamError(what, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

store::RunRecord findRun(store::Project& project, const std::string& id, const char* field) {
  const auto r = store::findRun(project, id);
  if (!r) {
    std::string runs;
    for (const auto& x : store::listRuns(project)) runs += (runs.empty() ? "" : ", ") + std::to_string(x.fid) + " " + x.name;
    throw core::ValidationError("no such run", core::ErrorContext{project.path(), {}, {}, field,
                                                                  runs.empty() ? "a run (the project has none)" : "one of: " + runs, id});
  }
  return *r;
}

bool wanted(const std::string& filter, const std::string& name) { return filter.empty() || filter == name; }

// The tables of a run chosen by step and table, named STEP_TABLE.
std::vector<ops::ResultTable> runTables(const std::vector<store::RunStepRecord>& steps, const ExportResultsParams& p) {
  std::vector<ops::ResultTable> out;
  std::string available;
  for (const auto& step : steps) {
    const ops::OpResult r = ops::opResultFromJson(ops::Json::parse(step.resultJson));
    for (const auto& t : r.tables) {
      available += (available.empty() ? "" : ", ") + step.stepId + "/" + t.name;
      if (!wanted(p.step, step.stepId) || !wanted(p.table, t.name)) continue;
      out.push_back(t);
      out.back().name = step.stepId + "_" + t.name;
    }
  }
  if (out.empty())
    throw paramError("no such result table in the run", p.table.empty() ? "step" : "table",
                     available.empty() ? "a run with result tables" : "STEP/TABLE among " + available, p.step + "/" + p.table);
  return out;
}

std::vector<ops::ResultTable> comparedTables(const std::vector<scenario::TableComparison>& tables, const ExportResultsParams& p) {
  std::vector<ops::ResultTable> out;
  std::string available;
  for (const auto& t : tables) {
    if (t.table == "summary") continue;
    available += (available.empty() ? "" : ", ") + t.stepId + "/" + t.table;
    if (wanted(p.step, t.stepId) && wanted(p.table, t.table)) out.push_back(comparisonTable(t));
  }
  if (out.empty())
    throw paramError("no such table in both runs", "table", available.empty() ? "runs with common result tables" : available,
                     p.step + "/" + p.table);
  return out;
}

}  // namespace

void ExportResultsParams::validate() const {
  if (run.empty() == layer.empty())
    throw paramError("give either a run or a project layer", "run", "--run RUN or --layer LAYER", run.empty() ? "neither" : "both");
  if (!compare.empty() && run.empty()) throw paramError("--compare needs --run", "compare", "--run RUN_A --compare RUN_B", compare);
  if (format.empty() && !resultFormatFromPath(out))
    throw paramError("unknown output format", "out", "a .gpkg, .geojson, .csv or .shp file (or --format)", out);
}

ExportResultsResult ExportResultsOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const std::string out = session.resolve(p.out);
  const ResultFormat format = p.format.empty() ? *resultFormatFromPath(out) : *parseResultFormat(p.format);
  ExportResultsResult r;
  if (!p.layer.empty()) {
    session.recordTableRead(p.layer);
    r.layers.push_back(exportProjectLayer(session.projectPath(), p.layer, out, format, feedback));
    return r;
  }
  store::Project& project = session.project();
  const store::RunRecord a = findRun(project, p.run, "run");
  r.runName = a.name;
  std::vector<ops::ResultTable> tables;
  if (p.compare.empty()) {
    tables = runTables(store::runSteps(project, a.fid), p);
  } else {
    const store::RunRecord b = findRun(project, p.compare, "compare");
    r.runName += " -> " + b.name;
    tables = comparedTables(scenario::compareRuns(store::runSteps(project, a.fid), store::runSteps(project, b.fid)), p);
  }
  session.recordTableRead("ekm_runs");
  for (const char* t : {"road_segments", "mesh_cells", "stations"}) session.recordTableRead(t);
  r.layers = exportResultTables(tables, &project, out, format, p.layer_name, feedback);
  return r;
}

ops::OpResult ExportResultsOp::record(const Result& r) {
  ops::OpResult out;
  std::int64_t features = 0, suppressed = 0;
  ops::ResultTable t;
  t.name = "layers";
  t.columns = {"layer", "format", "geometry", "epsg", "features", "fields", "suppressed_values"};
  for (const auto& l : r.layers) {
    features += l.features;
    suppressed += l.suppression.suppressed;
    std::string fields;
    for (const auto& f : l.fields) fields += (fields.empty() ? "" : ",") + f.name + ":" + f.type;
    t.rows.push_back({l.layer, l.format, l.geometryType, l.epsg, l.features, fields, l.suppression.suppressed});
    if (out.outputs.empty() || out.outputs.back() != l.path) out.outputs.push_back(l.path);
  }
  out.summary = {{"run", r.runName}, {"layers", r.layers.size()}, {"features", features}, {"suppressed_values", suppressed}};
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::io
