#include "ekm/flow/forecast.h"

#include <Eigen/Dense>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include "ekm/core/error.h"
#include "ekm/flow/gbt_forecast.h"
#include "ekm/flow/statistics.h"

namespace ekm::flow {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kWeek = 168;

core::Error modelError(const std::string& message, const std::string& found = {}) {
  core::ErrorContext c;
  c.found = found;
  return core::Error(core::ErrorCode::Model, message, c);
}

struct DayInfo {
  int dayType = 0;  // DayType as int
  int dow = 0;      // 0 = Sunday
  bool holiday = false;
  bool bridge = false;
  int key = 0;  // dow, holidays as Sunday (0)
};

// Day facts for local days [first, last], computed once per forecast.
class DayCache {
 public:
  DayCache(const LocalCalendar& cal, std::int64_t first, std::int64_t last) : m_cal(cal), m_first(first) {
    m_info.resize(static_cast<std::size_t>(last - first + 1));
    for (std::int64_t d = first; d <= last; ++d) {
      const auto date = core::civilFromDays(d);
      DayInfo& i = m_info[static_cast<std::size_t>(d - first)];
      i.dow = core::dayOfWeek(date);
      i.holiday = cal.isHoliday(date);
      i.dayType = static_cast<int>(i.dow == 0 || i.holiday ? DayType::SundayHoliday
                                   : i.dow == 6            ? DayType::Saturday
                                                           : DayType::Weekday);
      i.key = i.holiday ? 0 : i.dow;
    }
    // Bridge days from the cached neighbours (a weekday between two non-working days).
    for (std::size_t k = 1; k + 1 < m_info.size(); ++k)
      m_info[k].bridge = m_info[k].dayType == static_cast<int>(DayType::Weekday) &&
                         m_info[k - 1].dayType != static_cast<int>(DayType::Weekday) &&
                         m_info[k + 1].dayType != static_cast<int>(DayType::Weekday);
    if (!m_info.empty()) {
      m_info.front().bridge = cal.isBridgeDay(core::civilFromDays(first));
      m_info.back().bridge = cal.isBridgeDay(core::civilFromDays(last));
    }
  }
  const DayInfo& day(std::int64_t d) const { return m_info[static_cast<std::size_t>(d - m_first)]; }
  const DayInfo& atHour(HourKey t) const { return day(m_cal.localDay(t)); }
  int hour(HourKey t) const { return m_cal.localHour(t); }
  const LocalCalendar& calendar() const { return m_cal; }

