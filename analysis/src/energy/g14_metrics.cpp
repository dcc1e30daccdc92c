#include "ekm/energy/g14_metrics.h"

#include <boost/math/distributions/students_t.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "ekm/core/error.h"
#include "model_error.h"
#include "ekm/core/time.h"

namespace ekm::energy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using detail::modelError;

void checkSizes(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size())
    throw modelError("actual and predicted series differ in length", std::to_string(a.size()) + " values",
                     std::to_string(b.size()));
}

}  // namespace

bool G14Metrics::passesHourly() const { return cvRmse <= 0.30 && std::fabs(nmbe) <= 0.10; }
bool G14Metrics::meetsHourlyAim() const { return cvRmse <= 0.20 && std::fabs(nmbe) <= 0.05; }

G14Metrics g14Metrics(std::span<const double> actual, std::span<const double> predicted, int p) {
  checkSizes(actual, predicted);
  G14Metrics m;
  m.p = p;
  double sumY = 0, sumE = 0, sumE2 = 0, sumAbsE = 0, sumAbsY = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double y = actual[i], f = predicted[i];
    if (std::isnan(y) || std::isnan(f)) continue;
    ++m.n;
    sumY += y;
    sumE += y - f;
    sumE2 += (f - y) * (f - y);
    sumAbsE += std::fabs(f - y);
    sumAbsY += std::fabs(y);
  }
  const double dof = static_cast<double>(m.n - p);
  if (dof < 1) throw modelError("too few hours for the G14 metrics", "N - p >= 1", std::to_string(m.n) + " - " + std::to_string(p));
  m.meanActual = sumY / static_cast<double>(m.n);
  if (!(m.meanActual > 0)) throw modelError("the mean of the actual values is not positive", "ybar > 0", std::to_string(m.meanActual));
  m.rmse = std::sqrt(sumE2 / dof);
  m.cvRmse = m.rmse / m.meanActual;
  m.nmbe = sumE / (dof * m.meanActual);
  m.wape = sumAbsY > 0 ? sumAbsE / sumAbsY : kNaN;
  return m;
}

MonthlyTotals monthlyTotals(std::int64_t startHour, std::span<const double> actual, std::span<const double> predicted,
                            int utcOffsetHours, double minShare) {
  checkSizes(actual, predicted);
  struct Acc {
    double a = 0, p = 0;
    int present = 0, hours = 0;
  };
  std::map<int, Acc> months;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const std::int64_t local = startHour + static_cast<std::int64_t>(i) + utcOffsetHours;
    const auto d = core::civilFromDays(local >= 0 ? local / 24 : (local - 23) / 24);
    const int ym = static_cast<int>(d.year()) * 100 + static_cast<int>(static_cast<unsigned>(d.month()));
    Acc& acc = months[ym];
    ++acc.hours;
    if (std::isnan(actual[i]) || std::isnan(predicted[i])) continue;
    acc.a += actual[i];
    acc.p += predicted[i];
    ++acc.present;
  }
  MonthlyTotals out;
  for (const auto& [ym, acc] : months) {
    // Share of the month's calendar hours (a month cut by the series' ends counts as short).
    const int y = ym / 100;
    const unsigned mo = static_cast<unsigned>(ym % 100);
    const std::chrono::year_month_day_last last{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::last};
    const int monthHours = static_cast<int>(static_cast<unsigned>(last.day())) * 24;
    if (acc.present < minShare * monthHours) continue;
    out.yearMonth.push_back(ym);
    out.actual.push_back(acc.a);
    out.predicted.push_back(acc.p);
  }
  return out;
}

double wape(std::span<const double> actual, std::span<const double> predicted) {
  checkSizes(actual, predicted);
  double e = 0, y = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (std::isnan(actual[i]) || std::isnan(predicted[i])) continue;
    e += std::fabs(predicted[i] - actual[i]);
    y += std::fabs(actual[i]);
  }
  return y > 0 ? e / y : kNaN;
}

double mase(std::span<const double> actual, std::span<const double> predicted, std::span<const double> training,
            int season) {
  checkSizes(actual, predicted);
  double s = 0;
  std::int64_t ns = 0;
  for (std::size_t i = static_cast<std::size_t>(season); i < training.size(); ++i) {
    const double d = training[i] - training[i - static_cast<std::size_t>(season)];
    if (std::isnan(d)) continue;
    s += std::fabs(d);
    ++ns;
  }
  double e = 0;
  std::int64_t ne = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (std::isnan(actual[i]) || std::isnan(predicted[i])) continue;
    e += std::fabs(predicted[i] - actual[i]);
    ++ne;
  }
  if (!ns || !ne || !(s > 0)) return kNaN;
  return (e / static_cast<double>(ne)) / (s / static_cast<double>(ns));
}

double lag1Autocorrelation(std::span<const double> r) {
  double sum = 0;
  std::int64_t n = 0;
  for (double v : r)
    if (!std::isnan(v)) {
      sum += v;
      ++n;
    }
  if (n < 3) return kNaN;
  const double mean = sum / static_cast<double>(n);
  double num = 0, den = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (std::isnan(r[i])) continue;
    den += (r[i] - mean) * (r[i] - mean);
    if (i > 0 && !std::isnan(r[i - 1])) num += (r[i] - mean) * (r[i - 1] - mean);
  }
  return den > 0 ? num / den : kNaN;
}

double studentT(double confidence, double dof) {
  if (!(confidence > 0 && confidence < 1) || !(dof > 0))
    throw modelError("bad Student-t request", "confidence in (0,1), dof > 0",
                     std::to_string(confidence) + ", " + std::to_string(dof));
  const boost::math::students_t dist(dof);
  return boost::math::quantile(dist, 0.5 + confidence / 2);
}

}  // namespace ekm::energy
