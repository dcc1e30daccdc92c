#include "ekm/energy/demand_model.h"

#include <Eigen/Dense>
#include <chrono>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "model_error.h"

namespace ekm::energy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The heating season's switch temperatures searched (7-day mean, C).
constexpr double kSeasonMinC = 6, kSeasonMaxC = 18;

using detail::modelError;

double occupancyMeanOf(const DemandDrivers& d) {
  double s = 0;
  int n = 0;
  for (double v : d.occupancy)
    if (!std::isnan(v)) {
      s += v;
      ++n;
    }
  return n ? s / n : 0.0;
}

// Residual sum of squares of the weather/occupancy columns on the load after the calendar
// groups' means are removed from both (Frisch-Waugh), over rows `use`.
double searchScore(const DemandDrivers& d, const std::vector<std::size_t>& use, const std::vector<double>& y,
                   const DemandFeatures& feat, const std::vector<int>& groups, int nGroups) {
  const int c0 = feat.calendarColumns(), k = feat.weatherColumns();
  if (k == 0) return 0;
  Eigen::MatrixXd x(static_cast<Eigen::Index>(use.size()), k);
  std::vector<float> row;
  for (std::size_t r = 0; r < use.size(); ++r) {
    feat.row(d, use[r], row);
    for (int j = 0; j < k; ++j) x(static_cast<Eigen::Index>(r), j) = row[static_cast<std::size_t>(c0 + j)];
  }
  Eigen::VectorXd yy(static_cast<Eigen::Index>(use.size()));
  for (std::size_t r = 0; r < use.size(); ++r) yy(static_cast<Eigen::Index>(r)) = y[r];
  // Demean per group.
  Eigen::MatrixXd gs = Eigen::MatrixXd::Zero(nGroups, k + 1);
  Eigen::VectorXd gn = Eigen::VectorXd::Zero(nGroups);
  for (std::size_t r = 0; r < use.size(); ++r) {
    const int g = groups[r];
    gs.row(g).head(k) += x.row(static_cast<Eigen::Index>(r));
    gs(g, k) += yy(static_cast<Eigen::Index>(r));
    gn(g) += 1;
  }
  for (std::size_t r = 0; r < use.size(); ++r) {
    const int g = groups[r];
    x.row(static_cast<Eigen::Index>(r)) -= gs.row(g).head(k) / gn(g);
    yy(static_cast<Eigen::Index>(r)) -= gs(g, k) / gn(g);
  }
  Eigen::MatrixXd xtx = x.transpose() * x;
  for (int j = 0; j < k; ++j) xtx(j, j) += 1e-6 * (xtx(j, j) + 1.0);
  const Eigen::VectorXd b = xtx.ldlt().solve(x.transpose() * yy);
  return (yy - x * b).squaredNorm();
}

struct Rows {
  std::vector<std::size_t> use;  // hour indices with a load and a temperature
  std::vector<double> y;
};

Rows presentRows(const HourlySeries& load, const DemandDrivers& d) {
  Rows r;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double v = load.at(d.from + static_cast<core::HourKey>(i));
    if (std::isnan(v)) continue;
    r.use.push_back(i);
    r.y.push_back(v);
  }
  return r;
}

