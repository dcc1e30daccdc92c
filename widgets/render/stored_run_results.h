#pragma once
// The results of the scenario runs stored in a project, as the result layers search them
// (street flows, scenario differences, bus-stop coverage): newest run first, its steps in
// order. Each run's steps are read once and each step's result JSON is parsed once, when a
// search first reaches it, and kept for the next search of the same load.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ekm/ops/result.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"

namespace ekm::render {

class StoredRunResults {
 public:
  // Reads the list of runs (none without an ekm_runs table); steps and results on demand.
  explicit StoredRunResults(store::Project& project);

  struct Step {
    const store::RunRecord& run;
    const std::string& stepId;
    const ops::OpResult& result;
  };
  // Calls `found` for the steps, newest run first, until it returns true; false when none did.
  bool findNewest(const std::function<bool(const Step&)>& found);

  std::size_t parsedResults() const { return m_parsed; }  // result JSONs parsed so far

 private:
  struct RunSteps {
    std::vector<store::RunStepRecord> records;
    std::vector<std::optional<ops::OpResult>> results;  // parallel to records; parsed on first use
  };
  store::Project& m_project;
  std::vector<store::RunRecord> m_runs;  // oldest first, as listRuns
  std::vector<std::optional<RunSteps>> m_steps;  // parallel to m_runs; read on first use
  std::size_t m_parsed = 0;
};

}  // namespace ekm::render
