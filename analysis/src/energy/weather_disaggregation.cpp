// Daily -> hourly weather (see ekm/energy/weather_disaggregation.h for the methods).
#include "ekm/energy/weather_disaggregation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ekm::energy {

double saturationVapourHpa(double tempC) { return 6.1094 * std::exp(17.625 * tempC / (tempC + 243.04)); }

double dewPointFromVapourC(double vapourHpa) {
  const double a = std::log(vapourHpa / 6.1094);
  return 243.04 * a / (17.625 - a);
}

double relativeHumidityPct(double tempC, double dewC) {
  return std::min(100.0, 100.0 * saturationVapourHpa(dewC) / saturationVapourHpa(tempC));
}

double meanSinElevation(core::HourKey t, double latDeg, double lonDeg) {
  constexpr double pi = std::numbers::pi;
  const double lat = latDeg * pi / 180;
  constexpr int kSteps = 12;
  double sum = 0;
  for (int i = 0; i < kSteps; ++i) {
    const double hoursUtc = static_cast<double>(t) + (i + 0.5) / kSteps;  // hours since the epoch
    const double days = hoursUtc / 24.0;
    const auto day = static_cast<std::int64_t>(std::floor(days));
    const auto ymd = core::civilFromDays(day);
    const auto jan1 = core::daysFromCivil(ymd.year() / std::chrono::January / 1);
    const double hourOfDay = (days - static_cast<double>(day)) * 24.0;
    // Spencer (1971): fractional year, declination, equation of time (minutes).
    const double g = 2 * pi / 365.0 * (static_cast<double>(day - jan1) + (hourOfDay - 12) / 24.0);
    const double decl = 0.006918 - 0.399912 * std::cos(g) + 0.070257 * std::sin(g) - 0.006758 * std::cos(2 * g) +
                        0.000907 * std::sin(2 * g) - 0.002697 * std::cos(3 * g) + 0.00148 * std::sin(3 * g);
    const double eotMin = 229.18 * (0.000075 + 0.001868 * std::cos(g) - 0.032077 * std::sin(g) -
                                    0.014615 * std::cos(2 * g) - 0.040849 * std::sin(2 * g));
    const double solarTime = hourOfDay + lonDeg / 15.0 + eotMin / 60.0;
    const double hourAngle = (solarTime - 12.0) * 15.0 * pi / 180;
    const double s = std::sin(lat) * std::sin(decl) + std::cos(lat) * std::cos(decl) * std::cos(hourAngle);
    sum += std::max(0.0, s);
  }
  return sum / kSteps;
}

WeatherSeries disaggregateDaily(const std::vector<DailyWeather>& input, const DisaggregationOptions& o) {
  WeatherSeries w;
  w.site = o.site;
  if (input.empty()) return w;
  std::vector<DailyWeather> days = input;
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days(a.date) < std::chrono::sys_days(b.date);
  });
  const core::HourKey start = core::hourKeyFromJst(days.front().date, 0);
  const core::HourKey end = core::hourKeyFromJst(days.back().date, 0) + 24;
  const auto n = static_cast<std::size_t>(end - start);
  w.dryBulbC = {start, std::vector<double>(n, kMissing), "degC"};
  w.relHumidityPct = {start, std::vector<double>(n, kMissing), "%"};
  w.dewPointC = {start, std::vector<double>(n, kMissing), "degC"};
  w.solarWm2 = {start, std::vector<double>(n, kMissing), "W/m2"};

  // Temperature anchors (time in hours since the epoch, value), in time order; a missing
  // day leaves a gap (NaN anchors).
  struct Anchor {
    double t;
    double v;
  };
  std::vector<Anchor> anchors;
  for (const auto& d : days) {
    const double t0 = static_cast<double>(core::hourKeyFromJst(d.date, 0));
    anchors.push_back({t0 + o.minHourJst + 0.5, d.tMinC});  // the middle of the hour of the minimum
    anchors.push_back({t0 + o.maxHourJst + 0.5, d.tMaxC});
  }
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(start) + static_cast<double>(i) + 0.5;
    while (k + 1 < anchors.size() && anchors[k + 1].t <= t) ++k;
    double v = kMissing;
    if (t < anchors.front().t) {
      v = anchors.front().v;  // before the first anchor: hold (first night)
    } else if (k + 1 >= anchors.size()) {
      v = anchors.back().v;
    } else {
      const auto& a = anchors[k];
      const auto& b = anchors[k + 1];
      const double span = b.t - a.t;
      if (span <= 24.0) {  // not across a missing day
        const double x = (t - a.t) / span;
        v = a.v + (b.v - a.v) * (1 - std::cos(std::numbers::pi * x)) / 2;
      }
    }
    w.dryBulbC.values[i] = v;  // NaN when an anchor is missing (NaN propagates)
  }
  // Per day: humidity and solar.
  for (const auto& d : days) {
    const auto first = static_cast<std::size_t>(core::hourKeyFromJst(d.date, 0) - start);
    double vapour = d.vapourHpa;
    if (isMissing(vapour) && !isMissing(d.rhMeanPct) && !isMissing(d.tMeanC))
      vapour = d.rhMeanPct / 100.0 * saturationVapourHpa(d.tMeanC);
    if (!isMissing(vapour) && vapour > 0) {
      const double dew = dewPointFromVapourC(vapour);
      for (std::size_t h = 0; h < 24; ++h) {
        w.dewPointC.values[first + h] = dew;
        const double temp = w.dryBulbC.values[first + h];
        w.relHumidityPct.values[first + h] = isMissing(temp) ? kMissing : relativeHumidityPct(temp, dew);
      }
    }
    if (!isMissing(d.solarMjM2)) {
      double shape[24];
      double total = 0;
      for (std::size_t h = 0; h < 24; ++h) {
        shape[h] = meanSinElevation(start + static_cast<core::HourKey>(first + h), o.latDeg, o.lonDeg);
        total += shape[h];
      }
      for (std::size_t h = 0; h < 24; ++h)
        w.solarWm2.values[first + h] = total > 0 ? d.solarMjM2 * 1e6 / 3600.0 * shape[h] / total : 0.0;
    }
  }
  return w;
}

}  // namespace ekm::energy
