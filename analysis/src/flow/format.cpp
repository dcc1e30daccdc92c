#include "ekm/flow/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ekm::flow {

std::string formatLocalHour(HourKey t, const LocalCalendar& calendar) {
  const LocalTime lt = calendar.local(t);
  const int off = calendar.utcOffsetHours();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:00%c%02d:00", core::formatDate(lt.date).c_str(), lt.hour,
                off < 0 ? '-' : '+', std::abs(off));
  return buf;
}

std::string formatNumber(double v, int digits) {
  if (std::isnan(v)) return "";
  if (digits > 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
  }
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace ekm::flow
