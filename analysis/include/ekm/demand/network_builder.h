#pragma once
// Builds a directed assignment Network from road segments (polylines in lon/lat):
//  - topology from geometry: segment end points closer than `snapToleranceM` (measured in
//    the area's JGD2011 plane-rectangular CRS) become one node; optionally a segment is
//    split where another segment's end point touches its interior within the tolerance
//    (local streets that end on a main road without a shared vertex), and optionally where
//    two segments' interiors cross;
//  - direction: oneway 0 = both ways, 1 = digitised direction only, -1 = reverse only
//    (ignored in the pedestrian mode);
//  - length in metres in the plane CRS; capacity (veh/h or ped/h) and free-flow speed by
//    road class from a table the caller may override; free-flow time in SECONDS;
//  - a report: node/link counts, dangling ends, weakly and strongly connected components.
// Every network link maps back to its segment (and the piece of its geometry).
// The network has no zones (zoneCount 0, firstThruNode 0); add zones with the result of
// zones.h's connectCentroids when assigning.
#include <map>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/demand/network.h"
#include "ekm/demand/zones.h"

namespace ekm::store {
class Project;
}

namespace ekm::demand {

struct GeoPoint {
  double lon = 0;
  double lat = 0;
  double z = 0;  // elevation in metres, valid if hasZ
};

// One road segment with the attributes the builders understand (absent = default).
struct RoadSegment {
  std::string segmentId;
  std::string roadClass;
  int oneway = 0;           // 0 both, 1 digitised direction, -1 reverse
  bool crossing = false;    // allowed to cross a barrier (rail tracks)
  int lanes = 0;            // 0 = the road class default
  bool signalised = false;  // a signalised crossing on the segment (walking penalty)
  bool stairs = false;      // stairs on the segment (walking penalty)
  double levelChangeM = 0;  // vertical level change (deck, underpass) in metres
  bool hasZ = false;        // points carry elevations
  std::vector<GeoPoint> points;
};

// Segments of a project's road_segments table (id, class, oneway, geometry).
std::vector<RoadSegment> segmentsFromProject(const store::Project& project);
// Segments from any GDAL line source (GeoJSON, GeoPackage, Shapefile; transformed to
// EPSG:4326). Fields read when present: segment_id (else the FID), road_class, oneway,
// crossing, lanes, signal|signalised|signals, stairs, level_change_m; 3D coordinates give
// elevations. MultiLineStrings give one segment per part ("<id>#<part>").
// Throws GdalError with the feature id.
std::vector<RoadSegment> readRoadSegments(const std::string& source, const std::string& layer = "");

enum class NetworkMode { Drive, Walk };

struct RoadClassParameters {
  double capacityPerLane = 1000;  // per hour
  int lanes = 1;
  double speedKmh = 30;
};

// Defaults: drive  motorway 2000x2 @80, trunk 1800x2 @60, primary 1800x2 @50,
//                  secondary 1500x1 @40, tertiary 1200x1 @40, residential/unclassified/
//                  service/other 800x1 @30, pedestrian/footway 0 (not drivable);
//           walk   every class 4.8 km/h, capacity 1e9 (uncongested); motorway/trunk
//                  not walkable except where flagged crossing.
std::map<std::string, RoadClassParameters> defaultRoadClasses(NetworkMode mode);

struct BuildOptions {
  NetworkMode mode = NetworkMode::Drive;
  double snapToleranceM = 1.0;
  bool splitAtTouches = true;
  // Also node proper X-crossings of two segments' interiors (off by default: in real data a
  // crossing without a shared vertex is often a bridge; the synthetic sample's local streets
  // cross the main roads without vertices and need it).
  bool splitAtCrossings = false;
  std::map<std::string, RoadClassParameters> roadClasses;  // empty = defaultRoadClasses(mode)
  RoadClassParameters fallback{800, 1, 30};                // class not in the table
  double bprB = 0.15;
  double bprPower = 4;
  int epsg = 0;  // plane CRS; 0 = planeRectangularEpsgFor(the data's centre)
};

struct ComponentReport {
  int count = 0;
  std::vector<int> sizes;  // node counts, largest first
};

struct NetworkReport {
  int segments = 0;
  int skippedSegments = 0;  // degenerate (too short) or not usable in this mode
  int splits = 0;           // interior touch points that split a segment
  int crossings = 0;        // X-crossings noded (splitAtCrossings)
  int nodes = 0;
  int links = 0;
  int danglingEnds = 0;     // nodes with exactly one neighbour
  double totalLengthM = 0;  // sum of link lengths
  ComponentReport weak;
  ComponentReport strong;
  std::string toJson() const;
  std::string toText() const;
};

struct BuiltNetwork {
  Network network;
  int epsg = 0;
  std::vector<GeoPoint> nodes;                      // node positions (lon/lat)
  std::vector<double> nodeX, nodeY;                 // node positions in the plane CRS
  std::vector<int> linkSegment;                     // link -> index into the input segments
  std::vector<std::string> linkSegmentId;           // link -> segment_id
  std::vector<bool> linkReversed;                   // link runs against the digitised direction
  std::vector<std::vector<GeoPoint>> linkGeometry;  // lon/lat in the link's direction
  NetworkReport report;
};

BuiltNetwork buildNetwork(const std::vector<RoadSegment>& segments, const BuildOptions& options,
                          core::Feedback& feedback);

// The same network with only the links where keep[link] is true (nodes kept; report recomputed).
BuiltNetwork filterLinks(const BuiltNetwork& built, const std::vector<bool>& keep);
// Replaces the links' attributes (same count and order; e.g. new costs); report recomputed.
BuiltNetwork withLinks(const BuiltNetwork& built, std::vector<LinkAttributes> links);

// The network with zones for assignment: zone z becomes node z (a centroid, not passed
// through), built node n becomes node n + zoneCount, and every connector (zones.h's
// connectCentroids, node = a built node) becomes a link pair centroid <-> node with its
// length and time at `connectorSpeedKmh` (seconds), capacity 1e9, no congestion. Connector
// links map to segment -1, id "connector:<zone id>", straight geometry.
BuiltNetwork withZones(const BuiltNetwork& built, const ZoneSystem& zones,
                       const std::vector<Connector>& connectors, double connectorSpeedKmh);
// Node positions of a built network for connectCentroids().
std::vector<NodePoint> nodePoints(const BuiltNetwork& built);

// Component and dangling-end analysis of any network (Boost.Graph connected_components on
// the undirected view, strong_components on the directed graph).
NetworkReport analyseNetwork(const Network& network);
// Strongly connected component id of each node.
std::vector<int> strongComponents(const Network& network);

}  // namespace ekm::demand
