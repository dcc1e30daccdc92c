// The demand model's forecast mode on lagged actuals (ekm/energy/demand_model.h: the lag
// stage and its three variants, the per-meter choice on the training window, a rolling-origin
// forecast, the seasonal-naive reference).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "ekm/energy/demand_model.h"
#include "model_error.h"

namespace ekm::energy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using detail::modelError;

// Hours of history before an origin the terms of a horizon reach back.
core::HourKey historyHours(int horizonDays) { return 168 * ((horizonDays - 1) / 7 + 1); }

// Mean of at(t) over [a, b) when at least minPresent values are present (NaN otherwise).
template <class At>
double meanOf(const At& at, core::HourKey a, core::HourKey b, int minPresent) {
  double sum = 0;
  int n = 0;
  for (core::HourKey t = a; t < b; ++t) {
    const double v = at(t);
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n >= minPresent ? sum / n : kNaN;
}

// The lag-free model's hours over [start, start + size): the actual y, the forecast yhat, the
// residual r = y - yhat (NaN: either missing), and the weather and calendar terms of the
// extended variant (they describe the forecast hour itself: weather is the weather forecast).
struct Hours {
  core::HourKey start = 0;
  std::vector<double> y, base, r, temp, night, t24, dayType;
  std::vector<int> hour;
  static double at(const std::vector<double>& v, core::HourKey start, core::HourKey t) {
    return t < start || t >= start + static_cast<core::HourKey>(v.size()) ? kNaN : v[static_cast<std::size_t>(t - start)];
  }
  double rAt(core::HourKey t) const { return at(r, start, t); }
  double yAt(core::HourKey t) const { return at(y, start, t); }
  std::size_t index(core::HourKey t) const { return static_cast<std::size_t>(t - start); }
};

// The hours [from, to) with `base` as the lag-free forecast of each.
Hours hoursWith(std::vector<double> base, const HourlySeries& load, const WeatherSeries& weather, core::HourKey from,
                const flow::LocalCalendar& cal) {
  Hours h;
  h.start = from;
  const std::size_t n = base.size();
  h.base = std::move(base);
  for (std::vector<double>* v : {&h.y, &h.r, &h.temp, &h.night, &h.t24, &h.dayType}) v->resize(n);
  h.hour.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const core::HourKey t = from + static_cast<core::HourKey>(i);
    h.y[i] = load.at(t);
    h.r[i] = h.y[i] - h.base[i];  // NaN propagates
    h.hour[i] = cal.localHour(t);
    h.dayType[i] = static_cast<double>(cal.dayType(cal.localDay(t)));  // 0 weekday, 1 Saturday, 2 Sunday/holiday
    h.temp[i] = weather.dryBulbC.at(t);
    const core::HourKey midnight = t - h.hour[i];
    const auto temp = [&](core::HourKey s) { return weather.dryBulbC.at(s); };
    h.night[i] = meanOf(temp, midnight, midnight + 6, 4);  // 00-06 h of t's day
    h.t24[i] = meanOf(temp, t - 24, t, 12);
  }
  return h;
}

// The window's hours with cross-fitted lag-free forecasts: the lag stage learns from the
// residuals of forecasts of hours the lag-free model was not fitted on, as stacked
// generalisation trains its second stage on the first stage's out-of-sample predictions
// (Wolpert 1992, Neural Networks 5:241; Breiman 1996, Machine Learning 24:49). In-sample
// residuals are smaller and less persistent than those of a forecast of a later period (a
// schedule that moved by an hour, a level that drifted), so a stage fitted on them corrects
// too little and its intervals are too narrow. The window is cut at local midnights into
// kCrossFitBlocks contiguous blocks; each is forecast by the model refitted without it, with
// the same options and the balance points found on the whole window (kept, not searched
// again: two parameters, and the search is most of a fit's time). A block whose refit fails
// (too few hours left) keeps the whole window's in-sample forecast.
constexpr int kCrossFitBlocks = 4;

