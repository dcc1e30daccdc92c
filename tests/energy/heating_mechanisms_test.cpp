// The heating mechanisms of the demand model (features.h) on synthetic buildings whose law is
// written here, independently of the model's code:
//  - the heating season: a plant enabled only while the last 7 days averaged below 12 C, with a
//    standing load while enabled; the search must find the switch and the forecast must drop
//    to the base load when the plant is off, where the always-enabled model cannot;
//  - the heating profile: heat delivered on the working day's schedule (08-18 h) in proportion
//    to the daily degree-days, which hour-of-day slopes of HDD24 can represent.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/energy/demand_model.h"
#include "model_synthetic.h"

namespace ekm::energy {
namespace {

const flow::LocalCalendar& cal() { return flow::japanCalendar(); }

// Mean of the temperature over the hours t-167 .. t (the law's own reading of "the last 7 days").
double lastWeekMean(const HourlySeries& temp, core::HourKey t) {
  double s = 0;
  int n = 0;
  for (int k = 0; k < 168; ++k)
    if (const double v = temp.at(t - k); !std::isnan(v)) {
      s += v;
      ++n;
    }
  return n ? s / n : std::nan("");
}

double lastDayMean(const HourlySeries& temp, core::HourKey t) {
  double s = 0;
  for (int k = 0; k < 24; ++k) s += temp.at(std::max(temp.start, t - k));
  return s / 24;
}

struct Law {
  testing::SyntheticBuilding b;
  HourlySeries truth;  // noise-free
};

template <class F>
Law lawBuilding(F&& law, double noiseSd) {
  Law l{testing::syntheticBuilding(2 * 364), {}};
  testing::Rng rng(11);
  l.truth = l.b.load;
  for (std::size_t i = 0; i < l.b.load.size(); ++i) {
    const core::HourKey t = l.b.load.start + static_cast<core::HourKey>(i);
    l.truth.values[i] = law(t);
    l.b.load.values[i] = std::max(0.0, l.truth.values[i] + noiseSd * rng.normal());
  }
  return l;
}

DemandModelOptions options(bool profile, bool season) {
  DemandModelOptions o;
  o.features.heatingProfile = profile;
  o.features.heatingSeason = season;
  o.calibrationDays = 0;
  return o;
}

TEST(EnergyHeatingMechanisms, HeatingSeasonSwitchesThePlantOffAboveTheSwitchTemperature) {
  // Base 10 kWh; while enabled (last 7 days below 12 C) a standing 30 kWh plus 6 kWh per
  // degree of the last 24 hours below 15 C.
  const HourlySeries temp = testing::syntheticBuilding(2 * 364).weather.dryBulbC;  // lawBuilding's weather
  auto enabled = [&](core::HourKey t) { return lastWeekMean(temp, t) < 12.0; };
  const Law l = lawBuilding(
      [&](core::HourKey t) {
        return 10.0 + (enabled(t) ? 30.0 + 6.0 * std::max(0.0, 15.0 - lastDayMean(temp, t)) : 0.0);
      },
      3.0);
  const core::HourKey s = l.b.load.start, split = s + 364 * 24, end = l.b.load.end();
  const DemandModel with = fitDemandModel(l.b.load, l.b.weather, nullptr, s + 24, split, cal(), options(true, true));
  const DemandModel without = fitDemandModel(l.b.load, l.b.weather, nullptr, s + 24, split, cal(), options(true, false));
  ASSERT_TRUE(with.balance.seasonal());
  EXPECT_NEAR(with.balance.heatingSeasonC, 12.0, 1.0);
  EXPECT_FALSE(without.balance.seasonal());
  // Held-out year: hours the law has off (and within 3 C of the switch: the shoulder seasons,
  // where the switch matters) against the law.
  const DemandPrediction pw = predictDemand(with, l.b.weather, nullptr, split, end, cal());
  const DemandPrediction po = predictDemand(without, l.b.weather, nullptr, split, end, cal());
  double errWith = 0, errWithout = 0, errAll = 0, truthAll = 0;
  int n = 0;
  for (std::size_t i = 0; i < pw.mean.size(); ++i) {
    const core::HourKey t = split + static_cast<core::HourKey>(i);
    const double truth = l.truth.at(t);
    errAll += std::fabs(pw.mean.values[i] - truth);
    truthAll += truth;
    const double t7 = lastWeekMean(temp, t);
    if (t7 < 12.0 || t7 > 15.0) continue;
    ++n;
    errWith += std::fabs(pw.mean.values[i] - truth);
    errWithout += std::fabs(po.mean.values[i] - truth);
  }
  ASSERT_GT(n, 24 * 14);
  errWith /= n;
  errWithout /= n;
  std::printf("switch found %.0f C; shoulder-season mean |error| against the law: with the season %.2f, without "
              "%.2f kWh; whole year %.1f%%\n",
              with.balance.heatingSeasonC, errWith, errWithout, 100 * errAll / truthAll);
  EXPECT_LT(errWith, 2.0);  // kWh per hour, on a base of 10
  EXPECT_GT(errWithout, 2.0 * errWith);
  EXPECT_LT(errAll / truthAll, 0.05);  // the whole held-out year, against the law
}

TEST(EnergyHeatingMechanisms, HeatingProfileSpreadsDegreeDaysOverTheWorkingDay) {
  // Heat on working days 08-18 h: 4 kWh per degree of the last 24 hours below 16 C; other hours
  // and days a fifth of it; a base of 10 kWh.
  const HourlySeries temp = testing::syntheticBuilding(2 * 364).weather.dryBulbC;
  const Law l = lawBuilding(
      [&](core::HourKey t) {
        const int h = cal().localHour(t);
        const bool work = cal().dayType(cal().localDay(t)) == core::DayType::Weekday && h >= 8 && h < 18;
        return 10.0 + (work ? 1.0 : 0.2) * 4.0 * std::max(0.0, 16.0 - lastDayMean(temp, t));
      },
      2.0);
  const core::HourKey s = l.b.load.start, split = s + 364 * 24, end = l.b.load.end();
  const DemandModel with = fitDemandModel(l.b.load, l.b.weather, nullptr, s + 24, split, cal(), options(true, false));
  const DemandModel without = fitDemandModel(l.b.load, l.b.weather, nullptr, s + 24, split, cal(), options(false, false));
  const DemandPrediction pw = predictDemand(with, l.b.weather, nullptr, split, end, cal());
  const DemandPrediction po = predictDemand(without, l.b.weather, nullptr, split, end, cal());
  double seWith = 0, seWithout = 0;
  for (std::size_t i = 0; i < pw.mean.size(); ++i) {
    const double truth = l.truth.at(split + static_cast<core::HourKey>(i));
    seWith += (pw.mean.values[i] - truth) * (pw.mean.values[i] - truth);
    seWithout += (po.mean.values[i] - truth) * (po.mean.values[i] - truth);
  }
  const double rmseWith = std::sqrt(seWith / pw.mean.size()), rmseWithout = std::sqrt(seWithout / po.mean.size());
  std::printf("RMSE against the law: with the heating profile %.3f, without %.3f kWh\n", rmseWith, rmseWithout);
  EXPECT_LT(rmseWith, 1.0);
  EXPECT_LT(rmseWith, 0.5 * rmseWithout);
}

}  // namespace
}  // namespace ekm::energy
