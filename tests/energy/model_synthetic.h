#pragma once
// A synthetic building whose true demand law is known: Tokyo-like weather, an office's
// occupancy with day-to-day variation the calendar cannot know, and a cooling load
//   load = 40 + 6 * max(0, T - 18) + 0.15 * occupancy + 1.5 * max(0, h - 48) + noise(sd 8) kWh
// (h = moist-air enthalpy, kJ/kg). Deterministic (seeded), portable RNG.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <vector>

#include "ekm/energy/features.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/flow/series.h"

namespace ekm::energy::testing {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_s(seed ? seed : 1) {}
  double uniform() {  // xorshift64*
    m_s ^= m_s >> 12;
    m_s ^= m_s << 25;
    m_s ^= m_s >> 27;
    return static_cast<double>((m_s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
  }
  double normal() {
    const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t m_s;
};

struct SyntheticBuilding {
  WeatherSeries weather;
  HourlySeries occupancy;
  HourlySeries load;        // metered
  HourlySeries noiseFree;   // the law without noise
};

// `days` days from 2025-01-01 00:00 JST.
inline SyntheticBuilding syntheticBuilding(int days, std::uint64_t seed = 7) {
  const flow::LocalCalendar& cal = flow::japanCalendar();
  const core::HourKey start = cal.hourKey(std::chrono::year{2025} / 1 / 1, 0);
  const std::size_t n = static_cast<std::size_t>(days) * 24;
  Rng rng(seed);
  SyntheticBuilding b;
  for (HourlySeries* s : {&b.weather.dryBulbC, &b.weather.dewPointC, &b.weather.solarWm2, &b.occupancy, &b.load,
                          &b.noiseFree}) {
    s->start = start;
    s->values.resize(n);
  }
  double dayFactor = 1, dayNoise = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const core::HourKey t = start + static_cast<core::HourKey>(i);
    const int hour = cal.localHour(t);
    const std::int64_t day = cal.localDay(t);
    if (hour == 0) {
      dayFactor = std::exp(0.25 * rng.normal());
      dayNoise = 2.5 * rng.normal();
    }
    const double doy = static_cast<double>(i / 24);
    const double temp = 16 - 10 * std::cos(6.283185307179586 * (doy - 20) / 365) +
                        4 * std::sin(6.283185307179586 * (hour - 9) / 24) + dayNoise + 0.7 * rng.normal();
    const double dew = temp - 4 - 3 * rng.uniform();
    const double solar = std::max(0.0, 800 * std::sin(3.141592653589793 * (hour - 6) / 12)) * (0.4 + 0.6 * rng.uniform());
    const core::DayType type = cal.dayType(day);
    const double base = type == core::DayType::Weekday ? 1.0 : type == core::DayType::Saturday ? 0.4 : 0.2;
    const double occ = 1000 * base * (hour >= 8 && hour < 20 ? 1.0 : 0.08) * dayFactor;
    const double h = moistAirEnthalpy(temp, humidityRatioFromDewPoint(dew));
    const double law = 40 + 6 * std::max(0.0, temp - 18) + 0.15 * occ + 1.5 * std::max(0.0, h - 48);
    b.weather.dryBulbC.values[i] = temp;
    b.weather.dewPointC.values[i] = dew;
    b.weather.solarWm2.values[i] = solar;
    b.occupancy.values[i] = occ;
    b.noiseFree.values[i] = law;
    b.load.values[i] = std::max(0.0, law + 8 * rng.normal());
  }
  return b;
}

}  // namespace ekm::energy::testing
