#include "ekm/energy/forecast_limits.h"

#include <map>
#include <tuple>

namespace ekm::energy {

DailyOracle dailyOracle(const HourlySeries& actual, const HourlySeries& forecast) {
  struct Day {
    double actual = 0, forecast = 0, error = 0;
    std::int64_t n = 0;
  };
  const auto dayOf = core::utcDayOfHour;
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

HourlySeries weeklyProfileOracle(const HourlySeries& actual, const HourlySeries& scored,
                                 const flow::LocalCalendar& calendar) {
  // (week, working day, hour): local days since 1970-01-01 (a Thursday) + 3, over 7, count Mondays.
  using Key = std::tuple<std::int64_t, bool, int>;
  auto keyOf = [&](core::HourKey t) {
    const std::int64_t day = calendar.localDay(t);
    const std::int64_t week = day + 3 >= 0 ? (day + 3) / 7 : (day + 3 - 6) / 7;
    return Key{week, calendar.dayType(day) == core::DayType::Weekday, calendar.localHour(t)};
  };
  std::map<Key, std::pair<double, int>> sums;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    const core::HourKey t = scored.start + static_cast<core::HourKey>(i);
    const double a = actual.at(t);
    if (isMissing(a) || isMissing(scored.values[i])) continue;
    auto& [sum, n] = sums[keyOf(t)];
    sum += a;
    ++n;
  }
  HourlySeries out = scored;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const core::HourKey t = out.start + static_cast<core::HourKey>(i);
    if (isMissing(actual.at(t)) || isMissing(scored.values[i])) {
      out.values[i] = kMissing;
      continue;
    }
    const auto& [sum, n] = sums.at(keyOf(t));
    out.values[i] = sum / n;
  }
  return out;
}

}  // namespace ekm::energy
