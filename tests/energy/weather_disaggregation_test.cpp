// Daily -> hourly weather on real JMA Tokyo days (July-August 2022): the daily extremes are
// kept, the solar hours add up to the daily total and the sun is down at night, humidity
// follows a constant dew point, and the hourly mean stays close to JMA's own daily mean.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/energy/import_files.h"
#include "ekm/energy/weather_disaggregation.h"

using namespace ekm;

TEST(WeatherDisaggregation, RealJmaDaysKeepExtremesTotalsAndMeans) {
  const auto parsed = energy::readJmaDailyCsv(std::string(EKM_TEST_DATA_DIR) + "/energy/jma_tokyo_daily_2022-07_08_eng.csv");
  EXPECT_EQ(parsed.format, "jma-compiled");
  ASSERT_EQ(parsed.days.size(), 62u);
  const auto w = energy::disaggregateDaily(parsed.days);
  ASSERT_EQ(w.dryBulbC.size(), 62u * 24);
  double absMeanDiff = 0;
  for (const auto& d : parsed.days) {
    const core::HourKey t0 = core::hourKeyFromJst(d.date, 0);
    double lo = 1e9, hi = -1e9, mean = 0, solarMj = 0;
    for (int h = 0; h < 24; ++h) {
      const double t = w.dryBulbC.at(t0 + h);
      lo = std::min(lo, t);
      hi = std::max(hi, t);
      mean += t / 24;
      solarMj += w.solarWm2.at(t0 + h) * 3600 / 1e6;
      EXPECT_LE(w.relHumidityPct.at(t0 + h), 100.0);
      EXPECT_DOUBLE_EQ(w.dewPointC.at(t0 + h), w.dewPointC.at(t0));
    }
    EXPECT_NEAR(hi, d.tMaxC, 1e-9) << core::formatDate(d.date);
    EXPECT_NEAR(w.dryBulbC.at(t0 + 14), d.tMaxC, 1e-9);
    EXPECT_NEAR(w.dryBulbC.at(t0 + 5), d.tMinC, 1e-9);
    EXPECT_LE(lo, d.tMinC + 1e-9);  // the night before can be colder than the day's minimum
    EXPECT_NEAR(solarMj, d.solarMjM2, 1e-9);
    EXPECT_DOUBLE_EQ(w.solarWm2.at(t0 + 0), 0.0);   // midnight JST
    EXPECT_DOUBLE_EQ(w.solarWm2.at(t0 + 21), 0.0);  // after sunset (about 18:50 in summer)
    // Dew point from the mean vapour pressure, cross-checked with the Tetens/Murray form
    // (independent constants): within 0.2 degC.
    const double a = std::log(d.vapourHpa / 6.1078);
    EXPECT_NEAR(w.dewPointC.at(t0), 237.3 * a / (17.27 - a), 0.2);
    absMeanDiff += std::abs(mean - d.tMeanC) / static_cast<double>(parsed.days.size());
  }
  // The real curve is not symmetric; the hourly mean stays within 1 degC of JMA's mean on
  // average (0.49 degC over 2013-2023, bias +0.39 degC).
  EXPECT_LT(absMeanDiff, 1.0);
}

TEST(WeatherDisaggregation, SolarGeometryAtTokyoNoonInJune) {
  // 2022-06-21, Tokyo: solar noon about 11:42 JST, elevation 90 - 35.69 + 23.44 = 77.75 deg.
  const auto t = core::hourKeyFromJst(std::chrono::year{2022} / 6 / 21, 11);
  const double s = energy::meanSinElevation(t, 35.6917, 139.75);
  EXPECT_GT(s, 0.95);
  EXPECT_LT(s, std::sin(77.75 * M_PI / 180) + 1e-6);
  EXPECT_GT(s, energy::meanSinElevation(t + 1, 35.6917, 139.75));  // 12-13 h is further from noon
  EXPECT_DOUBLE_EQ(energy::meanSinElevation(core::hourKeyFromJst(std::chrono::year{2022} / 6 / 21, 2), 35.6917, 139.75), 0);
}

TEST(WeatherDisaggregation, AMissingDayLeavesItsHoursMissing) {
  using std::chrono::year;
  std::vector<energy::DailyWeather> days(3);
  for (int i = 0; i < 3; ++i) {
    days[i].date = year{2025} / 8 / static_cast<unsigned>(i + 1);
    days[i].tMinC = 25;
    days[i].tMaxC = 33;
    days[i].vapourHpa = 30;
    days[i].solarMjM2 = 20;
  }
  days[1].tMaxC = energy::kMissing;
  days[1].solarMjM2 = energy::kMissing;
  const auto w = energy::disaggregateDaily(days);
  const auto d2 = core::hourKeyFromJst(year{2025} / 8 / 2, 0);
  EXPECT_TRUE(std::isnan(w.dryBulbC.at(d2 + 12)));
  EXPECT_TRUE(std::isnan(w.solarWm2.at(d2 + 12)));
  EXPECT_FALSE(std::isnan(w.dryBulbC.at(d2 + 24 + 14)));
}
