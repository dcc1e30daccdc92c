#pragma once
// Totals and hour-of-day profiles of one hourly series: by day type, by ISO week, by month.
//
// Missing hours are never counted as zero. A day's total is defined only when all of its 24
// local hours are present (otherwise the day is "incomplete" and left out of daily means);
// period totals report the sum of the present hours together with their coverage.
#include <array>
#include <string>
#include <vector>

#include "ekm/flow/series.h"

namespace ekm::flow {

struct DailyTotal {
  std::int64_t day = 0;  // local days since the epoch
  double total = 0;      // NaN unless all 24 hours are present
  int hoursPresent = 0;
};
// One entry per local day touched by the series (partial first/last days included, with
// total NaN when incomplete).
std::vector<DailyTotal> dailyTotals(const HourlySeries& series, const LocalCalendar& calendar);

struct HourProfile {
  std::string label;              // "weekday", "saturday", "sunday_holiday", "2025-W13", "2025-03"
  std::array<double, 24> mean{};  // mean value per local hour over present hours (NaN if none)
  std::array<int, 24> count{};    // present observations per hour
  double total = 0;               // sum of present hours
  int hoursPresent = 0;
  int hoursExpected = 0;      // hours of the period inside the series
  int completeDays = 0;       // days with all 24 hours present
  double meanDailyTotal = 0;  // mean total of complete days (NaN if none)
  double coverage() const { return hoursExpected ? static_cast<double>(hoursPresent) / hoursExpected : 0.0; }
};

enum class ProfileBy { DayType, IsoWeek, Month };
const char* profileByName(ProfileBy by);               // "daytype", "week", "month"
ProfileBy profileByFromName(const std::string& name);  // throws Error(Usage)

// Profiles in chronological (week/month) or day-type order (weekday, saturday, sunday_holiday;
// all three are always returned).
std::vector<HourProfile> hourProfiles(const HourlySeries& series, const LocalCalendar& calendar,
                                      ProfileBy by);

// ISO 8601 week label of a date ("2025-W13"; the week-based year may differ from the
// calendar year around New Year).
std::string isoWeekLabel(const std::chrono::year_month_day& date);

}  // namespace ekm::flow
