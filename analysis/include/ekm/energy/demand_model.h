#pragma once
// Hourly demand model of one building meter (cooling, heating, electricity, ...): a
// change-point / degree-hour regression on the features of ekm/energy/features.h, fitted by
// the forecasting engine (ekm/flow/model_engine.h: "ridge" by default, or "gbt").
//
// Fit
//  1. Balance points by search: every (Tbh, Tbc) of the grid (heating 8..20 C, cooling
//     12..26 C, 1 C steps, Tbh <= Tbc) is scored by the least-squares fit of the weather and
//     occupancy columns after the calendar groups' means are taken out of them and of the load
//     (Frisch-Waugh: the same coefficients as with the 72 calendar indicators, at a fraction of
//     the cost); the pair with the smallest residual sum of squares wins.
//  2. The heating season's switch temperature Ts (features.h), searched the same way at the
//     balance points found (6..18 C, and "always enabled"; the smallest residual wins).
//  3. Split-conformal intervals: the model is fitted without the last `calibrationDays` of the
//     training window, scored there (|y - yhat|, conformal.h), then refitted on the whole window.
// Forecast: the fitted model driven by a weather forecast (and an occupancy forecast, e.g.
// flow::forecast of the building's mesh cells) over the forecast hours — day-ahead (24 h) or
// week-ahead (168 h). Weather should cover the 7 days before the first forecast hour (T24 needs
// 12 of the last 24 hours, T168 24 of the last 168).
//
// Lagged actuals (the forecast of an operator who knows the meter up to the forecast origin).
// The model above is the M&V baseline (weather + calendar only; energy-verify's IPMVP
// baseline) and stays as it is. The forecast mode adds an error-correction stage on its
// residuals r(s) = y(s) - yhat(s): for an hour t on lead day j (0-based) of a forecast issued
// at the local midnight o,
//   yhat_lag(t) = yhat(t) + c_j + sum_k beta_jk z_k(t)
//   z1 = r(t - 24 (j + 1))        the same hour of the last day before o (day ahead: lag 24)
//   z2 = r(t - 168 (j / 7 + 1))   the same hour of the last week before o (lag 168)
//   z3 = mean r over [o - 24, o)  the last day's level (>= 18 of its 24 hours present)
//   z4 = mean r over [o - 168, o) the last week's level (>= 84 of its 168 hours present)
//   z5 = mean r at t's hour over the days of the week before o whose class (working day, or
//        Saturday / Sunday / holiday) is t's day's: the similar days' correction (at least
//        one present) — for a Monday, the last working days rather than Sunday
// so every lag is at least the lead time and only actuals before o are read. One regressor per
// lead day, fitted on the training window alone by putting an origin at every local midnight
// of it (target and lags inside the window), on cross-fitted residuals: the window in 4
// contiguous blocks, each hour's yhat from the model refitted without its block (stacked
// generalisation: the stage learns from out-of-sample errors, as it will meet them; a
// forecast's lags read the residuals of the model whose forecast they correct). Three variants:
//   "ridge"  the 5-term ridge above (the engine's "ridge"): a level correction, the same for
//            every hour of the day;
//   "gbt"    the engine's gradient-boosted trees on the residual r(t) with 15 terms: z1..z5,
//            the local hour of t, its day type (calendar: working day, Saturday, Sunday or
//            holiday), dry-bulb at t, the mean dry-bulb of
//            00-06 h of t's day (the night before its working morning), T24 (mean of the 24 h
//            before t), yhat(t), the actuals y(t - 24 (j + 1)) and its neighbours -1 h and +1 h
//            (the latest hour before o when that is not before o), and r(o - 1). Weather
//            terms are the weather (forecast) of the forecast hours; the actuals are before o.
//            It can learn hour-specific, temperature-dependent corrections (an optimum-start
//            boost that starts earlier after a cold night).
//   "ridge-hour" the engine's ridge on the same 15 terms plus, for the hour of day t is in,
//            an intercept, the night's temperature, working day and working day x the night's
//            temperature (24 x 4 interaction columns): hour-specific linear corrections.
// The choice per meter (options.lagEngine "auto") is made on the training window only: each
// variant is fitted on the hours before the local midnight after ~75 % of the window and
// forecast over the rest with a rolling origin of the same horizon (an origin every
// horizonDays days), scored by CV(RMSE) there, and chosen by the one-standard-error rule
// (oneStandardErrorChoice below: the simplest variant — ridge, then ridge-hour, then gbt —
// whose validation error is within one standard error of the best's); the chosen variant is
// refitted on the whole window. The
// intervals of the lagged forecast are split-conformal on the winner's rolling-origin errors
// of that validation (pooled over lead days), not on in-sample fits. An hour whose terms are
// not all present (a gap in the meter or the weather before o) gets the lag-free forecast:
// a missing lag is never read as zero or as a mean; the hours are counted.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ekm/energy/features.h"
#include "ekm/energy/g14_metrics.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/flow/conformal.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/model_engine.h"
#include "ekm/flow/series.h"

