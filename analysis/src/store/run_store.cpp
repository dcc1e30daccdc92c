// Scenario runs in the project: ekm_runs and ekm_run_steps, on either backend (record_sql.h).
#include "ekm/store/run_store.h"

#include <cstdlib>

#include "store/record_sql.h"

namespace ekm::store {
namespace {

const char* kRunColumns =
    "fid, name, scenario_file, scenario_sha256, scenario, program_version, program_commit, started_at, "
    "finished_at, duration_s, status, provenance, warnings";

RunRecord readRun(const SqlRow& r) {
  RunRecord run;
  run.fid = r.integer(0);
  run.name = r.text(1);
  run.scenarioFile = r.text(2);
  run.scenarioSha256 = r.text(3);
  run.scenarioJson = r.text(4);
  run.programVersion = r.text(5);
  run.programCommit = r.text(6);
  run.startedAt = r.text(7);
  run.finishedAt = r.text(8);
  run.durationS = r.real(9);
  run.status = r.text(10);
  run.provenanceJson = r.text(11);
  run.warningsJson = r.text(12);
  return run;
}

}  // namespace

std::int64_t writeRun(Project& project, const RunRecord& run, const std::vector<RunStepRecord>& steps) {
  Transaction tx(project);
  const auto sql = recordSql(project);
  const std::int64_t fid =
      sql->insert("ekm_runs",
                  {"name", "scenario_file", "scenario_sha256", "scenario", "program_version", "program_commit",
                   "started_at", "finished_at", "duration_s", "status", "provenance", "warnings"},
                  {run.name, run.scenarioFile, run.scenarioSha256, run.scenarioJson, run.programVersion,
                   run.programCommit, run.startedAt, run.finishedAt, run.durationS, run.status, run.provenanceJson,
                   run.warningsJson});
  std::size_t i = 0;
  sql->append("ekm_run_steps", {"run_fid", "step_index", "step_id", "op", "params", "result", "duration_s"},
              [&](std::vector<SqlValue>& v) {
                if (i == steps.size()) return false;
                const RunStepRecord& s = steps[i++];
                v = {fid, std::int64_t{s.index}, s.stepId, s.op, s.paramsJson, s.resultJson, s.durationS};
                return true;
              });
  sql->touch({"ekm_runs", "ekm_run_steps"});
  tx.commit();
  return fid;
}

std::vector<RunRecord> listRuns(Project& project) {
  std::vector<RunRecord> out;
  recordSql(project)->run(std::string("SELECT ") + kRunColumns + " FROM ekm_runs ORDER BY fid", {},
                          [&](const SqlRow& r) { out.push_back(readRun(r)); });
  return out;
}

std::optional<RunRecord> findRun(Project& project, const std::string& idOrName) {
  char* end = nullptr;
  const long long id = std::strtoll(idOrName.c_str(), &end, 10);
  const bool numeric = !idOrName.empty() && *end == '\0';
  std::optional<RunRecord> out;
  recordSql(project)->run(std::string("SELECT ") + kRunColumns + " FROM ekm_runs WHERE " +
                              (numeric ? "fid = ?1" : "name = ?1 ORDER BY fid DESC LIMIT 1"),
                          {numeric ? SqlValue{std::int64_t{id}} : SqlValue{idOrName}},
                          [&](const SqlRow& r) { out = readRun(r); });
  return out;
}

std::vector<RunStepRecord> runSteps(Project& project, std::int64_t runFid) {
  std::vector<RunStepRecord> out;
  recordSql(project)->run(
      "SELECT step_index, step_id, op, params, result, duration_s FROM ekm_run_steps WHERE run_fid = ?1 "
      "ORDER BY step_index",
      {runFid}, [&](const SqlRow& r) {
        out.push_back(RunStepRecord{static_cast<int>(r.integer(0)), r.text(1), r.text(2), r.text(3), r.text(4),
                                    r.real(5)});
      });
  return out;
}

}  // namespace ekm::store
