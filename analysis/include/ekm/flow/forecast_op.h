#pragma once
// Operations `forecast` and `backtest`: hourly forecasts 1..14 days ahead from the end of the
// data, or rolling-origin backtests, of one feature of the project (a cell, segment or station;
// a comma-separated list is a zone, summed), of every feature of a kind (`every`, forecast from
// their common end), or of the series of a CSV file (`csv`). The exogenous inputs are the
// project's own weather.csv and events.csv beside the project file (flow/exogenous_csv.h)
// unless `weather`/`events` name files. The model work is flow::runForecasts (forecast_run.h).
// Results are keyed (feature, datetime) and (feature) — with the model as a further key when
// several models ran — and drawn as cells or segments, so two scenario runs (another model,
// other weather) compare hour by hour and feature by feature.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ekm/flow/forecast_run.h"
#include "ekm/flow/series_params.h"
#include "ekm/ops/operation.h"

namespace ekm::flow {

struct ForecastParams {
  std::optional<std::string> csv;
  std::optional<std::string> series;
  FeatureParams feature;
  std::optional<std::string> every;
  std::string model = "regression";
  std::int64_t horizon = 7;
  std::optional<std::int64_t> training_days;
  std::optional<std::string> calendar;
  SeriesMeasureParams measure;
  std::optional<std::string> weather;
  std::optional<std::string> events;
  bool project_inputs = true;
  std::int64_t threads = 1;

  template <class V>
  void fields(V& v) {
    v("csv", csv, {.help = "hourly counts from a CSV file instead of the project (long CSV or the City of "
                          "Melbourne export)", .role = ops::Role::InputFile});
    v("series", series, {.help = "with csv: only this series"});
    feature.fields(v);
    v("every", every, {.help = "every feature of this kind (forecast from their common end)",
                       .choices = {"cell", "segment", "station"}});
    v("model", model, {.help = "naive (same hour last week), profile (weekday/hour profile with a trend), "
                                "regression (ridge on calendar, lags, weather, events), all three, or gbt "
                                "(gradient-boosted trees averaged with the ridge, conformal intervals; slower)",
                       .choices = {"naive", "profile", "regression", "all", "seasonal-naive",
                                   "seasonal-profile", "ridge", "gbt"}});
    v("horizon", horizon, {.help = "days ahead", .min = 1, .max = 14});
    v("training_days", training_days, {.help = "history used for fitting (default 364)", .min = 7, .max = 3660});
    v("calendar", calendar, {.help = "day types: japan (default; victoria for a Melbourne export), victoria, "
                                      "none or none+H (UTC offset H)"});
    measure.fields(v);
    v("weather", weather, {.help = "weather CSV (default: weather.csv beside the project)",
                           .role = ops::Role::InputFile});
    v("events", events, {.help = "events CSV label,from,to (default: events.csv beside the project)",
                         .role = ops::Role::InputFile});
    v("project_inputs", project_inputs, {.help = "read weather.csv and events.csv beside the project when "
                                                  "weather/events are not given"});
    v("threads", threads, {.help = "worker threads for many series (0 = all cores)", .min = 0, .max = 256});
  }
  void validate() const;
  std::vector<ForecastModel> models() const;
  ForecastOptions options() const;
};

struct BacktestParams {
  ForecastParams forecast;
  std::int64_t step_days = 7;
  std::int64_t min_training_days = 28;
  std::optional<std::int64_t> origins;

  template <class V>
  void fields(V& v) {
    forecast.fields(v);
    v("step_days", step_days, {.help = "days between forecast origins", .min = 1, .max = 365});
    v("min_training_days", min_training_days,
      {.help = "days of history before the first origin", .min = 7, .max = 3660});
    v("origins", origins, {.help = "only the latest N origins", .min = 1, .max = 100000});
  }
  void validate() const { forecast.validate(); }
  BacktestOptions options() const;
};

// What both operations give: the series they read and the model work's result.
struct ForecastOutcome {
  std::string kind;  // "cell", "segment", "station" or "csv"
  LocalCalendar calendar = japanCalendar();
  std::vector<NamedSeries> series;            // the inputs, in output order
  std::map<std::string, std::string> labels;  // series -> name (a Melbourne export's sensor names)
  double coverage = 1;                        // one project feature: share of present (member-)hours
  ForecastRunParams run;                      // as run (inputs included)
  ForecastRunResult result;
  std::vector<std::string> unforecastable;    // `every`: series without enough data (left missing)
};

struct ForecastOp {
  static constexpr const char* name = "forecast";
  static constexpr const char* summary =
      "hourly forecasts 1-14 days ahead (naive, profile, ridge regression) with weather and events";
  static constexpr bool writesProject = false;
  using Params = ForecastParams;
  using Result = ForecastOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct BacktestOp {
  static constexpr const char* name = "backtest";
  static constexpr const char* summary =
      "rolling-origin backtests of the forecast models: MAE, RMSE, WAPE, MASE, interval coverage";
  static constexpr bool writesProject = false;
  using Params = BacktestParams;
  using Result = ForecastOutcome;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::flow
