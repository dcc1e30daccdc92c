#pragma once
// Operation `scenario-tntp`: edits of a TNTP network and demand (close, add or change
// links given by TNTP node numbers, scale demand), assigned against the base; per-link
// differences, OD time differences and the scenario's main corridors. The project
// variant is `scenario` (scenario_op.h).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ekm/demand/corridors.h"
#include "ekm/demand/ops/demand_params.h"
#include "ekm/demand/scenario.h"

namespace ekm::demand {

struct ScenarioTntpParams {
  std::string tntp_net;
  std::string tntp_trips;
  std::vector<std::string> close;
  std::vector<std::string> add;
  std::vector<std::string> change;
  double scale_demand = 1.0;
  std::vector<std::string> scale_zones;
  AssignmentParams assignment;
  std::string out;
  std::string skims_out;
  std::string corridors;
  std::string tntp_node;
  std::optional<double> corridor_share;

  template <class V>
  void fields(V& v) {
    v("tntp_net", tntp_net, {.help = "TNTP network file", .required = true, .role = ops::Role::InputFile});
    v("tntp_trips", tntp_trips, {.help = "TNTP trips file", .required = true, .role = ops::Role::InputFile});
    v("close", close, {.help = "links to close, I-J by TNTP node numbers (every parallel link)"});
    v("add", add, {.help = "links to add, I-J:FFT:CAP (free-flow time, capacity; BPR b 0.15, power 4)"});
    v("change", change, {.help = "links to change, I-J:cap=C:fft=T"});
    v("scale_demand", scale_demand, {.help = "demand factor (1.2 = +20%)", .min = 0, .max = 1e6});
    v("scale_zones", scale_zones, {.help = "only trips to these zones are scaled (TNTP zone numbers)"});
    assignment.fields(v);
    v("out", out, {.help = "per-link differences CSV", .role = ops::Role::OutputFile});
    v("skims_out", skims_out, {.help = "OD travel-time differences CSV", .role = ops::Role::OutputFile});
    v("corridors", corridors, {.help = "the scenario's main corridors as GeoJSON (needs tntp_node)",
                               .role = ops::Role::OutputFile});
    v("tntp_node", tntp_node, {.help = "TNTP node file (node positions for corridors)", .role = ops::Role::InputFile});
    v("corridor_share", corridor_share, {.help = "corridor threshold as a share of the largest link volume",
                                         .min = 0, .max = 1});
  }
  void validate() const;
  // The edits as a Scenario (0-based nodes); Error(Usage) naming the field when malformed.
  Scenario scenario() const;
};

struct ScenarioTntpOutcome {
  std::string netPath;
  Network network;  // the base
  OdMatrix demand;
  Scenario scenario;
  AssignmentOptions options;
  ScenarioResult result;
  double meanOdTimeChange = 0;  // demand-weighted
  std::vector<Corridor> corridors;
  std::vector<std::string> outputs;
  std::vector<std::string> warnings;
};

struct ScenarioTntpHooks {
  std::function<void(const ScenarioTntpOutcome&)> ready;  // before the two assignments
};

struct ScenarioTntpOp {
  static constexpr const char* name = "scenario-tntp";
  static constexpr const char* summary = "TNTP network/demand edits: re-assign and compare with the base";
  static constexpr bool writesProject = false;
  using Params = ScenarioTntpParams;
  using Result = ScenarioTntpOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback,
                    const ScenarioTntpHooks& hooks);
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback) {
    return run(session, params, feedback, {});
  }
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
