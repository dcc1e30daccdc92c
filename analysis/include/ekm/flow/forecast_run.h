#pragma once
// The model work of a forecast request: forecasts (or rolling-origin backtests) of named
// series with one or more models, from plain parameters to a plain result; no reading, no
// printing. The CLI's `forecast` command is a front end of it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/forecast.h"

namespace ekm::flow {

using NamedSeries = std::pair<std::string, HourlySeries>;

struct ForecastRunParams {
  std::vector<ForecastModel> models{ForecastModel::Regression};
  ForecastOptions options;                  // `model` is set for each model in turn
  std::optional<BacktestOptions> backtest;  // set: backtests instead of forecasts
  ExogenousInputs inputs;                   // weather and events (exogenous_csv.h)
  int threads = 1;                          // forecasts of many series in parallel (<= 0: all cores)
  bool skipUnforecastable = false;          // forecasts: a series with too little history is left
                                            // missing (listed) instead of failing the run
};

struct SeriesForecast {
  std::string series;
  ForecastModel model = ForecastModel::Regression;
  Forecast forecast;  // from the series' end
};

struct ModelBacktests {
  ForecastModel model = ForecastModel::Regression;
  std::vector<BacktestResult> series;  // in the order of the input series
  BacktestTotal total;
  int origins = 0;  // summed over the series
};

struct ForecastRunResult {
  std::vector<SeriesForecast> forecasts;  // without backtest: by model, then series
  std::vector<ModelBacktests> backtests;  // with backtest: one per model
  std::vector<std::string> unforecastable;  // skipUnforecastable: those series, once each
};

// Progress and Cancel through `feedback` (throws core::CancelledError); model errors as
// core::Error(Model).
ForecastRunResult runForecasts(const std::vector<NamedSeries>& series, const LocalCalendar& calendar,
                               const ForecastRunParams& params, core::Feedback& feedback);

}  // namespace ekm::flow
