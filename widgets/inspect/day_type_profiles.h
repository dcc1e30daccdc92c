#pragma once
// Hour-of-day profiles of one hourly series by day type (weekday, Saturday, Sunday/holiday;
// Japanese holidays through the calendar): the mean per local hour comes from
// flow::hourProfiles, and the P10-P90 band per hour from the same observations
// (flow::quantile, type 7). Missing hours are left out, never counted as zero.
#include <array>
#include <vector>

#include "ekm/core/calendar.h"
#include "ekm/flow/series.h"

namespace ekm::widgets {

struct DayTypeProfile {
  core::DayType dayType = core::DayType::Weekday;
  std::array<double, 24> mean{};  // NaN where no observation
  std::array<double, 24> p10{};
  std::array<double, 24> p90{};
  std::array<int, 24> count{};  // observations per hour
  int completeDays = 0;
};

// Always three profiles, in the order weekday, Saturday, Sunday/holiday.
std::vector<DayTypeProfile> dayTypeProfiles(const flow::HourlySeries& series, const flow::LocalCalendar& calendar);

}  // namespace ekm::widgets
