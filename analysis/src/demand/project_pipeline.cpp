// The whole project demand run: phases 1-5 in order (see project_pipeline.h).
#include "ekm/demand/project_pipeline.h"

#include "ekm/core/error.h"
#include "ekm/store/project.h"

namespace ekm::demand {

namespace {

void checkZoneCount(const ZoneSystem& zones, const ZoneOptions& options) {
  const std::size_t n = zones.zones.size();
  if (n >= 2) return;
  std::string found = std::to_string(n);
  if (n == 0 && options.kind == ZoneKind::Mesh) found += " (the project has no mesh cells)";
  if (n == 0 && options.kind == ZoneKind::Stations) found += " (the project has no stations)";
  throw core::ValidationError("at least two zones are needed for OD flows",
                              core::ErrorContext{"", {}, {}, "zones (" + zoneSpec(options) + ")", ">= 2", found});
}

// Phase 4 before assignableOd: the gravity model's OD (with its trip ends) or a loaded one.
NamedOdMatrix runOd(const store::Project& project, const OdOptions& options, const ConnectedNetwork& network,
                    const OdMatrix& minutes, ProjectDemandRun& run, core::Feedback& feedback) {
  const auto& zones = network.network.zones;
  if (options.source != OdSource::Gravity) {
    auto loaded = loadOd(project, options, zones);
    run.odDescription = std::move(loaded.description);
    return std::move(loaded.od);
  }
  run.tripEnds = projectTripEnds(project, zones, options.tripEnds, feedback);
  feedback.throwIfCancelled();
  auto gravity = gravityOd(minutes, zones, run.tripEnds, network.zoneConnected, options.gravity, feedback);
  run.odDescription = std::move(gravity.description);
  return std::move(gravity.od);
}

}  // namespace

ProjectDemandRun runProjectDemand(const store::Project& project, const ProjectDemandOptions& options,
                                  core::Feedback& feedback) {
  if (options.od.source == OdSource::Gravity && !options.od.tripEnds.useStays && !options.od.tripEnds.useStations)
    throw core::ValidationError("choose at least one trip-end source (stays or stations)");
  ProjectDemandRun run;
  core::MultiStepFeedback steps(feedback, 5);

  steps.setCurrentStep(0);
  const auto zones = projectZones(project, options.zones);
  checkZoneCount(zones, options.zones);
  run.network = projectNetwork(project, zones, options.network, options.connectors, steps);
  steps.throwIfCancelled();

  steps.setCurrentStep(1);
  const OdMatrix minutes = freeFlowMinutes(run.network.network.zoned.network, options.assign.assignment.weights, steps);
  steps.throwIfCancelled();

  steps.setCurrentStep(2);
  const NamedOdMatrix od = runOd(project, options.od, run.network, minutes, run, steps);
  auto assignable = assignableOd(od.matrix, run.network, steps);
  run.intrazonalTrips = assignable.intrazonalTrips;
  run.unconnectedTrips = assignable.unconnectedTrips;
  run.od = {od.zoneIds, std::move(assignable.matrix)};
  run.meanTripMinutes = meanTripCost(run.od.matrix, minutes);
  steps.throwIfCancelled();

  steps.setCurrentStep(3);
  run.assigned = assignDemand(run.network.network, run.od.matrix, options.assign, steps);
  steps.setCurrentStep(4);
  steps.setStepProgress(100);
  return run;
}

}  // namespace ekm::demand
