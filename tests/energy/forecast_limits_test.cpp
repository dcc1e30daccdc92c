// The daily oracle and the weekly-profile oracle (ekm/energy/forecast_limits.h) on days checked
// by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/energy/forecast_limits.h"
#include "ekm/energy/g14_metrics.h"
#include "ekm/flow/series.h"

namespace ekm::energy {
namespace {

TEST(DailyOracle, RescalesEachDayToTheActualTotalAndSplitsTheSquaredError) {
  // Day 1: actual 1 for 12 h then 3 for 12 h (48), forecast 2 all day (48): scale 1, errors
  //        +-1, their day mean 0: 24 of squared error, all within the day.
  // Day 2: actual 2 (hour 5 missing: 23 h, 46), forecast 3 (69 on those hours): scale 2/3, the
  //        oracle is 2 everywhere; errors +1 on 23 h: 23, all in the day's mean.
  // Day 3: actual 1, forecast 0 (total 0): left as it is; errors -1: 24, all in the day's mean.
  const core::HourKey start = 24 * 20000;  // a UTC midnight
  HourlySeries actual{start, {}, "kWh"}, forecast{start, {}, "kWh"};
  for (int h = 0; h < 72; ++h) {
    const int day = h / 24, hour = h % 24;
    actual.values.push_back(day == 0   ? (hour < 12 ? 1.0 : 3.0)
                            : day == 1 ? (hour == 5 ? kMissing : 2.0)
                                       : 1.0);
    forecast.values.push_back(day == 0 ? 2.0 : day == 1 ? 3.0 : 0.0);
  }
  const DailyOracle o = dailyOracle(actual, forecast);
  ASSERT_EQ(o.forecast.start, start);
  ASSERT_EQ(o.forecast.size(), 72u);
  for (int h = 0; h < 24; ++h) EXPECT_DOUBLE_EQ(o.forecast.values[h], 2.0) << h;
  for (int h = 24; h < 48; ++h) EXPECT_NEAR(o.forecast.values[h], 2.0, 1e-12) << h;  // hour 5 too
  for (int h = 48; h < 72; ++h) EXPECT_EQ(o.forecast.values[h], 0.0) << h;
  EXPECT_NEAR(o.withinDayShare, 24.0 / (24 + 23 + 24), 1e-12);
  // The oracle's CV(RMSE): errors +-1 on day 1, 0 on day 2, -1 on day 3: sqrt(48 / 71) over the
  // mean actual (48 + 46 + 24) / 71.
  const G14Metrics g = g14Metrics(actual.values, o.forecast.values, 0);
  EXPECT_EQ(g.n, 71);
  EXPECT_NEAR(g.cvRmse, std::sqrt(48.0 / 71) / (118.0 / 71), 1e-12);
}

TEST(DailyOracle, DaysFollowUtcMidnightsAndMissingForecastsStayMissing) {
  // A series starting at 12 h: its first 12 h are one day, the next 24 h another. The forecast
  // is missing at hour 0 (left missing) and the actual is missing all of the last day (left
  // as it is: no actual total to rescale to).
  const core::HourKey start = 24 * 20000 + 12;
  HourlySeries actual{start, {}, "kWh"}, forecast{start, {}, "kWh"};
  for (int h = 0; h < 60; ++h) {
    actual.values.push_back(h < 12 ? 4.0 : h < 36 ? 1.0 : kMissing);
    forecast.values.push_back(h == 0 ? kMissing : 2.0);
  }
  const DailyOracle o = dailyOracle(actual, forecast);
  EXPECT_TRUE(std::isnan(o.forecast.values[0]));
  for (int h = 1; h < 12; ++h) EXPECT_DOUBLE_EQ(o.forecast.values[h], 4.0) << h;   // 44 / 22
  for (int h = 12; h < 36; ++h) EXPECT_DOUBLE_EQ(o.forecast.values[h], 1.0) << h;  // 24 / 48
  for (int h = 36; h < 60; ++h) EXPECT_EQ(o.forecast.values[h], 2.0) << h;
  // Errors: -2 on 11 h, +1 on 24 h, each equal to its day's mean: nothing within the day.
  EXPECT_DOUBLE_EQ(o.withinDayShare, 0.0);
}

TEST(WeeklyProfileOracle, EachHourIsTheMeanOfItsWeeksSameHourOnDaysOfItsClass) {
  // Two weeks from Monday 2025-01-06 (UTC, no holidays). Actual at hour h of day d (0-based):
  // working days of week 1: 10 + d at 08 h, 1 otherwise; weekend of week 1: 5 at 08 h, 0
  // otherwise; week 2 twice week 1. Hour 08 of Tuesday week 1 missing, and the scored series
  // missing at 09 h of day 0.
  const flow::LocalCalendar cal = flow::plainCalendar(0);
  const core::HourKey start = cal.hourKey(std::chrono::year{2025} / 1 / 6, 0);
  HourlySeries actual{start, {}, "kWh"}, scored{start, {}, "kWh"};
  for (int d = 0; d < 14; ++d)
    for (int h = 0; h < 24; ++h) {
      const int dow = d % 7;
      const double week1 = dow < 5 ? (h == 8 ? 10.0 + dow : 1.0) : (h == 8 ? 5.0 : 0.0);
      actual.values.push_back(d == 1 && h == 8 ? kMissing : (d < 7 ? 1 : 2) * week1);
      scored.values.push_back(d == 0 && h == 9 ? kMissing : 0.0);
    }
  const HourlySeries o = weeklyProfileOracle(actual, scored, cal);
  ASSERT_EQ(o.start, start);
  ASSERT_EQ(o.size(), 14u * 24);
  auto at = [&](int d, int h) { return o.values[static_cast<std::size_t>(d * 24 + h)]; };
  // Week 1, 08 h of working days: (10 + 12 + 13 + 14) / 4 (Tuesday missing).
  for (int d : {0, 2, 3, 4}) EXPECT_DOUBLE_EQ(at(d, 8), 49.0 / 4) << d;
  EXPECT_TRUE(std::isnan(at(1, 8)));  // no actual: not scored
  EXPECT_TRUE(std::isnan(at(0, 9)));  // no forecast: not scored
  EXPECT_DOUBLE_EQ(at(1, 9), 1.0);    // the other working days' 09 h
  EXPECT_DOUBLE_EQ(at(5, 8), 5.0);
  EXPECT_DOUBLE_EQ(at(6, 3), 0.0);
  // Week 2 on its own: (20 + 22 + 24 + 26 + 28) / 5, weekend 10.
  for (int d = 7; d < 12; ++d) EXPECT_DOUBLE_EQ(at(d, 8), 24.0) << d;
  EXPECT_DOUBLE_EQ(at(12, 8), 10.0);
  EXPECT_DOUBLE_EQ(at(13, 23), 0.0);
}

}  // namespace
}  // namespace ekm::energy