 private:
  const LocalCalendar& m_cal;
  std::int64_t m_first;
  std::vector<DayInfo> m_info;
};

// Residual quantiles per local hour of day -> intervals.
void addIntervals(Forecast& f, const std::vector<std::vector<double>>& residualsByHour, const DayCache& days,
                  const ForecastOptions& o) {
  std::vector<std::vector<double>> sorted(24);
  bool needAll = false;
  for (int h = 0; h < 24; ++h) {
    sorted[h] = residualsByHour[h];
    std::sort(sorted[h].begin(), sorted[h].end());
    needAll = needAll || sorted[h].size() < 20;
  }
  std::vector<double> all;  // pooled residuals, for hours with fewer than 20 of their own
  if (needAll) {
    for (const auto& r : residualsByHour) all.insert(all.end(), r.begin(), r.end());
    std::sort(all.begin(), all.end());
  }
  for (double level : o.intervalLevels) {
    PredictionInterval pi;
    pi.level = level;
    const double a = (1.0 - level) / 2;
    for (HourKey t = f.mean.start; t < f.mean.end(); ++t) {
      const int h = days.hour(t);
      const std::vector<double>& r = sorted[h].size() >= 20 ? sorted[h] : all;
      const double m = f.mean.values[static_cast<std::size_t>(t - f.mean.start)];
      const double lo = r.empty() ? 0.0 : quantileSorted(r, a);
      const double hi = r.empty() ? 0.0 : quantileSorted(r, 1.0 - a);
      pi.low.push_back(std::max(0.0, m + lo));
      pi.high.push_back(std::max(0.0, m + hi));
    }
    f.intervals.push_back(std::move(pi));
  }
}

struct Setup {
  const HourlySeries& h;
  HourKey origin;
  HourKey trainFrom;
  const ForecastOptions& o;
  const DayCache& days;
  double y(HourKey t) const { return t < origin ? h.at(t) : kNaN; }
};

// Mean per (day type, hour) over the training window, with fallbacks.
struct TypeHourMeans {
  // Keyed by the day's weekday (0 = Sunday .. 6 = Saturday); holidays count as Sunday.
  double m[7][24];
  void fit(const Setup& s) {
    double sum[7][24] = {}, hourSum[24] = {};
    int cnt[7][24] = {}, hourCnt[24] = {};
    double total = 0;
    int n = 0;
    for (HourKey t = s.trainFrom; t < s.origin; ++t) {
      const double v = s.y(t);
      if (std::isnan(v)) continue;
      const int dt = s.days.atHour(t).key, hr = s.days.hour(t);
      sum[dt][hr] += v;
      ++cnt[dt][hr];
      hourSum[hr] += v;
      ++hourCnt[hr];
      total += v;
      ++n;
    }
    const double overall = n ? total / n : 0.0;
    for (int d = 0; d < 7; ++d)
      for (int hr = 0; hr < 24; ++hr) {
        // Fallback: the other days of the same day type, then the hour, then everything.
        const int dt = d == 0 ? 2 : d == 6 ? 1 : 0;
        double ts = 0;
        int tc = 0;
        for (int e = 0; e < 7; ++e)
          if ((e == 0 ? 2 : e == 6 ? 1 : 0) == dt) {
            ts += sum[e][hr];
            tc += cnt[e][hr];
          }
        m[d][hr] = cnt[d][hr]    ? sum[d][hr] / cnt[d][hr]
                   : tc          ? ts / tc
                   : hourCnt[hr] ? hourSum[hr] / hourCnt[hr]
                                 : overall;
      }
  }
  double at(const Setup& s, HourKey t) const { return m[s.days.atHour(t).key][s.days.hour(t)]; }
};

// ---- seasonal naive ------------------------------------------------------------------
Forecast seasonalNaive(const Setup& s) {
  TypeHourMeans means;
  means.fit(s);
  Forecast f;
  f.mean = missingSeries(s.origin, static_cast<std::size_t>(s.o.horizonHours));
  for (HourKey t = s.origin; t < f.mean.end(); ++t) {
    const HourKey kmin = (t - s.origin) / kWeek + 1;
    double v = kNaN;
    for (HourKey k = kmin; k < kmin + 4 && std::isnan(v); ++k) v = s.y(t - k * kWeek);
    f.mean.values[static_cast<std::size_t>(t - s.origin)] = std::isnan(v) ? means.at(s, t) : v;
  }
  std::vector<std::vector<double>> res(24);
  for (HourKey t = s.trainFrom + kWeek; t < s.origin; ++t) {
    const double a = s.y(t), b = s.y(t - kWeek);
    if (std::isnan(a) || std::isnan(b)) continue;
    res[s.days.hour(t)].push_back(a - b);
    ++f.trainingHours;
  }
  addIntervals(f, res, s.days, s.o);
  return f;
}

// ---- seasonal profile with trend ------------------------------------------------------
Forecast seasonalProfile(const Setup& s) {
  const LocalCalendar& cal = s.days.calendar();
  auto key = [&](std::int64_t d) {
    const DayInfo& i = s.days.day(d);
    return i.holiday ? 0 : i.dow;
  };
  const std::int64_t dOrigin = cal.localDay(s.origin - 1) + 1;  // first day not fully in history
  const std::int64_t dFirst = cal.localDay(s.trainFrom);
  double prof[7][24];
  {
    double sum[7][24] = {};
    int cnt[7][24] = {};
    int daysUsed[7] = {};
    for (std::int64_t d = dOrigin - 1; d >= dFirst; --d) {
      const int k = key(d);
      if (daysUsed[k] >= s.o.profileWeeks) continue;
      ++daysUsed[k];
      for (int hr = 0; hr < 24; ++hr) {
        const double v = s.y(cal.hourKey(d, hr));
        if (std::isnan(v)) continue;
        sum[k][hr] += v;
        ++cnt[k][hr];
      }
    }
    TypeHourMeans means;
    means.fit(s);
    for (int k = 0; k < 7; ++k)
      for (int hr = 0; hr < 24; ++hr) {
        const int dt = k == 0 ? 2 : k == 6 ? 1 : 0;
        prof[k][hr] = cnt[k][hr] ? sum[k][hr] / cnt[k][hr] : means.m[dt][hr];
      }
  }
  // Trend of the daily level relative to the profile.
  double a = 1.0, b = 0.0;
  {
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int n = 0;
    for (std::int64_t d = std::max(dFirst, dOrigin - 7 * s.o.trendWeeks); d < dOrigin; ++d) {
      double tot = 0, ptot = 0;
      bool ok = true;
      for (int hr = 0; hr < 24 && ok; ++hr) {
        const double v = s.y(cal.hourKey(d, hr));
        ok = !std::isnan(v);
        tot += ok ? v : 0;
        ptot += prof[key(d)][hr];
      }
      if (!ok || !(ptot > 0)) continue;
      const double x = static_cast<double>(d - dOrigin), r = tot / ptot;
      sx += x;
      sy += r;
      sxx += x * x;
      sxy += x * r;
      ++n;
    }
    if (n >= 7) {
      const double den = n * sxx - sx * sx;
      b = den > 0 ? (n * sxy - sx * sy) / den : 0.0;
      a = (sy - b * sx) / n;
    } else if (n > 0) {
      a = sy / n;
    }
  }
  auto factor = [&](std::int64_t d) {
    return std::clamp(a + b * static_cast<double>(d - dOrigin), 0.5, 2.0);
  };
  Forecast f;
  f.mean = missingSeries(s.origin, static_cast<std::size_t>(s.o.horizonHours));
  for (HourKey t = s.origin; t < f.mean.end(); ++t) {
    const std::int64_t d = cal.localDay(t);
    f.mean.values[static_cast<std::size_t>(t - s.origin)] =
        std::max(0.0, prof[key(d)][cal.localHour(t)] * factor(d));
  }
  // Residuals over the profile window (the weeks the means come from), widened by
  // sqrt((K + 1) / (K - 1)): in-sample residuals of a K-sample mean understate the spread of a
  // new value around it by that factor.
  std::vector<std::vector<double>> res(24);
  const double widen = s.o.profileWeeks > 1 ? std::sqrt((s.o.profileWeeks + 1.0) / (s.o.profileWeeks - 1.0)) : 1.0;
  const HourKey resFrom = std::max(s.trainFrom, cal.hourKey(dOrigin - 7 * std::max(1, s.o.profileWeeks), 0));
  for (HourKey t = resFrom; t < s.origin; ++t) {
    const double v = s.y(t);
    if (std::isnan(v)) continue;
    const std::int64_t d = cal.localDay(t);
    res[cal.localHour(t)].push_back(widen * (v - prof[key(d)][cal.localHour(t)] * factor(d)));
  }
  for (HourKey t = s.trainFrom; t < s.origin; ++t) f.trainingHours += std::isnan(s.y(t)) ? 0 : 1;
  addIntervals(f, res, s.days, s.o);
  return f;
}

// ---- ridge regression -----------------------------------------------------------------

class RegressionModel {
 public:
  RegressionModel(const Setup& s, const ExogenousInputs& in) : m_s(s), m_in(in) {
    m_means.fit(s);
    m_useTemp = !in.temperatureC.empty();
    m_useRain = !in.rainMm.empty();
    if (m_useTemp) {
      double sum = 0;
      int n = 0;
      for (HourKey t = s.trainFrom; t < s.origin; ++t) {
        const double v = in.temperatureC.at(t);
        if (!std::isnan(v)) {
          sum += v;
          ++n;
        }
      }
      m_tempMean = n ? sum / n : 15.0;
    }
    for (const UserEvent& e : in.events)
      if (!m_eventIndex.count(e.label)) m_eventIndex.emplace(e.label, static_cast<int>(m_eventIndex.size()));
    m_p = kDense + (m_useTemp ? 2 : 0) + (m_useRain ? 2 : 0) + static_cast<int>(m_eventIndex.size());
  }

