#include "demand/demand_pipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "ekm/core/error.h"
#include "ekm/demand/gravity.h"
#include "ekm/demand/trip_ends.h"
#include "ekm/demand/walking_network.h"
#include "ekm/store/project.h"

namespace ekm::widgets {

namespace {

using core::ErrorContext;

demand::ZoneSystem buildZones(const store::Project& project, const DemandSettings& s) {
  std::vector<std::string> cells;
  for (const auto& c : project.meshCells()) cells.push_back(c.meshCode);
  switch (s.zoneSource) {
    case ZoneSource::Mesh:
      if (cells.empty()) throw core::ValidationError("the project has no mesh cells to aggregate into zones");
      return demand::zonesFromMesh(cells, s.meshLevel);
    case ZoneSource::Stations: {
      std::vector<demand::StationPoint> stations;
      for (const auto& st : project.stations()) stations.push_back({st.stationId, st.position.lon, st.position.lat});
      if (stations.empty()) throw core::ValidationError("the project has no stations for catchment zones");
      if (!(s.stationRadiusM > 0))
        throw core::ValidationError("bad catchment radius", ErrorContext{"", {}, {}, "radius", "> 0 m",
                                                                          std::to_string(s.stationRadiusM)});
      return demand::zonesFromStations(stations, cells, s.stationRadiusM);
    }
    case ZoneSource::Polygons:
      if (s.polygonsPath.empty()) throw core::ValidationError("choose a polygons file for the zones");
      if (s.polygonsIdField.empty())
        throw core::ValidationError("the zone id field is empty", ErrorContext{s.polygonsPath, {}, {}, "id field",
                                                                               "a field of the polygons", ""});
      return demand::zonesFromPolygons(s.polygonsPath, s.polygonsIdField, cells);
  }
  return {};
}

demand::BuiltNetwork buildBaseNetwork(const store::Project& project, const DemandSettings& s, core::Feedback& fb) {
  const auto segments = demand::segmentsFromProject(project);
  if (segments.empty()) throw core::ValidationError("the project has no road segments to build a network from");
  demand::BuildOptions o;
  o.mode = s.network == NetworkKind::Walking ? demand::NetworkMode::Walk : demand::NetworkMode::Drive;
  o.splitAtCrossings = s.splitAtCrossings;
  if (s.network == NetworkKind::Walking) {
    std::vector<demand::BarrierLine> barriers;
    if (!s.barriersPath.empty()) barriers = demand::readBarriers(s.barriersPath);
    return demand::buildWalkingNetwork(segments, barriers, o, {}, fb).built;
  }
  return demand::buildNetwork(segments, o, fb);
}

// Nodes of the largest strongly connected component: connectors attach there only, so every
// pair of connected zones can reach each other.
std::vector<demand::NodePoint> mainComponentNodes(const demand::BuiltNetwork& built) {
  const auto comp = demand::strongComponents(built.network);
  std::map<int, int> sizes;
  for (int c : comp) ++sizes[c];
  int largest = -1, size = 0;
  for (const auto& [c, n] : sizes)
    if (n > size) largest = c, size = n;
  std::vector<demand::NodePoint> out;
  for (const auto& p : demand::nodePoints(built))
    if (comp[static_cast<std::size_t>(p.node)] == largest) out.push_back(p);
  return out;
}

}  // namespace

double DemandRun::totalTravelHours() const {
  double t = 0;
  for (std::size_t a = 0; a < assignment.volume.size() && a < assignment.time.size(); ++a)
    t += assignment.volume[a] * assignment.time[a];
  return t / 3600.0;
}

double defaultLinkSpeedKmh(NetworkKind network) { return network == NetworkKind::Walking ? 4.8 : 30.0; }

void connectZones(DemandRun& run, demand::BuiltNetwork streets) {
  const auto& settings = run.settings;
  const int zoneCount = static_cast<int>(run.zones.zones.size());
  const auto connectors = demand::connectCentroids(run.zones, mainComponentNodes(streets), 1, settings.connectorMaxM);
  run.zoneConnected.assign(static_cast<std::size_t>(zoneCount), false);
  for (const auto& c : connectors) run.zoneConnected[static_cast<std::size_t>(c.zone)] = true;
  if (std::count(run.zoneConnected.begin(), run.zoneConnected.end(), true) < 2)
    throw core::ValidationError("fewer than two zones are within reach of the network",
                                ErrorContext{"", {}, {}, "connector distance", "zones within reach of streets",
                                             std::to_string(settings.connectorMaxM) + " m"});
  const double connectorKmh = settings.network == NetworkKind::Walking ? 4.8 : 20.0;
  run.network = demand::withZones(streets, run.zones, connectors, connectorKmh);
  run.streets = std::move(streets);
}

void assignDemand(DemandRun& run, core::Feedback& feedback, const IterationCallback& onIteration) {
  auto options = run.settings.assignment;
  options.onIteration = onIteration;
  run.assignment = demand::assign(run.network.network, run.od.matrix, options, feedback);
  feedback.throwIfCancelled();
  // Corridors are street paths: centroid connectors (all of a zone's trips) take no part.
  std::vector<double> streetVolume = run.assignment.volume;
  for (std::size_t a = 0; a < streetVolume.size(); ++a)
    if (run.network.linkSegment[a] < 0) streetVolume[a] = 0;
  run.corridors = demand::extractCorridors(run.network.network, streetVolume, run.settings.corridors);
  std::vector<demand::GeoPoint> centroids;
  for (const auto& z : run.zones.zones) centroids.push_back({z.lon, z.lat, 0});
  run.desireLines = demand::desireLines(run.od.matrix, centroids, 0, true);
}

DemandRun runDemandPipeline(const std::string& projectPath, const DemandSettings& settings, core::Feedback& feedback,
                            const IterationCallback& onIteration) {
  DemandRun run;
  run.settings = settings;
  const store::Project project = store::Project::open(projectPath, store::OpenMode::ReadOnly);  // this thread's own
  core::MultiStepFeedback steps(feedback, 5);

  steps.setCurrentStep(0);
  run.zones = buildZones(project, settings);
  const int zoneCount = static_cast<int>(run.zones.zones.size());
  if (zoneCount < 2) throw core::ValidationError("at least two zones are needed for OD flows",
                                                 ErrorContext{"", {}, {}, "zones", ">= 2", std::to_string(zoneCount)});
  connectZones(run, buildBaseNetwork(project, settings, steps));
  steps.throwIfCancelled();
  const demand::Network& net = run.network.network;

  steps.setCurrentStep(1);
  // Free-flow travel times (minutes) between zones; intrazonal trips are not modelled.
  auto skims = demand::computeSkims(net, std::vector<double>(static_cast<std::size_t>(net.linkCount()), 0.0),
                                    settings.assignment.weights, steps);
  demand::OdMatrix minutes(zoneCount);
  for (int i = 0; i < zoneCount; ++i)
    for (int j = 0; j < zoneCount; ++j)
      minutes(i, j) = i == j ? std::numeric_limits<double>::infinity() : skims.time(i, j) / 60.0;
  steps.throwIfCancelled();

  steps.setCurrentStep(2);
  demand::OdMatrix od(zoneCount);
  if (settings.odSource == OdSource::Gravity) {
    if (settings.to < settings.from)
      throw core::ValidationError("the period ends before it starts",
                                  ErrorContext{"", {}, {}, "to", ">= from", core::formatHourKeyJst(settings.to)});
    demand::TripEndSources src;
    src.stays = settings.useStays;
    src.stations = settings.useStations;
    if (!src.stays && !src.stations) throw core::ValidationError("choose at least one trip-end source");
    auto ends = demand::tripEndsFromProject(project, run.zones, settings.from, settings.to, src, steps);
    for (int z = 0; z < zoneCount; ++z)
      if (!run.zoneConnected[static_cast<std::size_t>(z)]) ends.productions[z] = ends.attractions[z] = 0;
    if (!(ends.totalProductions() > 0))
      throw core::ValidationError("no trips are produced in the chosen hours",
                                  ErrorContext{"", {}, {}, "period", "hours with stay changes or ridership",
                                               core::formatHourKeyJst(settings.from) + " – " +
                                                   core::formatHourKeyJst(settings.to)});
    ends.balanceAttractionsToProductions();
    demand::FurnessOptions fo;
    fo.tolerance = 1e-6;
    char text[160];
    if (settings.targetMeanMinutes) {
      auto initial = settings.deterrence;
      initial.setDecayParameter(0);
      const auto c = demand::calibrateToMeanCost(minutes, ends.productions, ends.attractions, *settings.targetMeanMinutes,
                                                 initial, fo, steps);
      od = c.result.trips;
      std::snprintf(text, sizeof text, "gravity %s (Hyman, target %.2f min)", c.deterrence.describe().c_str(),
                    *settings.targetMeanMinutes);
    } else {
      od = demand::gravity(minutes, ends.productions, ends.attractions, settings.deterrence, fo, steps).trips;
      std::snprintf(text, sizeof text, "gravity %s", settings.deterrence.describe().c_str());
    }
    run.odDescription = text;
  } else {
    demand::NamedOdMatrix loaded;
    std::string source;
    if (settings.odSource == OdSource::ProjectTable) {
      loaded = demand::loadOdMatrix(project, settings.odPeriod);
      source = projectPath + " od_matrices period " + settings.odPeriod;
    } else {
      loaded = demand::readOdCsv(settings.odCsvPath);
      source = settings.odCsvPath;
    }
    od = demand::alignOd(loaded, run.zones, source);
    run.odDescription = source;
  }
  // Intrazonal trips and trips of zones without a connector are not assigned.
  for (int i = 0; i < zoneCount; ++i)
    for (int j = 0; j < zoneCount; ++j)
      if (i == j || !run.zoneConnected[static_cast<std::size_t>(i)] || !run.zoneConnected[static_cast<std::size_t>(j)]) {
        run.droppedTrips += od(i, j);
        od(i, j) = 0;
      }
  if (!(od.total() > 0)) throw core::ValidationError("the OD matrix has no trips between connected zones");
  run.od = {run.zones.ids(), od};
  run.meanTripMinutes = demand::meanTripCost(od, minutes);
  steps.throwIfCancelled();

  steps.setCurrentStep(3);
  assignDemand(run, steps, onIteration);
  steps.setCurrentStep(4);
  steps.setStepProgress(100);
  return run;
}

ScenarioRun runDemandScenario(const DemandRun& base, const ScenarioSettings& settings, core::Feedback& feedback) {
  ScenarioRun out;
  out.settings = settings;
  const demand::ZonedNetwork zoned{base.streets, base.network, base.zones, defaultLinkSpeedKmh(base.settings.network)};
  const auto scenario = demand::resolveEdits(settings, zoned, &out.addedNames);
  out.result = demand::runScenario(base.network.network, base.od.matrix, scenario, base.settings.assignment, feedback);
  return out;
}

}  // namespace ekm::widgets
