#include "ekm/flow/profile.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "ekm/core/error.h"

namespace ekm::flow {

using std::chrono::year_month_day;
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string monthLabel(const year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
  return buf;
}
}  // namespace

std::string isoWeekLabel(const year_month_day& date) {
  const std::int64_t day = core::daysFromCivil(date);
  const int w = core::dayOfWeek(date);  // 0 = Sunday
  const int iso = w == 0 ? 7 : w;       // 1 = Monday .. 7 = Sunday
  const std::int64_t thursday = day - (iso - 1) + 3;
  const year_month_day th = core::civilFromDays(thursday);
  const std::int64_t jan1 =
      core::daysFromCivil(year_month_day{th.year(), std::chrono::January, std::chrono::day{1}});
  const int week = static_cast<int>((thursday - jan1) / 7 + 1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(th.year()), week);
  return buf;
}

const char* profileByName(ProfileBy by) {
  switch (by) {
    case ProfileBy::DayType:
      return "daytype";
    case ProfileBy::IsoWeek:
      return "week";
    case ProfileBy::Month:
      return "month";
  }
  return "?";
}

ProfileBy profileByFromName(const std::string& name) {
  if (name == "daytype" || name == "day-type") return ProfileBy::DayType;
  if (name == "week") return ProfileBy::IsoWeek;
  if (name == "month") return ProfileBy::Month;
  core::ErrorContext c;
  c.field = "by";
  c.expected = "daytype, week or month";
  c.found = name;
  throw core::Error(core::ErrorCode::Usage, "unknown profile grouping", c);
}

std::vector<DailyTotal> dailyTotals(const HourlySeries& series, const LocalCalendar& calendar) {
  std::vector<DailyTotal> out;
  if (series.empty()) return out;
  const std::int64_t first = calendar.localDay(series.start), last = calendar.localDay(series.end() - 1);
  for (std::int64_t d = first; d <= last; ++d) {
    DailyTotal dt;
    dt.day = d;
    double sum = 0;
    for (int h = 0; h < 24; ++h) {
      const double v = series.at(calendar.hourKey(d, h));
      if (!std::isnan(v)) {
        sum += v;
        ++dt.hoursPresent;
      }
    }
    dt.total = dt.hoursPresent == 24 ? sum : kNaN;
    out.push_back(dt);
  }
  return out;
}

std::vector<HourProfile> hourProfiles(const HourlySeries& series, const LocalCalendar& calendar,
                                      ProfileBy by) {
  struct Acc {
    HourProfile p;
    std::array<double, 24> sum{};
    double dailySum = 0;
  };
  std::map<std::string, Acc> groups;  // labels sort chronologically for week/month
  if (by == ProfileBy::DayType)
    for (DayType t : {DayType::Weekday, DayType::Saturday, DayType::SundayHoliday})
      groups[core::dayTypeName(t)];
  std::int64_t day = std::numeric_limits<std::int64_t>::min();
  std::string dayLabel;
  for (HourKey t = series.start; t < series.end(); ++t) {
    const std::int64_t d = calendar.localDay(t);
    if (d != day) {
      day = d;
      const year_month_day date = core::civilFromDays(d);
      dayLabel = by == ProfileBy::DayType   ? std::string(core::dayTypeName(calendar.dayType(date)))
                 : by == ProfileBy::IsoWeek ? isoWeekLabel(date)
                                            : monthLabel(date);
    }
    Acc& a = groups[dayLabel];
    const int h = calendar.localHour(t);
    const double v = series.values[static_cast<std::size_t>(t - series.start)];
    ++a.p.hoursExpected;
    if (std::isnan(v)) continue;
    a.sum[h] += v;
    ++a.p.count[h];
    a.p.total += v;
    ++a.p.hoursPresent;
  }
  for (const DailyTotal& dt : dailyTotals(series, calendar)) {
    if (std::isnan(dt.total)) continue;
    const year_month_day date = core::civilFromDays(dt.day);
    const std::string label = by == ProfileBy::DayType
                                  ? std::string(core::dayTypeName(calendar.dayType(date)))
                              : by == ProfileBy::IsoWeek ? isoWeekLabel(date)
                                                         : monthLabel(date);
    Acc& a = groups[label];
    ++a.p.completeDays;
    a.dailySum += dt.total;
  }
  std::vector<HourProfile> out;
  auto finish = [&](const std::string& label, Acc& a) {
    a.p.label = label;
    for (int h = 0; h < 24; ++h) a.p.mean[h] = a.p.count[h] ? a.sum[h] / a.p.count[h] : kNaN;
    a.p.meanDailyTotal = a.p.completeDays ? a.dailySum / a.p.completeDays : kNaN;
    out.push_back(a.p);
  };
  if (by == ProfileBy::DayType) {
    for (DayType t : {DayType::Weekday, DayType::Saturday, DayType::SundayHoliday})
      finish(core::dayTypeName(t), groups[core::dayTypeName(t)]);
  } else {
    for (auto& [label, a] : groups) finish(label, a);
  }
  return out;
}

}  // namespace ekm::flow
