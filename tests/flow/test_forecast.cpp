// Forecast models, intervals, backtests and reconciliation on synthetic series whose truth is
// known by construction; lagged correlation, catchments and the agreement check.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/link.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::flow {
namespace {

using std::chrono::year_month_day;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

double shape(int h) {
  return 20 + 200 * std::exp(-0.5 * std::pow((h - 8.5) / 1.5, 2)) +
         150 * std::exp(-0.5 * std::pow((h - 18) / 2.0, 2)) + 60 * (h >= 10 && h <= 16);
}

// Deterministic pseudo-noise in [-1, 1].
double noise(std::int64_t i) {
  std::uint64_t z = static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ull + 12345;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (z >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

// JST hourly series: weekday/Saturday/holiday levels, a holiday = Sunday level, optional noise.
HourlySeries synthetic(year_month_day first, int days, double noiseShare,
                       double (*effect)(HourKey) = nullptr) {
  const LocalCalendar& cal = japanCalendar();
  HourlySeries s;
  s.start = cal.hourKey(first, 0);
  for (int d = 0; d < days; ++d) {
    const std::int64_t day = core::daysFromCivil(first) + d;
    const DayType t = cal.dayType(day);
    const double level = t == DayType::Weekday ? 1.0 : t == DayType::Saturday ? 0.7 : 0.5;
    for (int h = 0; h < 24; ++h) {
      const HourKey k = cal.hourKey(day, h);
      double v = level * shape(h) * (1.0 + noiseShare * noise(k));
      if (effect) v *= effect(k);
      s.values.push_back(v);
    }
  }
  return s;
}

TEST(FlowForecast, NaiveIsExactOnAWeeklyPeriodicSeries) {
  const LocalCalendar cal = plainCalendar(9);
  HourlySeries s;
  s.start = cal.hourKey(ymd(2025, 1, 6), 0);
  for (int i = 0; i < 10 * 168; ++i) s.values.push_back(100 + (i % 168));
  ForecastOptions o;
  o.model = ForecastModel::SeasonalNaive;
  o.horizonHours = 14 * 24;
  const HourKey origin = s.start + 8 * 168;
  const Forecast f = forecast(s, origin, cal, o);
  ASSERT_EQ(f.mean.size(), 14u * 24u);
  EXPECT_EQ(f.mean.start, origin);
  for (std::size_t i = 0; i < f.mean.size(); ++i)
    EXPECT_DOUBLE_EQ(f.mean.values[i], 100 + ((8 * 168 + i) % 168));
  // The regression reproduces it too (no holidays in a plain calendar).
  o.model = ForecastModel::Regression;
  const Forecast r = forecast(s, origin, cal, o);
  for (std::size_t i = 0; i < r.mean.size(); ++i)
    EXPECT_NEAR(r.mean.values[i], 100 + ((8 * 168 + i) % 168), 0.5);
  o.horizonHours = 15 * 24;
  EXPECT_THROW(forecast(s, origin, cal, o), core::Error);
  o.horizonHours = 24;
  try {
    forecast(s, s.start + 100, cal, o);
    FAIL() << "expected a model error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Model);
  }
}

TEST(FlowForecast, RegressionHandlesHolidaysBetterThanNaive) {
  // Jan-May 2025 JST with noise; Golden Week and spring holidays in the scored span.
  const HourlySeries s = synthetic(ymd(2025, 1, 6), 140, 0.08);
  ForecastOptions o;
  o.horizonHours = 7 * 24;
  BacktestOptions b;
  b.minTrainingDays = 42;
  o.model = ForecastModel::SeasonalNaive;
  const BacktestResult naive = backtest("s", s, japanCalendar(), o, b, {}, core::nullFeedback());
  o.model = ForecastModel::Regression;
  const BacktestResult reg = backtest("s", s, japanCalendar(), o, b, {}, core::nullFeedback());
  o.model = ForecastModel::SeasonalProfile;
  const BacktestResult prof = backtest("s", s, japanCalendar(), o, b, {}, core::nullFeedback());
  EXPECT_GE(reg.origins, 12);
  EXPECT_EQ(reg.accuracy.n, naive.accuracy.n);
  EXPECT_LT(reg.accuracy.wape(), 0.7 * naive.accuracy.wape());
  EXPECT_LT(prof.accuracy.wape(), naive.accuracy.wape());
  EXPECT_LT(reg.accuracy.mase(), naive.accuracy.mase());
  // With 8% multiplicative noise the regression's WAPE is near the noise floor (~4%).
  EXPECT_LT(reg.accuracy.wape(), 0.07);
  // Intervals: roughly nominal coverage on a stationary series.
  EXPECT_NEAR(reg.accuracy.coverage(0), 0.8, 0.1);
  EXPECT_NEAR(reg.accuracy.coverage(1), 0.95, 0.06);
  for (const auto& [name, value] : {std::pair{"mae", reg.accuracy.mae()}, {"rmse", reg.accuracy.rmse()}}) {
    EXPECT_GT(value, 0) << name;
    EXPECT_TRUE(std::isfinite(value)) << name;
  }
  EXPECT_GE(reg.accuracy.rmse(), reg.accuracy.mae());
}

TEST(FlowForecast, MissingHoursAreSkippedNotZero) {
  HourlySeries s = synthetic(ymd(2025, 1, 6), 84, 0.05);
  // Knock out two days in the training part and one day in the scored part.
  for (int i = 30 * 24; i < 32 * 24; ++i) s.values[static_cast<std::size_t>(i)] = kNaN;
  for (int i = 75 * 24; i < 76 * 24; ++i) s.values[static_cast<std::size_t>(i)] = kNaN;
  ForecastOptions o;
  o.model = ForecastModel::Regression;
  const Forecast f = forecast(s, s.start + 35 * 24, japanCalendar(), o);
  for (double v : f.mean.values) {
    EXPECT_TRUE(std::isfinite(v));
    EXPECT_GT(v, 5.0);  // never dragged to zero by the gap
  }
  BacktestOptions b;
  b.firstOrigin = s.start + 70 * 24;
  b.lastOrigin = s.start + 70 * 24;
  const BacktestResult r = backtest("s", s, japanCalendar(), o, b, {}, core::nullFeedback());
  EXPECT_EQ(r.origins, 1);
  EXPECT_EQ(r.accuracy.n, 7 * 24 - 24);  // the missing day is not scored
  // A forecast right after the gap: lags of missing hours fall back to the means.
  const Forecast g = forecast(s, s.start + 32 * 24, japanCalendar(), o);
  for (double v : g.mean.values) EXPECT_TRUE(std::isfinite(v));
}

// Irregular market days (+50%), so that no weekly/fortnightly lag can stand in for them.
constexpr int kMarketDays[] = {3, 20, 41, 55, 66, 87};
bool isMarketDay(std::int64_t day) {
  for (int m : kMarketDays)
    if (m == day) return true;
  return false;
}

double eventEffect(HourKey t) {
  const LocalCalendar& cal = japanCalendar();
  const std::int64_t d = cal.localDay(t);
  const std::int64_t first = core::daysFromCivil(ymd(2025, 1, 6));
  return isMarketDay(d - first) ? 1.5 : 1.0;
}

TEST(FlowForecast, UserEventsAndWeatherAreLearnt) {
  const HourlySeries s = synthetic(ymd(2025, 1, 6), 98, 0.03, eventEffect);
  ExogenousInputs in;
  for (int d : kMarketDays) {
    const HourKey from = japanCalendar().hourKey(core::daysFromCivil(ymd(2025, 1, 6)) + d, 0);
    in.events.push_back({from, from + 24, "market"});
  }
  ForecastOptions o;
  o.model = ForecastModel::Regression;
  o.horizonHours = 14 * 24;
  const HourKey origin = s.start + 84 * 24;  // day 84: the event falls on day 87 (= origin + 3 days)
  const Forecast with = forecast(s, origin, japanCalendar(), o, in);
  const Forecast without = forecast(s, origin, japanCalendar(), o, {});
  auto err = [&](const Forecast& f) {
    double e = 0;
    for (HourKey t = origin + 3 * 24; t < origin + 4 * 24; ++t) e += std::fabs(f.mean.at(t) - s.at(t));
    return e;
  };
  EXPECT_LT(err(with), 0.3 * err(without));
  // Rain: -30% when it rains; the regression with the rain series beats the one without.
  HourlySeries rain = missingSeries(s.start, s.size() + 14 * 24);
  HourlySeries wet = s;
  for (std::size_t i = 0; i < rain.size(); ++i) {
    rain.values[i] = (i / 24) % 5 == 1 ? 4.0 : 0.0;
    if (i < wet.size() && rain.values[i] > 0) wet.values[i] *= 0.7;
  }
  ExogenousInputs w;
  w.rainMm = rain;
  ForecastOptions o2 = o;
  o2.horizonHours = 7 * 24;
  BacktestOptions b;
  b.minTrainingDays = 56;
  const BacktestResult rw = backtest("wet", wet, japanCalendar(), o2, b, w, core::nullFeedback());
  const BacktestResult rn = backtest("wet", wet, japanCalendar(), o2, b, {}, core::nullFeedback());
  EXPECT_LT(rw.accuracy.wape(), 0.6 * rn.accuracy.wape());
}

TEST(FlowForecast, ParallelEqualsSequentialAndReconciliation) {
  std::vector<HourlySeries> many;
  for (int i = 0; i < 6; ++i) {
    HourlySeries s = synthetic(ymd(2025, 1, 6), 70, 0.05 + 0.01 * i);
    for (double& v : s.values) v *= 1 + i;
    many.push_back(s);
  }
  ForecastOptions o;
  const auto par = forecastMany(many, japanCalendar(), o, 2, core::nullFeedback());
  ASSERT_EQ(par.size(), many.size());
  for (std::size_t i = 0; i < many.size(); ++i) {
    const Forecast seq = forecast(many[i], many[i].end(), japanCalendar(), o);
    EXPECT_EQ(par[i].mean.values, seq.mean.values);
  }
  // Cells scaled to their zone total.
  HourlySeries a{0, {1, 2, 3}}, b{0, {3, 2, kNaN}};
  const HourlySeries zone{0, {8, 2, 6}};
  reconcileProportional({&a, &b}, zone);
  EXPECT_DOUBLE_EQ(a.values[0], 2);
  EXPECT_DOUBLE_EQ(b.values[0], 6);
  EXPECT_DOUBLE_EQ(a.values[1] + b.values[1], 2);
  EXPECT_DOUBLE_EQ(a.values[2], 3);  // a member missing: left as it is
  // Cancel.
  core::Feedback fb;
  fb.cancel();
  EXPECT_THROW(forecastMany(many, japanCalendar(), o, 2, fb), core::CancelledError);
}

TEST(FlowForecast, RobustFitIgnoresSensorFaultsAndRecencyFollowsALevelShift) {
  // Sensor faults: 12 training hours read 30 times the truth, each in another hour x weekday
  // cell, more than two weeks before the origin (out of reach of the lag and level columns:
  // only the fit sees them).
  const HourlySeries clean = synthetic(ymd(2025, 1, 6), 126, 0.0);
  HourlySeries faulty = clean;
  for (int k = 0; k < 12; ++k) faulty.values[static_cast<std::size_t>((20 + 6 * k) * 24 + 8 + k % 10)] *= 30;
  const HourKey origin = clean.start + 119 * 24;
  ForecastOptions o;
  o.horizonHours = 7 * 24;
  o.recencyHalfLifeDays = 0;
  auto err = [&](const Forecast& f) {
    double e = 0;
    for (HourKey t = origin; t < origin + 7 * 24; ++t) e += std::fabs(f.mean.at(t) - clean.at(t));
    return e;
  };
  o.robustIterations = 0;
  const double plain = err(forecast(faulty, origin, japanCalendar(), o));
  o.robustIterations = 3;
  const double robust = err(forecast(faulty, origin, japanCalendar(), o));
  EXPECT_LT(robust, 0.25 * plain) << robust << " vs " << plain;
  // Without faults the Huber passes change little.
  const double cleanRobust = err(forecast(clean, origin, japanCalendar(), o));
  EXPECT_LT(cleanRobust, 0.02 * 7 * 24 * 100);

  // A level shift: the last 5 weeks of 18 run 40% busier (a new shop). Weighting recent
  // rows brings the hour x day indicators to the new level faster than equal weights do.
  HourlySeries shifted = synthetic(ymd(2025, 1, 6), 126, 0.02);
  for (std::size_t i = 84 * 24; i < shifted.size(); ++i) shifted.values[i] *= 1.4;
  auto err2 = [&](const Forecast& f) {
    double e = 0;
    for (HourKey t = origin; t < origin + 7 * 24; ++t) e += std::fabs(f.mean.at(t) - shifted.at(t));
    return e;
  };
  o.robustIterations = 0;
  o.recencyHalfLifeDays = 0;
  const double equal = err2(forecast(shifted, origin, japanCalendar(), o));
  o.recencyHalfLifeDays = 14;
  const double recent = err2(forecast(shifted, origin, japanCalendar(), o));
  EXPECT_LT(recent, 0.8 * equal) << recent << " vs " << equal;
}

TEST(FlowLink, LaggedCorrelationFindsTheShift) {
  HourlySeries x, y;
  x.start = y.start = 1000;
  for (int i = 0; i < 500; ++i) x.values.push_back(noise(i) + 0.5 * std::sin(i * 0.3));
  for (int i = 0; i < 500; ++i) y.values.push_back(i >= 3 ? 2.0 * x.values[i - 3] + 5 : kNaN);
  x.values[100] = kNaN;
  const auto cc = crossCorrelation(x, y, 6);
  ASSERT_EQ(cc.size(), 13u);
  EXPECT_EQ(cc.front().lag, -6);
  const LagCorrelation best = bestLag(cc);
  EXPECT_EQ(best.lag, 3);
  EXPECT_NEAR(best.r, 1.0, 1e-12);
  EXPECT_EQ(best.pairs, 496);
}

// Haversine on a sphere of radius 6371008.8 m (independent of PROJ's ellipsoidal geodesic;
// the two differ by < 0.5% over a few hundred metres).
double haversineM(double lon1, double lat1, double lon2, double lat2) {
  const double r = M_PI / 180;
  const double a = std::pow(std::sin((lat2 - lat1) * r / 2), 2) +
                   std::cos(lat1 * r) * std::cos(lat2 * r) * std::pow(std::sin((lon2 - lon1) * r / 2), 2);
  return 2 * 6371008.8 * std::asin(std::sqrt(a));
}

TEST(FlowLink, StationCatchment) {
  const double lon = 139.7406575, lat = 35.6353954;  // Takanawa Gateway
  const auto cells = meshCatchment(lon, lat, 500, "1/8");
  // 1/8 cells here are ~115.6 m x ~141 m: pi 500^2 / 16,300 m^2 ~ 48 cells.
  EXPECT_GT(cells.size(), 38u);
  EXPECT_LT(cells.size(), 58u);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const mesh::MeshCell c = mesh::decode(cells[i].id);
    EXPECT_NEAR(cells[i].distanceM, haversineM(lon, lat, c.centerLon(), c.centerLat()),
                0.005 * cells[i].distanceM + 0.5);
    EXPECT_LE(cells[i].distanceM, 500);
    if (i) {
      EXPECT_GE(cells[i].distanceM, cells[i - 1].distanceM);
    }
  }
  EXPECT_EQ(cells.front().id, mesh::encode(lat, lon, mesh::MeshLevel::Eighth));
}

TEST(FlowLink, AgreementFlagsTheOddOneOut) {
  const LocalCalendar cal = plainCalendar(9);
  std::vector<std::pair<std::string, HourlySeries>> f;
  for (int k = 0; k < 4; ++k) {
    HourlySeries s;
    s.start = cal.hourKey(ymd(2025, 1, 6), 0);
    for (int d = 0; d < 14; ++d)
      for (int h = 0; h < 24; ++h)
        s.values.push_back((k + 1) * shape(h) * (1 + 0.05 * noise(d * 24 + h + k * 1000)));
    f.emplace_back("cell" + std::to_string(k), s);
  }
  HourlySeries night;
  night.start = f[0].second.start;
  for (int d = 0; d < 14; ++d)
    for (int h = 0; h < 24; ++h) night.values.push_back(shape((h + 12) % 24));
  f.emplace_back("odd", night);
  const auto r = agreementCheck(f, cal);
  ASSERT_EQ(r.size(), 5u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_FALSE(r[k].flagged) << r[k].feature;
    EXPECT_GT(r[k].correlation, 0.95);
    EXPECT_EQ(r[k].days, 14);
  }
  EXPECT_TRUE(r[4].flagged);
  EXPECT_LT(r[4].correlation, 0.5);
  double sum = 0;
  for (double p : r[0].pattern) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-12);
}

}  // namespace
}  // namespace ekm::flow
