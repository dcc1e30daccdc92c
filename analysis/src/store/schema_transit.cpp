// The transit tables of the project schema. Idempotent (CREATE ... IF NOT EXISTS), so the
// forward migration and a new project run the same script.
//
// One GTFS / GTFS-JP feed per project (transit_store.h): importing another replaces it.
// Stops and route lines are GeoPackage feature tables (EPSG:4326, R-tree); the rest are
// attribute tables. Times are seconds after noon minus 12 h of the service day (GTFS:
// 25:10:00 = 90600), dates ISO 'YYYY-MM-DD'. Names of stops and routes come in Japanese,
// kana (ja-Hrkt) and English from translations.txt (both layouts).
#include "gpkg_internal.h"

namespace ekm::store {

namespace {

// A feature table, registered once (INSERT OR IGNORE) with its R-tree, when missing.
std::string featureTableSql(const std::string& table, const std::string& geometryType, const std::string& columns,
                            const std::string& description) {
  std::string s = "CREATE TABLE IF NOT EXISTS " + table +
                  " (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  geom " + geometryType + ",\n" + columns +
                  "\n);\n";
  s += "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES ('" +
       table + "', 'features', '" + table + "', '" + description + "', 4326);\n";
  s += "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES ('" + table + "', 'geom', '" + geometryType +
       "', 4326, 0, 0);\n";
  return s;
}

// rtreeSql made idempotent: IF NOT EXISTS on the R-tree and its triggers, the extension row
// once (gpkg_extensions is UNIQUE on table, column and extension).
std::string idempotent(std::string sql) {
  const auto replaceAll = [&](const std::string& from, const std::string& to) {
    for (auto pos = sql.find(from); pos != std::string::npos; pos = sql.find(from, pos + to.size()))
      sql.replace(pos, from.size(), to);
  };
  replaceAll("CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE IF NOT EXISTS ");
  replaceAll("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ");
  replaceAll("INSERT INTO gpkg_extensions", "INSERT OR IGNORE INTO gpkg_extensions");
  return sql;
}

}  // namespace

std::string transitTablesSql() {
  std::string s = R"SQL(
CREATE TABLE IF NOT EXISTS gtfs_feed (
  fid INTEGER PRIMARY KEY NOT NULL CHECK (fid = 1),
  source_path TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  publisher_name TEXT, publisher_url TEXT, feed_lang TEXT,
  start_date TEXT, end_date TEXT, feed_version TEXT, contact_email TEXT, contact_url TEXT,
  attribution TEXT,
  imported_at TEXT NOT NULL,
  warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gtfs_agencies (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  agency_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, url TEXT, timezone TEXT, lang TEXT, phone TEXT, fare_url TEXT, email TEXT,
  official_name TEXT, zip_number TEXT, address TEXT, president_pos TEXT, president_name TEXT
);
CREATE TABLE IF NOT EXISTS gtfs_offices (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  office_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, url TEXT, phone TEXT
);
CREATE TABLE IF NOT EXISTS gtfs_routes (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  route_id TEXT NOT NULL UNIQUE,
  agency_id TEXT,
  short_name TEXT, long_name TEXT, name_kana TEXT, name_en TEXT,
  description TEXT, route_type INTEGER NOT NULL, url TEXT, color TEXT, text_color TEXT,
  jp_parent_route_id TEXT,
  jp_update_date TEXT, jp_origin_stop TEXT, jp_via_stop TEXT, jp_destination_stop TEXT
);
CREATE TABLE IF NOT EXISTS gtfs_patterns (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  pattern_id TEXT NOT NULL UNIQUE,
  route_id TEXT, update_date TEXT, origin_stop TEXT, via_stop TEXT, destination_stop TEXT
);
CREATE TABLE IF NOT EXISTS gtfs_trips (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  trip_id TEXT NOT NULL UNIQUE,
  route_fid INTEGER NOT NULL REFERENCES gtfs_routes(fid),
  service_id TEXT NOT NULL,
  headsign TEXT, short_name TEXT, direction_id INTEGER, block_id TEXT, shape_id TEXT,
  wheelchair_accessible INTEGER, bikes_allowed INTEGER,
  jp_trip_desc TEXT, jp_trip_desc_symbol TEXT, jp_office_id TEXT, jp_pattern_id TEXT
);
CREATE INDEX IF NOT EXISTS idx_gtfs_trips_route ON gtfs_trips (route_fid);
CREATE TABLE IF NOT EXISTS gtfs_stop_times (
  trip_fid INTEGER NOT NULL REFERENCES gtfs_trips(fid),
  stop_sequence INTEGER NOT NULL,
  stop_fid INTEGER NOT NULL,
  arrival_s INTEGER NOT NULL,
  departure_s INTEGER NOT NULL,
  timepoint INTEGER NOT NULL DEFAULT 1,
  stop_headsign TEXT, pickup_type INTEGER, drop_off_type INTEGER, shape_dist_traveled REAL,
  PRIMARY KEY (trip_fid, stop_sequence)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_gtfs_stop_times_stop ON gtfs_stop_times (stop_fid, departure_s);
CREATE TABLE IF NOT EXISTS gtfs_calendar (
  service_id TEXT PRIMARY KEY NOT NULL,
  monday INTEGER NOT NULL, tuesday INTEGER NOT NULL, wednesday INTEGER NOT NULL, thursday INTEGER NOT NULL,
  friday INTEGER NOT NULL, saturday INTEGER NOT NULL, sunday INTEGER NOT NULL,
  start_date TEXT NOT NULL, end_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gtfs_calendar_dates (
  service_id TEXT NOT NULL,
  date TEXT NOT NULL,
  exception_type INTEGER NOT NULL CHECK (exception_type IN (1, 2)),
  PRIMARY KEY (service_id, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gtfs_fare_attributes (
  fare_id TEXT PRIMARY KEY NOT NULL,
  price REAL NOT NULL, currency_type TEXT NOT NULL, payment_method INTEGER, transfers INTEGER,
  agency_id TEXT, transfer_duration_s INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gtfs_fare_rules (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  fare_id TEXT NOT NULL, route_id TEXT, origin_id TEXT, destination_id TEXT, contains_id TEXT
);
CREATE TABLE IF NOT EXISTS gtfs_translations (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  table_name TEXT, field_name TEXT, language TEXT NOT NULL, translation TEXT NOT NULL,
  record_id TEXT, record_sub_id TEXT, field_value TEXT
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('gtfs_feed', 'attributes', 'gtfs_feed', 'The GTFS / GTFS-JP feed of the project (source, feed_info, attribution)'),
  ('gtfs_agencies', 'attributes', 'gtfs_agencies', 'GTFS agency.txt with GTFS-JP agency_jp.txt'),
  ('gtfs_offices', 'attributes', 'gtfs_offices', 'GTFS-JP office_jp.txt'),
  ('gtfs_routes', 'attributes', 'gtfs_routes', 'GTFS routes.txt with GTFS-JP routes_jp.txt and translated names'),
  ('gtfs_patterns', 'attributes', 'gtfs_patterns', 'GTFS-JP pattern_jp.txt'),
  ('gtfs_trips', 'attributes', 'gtfs_trips', 'GTFS trips.txt (GTFS-JP jp_* columns)'),
  ('gtfs_stop_times', 'attributes', 'gtfs_stop_times', 'GTFS stop_times.txt (seconds of the service day; interpolated times have timepoint 0)'),
  ('gtfs_calendar', 'attributes', 'gtfs_calendar', 'GTFS calendar.txt'),
  ('gtfs_calendar_dates', 'attributes', 'gtfs_calendar_dates', 'GTFS calendar_dates.txt'),
  ('gtfs_fare_attributes', 'attributes', 'gtfs_fare_attributes', 'GTFS fare_attributes.txt'),
  ('gtfs_fare_rules', 'attributes', 'gtfs_fare_rules', 'GTFS fare_rules.txt'),
  ('gtfs_translations', 'attributes', 'gtfs_translations', 'GTFS translations.txt (GTFS-JP v1 rows: field_value = trans_id)');
)SQL";
  s += featureTableSql("gtfs_stops", "POINT",
                       "  stop_id TEXT NOT NULL UNIQUE,\n  code TEXT, name TEXT, name_kana TEXT, name_en TEXT,\n"
                       "  description TEXT, zone_id TEXT, url TEXT, location_type INTEGER NOT NULL DEFAULT 0,\n"
                       "  parent_station TEXT, platform_code TEXT, wheelchair_boarding INTEGER",
                       "GTFS stops.txt (stops, stations, entrances) with translated names");
  s += featureTableSql("gtfs_route_shapes", "LINESTRING",
                       "  route_id TEXT NOT NULL,\n  shape_id TEXT NOT NULL,\n"
                       "  source TEXT NOT NULL CHECK (source IN ('shape', 'stops')),\n"
                       "  trips INTEGER NOT NULL, length_m REAL NOT NULL,\n  UNIQUE (route_id, shape_id)",
                       "Route lines: GTFS shapes per route, or the stop sequence of trips without a shape");
  for (const char* table : {"gtfs_stops", "gtfs_route_shapes"}) s += idempotent(rtreeSql(table, "geom"));
  s += ridershipTablesSql();
  return s;
}

}  // namespace ekm::store

namespace ekm::store {

bool isTransitTable(const std::string& table) {
  static const char* const tables[] = {
      "gtfs_feed",          "gtfs_agencies",     "gtfs_offices",          "gtfs_stops",
      "gtfs_routes",        "gtfs_patterns",     "gtfs_trips",            "gtfs_stop_times",
      "gtfs_calendar",      "gtfs_calendar_dates", "gtfs_fare_attributes", "gtfs_fare_rules",
      "gtfs_translations",  "gtfs_route_shapes"};
  for (const char* t : tables)
    if (table == t) return true;
  return false;
}

}  // namespace ekm::store
