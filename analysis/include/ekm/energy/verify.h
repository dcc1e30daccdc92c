#pragma once
// Savings verification, IPMVP Option C (whole facility): a baseline demand model
// (ekm/energy/demand_model.h: weather- and occupancy-adjusted) fitted on the baseline period
// before a change, driven by the reporting period's weather and occupancy = the adjusted
// baseline; avoided energy = adjusted baseline - metered use, per month and cumulative, with
// the ASHRAE Guideline 14-2014 fractional savings uncertainty
//   dE/E_save = t * 1.26 * CV * sqrt( (n / n') * (1 + 2 / n') * (1 / m) ) / F
// where CV = the baseline model's CV(RMSE) (p = its parameters), n = baseline hours,
// n' = n (1 - rho) / (1 + rho) the effective number with rho the lag-1 autocorrelation of the
// baseline residuals, m = reporting hours, F = savings / adjusted baseline, t = Student-t at
// the confidence level with n' - p degrees of freedom. The absolute band of a period is
// +- t * 1.26 * CV * sqrt((n / n')(1 + 2 / n') / m) * (adjusted baseline of the period).
// (The 1.26 factor was derived for monthly models; applied to hourly data it is the common
// practice of G14 users and of LBNL's M&V 2.0 tools — read the band as approximate.)
// Reporting hours without a metered value are left out of both sides.
#include <vector>

#include "ekm/energy/demand_model.h"

namespace ekm::energy {

struct VerifyOptions {
  DemandModelOptions model;
  double confidence = 0.90;
};

struct SavingsPeriod {
  int yearMonth = 0;                // yyyymm (local), 0 for the total
  std::int64_t hours = 0;           // reporting hours with a metered value
  double adjustedBaselineKwh = 0, actualKwh = 0, avoidedKwh = 0;
  double savingsFraction = 0;       // avoided / adjusted baseline
  double uncertaintyKwh = 0;        // half-width of the band at the confidence level
  double fractionalUncertainty = 0; // uncertaintyKwh / avoidedKwh (inf when nothing was saved)
  // cumulative from the change to the end of this month
  double cumulativeAvoidedKwh = 0, cumulativeUncertaintyKwh = 0;
};

struct SavingsResult {
  DemandModel baseline;
  G14Metrics baselineFit;      // in-sample, p = parameters
  double rho = 0;              // lag-1 autocorrelation of baseline residuals
  double nEffective = 0;       // n'
  double t = 0;
  std::vector<SavingsPeriod> months;
  SavingsPeriod total;
  HourlySeries adjustedBaseline;  // over the reporting period
  // The total's fractional savings uncertainty at 68 % confidence, which G14 asks to be below
  // 50 % for savings to be reported (ASHRAE Guideline 14-2014, 4.1.1).
  double fractionalUncertainty68 = 0;
  // The baseline's range of monthly mean dry bulb (months with at least 15 days of weather)
  // and the reporting months (the same minimum) whose mean lies more than 0.5 C outside it:
  // there the adjusted baseline is an extrapolation of the model. NaN FSU68: no reporting hour.
  double baselineMonthlyMinC = 0, baselineMonthlyMaxC = 0;
  std::vector<std::pair<int, double>> monthsOutsideBaselineWeather;  // yyyymm, mean dry bulb
};

// Baseline period [baselineFrom, changeAt), reporting period [changeAt, reportTo).
SavingsResult verifySavings(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                            core::HourKey baselineFrom, core::HourKey changeAt, core::HourKey reportTo,
                            const flow::LocalCalendar& calendar, const VerifyOptions& options = {});

// The band's half-width for m reporting hours with adjusted baseline energy E.
double savingsUncertaintyKwh(double t, double cvRmse, double n, double nEffective, double m, double adjustedBaselineKwh);

}  // namespace ekm::energy
