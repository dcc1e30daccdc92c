// Japanese holidays against the Cabinet Office's published lists (国民の祝日について,
// 内閣府), typed in from the official tables for 2019, 2020, 2024 and 2025.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"

using namespace ekm::core;
using namespace std::chrono;

namespace {

std::vector<std::string> holidayDates(int y) {
  std::vector<std::string> out;
  for (const auto& [d, name] : japaneseHolidays(y)) out.push_back(formatDate(d));
  return out;
}

std::vector<std::string> scanned(int y) {
  // The same list found day by day through japaneseHoliday().
  std::vector<std::string> out;
  for (sys_days d = sys_days(year(y) / January / 1d); d <= sys_days(year(y) / December / 31d); d += days(1))
    if (japaneseHoliday(year_month_day(d))) out.push_back(formatDate(year_month_day(d)));
  return out;
}

std::string nameEn(const year_month_day& d) {
  const auto h = japaneseHoliday(d);
  return h ? h->en : std::string();
}
std::string nameJa(const year_month_day& d) {
  const auto h = japaneseHoliday(d);
  return h ? h->ja : std::string();
}

}  // namespace

TEST(Calendar, CabinetOffice2019) {
  const std::vector<std::string> expected = {
      "2019-01-01", "2019-01-14", "2019-02-11", "2019-03-21", "2019-04-29", "2019-04-30",
      "2019-05-01", "2019-05-02", "2019-05-03", "2019-05-04", "2019-05-05", "2019-05-06",
      "2019-07-15", "2019-08-11", "2019-08-12", "2019-09-16", "2019-09-23", "2019-10-14",
      "2019-10-22", "2019-11-03", "2019-11-04", "2019-11-23"};
  EXPECT_EQ(holidayDates(2019), expected);
  EXPECT_EQ(scanned(2019), expected);
  EXPECT_EQ(nameJa(2019y / April / 30d), "国民の休日");
  EXPECT_EQ(nameJa(2019y / May / 1d), "即位の日");
  EXPECT_EQ(nameJa(2019y / May / 2d), "国民の休日");
  EXPECT_EQ(nameJa(2019y / May / 6d), "振替休日");
  EXPECT_EQ(nameJa(2019y / October / 22d), "即位礼正殿の儀の行われる日");
  EXPECT_FALSE(japaneseHoliday(2019y / December / 23d));  // no Emperor's Birthday in 2019
  EXPECT_FALSE(japaneseHoliday(2019y / February / 23d));
}

TEST(Calendar, CabinetOffice2020) {
  const std::vector<std::string> expected = {
      "2020-01-01", "2020-01-13", "2020-02-11", "2020-02-23", "2020-02-24", "2020-03-20",
      "2020-04-29", "2020-05-03", "2020-05-04", "2020-05-05", "2020-05-06", "2020-07-23",
      "2020-07-24", "2020-08-10", "2020-09-21", "2020-09-22", "2020-11-03", "2020-11-23"};
  EXPECT_EQ(holidayDates(2020), expected);
  EXPECT_EQ(scanned(2020), expected);
  EXPECT_EQ(nameEn(2020y / July / 24d), "Sports Day");
  EXPECT_EQ(nameEn(2020y / July / 23d), "Marine Day");
  EXPECT_EQ(nameEn(2020y / August / 10d), "Mountain Day");
  EXPECT_FALSE(japaneseHoliday(2020y / October / 12d));  // Sports Day moved to July
}

TEST(Calendar, CabinetOffice2024) {
  const std::vector<std::string> expected = {
      "2024-01-01", "2024-01-08", "2024-02-11", "2024-02-12", "2024-02-23", "2024-03-20",
      "2024-04-29", "2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06", "2024-07-15",
      "2024-08-11", "2024-08-12", "2024-09-16", "2024-09-22", "2024-09-23", "2024-10-14",
      "2024-11-03", "2024-11-04", "2024-11-23"};
  EXPECT_EQ(holidayDates(2024), expected);
  EXPECT_EQ(scanned(2024), expected);
  EXPECT_EQ(nameEn(2024y / September / 23d), "Substitute Holiday");
}

