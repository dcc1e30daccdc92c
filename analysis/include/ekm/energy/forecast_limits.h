#pragma once
// What limits an hourly forecast: the daily oracle and the weekly-profile oracle.
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
//
// The weekly-profile oracle predicts each scored hour by the mean ACTUAL of the scored hours
// of its own week (Monday to Sunday, local), at its local hour, on days of its class (working
// day, or Saturday / Sunday / holiday): a profile fitted in-sample on the very period it is
// scored on (for a year, about 52 x 24 x 2 means, each of at most 5 or 2 values, so it also
// fits part of the noise). Not a forecast either: an optimistic reference for every forecast
// whose shape within the day comes from the week it is in. What it leaves is the day-to-day
// variation within a week at the same hour — a boiler that fires at 07:10 one morning and
// 07:50 the next, a water heater's cycle drifting in phase.
#include "ekm/energy/hourly_series.h"
#include "ekm/flow/series.h"

namespace ekm::energy {

struct DailyOracle {
  HourlySeries forecast;             // the rescaled forecast (same start and length as the input)
  double withinDayShare = kMissing;  // of the input forecast's squared error; NaN without scored hours
};

DailyOracle dailyOracle(const HourlySeries& actual, const HourlySeries& forecast);

// The weekly-profile oracle over the hours of `scored` (same start and length in the result)
// where `scored` and `actual` are both present; NaN elsewhere.
HourlySeries weeklyProfileOracle(const HourlySeries& actual, const HourlySeries& scored,
                                 const flow::LocalCalendar& calendar);

}  // namespace ekm::energy
