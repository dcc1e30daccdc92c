#pragma once
// Time keys. Stored times are integer hours since the Unix epoch (UTC), `t_hour`.
// Users and input files speak Japan Standard Time (UTC+9, no DST); these helpers
// convert between the two. Civil dates use std::chrono::year_month_day.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ekm::core {

using HourKey = std::int64_t;  // hours since 1970-01-01T00:00Z

constexpr int kJstOffsetHours = 9;

struct JstDateTime {
  std::chrono::year_month_day date;
  int hour = 0;  // 0..23, JST
  int minute = 0;
  int second = 0;
};

// Days since the epoch for a civil date (proleptic Gregorian).
std::int64_t daysFromCivil(const std::chrono::year_month_day& date);
std::chrono::year_month_day civilFromDays(std::int64_t days);
// The UTC day (days since 1970-01-01) an hour key falls in (floor, also before 1970).
constexpr std::int64_t utcDayOfHour(HourKey t) { return t >= 0 ? t / 24 : (t - 23) / 24; }

// JST civil date + hour -> hour key, and back.
HourKey hourKeyFromJst(const std::chrono::year_month_day& date, int hourJst);
JstDateTime jstFromHourKey(HourKey key);

// Parses "YYYY-MM-DD" strictly. Returns nullopt on any deviation or an impossible date.
std::optional<std::chrono::year_month_day> parseDate(std::string_view text);
// Parses ISO 8601 "YYYY-MM-DDTHH[:MM[:SS]]" (also with a space instead of T) with an
// optional offset ("Z", "+09:00", "+0900"). Without an offset the time is JST.
// Minutes/seconds must be zero unless allowPartialHour: the key is the hour that
// contains the instant. Returns nullopt on any deviation.
std::optional<HourKey> parseIsoDateTimeToHourKey(std::string_view text, bool allowPartialHour = false);

// "2025-03-27T10:00+09:00"
std::string formatHourKeyJst(HourKey key);
// "2025-03-27"
std::string formatDate(const std::chrono::year_month_day& date);

// 0 = Sunday .. 6 = Saturday
int dayOfWeek(const std::chrono::year_month_day& date);

}  // namespace ekm::core
