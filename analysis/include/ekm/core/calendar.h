#pragma once
// The district's calendar: Japanese national holidays (国民の祝日に関する法律) and day
// types. The single place the project knows holidays from.
//
// Covered years: 1980-2099. Rules implemented:
//  - fixed-date and Happy Monday (ハッピーマンデー, from 2000/2003) holidays, with the date
//    changes of the law over the period (Emperor's Birthday Apr 29 -> Dec 23 (1989-2018)
//    -> Feb 23 (2020-); Greenery Day Apr 29 (1989-2006) -> May 4 (2007-); Showa Day (2007-);
//    Marine Day (1996-); Mountain Day (2016-); Health and Sports Day -> Sports Day (2020-));
//  - the vernal and autumnal equinox days by the standard formula
//    floor(20.8431 / 23.2488 + 0.242194 (Y - 1980) - floor((Y - 1980) / 4)), valid
//    1980-2099 (the official date is announced a year ahead by the Cabinet Office from the
//    National Astronomical Observatory's ephemeris; the formula agrees over this range);
//  - the 2020 and 2021 Olympic moves of Marine, Sports and Mountain Day;
//  - one-off holidays: 1989-02-24, 1990-11-12, 1993-06-09, 2019-05-01, 2019-10-22;
//  - substitute holidays (振替休日): until 2006 the Monday after a Sunday holiday; from
//    2007 the first following day that is not a holiday;
//  - citizens' holidays (国民の休日, from 1986): a non-Sunday day that is not itself a
//    holiday, between two national holidays (e.g. 2019-04-30, 2019-05-02, 2015-09-22).
// Year-end days (Dec 29 - Jan 3 other than Jan 1) are not national holidays and are not
// treated specially here.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ekm::core {

struct HolidayName {
  std::string ja;  // e.g. "春分の日"
  std::string en;  // e.g. "Vernal Equinox Day"
};

constexpr int kFirstHolidayYear = 1980;
constexpr int kLastHolidayYear = 2099;

// The holiday on `date`, or nullopt for an ordinary day. Throws core::ValidationError for a
// date outside 1980-2099 (or an invalid date).
std::optional<HolidayName> japaneseHoliday(const std::chrono::year_month_day& date);
bool isJapaneseHoliday(const std::chrono::year_month_day& date);
// Every holiday of a year in date order. Throws ValidationError outside 1980-2099.
std::vector<std::pair<std::chrono::year_month_day, HolidayName>> japaneseHolidays(int year);

enum class DayType { Weekday, Saturday, SundayHoliday };
// Sundays and national holidays (including substitute and citizens' holidays, also when
// they fall on a Saturday) are SundayHoliday. Year-end days are not special.
DayType dayType(const std::chrono::year_month_day& date);
const char* dayTypeName(DayType type);  // "weekday", "saturday", "sunday_holiday"
// Parses the names above; nullopt otherwise.
std::optional<DayType> dayTypeFromName(const std::string& name);
// A weekday (dayType Weekday) whose previous and next days are both non-working
// (Saturday, Sunday or holiday), e.g. the Friday after a Thursday holiday.
bool isBridgeDay(const std::chrono::year_month_day& date);

}  // namespace ekm::core
