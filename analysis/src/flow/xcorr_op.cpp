// The xcorr operation.
#include "ekm/flow/xcorr_op.h"

#include <cmath>

namespace ekm::flow {
namespace {

ops::Json num(double v) { return std::isnan(v) ? ops::Json(nullptr) : ops::Json(v); }

}  // namespace

void XcorrParams::validate() const {
  feature.validate();
  window.validate();
  withKind();
  if (withId().empty())
    throw ops::ParamError("bad feature", core::ErrorContext{"", std::nullopt, std::nullopt, "with",
                                                            "KIND:ID, e.g. cell:53393547411", with});
}

FeatureKind XcorrParams::withKind() const {
  const auto colon = with.find(':');
  if (colon == std::string::npos)
    throw ops::ParamError("bad feature", core::ErrorContext{"", std::nullopt, std::nullopt, "with",
                                                            "KIND:ID, e.g. cell:53393547411", with});
  return featureKindParam(with.substr(0, colon), "with");
}

std::string XcorrParams::withId() const {
  const auto colon = with.find(':');
  return colon == std::string::npos ? std::string() : with.substr(colon + 1);
}

XcorrResult XcorrOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const LocalCalendar cal = params.window.localCalendar();
  const SeriesQuery q = params.window.query(cal);
  const FeatureKind xKind = params.feature.kind();
  const FeatureKind yKind = params.withKind();
  session.recordTableRead(featureKindTable(xKind));
  session.recordTableRead(featureKindTable(yKind));
  const store::Project& p = session.project();
  XcorrResult r;
  r.x = params.feature.id();
  r.kind = featureKindTable(xKind);
  r.y = params.with;
  const HourlySeries x = loadSeries(p, xKind, r.x, q);
  feedback.setProgress(40);
  const HourlySeries y = loadSeries(p, yKind, params.withId(), q);
  feedback.setProgress(80);
  feedback.throwIfCancelled();
  r.lags = crossCorrelation(x, y, static_cast<int>(params.max_lag));
  r.best = bestLag(r.lags);
  feedback.setProgress(100);
  return r;
}

ops::OpResult XcorrOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"x", r.x}, {"kind", r.kind}, {"y", r.y}, {"best_lag_h", r.best.lag}, {"best_r", num(r.best.r)}};
  ops::ResultTable t;
  t.name = "xcorr";
  t.columns = {"lag_h", "r", "pairs"};
  for (const auto& c : r.lags) t.rows.push_back({c.lag, num(c.r), c.pairs});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
