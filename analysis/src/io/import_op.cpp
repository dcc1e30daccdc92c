// The import operations.
#include "ekm/io/import_op.h"

#include "ekm/io/gtfs_import.h"
#include "ekm/io/ngsi_ld_import.h"

namespace ekm::io {

ImportResult ImportOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  ImportOptions options;
  options.mappingFile = session.resolve(params.mapping);
  options.preset = params.preset;
  options.encoding = params.encoding == "auto" ? "" : params.encoding;
  options.idField = params.id_field;
  options.force = params.force;
  const std::string file = session.resolve(params.file);
  auto& project = session.projectForWriting();
  if (params.kind == "gtfs") {  // GTFS / GTFS-JP feed (gtfs_import.h); warnings through feedback
    const auto g = importGtfs(project, file, {.force = params.force}, feedback);
    session.recordInputFile(g.feedPath);
    return {.rowsRead = g.rowsRead, .rowsStored = g.rowsStored, .featuresCreated = g.stops + g.shapes,
            .sha256 = g.sha256, .seconds = g.seconds};
  }
  if (params.kind == "ngsi-ld") {  // NGSI-LD flow observations (ngsi_ld_import.h); the match report through feedback
    const auto n = importNgsiLdFile(project, file, {params.match, params.max_distance_m}, params.force, feedback);
    logNgsiMatches(n.plan, feedback);
    session.recordInputFile(file);
    return {.rowsRead = n.plan.observations, .rowsStored = n.segmentRows + n.stationRows, .sha256 = n.sha256,
            .seconds = n.seconds};
  }
  const ImportResult r = importFile(project, importKindFromName(params.kind), file, options, feedback);
  session.recordInputFile(file);
  if (!options.mappingFile.empty()) session.recordInputFile(options.mappingFile);
  return r;
}

ops::OpResult ImportOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"rows_read", r.rowsRead},       {"rows_stored", r.rowsStored},
                 {"missing_values", r.missingValues}, {"features_created", r.featuresCreated},
                 {"sha256", r.sha256}};
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