  // Fits on the training window; values(t) gives actual history. Rows are weighted by
  // recency (half-life options.recencyHalfLifeDays) and, with options.robustIterations > 0,
  // refitted with Huber weights on the residuals relative to the hour's mean (IRLS).
  void fit() {
    std::vector<int> idx;
    std::vector<double> val, ys, base, scale;
    std::vector<std::size_t> offsets{0};
    Row row;
    m_rows = 0;
    auto actual = [this](HourKey t) { return m_s.y(t); };
    const double halfLifeHours = 24.0 * m_s.o.recencyHalfLifeDays;
    double meanLevel = 0;
    for (const auto& d : m_means.m)
      for (double v : d) meanLevel += v / (7 * 24);
    for (HourKey t = m_s.trainFrom; t < m_s.origin; ++t) {
      const double y = m_s.y(t);
      if (std::isnan(y)) continue;
      buildRow(t, actual, row);
      idx.insert(idx.end(), row.idx, row.idx + row.n);
      val.insert(val.end(), row.val, row.val + row.n);
      offsets.push_back(idx.size());
      ys.push_back(y);
      base.push_back(halfLifeHours > 0 ? std::exp2(-static_cast<double>(m_s.origin - t) / halfLifeHours) : 1.0);
      scale.push_back(std::max(m_means.at(m_s, t), 0.05 * meanLevel + 1e-9));
      ++m_rows;
    }
    if (m_rows < 7 * 24)
      throw modelError("too little history for the regression (need 7 days of present hours)",
                       std::to_string(m_rows) + " hours");
    std::vector<double> w = base;
    for (int iter = 0;; ++iter) {
      Eigen::MatrixXd xtx = Eigen::MatrixXd::Zero(m_p, m_p);
      Eigen::VectorXd xty = Eigen::VectorXd::Zero(m_p);
      for (std::size_t r = 0; r < ys.size(); ++r) {
        const double wr = w[r];
        for (std::size_t a = offsets[r]; a < offsets[r + 1]; ++a) {
          const double wa = wr * val[a];
          xty(idx[a]) += wa * ys[r];
          for (std::size_t b = offsets[r]; b < offsets[r + 1]; ++b) xtx(idx[a], idx[b]) += wa * val[b];
        }
      }
      for (int j = 0; j < m_p; ++j) {
        const double d = xtx(j, j);
        // The autoregressive deviations (lags, levels, trend) take the ridge's shrinkage; the
        // indicators, holidays, weather and events stay nearly unpenalised (rare events would
        // be shrunk away).
        const double lambda = j >= kLag24 && j < kDense ? m_s.o.ridgeLambda : j < kDummies ? 1e-8 : kExogenousLambda;
        xtx(j, j) += d > 0 ? lambda * d + 1e-9 : 1.0;
      }
      m_beta = xtx.ldlt().solve(xty);
      if (!m_beta.allFinite()) throw modelError("ridge regression did not give finite coefficients");
      if (iter >= m_s.o.robustIterations) break;
      // Huber weights on the residuals relative to the hour's mean (busy hours are not
      // outliers for being busy): k = 2 robust standard deviations (1.4826 MAD).
      std::vector<double> u(ys.size());
      for (std::size_t r = 0; r < ys.size(); ++r) {
        double p = 0;
        for (std::size_t a = offsets[r]; a < offsets[r + 1]; ++a) p += m_beta(idx[a]) * val[a];
        u[r] = (ys[r] - p) / scale[r];
      }
      std::vector<double> absU(u.size());
      for (std::size_t r = 0; r < u.size(); ++r) absU[r] = std::fabs(u[r]);
      const auto mid = absU.begin() + static_cast<std::ptrdiff_t>(absU.size() / 2);
      std::nth_element(absU.begin(), mid, absU.end());
      const double k = 2.0 * 1.4826 * *mid;
      if (!(k > 0)) break;
      for (std::size_t r = 0; r < ys.size(); ++r) w[r] = base[r] * std::min(1.0, k / std::max(1e-12, std::fabs(u[r])));
    }
  }

