#pragma once
// Scenario runs on a project's street network (not only TNTP files): the road or walking
// network built from the project's road_segments, zones attached by connectors, and edits
// that name street segments and coordinates, read from a JSON file:
//
//   {
//     "close":  ["seg-12", "seg-40"],                          // segment_id: every link of it
//     "add":    [{"name": "east-west deck", "from": [139.7395, 35.6330],
//                 "to": [139.7425, 35.6332], "speed_kmh": 4.8, // default: walking 4.8, road 30
//                 "capacity": 1e9, "length_m": 0}],            // 0/absent = plane distance
//     "change": [{"segment_id": "seg-7", "capacity": 900, "speed_kmh": 20}],
//     "scale_demand": 1.2,                                     // +20 %
//     "scale_zones": ["533935772"]                             // only trips to these zones
//   }
//
// Added links join the network nodes nearest to the two points (zone centroids excluded),
// both ways, with the length measured in the area's JGD2011 plane-rectangular CRS.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "ekm/demand/network_builder.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/zones.h"

namespace ekm::demand {

struct AddedLinkSpec {
  std::string name;
  GeoPoint from, to;
  double speedKmh = 0;  // 0 = the network's default
  double capacity = 1e9;
  double lengthM = 0;
};

struct SegmentChangeSpec {
  std::string segmentId;
  double capacity = 0;  // 0 = unchanged
  double speedKmh = 0;  // 0 = unchanged
};

struct ScenarioEdits {
  std::string source;      // the file (for error messages)
  std::string at = "$";    // the JSON path of the edits object in it (for error messages)
  std::vector<std::string> closeSegments;
  std::vector<AddedLinkSpec> add;
  std::vector<SegmentChangeSpec> change;
  double demandScale = 1.0;
  std::vector<std::string> scaleZones;
  bool empty() const { return closeSegments.empty() && add.empty() && change.empty() && demandScale == 1.0; }
};

// Throws ParseError/ValidationError with the file and the JSON path of the bad value.
ScenarioEdits readScenarioEditsJson(const std::string& path);
// The same from a parsed edits object (e.g. a scenario file's "edits", an operation's
// `edits` parameter); `source` and `at` (its JSON path) name it in error messages.
ScenarioEdits scenarioEditsFromJson(const nlohmann::json& edits, const std::string& source, const std::string& at);

// A built network with zones (withZones) and the network before zones were added
// (project_pipeline.h's connectZones builds it).
struct ZonedNetwork {
  BuiltNetwork streets;  // no zones
  BuiltNetwork zoned;    // zones 0..Z-1, street node n = n + Z
  ZoneSystem zones;
  double defaultSpeedKmh = 4.8;  // of an added link without its own speed
};

// The OD reordered to the zone system (zones missing from the OD get no trips; an OD zone
// not in the zone system throws ValidationError naming it).
OdMatrix alignOd(const NamedOdMatrix& od, const ZoneSystem& zones, const std::string& source);

// The edits as a Scenario on `network.zoned` (unknown segment ids, zones or degenerate added
// links throw ValidationError naming them). addedNames gets one name per added link.
Scenario resolveEdits(const ScenarioEdits& edits, const ZonedNetwork& network, std::vector<std::string>* addedNames = nullptr);

// Per-link CSV with segment ids: link,segment_id,from,to,status,base_volume,
// scenario_volume,volume_diff,base_time_s,scenario_time_s,time_diff_s (centroid connectors
// included with segment_id "connector:<zone>"); and the same as a GeoJSON of LineStrings
// (EPSG:4326), added links drawn straight between their nodes.
void writeProjectLinkDifferences(const std::string& csvPath, const std::string& geojsonPath, const ZonedNetwork& network,
                                 const ScenarioResult& result, const std::vector<std::string>& addedNames);
// origin,destination,base_demand,scenario_demand,base_time_s,scenario_time_s,time_diff_s with zone ids,
// every pair of different zones connected in the base or the scenario.
void writeProjectSkimDifferences(const std::string& path, const ZonedNetwork& network, const ScenarioResult& result);

}  // namespace ekm::demand
