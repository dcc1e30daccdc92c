#pragma once
// Operation `od-furness`: bi-proportional balancing (IPF) of a seed OD matrix to trip
// ends read from files.
#include <cstdint>
#include <string>

#include "ekm/demand/gravity.h"
#include "ekm/demand/ops/demand_params.h"

namespace ekm::demand {

struct OdFurnessParams {
  std::string seed;
  std::string trip_ends;
  std::string out;
  bool balance = false;
  double tolerance = 1e-8;
  std::int64_t max_iter = 1000;

  template <class V>
  void fields(V& v) {
    v("seed", seed, {.help = "seed OD CSV origin,destination,trips", .required = true, .role = ops::Role::InputFile});
    v("trip_ends", trip_ends, {.help = "trip ends CSV zone,production,attraction", .required = true,
                               .role = ops::Role::InputFile});
    v("out", out, {.help = "balanced OD CSV", .role = ops::Role::OutputFile});
    v("balance", balance, {.help = "scale the attractions to the productions' total first"});
    v("tolerance", tolerance, {.help = "largest relative row/column error to stop at", .min = 0, .max = 1});
    v("max_iter", max_iter, {.help = "iteration limit", .min = 1, .max = 1e7});
  }
};

struct OdFurnessOutcome {
  NamedOdMatrix od;
  FurnessResult furness;  // its trips moved into od
  std::string outPath;    // written when not empty
};

struct OdFurnessOp {
  static constexpr const char* name = "od-furness";
  static constexpr const char* summary = "Furness (IPF) balancing of a seed OD matrix to trip ends";
  static constexpr bool writesProject = false;
  using Params = OdFurnessParams;
  using Result = OdFurnessOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

// Trip ends of a CSV aligned to `zones`; with `balance` the attractions are scaled to the
// productions' total (Model error without attractions).
TripEndTable tripEndsFromFile(const std::string& path, const std::vector<std::string>& zones, bool balance);
// The summary figures of a Furness balancing.
void addFurnessSummary(ops::Json& summary, const FurnessResult& furness);

}  // namespace ekm::demand