Hours crossFittedHours(const DemandModel& m, const HourlySeries& window, const WeatherSeries& weather,
                       const HourlySeries* occupancy, core::HourKey from, core::HourKey to, const flow::LocalCalendar& cal) {
  std::vector<double> base = predictDemand(m, weather, occupancy, from, to, cal).mean.values;
  DemandModelOptions o = m.options;
  o.lagHorizonDays = 0;
  o.balance = m.balance;
  o.calibrationDays = 0;  // the refits' intervals are not used
  auto cut = [&](int k) {
    if (k == 0) return from;
    if (k == kCrossFitBlocks) return to;
    const core::HourKey t = from + (to - from) * k / kCrossFitBlocks;
    return std::clamp(t - cal.localHour(t), from, to);
  };
  for (int b = 0; b < kCrossFitBlocks && to > from; ++b) {
    const core::HourKey b0 = cut(b), b1 = cut(b + 1);
    if (b1 <= b0) continue;
    HourlySeries rest = window;
    for (core::HourKey t = b0; t < b1; ++t)
      if (t >= rest.start && t < rest.end()) rest.values[static_cast<std::size_t>(t - rest.start)] = kNaN;
    try {
      const DemandModel fold = fitDemandModel(rest, weather, occupancy, from, to, cal, o);
      const DemandPrediction p = predictDemand(fold, weather, occupancy, b0, b1, cal);
      std::copy(p.mean.values.begin(), p.mean.values.end(), base.begin() + (b0 - from));
    } catch (const core::Error&) {
      // too few hours outside the block: the in-sample forecast stays
    }
  }
  return hoursWith(std::move(base), window, weather, from, cal);
}

// The hours [from, to) for a forecast: the lag-free model's forecast. The lags inside the
// training window read the whole window's model too, not the cross-fitted forecasts the stage
// was trained on: the correction is added to that model's forecast, so its residuals are the
// ones that pair with the target (as in training, where lag and target come from the same
// block's refit). Reading the cross-fitted ones there was tried: on the bench's building 1298,
// whose held-out weeks lie between training weeks, the week-ahead chilled-water CV went from
// 28.6 to 31.6 % and day-ahead electricity from 7.6 to 8.7 %; the Cambridge years, forecast
// after their window, did not move.
Hours forecastHours(const DemandModel& m, const HourlySeries& load, const WeatherSeries& weather,
                    const HourlySeries* occupancy, core::HourKey from, core::HourKey to, const flow::LocalCalendar& cal) {
  return hoursWith(predictDemand(m, weather, occupancy, from, to, cal).mean.values, load, weather, from, cal);
}

// Mean of the residuals over [a, b) when at least minPresent are present.
double meanOver(const Hours& h, core::HourKey a, core::HourKey b, int minPresent) {
  return meanOf([&](core::HourKey t) { return h.rAt(t); }, a, b, minPresent);
}

// Whether the day type (as Hours::dayType stores it) is a working day.
bool workingDay(double dayType) { return dayType == static_cast<double>(core::DayType::Weekday); }

// z5 (demand_model.h): the mean residual at t's hour on the days of the week before the origin
// o whose class (working / non-working) is t's: the similar days' correction (NaN: none).
double sameDayClassResidual(const Hours& h, core::HourKey t, core::HourKey o, int j) {
  const bool working = workingDay(Hours::at(h.dayType, h.start, t));
  double sum = 0;
  int n = 0;
  for (int k = j + 1; k <= j + 7; ++k) {
    const core::HourKey s = t - 24 * static_cast<core::HourKey>(k);
    const double type = Hours::at(h.dayType, h.start, s);
    if (s >= o || std::isnan(type) || workingDay(type) != working) continue;
    const double r = h.rAt(s);
    if (std::isnan(r)) continue;
    sum += r;
    ++n;
  }
  return n ? sum / n : kNaN;
}

// The columns of a variant's rows (see demand_model.h).
int columns(const std::string& engine) {
  return engine == kLagEngineGbt ? kLagTermsExtended : engine == kLagEngineRidgeHour ? kLagTermsHourly : kLagTerms;
}

