#pragma once
// Operation `trip-ends`: productions and attractions per zone of the session's project
// over hours from..to, from hourly stay-population changes and station boardings and
// alightings (trip_ends.h).
#include <string>

#include "ekm/demand/ops/demand_params.h"

namespace ekm::demand {

struct TripEndsParams {
  TripEndParams hours;
  std::string zones = "mesh:500m";
  bool balance = false;
  std::string out;

  template <class V>
  void fields(V& v) {
    hours.fields(v, true);
    v("zones", zones, {.help = "mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv (zone,lon,lat)"});
    v("balance", balance, {.help = "scale the attractions to the productions' total"});
    v("out", out, {.help = "trip ends CSV zone,production,attraction", .role = ops::Role::OutputFile});
  }
  void validate() const;
};

struct TripEndsOutcome {
  ZoneSystem zones;
  TripEnds ends;         // as computed (before balancing)
  bool balanced = false;
  TripEndTable table;    // as written: balanced when asked
  std::string outPath;   // written when not empty
};

struct TripEndsOp {
  static constexpr const char* name = "trip-ends";
  static constexpr const char* summary =
      "productions/attractions per zone from stay-population changes and station ridership over hours";
  static constexpr bool writesProject = false;
  using Params = TripEndsParams;
  using Result = TripEndsOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
