#include "ekm/io/project_copy_op.h"

#include "ekm/core/error.h"

namespace ekm::io {

void ProjectCopyParams::validate() const {
  if (store::isPostgresLocation(source) == store::isPostgresLocation(destination))
    throw core::ValidationError("a copy goes from a GeoPackage file to PostgreSQL or back",
                                core::ErrorContext{"", std::nullopt, std::nullopt, "destination",
                                                   "a PostgreSQL location when the source is a file, and the other way",
                                                   destination});
}

store::ProjectCopyResult ProjectCopyOp::run(ops::Session&, const Params& params, core::Feedback& feedback) {
  return store::copyProject(params.source, params.destination, feedback);
}

ops::OpResult ProjectCopyOp::record(const Result& r) {
  ops::OpResult out;
  ops::ResultTable t;
  t.name = "tables";
  t.columns = {"table", "rows"};
  for (const auto& table : r.tables) t.rows.push_back({table.table, table.rows});
  out.summary = {{"source", r.source},
                 {"destination", r.destination},
                 {"direction", r.toPostgres ? "GeoPackage -> PostgreSQL" : "PostgreSQL -> GeoPackage"},
                 {"schema_version", r.schemaVersion},
                 {"tables", r.tables.size()},
                 {"rows", r.rows}};
  out.tables.push_back(std::move(t));
  if (!r.toPostgres) out.outputs.push_back(r.destination);
  return out;
}

}  // namespace ekm::io
