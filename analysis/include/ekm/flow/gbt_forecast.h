#pragma once
// The gradient-boosted-trees model of ekm::flow::forecast (ForecastModel::Gbt, name "gbt"),
// a direct multi-horizon model on the engine of ekm/flow/model_engine.h.
//
// Every forecast hour t of an origin o is one row with features known at o:
//   the local hour, the day key (weekday, holidays as Sunday), holiday and bridge-day flags,
//   the lead t - o, the hour x day-key mean m(t) over the training window, the same hour of
//   the last four weeks before o (each as a ratio to its m), their mean ratio, the level of the
//   last 7 days and of the last day before o (sum y / sum m), the same hour of the last day
//   before o (ratio), a year-end flag (Dec 24 - Jan 3), and the optional weather (temperature,
//   rain) and user events.
// The target is y(t) / m(t), weighted by m(t) (so busy hours count as they do in WAPE); the
// forecast is m(t) times the predicted ratio, never below 0.
// Training rows come from pseudo-origins at the origin's local hour every `strideDays` days of
// the training window (rows with targets before the calibration period); the last 28 days
// before the origin are the split-conformal calibration set (pseudo-origins there, targets
// before o): scores |y - yhat| / s(t), s(t) = max(m(t), 5% of the mean m), give the interval
// half-widths q * s(t) (conformal.h). With less than 28 days of calibration the intervals
// use the training rows' scores (marked by `calibrationHours == 0`).
#include "ekm/flow/forecast.h"

namespace ekm::flow {

struct GbtForecastDiagnostics {
  std::size_t trainingRows = 0;
  std::size_t calibrationHours = 0;
};

Forecast gbtForecast(const HourlySeries& history, HourKey origin, HourKey trainFrom, const LocalCalendar& calendar,
                     const ForecastOptions& options, const ExogenousInputs& inputs,
                     GbtForecastDiagnostics* diagnostics = nullptr);

}  // namespace ekm::flow
