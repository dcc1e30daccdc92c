// The demand model's forecast mode on lagged actuals (ekm/energy/demand_model.h: lag stage,
// rolling origin): no value at or after the origin enters a forecast, the lags are aligned to
// the hour, a building whose level wanders from day to day is forecast about as well as its
// law allows, and missing lags fall back to the lag-free model (never read as zero).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "ekm/core/error.h"
#include "ekm/energy/demand_model.h"
#include "model_synthetic.h"

namespace ekm::energy {
namespace {

const flow::LocalCalendar& cal() { return flow::japanCalendar(); }

// The synthetic office of model_synthetic.h plus a day level that wanders (AR(1) from day
// to day, the same all day):
//   load(t) = law(t) + noise(t, sd 8) + L(d),  L(d) = phi L(d - 1) + sigma e(d),  e ~ N(0, 1)
// The weather/calendar/occupancy model cannot know L(d); knowing the meter up to midnight,
// the best day-ahead forecast is law(t) + phi L(d - 1), whose error is sigma e(d) + noise.
constexpr double kPhi = 0.9, kSigma = 10.0;
constexpr int kTrainDays = 365, kTestDays = 120;

struct ArBuilding {
  testing::SyntheticBuilding b;
  std::vector<double> level;  // L(d) per day from the start
  core::HourKey trainFrom = 0, trainTo = 0, end = 0;
};

ArBuilding arBuilding() {
  ArBuilding a;
  a.b = testing::syntheticBuilding(kTrainDays + kTestDays);
  testing::Rng rng(2024);
  double l = 0;
  for (int d = 0; d < kTrainDays + kTestDays; ++d) {
    l = kPhi * l + kSigma * rng.normal();
    a.level.push_back(l);
    for (int h = 0; h < 24; ++h) {
      double& v = a.b.load.values[static_cast<std::size_t>(d * 24 + h)];
      v = std::max(0.0, v + l);
    }
  }
  a.trainFrom = a.b.load.start + 24;
  a.trainTo = a.b.load.start + kTrainDays * 24;
  a.end = a.b.load.end();
  return a;
}

const ArBuilding& building() {
  static const ArBuilding a = arBuilding();
  return a;
}

DemandModel fitted(int horizonDays) {
  const ArBuilding& a = building();
  DemandModelOptions o;
  o.lagHorizonDays = horizonDays;
  o.lagEngine = kLagEngineRidge;  // these tests read the 5-term ridge's structure (lag_variants_test: the choice)
  return fitDemandModel(a.b.load, a.b.weather, &a.b.occupancy, a.trainFrom, a.trainTo, cal(), o);
}

const DemandModel& dayAheadModel() {
  static const DemandModel m = fitted(1);
  return m;
}

double rmse(const std::vector<double>& e) {
  double s = 0;
  for (double v : e) s += v * v;
  return std::sqrt(s / static_cast<double>(e.size()));
}

TEST(EnergyLagForecast, NoValueAtOrAfterTheOriginEntersTheForecast) {
  const ArBuilding& a = building();
  const DemandModel& m = dayAheadModel();
  ASSERT_TRUE(m.lags.fitted());
  const core::HourKey origin = a.trainTo + 30 * 24;
  const LagForecast ref = forecastWithLags(m, a.b.load, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
  ASSERT_EQ(ref.lagHours, 24u);
  // Each value at or after the origin (the day itself and the next two) changed alone, then
  // all of them at once (huge, zero, missing): the forecast does not move by a bit.
  auto same = [&](const HourlySeries& load, const char* what) {
    const LagForecast f = forecastWithLags(m, load, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
    for (std::size_t i = 0; i < 24; ++i) ASSERT_EQ(f.prediction.mean.values[i], ref.prediction.mean.values[i]) << what << " hour " << i;
  };
  for (core::HourKey t = origin; t < origin + 72; ++t) {
    HourlySeries load = a.b.load;
    load.values[static_cast<std::size_t>(t - load.start)] += 500;
    same(load, "one value after the origin");
  }
  for (double v : {1e6, 0.0, kMissing}) {
    HourlySeries load = a.b.load;
    for (core::HourKey t = origin; t < load.end(); ++t) load.values[static_cast<std::size_t>(t - load.start)] = v;
    same(load, "all values after the origin");
  }
  // The week-ahead stage, origins 7 days apart: a week's forecast reads nothing of that week.
  DemandModel week = m;
  fitLagStage(week, a.b.load, a.b.weather, &a.b.occupancy, a.trainFrom, a.trainTo, 7, cal());
  const LagForecast wRef = forecastWithLags(week, a.b.load, a.b.weather, &a.b.occupancy, origin, origin + 168, 7, cal());
  HourlySeries late = a.b.load;
  for (core::HourKey t = origin; t < late.end(); ++t) late.values[static_cast<std::size_t>(t - late.start)] *= 3;
  const LagForecast w = forecastWithLags(week, late, a.b.weather, &a.b.occupancy, origin, origin + 168, 7, cal());
  EXPECT_EQ(w.prediction.mean.values, wRef.prediction.mean.values);
  EXPECT_EQ(wRef.lagHours, 168u);
}

// A value before the origin moves the forecast, and the same-hour lags land on their own hour:
// changing y(origin - 24 + h) (lag 24) or y(origin - 168 + h) (lag 168) moves the forecast of
// hour h by more than every other hour, which all move alike (the day's and the week's mean).
// A lag read one hour off would single out hour h +- 1 instead.
TEST(EnergyLagForecast, LagsAreAlignedToTheHour) {
  const ArBuilding& a = building();
  const DemandModel& m = dayAheadModel();
  const core::HourKey origin = a.trainTo + 30 * 24;
  const LagForecast ref = forecastWithLags(m, a.b.load, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
  for (const int lag : {24, 168}) {
    for (const int h : {0, 5, 11, 23}) {
      HourlySeries load = a.b.load;
      load.values[static_cast<std::size_t>(origin - lag + h - load.start)] += 200;
      const LagForecast f = forecastWithLags(m, load, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
      std::vector<double> delta(24);
      for (std::size_t i = 0; i < 24; ++i) delta[i] = f.prediction.mean.values[i] - ref.prediction.mean.values[i];
      const double other = delta[h == 0 ? 1 : 0];
      EXPECT_NE(other, 0.0) << "lag " << lag << ": the day's/week's mean moves every hour";
      for (int i = 0; i < 24; ++i)
        if (i != h) {
          EXPECT_NEAR(delta[static_cast<std::size_t>(i)], other, 1e-7) << "lag " << lag << " h " << h << " hour " << i;
        }
      EXPECT_GT(std::fabs(delta[static_cast<std::size_t>(h)] - other), 1e-3) << "lag " << lag << " h " << h;
    }
  }
}

TEST(EnergyLagForecast, DayAheadBeatsTheLagFreeModelAsTheLawAllows) {
  const ArBuilding& a = building();
  const DemandModel& m = dayAheadModel();
  const LagForecast da = forecastWithLags(m, a.b.load, a.b.weather, &a.b.occupancy, a.trainTo, a.end, 1, cal());
  const DemandPrediction lf = predictDemand(m, a.b.weather, &a.b.occupancy, a.trainTo, a.end, cal());
  DemandModel week = m;
  fitLagStage(week, a.b.load, a.b.weather, &a.b.occupancy, a.trainFrom, a.trainTo, 7, cal());
  const LagForecast wa = forecastWithLags(week, a.b.load, a.b.weather, &a.b.occupancy, a.trainTo, a.end, 7, cal());
  EXPECT_EQ(da.fallbackHours, 0u);
  // The law's own forecasts on the same days: day ahead law + phi L(d-1); lag-free law + the
  // training days' mean level (what the calendar terms absorb).
  double trainMean = 0;
  for (int d = 1; d < kTrainDays; ++d) trainMean += a.level[static_cast<std::size_t>(d)] / (kTrainDays - 1);
  std::vector<double> eDa, eLf, eWa, eLawDa, eLawLf, eLawWa;
  for (core::HourKey t = a.trainTo; t < a.end; ++t) {
    const std::size_t i = static_cast<std::size_t>(t - a.trainTo), k = static_cast<std::size_t>(t - a.b.load.start);
    const double y = a.b.load.values[k], law = a.b.noiseFree.values[k];
    eDa.push_back(y - da.prediction.mean.values[i]);
    eLf.push_back(y - lf.mean.values[i]);
    eWa.push_back(y - wa.prediction.mean.values[i]);
    eLawDa.push_back(y - law - kPhi * a.level[k / 24 - 1]);
    eLawLf.push_back(y - law - trainMean);
    // A week ahead (origins every 7 days from trainTo): law + phi^(j+1) L(day before the origin).
    const std::size_t day = k / 24, j = (i / 24) % 7, originDay = day - j;
    eLawWa.push_back(y - law - std::pow(kPhi, static_cast<double>(j + 1)) * a.level[originDay - 1]);
  }
  const double da_ = rmse(eDa), lf_ = rmse(eLf), wa_ = rmse(eWa), lawDa = rmse(eLawDa), lawLf = rmse(eLawLf),
               lawWa = rmse(eLawWa);
  std::printf("RMSE: day ahead %.2f, week ahead %.2f, lag-free %.2f; the law's day ahead %.2f, week ahead %.2f, "
              "lag-free %.2f "
              "(expected: sqrt(sigma^2 + 8^2) = %.2f and sqrt(sigma^2 / (1 - phi^2) + 8^2) = %.2f)\n",
              da_, wa_, lf_, lawDa, lawWa, lawLf, std::sqrt(kSigma * kSigma + 64),
              std::sqrt(kSigma * kSigma / (1 - kPhi * kPhi) + 64));
  // Within 15 % of the law's day-ahead error, and the gain over the lag-free model at least
  // the law's ratio (+0.1 for the fitted coefficients).
  EXPECT_LT(da_, 1.15 * lawDa);
  EXPECT_LT(da_ / lf_, lawDa / lawLf + 0.1);
  // A week ahead the level known at the origin has decayed by phi^1..phi^7: within 15 % of the
  // law's week-ahead error, below the lag-free model's and above the day-ahead error.
  EXPECT_LT(wa_, 1.15 * lawWa);
  EXPECT_LT(wa_, lf_);
  EXPECT_GT(wa_, da_);
}

TEST(EnergyLagForecast, MissingLagsFallBackToTheLagFreeModelNeverToZero) {
  const ArBuilding& a = building();
  const DemandModel& m = dayAheadModel();
  const core::HourKey origin = a.trainTo + 30 * 24;
  const DemandPrediction lf = predictDemand(m, a.b.weather, &a.b.occupancy, origin, origin + 24, cal());
  // The whole last day before the origin missing: lag 24 and the day's mean are unknown.
  HourlySeries gap = a.b.load;
  for (core::HourKey t = origin - 24; t < origin; ++t) gap.values[static_cast<std::size_t>(t - gap.start)] = kMissing;
  const LagForecast f = forecastWithLags(m, gap, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
  EXPECT_EQ(f.lagHours, 0u);
  EXPECT_EQ(f.fallbackHours, 24u);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_NEAR(f.prediction.mean.values[i], lf.mean.values[i], 1e-9 * lf.mean.values[i]);
  // One hour missing (05 h the day before): only hour 5 loses its lag 24; the day's mean
  // keeps 23 of 24 hours. Hour 5 is the lag-free forecast; a zero in its place is not.
  HourlySeries one = a.b.load, zero = a.b.load;
  one.values[static_cast<std::size_t>(origin - 24 + 5 - one.start)] = kMissing;
  zero.values[static_cast<std::size_t>(origin - 24 + 5 - zero.start)] = 0;
  const LagForecast g = forecastWithLags(m, one, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
  const LagForecast z = forecastWithLags(m, zero, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal());
  EXPECT_EQ(g.lagHours, 23u);
  EXPECT_EQ(g.fallbackHours, 1u);
  EXPECT_NEAR(g.prediction.mean.values[5], lf.mean.values[5], 1e-9 * lf.mean.values[5]);
  EXPECT_GT(std::fabs(z.prediction.mean.values[5] - lf.mean.values[5]), 1e-3);
  for (std::size_t i = 0; i < 24; ++i)
    if (i != 5) {
      EXPECT_NE(g.prediction.mean.values[i], lf.mean.values[i]) << "hour " << i;
    }
}

TEST(EnergyLagForecast, RefusesAnOriginThatIsNotMidnightOrAStepBeyondTheHorizon) {
  const ArBuilding& a = building();
  const DemandModel& m = dayAheadModel();
  const core::HourKey origin = a.trainTo + 30 * 24;
  EXPECT_THROW(forecastWithLags(m, a.b.load, a.b.weather, &a.b.occupancy, origin + 3, origin + 27, 1, cal()), core::Error);
  EXPECT_THROW(forecastWithLags(m, a.b.load, a.b.weather, &a.b.occupancy, origin, origin + 168, 7, cal()), core::Error);
  const DemandModel none = fitted(0);
  EXPECT_FALSE(none.lags.fitted());
  EXPECT_THROW(forecastWithLags(none, a.b.load, a.b.weather, &a.b.occupancy, origin, origin + 24, 1, cal()), core::Error);
}

}  // namespace
}  // namespace ekm::energy
