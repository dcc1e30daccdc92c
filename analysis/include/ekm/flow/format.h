#pragma once
// Text helpers for flow results (CLI and exports): local times with their offset and numbers
// with missing values printed empty.
#include <string>

#include "ekm/flow/series.h"

namespace ekm::flow {

// "2025-03-27T10:00+09:00" in the calendar's local time.
std::string formatLocalHour(HourKey t, const LocalCalendar& calendar);
// Shortest round-trip text; "" for NaN. `digits` > 0 rounds to that many decimals.
std::string formatNumber(double v, int digits = 0);

}  // namespace ekm::flow
