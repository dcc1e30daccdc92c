// Real-data validation on the City of Melbourne pedestrian counts (tests/data/flow/SOURCE.txt):
// on rolling origins over a year of 8 sensors the ridge regression must beat the seasonal
// naive forecast (same hour last week) by at least 15% on pooled WAPE, and on MASE.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "ekm/flow/forecast.h"
#include "ekm/flow/series_csv.h"

namespace ekm::flow {
namespace {

const std::string kData =
    std::string(EKM_TEST_DATA_DIR) + "/flow/melbourne_pedestrian_2013-03_2014-02.csv.gz";

struct ModelRun {
  std::vector<BacktestResult> perSensor;
  BacktestTotal total;
};

ModelRun runModel(const SeriesTable& table, ForecastModel model) {
  ForecastOptions fo;
  fo.model = model;
  fo.horizonHours = 7 * 24;
  BacktestOptions bo;
  bo.stepHours = 7 * 24;    // weekly origins ...
  bo.minTrainingDays = 35;  // ... from early April 2013 to late February 2014
  ModelRun run;
  for (const auto& [name, s] : table.series)
    run.perSensor.push_back(backtest(name, s, victoriaCalendar(), fo, bo, {}, core::nullFeedback()));
  run.total = backtestTotal(run.perSensor);
  return run;
}

TEST(FlowMelbourne, ReadsTheNativeLayoutWithMissingHours) {
  const SeriesTable t = readSeriesCsv(kData, victoriaCalendar(), core::nullFeedback());
  EXPECT_EQ(t.layout, "melbourne");
  EXPECT_EQ(t.rows, 67336u);
  ASSERT_EQ(t.series.size(), 8u);
  EXPECT_EQ(t.series[0].first, "2");
  EXPECT_EQ(t.labels.at("2"), "Bourke Street Mall (South)");
  // 01-Mar-2013 00:00 Melbourne wall clock (read at UTC+10) = 2013-02-28T14:00Z.
  const HourKey expectStart = core::daysFromCivil(std::chrono::year{2013} / 2 / 28) * 24 + 14;
  EXPECT_EQ(t.series[0].second.start, expectStart);
  // 365 days; the spring-forward hour (2013-10-06 02:00) is absent, so missing, not zero.
  EXPECT_EQ(t.series[0].second.size(), 365u * 24u);
  EXPECT_EQ(t.series[0].second.presentCount(), 8759u);
  const HourKey dst = victoriaCalendar().hourKey(std::chrono::year{2013} / 10 / 6, 2);
  EXPECT_TRUE(std::isnan(t.series[0].second.at(dst)));
  // Sensor 7 (Birrarung Marr) has gaps in this year.
  for (const auto& [n, s] : t.series)
    if (n == "7") {
      EXPECT_LT(s.presentCount(), 8400u);
    }
}

TEST(FlowMelbourne, RegressionBeatsSeasonalNaive) {
  const SeriesTable t = readSeriesCsv(kData, victoriaCalendar(), core::nullFeedback());
  const ModelRun naive = runModel(t, ForecastModel::SeasonalNaive);
  const ModelRun profile = runModel(t, ForecastModel::SeasonalProfile);
  const ModelRun reg = runModel(t, ForecastModel::Regression);
  std::printf("%-6s %-32s %8s %8s %8s %8s %8s %8s %6s\n", "sensor", "name", "naiveW", "naiveM", "profW",
              "profM", "regW", "regM", "cov80");
  for (std::size_t i = 0; i < t.series.size(); ++i) {
    const std::string& n = t.series[i].first;
    std::printf("%-6s %-32s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %6.3f\n", n.c_str(),
                t.labels.count(n) ? t.labels.at(n).c_str() : "", naive.perSensor[i].accuracy.wape(),
                naive.perSensor[i].accuracy.mase(), profile.perSensor[i].accuracy.wape(),
                profile.perSensor[i].accuracy.mase(), reg.perSensor[i].accuracy.wape(),
                reg.perSensor[i].accuracy.mase(), reg.perSensor[i].accuracy.coverage(0));
  }
  std::printf("%-6s %-32s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %6.3f\n", "total", "(pooled WAPE, mean MASE)",
              naive.total.pooled.wape(), naive.total.meanMase, profile.total.pooled.wape(),
              profile.total.meanMase, reg.total.pooled.wape(), reg.total.meanMase,
              reg.total.pooled.coverage(0));
  std::printf(
      "coverage 80%%/95%%: naive %.3f/%.3f profile %.3f/%.3f regression %.3f/%.3f; origins per sensor %d\n",
      naive.total.pooled.coverage(0), naive.total.pooled.coverage(1), profile.total.pooled.coverage(0),
      profile.total.pooled.coverage(1), reg.total.pooled.coverage(0), reg.total.pooled.coverage(1),
      reg.perSensor[0].origins);
  EXPECT_GE(reg.perSensor[0].origins, 40);
  EXPECT_LE(reg.total.pooled.wape(), 0.85 * naive.total.pooled.wape());
  EXPECT_LT(reg.total.meanMase, naive.total.meanMase);
  // Same hours scored by every model (missing hours skipped identically).
  EXPECT_EQ(reg.total.pooled.n, naive.total.pooled.n);
}

}  // namespace
}  // namespace ekm::flow
