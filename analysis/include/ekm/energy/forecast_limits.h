#pragma once
// What limits an hourly forecast: the daily oracle.
//
// The daily oracle is the forecast rescaled so that each day's total equals the actual day's
// total (UTC days; the totals over the hours where both are present). It is not a forecast —
// it reads the actual totals of the very days it is scored on — but a bound: the error left in
// it is the error of the shape within the day, which no information at the daily level (a
// better daily total from weather, calendar or occupancy) can remove. Days whose forecast
// total is zero, negative or missing are left as they are.
//
// withinDayShare splits the forecast's own squared error e = forecast - actual into the part
// within the day, sum (e - mean_d e)^2, and the part of the daily means, sum n_d (mean_d e)^2;
// it is the first over the sum of both (= sum e^2).
#include "ekm/energy/hourly_series.h"

namespace ekm::energy {

struct DailyOracle {
  HourlySeries forecast;             // the rescaled forecast (same start and length as the input)
  double withinDayShare = kMissing;  // of the input forecast's squared error; NaN without scored hours
};

DailyOracle dailyOracle(const HourlySeries& actual, const HourlySeries& forecast);

}  // namespace ekm::energy
