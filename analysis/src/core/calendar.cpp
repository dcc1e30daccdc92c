#include "ekm/core/calendar.h"

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/core/time.h"

namespace ekm::core {

using namespace std::chrono;

namespace {

// 0 = Sunday .. 6 = Saturday
int dow(const year_month_day& d) { return static_cast<int>(std::chrono::weekday(sys_days(d)).c_encoding()); }

// Day of month of the n-th Monday of (y, m).
unsigned nthMonday(int y, unsigned m, unsigned n) {
  const year_month_weekday ymw{year(y) / month(m) / Monday[n]};
  return static_cast<unsigned>(year_month_day(sys_days(ymw)).day());
}

int vernalEquinoxDay(int y) {
  return static_cast<int>(std::floor(20.8431 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}
int autumnalEquinoxDay(int y) {
  return static_cast<int>(std::floor(23.2488 + 0.242194 * (y - 1980) - std::floor((y - 1980) / 4.0)));
}

HolidayName hn(const char* ja, const char* en) { return {ja, en}; }

// National holidays proper (国民の祝日 and the one-off days treated as such); no range check
// so that neighbours of 1980-01-01 / 2099-12-31 can be asked.
std::optional<HolidayName> namedHoliday(const year_month_day& date) {
  const int y = static_cast<int>(date.year());
  const unsigned m = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  switch (m) {
    case 1:
      if (d == 1) return hn("元日", "New Year's Day");
      if (y < 2000 ? d == 15 : d == nthMonday(y, 1, 2)) return hn("成人の日", "Coming of Age Day");
      break;
    case 2:
      if (d == 11) return hn("建国記念の日", "National Foundation Day");
      if (d == 23 && y >= 2020) return hn("天皇誕生日", "The Emperor's Birthday");
      if (y == 1989 && d == 24) return hn("昭和天皇の大喪の礼", "The Funeral Ceremony of Emperor Showa");
      break;
    case 3:
      if (static_cast<int>(d) == vernalEquinoxDay(y)) return hn("春分の日", "Vernal Equinox Day");
      break;
    case 4:
      if (d == 29) {
        if (y <= 1988) return hn("天皇誕生日", "The Emperor's Birthday");
        if (y <= 2006) return hn("みどりの日", "Greenery Day");
        return hn("昭和の日", "Showa Day");
      }
      break;
    case 5:
      if (y == 2019 && d == 1) return hn("即位の日", "The Day of the Emperor's Enthronement");
      if (d == 3) return hn("憲法記念日", "Constitution Memorial Day");
      if (d == 4 && y >= 2007) return hn("みどりの日", "Greenery Day");
      if (d == 5) return hn("こどもの日", "Children's Day");
      break;
    case 6:
      if (y == 1993 && d == 9)
        return hn("皇太子徳仁親王の結婚の儀", "The Wedding Ceremony of Crown Prince Naruhito");
      break;
    case 7: {
      unsigned marine = 0;
      if (y == 2020) marine = 23;
      else if (y == 2021) marine = 22;
      else if (y >= 2003) marine = nthMonday(y, 7, 3);
      else if (y >= 1996) marine = 20;
      if (marine && d == marine) return hn("海の日", "Marine Day");
      if ((y == 2020 && d == 24) || (y == 2021 && d == 23)) return hn("スポーツの日", "Sports Day");
      break;
    }
    case 8: {
      unsigned mountain = 0;
      if (y == 2020) mountain = 10;
      else if (y == 2021) mountain = 8;
      else if (y >= 2016) mountain = 11;
      if (mountain && d == mountain) return hn("山の日", "Mountain Day");
      break;
    }
    case 9:
      if (y < 2003 ? d == 15 : d == nthMonday(y, 9, 3)) return hn("敬老の日", "Respect for the Aged Day");
      if (static_cast<int>(d) == autumnalEquinoxDay(y)) return hn("秋分の日", "Autumnal Equinox Day");
      break;
    case 10:
      if (y < 2000) {
        if (d == 10) return hn("体育の日", "Health and Sports Day");
      } else if (y < 2020) {
        if (d == nthMonday(y, 10, 2)) return hn("体育の日", "Health and Sports Day");
      } else if (y != 2020 && y != 2021 && d == nthMonday(y, 10, 2)) {
        return hn("スポーツの日", "Sports Day");
      }
      if (y == 2019 && d == 22)
        return hn("即位礼正殿の儀の行われる日", "The Day of the Enthronement Ceremony (Sokuirei-Seiden-no-Gi)");
      break;
    case 11:
      if (d == 3) return hn("文化の日", "Culture Day");
      if (d == 23) return hn("勤労感謝の日", "Labour Thanksgiving Day");
      if (y == 1990 && d == 12)
        return hn("即位礼正殿の儀の行われる日", "The Day of the Enthronement Ceremony (Sokuirei-Seiden-no-Gi)");
      break;
    case 12:
      if (d == 23 && y >= 1989 && y <= 2018) return hn("天皇誕生日", "The Emperor's Birthday");
      break;
    default: break;
  }
  return std::nullopt;
}

year_month_day addDays(const year_month_day& d, int n) { return year_month_day(sys_days(d) + days(n)); }

void checkRange(const year_month_day& date) {
  if (!date.ok()) throw ValidationError("invalid calendar date");
  const int y = static_cast<int>(date.year());
  if (y < kFirstHolidayYear || y > kLastHolidayYear) {
    ErrorContext c;
    c.expected = "a date in 1980-2099";
    c.found = formatDate(date);
    throw ValidationError("Japanese holidays are known only for 1980-2099", c);
  }
}

std::optional<HolidayName> holidayUnchecked(const year_month_day& date) {
  if (auto h = namedHoliday(date)) return h;
  const int y = static_cast<int>(date.year());
  // Substitute holiday.
  if (y >= 2007) {
    for (int k = 1;; ++k) {
      const year_month_day prev = addDays(date, -k);
      if (!namedHoliday(prev)) break;
      if (dow(prev) == 0) return hn("振替休日", "Substitute Holiday");
    }
  } else {
    const year_month_day prev = addDays(date, -1);
    if (dow(prev) == 0 && namedHoliday(prev)) return hn("振替休日", "Substitute Holiday");
  }
  // Citizens' holiday.
  if (y >= 1986 && dow(date) != 0 && namedHoliday(addDays(date, -1)) && namedHoliday(addDays(date, 1)))
    return hn("国民の休日", "Citizens' Holiday");
  return std::nullopt;
}

}  // namespace

std::optional<HolidayName> japaneseHoliday(const year_month_day& date) {
  checkRange(date);
  return holidayUnchecked(date);
}

bool isJapaneseHoliday(const year_month_day& date) { return japaneseHoliday(date).has_value(); }

std::vector<std::pair<year_month_day, HolidayName>> japaneseHolidays(int y) {
  checkRange(year(y) / January / 1d);
  std::vector<std::pair<year_month_day, HolidayName>> out;
  for (sys_days d = sys_days(year(y) / January / 1d); d <= sys_days(year(y) / December / 31d); d += days(1)) {
    const year_month_day ymd(d);
    if (auto h = holidayUnchecked(ymd)) out.emplace_back(ymd, std::move(*h));
  }
  return out;
}

DayType dayType(const year_month_day& date) {
  const int w = dow(date);
  if (w == 0 || japaneseHoliday(date)) return DayType::SundayHoliday;
  if (w == 6) return DayType::Saturday;
  return DayType::Weekday;
}

const char* dayTypeName(DayType type) {
  switch (type) {
    case DayType::Weekday: return "weekday";
    case DayType::Saturday: return "saturday";
    case DayType::SundayHoliday: return "sunday_holiday";
  }
  return "weekday";
}

std::optional<DayType> dayTypeFromName(const std::string& name) {
  for (DayType t : {DayType::Weekday, DayType::Saturday, DayType::SundayHoliday})
    if (name == dayTypeName(t)) return t;
  return std::nullopt;
}

bool isBridgeDay(const year_month_day& date) {
  if (dayType(date) != DayType::Weekday) return false;
  auto nonWorking = [](const year_month_day& d) {
    const int w = dow(d);
    return w == 0 || w == 6 || holidayUnchecked(d).has_value();
  };
  return nonWorking(addDays(date, -1)) && nonWorking(addDays(date, 1));
}

}  // namespace ekm::core
