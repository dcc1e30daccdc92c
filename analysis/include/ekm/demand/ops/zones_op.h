#pragma once
// Operation `zones`: the zone system of the session's project (mesh cells aggregated to a
// coarser mesh, station catchments, polygons or points) with centroids, as the other
// demand operations build it from their `zones` parameter.
#include <string>

#include "ekm/demand/ops/demand_params.h"

namespace ekm::demand {

struct ZonesParams {
  std::string zones = "mesh:500m";
  std::string out;

  template <class V>
  void fields(V& v) {
    v("zones", zones, {.help = "mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv (zone,lon,lat)"});
    v("out", out, {.help = "zone centroids CSV zone,lon,lat (readable as points:FILE.csv)",
                   .role = ops::Role::OutputFile});
  }
  void validate() const { zoneOptionsFromSpec(zones); }
};

struct ZonesOutcome {
  std::string spec;
  ZoneSystem zones;
  std::string outPath;  // written when not empty
};

struct ZonesOp {
  static constexpr const char* name = "zones";
  static constexpr const char* summary = "the project's zone system (mesh, stations, polygons or points) with centroids";
  static constexpr bool writesProject = false;
  using Params = ZonesParams;
  using Result = ZonesOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
