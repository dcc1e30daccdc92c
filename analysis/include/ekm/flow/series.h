#pragma once
// In-memory hourly series and the local calendar the flow models read them with.
//
// An HourlySeries is a contiguous run of hours starting at `start` (hours since the Unix
// epoch, UTC). A missing hour is NaN — never 0 — and stays missing through every
// computation in ekm::flow (skipped when fitting and scoring, reported as coverage).
//
// A LocalCalendar turns hour keys into local civil dates/hours and day types. It is a
// parameter of every calendar-aware function, so the same models run on Japanese data
// (japanCalendar(): JST, national holidays incl. substitute holidays) and on foreign data
// (e.g. victoriaCalendar() for the City of Melbourne pedestrian counts).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ekm/core/calendar.h"
#include "ekm/core/time.h"

namespace ekm::flow {

using core::DayType;
using core::HourKey;

struct HourlySeries {
  HourKey start = 0;
  std::vector<double> values;  // NaN = missing

  std::size_t size() const { return values.size(); }
  bool empty() const { return values.empty(); }
  HourKey end() const { return start + static_cast<HourKey>(values.size()); }  // one past the last hour
  // NaN outside [start, end).
  double at(HourKey t) const;
  // The hours [from, to) (padded with NaN outside the series).
  HourlySeries slice(HourKey from, HourKey to) const;
  std::size_t presentCount() const;
  double coverage() const;  // present / size (0 for an empty series)
};

// A series of `hours` NaNs.
HourlySeries missingSeries(HourKey start, std::size_t hours);
// Builds a series spanning [min t, max t] from (t, value) pairs (gaps become NaN). A
// duplicated hour keeps its first value and is counted in *duplicates (if given).
HourlySeries seriesFromPoints(const std::vector<std::pair<HourKey, double>>& points,
                              std::size_t* duplicates = nullptr);

struct LocalTime {
  std::chrono::year_month_day date;
  int hour = 0;          // 0..23 local
  std::int64_t day = 0;  // local days since 1970-01-01
};

class LocalCalendar {
 public:
  using HolidayFn = std::function<bool(const std::chrono::year_month_day&)>;
  // utcOffsetHours: local = UTC + offset (a fixed offset; for data recorded on a local wall
  // clock with daylight saving, use the standard offset: the wall clock hour then reads as
  // the local hour, and the DST switch shows as one missing/duplicated hour).
  LocalCalendar(std::string name, int utcOffsetHours, HolidayFn isHoliday);

  const std::string& name() const { return m_name; }
  int utcOffsetHours() const { return m_offset; }
  LocalTime local(HourKey t) const;
  HourKey hourKey(const std::chrono::year_month_day& date, int hour) const;
  HourKey hourKey(std::int64_t localDay, int hour) const { return (localDay * 24) + hour - m_offset; }
  std::int64_t localDay(HourKey t) const;
  int localHour(HourKey t) const;

  bool isHoliday(const std::chrono::year_month_day& date) const;
  // Saturday, SundayHoliday (Sundays and holidays, also on a Saturday) or Weekday.
  DayType dayType(const std::chrono::year_month_day& date) const;
  DayType dayType(std::int64_t localDay) const;
  // A weekday whose previous and next days are both non-working.
  bool isBridgeDay(const std::chrono::year_month_day& date) const;

 private:
  std::string m_name;
  int m_offset;
  HolidayFn m_isHoliday;
};

// JST, Japanese national holidays (ekm::core::calendar: substitute and citizens' holidays).
const LocalCalendar& japanCalendar();
// Australia/Melbourne wall clock read at UTC+10 with Victorian public holidays 2012-2015
// (a table, see series.cpp); outside those years no holidays.
const LocalCalendar& victoriaCalendar();
// A calendar without holidays at a fixed offset.
LocalCalendar plainCalendar(int utcOffsetHours);
// "japan", "victoria", "none" (UTC+0) or "none+H" / "none-H" (no holidays at UTC+H).
// Throws core::Error(Usage) otherwise.
LocalCalendar calendarFromName(const std::string& name);

// Victorian public holidays of a year (2012-2015), sorted. Empty outside.
std::vector<std::chrono::year_month_day> victorianPublicHolidays(int year);

}  // namespace ekm::flow
