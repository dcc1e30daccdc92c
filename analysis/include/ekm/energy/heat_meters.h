#pragma once
// The hours the DHC buildings' cooling and heating meters cover: what a map of the buildings'
// heat demand (the render library's building_energy layer) and the briefing pack's energy
// page read, so both look at the same hours.
#include <optional>

#include "ekm/store/project.h"

namespace ekm::energy {

// The first and last hour with a value of any building's cooling or heating meter (rows: the
// values), or nullopt when there is none.
std::optional<store::TimeRange> buildingHeatHours(const store::Project& project);

}  // namespace ekm::energy
