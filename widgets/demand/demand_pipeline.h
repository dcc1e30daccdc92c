#pragma once
// The Demand dock's analysis run on a project, end to end and Qt-free (callable from a worker
// thread or a test): zones -> network (walking or road, from the project's road segments)
// with centroid connectors -> OD (gravity model from trip ends of chosen hours, or an OD
// matrix from the project table or a CSV) -> user-equilibrium assignment -> corridors and
// desire lines; and a scenario (closed segments, scaled demand) re-assigned against it.
// Each step reports through one MultiStepFeedback; cancel raises core::CancelledError.
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

// Runs everything on the calling thread with its own read-only store connection.
// Throws core::Error (bad settings, data that cannot be modelled) or core::CancelledError.
DemandRun runDemandPipeline(const std::string& projectPath, const DemandSettings& settings, core::Feedback& feedback);

// "iteration 3: relative gap 1.234e-03, ..." (assignment's per-iteration log line) -> (3, 1.234e-3).
std::optional<std::pair<int, double>> parseIterationLine(const std::string& line);

struct ScenarioSettings {
  std::vector<std::string> closeSegments;  // every link of these road segments is closed
  double demandScale = 1.0;                // 1.2 = +20 % trips
};

struct ScenarioRun {
  ScenarioSettings settings;
  demand::ScenarioResult result;
};

// Base = `base`'s network and OD as assigned; the scenario re-assigned with the same options.
// ValidationError for an unknown segment or a closure that cuts off demand.
ScenarioRun runDemandScenario(const DemandRun& base, const ScenarioSettings& settings, core::Feedback& feedback);

}  // namespace ekm::widgets
