#pragma once
// The network and demand edits of a scenario (project_scenario.h's format) as typed Params:
// every edit kind lists its fields once, so the registry's schema documents them, the JSON
// reader checks them and names a bad value by its path ("edits.add[2].speed_kmh"), and an
// edits file (`--edits FILE`, `edits_file`) is read by the same reader.
//
//   {"close": ["seg-12"],
//    "add": [{"name": "deck", "from": [139.7395, 35.6330], "to": [139.7425, 35.6332], "speed_kmh": 4.8}],
//    "change": [{"segment_id": "seg-7", "capacity": 900, "speed_kmh": 20}],
//    "scale_demand": 1.2, "scale_zones": ["533935772"]}
#include <optional>
#include <string>
#include <vector>

#include "ekm/demand/project_scenario.h"
#include "ekm/ops/params.h"

namespace ekm::demand {

// "add": a new street both ways between the network nodes nearest to two points.
struct AddedLinkEdit {
  std::optional<std::string> name;
  std::vector<double> from, to;
  std::optional<double> speed_kmh;
  std::optional<double> capacity;
  std::optional<double> length_m;

  template <class V>
  void fields(V& v) {
    v("name", name, {.help = "name of the new link (default: \"added N\")"});
    v("from", from, {.help = "[lon, lat] of one end, EPSG:4326 degrees", .required = true});
    v("to", to, {.help = "[lon, lat] of the other end, EPSG:4326 degrees", .required = true});
    v("speed_kmh", speed_kmh, {.help = "speed (default: the network's, walking 4.8, road 30)", .above = 0});
    v("capacity", capacity, {.help = "capacity per hour (default 1e9: unlimited)", .above = 0});
    v("length_m", length_m, {.help = "length (default: the plane distance of the two points)", .min = 0});
  }
  // from and to are [lon, lat] in range; a given name is not empty.
  void validate(const ops::ParamSource& at) const;
};

// "change": new capacity and/or speed of every link of a street segment.
struct SegmentChangeEdit {
  std::string segment_id;
  std::optional<double> capacity;
  std::optional<double> speed_kmh;

  template <class V>
  void fields(V& v) {
    v("segment_id", segment_id, {.help = "segment_id of the street (road_segments)", .required = true});
    v("capacity", capacity, {.help = "new capacity per hour (absent: unchanged)", .above = 0});
    v("speed_kmh", speed_kmh, {.help = "new speed (absent: unchanged)", .above = 0});
  }
  // capacity and/or speed_kmh given.
  void validate(const ops::ParamSource& at) const;
};

struct NetworkEdits {
  std::vector<std::string> close;
  std::vector<AddedLinkEdit> add;
  std::vector<SegmentChangeEdit> change;
  double scale_demand = 1.0;
  std::vector<std::string> scale_zones;

  template <class V>
  void fields(V& v) {
    v("close", close, {.help = "segment_ids of the streets closed (every link of each)"});
    v("add", add, {.help = "streets added"});
    v("change", change, {.help = "streets whose capacity or speed changes"});
    v("scale_demand", scale_demand, {.help = "factor on the trips (1.2 = +20 %)", .min = 0});
    v("scale_zones", scale_zones, {.help = "zone ids: scale only the trips to these zones (default: all)"});
  }
};

// The edits for the pipeline; `source` (a file, "" inline) and `at` (the JSON path of the
// edits object, "$" in a file) name them in later errors (unknown segment ids, zones).
ScenarioEdits scenarioEdits(const NetworkEdits& edits, const std::string& source, const std::string& at);
// And back (a dock's edits as the operation's `edits` parameter).
NetworkEdits networkEdits(const ScenarioEdits& edits);

}  // namespace ekm::demand
