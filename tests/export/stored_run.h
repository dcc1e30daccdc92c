#pragma once
// Stores a run of compare-periods steps in a project as the scenario runner would: each step
// is run by `ekimachi-cli ops run` (the operation's own result JSON) and the run is written
// with store::writeRun, so the export and briefing tests read real stored results.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace ekm_test {

// steps: (step id, compare-periods params). Returns false (with a test failure) on error.
inline bool storeComparisonRun(const std::filesystem::path& project, const std::filesystem::path& dir, const std::string& name,
                               const std::string& description,
                               const std::vector<std::pair<std::string, ekm::ops::Json>>& steps) {
  std::vector<ekm::store::RunStepRecord> records;
  for (const auto& [id, params] : steps) {
    const auto paramsFile = dir / (name + "-" + id + ".params.json"), resultFile = dir / (name + "-" + id + ".result.json");
    std::ofstream(paramsFile) << params.dump();
    const CliRun r = cli("ops run compare-periods --quiet --project " + quote(project.string()) + " --params " +
                         quote(paramsFile.string()) + " --out " + quote(resultFile.string()));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    if (r.exitCode != 0) return false;
    ekm::store::RunStepRecord s;
    s.index = static_cast<int>(records.size());
    s.stepId = id;
    s.op = "compare-periods";
    s.paramsJson = params.dump();
    s.resultJson = readFile(resultFile.string());
    records.push_back(s);
  }
  ekm::store::Project p = ekm::store::Project::open(project.string());
  ekm::store::RunRecord run;
  run.name = name;
  run.status = "ok";
  run.scenarioJson = ekm::ops::Json{{"scenario", name}, {"description", description}}.dump();
  ekm::store::writeRun(p, run, records);
  return true;
}

}  // namespace ekm_test
