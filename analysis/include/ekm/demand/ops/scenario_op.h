#pragma once
// Operation `scenario`: network and demand edits on the project's street network (close
// segments, add links such as a pedestrian deck, change capacity or speed, scale demand),
// assigned against the base with the same options; per-segment link flow differences and
// zone-to-zone travel-time differences. `edits` is the edits object (a scenario file's
// top-level "edits" fills it), `edits_file` a JSON file holding it. The TNTP variant is
// `scenario-tntp` (scenario_tntp_op.h).
#include <functional>
#include <string>
#include <vector>

#include "ekm/demand/ops/project_demand.h"
#include "ekm/demand/ops/result_tables.h"

namespace ekm::demand {

struct ScenarioParams : ProjectAssignmentParams {
  std::string out;

  template <class V>
  void fields(V& v) {
    projectAssignmentFields(v);
    v("out", out, {.help = "folder for link_differences.csv/.geojson and od_differences.csv",
                   .role = ops::Role::OutputDir});
  }
  void validate() const;
};

struct ScenarioOutcome {
  ProjectDemand project;
  std::string editsSource;        // the edits file, or "edits" when given inline
  ProjectScenario run;            // edits resolved, base and scenario assigned
  std::vector<std::string> linkIds;  // per run.result.links: segment id, or "added:NAME"
  int odFaster = 0, odSlower = 0;    // OD pairs whose time fell / rose
  double meanOdTimeChange = 0;       // demand-weighted, seconds
  std::string outDir;                // written when not empty
  std::vector<std::string> outputs;
  std::vector<std::string> warnings;
};

struct ScenarioHooks {
  StreetsReady streets;  // the street network with zones is built
  // Network and demand are ready; called before the two assignments.
  std::function<void(const ScenarioOutcome&)> ready;
};

struct ScenarioOp {
  static constexpr const char* name = "scenario";
  static constexpr const char* summary =
      "project network edits (close/add/change links, scale demand): assign against the base and compare";
  static constexpr bool writesProject = false;
  using Params = ScenarioParams;
  using Result = ScenarioOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback,
                    const ScenarioHooks& hooks);
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback) {
    return run(session, params, feedback, {});
  }
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
