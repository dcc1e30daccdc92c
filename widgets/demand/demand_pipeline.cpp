// The Demand dock's settings on the one project demand pipeline (see demand_pipeline.h).
#include "demand/demand_pipeline.h"

#include "ekm/store/project.h"

namespace ekm::widgets {

namespace {

demand::NetworkMode modeOf(NetworkKind kind) {
  return kind == NetworkKind::Walking ? demand::NetworkMode::Walk : demand::NetworkMode::Drive;
}

demand::ZoneOptions zoneOptions(const DemandSettings& s) {
  demand::ZoneOptions z;
  z.kind = s.zoneSource;
  z.meshLevel = s.meshLevel;
  z.stationRadiusM = s.stationRadiusM;
  z.path = s.polygonsPath;
  z.idField = s.polygonsIdField;
  return z;
}

demand::OdOptions odOptions(const DemandSettings& s) {
  demand::OdOptions o;
  o.source = s.odSource;
  o.period = s.odPeriod;
  o.csvPath = s.odCsvPath;
  o.tripEnds.from = s.from;
  o.tripEnds.to = s.to;
  o.tripEnds.useStays = s.useStays;
  o.tripEnds.useStations = s.useStations;
  o.gravity.deterrence = s.deterrence;
  o.gravity.targetMeanMinutes = s.targetMeanMinutes;
  return o;
}

void takeNetwork(DemandRun& run, demand::ConnectedNetwork connected) {
  run.zones = std::move(connected.network.zones);
  run.streets = std::move(connected.network.streets);
  run.network = std::move(connected.network.zoned);
  run.zoneConnected = std::move(connected.zoneConnected);
  run.droppedZones = std::move(connected.droppedZones);
}

demand::ZonedNetwork zonedNetwork(const DemandRun& run) {
  return {run.streets, run.network, run.zones, demand::defaultAddedLinkSpeedKmh(modeOf(run.settings.network))};
}

}  // namespace

double DemandRun::totalTravelHours() const {
  double t = 0;
  for (std::size_t a = 0; a < assignment.volume.size() && a < assignment.time.size(); ++a)
    t += assignment.volume[a] * assignment.time[a];
  return t / 3600.0;
}

double defaultLinkSpeedKmh(NetworkKind network) { return demand::defaultAddedLinkSpeedKmh(modeOf(network)); }

demand::ProjectDemandOptions demandOptions(const DemandSettings& s) {
  demand::ProjectDemandOptions o;
  o.zones = zoneOptions(s);
  o.network.mode = modeOf(s.network);
  o.network.splitAtCrossings = s.splitAtCrossings;
  if (s.network == NetworkKind::Walking) o.network.barriersPath = s.barriersPath;
  o.connectors.maxDistanceM = s.connectorMaxM;
  o.od = odOptions(s);
  o.assign.assignment = s.assignment;
  o.assign.corridors = s.corridors;
  return o;
}

DemandRun runDemandPipeline(const std::string& projectPath, const DemandSettings& settings, core::Feedback& feedback,
                            const IterationCallback& onIteration) {
  auto options = demandOptions(settings);
  options.assign.assignment.onIteration = onIteration;
  const store::Project project = store::Project::open(projectPath, store::OpenMode::ReadOnly);  // this thread's own
  auto result = demand::runProjectDemand(project, options, feedback);
  DemandRun run;
  run.settings = settings;
  takeNetwork(run, std::move(result.network));
  run.od = std::move(result.od);
  run.droppedTrips = result.intrazonalTrips + result.unconnectedTrips;
  run.odDescription = std::move(result.odDescription);
  run.meanTripMinutes = result.meanTripMinutes;
  run.assignment = std::move(result.assigned.assignment);
  run.corridors = std::move(result.assigned.corridors);
  run.desireLines = std::move(result.assigned.desireLines);
  return run;
}

void connectZones(DemandRun& run, demand::BuiltNetwork streets) {
  demand::ConnectorOptions connectors;
  connectors.maxDistanceM = run.settings.connectorMaxM;
  takeNetwork(run, demand::connectZones(std::move(streets), run.zones, modeOf(run.settings.network), connectors,
                                        core::nullFeedback()));
}

void assignDemand(DemandRun& run, core::Feedback& feedback, const IterationCallback& onIteration) {
  demand::AssignOptions options;
  options.assignment = run.settings.assignment;
  options.assignment.onIteration = onIteration;
  options.corridors = run.settings.corridors;
  auto assigned = demand::assignDemand(zonedNetwork(run), run.od.matrix, options, feedback);
  run.assignment = std::move(assigned.assignment);
  run.corridors = std::move(assigned.corridors);
  run.desireLines = std::move(assigned.desireLines);
}

ScenarioRun runDemandScenario(const DemandRun& base, const ScenarioSettings& settings, core::Feedback& feedback) {
  ScenarioRun out;
  out.settings = settings;
  auto scenario = demand::assignProjectScenario(zonedNetwork(base), base.od.matrix, settings, base.settings.assignment,
                                                "", feedback);
  out.result = std::move(scenario.result);
  out.addedNames = std::move(scenario.addedNames);
  return out;
}

}  // namespace ekm::widgets
