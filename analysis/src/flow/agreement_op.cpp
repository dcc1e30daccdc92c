// The agreement operation.
#include "ekm/flow/agreement_op.h"

#include <cmath>

namespace ekm::flow {
namespace {

ops::Json num(double v) { return std::isnan(v) ? ops::Json(nullptr) : ops::Json(v); }

}  // namespace

AgreementOpResult AgreementOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const LocalCalendar cal = params.window.localCalendar();
  const FeatureKind kind = featureKindParam(params.kind, "kind");
  AgreementOpResult r;
  r.kind = featureKindTable(kind);
  session.recordTableRead(r.kind);
  const auto series = loadAllSeries(session.project(), kind, params.window.query(cal), feedback);
  r.features = agreementCheck(series, cal, params.min_r, params.max_distance);
  return r;
}

ops::OpResult AgreementOp::record(const Result& r) {
  ops::OpResult out;
  int flagged = 0;
  for (const auto& f : r.features) flagged += f.flagged ? 1 : 0;
  out.summary = {{"kind", r.kind}, {"features", r.features.size()}, {"flagged", flagged}};
  ops::ResultTable t;
  t.name = "agreement";
  t.geometry = r.kind == "mesh_population" ? "cell" : r.kind == "segment_counts" ? "segment" : "station";
  t.columns = {"feature", "days", "correlation", "distance", "flagged"};
  for (int h = 0; h < 24; ++h) t.columns.push_back((h < 10 ? "p0" : "p") + std::to_string(h));
  for (const auto& f : r.features) {
    std::vector<ops::Json> row = {f.feature, f.days, num(f.correlation), num(f.distance), f.flagged};
    for (double v : f.pattern) row.push_back(num(v));
    t.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
