#include "ekm/flow/gbt_forecast.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "ekm/core/error.h"
#include "ekm/flow/conformal.h"
#include "ekm/flow/model_engine.h"

namespace ekm::flow {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();
constexpr int kWeek = 168;
constexpr int kCalibrationDays = 28;
constexpr int kLagWeeks = 4;
constexpr int kStrideDays = 3;

enum Feature {
  kHour,
  kDayKey,
  kHoliday,
  kBridge,
  kLead,
  kMean,
  kWeek1,
  kWeek2,
  kWeek3,
  kWeek4,
  kWeekMean,
  kLevel7,
  kLevel1,
  kDay1,
  kYearEnd,
  kTemp,
  kRain,
  kEvent,
  kFeatures
};

struct Day {
  int key = 0;  // weekday 0..6, holidays 0
  bool holiday = false, bridge = false, yearEnd = false;
};

class GbtFlowModel {
 public:
  GbtFlowModel(const HourlySeries& h, HourKey origin, HourKey trainFrom, const LocalCalendar& cal,
               const ForecastOptions& o, const ExogenousInputs& in)
      : m_h(h), m_origin(origin), m_trainFrom(trainFrom), m_cal(cal), m_o(o), m_in(in) {
    m_firstDay = cal.localDay(trainFrom - kLagWeeks * kWeek) - 1;
    const std::int64_t lastDay = cal.localDay(origin + o.horizonHours) + 1;
    for (std::int64_t d = m_firstDay; d <= lastDay; ++d) {
      const auto date = core::civilFromDays(d);
      Day day;
      day.holiday = cal.isHoliday(date);
      day.key = day.holiday ? 0 : core::dayOfWeek(date);
      day.bridge = cal.isBridgeDay(date);
      const unsigned m = static_cast<unsigned>(date.month()), dd = static_cast<unsigned>(date.day());
      day.yearEnd = (m == 12 && dd >= 24) || (m == 1 && dd <= 3);
      m_days.push_back(day);
    }
    fitMeans();
  }