// The terms of hour t on lead day j of the forecast issued at origin o, for a variant. Only
// actuals before o are read (the `before` guards are the whole no-look-ahead rule; the other
// terms are the forecast hour's weather, calendar and lag-free forecast). False: a term missing.
bool lagTerms(const Hours& h, const std::string& engine, core::HourKey t, core::HourKey o, int j, float* x) {
  auto rBefore = [&](core::HourKey s) { return s < o ? h.rAt(s) : kNaN; };
  auto yBefore = [&](core::HourKey s) { return s < o ? h.yAt(s) : kNaN; };
  const core::HourKey day = 24 * static_cast<core::HourKey>(j + 1);
  const double z[kLagTerms] = {rBefore(t - day), rBefore(t - 168 * static_cast<core::HourKey>(j / 7 + 1)),
                               meanOver(h, o - 24, o, 18), meanOver(h, o - 168, o, 84),
                               sameDayClassResidual(h, t, o, j)};
  for (int k = 0; k < kLagTerms; ++k) {
    if (std::isnan(z[k])) return false;
    x[k] = static_cast<float>(z[k]);
  }
  if (engine == kLagEngineRidge) return true;
  const std::size_t i = h.index(t);
  // y(t - day + 1) is at or after o for the origin's last hour on its lead day: the latest hour
  // before o stands in for it.
  const double v[kLagTermsExtended - kLagTerms] = {static_cast<double>(h.hour[i]), h.dayType[i],
                                                   h.temp[i], h.night[i], h.t24[i], h.base[i],
                                                   yBefore(t - day), yBefore(t - day - 1),
                                                   yBefore(std::min(t - day + 1, o - 1)), rBefore(o - 1)};
  for (int k = 0; k < kLagTermsExtended - kLagTerms; ++k) {
    if (std::isnan(v[k])) return false;
    x[kLagTerms + k] = static_cast<float>(v[k]);
  }
  if (engine != kLagEngineRidgeHour) return true;
  // The hour-of-day interactions (4 per hour; zero outside the hour t is in): 1, the night's
  // temperature, working day, working day x the night's temperature.
  float* hx = x + kLagTermsExtended;
  std::fill(hx, hx + 24 * 4, 0.0f);
  const bool work = workingDay(h.dayType[i]);
  float* at = hx + 4 * h.hour[i];
  at[0] = 1;
  at[1] = static_cast<float>(h.night[i]);
  at[2] = work ? 1.0f : 0.0f;
  at[3] = work ? static_cast<float>(h.night[i]) : 0.0f;
  return true;
}

// The variants' regressors (ridge-hour: the engine's ridge): each engine with its own
// defaults (ekm/flow/model_engine.h), not tuned on any score. For gbt that is depth 6 — enough to isolate one hour (2 splits) x the day
// type (1-2) x the night's temperature (1-2) — 300 rounds at eta 0.05, the engine's threads.
std::unique_ptr<flow::Regressor> makeLagRegressor(const std::string& engine) {
  return flow::makeRegressor({.engine = engine == kLagEngineGbt ? "gbt" : "ridge"});
}

// The training rows of each lead day: every hour t in [from, to) with a residual, with an
// origin at the local midnight j days before t's day (so the lags are before t's origin, and
// all of them inside the hours `h` holds).
std::vector<flow::FeatureTable> leadRows(const Hours& h, const std::string& engine, core::HourKey from, core::HourKey to,
                                         int horizon, const flow::LocalCalendar& cal) {
  const int cols = columns(engine);
  std::vector<flow::FeatureTable> rows(static_cast<std::size_t>(horizon), flow::FeatureTable(cols));
  std::vector<float> x(static_cast<std::size_t>(cols));
  for (core::HourKey t = from; t < to; ++t) {
    const double y = h.rAt(t);
    if (std::isnan(y)) continue;
    const core::HourKey midnight = t - cal.localHour(t);
    for (int j = 0; j < horizon; ++j)
      if (lagTerms(h, engine, t, midnight - 24 * static_cast<core::HourKey>(j), j, x.data()))
        rows[static_cast<std::size_t>(j)].add(x, y);
  }
  return rows;
}

std::vector<std::shared_ptr<const flow::Regressor>> fitLeads(const std::vector<flow::FeatureTable>& rows,
                                                             const std::string& engine, std::size_t* count) {
  std::vector<std::shared_ptr<const flow::Regressor>> out;
  for (const flow::FeatureTable& table : rows) {
    if (count) *count += table.rows();
    if (table.rows() < 24 * 14) {
      out.push_back(nullptr);
      continue;
    }
    auto reg = makeLagRegressor(engine);
    reg->fit(table);
    out.push_back(std::move(reg));
  }
  return out;
}

