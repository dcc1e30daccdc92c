#include "inspect/day_type_profiles.h"

#include <cmath>

#include "ekm/flow/profile.h"
#include "ekm/flow/statistics.h"

namespace ekm::widgets {

namespace {
int indexOf(core::DayType type) {
  switch (type) {
    case core::DayType::Weekday:
      return 0;
    case core::DayType::Saturday:
      return 1;
    case core::DayType::SundayHoliday:
      return 2;
  }
  return 0;
}
}  // namespace

std::vector<DayTypeProfile> dayTypeProfiles(const flow::HourlySeries& series, const flow::LocalCalendar& calendar) {
  const std::vector<flow::HourProfile> means = flow::hourProfiles(series, calendar, flow::ProfileBy::DayType);
  // Observations per (day type, local hour) for the band.
  std::array<std::array<std::vector<double>, 24>, 3> observed;
  std::int64_t day = 0;
  int typeIndex = 0;
  bool first = true;
  for (core::HourKey t = series.start; t < series.end(); ++t) {
    const double v = series.values[static_cast<std::size_t>(t - series.start)];
    if (std::isnan(v)) continue;
    const std::int64_t d = calendar.localDay(t);
    if (first || d != day) {
      day = d;
      first = false;
      typeIndex = indexOf(calendar.dayType(d));
    }
    observed[typeIndex][calendar.localHour(t)].push_back(v);
  }
  std::vector<DayTypeProfile> out;
  for (core::DayType type : {core::DayType::Weekday, core::DayType::Saturday, core::DayType::SundayHoliday}) {
    DayTypeProfile p;
    p.dayType = type;
    const int i = indexOf(type);
    for (const flow::HourProfile& m : means)
      if (m.label == core::dayTypeName(type)) {
        p.mean = m.mean;
        p.count = m.count;
        p.completeDays = m.completeDays;
      }
    for (int h = 0; h < 24; ++h) {
      p.p10[h] = flow::quantile(observed[i][h], 0.1);
      p.p90[h] = flow::quantile(observed[i][h], 0.9);
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace ekm::widgets