  Forecast run(GbtForecastDiagnostics* diag) {
    const HourKey calibFrom = m_origin - kCalibrationDays * 24;
    const int hz = m_o.horizonHours;
    FeatureTable train(kFeatures), calib(kFeatures);
    std::vector<double> calibScale;
    std::array<float, kFeatures> f{};
    // Pseudo-origins at the origin's local hour, newest first, back to 4 weeks after trainFrom.
    const HourKey earliest = m_trainFrom + kLagWeeks * kWeek;
    for (HourKey po = m_origin - 24; po >= earliest; po -= 24) {
      const bool inCalib = po >= calibFrom;
      if (!inCalib && ((m_origin - po) / 24) % kStrideDays != 0) continue;
      for (HourKey t = po; t < po + hz && t < m_origin; ++t) {
        if (!inCalib && t >= calibFrom) break;
        const double y = this->y(t);
        if (std::isnan(y)) continue;
        const double m = mean(t);
        if (!(m > 0)) continue;
        features(t, po, f);
        if (inCalib) {
          calib.add(f, y / m);
          calibScale.push_back(scale(t));
        } else {
          train.add(f, y / m);
          train.weight.push_back(static_cast<float>(m));
        }
      }
    }
    const bool haveCalib = calib.rows() >= 24 * 7;
    if (!haveCalib) {  // too short a window for a held-out period: fit and score on everything
      for (std::size_t i = 0; i < calib.rows(); ++i) {
        train.add(calib.row(i), calib.y[i]);
        train.weight.push_back(calib.row(i)[kMean]);
      }
    }
    if (train.rows() < 24 * 7) {
      core::ErrorContext c;
      c.found = std::to_string(train.rows()) + " training rows";
      c.expected = "at least 168 (5 weeks of history)";
      throw core::Error(core::ErrorCode::Model, "too little history for the gradient-boosted trees", c);
    }
    RegressorOptions ro;
    ro.engine = "gbt";
    ro.rounds = 150;
    ro.eta = 0.1;
    ro.maxDepth = 5;
    ro.maxBin = 64;
    auto model = makeRegressor(ro);
    model->fit(train);

    // Conformal scores.
    std::vector<double> scores;
    if (haveCalib) {
      const std::vector<double> p = model->predict(calib);
      for (std::size_t i = 0; i < calib.rows(); ++i) {
        // back to counts: y = ratio * m
        const double m = static_cast<double>(calib.row(i)[kMean]);
        scores.push_back(std::fabs((calib.y[i] - p[i]) * m) / calibScale[i]);
      }
    } else {
      const std::vector<double> p = model->predict(train);
      for (std::size_t i = 0; i < train.rows(); ++i) {
        const double m = static_cast<double>(train.row(i)[kMean]);
        scores.push_back(std::fabs((train.y[i] - p[i]) * m) / std::max(m, m_scaleFloor));
      }
    }
    const ConformalQuantiles q = conformalQuantiles(scores, m_o.intervalLevels);

    FeatureTable ahead(kFeatures);
    for (HourKey t = m_origin; t < m_origin + hz; ++t) {
      features(t, m_origin, f);
      ahead.addFeatures(f);
    }
    const std::vector<double> p = model->predict(ahead);
    // The blend partner: the ridge regression of forecast.h from the same history.
    ForecastOptions ro2 = m_o;
    ro2.model = ForecastModel::Regression;
    ro2.intervalLevels.clear();
    const Forecast ridge = forecast(m_h, m_origin, m_cal, ro2, m_in);
    Forecast out;
    out.mean = missingSeries(m_origin, static_cast<std::size_t>(hz));
    for (double level : m_o.intervalLevels) out.intervals.push_back({level, {}, {}});
    for (int i = 0; i < hz; ++i) {
      const HourKey t = m_origin + i;
      const double trees = std::max(0.0, p[static_cast<std::size_t>(i)] * mean(t));
      const double r = ridge.mean.values[static_cast<std::size_t>(i)];
      const double v = std::isnan(r) ? trees : 0.5 * (trees + r);
      out.mean.values[static_cast<std::size_t>(i)] = v;
      for (std::size_t k = 0; k < q.q.size(); ++k) {
        const double half = q.q[k] * scale(t);
        out.intervals[k].low.push_back(std::max(0.0, v - half));
        out.intervals[k].high.push_back(v + half);
      }
    }
    for (HourKey t = m_trainFrom; t < m_origin; ++t) out.trainingHours += std::isnan(y(t)) ? 0 : 1;
    if (diag) {
      diag->trainingRows = train.rows();
      diag->calibrationHours = haveCalib ? calib.rows() : 0;
    }
    return out;
  }

 private:
  double y(HourKey t) const { return t < m_origin ? m_h.at(t) : kNaN; }
  const Day& day(HourKey t) const { return m_days[static_cast<std::size_t>(m_cal.localDay(t) - m_firstDay)]; }
  double mean(HourKey t) const { return m_means[day(t).key][m_cal.localHour(t)]; }
  double scale(HourKey t) const { return std::max(mean(t), m_scaleFloor); }

  void fitMeans() {
    double sum[7][24] = {}, hourSum[24] = {};
    int cnt[7][24] = {}, hourCnt[24] = {};
    double total = 0;
    int n = 0;
    for (HourKey t = m_trainFrom; t < m_origin; ++t) {
      const double v = y(t);
      if (std::isnan(v)) continue;
      const int k = day(t).key, hr = m_cal.localHour(t);
      sum[k][hr] += v;
      ++cnt[k][hr];
      hourSum[hr] += v;
      ++hourCnt[hr];
      total += v;
      ++n;
    }
    const double overall = n ? total / n : 0.0;
    double meanSum = 0;
    for (int k = 0; k < 7; ++k)
      for (int hr = 0; hr < 24; ++hr) {
        m_means[k][hr] = cnt[k][hr] ? sum[k][hr] / cnt[k][hr] : hourCnt[hr] ? hourSum[hr] / hourCnt[hr] : overall;
        meanSum += m_means[k][hr];
      }
    m_scaleFloor = std::max(1e-6, 0.05 * meanSum / (7 * 24));
  }

