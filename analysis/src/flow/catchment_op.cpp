// The catchment operation.
#include "ekm/flow/catchment_op.h"

#include <algorithm>

namespace ekm::flow {

CatchmentResult CatchmentOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  session.recordTableRead("stations");
  session.recordTableRead("mesh_cells");
  const store::Project& p = session.project();
  const auto stations = p.stations();
  const auto st = std::find_if(stations.begin(), stations.end(),
                               [&](const auto& s) { return s.stationId == params.station; });
  if (st == stations.end()) {
    core::ErrorContext c;
    c.field = "station_id";
    c.found = params.station;
    throw core::ValidationError("unknown feature", c);
  }
  feedback.throwIfCancelled();
  std::vector<CatchmentCandidate> cells;
  for (const auto& c : p.meshCells())
    cells.push_back({c.meshCode, 0.5 * (c.west + c.east), 0.5 * (c.south + c.north)});
  CatchmentResult r;
  r.station = params.station;
  r.radius = params.radius;
  r.cells = catchment(st->position.lon, st->position.lat, params.radius, cells);
  feedback.setProgress(100);
  return r;
}

ops::OpResult CatchmentOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"station", r.station}, {"radius_m", r.radius}, {"cells", r.cells.size()}};
  ops::ResultTable t;
  t.name = "catchment";
  t.geometry = "cell";
  t.columns = {"cell", "distance_m"};
  for (const auto& m : r.cells) t.rows.push_back({m.id, m.distanceM});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
