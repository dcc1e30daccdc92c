// The import operations.
#include "ekm/io/import_op.h"

#include "ekm/io/gtfs_import.h"
#include "ekm/io/ngsi_ld_import.h"

namespace ekm::io {

namespace {

ops::ParamError importParamError(const std::string& message, const std::string& field, const std::string& expected,
                                 const std::string& found) {
  return ops::ParamError(message, core::ErrorContext{"", std::nullopt, std::nullopt, field, expected, found});
}

// The "delimiter" and "columns" parameters as a column mapping's JSON ("" when neither).
std::string inlineMapping(const ImportParams& p) {
  ops::Json j = ops::Json::object();
  if (!p.delimiter.empty()) j["delimiter"] = p.delimiter;
  if (p.columns.is_object() && !p.columns.empty()) j["columns"] = p.columns;
  return j.empty() ? std::string() : j.dump();
}

}  // namespace

void ImportParams::validate() const {
  if (!columns.is_null()) {
    if (!columns.is_object()) throw importParamError("columns must be an object", "columns", "an object of field: column name", columns.dump());
    for (auto it = columns.begin(); it != columns.end(); ++it)
      if (!it.value().is_string())
        throw importParamError("a column name must be text", "columns." + it.key(), "a column name", it.value().dump());
  }
  if (kind == "gtfs" || kind == "ngsi-ld") {
    const char* other = !delimiter.empty() ? "delimiter" : (columns.is_object() && !columns.empty()) ? "columns"
                                                         : dry_run                                  ? "dry_run"
                                                                                                    : nullptr;
    if (other) throw importParamError("not for this kind of import", other, "a CSV, vector or table import", kind);
  }
}

ImportOpResult ImportOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  ImportOptions options;
  options.mappingFile = session.resolve(params.mapping);
  options.inlineMapping = inlineMapping(params);
  options.inlineMappingSource = "import parameters";
  options.preset = params.preset;
  options.encoding = params.encoding == "auto" ? "" : params.encoding;
  options.idField = params.id_field;
  options.force = params.force;
  const std::string file = session.resolve(params.file);
  auto& project = session.projectForWriting();
  ImportOpResult out;
  if (params.kind == "gtfs") {  // GTFS / GTFS-JP feed (gtfs_import.h); warnings through feedback
    const auto g = importGtfs(project, file, {.force = params.force}, feedback);
    session.recordInputFile(g.feedPath);
    static_cast<ImportResult&>(out) = {.rowsRead = g.rowsRead, .rowsStored = g.rowsStored,
                                       .featuresCreated = g.stops + g.shapes, .sha256 = g.sha256, .seconds = g.seconds};
    return out;
  }
  if (params.kind == "ngsi-ld") {  // NGSI-LD flow observations (ngsi_ld_import.h); the match report through feedback
    const auto n = importNgsiLdFile(project, file, {params.match, params.max_distance_m}, params.force, feedback);
    logNgsiMatches(n.plan, feedback);
    session.recordInputFile(file);
    static_cast<ImportResult&>(out) = {.rowsRead = n.plan.observations, .rowsStored = n.segmentRows + n.stationRows,
                                       .sha256 = n.sha256, .seconds = n.seconds};
    for (const auto& row : n.plan.rows)
      if (row.partial || row.completedStored) {
        ImportFlaggedHour h;
        h.target = row.target;
        h.id = row.targetId;
        h.hour = core::formatHourKeyJst(row.hour);
        if (row.target == "segment") {
          h.direction = store::directionName(store::Direction(row.direction));
          h.mode = store::travelModeName(store::TravelMode(row.mode));
        }
        h.count = row.storedValue >= 0 ? row.storedValue : row.hasValue ? row.value : row.value2;
        h.coveredS = row.coveredS;
        h.partial = row.partial;
        h.completedStored = row.completedStored;
        out.flaggedHours.push_back(std::move(h));
      }
    return out;
  }
  const ImportKind kind = importKindFromName(params.kind);
  out.table = importTable(kind);
  out.dryRun = params.dry_run;
  out.tableRowsBefore = project.rowCount(out.table);
  if (params.dry_run)  // the real import, rolled back: the table as it would be
    options.rehearsal = [&out](const store::Project& p) { out.tableRowsAfter = p.rowCount(out.table); };
  static_cast<ImportResult&>(out) = importFile(project, kind, file, options, feedback);
  if (!params.dry_run) out.tableRowsAfter = project.rowCount(out.table);
  session.recordInputFile(file);
  if (!options.mappingFile.empty()) session.recordInputFile(options.mappingFile);
  return out;
}

ops::OpResult ImportOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"rows_read", r.rowsRead},       {"rows_stored", r.rowsStored},
                 {"missing_values", r.missingValues}, {"features_created", r.featuresCreated},
                 {"sha256", r.sha256}};
  if (!r.table.empty()) {
    out.summary["table"] = r.table;
    out.summary["table_rows_before"] = r.tableRowsBefore;
    out.summary["table_rows_after"] = r.tableRowsAfter;
  }
  if (r.dryRun) out.summary["dry_run"] = true;
  if (!r.flaggedHours.empty()) {
    ops::ResultTable t;
    t.name = "partial_hours";
    t.columns = {"target", "id", "hour", "direction", "mode", "count", "covered_s", "status"};
    t.keyColumns = 5;
    std::int64_t partial = 0, completed = 0;
    for (const auto& h : r.flaggedHours) {
      partial += h.partial ? 1 : 0;
      completed += h.completedStored && !h.partial ? 1 : 0;
      t.rows.push_back({h.target, h.id, h.hour, h.direction, h.mode, h.count, h.coveredS,
                        h.partial ? (h.completedStored ? "partial (added to)" : "partial") : "completed"});
    }
    out.summary["partial_hours"] = partial;
    out.summary["completed_partial_hours"] = completed;
    out.tables.push_back(std::move(t));
  }
  return out;
}

BasemapImportResult BasemapImportOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  BasemapImportOptions o;
  o.kind = params.kind;
  o.layer = params.layer;
  o.nameField = params.name_field;
  o.heightField = params.height_field;
  const std::string file = session.resolve(params.file);
  const auto r = importBasemap(session.projectForWriting(), file, o, feedback);
  session.recordInputFile(file);
  return r;
}

ops::OpResult BasemapImportOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"features", r.features}, {"parts", r.parts}, {"sha256", r.sha256}};
  return out;
}

}  // namespace ekm::io
