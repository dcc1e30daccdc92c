#include "ekm/energy/hourly_series.h"

#include <algorithm>
#include <cctype>

namespace ekm::energy {

const char* meterKindName(MeterKind kind) {
  switch (kind) {
    case MeterKind::Cooling: return "cooling";
    case MeterKind::Heating: return "heating";
    case MeterKind::Electricity: return "electricity";
    case MeterKind::Gas: return "gas";
    case MeterKind::Steam: return "steam";
    case MeterKind::HotWater: return "hot_water";
  }
  return "unknown";
}

std::optional<MeterKind> meterKindFromName(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return c == '-' ? '_' : std::tolower(c); });
  for (MeterKind k : kMeterKinds)
    if (n == meterKindName(k)) return k;
  if (n == "chilled_water" || n == "chilledwater") return MeterKind::Cooling;
  if (n == "hotwater") return MeterKind::HotWater;
  return std::nullopt;
}

int bridgeShortGaps(HourlySeries& s, int maxHours, core::HourKey from, core::HourKey to) {
  int filled = 0;
  const std::size_t n = s.values.size();
  std::size_t i = 0;
  while (i < n) {
    if (!isMissing(s.values[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && isMissing(s.values[j])) ++j;  // [i, j) missing
    if (i > 0 && j < n && static_cast<int>(j - i) <= maxHours) {
      const double a = s.values[i - 1], b = s.values[j];
      const double span = static_cast<double>(j - i + 1);
      for (std::size_t k = i; k < j; ++k) {
        s.values[k] = a + (b - a) * static_cast<double>(k - i + 1) / span;
        const core::HourKey t = s.start + static_cast<core::HourKey>(k);
        filled += t >= from && t < to;
      }
    }
    i = j;
  }
  return filled;
}

}  // namespace ekm::energy