BalancePoints searchBalance(const DemandDrivers& d, const Rows& rows, const flow::LocalCalendar& cal,
                            const DemandModelOptions& o, bool withOcc, double occMean) {
  std::vector<std::size_t> use;
  std::vector<double> y;
  for (std::size_t r = 0; r < rows.use.size(); ++r)
    if (!std::isnan(d.tempC[rows.use[r]]) && !std::isnan(d.temp24C[rows.use[r]]) &&
        !std::isnan(d.temp168C[rows.use[r]]) &&
        (!o.features.enthalpy || !std::isnan(d.enthalpy[rows.use[r]])) &&
        (!o.features.solar || d.solar.empty() || !std::isnan(d.solar[rows.use[r]])) &&
        (!withOcc || !std::isnan(d.occupancy[rows.use[r]]))) {
      use.push_back(rows.use[r]);
      y.push_back(rows.y[r]);
    }
  BalancePoints best;
  if (use.size() < 200) return best;
  // The search scores the compact columns (the heating profile follows HDD24, so it does not
  // move the balance point; leaving its 48 columns out keeps the search cheap).
  FeatureSwitches compact = o.features;
  compact.heatingProfile = false;
  const DemandFeatures probe(cal, compact, best, withOcc, occMean);
  std::vector<int> groups(use.size());
  for (std::size_t r = 0; r < use.size(); ++r) groups[r] = probe.group(d.from + static_cast<core::HourKey>(use[r]));
  const int nGroups = probe.calendarColumns();
  double bestScore = std::numeric_limits<double>::infinity();
  auto tryPoints = [&](BalancePoints bp) {
    if (bp.heatingC > bp.coolingC) return;
    const DemandFeatures feat(cal, compact, bp, withOcc, occMean);
    const double s = searchScore(d, use, y, feat, groups, nGroups);
    if (s < bestScore) {
      bestScore = s;
      best = bp;
    }
  };
  auto tryPair = [&](double h, double c) { tryPoints({h, c}); };
  // Coarse 2 C grid, then the 1 C neighbours of the best pair.
  for (double h = 8; h <= 20; h += 2)
    for (double c = 12; c <= 26; c += 2) tryPair(h, c);
  const BalancePoints coarse = best;
  for (double dh = -1; dh <= 1; dh += 1)
    for (double dc = -1; dc <= 1; dc += 1)
      if (dh != 0 || dc != 0) tryPair(coarse.heatingC + dh, coarse.coolingC + dc);
  // The heating season's switch temperature: the 7-day mean above which the heating is off.
  if (o.features.heating && o.features.heatingSeason) {
    const BalancePoints always = best;
    for (double ts = kSeasonMinC; ts <= kSeasonMaxC; ts += 1) tryPoints({always.heatingC, always.coolingC, ts});
  }
  return best;
}

flow::FeatureTable table(const DemandFeatures& feat, const DemandDrivers& d, const std::vector<std::size_t>& use,
                         const std::vector<double>* y) {
  flow::FeatureTable t(feat.columns());
  std::vector<float> row;
  for (std::size_t r = 0; r < use.size(); ++r) {
    feat.row(d, use[r], row);
    if (y)
      t.add(row, (*y)[r]);
    else
      t.addFeatures(row);
  }
  return t;
}

}  // namespace

DemandModel fitDemandModel(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                           core::HourKey from, core::HourKey to, const flow::LocalCalendar& calendar,
                           const DemandModelOptions& o) {
  if (weather.dryBulbC.size() == 0)
    throw modelError("the demand model needs the dry-bulb temperature", "a weather series with dry_bulb", "none");
  DemandModel m;
  m.options = o;
  const DemandDrivers d = demandDrivers(weather, occupancy, from, to);
  m.withOccupancy = o.features.occupancy && !d.occupancy.empty();
  m.occupancyMean = m.withOccupancy ? occupancyMeanOf(d) : 0.0;
  if (m.withOccupancy && !(m.occupancyMean > 0)) m.withOccupancy = false;
  const Rows rows = presentRows(load, d);
  const double needed = o.minTrainingShare * static_cast<double>(d.size());
  if (rows.use.size() < 24 * 14 || static_cast<double>(rows.use.size()) < needed)
    throw modelError("too few hours with a load to fit the demand model",
                     "at least 14 days and " + std::to_string(static_cast<int>(o.minTrainingShare * 100)) +
                         "% of the window",
                     std::to_string(rows.use.size()) + " of " + std::to_string(d.size()) + " hours");
  m.balance = o.balance ? *o.balance : searchBalance(d, rows, calendar, o, m.withOccupancy, m.occupancyMean);
  const DemandFeatures feat(calendar, o.features, m.balance, m.withOccupancy, m.occupancyMean);
  m.featureNames = feat.names();

  // Split-conformal calibration on the window's last calibrationDays.
  const core::HourKey calibFrom = to - static_cast<core::HourKey>(o.calibrationDays) * 24;
  if (o.calibrationDays > 0 && calibFrom - from >= 3 * o.calibrationDays * 24) {
    Rows fitPart, calPart;
    for (std::size_t r = 0; r < rows.use.size(); ++r) {
      Rows& part = d.from + static_cast<core::HourKey>(rows.use[r]) < calibFrom ? fitPart : calPart;
      part.use.push_back(rows.use[r]);
      part.y.push_back(rows.y[r]);
    }
    if (fitPart.use.size() >= 24 * 14 && calPart.use.size() >= 24 * 7) {
      auto reg = flow::makeRegressor(o.engine);
      reg->fit(table(feat, d, fitPart.use, &fitPart.y));
      const std::vector<double> p = reg->predict(table(feat, d, calPart.use, nullptr));
      std::vector<double> scores(p.size());
      for (std::size_t i = 0; i < p.size(); ++i) scores[i] = std::fabs(calPart.y[i] - std::max(0.0, p[i]));
      m.intervals = flow::conformalQuantiles(scores, o.intervalLevels);
    }
  }
  auto reg = flow::makeRegressor(o.engine);
  const flow::FeatureTable all = table(feat, d, rows.use, &rows.y);
  reg->fit(all);
  const std::vector<double> p = reg->predict(all);
  std::vector<double> fitted(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) fitted[i] = std::max(0.0, p[i]);
  m.parameterCount = reg->parameterCount() + (o.balance ? 0 : m.balance.seasonal() ? 3 : 2);
  m.training = g14Metrics(rows.y, fitted, m.parameterCount);
  m.trainingHours = rows.use.size();
  m.regressor = std::move(reg);
  if (o.lagHorizonDays > 0) fitLagStage(m, load, weather, occupancy, from, to, o.lagHorizonDays, calendar);
  return m;
}

