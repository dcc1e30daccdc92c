// The hours of the buildings' heat meters (ekm/energy/heat_meters.h).
#include "ekm/energy/heat_meters.h"

#include <algorithm>

#include "ekm/store/energy_store.h"

namespace ekm::energy {

std::optional<store::TimeRange> buildingHeatHours(const store::Project& project) {
  std::optional<store::TimeRange> out;
  for (const auto& s : store::energySeries(project, "building")) {
    if ((s.quantity != "cooling" && s.quantity != "heating") || s.values <= 0) continue;
    if (!out) out = store::TimeRange{s.first, s.last, 0};
    out->first = std::min(out->first, s.first);
    out->last = std::max(out->last, s.last);
    out->rows += s.values;
  }
  return out;
}

}  // namespace ekm::energy