  Forecast predict() {
    Forecast f;
    f.trainingHours = static_cast<std::size_t>(m_rows);
    f.mean = missingSeries(m_s.origin, static_cast<std::size_t>(m_s.o.horizonHours));
    auto value = [&](HourKey t) {
      if (t < m_s.origin) return m_s.y(t);
      return f.mean.values[static_cast<std::size_t>(t - m_s.origin)];
    };
    Row row;
    for (HourKey t = m_s.origin; t < f.mean.end(); ++t) {
      buildRow(t, value, row);
      f.mean.values[static_cast<std::size_t>(t - m_s.origin)] = std::max(0.0, dot(row));
    }
    // In-sample residuals with actual lags but without the previous day's deviation: the
    // forecast has it for its first day only, so residuals with it would give intervals
    // that are too narrow for later days.
    std::vector<std::vector<double>> res(24);
    auto actual = [this](HourKey t) { return m_s.y(t); };
    for (HourKey t = m_s.trainFrom; t < m_s.origin; ++t) {
      const double y = m_s.y(t);
      if (std::isnan(y)) continue;
      buildRow(t, actual, row);
      for (int i = 0; i < row.n; ++i)
        if (row.idx[i] == kLag24 || row.idx[i] == kLevel) row.val[i] = 0.0;
      res[m_s.days.hour(t)].push_back(y - std::max(0.0, dot(row)));
    }
    addIntervals(f, res, m_s.days, m_s.o);
    return f;
  }

