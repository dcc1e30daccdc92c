// The compare-periods operation.
#include "ekm/flow/compare_periods_op.h"

#include <algorithm>
#include <cmath>

#include "ekm/flow/store_series.h"

namespace ekm::flow {
namespace {

DayPeriod periodParam(const std::string& text, const char* field) {
  try {
    return parseDayPeriod(text);
  } catch (const core::Error& e) {
    throw ops::ParamError("bad period", core::ErrorContext{"", std::nullopt, std::nullopt, field,
                                                           "FROM..TO, e.g. 2025-03-27..2025-04-23", text});
  }
}

ops::Json num(double v) { return std::isnan(v) ? ops::Json(nullptr) : ops::Json(v); }

}  // namespace

void ComparePeriodsParams::validate() const {
  periodParam(a, "a");
  periodParam(b, "b");
  calendarFromName(calendar);
}

ComparePeriodsResult ComparePeriodsOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const FeatureKind kind = featureKindFromName(params.kind);
  const DayPeriod a = periodParam(params.a, "a");
  const DayPeriod b = periodParam(params.b, "b");
  const LocalCalendar cal = calendarFromName(params.calendar);
  CompareOptions o;
  o.alpha = params.alpha;
  o.bootstrapResamples = static_cast<int>(params.bootstrap);
  o.seed = static_cast<std::uint64_t>(params.seed);
  SeriesQuery q;
  q.from = cal.hourKey(std::min(core::daysFromCivil(a.from), core::daysFromCivil(b.from)), 0);
  q.to = cal.hourKey(std::max(core::daysFromCivil(a.to), core::daysFromCivil(b.to)), 23);
  if (params.mode)
    q.mode = *params.mode == "pedestrian" ? store::TravelMode::Pedestrian
             : *params.mode == "bicycle"  ? store::TravelMode::Bicycle
                                          : store::TravelMode::Vehicle;
  core::MultiStepFeedback steps(feedback, 2);
  steps.setCurrentStep(0);
  session.recordTableRead(featureKindTable(kind));
  const auto series = loadAllSeries(session.project(), kind, q, steps);
  steps.setCurrentStep(1);
  ComparePeriodsResult r;
  r.kind = featureKindTable(kind);
  r.rows = comparePeriods(series, cal, a, b, o, steps);
  if (params.sort != "feature") {
    auto key = [&](const Comparison& c) {
      const double v = params.sort == "p" ? c.pValue : params.sort == "rel" ? -std::fabs(c.relChange) : -std::fabs(c.absChange);
      return std::isnan(v) ? 1e300 : v;
    };
    std::stable_sort(r.rows.begin(), r.rows.end(), [&](const Comparison& x, const Comparison& y) { return key(x) < key(y); });
  }
  return r;
}

ops::OpResult ComparePeriodsOp::record(const Result& r) {
  ops::OpResult out;
  int significant = 0;
  for (const auto& c : r.rows) significant += c.significant ? 1 : 0;
  out.summary = {{"kind", r.kind}, {"features", r.rows.size()}, {"significant", significant}};
  ops::ResultTable t;
  t.name = "comparison";
  t.geometry = r.kind == "mesh_population" ? "cell" : r.kind == "segment_counts" ? "segment" : "station";
  t.columns = {"feature", "days_a", "days_b", "mean_a", "mean_b", "abs_change", "rel_change", "p_value",
               "ci_low", "ci_high", "significant"};
  for (const auto& c : r.rows)
    t.rows.push_back({c.feature, c.daysA, c.daysB, num(c.meanA), num(c.meanB), num(c.absChange), num(c.relChange),
                      num(c.pValue), num(c.ciLow), num(c.ciHigh), c.significant});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
