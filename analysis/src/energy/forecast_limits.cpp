#include "ekm/energy/forecast_limits.h"

#include <map>

namespace ekm::energy {

DailyOracle dailyOracle(const HourlySeries& actual, const HourlySeries& forecast) {
  struct Day {
    double actual = 0, forecast = 0, error = 0;
    std::int64_t n = 0;
  };
  auto dayOf = [](core::HourKey t) { return t >= 0 ? t / 24 : (t - 23) / 24; };
  std::map<std::int64_t, Day> days;
  for (std::size_t i = 0; i < forecast.size(); ++i) {
    const core::HourKey t = forecast.start + static_cast<core::HourKey>(i);
    const double a = actual.at(t), f = forecast.values[i];
    if (isMissing(a) || isMissing(f)) continue;
    Day& d = days[dayOf(t)];
    d.actual += a;
    d.forecast += f;
    d.error += f - a;
    ++d.n;
  }
  DailyOracle out;
  out.forecast = forecast;
  double within = 0, total = 0;
  for (std::size_t i = 0; i < forecast.size(); ++i) {
    const core::HourKey t = forecast.start + static_cast<core::HourKey>(i);
    const auto it = days.find(dayOf(t));
    if (it == days.end()) continue;
    const Day& d = it->second;
    if (d.forecast > 0) out.forecast.values[i] *= d.actual / d.forecast;
    const double a = actual.at(t), f = forecast.values[i];
    if (isMissing(a) || isMissing(f)) continue;
    const double e = f - a, w = e - d.error / static_cast<double>(d.n);
    within += w * w;
    total += e * e;
  }
  if (!days.empty()) out.withinDayShare = total > 0 ? within / total : 0.0;
  return out;
}

}  // namespace ekm::energy