// The rolling-origin forecast of [from, to) (origins at from, from + 24 step, ...) from the
// hours `h` holds: yhat where a term is missing, yhat + the lead day's correction otherwise.
struct Rolled {
  std::vector<double> mean;
  std::size_t lagHours = 0, fallbackHours = 0;
};
Rolled rolled(const Hours& h, const std::string& engine, const std::vector<std::shared_ptr<const flow::Regressor>>& leads,
              core::HourKey from, core::HourKey to, int step) {
  Rolled out;
  out.mean.assign(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)), kNaN);
  const int cols = columns(engine);
  std::vector<flow::FeatureTable> tables(leads.size(), flow::FeatureTable(cols));
  std::vector<std::vector<std::size_t>> where(leads.size());
  std::vector<float> x(static_cast<std::size_t>(cols));
  for (core::HourKey t = from; t < to; ++t) {
    const std::size_t i = static_cast<std::size_t>(t - from);
    const core::HourKey o = from + (static_cast<core::HourKey>(i) / (24 * step)) * 24 * step;
    const std::size_t j = static_cast<std::size_t>((t - o) / 24);
    const double v = Hours::at(h.base, h.start, t);
    out.mean[i] = v;
    if (std::isnan(v)) continue;
    if (leads[j] && lagTerms(h, engine, t, o, static_cast<int>(j), x.data())) {
      tables[j].addFeatures(x);
      where[j].push_back(i);
      ++out.lagHours;
    } else {
      ++out.fallbackHours;
    }
  }
  for (std::size_t j = 0; j < leads.size(); ++j) {
    if (where[j].empty()) continue;
    const std::vector<double> c = leads[j]->predict(tables[j]);
    for (std::size_t k = 0; k < c.size(); ++k) out.mean[where[j][k]] = std::max(0.0, out.mean[where[j][k]] + c[k]);
  }
  return out;
}

}  // namespace

std::size_t oneStandardErrorChoice(const std::vector<double>& cv, const std::vector<std::vector<double>>& daySse,
                                   const std::vector<std::vector<int>>& dayHours) {
  std::size_t best = cv.size();
  for (std::size_t c = 0; c < cv.size(); ++c)
    if (!std::isnan(cv[c]) && (best == cv.size() || cv[c] < cv[best])) best = c;
  if (best == cv.size()) return best;
  for (std::size_t c = 0; c < best; ++c) {
    if (std::isnan(cv[c])) continue;
    // Daily MSE differences over the days both scored.
    std::vector<double> diff;
    for (std::size_t d = 0; d < daySse[c].size(); ++d)
      if (dayHours[c][d] > 0 && dayHours[best][d] > 0)
        diff.push_back(daySse[c][d] / dayHours[c][d] - daySse[best][d] / dayHours[best][d]);
    if (diff.size() < 2) continue;
    double mean = 0, ss = 0;
    for (double x : diff) mean += x;
    mean /= static_cast<double>(diff.size());
    for (double x : diff) ss += (x - mean) * (x - mean);
    const double se = std::sqrt(ss / static_cast<double>(diff.size() - 1) / static_cast<double>(diff.size()));
    if (mean <= se) return c;
  }
  return best;
}

