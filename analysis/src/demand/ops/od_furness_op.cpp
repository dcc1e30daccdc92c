// The od-furness operation.
#include "ekm/demand/ops/od_furness_op.h"

#include <numeric>

#include "ekm/core/error.h"
#include "ekm/demand/ops/result_tables.h"

namespace ekm::demand {

TripEndTable tripEndsFromFile(const std::string& path, const std::vector<std::string>& zones, bool balance) {
  auto te = alignTripEnds(readTripEndsCsv(path), zones);
  if (balance) {
    const double p = std::accumulate(te.productions.begin(), te.productions.end(), 0.0);
    const double a = std::accumulate(te.attractions.begin(), te.attractions.end(), 0.0);
    if (!(a > 0)) throw core::Error(core::ErrorCode::Model, "cannot balance trip ends: there are no attractions");
    for (auto& v : te.attractions) v *= p / a;
  }
  return te;
}

void addFurnessSummary(ops::Json& summary, const FurnessResult& furness) {
  summary["furness_converged"] = furness.converged;
  summary["furness_iterations"] = furness.iterations;
  summary["furness_max_relative_error"] = jsonNumber(furness.maxRelativeError);
}

OdFurnessOutcome OdFurnessOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const auto seed = readOdCsv(inputPath(session, params.seed));
  const auto te = tripEndsFromFile(inputPath(session, params.trip_ends), seed.zoneIds, params.balance);
  FurnessOptions o;
  o.tolerance = params.tolerance;
  o.maxIterations = static_cast<int>(params.max_iter);
  OdFurnessOutcome out;
  out.furness = furness(seed.matrix, te.productions, te.attractions, o, feedback);
  out.od = {seed.zoneIds, std::move(out.furness.trips)};
  out.furness.trips = OdMatrix();
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    writeOdCsv(out.outPath, out.od);
  }
  return out;
}

ops::OpResult OdFurnessOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"zones", r.od.zoneIds.size()}, {"trips", jsonNumber(r.od.matrix.total())}};
  addFurnessSummary(out.summary, r.furness);
  out.tables.push_back(odTable(r.od));
  if (!r.outPath.empty()) out.outputs.push_back(r.outPath);
  return out;
}

}  // namespace ekm::demand
