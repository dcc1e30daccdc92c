#pragma once
// The Demand dock's analysis run on a project: a thin adapter from the dock's settings to
// the one project demand pipeline of the analysis library (ekm/demand/project_pipeline.h,
// which `ekimachi-cli assign/scenario run/od ... --project` run too), so the GUI and the
// CLI give the same zones, network, OD and flows for the same parameters. Qt-free
// (callable from a worker thread or a test). Zones without a connector are left out with a
// warning (the pipeline's policy); cancel raises core::CancelledError.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/demand/project_pipeline.h"

namespace ekm::widgets {

// The pipeline's own kinds (the dock offers mesh, station and polygon zones).
using ZoneSource = demand::ZoneKind;
using OdSource = demand::OdSource;
enum class NetworkKind { Walking, Road };

struct DemandSettings {
  // Zones
  ZoneSource zoneSource = ZoneSource::Mesh;
  mesh::MeshLevel meshLevel = demand::ZoneOptions{}.meshLevel;  // ~500 m
  double stationRadiusM = demand::ZoneOptions{}.stationRadiusM;
  std::string polygonsPath;
  std::string polygonsIdField;
  // Network
  NetworkKind network = NetworkKind::Walking;
  // The dock's default (the library's is off): the sample's local streets cross main roads
  // without vertices; `--split-crossings` is the CLI's switch for the same.
  bool splitAtCrossings = true;
  std::string barriersPath;       // walking: rail lines (barrier=1), "" = none
  double connectorMaxM = demand::kMaxConnectorM;  // centroid connectors reach at most this far
  // OD
  OdSource odSource = OdSource::Gravity;
  core::HourKey from = 0;  // trip ends over hours from..to (stay changes between consecutive hours)
  core::HourKey to = 0;
  bool useStays = true;
  bool useStations = true;
  demand::Deterrence deterrence = demand::GravityOptions{}.deterrence;  // cost in minutes
  std::optional<double> targetMeanMinutes;  // Hyman calibration of the decay parameter
  std::string odPeriod;                     // OdSource::ProjectTable
  std::string odCsvPath;                    // OdSource::Csv
  // Assignment
  demand::AssignmentOptions assignment;
  demand::CorridorOptions corridors;
};

struct DemandRun {
  DemandSettings settings;
  demand::ZoneSystem zones;
  demand::BuiltNetwork streets;      // the street network before zones were added
  demand::BuiltNetwork network;      // with zones: node z < zoneCount is zone z's centroid
  std::vector<bool> zoneConnected;   // zone has a connector to the main network component
  std::vector<std::string> droppedZones;  // ids of the zones without one (left out, no trips)
  demand::NamedOdMatrix od;          // zone ids = zones.ids()
  double droppedTrips = 0;           // intrazonal trips and trips of dropped zones (not assigned)
  std::string odDescription;         // e.g. "gravity exp(-0.12 c), mean 8.3 min"
  double meanTripMinutes = 0;        // along free-flow shortest paths
  demand::AssignmentResult assignment;
  std::vector<demand::Corridor> corridors;
  std::vector<demand::DesireLine> desireLines;
  // Total travel time in hours (sum volume x time, seconds -> hours).
  double totalTravelHours() const;
};

using IterationCallback = std::function<void(const demand::IterationRecord&)>;

// The pipeline's options for `settings` (the dock's defaults are the library's, except
// splitAtCrossings).
demand::ProjectDemandOptions demandOptions(const DemandSettings& settings);

// demand::runProjectDemand on the calling thread with its own read-only store connection;
// onIteration (if given) gets every assignment iteration's record as it is made, on this
// thread. Throws core::Error (bad settings, data that cannot be modelled) or
// core::CancelledError.
DemandRun runDemandPipeline(const std::string& projectPath, const DemandSettings& settings, core::Feedback& feedback,
                            const IterationCallback& onIteration = {});

// The two ends of the pipeline, for a run on a network built elsewhere (tests build sketches):
// connectZones is demand::connectZones of run.zones on `streets` (run.settings.network and
// connectorMaxM) into run.streets, run.network, run.zoneConnected and run.droppedZones;
// assignDemand is demand::assignDemand of run.od on run.network with run.settings.assignment
// and corridors.
void connectZones(DemandRun& run, demand::BuiltNetwork streets);
void assignDemand(DemandRun& run, core::Feedback& feedback, const IterationCallback& onIteration = {});

// The dock's scenario edits are the CLI's (segment ids and coordinates); `source` names them
// in error messages.
using ScenarioSettings = demand::ScenarioEdits;

struct ScenarioRun {
  ScenarioSettings settings;
  demand::ScenarioResult result;
  std::vector<std::string> addedNames;  // one per added link (result.links with baseLink < 0, in order)
};

// The default free-flow speed of an added link without one (demand::defaultAddedLinkSpeedKmh).
double defaultLinkSpeedKmh(NetworkKind network);

// demand::assignProjectScenario against `base`'s network and OD as assigned, with the same
// options. ValidationError for an unknown segment or a closure that cuts off demand.
ScenarioRun runDemandScenario(const DemandRun& base, const ScenarioSettings& settings, core::Feedback& feedback);

}  // namespace ekm::widgets
