// Scenario runs in the project: ekm_runs and ekm_run_steps.
#include "ekm/store/run_store.h"

#include <cstdlib>

#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {
namespace {


const char* kRunColumns =
    "fid, name, scenario_file, scenario_sha256, scenario, program_version, program_commit, started_at, "
    "finished_at, duration_s, status, provenance, warnings";

RunRecord readRun(sqlite3_stmt* st) {
  RunRecord r;
  r.fid = sqlite3_column_int64(st, 0);
  r.name = columnString(st, 1);
  r.scenarioFile = columnString(st, 2);
  r.scenarioSha256 = columnString(st, 3);
  r.scenarioJson = columnString(st, 4);
  r.programVersion = columnString(st, 5);
  r.programCommit = columnString(st, 6);
  r.startedAt = columnString(st, 7);
  r.finishedAt = columnString(st, 8);
  r.durationS = sqlite3_column_double(st, 9);
  r.status = columnString(st, 10);
  r.provenanceJson = columnString(st, 11);
  r.warningsJson = columnString(st, 12);
  return r;
}

}  // namespace

std::int64_t writeRun(Project& project, const RunRecord& run, const std::vector<RunStepRecord>& steps) {
  sqlite3* db = detail::connection(project);
  detail::SqlTransaction tx(db);
  Stmt ins(db,
           "INSERT INTO ekm_runs (name, scenario_file, scenario_sha256, scenario, program_version, program_commit, "
           "started_at, finished_at, duration_s, status, provenance, warnings) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  bindText(ins, 1, run.name);
  bindText(ins, 2, run.scenarioFile);
  bindText(ins, 3, run.scenarioSha256);
  bindText(ins, 4, run.scenarioJson);
  bindText(ins, 5, run.programVersion);
  bindText(ins, 6, run.programCommit);
  bindText(ins, 7, run.startedAt);
  bindText(ins, 8, run.finishedAt);
  sqlite3_bind_double(ins, 9, run.durationS);
  bindText(ins, 10, run.status);
  bindText(ins, 11, run.provenanceJson);
  bindText(ins, 12, run.warningsJson);
  ins.step("inserting into ekm_runs");
  const std::int64_t fid = sqlite3_last_insert_rowid(db);
  Stmt step(db,
            "INSERT INTO ekm_run_steps (run_fid, step_index, step_id, op, params, result, duration_s) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const auto& s : steps) {
    sqlite3_reset(step);
    sqlite3_bind_int64(step, 1, fid);
    sqlite3_bind_int(step, 2, s.index);
    bindText(step, 3, s.stepId);
    bindText(step, 4, s.op);
    bindText(step, 5, s.paramsJson);
    bindText(step, 6, s.resultJson);
    sqlite3_bind_double(step, 7, s.durationS);
    step.step("inserting into ekm_run_steps");
  }
  exec(db, "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
           "WHERE table_name IN ('ekm_runs', 'ekm_run_steps')");
  tx.commit();
  return fid;
}

std::vector<RunRecord> listRuns(Project& project) {
  Stmt st(detail::connection(project), std::string("SELECT ") + kRunColumns + " FROM ekm_runs ORDER BY fid");
  std::vector<RunRecord> out;
  while (st.step("reading ekm_runs")) out.push_back(readRun(st));
  return out;
}

std::optional<RunRecord> findRun(Project& project, const std::string& idOrName) {
  char* end = nullptr;
  const long long id = std::strtoll(idOrName.c_str(), &end, 10);
  const bool numeric = !idOrName.empty() && *end == '\0';
  Stmt st(detail::connection(project), std::string("SELECT ") + kRunColumns + " FROM ekm_runs WHERE " +
                            (numeric ? "fid = ?1" : "name = ?1 ORDER BY fid DESC LIMIT 1"));
  if (numeric) sqlite3_bind_int64(st, 1, id);
  else bindText(st, 1, idOrName);
  if (!st.step("reading ekm_runs")) return std::nullopt;
  return readRun(st);
}

std::vector<RunStepRecord> runSteps(Project& project, std::int64_t runFid) {
  Stmt st(detail::connection(project),
          "SELECT step_index, step_id, op, params, result, duration_s FROM ekm_run_steps WHERE run_fid = ?1 "
          "ORDER BY step_index");
  sqlite3_bind_int64(st, 1, runFid);
  std::vector<RunStepRecord> out;
  while (st.step("reading ekm_run_steps")) {
    RunStepRecord r;
    r.index = sqlite3_column_int(st, 0);
    r.stepId = columnString(st, 1);
    r.op = columnString(st, 2);
    r.paramsJson = columnString(st, 3);
    r.resultJson = columnString(st, 4);
    r.durationS = sqlite3_column_double(st, 5);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ekm::store
