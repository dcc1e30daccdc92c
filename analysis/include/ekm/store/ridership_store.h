#pragma once
// Ridership records of the project's bus services (schema_ridership.cpp): boardings and
// alightings by stop and trip ("stop-trip"), or boardings by route and day ("route-day"),
// as imported by mobility-ridership-import. Ids are the GTFS feed's ids (kept as text, so a
// new feed does not drop the records). A (date, route) holds records of one layout only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

struct RidershipRecord {
  std::string date;     // ISO YYYY-MM-DD (the service day)
  std::string routeId;  // always set (stop-trip: the trip's route)
  std::string tripId;   // stop-trip only
  std::string stopId;   // stop-trip only
  std::int64_t boardings = 0;
  std::optional<std::int64_t> alightings;
  std::string layout;   // "stop-trip" or "route-day"
  std::int64_t line = 0;  // line in the source file (not stored; for messages)
};

struct RidershipImport {
  std::string sourcePath, sourceSha256, layout;
  std::vector<RidershipRecord> records;
  // true: stored records of every (date, route) in the file are replaced; false: a record
  // already in the project is an error.
  bool replace = false;
};

// Writes the records in one transaction (all or nothing) and logs the import in
// ekm_import_log (kind "ridership"). Returns the records written. Throws StoreError naming
// the file and line of a record already stored, or of a (date, route) stored in the other
// layout; the project is then unchanged.
std::int64_t writeRidership(Project& project, const RidershipImport& import);

// Every stored record, by date, route, trip, stop (empty when the project has none).
std::vector<RidershipRecord> readRidership(const Project& project);

}  // namespace ekm::store
