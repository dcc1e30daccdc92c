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

// Independent cross-check: every holiday 1980-2050 from the npm package
// @holiday-jp/holiday_jp 2.5.1 (MIT; data kept from the Cabinet Office's syukujitsu.csv and
// the law), dumped with holiday_jp.between(1980-01-01, 2050-12-31) as "YEAR:MMDD ...".
namespace {
const char* const kHolidayJp[] = {
    "1980:0101 0115 0211 0320 0429 0503 0505 0915 0923 1010 1103 1123 1124",
    "1981:0101 0115 0211 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123",
    "1982:0101 0115 0211 0321 0322 0429 0503 0505 0915 0923 1010 1011 1103 1123",
    "1983:0101 0115 0211 0321 0429 0503 0505 0915 0923 1010 1103 1123",
    "1984:0101 0102 0115 0116 0211 0320 0429 0430 0503 0505 0915 0923 0924 1010 1103 1123",
    "1985:0101 0115 0211 0321 0429 0503 0505 0506 0915 0916 0923 1010 1103 1104 1123",
    "1986:0101 0115 0211 0321 0429 0503 0505 0915 0923 1010 1103 1123 1124",
    "1987:0101 0115 0211 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123",
    "1988:0101 0115 0211 0320 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123",
    "1989:0101 0102 0115 0116 0211 0224 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123 1223",
    "1990:0101 0115 0211 0212 0321 0429 0430 0503 0504 0505 0915 0923 0924 1010 1103 1112 1123 1223 1224",
    "1991:0101 0115 0211 0321 0429 0503 0504 0505 0506 0915 0916 0923 1010 1103 1104 1123 1223",
    "1992:0101 0115 0211 0320 0429 0503 0504 0505 0915 0923 1010 1103 1123 1223",
    "1993:0101 0115 0211 0320 0429 0503 0504 0505 0609 0915 0923 1010 1011 1103 1123 1223",
    "1994:0101 0115 0211 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123 1223",
    "1995:0101 0102 0115 0116 0211 0321 0429 0503 0504 0505 0915 0923 1010 1103 1123 1223",
    "1996:0101 0115 0211 0212 0320 0429 0503 0504 0505 0506 0720 0915 0916 0923 1010 1103 1104 1123 1223",
    "1997:0101 0115 0211 0320 0429 0503 0505 0720 0721 0915 0923 1010 1103 1123 1124 1223",
    "1998:0101 0115 0211 0321 0429 0503 0504 0505 0720 0915 0923 1010 1103 1123 1223",
    "1999:0101 0115 0211 0321 0322 0429 0503 0504 0505 0720 0915 0923 1010 1011 1103 1123 1223",
    "2000:0101 0110 0211 0320 0429 0503 0504 0505 0720 0915 0923 1009 1103 1123 1223",
    "2001:0101 0108 0211 0212 0320 0429 0430 0503 0504 0505 0720 0915 0923 0924 1008 1103 1123 1223 1224",
    "2002:0101 0114 0211 0321 0429 0503 0504 0505 0506 0720 0915 0916 0923 1014 1103 1104 1123 1223",
    "2003:0101 0113 0211 0321 0429 0503 0505 0721 0915 0923 1013 1103 1123 1124 1223",
    "2004:0101 0112 0211 0320 0429 0503 0504 0505 0719 0920 0923 1011 1103 1123 1223",
    "2005:0101 0110 0211 0320 0321 0429 0503 0504 0505 0718 0919 0923 1010 1103 1123 1223",
    "2006:0101 0102 0109 0211 0321 0429 0503 0504 0505 0717 0918 0923 1009 1103 1123 1223",
    "2007:0101 0108 0211 0212 0321 0429 0430 0503 0504 0505 0716 0917 0923 0924 1008 1103 1123 1223 1224",
    "2008:0101 0114 0211 0320 0429 0503 0504 0505 0506 0721 0915 0923 1013 1103 1123 1124 1223",
    "2009:0101 0112 0211 0320 0429 0503 0504 0505 0506 0720 0921 0922 0923 1012 1103 1123 1223",
    "2010:0101 0111 0211 0321 0322 0429 0503 0504 0505 0719 0920 0923 1011 1103 1123 1223",
    "2011:0101 0110 0211 0321 0429 0503 0504 0505 0718 0919 0923 1010 1103 1123 1223",
    "2012:0101 0102 0109 0211 0320 0429 0430 0503 0504 0505 0716 0917 0922 1008 1103 1123 1223 1224",
    "2013:0101 0114 0211 0320 0429 0503 0504 0505 0506 0715 0916 0923 1014 1103 1104 1123 1223",
    "2014:0101 0113 0211 0321 0429 0503 0504 0505 0506 0721 0915 0923 1013 1103 1123 1124 1223",
    "2015:0101 0112 0211 0321 0429 0503 0504 0505 0506 0720 0921 0922 0923 1012 1103 1123 1223",
    "2016:0101 0111 0211 0320 0321 0429 0503 0504 0505 0718 0811 0919 0922 1010 1103 1123 1223",
    "2017:0101 0102 0109 0211 0320 0429 0503 0504 0505 0717 0811 0918 0923 1009 1103 1123 1223",
    "2018:0101 0108 0211 0212 0321 0429 0430 0503 0504 0505 0716 0811 0917 0923 0924 1008 1103 1123 1223 1224",
    "2019:0101 0114 0211 0321 0429 0430 0501 0502 0503 0504 0505 0506 0715 0811 0812 0916 0923 1014 1022 1103 1104 1123",
    "2020:0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0723 0724 0810 0921 0922 1103 1123",
    "2021:0101 0111 0211 0223 0320 0429 0503 0504 0505 0722 0723 0808 0809 0920 0923 1103 1123",
    "2022:0101 0110 0211 0223 0321 0429 0503 0504 0505 0718 0811 0919 0923 1010 1103 1123",
    "2023:0101 0102 0109 0211 0223 0321 0429 0503 0504 0505 0717 0811 0918 0923 1009 1103 1123",
    "2024:0101 0108 0211 0212 0223 0320 0429 0503 0504 0505 0506 0715 0811 0812 0916 0922 0923 1014 1103 1104 1123",
    "2025:0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0721 0811 0915 0923 1013 1103 1123 1124",
    "2026:0101 0112 0211 0223 0320 0429 0503 0504 0505 0506 0720 0811 0921 0922 0923 1012 1103 1123",
    "2027:0101 0111 0211 0223 0321 0322 0429 0503 0504 0505 0719 0811 0920 0923 1011 1103 1123",
    "2028:0101 0110 0211 0223 0320 0429 0503 0504 0505 0717 0811 0918 0922 1009 1103 1123",
    "2029:0101 0108 0211 0212 0223 0320 0429 0430 0503 0504 0505 0716 0811 0917 0923 0924 1008 1103 1123",
    "2030:0101 0114 0211 0223 0320 0429 0503 0504 0505 0506 0715 0811 0812 0916 0923 1014 1103 1104 1123",
    "2031:0101 0113 0211 0223 0224 0321 0429 0503 0504 0505 0506 0721 0811 0915 0923 1013 1103 1123 1124",
    "2032:0101 0112 0211 0223 0320 0429 0503 0504 0505 0719 0811 0920 0921 0922 1011 1103 1123",
    "2033:0101 0110 0211 0223 0320 0321 0429 0503 0504 0505 0718 0811 0919 0923 1010 1103 1123",
    "2034:0101 0102 0109 0211 0223 0320 0429 0503 0504 0505 0717 0811 0918 0923 1009 1103 1123",
    "2035:0101 0108 0211 0212 0223 0321 0429 0430 0503 0504 0505 0716 0811 0917 0923 0924 1008 1103 1123",
    "2036:0101 0114 0211 0223 0320 0429 0503 0504 0505 0506 0721 0811 0915 0922 1013 1103 1123 1124",
    "2037:0101 0112 0211 0223 0320 0429 0503 0504 0505 0506 0720 0811 0921 0922 0923 1012 1103 1123",
    "2038:0101 0111 0211 0223 0320 0429 0503 0504 0505 0719 0811 0920 0923 1011 1103 1123",
    "2039:0101 0110 0211 0223 0321 0429 0503 0504 0505 0718 0811 0919 0923 1010 1103 1123",
    "2040:0101 0102 0109 0211 0223 0320 0429 0430 0503 0504 0505 0716 0811 0917 0922 1008 1103 1123",
    "2041:0101 0114 0211 0223 0320 0429 0503 0504 0505 0506 0715 0811 0812 0916 0923 1014 1103 1104 1123",
    "2042:0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0721 0811 0915 0923 1013 1103 1123 1124",
    "2043:0101 0112 0211 0223 0321 0429 0503 0504 0505 0506 0720 0811 0921 0922 0923 1012 1103 1123",
    "2044:0101 0111 0211 0223 0320 0321 0429 0503 0504 0505 0718 0811 0919 0922 1010 1103 1123",
    "2045:0101 0102 0109 0211 0223 0320 0429 0503 0504 0505 0717 0811 0918 0922 1009 1103 1123",
    "2046:0101 0108 0211 0212 0223 0320 0429 0430 0503 0504 0505 0716 0811 0917 0923 0924 1008 1103 1123",
    "2047:0101 0114 0211 0223 0321 0429 0503 0504 0505 0506 0715 0811 0812 0916 0923 1014 1103 1104 1123",
    "2048:0101 0113 0211 0223 0224 0320 0429 0503 0504 0505 0506 0720 0811 0921 0922 1012 1103 1123",
    "2049:0101 0111 0211 0223 0320 0429 0503 0504 0505 0719 0811 0920 0921 0922 1011 1103 1123",
    "2050:0101 0110 0211 0223 0320 0321 0429 0503 0504 0505 0718 0811 0919 0923 1010 1103 1123",
};
}  // namespace

TEST(Calendar, MatchesHolidayJp1980To2050) {
  int years = 0, days = 0;
  for (const char* line : kHolidayJp) {
    const std::string s(line);
    const int y = std::stoi(s.substr(0, 4));
    std::vector<std::string> expected;
    for (std::size_t i = 5; i + 4 <= s.size(); i += 5)
      expected.push_back(s.substr(0, 4) + "-" + s.substr(i, 2) + "-" + s.substr(i + 2, 2));
    EXPECT_EQ(holidayDates(y), expected) << y;
    ++years;
    days += static_cast<int>(expected.size());
  }
  EXPECT_EQ(years, 71);
  EXPECT_GT(days, 1100);
}
