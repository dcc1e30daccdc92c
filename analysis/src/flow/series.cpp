#include "ekm/flow/series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ekm/core/error.h"

namespace ekm::flow {

using std::chrono::year_month_day;
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
}  // namespace

double HourlySeries::at(HourKey t) const {
  if (t < start || t >= end()) return kNaN;
  return values[static_cast<std::size_t>(t - start)];
}

HourlySeries HourlySeries::slice(HourKey from, HourKey to) const {
  HourlySeries out;
  out.start = from;
  if (to <= from) return out;
  out.values.resize(static_cast<std::size_t>(to - from), kNaN);
  const HourKey a = std::max(from, start), b = std::min(to, end());
  for (HourKey t = a; t < b; ++t)
    out.values[static_cast<std::size_t>(t - from)] = values[static_cast<std::size_t>(t - start)];
  return out;
}

std::size_t HourlySeries::presentCount() const {
  return static_cast<std::size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return !std::isnan(v); }));
}

double HourlySeries::coverage() const {
  return values.empty() ? 0.0 : static_cast<double>(presentCount()) / static_cast<double>(values.size());
}

HourlySeries missingSeries(HourKey start, std::size_t hours) {
  HourlySeries s;
  s.start = start;
  s.values.assign(hours, kNaN);
  return s;
}

HourlySeries seriesFromPoints(const std::vector<std::pair<HourKey, double>>& points,
                              std::size_t* duplicates) {
  if (duplicates) *duplicates = 0;
  if (points.empty()) return {};
  HourKey lo = points.front().first, hi = lo;
  for (const auto& p : points) {
    lo = std::min(lo, p.first);
    hi = std::max(hi, p.first);
  }
  HourlySeries s = missingSeries(lo, static_cast<std::size_t>(hi - lo + 1));
  std::vector<bool> seen(s.size(), false);
  for (const auto& [t, v] : points) {
    const auto i = static_cast<std::size_t>(t - lo);
    if (seen[i]) {
      if (duplicates) ++*duplicates;
      continue;
    }
    seen[i] = true;
    s.values[i] = v;
  }
  return s;
}

LocalCalendar::LocalCalendar(std::string name, int utcOffsetHours, HolidayFn isHoliday)
    : m_name(std::move(name)), m_offset(utcOffsetHours), m_isHoliday(std::move(isHoliday)) {}

std::int64_t LocalCalendar::localDay(HourKey t) const { return floorDiv(t + m_offset, 24); }
int LocalCalendar::localHour(HourKey t) const { return static_cast<int>((t + m_offset) - localDay(t) * 24); }

LocalTime LocalCalendar::local(HourKey t) const {
  LocalTime lt;
  lt.day = localDay(t);
  lt.hour = localHour(t);
  lt.date = core::civilFromDays(lt.day);
  return lt;
}

HourKey LocalCalendar::hourKey(const year_month_day& date, int hour) const {
  return core::daysFromCivil(date) * 24 + hour - m_offset;
}

bool LocalCalendar::isHoliday(const year_month_day& date) const { return m_isHoliday && m_isHoliday(date); }

DayType LocalCalendar::dayType(const year_month_day& date) const {
  const int w = core::dayOfWeek(date);
  if (w == 0 || isHoliday(date)) return DayType::SundayHoliday;
  if (w == 6) return DayType::Saturday;
  return DayType::Weekday;
}

DayType LocalCalendar::dayType(std::int64_t day) const { return dayType(core::civilFromDays(day)); }

bool LocalCalendar::isBridgeDay(const year_month_day& date) const {
  if (dayType(date) != DayType::Weekday) return false;
  const std::int64_t d = core::daysFromCivil(date);
  return dayType(d - 1) != DayType::Weekday && dayType(d + 1) != DayType::Weekday;
}

const LocalCalendar& japanCalendar() {
  // A day table over 1980-2099 built once (thread-safe static init): the models look up
  // holidays for every day of every series, and core::isJapaneseHoliday derives a year's rules.
  static const LocalCalendar cal("japan", core::kJstOffsetHours, [](const year_month_day& d) {
    static const std::pair<std::int64_t, std::vector<bool>> table = [] {
      const std::int64_t first = core::daysFromCivil(ymd(core::kFirstHolidayYear, 1, 1));
      const std::int64_t last = core::daysFromCivil(ymd(core::kLastHolidayYear, 12, 31));
      std::vector<bool> isHoliday(static_cast<std::size_t>(last - first + 1), false);
      for (int y = core::kFirstHolidayYear; y <= core::kLastHolidayYear; ++y)
        for (const auto& [date, name] : core::japaneseHolidays(y))
          isHoliday[static_cast<std::size_t>(core::daysFromCivil(date) - first)] = true;
      return std::pair{first, std::move(isHoliday)};
    }();
    if (!d.ok()) return false;
    const std::int64_t i = core::daysFromCivil(d) - table.first;
    return i >= 0 && i < static_cast<std::int64_t>(table.second.size()) &&
           table.second[static_cast<std::size_t>(i)];
  });
  return cal;
}