 private:
  static constexpr int kDummies = 168;
  static constexpr int kHoliday = 168, kBridge = 172, kLag24 = 176, kLag168 = 177, kTrend = 178, kLevel = 179,
                       kYear = 180, kDense = 181;
  static constexpr double kExogenousLambda = 0.01;
  struct Row {
    int n = 0;
    int idx[96];
    double val[96];
    void add(int i, double v) {
      if (n < 96) {
        idx[n] = i;
        val[n] = v;
        ++n;
      }
    }
  };

  template <class ValueFn>
  void buildRow(HourKey t, const ValueFn& value, Row& row) const {
    row.n = 0;
    const DayInfo& di = m_s.days.atHour(t);
    const int hr = m_s.days.hour(t);
    const double mt = m_means.m[di.key][hr];
    row.add(di.key * 24 + hr, 1.0);
    if (di.holiday) row.add(kHoliday + hr / 6, 1.0);
    if (di.bridge) row.add(kBridge + hr / 6, 1.0);
    for (int lag : {24, kWeek}) {
      const double v = value(t - lag);
      if (std::isnan(v)) continue;
      const double ml = m_means.at(m_s, t - lag);
      if (!(ml > 1e-9)) continue;
      row.add(lag == 24 ? kLag24 : kLag168, mt * (v / ml - 1.0));
    }
    row.add(kTrend, mt * static_cast<double>(t - m_s.origin) / 8760.0);
    {  // level: mean relative deviation of the same hour over the last 7 days
      double sum = 0;
      int n = 0;
      for (int k = 1; k <= 7; ++k) {
        const double v = value(t - 24 * k);
        const double ml = m_means.at(m_s, t - 24 * k);
        if (std::isnan(v) || !(ml > 1e-9)) continue;
        sum += v / ml - 1.0;
        ++n;
      }
      if (n >= 3) row.add(kLevel, mt * sum / n);
    }
    {  // a year before: the same hour 51-53 weeks back (annual cycle: school terms, summer, events)
      double sum = 0;
      int n = 0;
      for (int k = 51; k <= 53; ++k) {
        const double v = value(t - kWeek * k);
        const double ml = m_means.at(m_s, t - kWeek * k);
        if (std::isnan(v) || !(ml > 1e-9)) continue;
        sum += v / ml - 1.0;
        ++n;
      }
      if (n >= 2) row.add(kYear, mt * sum / n);
    }
    int next = kDense;
    if (m_useTemp) {
      const double temp = m_in.temperatureC.at(t);
      const double dev = std::isnan(temp) ? 0.0 : (temp - m_tempMean) / 10.0;
      row.add(next, mt * dev);
      row.add(next + 1, mt * dev * dev);
      next += 2;
    }
    if (m_useRain) {
      const double rain = m_in.rainMm.at(t);
      if (!std::isnan(rain) && rain > 0.2) {
        row.add(next, mt);
        row.add(next + 1, mt * std::min(rain, 20.0) / 10.0);
      }
      next += 2;
    }
    for (const UserEvent& e : m_in.events)
      if (t >= e.from && t < e.to) {
        const int k = next + m_eventIndex.at(e.label);
        bool seen = false;
        for (int i = 0; i < row.n; ++i) seen = seen || row.idx[i] == k;
        if (!seen) row.add(k, mt);
      }
  }