void fitLagStage(DemandModel& m, const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                 core::HourKey from, core::HourKey to, int horizonDays, const flow::LocalCalendar& cal) {
  if (horizonDays < 1) throw modelError("the lag stage needs a horizon of at least one day", ">= 1", std::to_string(horizonDays));
  const std::string& wanted = m.options.lagEngine;
  if (wanted != kLagEngineAuto && wanted != kLagEngineRidge && wanted != kLagEngineRidgeHour && wanted != kLagEngineGbt)
    throw modelError("unknown lag stage engine", "auto, ridge, ridge-hour or gbt", wanted);
  // Only the window's actuals: the lags of its first days are missing, not read before it.
  HourlySeries window;
  window.start = from;
  window.values.resize(static_cast<std::size_t>(std::max<core::HourKey>(0, to - from)));
  for (std::size_t i = 0; i < window.values.size(); ++i) window.values[i] = load.at(from + static_cast<core::HourKey>(i));
  const Hours h = crossFittedHours(m, window, weather, occupancy, from, to, cal);
  LagStage stage;
  stage.horizonDays = horizonDays;
  std::vector<std::string> candidates;
  if (wanted == kLagEngineAuto)
    candidates = {kLagEngineRidge, kLagEngineRidgeHour, kLagEngineGbt};
  else
    candidates = {wanted};
  // The inner validation: the variants' stages fitted on the hours before `split` (the local
  // midnight after ~75 % of the window), forecast over [split, to) with a rolling origin of
  // the same horizon (an origin every horizonDays days), scored there; the one-standard-error rule chooses;
  // its rolling-origin errors calibrate the intervals (split conformal, pooled over lead days).
  core::HourKey split = from + (to - from) * 3 / 4;
  split -= cal.localHour(split);
  const bool validate = split - from >= 28 * 24 && to - split >= 14 * 24;
  std::string chosen = candidates.front();
  if (validate) {
    // Each candidate's squared errors by validation day (NaN: no hour scored that day) and its
    // absolute errors (the intervals' calibration).
    const std::size_t days = static_cast<std::size_t>((to - split + 23) / 24);
    std::vector<std::vector<double>> daySse(candidates.size()), absErrors(candidates.size());
    std::vector<std::vector<int>> dayHours(candidates.size());
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const std::string& engine = candidates[c];
      LagStage::Validation v{engine, kNaN, 0};
      std::vector<double> a, f;
      daySse[c].assign(days, 0.0);
      dayHours[c].assign(days, 0);
      try {
        const auto leads = fitLeads(leadRows(h, engine, from, split, horizonDays, cal), engine, nullptr);
        const Rolled p = rolled(h, engine, leads, split, to, horizonDays);
        for (core::HourKey t = split; t < to; ++t) {
          const double y = h.yAt(t), yhat = p.mean[static_cast<std::size_t>(t - split)];
          a.push_back(y);
          f.push_back(yhat);
          if (std::isnan(y) || std::isnan(yhat)) continue;
          absErrors[c].push_back(std::fabs(y - yhat));
          const std::size_t d = static_cast<std::size_t>((t - split) / 24);
          daySse[c][d] += (y - yhat) * (y - yhat);
          ++dayHours[c][d];
        }
        v.hours = absErrors[c].size();
        if (v.hours >= 24 * 7) v.cvRmse = g14Metrics(a, f, 0).cvRmse;
      } catch (const core::Error&) {
        // A variant that cannot be fitted here (too few rows, engine not built in) is not chosen.
      }
      stage.validation.push_back(v);
    }
    std::vector<double> cv;
    for (const auto& v : stage.validation) cv.push_back(v.cvRmse);
    const std::size_t c = oneStandardErrorChoice(cv, daySse, dayHours);
    if (c < candidates.size()) {
      chosen = candidates[c];
      if (absErrors[c].size() >= 24 * 7) stage.intervals = flow::conformalQuantiles(absErrors[c], m.options.intervalLevels);
    }
    stage.validationFrom = split;
  }
  stage.engine = chosen;
  stage.perLeadDay = fitLeads(leadRows(h, chosen, from, to, horizonDays, cal), chosen, &stage.trainingRows);
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
  const core::HourKey back = historyHours(horizon);
  const Hours all = forecastHours(m, load, weather, occupancy, from - back, std::max(from, to), cal);
  const Rolled p = rolled(all, m.lags.engine, m.lags.perLeadDay, from, to, step);
  LagForecast out;
  out.lagHours = p.lagHours;
  out.fallbackHours = p.fallbackHours;
  DemandPrediction& pred = out.prediction;
  pred.mean.start = from;
  pred.mean.unit = "kWh";
  pred.mean.values = p.mean;
  const flow::ConformalQuantiles& q = m.lags.intervals.q.empty() ? m.intervals : m.lags.intervals;
  for (std::size_t k = 0; k < q.q.size(); ++k) {
    flow::PredictionInterval pi{q.levels[k], {}, {}};
    for (double v : pred.mean.values) {
      pi.low.push_back(std::isnan(v) ? kNaN : std::max(0.0, v - q.q[k]));
      pi.high.push_back(std::isnan(v) ? kNaN : v + q.q[k]);
    }
    pred.intervals.push_back(std::move(pi));
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