DemandPrediction predictDemand(const DemandModel& m, const WeatherSeries& weather, const HourlySeries* occupancy,
                               core::HourKey from, core::HourKey to, const flow::LocalCalendar& calendar) {
  if (!m.regressor) throw modelError("the demand model is not fitted", "a fitted model", "none");
  const DemandDrivers d = demandDrivers(weather, m.withOccupancy ? occupancy : nullptr, from, to);
  if (m.withOccupancy && d.occupancy.empty())
    throw modelError("the demand model was fitted with occupancy; give an occupancy series (or forecast)",
                     "occupancy over the forecast hours", "none");
  const DemandFeatures feat(calendar, m.options.features, m.balance, m.withOccupancy, m.occupancyMean);
  std::vector<std::size_t> use(d.size());
  for (std::size_t i = 0; i < use.size(); ++i) use[i] = i;
  const std::vector<double> p = m.regressor->predict(table(feat, d, use, nullptr));
  DemandPrediction out;
  out.mean.start = from;
  out.mean.unit = "kWh";
  out.mean.values.resize(d.size());
  for (std::size_t k = 0; k < m.intervals.q.size(); ++k) out.intervals.push_back({m.intervals.levels[k], {}, {}});
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double v = std::isnan(d.tempC[i]) ? kNaN : std::max(0.0, p[i]);  // no temperature, no forecast
    out.mean.values[i] = v;
    for (std::size_t k = 0; k < m.intervals.q.size(); ++k) {
      out.intervals[k].low.push_back(std::isnan(v) ? kNaN : std::max(0.0, v - m.intervals.q[k]));
      out.intervals[k].high.push_back(std::isnan(v) ? kNaN : v + m.intervals.q[k]);
    }
  }
  return out;
}

HeldOutScore scoreHeldOut(const HourlySeries& load, const WeatherSeries& weather, const HourlySeries* occupancy,
                          core::HourKey trainFrom, core::HourKey trainTo, core::HourKey testFrom, core::HourKey testTo,
                          const flow::LocalCalendar& calendar, const DemandModelOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const DemandModel m = fitDemandModel(load, weather, occupancy, trainFrom, trainTo, calendar, options);
  HeldOutScore s;
  s.fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  s.training = m.training;
  s.balance = m.balance;
  const DemandPrediction p = predictDemand(m, weather, occupancy, testFrom, testTo, calendar);
  std::vector<double> actual(p.mean.size());
  for (std::size_t i = 0; i < actual.size(); ++i) actual[i] = load.at(testFrom + static_cast<core::HourKey>(i));
  s.heldOut = g14Metrics(actual, p.mean.values, 0);
  for (const auto& pi : p.intervals) {
    std::int64_t inside = 0, n = 0;
    for (std::size_t i = 0; i < actual.size(); ++i) {
      if (std::isnan(actual[i]) || std::isnan(p.mean.values[i])) continue;
      ++n;
      inside += actual[i] >= pi.low[i] && actual[i] <= pi.high[i];
    }
    s.coverage.push_back(n ? static_cast<double>(inside) / n : kNaN);
  }
  s.predicted = p.mean;
  return s;
}

}  // namespace ekm::energy