  double dot(const Row& row) const {
    double y = 0;
    for (int i = 0; i < row.n; ++i) y += m_beta(row.idx[i]) * row.val[i];
    return y;
  }

  const Setup& m_s;
  const ExogenousInputs& m_in;
  TypeHourMeans m_means;
  bool m_useTemp = false, m_useRain = false;
  double m_tempMean = 15.0;
  std::map<std::string, int> m_eventIndex;
  int m_p = kDense;
  std::int64_t m_rows = 0;
  Eigen::VectorXd m_beta;
};

}  // namespace

const char* forecastModelName(ForecastModel model) {
  switch (model) {
    case ForecastModel::SeasonalNaive:
      return "naive";
    case ForecastModel::SeasonalProfile:
      return "profile";
    case ForecastModel::Regression:
      return "regression";
    case ForecastModel::Gbt:
      return "gbt";
  }
  return "?";
}

ForecastModel forecastModelFromName(const std::string& name) {
  if (name == "naive" || name == "seasonal-naive") return ForecastModel::SeasonalNaive;
  if (name == "profile" || name == "seasonal-profile") return ForecastModel::SeasonalProfile;
  if (name == "regression" || name == "ridge") return ForecastModel::Regression;
  if (name == "gbt" || name == "xgboost") return ForecastModel::Gbt;
  core::ErrorContext c;
  c.field = "model";
  c.expected = "naive, profile, regression or gbt";
  c.found = name;
  throw core::Error(core::ErrorCode::Usage, "unknown forecast model", c);
}

Forecast forecast(const HourlySeries& history, HourKey origin, const LocalCalendar& calendar,
                  const ForecastOptions& options, const ExogenousInputs& inputs) {
  if (options.horizonHours < 1 || options.horizonHours > 14 * 24) {
    core::ErrorContext c;
    c.field = "horizon";
    c.expected = "1..336 hours (1..14 days)";
    c.found = std::to_string(options.horizonHours);
    throw core::Error(core::ErrorCode::Usage, "forecast horizon out of range", c);
  }
  const int trainingDays = options.trainingDays > 0 ? options.trainingDays : 364;
  const HourKey trainFrom = std::max(history.start, origin - static_cast<HourKey>(trainingDays) * 24);
  std::size_t present = 0;
  for (HourKey t = trainFrom; t < std::min(origin, history.end()); ++t)
    present += std::isnan(history.values[static_cast<std::size_t>(t - history.start)]) ? 0 : 1;
  const std::size_t needed = 7 * 24;  // the same for every model, so backtests score the same origins
  if (present < needed)
    throw modelError("too little history before the forecast origin",
                     std::to_string(present) + " present hours, need " + std::to_string(needed));
  const DayCache days(calendar, calendar.localDay(trainFrom - 54 * kWeek) - 1,
                      calendar.localDay(origin + options.horizonHours) + 1);
  const Setup setup{history, origin, trainFrom, options, days};
  switch (options.model) {
    case ForecastModel::SeasonalNaive:
      return seasonalNaive(setup);
    case ForecastModel::SeasonalProfile:
      return seasonalProfile(setup);
    case ForecastModel::Regression: {
      RegressionModel m(setup, inputs);
      m.fit();
      return m.predict();
    }
    case ForecastModel::Gbt:
      return gbtForecast(history, origin, trainFrom, calendar, options, inputs);
  }
  throw modelError("unknown model");
}

