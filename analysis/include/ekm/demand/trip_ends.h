#pragma once
// Trip ends (productions and attractions per zone) from the project's data:
//  - hourly stay population (mesh_population): between two consecutive hours, a zone's
//    increase is counted as attraction and its decrease as production (summed over
//    the hour pairs of a period). This is a net-change lower bound: people arriving and
//    leaving a zone within the same hour cancel out. A cell is used for an hour pair
//    only if both values are present; missing values (NaN) are skipped and reported.
//  - station ridership: alightings produce trips into the district from the station's
//    zone, boardings attract trips to it (summed over the period's hours).
#include <map>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/demand/zones.h"

namespace ekm::store {
class Project;
}

namespace ekm::demand {

struct TripEnds {
  std::vector<double> productions;  // per zone of the ZoneSystem
  std::vector<double> attractions;
  std::size_t used = 0;     // (cell or station, hour) values that entered
  std::size_t missing = 0;  // values skipped as missing
  double coverage() const { return used + missing ? static_cast<double>(used) / static_cast<double>(used + missing) : 0.0; }
  double totalProductions() const;
  double totalAttractions() const;
  // Scales attractions to the productions' total (the usual step before a doubly
  // constrained model). Throws Error(Model) when there are no attractions.
  void balanceAttractionsToProductions();
};

// slices[h]: mesh code -> population at the h-th hour (NaN = missing); cells outside
// every zone are ignored. Needs at least 2 slices.
TripEnds tripEndsFromStayChanges(const ZoneSystem& zones, const std::vector<std::map<std::string, double>>& slices);

struct StationHour {
  std::string stationId;
  double boardings = 0;   // NaN = missing
  double alightings = 0;  // NaN = missing
};
// stationZone: station id -> zone index. Stations not in the map are counted missing.
TripEnds tripEndsFromRidership(const ZoneSystem& zones, const std::map<std::string, int>& stationZone,
                               const std::vector<StationHour>& rows);

// Station id -> zone index: the zone with the station's own id if there is one
// (station catchment zones), else the zone of the mesh cell containing the station at
// the level of the zones' member cells. Stations outside every zone are left out.
std::map<std::string, int> stationZones(const ZoneSystem& zones, const std::vector<StationPoint>& stations);

struct TripEndSources {
  bool stays = true;
  bool stations = true;
};
// Trip ends of hours [from, to] (stay changes between consecutive hours from..to;
// station ridership of every hour from..to), from the project's tables. The two
// sources are added. Coverage and missing counts are logged as warnings when < 100%.
TripEnds tripEndsFromProject(const store::Project& project, const ZoneSystem& zones, core::HourKey from, core::HourKey to,
                             const TripEndSources& sources, core::Feedback& feedback);

}  // namespace ekm::demand
