// The network and demand of the project demand operations (see project_demand.h).
#include "ekm/demand/ops/project_demand.h"

#include <cstdio>
#include <filesystem>

#include "ekm/store/project.h"

namespace ekm::demand {

namespace {

std::string joined(const std::vector<std::string>& ids, std::size_t limit = 20) {
  std::string s;
  for (std::size_t i = 0; i < ids.size() && i < limit; ++i) s += (i ? ", " : "") + ids[i];
  if (ids.size() > limit) s += ", ...";
  return s;
}

}  // namespace

ProjectStreets projectStreets(ops::Session& session, const ProjectNetworkParams& params, core::Feedback& feedback) {
  ProjectStreets out;
  out.projectPath = session.projectPath();
  out.options = projectDemandOptions(session, params);
  const store::Project& project = session.project();
  session.recordTableRead("road_segments");
  session.recordTableRead(out.options.zones.kind == ZoneKind::Stations ? "stations" : "mesh_cells");
  const auto zones = projectZones(project, out.options.zones);
  out.network = projectNetwork(project, zones, out.options.network, out.options.connectors, feedback);
  if (!out.network.droppedZones.empty())
    out.warnings.push_back(std::to_string(out.network.droppedZones.size()) +
                           " zones left out (no street of the main network in reach): " +
                           joined(out.network.droppedZones));
  return out;
}

ProjectGravity projectGravity(ops::Session& session, const ProjectStreets& streets, const TripEndParams& hours,
                              const DeterrenceParams& deterrence, const FurnessOptions& furness,
                              core::Feedback& feedback) {
  const auto ends = hours.options("the gravity model");
  if (ends.useStays) session.recordTableRead("mesh_population");
  if (ends.useStations) session.recordTableRead("station_ridership");
  ProjectGravity out;
  const auto& zones = streets.network.network.zones;
  out.minutes = freeFlowMinutes(streets.network.network.zoned.network, CostWeights{}, feedback);
  out.tripEnds = projectTripEnds(session.project(), zones, ends, feedback);
  feedback.throwIfCancelled();
  GravityOptions g;
  g.deterrence = deterrence.function();
  g.targetMeanMinutes = deterrence.mean_cost;
  g.furnessTolerance = furness.tolerance;
  g.furnessMaxIterations = furness.maxIterations;
  out.gravity = gravityOd(out.minutes, zones, out.tripEnds, streets.network.zoneConnected, g, feedback);
  return out;
}

ProjectDemand projectDemand(ops::Session& session, const ProjectNetworkParams& network, const OdSourceParams& source,
                            core::Feedback& feedback, const StreetsReady& streetsReady) {
  // The OD is looked up before the network is built, so a bad --od fails at once.
  OdOptions o;
  if (source.od.empty()) {
    source.hours.options("the gravity model");
  } else if (std::error_code ec;
             source.od.rfind("period:", 0) != 0 && std::filesystem::exists(session.resolve(source.od), ec)) {
    o.source = OdSource::Csv;
    o.csvPath = inputPath(session, source.od);
  } else {
    setOdFromSpec(o, session.project(), source.od);
    session.recordTableRead("od_matrices");
  }
  core::MultiStepFeedback steps(feedback, 2);
  ProjectDemand out;
  static_cast<ProjectStreets&>(out) = projectStreets(session, network, steps);
  steps.throwIfCancelled();
  if (streetsReady) streetsReady(out);
  steps.setCurrentStep(1);
  const auto& zones = out.network.network.zones;
  NamedOdMatrix od;
  if (source.od.empty()) {
    auto g = projectGravity(session, out, source.hours, source.gravity, FurnessOptions{}, steps);
    od = std::move(g.gravity.od);
    out.odDescription = std::move(g.gravity.description);
  } else {
    auto loaded = loadOd(session.project(), o, zones);
    od = std::move(loaded.od);
    out.odDescription = std::move(loaded.description);
  }
  auto assignable = assignableOd(od.matrix, out.network, steps);
  out.intrazonalTrips = assignable.intrazonalTrips;
  out.unconnectedTrips = assignable.unconnectedTrips;
  if (assignable.unconnectedTrips > 0) {
    char text[160];
    std::snprintf(text, sizeof text, "%.3f trips from or to the %zu zones left out are not assigned",
                  assignable.unconnectedTrips, out.network.droppedZones.size());
    out.warnings.push_back(text);
  }
  out.od = {zones.ids(), std::move(assignable.matrix)};
  return out;
}

}  // namespace ekm::demand