// ---- accuracy & backtest --------------------------------------------------------------
double Accuracy::mae() const { return n ? sumAbsError / n : kNaN; }
double Accuracy::rmse() const { return n ? std::sqrt(sumSqError / n) : kNaN; }
double Accuracy::wape() const { return sumAbsActual > 0 ? sumAbsError / sumAbsActual : kNaN; }
double Accuracy::mase() const { return nScaled ? sumScaledAbsError / nScaled : kNaN; }
double Accuracy::coverage(std::size_t i) const {
  return (i < inside.size() && n) ? static_cast<double>(inside[i]) / n : kNaN;
}
void Accuracy::add(const Accuracy& o) {
  n += o.n;
  sumAbsError += o.sumAbsError;
  sumSqError += o.sumSqError;
  sumAbsActual += o.sumAbsActual;
  sumScaledAbsError += o.sumScaledAbsError;
  nScaled += o.nScaled;
  if (intervalLevels.empty()) {
    intervalLevels = o.intervalLevels;
    inside.assign(o.inside.size(), 0);
  }
  for (std::size_t i = 0; i < inside.size() && i < o.inside.size(); ++i) inside[i] += o.inside[i];
}

BacktestResult backtest(const std::string& name, const HourlySeries& series, const LocalCalendar& calendar,
                        const ForecastOptions& options, const BacktestOptions& bo,
                        const ExogenousInputs& inputs, core::Feedback& feedback) {
  BacktestResult r;
  r.series = name;
  r.model = forecastModelName(options.model);
  r.accuracy.intervalLevels = options.intervalLevels;
  r.accuracy.inside.assign(options.intervalLevels.size(), 0);
  if (series.empty()) return r;
  HourKey first = bo.firstOrigin ? *bo.firstOrigin
                                 : calendar.hourKey(calendar.localDay(series.start) + bo.minTrainingDays, 0);
  const HourKey last = bo.lastOrigin ? *bo.lastOrigin : series.end() - options.horizonHours;
  if (first > last) return r;
  const std::int64_t total = (last - first) / std::max(1, bo.stepHours) + 1;
  // Prefix sums of |y(t) - y(t-168)| for the MASE scale (all history before the origin).
  std::vector<double> scaleSum(series.size() + 1, 0.0);
  std::vector<std::int64_t> scaleCnt(series.size() + 1, 0);
  for (std::size_t i = 0; i < series.size(); ++i) {
    double d = kNaN;
    if (i >= static_cast<std::size_t>(kWeek)) d = std::fabs(series.values[i] - series.values[i - kWeek]);
    scaleSum[i + 1] = scaleSum[i] + (std::isnan(d) ? 0.0 : d);
    scaleCnt[i + 1] = scaleCnt[i] + (std::isnan(d) ? 0 : 1);
  }
  std::int64_t k = 0;
  for (HourKey origin = first; origin <= last; origin += std::max(1, bo.stepHours), ++k) {
    feedback.throwIfCancelled();
    feedback.setProgress(100.0 * k / total);
    Forecast f;
    try {
      f = forecast(series, origin, calendar, options, inputs);
    } catch (const core::Error& e) {
      if (e.code() == core::ErrorCode::Model) continue;
      throw;
    }
    ++r.origins;
    const auto upto = static_cast<std::size_t>(std::clamp<HourKey>(origin - series.start, 0, series.size()));
    const double scale = scaleCnt[upto] ? scaleSum[upto] / scaleCnt[upto] : kNaN;
    for (HourKey t = origin; t < f.mean.end(); ++t) {
      const double a = series.at(t);
      if (std::isnan(a)) continue;
      const std::size_t i = static_cast<std::size_t>(t - origin);
      const double e = f.mean.values[i] - a;
      Accuracy& acc = r.accuracy;
      ++acc.n;
      acc.sumAbsError += std::fabs(e);
      acc.sumSqError += e * e;
      acc.sumAbsActual += std::fabs(a);
      if (scale > 0) {
        acc.sumScaledAbsError += std::fabs(e) / scale;
        ++acc.nScaled;
      }
      for (std::size_t j = 0; j < f.intervals.size(); ++j)
        if (a >= f.intervals[j].low[i] && a <= f.intervals[j].high[i]) ++acc.inside[j];
    }
  }
  feedback.setProgress(100.0);
  return r;
}

