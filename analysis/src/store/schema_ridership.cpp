// The ridership tables (ridership_store.h). Idempotent: appended to transitTablesSql()
// (schema version 5) and run again by the writer, so projects made before them get them.
#include "gpkg_internal.h"

namespace ekm::store {

std::string ridershipTablesSql() {
  return R"SQL(
CREATE TABLE IF NOT EXISTS ridership_records (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  date TEXT NOT NULL,
  route_id TEXT NOT NULL,
  trip_id TEXT NOT NULL DEFAULT '',
  stop_id TEXT NOT NULL DEFAULT '',
  boardings INTEGER NOT NULL CHECK (boardings >= 0),
  alightings INTEGER CHECK (alightings >= 0),
  layout TEXT NOT NULL CHECK (layout IN ('stop-trip', 'route-day')),
  source_sha256 TEXT,
  UNIQUE (date, route_id, trip_id, stop_id)
);
CREATE INDEX IF NOT EXISTS idx_ridership_records_route ON ridership_records (route_id, date);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('ridership_records', 'attributes', 'ridership_records',
   'Bus ridership: boardings/alightings by date, trip and stop (stop-trip) or by date and route (route-day)');
)SQL";
}

bool isRidershipTable(const std::string& table) { return table == "ridership_records"; }

}  // namespace ekm::store
