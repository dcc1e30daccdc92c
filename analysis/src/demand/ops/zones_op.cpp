// The zones operation.
#include "ekm/demand/ops/zones_op.h"

#include "demand/ops/result_files.h"
#include "ekm/demand/ops/result_tables.h"

namespace ekm::demand {

ZonesOutcome ZonesOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  ZoneOptions o = zoneOptionsFromSpec(params.zones);
  if (o.kind == ZoneKind::Polygons || o.kind == ZoneKind::Points) o.path = inputPath(session, o.path);
  session.recordTableRead(o.kind == ZoneKind::Stations ? "stations" : "mesh_cells");
  ZonesOutcome out;
  out.spec = params.zones;
  out.zones = projectZones(session.project(), o);
  feedback.setProgress(100);
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    auto f = openResultFile(out.outPath);
    f.precision(12);
    f << "zone,lon,lat\n";
    for (const auto& z : out.zones.zones) f << z.id << ',' << z.lon << ',' << z.lat << '\n';
  }
  return out;
}

ops::OpResult ZonesOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"zones", r.zones.zones.size()}, {"spec", r.spec}};
  ops::ResultTable t;
  t.name = "zones";
  t.columns = {"zone", "lon", "lat", "cells"};
  for (const auto& z : r.zones.zones) t.rows.push_back({z.id, jsonNumber(z.lon), jsonNumber(z.lat), z.cells.size()});
  out.tables.push_back(std::move(t));
  if (!r.outPath.empty()) out.outputs.push_back(r.outPath);
  return out;
}

}  // namespace ekm::demand
