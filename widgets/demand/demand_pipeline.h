#pragma once
// The Demand dock's analysis run on a project, end to end and Qt-free (callable from a worker
// thread or a test): zones -> network (walking or road, from the project's road segments)
// with centroid connectors -> OD (gravity model from trip ends of chosen hours, or an OD
// matrix from the project table or a CSV) -> user-equilibrium assignment -> corridors and
// desire lines; and a scenario (closed, changed and added links, scaled demand) re-assigned
// against it through the same edits code as `ekimachi-cli scenario run --project`
// (ekm/demand/project_scenario.h). Each step reports through one MultiStepFeedback; cancel
// raises core::CancelledError.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/corridors.h"
#include "ekm/demand/deterrence.h"
#include "ekm/demand/network_builder.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/project_scenario.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/zones.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::widgets {

enum class ZoneSource { Mesh, Stations, Polygons };
enum class OdSource { Gravity, ProjectTable, Csv };
enum class NetworkKind { Walking, Road };

struct DemandSettings {
  // Zones
  ZoneSource zoneSource = ZoneSource::Mesh;
  mesh::MeshLevel meshLevel = mesh::MeshLevel::Half;  // ~500 m
  double stationRadiusM = 800;
  std::string polygonsPath;
  std::string polygonsIdField;
  // Network
  NetworkKind network = NetworkKind::Walking;
  bool splitAtCrossings = true;   // the sample's local streets cross main roads without vertices
  std::string barriersPath;       // walking: rail lines (barrier=1), "" = none
  double connectorMaxM = 800;     // centroid connectors reach at most this far
  // OD
  OdSource odSource = OdSource::Gravity;
  core::HourKey from = 0;  // trip ends over hours from..to (stay changes between consecutive hours)
  core::HourKey to = 0;
  bool useStays = true;
  bool useStations = true;
  demand::Deterrence deterrence{demand::DeterrenceKind::Exponential, 0, 0.1};  // cost in minutes
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
  demand::NamedOdMatrix od;          // zone ids = zones.ids()
  double droppedTrips = 0;           // trips of zones without a connector (not assigned)
  std::string odDescription;         // e.g. "gravity exp(-0.12 c), mean 8.3 min"
  double meanTripMinutes = 0;        // along free-flow shortest paths
  demand::AssignmentResult assignment;
  std::vector<demand::Corridor> corridors;
  std::vector<demand::DesireLine> desireLines;
  // Total travel time in hours (sum volume x time, seconds -> hours).
  double totalTravelHours() const;
};

using IterationCallback = std::function<void(const demand::IterationRecord&)>;

// Runs everything on the calling thread with its own read-only store connection; onIteration
// (if given) gets every assignment iteration's record as it is made, on this thread.
// Throws core::Error (bad settings, data that cannot be modelled) or core::CancelledError.
DemandRun runDemandPipeline(const std::string& projectPath, const DemandSettings& settings, core::Feedback& feedback,
                            const IterationCallback& onIteration = {});

// The two ends of the pipeline, for a run on a network built elsewhere (tests build sketches):
// connectZones keeps `streets` as run.streets and joins run.zones' centroids to its main
// strongly connected component (run.settings.connectorMaxM; ValidationError when fewer than
// two zones are in reach) into run.network and run.zoneConnected; assignDemand assigns run.od
// on run.network with run.settings.assignment and extracts the corridors (along streets, not
// centroid connectors) and desire lines.
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

// The default free-flow speed of an added link without one: walking 4.8 km/h, road 30 km/h.
double defaultLinkSpeedKmh(NetworkKind network);

// Base = `base`'s network and OD as assigned; the scenario re-assigned with the same options.
// Added links join the street nodes nearest to their points, both ways, their length measured
// in the plane CRS. ValidationError for an unknown segment or a closure that cuts off demand.
ScenarioRun runDemandScenario(const DemandRun& base, const ScenarioSettings& settings, core::Feedback& feedback);

}  // namespace ekm::widgets
