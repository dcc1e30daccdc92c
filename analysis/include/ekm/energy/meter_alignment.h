#pragma once
// Timestamp-shift detection between weather and meters. A weather file in UTC read as
// local time (GEPIII/BDG2's weather against local meter time) shows as a lag of several
// hours between the day's temperature cycle and the load's. Both series are high-passed
// (each value minus its centred 24-hour mean, so seasons and trends do not count) and the
// shift of the weather's timestamps that maximises the correlation with the load (times
// the kind's sign: +1 for cooling and electricity, -1 for heating, steam, hot water and
// gas) is reported. The building's own thermal lag (1-2 h) is part of what is found, so
// only a shift of several hours is a sign of a time-zone error.
#include <cstdint>

#include "ekm/energy/hourly_series.h"

namespace ekm::energy {

struct LagEstimate {
  int shiftHours = 0;             // add this to the weather's timestamps to align it with the load
  double correlation = 0;         // at shiftHours (signed as described above)
  double correlationAtZero = 0;   // without a shift
  std::int64_t pairs = 0;         // hours with both values at shiftHours
};

// +1 for loads that rise with temperature, -1 for heating-like loads.
int temperatureSign(MeterKind kind);

// Searches shifts in [-maxShiftHours, maxShiftHours]; pairs = 0 when fewer than 48 hours
// overlap.
LagEstimate detectWeatherShift(const HourlySeries& temperature, const HourlySeries& load, int sign = 1,
                               int maxShiftHours = 12);

// The series with every timestamp moved by `hours`.
inline HourlySeries shifted(HourlySeries s, int hours) {
  s.start += hours;
  return s;
}

}  // namespace ekm::energy
