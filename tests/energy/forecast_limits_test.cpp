// The daily oracle (ekm/energy/forecast_limits.h) on three days checked by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/energy/forecast_limits.h"
#include "ekm/energy/g14_metrics.h"

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

}  // namespace
}  // namespace ekm::energy
