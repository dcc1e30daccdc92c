#pragma once
// Hourly forecasts 1..14 days ahead and rolling-origin backtests.
//
// Models
//  - SeasonalNaive: the value of the same hour one week earlier (two weeks for hours more
//    than a week ahead, ...); the baseline. A missing source hour falls back to the week
//    before (up to 4 weeks), then to the seasonal profile.
//  - SeasonalProfile: mean of the same local weekday/hour over the last `profileWeeks`
//    weeks (holidays use the Sunday/holiday profile and are left out of weekday means),
//    times a linear trend of the daily level fitted on the last `trendWeeks` weeks.
//  - Regression: ridge regression (Eigen, LDLT of the normal equations) on
//      hour x day indicators (168: the day types refined to weekdays, i.e. hour x
//      Monday..Saturday, with Sundays and holidays sharing the Sunday/holiday indicators),
//      holiday x 4 hour blocks (a holiday vs an ordinary Sunday), bridge day x 4 hour blocks,
//      the relative deviation of the same hour last day and last week from its
//      hour x day-type mean, scaled to the hour's mean (m(t) * (y(t-L)/m(t-L) - 1), L = 24, 168),
//      the mean relative deviation of the same hour over the last 7 days (level), the mean
//      deviation of the same hour 51-53 weeks back (the annual cycle),
//      a linear trend, optional weather (temperature, rain) and one indicator per
//      user-event label, all scaled by m(t) (relative effects).
//    Hours beyond the first day use the model's own forecasts as lags (recursive).
// Prediction intervals come from empirical quantiles of the model's in-sample residuals
// per local hour of day (naive: the week-ahead errors; profile: residuals over the profile
// window widened by sqrt((K+1)/(K-1)); regression: residuals without the previous day's and
// the 7-day level deviation, which the forecast only has for its first days); the backtest
// reports their empirical coverage (on the Melbourne data the regression's 80%/95% intervals
// cover about 74%/91%: in-sample residuals understate out-of-sample errors).
// The hour x day means m(t) and all fits use the training window only (no look-ahead).
// Missing hours are missing: left out of fitting and scoring, never read as zero.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"

namespace ekm::flow {

//  - Gbt: gradient-boosted trees (XGBoost), a direct multi-horizon model with split-conformal
//    intervals (ekm/flow/gbt_forecast.h).
enum class ForecastModel { SeasonalNaive, SeasonalProfile, Regression, Gbt };
const char* forecastModelName(ForecastModel model);            // "naive", "profile", "regression", "gbt"
ForecastModel forecastModelFromName(const std::string& name);  // throws Error(Usage)

struct UserEvent {
  HourKey from = 0;  // inclusive
  HourKey to = 0;    // exclusive
  std::string label;
};

// Optional exogenous inputs; empty series / no events = not used. Weather series must
// cover the forecast hours to be used there (a missing hour uses the training mean).
struct ExogenousInputs {
  HourlySeries temperatureC;
  HourlySeries rainMm;
  std::vector<UserEvent> events;
};

struct ForecastOptions {
  ForecastModel model = ForecastModel::Regression;
  int horizonHours = 7 * 24;  // 1..14 days
  int trainingDays = 0;       // history used for fitting; 0 = 364 (the profile model itself uses the last
                              // profileWeeks/trendWeeks of it)
  int profileWeeks = 6;       // SeasonalProfile
  int trendWeeks = 8;         // SeasonalProfile
  double ridgeLambda = 0.3;   // relative to each column's sum of squares, on the lag, level and
                              // trend columns (indicators, holidays, weather, events: 0.01);
                              // chosen on the design half of the Melbourne sensors (bench
                              // flow-models --half design)
  // Regression: training rows weighted 0.5^(age / half-life) (0 = equal weights) and refitted
  // `robustIterations` times with Huber weights (IRLS, k = 2 robust SDs of the residuals
  // relative to the hour's mean), so sensor faults and one-off crowds do not pull the hour x
  // day means. Both chosen on the design half of the Melbourne sensors (bench flow-models
  // --half design --half-life D --robust N): 7-day WAPE reduction 20.4% (0 / 0) -> 24.5%
  // (robust 2) -> 26.0% (84 days, 3).
  double recencyHalfLifeDays = 84;
  int robustIterations = 3;
  std::vector<double> intervalLevels = {0.8, 0.95};
};

struct PredictionInterval {
  double level = 0;
  std::vector<double> low, high;  // per forecast hour
};

struct Forecast {
  HourlySeries mean;  // starts at the origin, horizonHours long
  std::vector<PredictionInterval> intervals;
  std::size_t trainingHours = 0;  // present hours used for fitting
};

// Forecasts the hours [origin, origin + horizon) from the history strictly before `origin`.
// Throws core::Error(Model) when the training window holds less than 7 days (168 hours) of
// present values, and Error(Usage) for a bad horizon.
Forecast forecast(const HourlySeries& history, HourKey origin, const LocalCalendar& calendar,
                  const ForecastOptions& options, const ExogenousInputs& inputs = {});

// Accuracy over the scored hours (actual present; forecasts are always defined).
struct Accuracy {
  std::int64_t n = 0;
  double sumAbsError = 0, sumSqError = 0, sumAbsActual = 0;
  double sumScaledAbsError = 0;  // |e| / in-sample MAE of the seasonal naive (lag 168)
  std::int64_t nScaled = 0;
  std::vector<double> intervalLevels;
  std::vector<std::int64_t> inside;  // hours inside each interval

