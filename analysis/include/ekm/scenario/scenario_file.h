#pragma once
// A scenario file: a named, reproducible sequence of operations on one project.
//
//   {
//     "scenario": "deck-am",                     name of the runs it makes
//     "description": "East-west deck, morning",  optional
//     "project": "../takanawa/sample.gpkg",      relative to the scenario file
//     "base_period": {"from": "2025-03-27", "to": "2025-04-23"},   optional
//     "edits": {"close": [...], "add": [...], "change": [...], "scale_demand": 1.2},  optional
//     "defaults": {"gap": 1e-4},                 optional: params for every step that has them
//     "steps": [ {"id": "assign-am", "op": "assign", "params": {...}}, ... ]
//   }
//
// base_period fills `from`/`to`, edits fills `edits`, defaults fill any field, in every
// step whose operation has such a field and which does not set it itself. Paths in params
// (input and output files) are relative to the scenario file; "project:NAME" is NAME in the
// folder of the project the run is on (ops::resolveParamPath), e.g. the files a sample writes
// beside its sample.gpkg. The JSON schema of the
// file is generated from the operation registry (scenarioSchema).
#include <string>
#include <vector>

#include "ekm/ops/registry.h"

namespace ekm::scenario {

struct ScenarioStep {
  std::string id;
  std::string op;
  ops::Json params = ops::Json::object();  // as written
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;      // the scenario file ("" when built in memory)
  std::string baseDir;   // relative paths resolve against it
  std::string sha256;    // of the file's bytes
  std::string project;   // resolved path
  ops::Json basePeriod;  // null or {"from", "to"}
  ops::Json edits;       // null or the edits object
  ops::Json defaults = ops::Json::object();
  std::vector<ScenarioStep> steps;
  ops::Json source;      // the whole document as read
};

// Reads and checks the structure (not yet the params: see checkScenario). Throws
// core::Error naming the file and the JSON path of the problem.
Scenario loadScenario(const std::string& path);
Scenario scenarioFromJson(const ops::Json& doc, const std::string& file, const std::string& baseDir);

// The JSON schema of scenario files, with each operation's params schema.
ops::Json scenarioSchema(const ops::Registry& registry);

}  // namespace ekm::scenario