TEST(Calendar, CabinetOffice2025) {
  const std::vector<std::string> expected = {
      "2025-01-01", "2025-01-13", "2025-02-11", "2025-02-23", "2025-02-24", "2025-03-20",
      "2025-04-29", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-06", "2025-07-21",
      "2025-08-11", "2025-09-15", "2025-09-23", "2025-10-13", "2025-11-03", "2025-11-23",
      "2025-11-24"};
  EXPECT_EQ(holidayDates(2025), expected);
  EXPECT_EQ(scanned(2025), expected);
  EXPECT_EQ(nameJa(2025y / March / 20d), "春分の日");
  EXPECT_EQ(nameEn(2025y / September / 23d), "Autumnal Equinox Day");
  EXPECT_EQ(nameJa(2025y / May / 6d), "振替休日");  // May 4 (Sunday) -> first non-holiday after
  EXPECT_EQ(nameJa(2025y / November / 24d), "振替休日");
}

TEST(Calendar, HistoricalRules) {
  // 2021 Olympic moves; Mountain Day on a Sunday -> Monday substitute.
  EXPECT_EQ(nameEn(2021y / July / 22d), "Marine Day");
  EXPECT_EQ(nameEn(2021y / July / 23d), "Sports Day");
  EXPECT_EQ(nameEn(2021y / August / 8d), "Mountain Day");
  EXPECT_EQ(nameEn(2021y / August / 9d), "Substitute Holiday");
  EXPECT_FALSE(japaneseHoliday(2021y / July / 19d));
  EXPECT_FALSE(japaneseHoliday(2021y / October / 11d));
  // Silver Week citizens' holidays.
  EXPECT_EQ(nameJa(2009y / September / 22d), "国民の休日");
  EXPECT_EQ(nameJa(2015y / September / 22d), "国民の休日");
  EXPECT_EQ(nameJa(2026y / September / 22d), "国民の休日");
  // May 4 before 2007: citizens' holiday on weekdays, substitute after a Sunday May 3,
  // nothing on a Sunday; from 2007 Greenery Day.
  EXPECT_EQ(nameJa(1988y / May / 4d), "国民の休日");
  EXPECT_EQ(nameJa(1987y / May / 4d), "振替休日");
  EXPECT_FALSE(japaneseHoliday(1986y / May / 4d));  // Sunday
  EXPECT_EQ(nameJa(2006y / May / 4d), "国民の休日");
  EXPECT_EQ(nameJa(2007y / May / 4d), "みどりの日");
  EXPECT_EQ(nameJa(2006y / April / 29d), "みどりの日");
  EXPECT_EQ(nameJa(2007y / April / 29d), "昭和の日");
  EXPECT_EQ(nameJa(1988y / April / 29d), "天皇誕生日");
  EXPECT_EQ(nameJa(2018y / December / 23d), "天皇誕生日");
  // 2008: May 4 (Sunday) -> the first following non-holiday is May 6 (2007 rule).
  EXPECT_EQ(nameJa(2008y / May / 6d), "振替休日");
  // Before 2007 the substitute is the Monday after a Sunday holiday.
  EXPECT_EQ(nameJa(2001y / April / 30d), "振替休日");  // Apr 29 2001 was a Sunday
  // Happy Monday starts.
  EXPECT_EQ(nameJa(1999y / January / 15d), "成人の日");
  EXPECT_EQ(nameJa(2000y / January / 10d), "成人の日");
  EXPECT_EQ(nameJa(1999y / October / 10d), "体育の日");
  EXPECT_EQ(nameJa(2000y / October / 9d), "体育の日");
  EXPECT_EQ(nameJa(2002y / September / 15d), "敬老の日");
  EXPECT_EQ(nameJa(2003y / September / 15d), "敬老の日");  // 3rd Monday
  EXPECT_EQ(nameJa(2002y / July / 20d), "海の日");
  EXPECT_EQ(nameJa(2003y / July / 21d), "海の日");
  EXPECT_FALSE(japaneseHoliday(1995y / July / 20d));  // Marine Day from 1996
  EXPECT_FALSE(japaneseHoliday(2015y / August / 11d));  // Mountain Day from 2016
  // One-off days.
  EXPECT_TRUE(japaneseHoliday(1989y / February / 24d));
  EXPECT_TRUE(japaneseHoliday(1990y / November / 12d));
  EXPECT_TRUE(japaneseHoliday(1993y / June / 9d));
  // Equinoxes by the formula (published dates).
  EXPECT_EQ(nameEn(2023y / March / 21d), "Vernal Equinox Day");
  EXPECT_EQ(nameEn(2012y / September / 22d), "Autumnal Equinox Day");
  EXPECT_EQ(nameEn(2026y / March / 20d), "Vernal Equinox Day");
  EXPECT_EQ(nameEn(2026y / September / 23d), "Autumnal Equinox Day");
}

