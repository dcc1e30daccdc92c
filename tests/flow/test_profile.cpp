// Profiles by day type / ISO week / month, daily totals with missing hours, calendars,
// aggregation to zones and coarser meshes, and the period comparison.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/aggregate.h"
#include "ekm/flow/compare.h"
#include "ekm/flow/profile.h"

namespace ekm::flow {
namespace {

using std::chrono::year_month_day;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A JST series over whole local days: value = f(day type, hour).
HourlySeries jstSeries(year_month_day first, int days, double (*f)(DayType, int)) {
  const LocalCalendar& cal = japanCalendar();
  HourlySeries s;
  s.start = cal.hourKey(first, 0);
  for (int d = 0; d < days; ++d) {
    const std::int64_t day = core::daysFromCivil(first) + d;
    for (int h = 0; h < 24; ++h) s.values.push_back(f(cal.dayType(day), h));
  }
  return s;
}

double byType(DayType t, int h) {
  return (t == DayType::Weekday ? 100.0 : t == DayType::Saturday ? 60.0 : 30.0) + h;
}

TEST(FlowCalendar, JapanAndVictoria) {
  const LocalCalendar& jp = japanCalendar();
  // 2025-05-06 is a substitute holiday (Children's Day... Greenery Day May 4 was a Sunday).
  EXPECT_EQ(jp.dayType(ymd(2025, 5, 6)), DayType::SundayHoliday);
  EXPECT_EQ(jp.dayType(ymd(2025, 5, 7)), DayType::Weekday);
  EXPECT_EQ(jp.dayType(ymd(2025, 3, 29)), DayType::Saturday);
  // 2025-03-27 00:00 JST = 2025-03-26T15:00Z.
  EXPECT_EQ(jp.hourKey(ymd(2025, 3, 27), 0), core::hourKeyFromJst(ymd(2025, 3, 27), 0));
  EXPECT_EQ(jp.localHour(jp.hourKey(ymd(2025, 3, 27), 5)), 5);
  const LocalCalendar& vic = victoriaCalendar();
  EXPECT_TRUE(vic.isHoliday(ymd(2013, 11, 5)));  // Melbourne Cup Day (first Tuesday of November)
  EXPECT_TRUE(vic.isHoliday(ymd(2014, 1, 27)));  // Australia Day substitute (26th was a Sunday)
  EXPECT_FALSE(vic.isHoliday(ymd(2013, 11, 12)));
  EXPECT_FALSE(jp.isHoliday(ymd(2013, 11, 5)));
  // Easter: Good Friday 2014-04-18 (Easter Sunday 2014-04-20 by the Gregorian computus).
  EXPECT_TRUE(vic.isHoliday(ymd(2014, 4, 18)));
  EXPECT_TRUE(vic.isBridgeDay(ymd(2014, 4, 24)) == false);
  // Monday 2013-11-04 lies between a Sunday and the Cup-day Tuesday: a bridge day.
  EXPECT_TRUE(vic.isBridgeDay(ymd(2013, 11, 4)));
  EXPECT_EQ(calendarFromName("none+10").utcOffsetHours(), 10);
  EXPECT_THROW(calendarFromName("mars"), core::Error);
}

TEST(FlowProfile, IsoWeekLabels) {
  EXPECT_EQ(isoWeekLabel(ymd(2021, 1, 3)), "2020-W53");
  EXPECT_EQ(isoWeekLabel(ymd(2024, 12, 30)), "2025-W01");
  EXPECT_EQ(isoWeekLabel(ymd(2025, 3, 27)), "2025-W13");
  EXPECT_EQ(isoWeekLabel(ymd(2026, 1, 1)), "2026-W01");
}

TEST(FlowProfile, DayTypeProfilesAndMissingHours) {
  // 2025-04-28 (Mon) .. 2025-05-11 (Sun): Golden Week with 4 holidays incl. the substitute.
  HourlySeries s = jstSeries(ymd(2025, 4, 28), 14, byType);
  // One missing hour on Tuesday 2025-05-13? no: on Wednesday 2025-05-07 at 10:00.
  s.values[static_cast<std::size_t>(japanCalendar().hourKey(ymd(2025, 5, 7), 10) - s.start)] = kNaN;
  const auto p = hourProfiles(s, japanCalendar(), ProfileBy::DayType);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].label, "weekday");
  EXPECT_DOUBLE_EQ(p[0].mean[10], 110.0);
  EXPECT_DOUBLE_EQ(p[1].mean[3], 63.0);
  EXPECT_DOUBLE_EQ(p[2].mean[23], 53.0);
  // Weekdays: Apr 28, 30, May 1, 2, 7, 8, 9 = 7 days (29 Apr, 3-6 May are holidays).
  EXPECT_EQ(p[0].hoursExpected, 7 * 24);
  EXPECT_EQ(p[0].hoursPresent, 7 * 24 - 1);
  EXPECT_EQ(p[0].completeDays, 6);  // the day with a missing hour has no total
  EXPECT_DOUBLE_EQ(p[0].meanDailyTotal, 24 * 100 + 276);
  EXPECT_EQ(p[2].completeDays, 6);  // Apr 29, May 3 (a Saturday holiday), 4, 5, 6 (substitute), 11
  EXPECT_NEAR(p[0].coverage(), (7 * 24 - 1) / (7.0 * 24), 1e-12);
  const auto daily = dailyTotals(s, japanCalendar());
  ASSERT_EQ(daily.size(), 14u);
  EXPECT_TRUE(std::isnan(daily[9].total));  // May 7
  EXPECT_EQ(daily[9].hoursPresent, 23);
  const auto weeks = hourProfiles(s, japanCalendar(), ProfileBy::IsoWeek);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].label, "2025-W18");
  const auto months = hourProfiles(s, japanCalendar(), ProfileBy::Month);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].label, "2025-04");
  EXPECT_EQ(months[0].hoursExpected, 3 * 24);
}

