#include "ekm/core/time.h"

#include <charconv>
#include <cstdio>

namespace ekm::core {

using namespace std::chrono;

std::int64_t daysFromCivil(const year_month_day& date) {
  return sys_days(date).time_since_epoch().count();
}

year_month_day civilFromDays(std::int64_t days) {
  return year_month_day(sys_days(std::chrono::days(days)));
}

HourKey hourKeyFromJst(const year_month_day& date, int hourJst) {
  return daysFromCivil(date) * 24 + hourJst - kJstOffsetHours;
}

JstDateTime jstFromHourKey(HourKey key) {
  const HourKey jst = key + kJstOffsetHours;
  std::int64_t days = jst >= 0 ? jst / 24 : -((-jst + 23) / 24);
  JstDateTime out;
  out.date = civilFromDays(days);
  out.hour = static_cast<int>(jst - days * 24);
  return out;
}

namespace {

bool parseFixedInt(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

}  // namespace

std::optional<year_month_day> parseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parseFixedInt(text, 0, 4, y) || !parseFixedInt(text, 5, 2, m) || !parseFixedInt(text, 8, 2, d))
    return std::nullopt;
  const year_month_day date{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<HourKey> parseIsoDateTimeToHourKey(std::string_view text, bool allowPartialHour) {
  if (text.size() < 13) return std::nullopt;
  const auto date = parseDate(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (!parseFixedInt(text, 11, 2, hour) || hour > 23) return std::nullopt;
  std::size_t pos = 13;
  if (pos < text.size() && text[pos] == ':') {
    if (!parseFixedInt(text, pos + 1, 2, minute) || minute > 59) return std::nullopt;
    pos += 3;
    if (pos < text.size() && text[pos] == ':') {
      if (!parseFixedInt(text, pos + 1, 2, second) || second > 59) return std::nullopt;
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {  // fractional seconds
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      }
    }
  }
  int offsetMinutes = kJstOffsetHours * 60;
  if (pos < text.size()) {
    const char c = text[pos];
    if (c == 'Z' && pos + 1 == text.size()) {
      offsetMinutes = 0;
    } else if (c == '+' || c == '-') {
      int oh = 0, om = 0;
      if (!parseFixedInt(text, pos + 1, 2, oh)) return std::nullopt;
      std::size_t p = pos + 3;
      if (p < text.size() && text[p] == ':') ++p;
      if (p < text.size()) {
        if (!parseFixedInt(text, p, 2, om)) return std::nullopt;
        p += 2;
      }
      if (p != text.size() || oh > 14 || om > 59) return std::nullopt;
      offsetMinutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  if (!allowPartialHour && (minute != 0 || second != 0)) return std::nullopt;
  const std::int64_t minutesUtc = daysFromCivil(*date) * 1440 + hour * 60 + minute - offsetMinutes;
  const std::int64_t hoursUtc = minutesUtc >= 0 ? minutesUtc / 60 : -((-minutesUtc + 59) / 60);
  if (!allowPartialHour && minutesUtc % 60 != 0) return std::nullopt;
  return hoursUtc;
}

std::string formatDate(const year_month_day& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::string formatHourKeyJst(HourKey key) {
  const JstDateTime jst = jstFromHourKey(key);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:00+09:00", formatDate(jst.date).c_str(), jst.hour);
  return buf;
}

int dayOfWeek(const year_month_day& date) {
  return static_cast<int>(std::chrono::weekday(sys_days(date)).c_encoding());
}

}  // namespace ekm::core
