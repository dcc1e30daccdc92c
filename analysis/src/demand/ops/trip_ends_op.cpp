// The trip-ends operation.
#include "ekm/demand/ops/trip_ends_op.h"

#include "demand/ops/result_files.h"
#include "ekm/demand/ops/result_tables.h"

namespace ekm::demand {

void TripEndsParams::validate() const {
  hours.validate();
  zoneOptionsFromSpec(zones);
}

TripEndsOutcome TripEndsOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const auto ends = params.hours.options("trip-ends");
  ZoneOptions zo = zoneOptionsFromSpec(params.zones);
  if (zo.kind == ZoneKind::Polygons || zo.kind == ZoneKind::Points) zo.path = inputPath(session, zo.path);
  session.recordTableRead(zo.kind == ZoneKind::Stations ? "stations" : "mesh_cells");
  if (ends.useStays) session.recordTableRead("mesh_population");
  if (ends.useStations) session.recordTableRead("station_ridership");
  TripEndsOutcome out;
  out.zones = projectZones(session.project(), zo);
  out.ends = projectTripEnds(session.project(), out.zones, ends, feedback);
  TripEnds written = out.ends;
  if (params.balance) {
    written.balanceAttractionsToProductions();
    out.balanced = true;
  }
  out.table = {out.zones.ids(), written.productions, written.attractions};
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    writeTripEndsCsv(out.outPath, out.table);
  }
  return out;
}

ops::OpResult TripEndsOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"zones", r.zones.zones.size()},
                 {"productions", jsonNumber(r.ends.totalProductions())},
                 {"attractions", jsonNumber(r.ends.totalAttractions())},
                 {"coverage", jsonNumber(r.ends.coverage())},
                 {"values_used", r.ends.used},
                 {"values_missing", r.ends.missing},
                 {"balanced", r.balanced}};
  ops::ResultTable t;
  t.name = "trip_ends";
  t.columns = {"zone", "production", "attraction"};
  for (std::size_t i = 0; i < r.table.zoneIds.size(); ++i)
    t.rows.push_back({r.table.zoneIds[i], jsonNumber(r.table.productions[i]), jsonNumber(r.table.attractions[i])});
  out.tables.push_back(std::move(t));
  if (!r.outPath.empty()) out.outputs.push_back(r.outPath);
  return out;
}

}  // namespace ekm::demand
