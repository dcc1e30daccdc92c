#pragma once
// The demand pipeline on a project, written once for every front end (the Demand dock,
// `ekimachi-cli assign/scenario run/od ... --project`, `network build`, and operations).
// Each phase is a separate call taking plain options (std types, defaults in the struct)
// and core::Feedback& (progress, cancel, warnings); none prints.
//
//   1. zones       projectZones(project, ZoneOptions)                      -> ZoneSystem
//   2. network     projectNetwork(project, zones, NetworkOptions,
//                                 ConnectorOptions, fb)                      -> ConnectedNetwork
//                  (= buildStreetNetwork + connectZones, also callable alone)
//   3. trip ends   projectTripEnds(project, zones, TripEndOptions, fb)     -> TripEnds
//   4. OD          gravityOd(freeFlowMinutes(...), ...) or loadOd(...)     -> NamedOdMatrix
//                  then assignableOd(...)                                  -> AssignableOd
//   5. assignment  assign(...) of assignment.h, then
//                  demandPatterns(network, streets, volume, zones, od)    -> DemandPatterns
//   (6. scenario   assignProjectScenario(network, od, edits, ...)          -> ProjectScenario)
// The operations `assign` and `scenario` (ops/assign_op.h, ops/scenario_op.h) run 1-5 and
// 1-6 for the CLI, scenario files and the Demand dock alike.
//
// Unconnected zones (one policy for every front end): centroid connectors attach only to
// nodes of the street network's largest strongly connected component (so every pair of
// connected zones can reach each other; stray fragments never carry a zone), each zone to
// its nearest such node within ConnectorOptions::maxDistanceM. A zone without one is
// DROPPED: it stays in the zone system (matrices keep their shape and ids) but carries no
// trips: its trip ends are zeroed before the gravity model and its OD rows and columns
// are removed before assignment. The run continues; connectZones reports the dropped zone
// ids and their count as one Feedback warning, ConnectedNetwork::droppedZones lists them,
// and assignableOd reports the trips that were removed. Fewer than two connected zones is
// a ValidationError.
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/corridors.h"
#include "ekm/demand/deterrence.h"
#include "ekm/demand/gravity.h"
#include "ekm/demand/network_builder.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/project_scenario.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/trip_ends.h"
#include "ekm/demand/walking_network.h"
#include "ekm/demand/zones.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::store {
class Project;
}