  // Ratio of y to its hour mean at hour s (NaN when missing).
  double ratio(HourKey s) const {
    const double v = y(s), m = mean(s);
    return std::isnan(v) || !(m > 0) ? kNaN : v / m;
  }

  // Level over [from, to): sum y / sum m over present hours.
  double level(HourKey from, HourKey to) const {
    double sy = 0, sm = 0;
    for (HourKey s = from; s < to; ++s) {
      const double v = y(s);
      if (std::isnan(v)) continue;
      sy += v;
      sm += mean(s);
    }
    return sm > 0 ? sy / sm : kNaN;
  }

  void features(HourKey t, HourKey o, std::array<float, kFeatures>& f) {
    const Day& d = day(t);
    const HourKey lead = t - o;
    f[kHour] = static_cast<float>(m_cal.localHour(t));
    f[kDayKey] = static_cast<float>(d.key);
    f[kHoliday] = d.holiday ? 1.f : 0.f;
    f[kBridge] = d.bridge ? 1.f : 0.f;
    f[kLead] = static_cast<float>(lead);
    f[kMean] = static_cast<float>(mean(t));
    const HourKey k0 = lead / kWeek + 1;
    double rs = 0;
    int rn = 0;
    for (int w = 0; w < kLagWeeks; ++w) {
      const double r = ratio(t - (k0 + w) * kWeek);
      f[kWeek1 + w] = static_cast<float>(r);
      if (!std::isnan(r)) {
        rs += r;
        ++rn;
      }
    }
    f[kWeekMean] = rn ? static_cast<float>(rs / rn) : kNaNf;
    if (o != m_levelOrigin) {  // the same for every hour of an origin
      m_levelOrigin = o;
      m_level7 = level(o - kWeek, o);
      m_level1 = level(o - 24, o);
    }
    f[kLevel7] = static_cast<float>(m_level7);
    f[kLevel1] = static_cast<float>(m_level1);
    f[kDay1] = static_cast<float>(ratio(t - (lead / 24 + 1) * 24));
    f[kYearEnd] = d.yearEnd ? 1.f : 0.f;
    f[kTemp] = m_in.temperatureC.empty() ? kNaNf : static_cast<float>(m_in.temperatureC.at(t));
    f[kRain] = m_in.rainMm.empty() ? kNaNf : static_cast<float>(m_in.rainMm.at(t));
    bool event = false;
    for (const UserEvent& e : m_in.events) event = event || (t >= e.from && t < e.to);
    f[kEvent] = event ? 1.f : 0.f;
  }

  const HourlySeries& m_h;
  HourKey m_origin, m_trainFrom;
  const LocalCalendar& m_cal;
  const ForecastOptions& m_o;
  const ExogenousInputs& m_in;
  std::int64_t m_firstDay = 0;
  std::vector<Day> m_days;
  double m_means[7][24] = {};
  double m_scaleFloor = 1e-6;
  HourKey m_levelOrigin = std::numeric_limits<HourKey>::min();
  double m_level7 = kNaN, m_level1 = kNaN;
};

}  // namespace

Forecast gbtForecast(const HourlySeries& history, HourKey origin, HourKey trainFrom, const LocalCalendar& calendar,
                     const ForecastOptions& options, const ExogenousInputs& inputs, GbtForecastDiagnostics* diag) {
  GbtFlowModel model(history, origin, trainFrom, calendar, options, inputs);
  return model.run(diag);
}

}  // namespace ekm::flow
