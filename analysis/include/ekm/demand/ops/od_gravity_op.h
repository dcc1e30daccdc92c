#pragma once
// Operation `od-gravity`: the doubly constrained gravity model T_ij = a_i b_j f(c_ij),
// Furness-balanced, optionally calibrated to a mean cost (Hyman) or a trip-length
// distribution. Either on files (a cost CSV and trip ends CSV) or on the session's
// project: trip ends of the hours from..to and free-flow times on its street network (the
// Demand dock's gravity model).
#include <cstdint>
#include <string>

#include "ekm/demand/ops/project_demand.h"

namespace ekm::demand {

struct OdGravityParams {
  std::string cost;
  std::string cost_column = "cost";
  std::string trip_ends;
  ProjectNetworkParams network;
  TripEndParams hours;
  DeterrenceParams deterrence;
  std::string tld;
  bool balance = false;
  double tolerance = 1e-8;
  std::int64_t max_iter = 1000;
  std::string out;

  template <class V>
  void fields(V& v) {
    v("cost", cost, {.help = "cost CSV origin,destination,cost (instead of the project); pairs not listed are "
                             "unreachable",
                     .role = ops::Role::InputFile});
    v("cost_column", cost_column, {.help = "value column of the cost CSV"});
    v("trip_ends", trip_ends, {.help = "trip ends CSV zone,production,attraction (with cost)",
                               .role = ops::Role::InputFile});
    network.fields(v);
    hours.fields(v, false);
    deterrence.fields(v);
    v("tld", tld, {.help = "calibrate to a trip-length distribution CSV lower,upper,trips (with cost)",
                   .role = ops::Role::InputFile});
    v("balance", balance, {.help = "scale the attractions to the productions' total (with cost)"});
    v("tolerance", tolerance, {.help = "Furness: largest relative row/column error to stop at", .min = 0, .max = 1});
    v("max_iter", max_iter, {.help = "Furness iteration limit", .min = 1, .max = 1e7});
    v("out", out, {.help = "OD CSV origin,destination,trips", .role = ops::Role::OutputFile});
  }
  void validate() const;
  bool onFiles() const { return !cost.empty(); }
};

struct OdGravityOutcome {
  bool onProject = false;
  NamedOdMatrix od;
  FurnessResult furness;      // of the final balancing; its trips moved into od
  Deterrence deterrence;      // as used (calibrated when asked)
  std::string calibration;    // "", "mean-cost" or "tld"
  double modelledMeanCost = 0, targetMeanCost = 0;
  int calibrationRuns = 0;
  double meanCost = 0;        // of od (project: free-flow minutes)
  std::string description;    // e.g. "gravity exp(-0.1 c)"
  ProjectStreets streets;     // project
  TripEnds tripEnds;          // project
  std::string outPath;        // written when not empty
  std::vector<std::string> warnings;
};

struct OdGravityHooks {
  StreetsReady streets;  // project: the street network with zones is built
};

struct OdGravityOp {
  static constexpr const char* name = "od-gravity";
  static constexpr const char* summary =
      "gravity model OD (Furness-balanced, Hyman/TLD calibration) from files or the project's trip ends";
  static constexpr bool writesProject = false;
  using Params = OdGravityParams;
  using Result = OdGravityOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback,
                    const OdGravityHooks& hooks);
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback) {
    return run(session, params, feedback, {});
  }
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::demand
