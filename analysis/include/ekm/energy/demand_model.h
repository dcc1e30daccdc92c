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
