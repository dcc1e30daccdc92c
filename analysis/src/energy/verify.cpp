#include "ekm/energy/verify.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ekm/core/error.h"

namespace ekm::energy {

double savingsUncertaintyKwh(double t, double cv, double n, double ne, double m, double e) {
  if (!(m > 0) || !(ne > 0)) return std::numeric_limits<double>::quiet_NaN();
  return t * 1.26 * cv * std::sqrt((n / ne) * (1.0 + 2.0 / ne) / m) * e;
}

SavingsResult verifySavings(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                            core::HourKey baselineFrom, core::HourKey changeAt, core::HourKey reportTo,
                            const flow::LocalCalendar& calendar, const VerifyOptions& o) {
  if (!(baselineFrom < changeAt && changeAt < reportTo)) {
    core::ErrorContext c;
    c.field = "change";
    c.expected = "baseline start < change < reporting end";
    throw core::Error(core::ErrorCode::Usage, "the change date must lie between the baseline and the reporting end", c);
  }
  SavingsResult r;
  r.baseline = fitDemandModel(load, weather, occupancy, baselineFrom, changeAt, calendar, o.model);
  r.baselineFit = r.baseline.training;
  // Baseline residuals (in hour order, NaN where missing) for rho.
  const DemandPrediction fit = predictDemand(r.baseline, weather, occupancy, baselineFrom, changeAt, calendar);
  std::vector<double> res(fit.mean.size());
  for (std::size_t i = 0; i < res.size(); ++i) res[i] = load.at(baselineFrom + static_cast<core::HourKey>(i)) - fit.mean.values[i];
  r.rho = lag1Autocorrelation(res);
  const double n = static_cast<double>(r.baselineFit.n);
  const double rho = std::isnan(r.rho) ? 0.0 : std::clamp(r.rho, 0.0, 0.999);
  r.nEffective = n * (1 - rho) / (1 + rho);
  const double dof = std::max(1.0, r.nEffective - r.baselineFit.p);
  r.t = studentT(o.confidence, dof);

  const DemandPrediction adj = predictDemand(r.baseline, weather, occupancy, changeAt, reportTo, calendar);
  r.adjustedBaseline = adj.mean;
  std::map<int, SavingsPeriod> months;
  for (std::size_t i = 0; i < adj.mean.size(); ++i) {
    const core::HourKey t = changeAt + static_cast<core::HourKey>(i);
    const double a = load.at(t), b = adj.mean.values[i];
    if (std::isnan(a) || std::isnan(b)) continue;
    const auto lt = calendar.local(t);
    const int ym = static_cast<int>(lt.date.year()) * 100 + static_cast<int>(static_cast<unsigned>(lt.date.month()));
    SavingsPeriod& p = months[ym];
    p.yearMonth = ym;
    ++p.hours;
    p.adjustedBaselineKwh += b;
    p.actualKwh += a;
  }
  const double cv = r.baselineFit.cvRmse;
  auto finish = [&](SavingsPeriod& p) {
    p.avoidedKwh = p.adjustedBaselineKwh - p.actualKwh;
    p.savingsFraction = p.adjustedBaselineKwh > 0 ? p.avoidedKwh / p.adjustedBaselineKwh : 0.0;
    p.uncertaintyKwh = savingsUncertaintyKwh(r.t, cv, n, r.nEffective, static_cast<double>(p.hours), p.adjustedBaselineKwh);
    p.fractionalUncertainty = p.avoidedKwh != 0 ? p.uncertaintyKwh / std::fabs(p.avoidedKwh)
                                                : std::numeric_limits<double>::infinity();
  };
  for (auto& [ym, p] : months) {
    finish(p);
    r.total.hours += p.hours;
    r.total.adjustedBaselineKwh += p.adjustedBaselineKwh;
    r.total.actualKwh += p.actualKwh;
    finish(r.total);
    p.cumulativeAvoidedKwh = r.total.avoidedKwh;
    p.cumulativeUncertaintyKwh = r.total.uncertaintyKwh;
    r.months.push_back(p);
  }
  r.total.cumulativeAvoidedKwh = r.total.avoidedKwh;
  r.total.cumulativeUncertaintyKwh = r.total.uncertaintyKwh;
  // No metered reporting hour: nothing to report (NaN fails every test below).
  r.fractionalUncertainty68 =
      r.total.hours > 0 ? r.total.fractionalUncertainty * studentT(0.68, dof) / r.t : std::nan("");

  // Monthly mean dry bulb of the baseline and of the reporting months.
  const auto monthlyMeans = [&](core::HourKey from, core::HourKey to) {
    std::map<int, std::pair<double, int>> sums;  // yyyymm -> (sum, hours)
    for (core::HourKey t = from; t < to; ++t) {
      const double v = weather.dryBulbC.at(t);
      if (std::isnan(v)) continue;
      const auto lt = calendar.local(t);
      auto& s = sums[static_cast<int>(lt.date.year()) * 100 + static_cast<int>(static_cast<unsigned>(lt.date.month()))];
      s.first += v;
      ++s.second;
    }
    return sums;
  };
  bool any = false;
  for (const auto& [ym, s] : monthlyMeans(baselineFrom, changeAt)) {
    if (s.second < 15 * 24) continue;
    const double mean = s.first / s.second;
    r.baselineMonthlyMinC = any ? std::min(r.baselineMonthlyMinC, mean) : mean;
    r.baselineMonthlyMaxC = any ? std::max(r.baselineMonthlyMaxC, mean) : mean;
    any = true;
  }
  if (any)
    for (const auto& [ym, s] : monthlyMeans(changeAt, reportTo)) {
      if (s.second < 15 * 24) continue;  // as for the baseline: months with 15 days of weather
      const double mean = s.first / s.second;
      if (mean < r.baselineMonthlyMinC - 0.5 || mean > r.baselineMonthlyMaxC + 0.5)  // 0.5 C: rounding of a month's mean
        r.monthsOutsideBaselineWeather.emplace_back(ym, mean);
    }
  return r;
}

}  // namespace ekm::energy
