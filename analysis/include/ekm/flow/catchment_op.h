#pragma once
// Operation `catchment`: the project's mesh cells whose centre is within a radius
// (geodesic, GRS80) of a station, nearest first.
#include <string>
#include <vector>

#include "ekm/flow/link.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct CatchmentParams {
  std::string station;
  double radius = 800;  // metres

  template <class V>
  void fields(V& v) {
    v("station", station, {.help = "station id", .required = true});
    v("radius", radius, {.help = "metres from the station to a cell's centre", .min = 1, .max = 50000});
  }
};

struct CatchmentResult {
  std::string station;
  double radius = 0;
  std::vector<CatchmentMember> cells;  // id = mesh code, by distance
};

struct CatchmentOp {
  static constexpr const char* name = "catchment";
  static constexpr const char* summary = "the mesh cells within a radius of a station (geodesic), nearest first";
  static constexpr bool writesProject = false;
  using Params = CatchmentParams;
  using Result = CatchmentResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
