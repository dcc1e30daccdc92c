#include "ekm/flow/compare.h"

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/profile.h"
#include "ekm/flow/statistics.h"

namespace ekm::flow {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

DayPeriod parseDayPeriod(const std::string& text) {
  const auto sep = text.find("..");
  core::ErrorContext c;
  c.field = "period";
  c.expected = "FROM..TO as YYYY-MM-DD..YYYY-MM-DD (inclusive)";
  c.found = text;
  if (sep == std::string::npos) throw core::Error(core::ErrorCode::Usage, "bad period", c);
  const auto from = core::parseDate(text.substr(0, sep));
  const auto to = core::parseDate(text.substr(sep + 2));
  if (!from || !to) throw core::Error(core::ErrorCode::Usage, "bad period", c);
  if (core::daysFromCivil(*from) > core::daysFromCivil(*to))
    throw core::Error(core::ErrorCode::Usage, "period ends before it starts", c);
  return {*from, *to};
}

Comparison comparePeriods(const std::string& feature, const HourlySeries& series,
                          const LocalCalendar& calendar, const DayPeriod& a, const DayPeriod& b,
                          const CompareOptions& options) {
  auto totals = [&](const DayPeriod& p, int& complete, int& incomplete) {
    const std::int64_t d0 = core::daysFromCivil(p.from), d1 = core::daysFromCivil(p.to);
    const HourlySeries part = series.slice(calendar.hourKey(d0, 0), calendar.hourKey(d1 + 1, 0));
    std::vector<double> out;
    for (const DailyTotal& dt : dailyTotals(part, calendar)) {
      if (std::isnan(dt.total)) {
        ++incomplete;
      } else {
        out.push_back(dt.total);
        ++complete;
      }
    }
    return out;
  };
  Comparison r;
  r.feature = feature;
  const std::vector<double> ta = totals(a, r.daysA, r.incompleteDaysA);
  const std::vector<double> tb = totals(b, r.daysB, r.incompleteDaysB);
  const WelchResult w = welchTTest(ta, tb);
  r.meanA = w.meanA;
  r.meanB = w.meanB;
  r.absChange = r.meanB - r.meanA;
  r.relChange = (r.meanA != 0 && !std::isnan(r.meanA)) ? r.absChange / r.meanA : kNaN;
  r.t = w.t;
  r.df = w.df;
  r.pValue = w.pTwoSided;
  r.ciLow = r.ciHigh = kNaN;
  bool ciExcludesZero = true;
  if (options.bootstrapResamples > 0 && !ta.empty() && !tb.empty()) {
    const BootstrapInterval ci =
        bootstrapMeanDifference(ta, tb, options.bootstrapResamples, options.bootstrapLevel, options.seed);
    r.ciLow = ci.low;
    r.ciHigh = ci.high;
    ciExcludesZero = ci.low > 0 || ci.high < 0;
  }
  r.significant = !std::isnan(r.pValue) && r.pValue < options.alpha && ciExcludesZero;
  return r;
}

std::vector<Comparison> comparePeriods(const std::vector<std::pair<std::string, HourlySeries>>& features,
                                       const LocalCalendar& calendar, const DayPeriod& a, const DayPeriod& b,
                                       const CompareOptions& options, core::Feedback& feedback) {
  std::vector<Comparison> out;
  out.reserve(features.size());
  for (std::size_t i = 0; i < features.size(); ++i) {
    feedback.throwIfCancelled();
    out.push_back(comparePeriods(features[i].first, features[i].second, calendar, a, b, options));
    feedback.setProgress(100.0 * (i + 1) / features.size());
  }
  return out;
}

}  // namespace ekm::flow
