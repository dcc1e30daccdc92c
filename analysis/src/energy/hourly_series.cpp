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

}  // namespace ekm::energy
