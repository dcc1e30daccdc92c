#pragma once
// Runs scenarios offline and deterministically, and keeps their results in the project
// under a run id with provenance (input files' SHA-256, the project tables read with
// their row counts and the import log's content hashes, every step's params, program
// version and commit, start, end, duration, warnings).
//
// Before any work, every step is checked: the operation exists and does not write the
// project (a run never changes the data it reads), params are valid (the field named),
// input files exist, the project opens. Results are written in one transaction after
// the last step: a failed, cancelled or killed run leaves the project as it was.
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/ops/registry.h"
#include "ekm/scenario/scenario_file.h"

namespace ekm::scenario {

struct CheckedStep {
  std::string id;
  const ops::Operation* op = nullptr;
  ops::Json params;  // normalised, paths resolved
};

// What a step inherits from its scenario, for the fields its operation has: `defaults` by
// name, `base_period`'s from and to, and `edits`. From a parsed scenario, or from a scenario
// document as it is being edited (missing or malformed parts inherit nothing).
ops::Json inheritedParams(const Scenario& scenario, const std::vector<ops::FieldInfo>& fields);
ops::Json inheritedParams(const ops::Json& document, const std::vector<ops::FieldInfo>& fields);
// The step's params with what it inherits filled in where it does not set them (what the
// runner validates and runs).
ops::Json mergedParams(const Scenario& scenario, const ScenarioStep& step, const std::vector<ops::FieldInfo>& fields);

// Validates the whole scenario before any work; throws the first problem.
std::vector<CheckedStep> checkScenario(const Scenario& scenario, const ops::Registry& registry);

struct StepOutcome {
  std::string id;
  std::string op;
  ops::Json params;
  ops::OpResult result;
  double durationS = 0;
};

struct RunOutcome {
  std::int64_t runId = 0;  // 0 when not stored
  std::vector<StepOutcome> steps;
  std::vector<std::string> warnings;
  ops::Json provenance;
  double durationS = 0;
};

struct RunOptions {
  bool store = true;  // keep the results in the project
  // Content SHA-256 of the tables read in the provenance. Off only to measure what hashing
  // costs (ekimachi-cli bench provenance): the tables are then listed with rows only.
  bool hashTables = true;
};

RunOutcome runScenario(const Scenario& scenario, const ops::Registry& registry, core::Feedback& feedback,
                       const RunOptions& options = {});

}  // namespace ekm::scenario