TEST(FlowAggregate, MissingStaysMissingAndCoverage) {
  HourlySeries a{100, {1, 2, kNaN, kNaN}};
  HourlySeries b{101, {10, kNaN, kNaN, 40}};
  const AggregatedSeries s = aggregateSeries({&a, &b});
  ASSERT_EQ(s.series.start, 100);
  ASSERT_EQ(s.series.size(), 5u);
  EXPECT_DOUBLE_EQ(s.series.values[0], 1);
  EXPECT_DOUBLE_EQ(s.series.values[1], 12);
  EXPECT_TRUE(std::isnan(s.series.values[2]));  // nobody present: missing, not 0
  EXPECT_TRUE(std::isnan(s.series.values[3]));
  EXPECT_DOUBLE_EQ(s.series.values[4], 40);
  EXPECT_NEAR(s.coverage, 4.0 / 10.0, 1e-12);
  const AggregatedSeries strict = aggregateSeries({&a, &b}, MissingPolicy::Strict);
  EXPECT_TRUE(std::isnan(strict.series.values[0]));
  EXPECT_DOUBLE_EQ(strict.series.values[1], 12);
  // 1/8 cells -> 1/2 mesh: the four 1/8 cells 533935961{1..4}x share the 1/4 parent.
  std::map<std::string, HourlySeries> cells = {{"53393596111", HourlySeries{0, {1, kNaN}}},
                                               {"53393596112", HourlySeries{0, {2, kNaN}}},
                                               {"53393596121", HourlySeries{0, {4, 8}}},
                                               {"53393596211", HourlySeries{0, {16, kNaN}}}};
  const auto quarter = aggregateToMesh(cells, mesh::MeshLevel::Quarter);
  ASSERT_EQ(quarter.size(), 3u);
  EXPECT_DOUBLE_EQ(quarter.at("5339359611").series.values[0], 3);
  EXPECT_TRUE(std::isnan(quarter.at("5339359611").series.values[1]));
  const auto half = aggregateToMesh(cells, mesh::MeshLevel::Half);
  ASSERT_EQ(half.size(), 2u);
  EXPECT_DOUBLE_EQ(half.at("533935961").series.values[0], 7);
  EXPECT_DOUBLE_EQ(half.at("533935961").series.values[1], 8);
  EXPECT_EQ(half.at("533935961").members, 3);
  const auto zones = aggregateToZones(cells, {{"east", {"53393596111", "53393596211", "nope"}}});
  EXPECT_EQ(zones.unknownMembers, std::vector<std::string>{"nope"});
  EXPECT_DOUBLE_EQ(zones.zones.at("east").series.values[0], 17);
  EXPECT_NEAR(zones.zones.at("east").coverage, 2.0 / 6.0, 1e-12);
}

TEST(FlowCompare, DetectsAShiftAndNotNoise) {
  // 4 weeks before / after 2025-03-27 at 1.3x, with a weekly pattern and small noise.
  const LocalCalendar& cal = japanCalendar();
  HourlySeries s;
  s.start = cal.hourKey(ymd(2025, 2, 27), 0);
  for (int d = 0; d < 56; ++d) {
    const DayType t = cal.dayType(core::daysFromCivil(ymd(2025, 2, 27)) + d);
    for (int h = 0; h < 24; ++h) {
      const double noise = ((d * 31 + h * 7) % 13) - 6.0;
      s.values.push_back((byType(t, h) + noise) * (d >= 28 ? 1.3 : 1.0));
    }
  }
  const DayPeriod a = parseDayPeriod("2025-02-27..2025-03-26");
  const DayPeriod b = parseDayPeriod("2025-03-27..2025-04-23");
  const Comparison c = comparePeriods("cell", s, cal, a, b);
  EXPECT_EQ(c.daysA, 28);
  EXPECT_EQ(c.daysB, 28);
  // 1.3x, shifted a little by the day mix (a holiday on 2025-03-20 in A, none in B).
  EXPECT_NEAR(c.relChange, 0.3, 0.05);
  EXPECT_TRUE(c.significant);
  EXPECT_LT(c.pValue, 0.01);
  EXPECT_GT(c.ciLow, 0);
  // Same period twice: no change.
  const Comparison z = comparePeriods("cell", s, cal, a, a);
  EXPECT_NEAR(z.absChange, 0, 1e-9);
  EXPECT_FALSE(z.significant);
  EXPECT_THROW(parseDayPeriod("2025-03-27..2025-03-01"), core::Error);
  EXPECT_THROW(parseDayPeriod("2025-03-27"), core::Error);
}

}  // namespace
}  // namespace ekm::flow
