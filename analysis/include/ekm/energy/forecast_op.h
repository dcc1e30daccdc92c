#pragma once
// Operation energy-forecast: day-ahead or week-ahead hourly demand of a building meter from
// the fitted demand model, the project's weather (a forecast site, or the same site, over the
// forecast hours) and the people-flow forecast of the building's cells. With lags "auto" (the
// default) the forecast also uses the meter's actuals before the origin (the lag stage of
// ekm/energy/demand_model.h: day ahead for 1 day, lags >= the lead time for longer horizons)
// when the origin is a local midnight and the meter has them; otherwise, and with lags "none",
// it is the lag-free model (weather + calendar + occupancy). The result says which (`mode`),
// and the lag stage's variant chosen per meter on the training window (`lag_engine`).
#include "ekm/energy/fit_op.h"

namespace ekm::energy {

struct EnergyForecastParams {
  DemandModelParams model;
  std::string origin;            // first forecast day (local); default: the day after `to`
  std::int64_t horizonDays = 1;  // 1 = day ahead, 7 = week ahead
  std::string forecastSite;      // weather forecast site (default: the model's site)
  std::string lags = "auto";     // "auto": lagged actuals where the meter has them; "none": lag-free

  template <class V>
  void fields(V& v) {
    model.fields(v);
    v("origin", origin, {.help = "first forecast day, YYYY-MM-DD (default: the day after the training window)", .format = "date"});
    v("horizon_days", horizonDays, {.help = "forecast days (1 = day ahead, 7 = week ahead)", .min = 1, .max = 14});
    v("forecast_site", forecastSite, {.help = "weather site holding the weather forecast (default: site)"});
    v("lags", lags, {.help = "auto: also the meter's actuals before the origin (day/week ahead) when it has them; "
                             "none: the lag-free weather/calendar model",
                     .choices = {"auto", "none"}});
  }
  void validate() const;
};

struct EnergyForecastResult {
  EnergyFitResult fit;
  DemandPrediction prediction;
  HourlySeries actual;          // the meter over the forecast hours (NaN where not metered)
  std::string occupancySource;  // "flow forecast (regression)" or "none"
  bool lagged = false;          // the lag stage was used
  std::string mode;             // e.g. "day-ahead with lagged actuals", "lag-free (lags: none)"
  std::size_t lagHours = 0, fallbackHours = 0;  // hours with the lag terms / without (a lag missing)
  std::string lagEngine;        // the lag stage's variant chosen on the training window ("ridge", "gbt"); empty: none
  std::vector<LagStage::Validation> lagValidation;  // each variant's rolling-origin CV(RMSE) on the window's last ~25 %
};

struct EnergyForecastOp {
  static constexpr const char* name = "energy-forecast";
  static constexpr const char* summary = "day-ahead / week-ahead hourly demand of a building meter with intervals";
  static constexpr bool writesProject = false;
  using Params = EnergyForecastParams;
  using Result = EnergyForecastResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::energy