// Victorian public holidays as declared by the Victorian Government (Public Holidays Act
// 1993 and its annual gazettals): New Year's Day, Australia Day, Labour Day (2nd Monday in
// March), Good Friday, Easter Saturday, Easter Monday, Anzac Day (no substitute day in
// these years), Queen's Birthday (2nd Monday in June), Melbourne Cup Day (1st Tuesday in
// November), Christmas Day, Boxing Day, with Monday/Tuesday substitutes when New Year,
// Australia, Christmas or Boxing Day fall on a weekend; AFL Grand Final Friday from 2015.
std::vector<year_month_day> victorianPublicHolidays(int year) {
  static const std::map<int, std::vector<year_month_day>> table = {
      {2012,
       {ymd(2012, 1, 2), ymd(2012, 1, 26), ymd(2012, 3, 12), ymd(2012, 4, 6), ymd(2012, 4, 7),
        ymd(2012, 4, 9), ymd(2012, 4, 25), ymd(2012, 6, 11), ymd(2012, 11, 6), ymd(2012, 12, 25),
        ymd(2012, 12, 26)}},
      {2013,
       {ymd(2013, 1, 1), ymd(2013, 1, 28), ymd(2013, 3, 11), ymd(2013, 3, 29), ymd(2013, 3, 30),
        ymd(2013, 4, 1), ymd(2013, 4, 25), ymd(2013, 6, 10), ymd(2013, 11, 5), ymd(2013, 12, 25),
        ymd(2013, 12, 26)}},
      {2014,
       {ymd(2014, 1, 1), ymd(2014, 1, 27), ymd(2014, 3, 10), ymd(2014, 4, 18), ymd(2014, 4, 19),
        ymd(2014, 4, 21), ymd(2014, 4, 25), ymd(2014, 6, 9), ymd(2014, 11, 4), ymd(2014, 12, 25),
        ymd(2014, 12, 26)}},
      {2015,
       {ymd(2015, 1, 1), ymd(2015, 1, 26), ymd(2015, 3, 9), ymd(2015, 4, 3), ymd(2015, 4, 4), ymd(2015, 4, 6),
        ymd(2015, 4, 25), ymd(2015, 6, 8), ymd(2015, 10, 2), ymd(2015, 11, 3), ymd(2015, 12, 25),
        ymd(2015, 12, 28)}},
  };
  const auto it = table.find(year);
  return it == table.end() ? std::vector<year_month_day>{} : it->second;
}

const LocalCalendar& victoriaCalendar() {
  static const LocalCalendar cal("victoria", 10, [](const year_month_day& d) {
    static const std::vector<std::int64_t> days = [] {
      std::vector<std::int64_t> out;
      for (int y = 2012; y <= 2015; ++y)
        for (const auto& h : victorianPublicHolidays(y)) out.push_back(core::daysFromCivil(h));
      std::sort(out.begin(), out.end());
      return out;
    }();
    return std::binary_search(days.begin(), days.end(), core::daysFromCivil(d));
  });
  return cal;
}

LocalCalendar plainCalendar(int utcOffsetHours) { return LocalCalendar("none", utcOffsetHours, nullptr); }

LocalCalendar calendarFromName(const std::string& name) {
  if (name == "japan" || name == "jp") return japanCalendar();
  if (name == "victoria" || name == "melbourne") return victoriaCalendar();
  if (name == "none") return plainCalendar(0);
  if (name.rfind("none", 0) == 0 && name.size() > 5 && (name[4] == '+' || name[4] == '-')) {
    try {
      std::size_t used = 0;
      const int h = std::stoi(name.substr(5), &used);
      if (used == name.size() - 5 && h >= 0 && h <= 14) return plainCalendar(name[4] == '-' ? -h : h);
    } catch (...) {
    }
  }
  core::ErrorContext c;
  c.field = "calendar";
  c.expected = "japan, victoria, none or none+H/none-H";
  c.found = name;
  throw core::Error(core::ErrorCode::Usage, "unknown calendar", c);
}

}  // namespace ekm::flow
