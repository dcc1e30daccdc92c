// The Demand dock's runs on the assign and scenario operations (see demand_pipeline.h).
#include "demand/demand_pipeline.h"

#include "ekm/ops/operation.h"

namespace ekm::widgets {

double DemandRun::totalTravelHours() const {
  const auto& a = assignment();
  double t = 0;
  for (std::size_t l = 0; l < a.volume.size() && l < a.time.size(); ++l) t += a.volume[l] * a.time[l];
  return t / 3600.0;
}

DemandRun runDemand(const std::string& projectPath, const demand::AssignParams& params, core::Feedback& feedback,
                    const IterationCallback& onIteration) {
  ops::checkParams(params);  // the checks ops::run<Op> applies (this calls AssignOp::run with hooks)
  ops::Session session(projectPath);  // this thread's own connection
  demand::AssignHooks hooks;
  hooks.iteration = onIteration;
  return {params, demand::AssignOp::run(session, params, feedback, hooks)};
}

demand::ScenarioParams scenarioParams(const demand::AssignParams& base, const demand::ScenarioEdits& edits) {
  demand::ScenarioParams p;
  static_cast<demand::ProjectAssignmentParams&>(p) = base;
  p.edits = {};
  p.edits.edits = demand::networkEdits(edits);
  return p;
}

ScenarioRun runDemandScenario(const std::string& projectPath, const demand::AssignParams& base,
                              const demand::ScenarioEdits& edits, core::Feedback& feedback) {
  ops::Session session(projectPath);
  return {edits, ops::run<demand::ScenarioOp>(session, scenarioParams(base, edits), feedback)};
}

}  // namespace ekm::widgets
