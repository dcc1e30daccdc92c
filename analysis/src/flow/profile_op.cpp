// The profile operation.
#include "ekm/flow/profile_op.h"

#include <cmath>

#include "ekm/flow/format.h"

namespace ekm::flow {
namespace {

ops::Json num(double v) { return std::isnan(v) ? ops::Json(nullptr) : ops::Json(v); }

std::string hourColumn(int h) { return (h < 10 ? "h0" : "h") + std::to_string(h); }

}  // namespace

void ProfileParams::validate() const {
  feature.validate();
  window.validate();
}

ProfileResult ProfileOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const LocalCalendar cal = params.window.localCalendar();
  const ProfileBy by = profileByFromName(params.by);
  const FeatureKind kind = params.feature.kind();
  ProfileResult r;
  r.feature = params.feature.id();
  r.kind = featureKindTable(kind);
  r.by = profileByName(by);
  r.calendar = cal.name();
  session.recordTableRead(r.kind);
  const store::Project& project = session.project();
  feedback.setProgress(10);
  const HourlySeries s = loadSeries(project, kind, r.feature, params.window.query(cal), &r.coverage);
  feedback.throwIfCancelled();
  r.profiles = hourProfiles(s, cal, by);
  feedback.setProgress(100);
  return r;
}

ops::OpResult ProfileOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"feature", r.feature}, {"kind", r.kind},         {"by", r.by},
                 {"calendar", r.calendar}, {"coverage", r.coverage}, {"groups", r.profiles.size()}};
  if (r.coverage < 1.0)
    out.warnings.push_back(formatNumber(100.0 * r.coverage, 1) +
                           "% of the (member-)hours are present; missing hours are left out, never counted as 0");
  ops::ResultTable t;
  t.name = "profile";
  t.columns = {"group", "hours_present", "hours_expected", "coverage", "total", "complete_days", "mean_daily_total"};
  for (int h = 0; h < 24; ++h) t.columns.push_back(hourColumn(h));
  for (const HourProfile& p : r.profiles) {
    std::vector<ops::Json> row = {p.label, p.hoursPresent, p.hoursExpected, p.coverage(),
                                  p.total, p.completeDays, num(p.meanDailyTotal)};
    for (double m : p.mean) row.push_back(num(m));
    t.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::flow