BacktestTotal backtestTotal(const std::vector<BacktestResult>& results) {
  BacktestTotal t;
  double sum = 0;
  int n = 0;
  for (const BacktestResult& r : results) {
    t.pooled.add(r.accuracy);
    const double m = r.accuracy.mase();
    if (!std::isnan(m)) {
      sum += m;
      ++n;
    }
  }
  t.meanMase = n ? sum / n : kNaN;
  return t;
}

std::vector<Forecast> forecastMany(const std::vector<HourlySeries>& series, const LocalCalendar& calendar,
                                   const ForecastOptions& options, int threads, core::Feedback& feedback,
                                   const ExogenousInputs& inputs) {
  std::vector<const HourlySeries*> pointers;
  pointers.reserve(series.size());
  for (const HourlySeries& s : series) pointers.push_back(&s);
  return forecastMany(pointers, calendar, options, threads, feedback, inputs, nullptr);
}

namespace {

// A forecast of missing hours from the end of `history` over the horizon.
Forecast missingForecast(const HourlySeries& history, const ForecastOptions& options) {
  Forecast f;
  const auto hours = static_cast<std::size_t>(options.horizonHours);
  f.mean = missingSeries(history.end(), hours);
  for (double level : options.intervalLevels)
    f.intervals.push_back({level, std::vector<double>(hours, kNaN), std::vector<double>(hours, kNaN)});
  return f;
}

}  // namespace

std::vector<Forecast> forecastMany(const std::vector<const HourlySeries*>& series, const LocalCalendar& calendar,
                                   const ForecastOptions& options, int threads, core::Feedback& feedback,
                                   const ExogenousInputs& inputs, std::vector<std::size_t>* unforecastable) {
  std::vector<Forecast> out(series.size());
  std::vector<char> skipped(series.size(), 0);
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(series.size())));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};  // stops the other workers after an error
  std::exception_ptr error;
  std::mutex errorMutex;
  auto work = [&] {
    for (;;) {
      if (feedback.isCancelled() || failed.load()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= series.size()) return;
      try {
        out[i] = forecast(*series[i], series[i]->end(), calendar, options, inputs);
      } catch (const core::Error& e) {
        if (unforecastable && e.code() == core::ErrorCode::Model) {
          out[i] = missingForecast(*series[i], options);
          skipped[i] = 1;
        } else {
          std::lock_guard<std::mutex> lock(errorMutex);
          if (!error) error = std::current_exception();
          failed.store(true);
          return;
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (!error) error = std::current_exception();
        failed.store(true);
        return;
      }
      const std::size_t d = done.fetch_add(1) + 1;
      if (d % 16 == 0) feedback.setProgress(100.0 * d / series.size());
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (std::thread& th : pool) th.join();
  if (error) std::rethrow_exception(error);
  feedback.throwIfCancelled();
  if (unforecastable)
    for (std::size_t i = 0; i < skipped.size(); ++i)
      if (skipped[i]) unforecastable->push_back(i);
  feedback.setProgress(100.0);
  return out;
}

void reconcileProportional(std::vector<HourlySeries*> members, const HourlySeries& total) {
  for (HourKey t = total.start; t < total.end(); ++t) {
    const double target = total.at(t);
    if (std::isnan(target)) continue;
    double sum = 0;
    bool ok = true;
    for (HourlySeries* m : members) {
      const double v = m->at(t);
      ok = ok && !std::isnan(v);
      sum += ok ? v : 0;
    }
    if (!ok || !(sum > 0)) continue;
    const double f = target / sum;
    for (HourlySeries* m : members) m->values[static_cast<std::size_t>(t - m->start)] *= f;
  }
}

}  // namespace ekm::flow
