// The demand model's forecast mode on lagged actuals (ekm/energy/demand_model.h: the lag
// stage, a rolling-origin forecast, the seasonal-naive reference).
#include <array>
#include <cmath>
#include <limits>

#include "ekm/energy/demand_model.h"
#include "model_error.h"

namespace ekm::energy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using detail::modelError;
using Terms = std::array<float, kLagTerms>;

// Hours of history before an origin the terms of a horizon reach back.
core::HourKey historyHours(int horizonDays) { return 168 * ((horizonDays - 1) / 7 + 1); }

// Residuals of the lag-free model, y - yhat, over [start, start + size) (NaN: either missing).
struct Residuals {
  core::HourKey start = 0;
  std::vector<double> r;
  double at(core::HourKey t) const {
    return t < start || t >= start + static_cast<core::HourKey>(r.size()) ? kNaN : r[static_cast<std::size_t>(t - start)];
  }
};

Residuals residuals(const DemandModel& m, const HourlySeries& load, const WeatherSeries& weather,
                    const HourlySeries* occupancy, core::HourKey from, core::HourKey to,
                    const flow::LocalCalendar& cal, std::vector<double>* base) {
  const DemandPrediction p = predictDemand(m, weather, occupancy, from, to, cal);
  Residuals res;
  res.start = from;
  res.r.resize(p.mean.size());
  for (std::size_t i = 0; i < res.r.size(); ++i)
    res.r[i] = load.at(from + static_cast<core::HourKey>(i)) - p.mean.values[i];  // NaN propagates
  if (base) *base = p.mean.values;
  return res;
}

// Mean of the residuals over [a, b) when at least minPresent are present.
double meanOver(const Residuals& res, core::HourKey a, core::HourKey b, int minPresent) {
  double s = 0;
  int n = 0;
  for (core::HourKey t = a; t < b; ++t) {
    const double v = res.at(t);
    if (std::isnan(v)) continue;
    s += v;
    ++n;
  }
  return n >= minPresent ? s / n : kNaN;
}

// The terms z1..z4 of hour t on lead day j of the forecast issued at origin o. Only residuals
// before o are read (the guard below is the whole no-look-ahead rule). False: a term missing.
bool lagTerms(const Residuals& res, core::HourKey t, core::HourKey o, int j, Terms& z) {
  auto before = [&](core::HourKey s) { return s < o ? res.at(s) : kNaN; };
  const double v[kLagTerms] = {before(t - 24 * static_cast<core::HourKey>(j + 1)),
                               before(t - 168 * static_cast<core::HourKey>(j / 7 + 1)), meanOver(res, o - 24, o, 18),
                               meanOver(res, o - 168, o, 84)};
  for (int k = 0; k < kLagTerms; ++k) {
    if (std::isnan(v[k])) return false;
    z[static_cast<std::size_t>(k)] = static_cast<float>(v[k]);
  }
  return true;
}

// The training rows of each lead day: hour t of the window with an origin at the local
// midnight j days before t's day.
struct LeadRows {
  std::vector<flow::FeatureTable> fit, calib;
};
LeadRows leadRows(const Residuals& res, core::HourKey from, core::HourKey to, core::HourKey calibFrom, int horizon,
                  const flow::LocalCalendar& cal) {
  LeadRows rows;
  rows.fit.assign(static_cast<std::size_t>(horizon), flow::FeatureTable(kLagTerms));
  rows.calib = rows.fit;
  Terms z{};
  for (core::HourKey t = from; t < to; ++t) {
    const double y = res.at(t);
    if (std::isnan(y)) continue;
    const core::HourKey midnight = t - cal.localHour(t);
    for (int j = 0; j < horizon; ++j)
      if (lagTerms(res, t, midnight - 24 * static_cast<core::HourKey>(j), j, z))
        (t < calibFrom ? rows.fit : rows.calib)[static_cast<std::size_t>(j)].add(z, y);
  }
  return rows;
}

std::shared_ptr<const flow::Regressor> fitLead(const flow::FeatureTable& table) {
  if (table.rows() < 24 * 14) return nullptr;
  auto reg = flow::makeRegressor({.engine = "ridge"});
  reg->fit(table);
  return reg;
}

void append(flow::FeatureTable& to, const flow::FeatureTable& from) {
  to.x.insert(to.x.end(), from.x.begin(), from.x.end());
  to.y.insert(to.y.end(), from.y.begin(), from.y.end());
}

}  // namespace

