#include "ekm/energy/hourly_series.h"

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

}  // namespace ekm::energy