namespace ekm::energy {

struct DemandModelOptions {
  FeatureSwitches features;
  std::optional<BalancePoints> balance;  // given: no search
  flow::RegressorOptions engine{.engine = "ridge", .ridgeLambda = 1e-4};
  int calibrationDays = 28;              // 0: no intervals
  std::vector<double> intervalLevels = {0.8, 0.95};
  double minTrainingShare = 0.5;         // of the window's hours with a load; fewer -> Error(Model)
  int lagHorizonDays = 0;                // > 0: also fit the lag stage for forecasts this many days ahead
  std::string lagEngine = "auto";        // the lag stage's variant: "auto" (chosen on the window), "ridge", "ridge-hour", "gbt"
};

inline constexpr int kLagTerms = 5;           // z1..z5 above
inline constexpr int kLagTermsExtended = 15;  // the "gbt" variant's terms
inline constexpr int kLagTermsHourly = kLagTermsExtended + 24 * 4;  // the "ridge-hour" variant's
inline constexpr const char* kLagEngineAuto = "auto";
inline constexpr const char* kLagEngineRidge = "ridge";
inline constexpr const char* kLagEngineRidgeHour = "ridge-hour";
inline constexpr const char* kLagEngineGbt = "gbt";

// The error-correction stage on lagged actuals (empty: lag-free).
struct LagStage {
  int horizonDays = 0;
  std::string engine;  // the variant in use: "ridge", "ridge-hour" or "gbt"
  std::vector<std::shared_ptr<const flow::Regressor>> perLeadDay;  // null: too few rows, lag-free
  std::size_t trainingRows = 0;
  flow::ConformalQuantiles intervals;  // of the lagged forecast: the inner validation's errors
  // The inner validation (training window only): each candidate's rolling-origin CV(RMSE) over
  // [validationFrom, window end) (NaN: not fitted or too few hours). Empty: window too short to
  // validate (the variant asked for, "ridge" under "auto", and the lag-free model's intervals).
  struct Validation {
    std::string engine;
    double cvRmse = 0;
    std::size_t hours = 0;
  };
  std::vector<Validation> validation;
  core::HourKey validationFrom = 0;
  bool fitted() const { return horizonDays > 0; }
};

struct DemandModel {
  DemandModelOptions options;
  BalancePoints balance;
  bool withOccupancy = false;
  double occupancyMean = 0;
  std::vector<std::string> featureNames;
  std::shared_ptr<const flow::Regressor> regressor;
  flow::ConformalQuantiles intervals;  // absolute kWh half-widths per level
  G14Metrics training;                 // in-sample, p = parameterCount
  std::size_t trainingHours = 0;
  int parameterCount = 0;
  LagStage lags;
};

struct DemandPrediction {
  HourlySeries mean;                          // kWh per hour, >= 0
  std::vector<flow::PredictionInterval> intervals;
};

// load: the meter; weather over [from - 7 days, to); occupancy optional (people in the
// building's cells). Throws core::Error(Model) when too few hours have a load.
DemandModel fitDemandModel(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                           core::HourKey from, core::HourKey to, const flow::LocalCalendar& calendar,
                           const DemandModelOptions& options = {});

DemandPrediction predictDemand(const DemandModel& model, const WeatherSeries& weather, const HourlySeries* occupancy,
                               core::HourKey from, core::HourKey to, const flow::LocalCalendar& calendar);

// Adds the lag stage for forecasts up to horizonDays ahead to a fitted model: fitted on the
// hours [from, to) of `load` (nothing outside them is read).
void fitLagStage(DemandModel& model, const HourlySeries& load, const WeatherSeries& weather,
                 const HourlySeries* occupancy, core::HourKey from, core::HourKey to, int horizonDays,
                 const flow::LocalCalendar& calendar);

// The one-standard-error rule (Hastie, Tibshirani & Friedman, The Elements of Statistical
// Learning, 2nd ed., section 7.10) over candidates ordered from the simplest: cv[c] is each
// candidate's validation CV(RMSE) (NaN: not scored), daySse[c][d] / dayHours[c][d] its squared
// errors and scored hours on validation day d. The simplest candidate whose mean squared error
// exceeds the best's by no more than one standard error of their paired daily differences (days
// as blocks: hours within a day are strongly correlated) is chosen, so a more complex variant
// replaces a simpler one only when it is better by more than the validation's noise. Returns
// the index, or cv.size() when no candidate was scored.
std::size_t oneStandardErrorChoice(const std::vector<double>& cv, const std::vector<std::vector<double>>& daySse,
                                   const std::vector<std::vector<int>>& dayHours);

struct LagForecast {
  DemandPrediction prediction;
  std::size_t lagHours = 0;       // hours forecast with the lag terms
  std::size_t fallbackHours = 0;  // hours with a lag term missing: the lag-free forecast
};
// Forecast of [from, to) with a rolling origin: origins at the local midnights from,
// from + 24 originStepDays, ...; hour t is forecast from the latest origin o <= t and only
// values of `load` before o are read. 1 <= originStepDays <= model.lags.horizonDays (day
// ahead: 1 and 1; week ahead: 7 and 7). Weather and occupancy must cover [from - 8 days, to)
// (the lags' residuals need the lag-free model's hours before the origin).
LagForecast forecastWithLags(const DemandModel& model, const HourlySeries& load, const WeatherSeries& weather,
                             const HourlySeries* occupancy, core::HourKey from, core::HourKey to, int originStepDays,
                             const flow::LocalCalendar& calendar);

// Same hour last week (y(t - 168)): the seasonal-naive reference of forecasts.
HourlySeries seasonalNaive(const HourlySeries& load, core::HourKey from, core::HourKey to);

// Fit on [trainFrom, trainTo), predict [testFrom, testTo) and score it (G14 with p = 0: the
// held-out hours are not fitted; coverage of the intervals).
struct HeldOutScore {
  G14Metrics heldOut;
  G14Metrics training;
  BalancePoints balance;
  std::vector<double> coverage;  // per interval level
  double fitSeconds = 0;
  HourlySeries predicted;        // the forecast over [testFrom, testTo)
};
HeldOutScore scoreHeldOut(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                          core::HourKey trainFrom, core::HourKey trainTo, core::HourKey testFrom, core::HourKey testTo,
                          const flow::LocalCalendar& calendar, const DemandModelOptions& options = {});

}  // namespace ekm::energy