void fitLagStage(DemandModel& m, const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                 core::HourKey from, core::HourKey to, int horizonDays, const flow::LocalCalendar& cal) {
  if (horizonDays < 1) throw modelError("the lag stage needs a horizon of at least one day", ">= 1", std::to_string(horizonDays));
  // Only the window's actuals: the lags of its first days are missing, not read before it.
  HourlySeries window;
  window.start = from;
  window.values.resize(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)));
  for (std::size_t i = 0; i < window.values.size(); ++i) window.values[i] = load.at(from + static_cast<core::HourKey>(i));
  const Residuals res = residuals(m, window, weather, occupancy, from, to, cal, nullptr);
  // Split-conformal intervals of the lagged forecast: fitted without the last calibrationDays,
  // scored there (pooled over lead days), then refitted on the whole window.
  const int calibDays = m.options.calibrationDays;
  const core::HourKey calibFrom = calibDays > 0 && to - from >= 4 * calibDays * 24 ? to - calibDays * 24 : to;
  const LeadRows rows = leadRows(res, from, to, calibFrom, horizonDays, cal);
  LagStage stage;
  stage.horizonDays = horizonDays;
  std::vector<double> scores;
  for (int j = 0; j < horizonDays; ++j) {
    const auto& fit = rows.fit[static_cast<std::size_t>(j)];
    const auto& calib = rows.calib[static_cast<std::size_t>(j)];
    if (calib.rows() == 0) continue;
    if (const auto reg = fitLead(fit)) {
      const std::vector<double> c = reg->predict(calib);
      for (std::size_t i = 0; i < c.size(); ++i) scores.push_back(std::fabs(calib.y[i] - c[i]));
    }
  }
  if (scores.size() >= 24 * 7) stage.intervals = flow::conformalQuantiles(scores, m.options.intervalLevels);
  for (int j = 0; j < horizonDays; ++j) {
    flow::FeatureTable all = rows.fit[static_cast<std::size_t>(j)];
    append(all, rows.calib[static_cast<std::size_t>(j)]);
    stage.trainingRows += all.rows();
    stage.perLeadDay.push_back(fitLead(all));
  }
  m.lags = std::move(stage);
}

LagForecast forecastWithLags(const DemandModel& m, const HourlySeries& load, const WeatherSeries& weather,
                             const HourlySeries* occupancy, core::HourKey from, core::HourKey to, int step,
                             const flow::LocalCalendar& cal) {
  const int horizon = m.lags.horizonDays;
  if (!m.lags.fitted()) throw modelError("the demand model has no lag stage", "a model fitted with lagHorizonDays", "none");
  if (step < 1 || step > horizon)
    throw modelError("the origins' step exceeds the lag stage's horizon", "1.." + std::to_string(horizon) + " days",
                     std::to_string(step) + " days");
  if (cal.localHour(from) != 0)
    throw modelError("a forecast with lagged actuals starts at a local midnight", "hour 0",
                     "hour " + std::to_string(cal.localHour(from)));
  std::vector<double> base;
  const core::HourKey back = historyHours(horizon);
  const Residuals all = residuals(m, load, weather, occupancy, from - back, std::max(from, to), cal, &base);
  LagForecast out;
  DemandPrediction& p = out.prediction;
  p.mean.start = from;
  p.mean.unit = "kWh";
  p.mean.values.assign(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)), kNaN);
  const flow::ConformalQuantiles& q = m.lags.intervals.q.empty() ? m.intervals : m.lags.intervals;
  for (std::size_t k = 0; k < q.q.size(); ++k) p.intervals.push_back({q.levels[k], {}, {}});
  flow::FeatureTable one(kLagTerms);
  Terms z{};
  for (core::HourKey t = from; t < to; ++t) {
    const std::size_t i = static_cast<std::size_t>(t - from);
    const core::HourKey o = from + (static_cast<core::HourKey>(i) / (24 * step)) * 24 * step;
    const int j = static_cast<int>((t - o) / 24);
    double v = base[static_cast<std::size_t>(t - (from - back))];
    if (!std::isnan(v)) {
      const auto& reg = m.lags.perLeadDay[static_cast<std::size_t>(j)];
      if (reg && lagTerms(all, t, o, j, z)) {
        one.x.assign(z.begin(), z.end());
        v = std::max(0.0, v + reg->predict(one)[0]);
        ++out.lagHours;
      } else {
        ++out.fallbackHours;
      }
    }
    p.mean.values[i] = v;
    for (std::size_t k = 0; k < q.q.size(); ++k) {
      p.intervals[k].low.push_back(std::isnan(v) ? kNaN : std::max(0.0, v - q.q[k]));
      p.intervals[k].high.push_back(std::isnan(v) ? kNaN : v + q.q[k]);
    }
  }
  return out;
}

HourlySeries seasonalNaive(const HourlySeries& load, core::HourKey from, core::HourKey to) {
  HourlySeries s;
  s.start = from;
  s.unit = load.unit;
  for (core::HourKey t = from; t < to; ++t) s.values.push_back(load.at(t - 168));
  return s;
}

}  // namespace ekm::energy
