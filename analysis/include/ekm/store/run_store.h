#pragma once
// Scenario runs kept in the project (ekm_runs, ekm_run_steps; schema.h): typed writer
// and readers. A run is written in one transaction after all its steps succeeded, so
// a failed, cancelled or killed run leaves the project as it was.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

struct RunRecord {
  std::int64_t fid = 0;       // the run id users type ("runs show 3")
  std::string name;
  std::string scenarioFile;
  std::string scenarioSha256;
  std::string scenarioJson;   // the scenario as run (normalised)
  std::string programVersion;
  std::string programCommit;
  std::string startedAt;      // ISO 8601 UTC
  std::string finishedAt;
  double durationS = 0;
  std::string status;         // "ok"
  std::string provenanceJson; // input files with SHA-256, tables read with row counts
  std::string warningsJson;   // JSON array of strings
};

struct RunStepRecord {
  int index = 0;
  std::string stepId;
  std::string op;
  std::string paramsJson;  // normalised params
  std::string resultJson;  // summary, tables, outputs, warnings
  double durationS = 0;
};

// Writes a run and its steps in one transaction; returns the new run's fid.
std::int64_t writeRun(Project& project, const RunRecord& run, const std::vector<RunStepRecord>& steps);
// Runs, oldest first (without their steps).
std::vector<RunRecord> listRuns(Project& project);
// A run by id ("3") or by name (the latest run of that name); nullopt when none.
std::optional<RunRecord> findRun(Project& project, const std::string& idOrName);
std::vector<RunStepRecord> runSteps(Project& project, std::int64_t runFid);

}  // namespace ekm::store