namespace ekm::demand {

// ---- Defaults shared by every front end ------------------------------------------------

// Centroid connectors stand for the walk (or the local drive) between a zone's centroid
// and the street network: walking at the walking network's flat speed, driving at a
// local-access speed below the residential class's 30 km/h.
inline constexpr double kWalkConnectorSpeedKmh = 4.8;
inline constexpr double kRoadConnectorSpeedKmh = 20.0;
// A link added by a scenario without its own speed: walking speed, or the residential class.
inline constexpr double kWalkAddedLinkSpeedKmh = 4.8;
inline constexpr double kRoadAddedLinkSpeedKmh = 30.0;
// The longest connector: ten minutes' walk. A 500 m mesh zone's centroid is at most
// ~350 m from any point of the zone, so a zone with streets in it always connects.
inline constexpr double kMaxConnectorM = 800.0;

double defaultConnectorSpeedKmh(NetworkMode mode);
double defaultAddedLinkSpeedKmh(NetworkMode mode);
// "walking" / "road" (the CLI's --network and the dock's names).
const char* networkModeName(NetworkMode mode);

// ---- 1. Zones ---------------------------------------------------------------------------

enum class ZoneKind { Mesh, Stations, Polygons, Points };

struct ZoneOptions {
  ZoneKind kind = ZoneKind::Mesh;
  mesh::MeshLevel meshLevel = mesh::MeshLevel::Half;  // Mesh: the project's cells aggregated (~500 m)
  double stationRadiusM = 800;                       // Stations: catchment radius
  std::string path;     // Polygons: any GDAL vector source; Points: a CSV zone,lon,lat
  std::string idField;  // Polygons: the zone id field
};

// "mesh:LEVEL" (e.g. mesh:500m, mesh:1/2), "stations:RADIUS_M", "polygons:FILE:FIELD" or
// "points:FILE.csv"; core::Error(Usage) naming the spec otherwise.
ZoneOptions zoneOptionsFromSpec(const std::string& spec);
// The spec of `options` (the inverse of zoneOptionsFromSpec).
std::string zoneSpec(const ZoneOptions& options);
// Zones of a CSV with columns zone,lon,lat (centroids only, no cells). ParseError /
// ValidationError with file, line and column.
ZoneSystem readZonePointsCsv(const std::string& path);
// The zones (mesh cells of the project are assigned to zones). ValidationError for bad
// options; a project without cells or stations gives an empty zone system.
ZoneSystem projectZones(const store::Project& project, const ZoneOptions& options);

// ---- 2. Network and connectors --------------------------------------------------------

struct NetworkOptions {
  NetworkMode mode = NetworkMode::Walk;  // Walk: walking network (uncongested); Drive: road network
  double snapToleranceM = 1.0;           // end points closer than this become one node
  bool splitAtTouches = true;            // split a segment where another's end touches it
  bool splitAtCrossings = false;         // node X-crossings of segment interiors (the sample needs it)
  std::string barriersPath;              // walking only: barrier lines (rail tracks), "" = none
  std::string barrierField = "barrier";  // barrier flag field of barriersPath
  std::string crossingsFromPath;         // crossing=1 flags copied by segment_id ("" = none)
  std::string heightsFromPath;           // walking only: point elevations copied by segment_id from 3D
                                         // lines ("" = none; the project's road_segments keep no heights)
  WalkingOptions walking;                // speeds and penalties of the walking network
};

struct StreetBuildReport {
  int crossingFlagsCopied = 0;  // segments flagged from crossingsFromPath
  int heightsCopied = 0;        // segments given elevations from heightsFromPath
  int crossingSegments = 0;     // segments flagged crossing=1 (from any source)
  int barrierLines = 0;
  int linksRemovedByBarrier = 0;
  int crossingLinksKept = 0;  // links of crossing segments that cross a barrier
};

struct StreetNetwork {
  BuiltNetwork built;
  StreetBuildReport report;
};

// Copies crossing=1 flags by segment_id from a GDAL line source; returns how many
// segments got the flag.
int copyCrossingFlags(std::vector<RoadSegment>& segments, const std::string& source);
// Copies elevations by segment_id from a GDAL line source with 3D coordinates: each point
// takes the elevation of the source segment's nearest vertex, and the segment is marked
// hasZ. Returns how many segments got elevations (0 when the source is 2D).
int copySegmentHeights(std::vector<RoadSegment>& segments, const std::string& source);
// The street network of `segments` (crossingsFromPath and barriersPath applied; a warning
// when barriers are given but no segment may cross them). ValidationError for no segments
// or barriers on a road network.
StreetNetwork buildStreetNetwork(std::vector<RoadSegment> segments, const NetworkOptions& options,
                                 core::Feedback& feedback);
// The same from the project's road_segments.
StreetNetwork projectStreetNetwork(const store::Project& project, const NetworkOptions& options,
                                   core::Feedback& feedback);

struct ConnectorOptions {
  double maxDistanceM = kMaxConnectorM;  // geodesic centroid-to-node distance
  double speedKmh = 0;                   // 0 = defaultConnectorSpeedKmh(mode)
};

struct ConnectedNetwork {
  ZonedNetwork network;                   // streets, zoned (zone z = node z), zones, added-link speed
  std::vector<bool> zoneConnected;        // per zone
  std::vector<std::string> droppedZones;  // ids of the zones without a connector, in zone order
  int mainComponentNodes = 0;             // nodes of the largest strongly connected component
  StreetBuildReport build;                // of projectNetwork's street build
};

// Joins every zone centroid to the nearest node of `streets`' largest strongly connected
// component (the policy above). Warns once through `feedback` when zones are dropped;
// ValidationError when fewer than two zones connect.
ConnectedNetwork connectZones(BuiltNetwork streets, const ZoneSystem& zones, NetworkMode mode,
                              const ConnectorOptions& options, core::Feedback& feedback);
// projectStreetNetwork + connectZones.
ConnectedNetwork projectNetwork(const store::Project& project, const ZoneSystem& zones, const NetworkOptions& network,
                                const ConnectorOptions& connectors, core::Feedback& feedback);

// ---- 3. Trip ends -----------------------------------------------------------------------

struct TripEndOptions {
  core::HourKey from = 0;  // hours from..to (stay changes between consecutive hours)
  core::HourKey to = 0;
  bool useStays = true;     // hourly stay-population changes
  bool useStations = true;  // station boardings and alightings
};

// Productions and attractions per zone (trip_ends.h's tripEndsFromProject). Error(Usage)
// when the period ends before it starts.
TripEnds projectTripEnds(const store::Project& project, const ZoneSystem& zones, const TripEndOptions& options,
                         core::Feedback& feedback);

// ---- 4. OD ------------------------------------------------------------------------------

struct GravityOptions {
  Deterrence deterrence{DeterrenceKind::Exponential, 0, 0.1};  // of the free-flow time in minutes
  std::optional<double> targetMeanMinutes;                     // calibrate the decay (Hyman) to this
  double furnessTolerance = 1e-8;                              // see FurnessOptions
  int furnessMaxIterations = 1000;
};

struct GravityOd {
  NamedOdMatrix od;        // zone ids = the zone system's
  Deterrence deterrence;   // as used (calibrated when targetMeanMinutes is set)
  FurnessResult furness;   // convergence of the final balancing (its trips moved into od)
  int calibrationRuns = 0; // gravity runs of the calibration (0 without)
  std::string description; // e.g. "gravity exp(-0.1 c)" or "... (Hyman, target 8.00 min)"
};

// Free-flow zone-to-zone times in minutes on a zoned network (+inf on the diagonal:
// intrazonal trips are not modelled; +inf where unreachable).
OdMatrix freeFlowMinutes(const Network& zoned, const CostWeights& weights, core::Feedback& feedback);
// The doubly constrained gravity model of `ends` (zeroed for unconnected zones, then
// attractions balanced to productions) on `minutes`. ValidationError when no trips are
// produced by connected zones.
GravityOd gravityOd(const OdMatrix& minutes, const ZoneSystem& zones, TripEnds ends,
                    const std::vector<bool>& zoneConnected, const GravityOptions& options, core::Feedback& feedback);

enum class OdSource { Gravity, ProjectTable, Csv };

struct OdOptions {
  OdSource source = OdSource::Gravity;
  std::string period;   // ProjectTable: a period of the project's od_matrices
  std::string csvPath;  // Csv: origin,destination,trips
  TripEndOptions tripEnds;  // Gravity
  GravityOptions gravity;   // Gravity
};

// The CLI's --od: "period:NAME", an existing CSV file, or NAME of a stored period
// (Error(Usage) listing the stored periods otherwise). Sets source, period and csvPath.
void setOdFromSpec(OdOptions& options, const store::Project& project, const std::string& spec);

struct LoadedOd {
  NamedOdMatrix od;         // aligned to the zone system (ids = zones.ids())
  std::string description;  // the file, or "<project> period NAME"
};
// A stored or CSV OD (source ProjectTable or Csv) aligned to `zones` (alignOd).
LoadedOd loadOd(const store::Project& project, const OdOptions& options, const ZoneSystem& zones);

struct AssignableOd {
  OdMatrix matrix;              // without intrazonal trips and trips of dropped zones
  double intrazonalTrips = 0;   // removed: they load no street
  double unconnectedTrips = 0;  // removed: from or to a dropped zone (warned through feedback)
  double droppedTrips() const { return intrazonalTrips + unconnectedTrips; }
};
// The OD as it can be assigned. ValidationError when no trips are left.
AssignableOd assignableOd(const OdMatrix& od, const ConnectedNetwork& network, core::Feedback& feedback);

// ---- 5. Assignment ----------------------------------------------------------------------

struct DemandPatterns {
  std::vector<Corridor> corridors;      // along streets (connectors excluded)
  std::vector<DesireLine> desireLines;  // zone to zone, both directions combined
};

// The corridors of `volume` on `network` along the links with streetLink[a] (centroid
// connectors carry all of a zone's trips and take no part) and the desire lines of `od`
// between the centroids of `zones`.
DemandPatterns demandPatterns(const Network& network, const std::vector<bool>& streetLink,
                              const std::vector<double>& volume, const ZoneSystem& zones, const OdMatrix& od,
                              const CorridorOptions& options = {});

// ---- 6. Scenario ------------------------------------------------------------------------

struct ProjectScenario {
  Scenario scenario;                    // the edits resolved on network.zoned
  std::vector<std::string> addedNames;  // one per added link (in scenario.add order)
  int turnRules = 0;                    // movements with a rule (turnsPath)
  int bannedTurns = 0;
  ScenarioResult result;                // base and scenario assigned with the same options
};

// The edits (segment ids and coordinates) resolved and assigned against the base; turn
// rules from turnsPath ("" = none) apply in both runs.
ProjectScenario assignProjectScenario(const ZonedNetwork& network, const OdMatrix& od, const ScenarioEdits& edits,
                                      const AssignmentOptions& options, const std::string& turnsPath,
                                      core::Feedback& feedback);

// ---- Options of phases 1 and 2 -----------------------------------------------------------

struct ProjectDemandOptions {
  ZoneOptions zones;
  NetworkOptions network;
  ConnectorOptions connectors;
};

}  // namespace ekm::demand
