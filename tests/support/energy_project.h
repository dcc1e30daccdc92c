#pragma once
// A small generated energy project for tests of the energy operations and the Energy dock:
// two buildings (B1 "East", B2 "West", squares of ~60 m near Takanawa Gateway) with
// kEnergyDays days of hourly cooling and heating meters and "tokyo" weather from
// 2025-07-01 00:00 JST. Cooling = scale * (150 + 25 * max(0, T - 20) + 250 in office hours
// 8-20 h), heating = scale * (90 in 6-9 h and 18-22 h, else 25), scale 1 (B1) or 0.6 (B2);
// T = 27 + 4 sin((h - 9) pi / 12) + 1.5 sin(0.7 day). Deterministic. And a three-unit plant
// (two chillers, a heat-pump chiller) with a chilled-water tank.
#include <string>

#include "ekm/core/time.h"

namespace ekm_test {

inline constexpr int kEnergyDays = 45;
extern const char* const kSmallPlantJson;

ekm::core::HourKey energyFirstHour();
// Creates the project file at `path` with the buildings, weather and meters.
void writeSmallEnergyProject(const std::string& path);

}  // namespace ekm_test