TEST(Calendar, RangeIsChecked) {
  EXPECT_THROW(japaneseHoliday(1979y / December / 31d), ValidationError);
  EXPECT_THROW(japaneseHoliday(2100y / January / 1d), ValidationError);
  EXPECT_NO_THROW(japaneseHoliday(1980y / January / 1d));
  EXPECT_NO_THROW(japaneseHoliday(2099y / December / 31d));
  EXPECT_THROW(japaneseHolidays(2100), ValidationError);
  EXPECT_THROW(japaneseHoliday(2025y / February / 30d), ValidationError);
}

TEST(Calendar, DayTypes) {
  EXPECT_EQ(dayType(2025y / March / 27d), DayType::Weekday);   // the district's opening (Thu)
  EXPECT_EQ(dayType(2025y / March / 29d), DayType::Saturday);
  EXPECT_EQ(dayType(2025y / March / 30d), DayType::SundayHoliday);
  EXPECT_EQ(dayType(2025y / March / 20d), DayType::SundayHoliday);  // equinox, Thursday
  EXPECT_EQ(dayType(2025y / May / 3d), DayType::SundayHoliday);     // holiday on a Saturday
  EXPECT_EQ(dayType(2025y / May / 6d), DayType::SundayHoliday);     // substitute, Tuesday
  EXPECT_EQ(dayType(2025y / December / 31d), DayType::Weekday);     // year-end is not special
  EXPECT_STREQ(dayTypeName(DayType::Weekday), "weekday");
  EXPECT_STREQ(dayTypeName(DayType::Saturday), "saturday");
  EXPECT_STREQ(dayTypeName(DayType::SundayHoliday), "sunday_holiday");
  EXPECT_EQ(dayTypeFromName("saturday"), DayType::Saturday);
  EXPECT_FALSE(dayTypeFromName("holiday"));
}

TEST(Calendar, BridgeDays) {
  EXPECT_TRUE(isBridgeDay(2023y / November / 24d));   // Fri after Labour Thanksgiving (Thu)
  EXPECT_FALSE(isBridgeDay(2026y / May / 4d));      // Greenery Day itself is a holiday
  EXPECT_FALSE(isBridgeDay(2018y / April / 30d));   // substitute holiday, not a weekday
  EXPECT_FALSE(isBridgeDay(2024y / May / 2d));      // Thu: May 1 is a working day
  EXPECT_FALSE(isBridgeDay(2020y / May / 1d));
  EXPECT_TRUE(isBridgeDay(2025y / March / 21d));      // Fri after the equinox (Thu)
  EXPECT_FALSE(isBridgeDay(2025y / March / 19d));     // Wed before the equinox: Tue works
  EXPECT_FALSE(isBridgeDay(2025y / March / 22d));     // Saturday
  EXPECT_FALSE(isBridgeDay(2025y / March / 26d));     // ordinary Wednesday
  EXPECT_TRUE(isBridgeDay(2026y / January / 2d));     // Fri after New Year's Day (Thu)
}
