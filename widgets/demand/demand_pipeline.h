#pragma once
// The Demand dock's two runs, on the operations `ekimachi-cli assign --project`,
// `ekimachi-cli scenario run --project`, `ops run` and scenario files run too: the model is
// the `assign` operation (ekm/demand/ops/assign_op.h) of the Params the dock's fields fill,
// the scenario panel the `scenario` operation (ops/scenario_op.h) of the same Params and
// the panel's edits. So the GUI and the CLI give the same zones, network, OD and flows for
// the same Params. Qt-free (called on a TaskManager worker or in a test); each run opens its
// own ops::Session (the calling thread's connection to the project). Zones without a
// connector are left out with a warning (the pipeline's policy); cancel raises
// core::CancelledError.
#include <functional>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/demand/ops/assign_op.h"
#include "ekm/demand/ops/scenario_op.h"

namespace ekm::widgets {

// A model run: the Params it ran and the operation's outcome.
struct DemandRun {
  demand::AssignParams params;
  demand::AssignOutcome outcome;

  const demand::ConnectedNetwork& connected() const { return outcome.project.network; }
  const demand::ZoneSystem& zones() const { return connected().network.zones; }
  const demand::BuiltNetwork& streets() const { return connected().network.streets; }  // without zones
  const demand::BuiltNetwork& network() const { return connected().network.zoned; }   // zone z = node z
  const demand::NamedOdMatrix& od() const { return outcome.project.od; }              // as assigned
  const demand::AssignmentResult& assignment() const { return outcome.result; }
  // Intrazonal trips and trips of zones left out (not assigned).
  double droppedTrips() const { return outcome.project.intrazonalTrips + outcome.project.unconnectedTrips; }
  // Total travel time in hours (sum volume x time, seconds -> hours).
  double totalTravelHours() const;
};

using IterationCallback = std::function<void(const demand::IterationRecord&)>;

// The assign operation on `projectPath`, its Params checked first as ops::run checks them;
// onIteration (if given) gets every assignment iteration's record as it is made, on this
// thread. Throws core::Error (bad Params, data that cannot be modelled) or
// core::CancelledError.
DemandRun runDemand(const std::string& projectPath, const demand::AssignParams& params, core::Feedback& feedback,
                    const IterationCallback& onIteration = {});

// A scenario run: its edits and the scenario operation's outcome (base and scenario assigned).
struct ScenarioRun {
  demand::ScenarioEdits edits;
  demand::ScenarioOutcome outcome;
  const demand::ScenarioResult& result() const { return outcome.run.result; }
  const std::vector<std::string>& addedNames() const { return outcome.run.addedNames; }  // per added link
};

// The Params of the scenario operation: `base`'s network, demand and assignment with `edits`.
demand::ScenarioParams scenarioParams(const demand::AssignParams& base, const demand::ScenarioEdits& edits);

// The scenario operation of scenarioParams(base, edits) on `projectPath`. ValidationError
// for an unknown segment or a closure that cuts off demand; Error(Usage) without edits.
ScenarioRun runDemandScenario(const std::string& projectPath, const demand::AssignParams& base,
                              const demand::ScenarioEdits& edits, core::Feedback& feedback);

}  // namespace ekm::widgets