  double mae() const;
  double rmse() const;
  double wape() const;  // sum|e| / sum|y|
  double mase() const;
  double coverage(std::size_t interval) const;
  void add(const Accuracy& other);
};

struct BacktestOptions {
  int stepHours = 7 * 24;              // distance between origins
  int minTrainingDays = 28;            // first origin: this many days after the series start
  std::optional<HourKey> firstOrigin;  // overrides minTrainingDays
  std::optional<HourKey> lastOrigin;   // default: end - horizon
};

struct BacktestResult {
  std::string series;
  std::string model;
  int origins = 0;
  Accuracy accuracy;
};

BacktestResult backtest(const std::string& name, const HourlySeries& series, const LocalCalendar& calendar,
                        const ForecastOptions& options, const BacktestOptions& backtestOptions,
                        const ExogenousInputs& inputs, core::Feedback& feedback);

// Totals over series: WAPE/MAE/RMSE pooled over all hours; MASE = mean of the per-series
// MASE values (series without a defined MASE left out); coverage pooled.
struct BacktestTotal {
  Accuracy pooled;
  double meanMase = 0;
};
BacktestTotal backtestTotal(const std::vector<BacktestResult>& results);

// Forecasts many series in parallel (threads <= 0: std::thread::hardware_concurrency()).
// Each series gets its own origin = its end, and the same exogenous inputs. Progress/cancel
// through feedback.
std::vector<Forecast> forecastMany(const std::vector<HourlySeries>& series, const LocalCalendar& calendar,
                                   const ForecastOptions& options, int threads, core::Feedback& feedback,
                                   const ExogenousInputs& inputs = {});
// The same over series held elsewhere. With `unforecastable` given, a series the model cannot
// forecast (too little history: core::Error(Model)) gets a forecast of missing hours (NaN mean
// and intervals from its end over the horizon) and its index is listed, in order, instead of
// failing the whole call; missing stays missing.
std::vector<Forecast> forecastMany(const std::vector<const HourlySeries*>& series, const LocalCalendar& calendar,
                                   const ForecastOptions& options, int threads, core::Feedback& feedback,
                                   const ExogenousInputs& inputs, std::vector<std::size_t>* unforecastable);

// Proportional reconciliation: scales the member forecasts at every hour so that they add up
// to `total` (hours where the members sum to 0 or either side is missing are left as they are).
void reconcileProportional(std::vector<HourlySeries*> members, const HourlySeries& total);

}  // namespace ekm::flow
