#pragma once
// Accuracy of energy models and forecasts (ASHRAE Guideline 14-2014; ../shared/ENERGY.md):
//   CV(RMSE) = sqrt(sum (yhat - y)^2 / (N - p)) / ybar
//   NMBE     = sum (y - yhat) / ((N - p) * ybar)        (positive: the model under-predicts)
// with p the number of model parameters (p = 0, i.e. N, for a forecast that is not a
// regression fitted on these hours). Calibration criteria (G14 / FEMP): hourly CV(RMSE) <= 30%
// and NMBE within +-10%; monthly <= 15% and +-5%.
// For people flow: WAPE = sum|e| / sum|y| and MASE = mean|e| / mean|y(t) - y(t - m)| of the
// seasonal naive (m = 168 hours) on the training data.
// Hours where either side is missing (NaN) are left out, never read as zero.
#include <cstdint>
#include <span>
#include <vector>

namespace ekm::energy {

struct G14Metrics {
  std::int64_t n = 0;         // scored hours (both present)
  int p = 0;                  // model parameters used in the degrees of freedom
  double meanActual = 0;      // ybar
  double rmse = 0;            // sqrt(sum e^2 / (N - p))
  double cvRmse = 0;          // fraction (0.2 = 20%)
  double nmbe = 0;            // fraction, signed
  double wape = 0;            // fraction
  bool passesHourly() const;  // CV(RMSE) <= 0.30 and |NMBE| <= 0.10
  bool meetsHourlyAim() const;  // <= 0.20 and +-0.05
};

// Throws core::Error(Model) when N - p < 1 or ybar is not positive.
G14Metrics g14Metrics(std::span<const double> actual, std::span<const double> predicted, int p = 0);

// Sums the hours of each month (calendar months of the series' hour keys shifted to local
// time by utcOffsetHours) into monthly totals; months with fewer than minShare present hours
// on both sides are left out. Returns (actual, predicted) monthly totals.
struct MonthlyTotals {
  std::vector<int> yearMonth;  // yyyymm
  std::vector<double> actual, predicted;
};
MonthlyTotals monthlyTotals(std::int64_t startHour, std::span<const double> actual,
                            std::span<const double> predicted, int utcOffsetHours, double minShare = 0.9);

double wape(std::span<const double> actual, std::span<const double> predicted);
// MASE against the seasonal naive of period `season` measured on `training` (NaN when the
// scale is zero or undefined).
double mase(std::span<const double> actual, std::span<const double> predicted, std::span<const double> training,
            int season = 168);

// Lag-1 autocorrelation of a residual series (NaN hours break pairs).
double lag1Autocorrelation(std::span<const double> residuals);

// Two-sided Student-t critical value for `confidence` (e.g. 0.90) and dof degrees of freedom.
double studentT(double confidence, double dof);

}  // namespace ekm::energy
