// The energy tables of the project schema (see ekm/store/energy_store.h for the layout).
// Idempotent (CREATE ... IF NOT EXISTS, INSERT OR IGNORE), so the forward migration and a
// new project run the same script.
#include <string>

#include "gpkg_internal.h"

namespace ekm::store {
namespace {

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// The GeoPackage R-tree DDL made idempotent.
std::string rtreeIfNotExistsSql(const std::string& table, const std::string& column) {
  std::string s = rtreeSql(table, column);
  replaceAll(s, "CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE IF NOT EXISTS ");
  replaceAll(s, "CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ");
  replaceAll(s, "INSERT INTO gpkg_extensions", "INSERT OR IGNORE INTO gpkg_extensions");
  return s;
}

// A day table: one row per series and UTC day, 24 hourly values (NULL = missing).
std::string dayTableSql(const std::string& table) {
  std::string s = "CREATE TABLE IF NOT EXISTS " + table +
                  " (\n  fid INTEGER PRIMARY KEY NOT NULL,\n"
                  "  series_fid INTEGER NOT NULL REFERENCES energy_series(fid),\n  day INTEGER NOT NULL";
  for (int h = 0; h < 24; ++h) s += ",\n  h" + std::string(h < 10 ? "0" : "") + std::to_string(h) + " REAL";
  s += "\n);\n";
  return s;
}

// The SELECT list of the long view of a day table `d` joined to its series `s` and the hours
// `hours.h` (both backends; fid = day row fid * 24 + hour); `timeUtc` the backend's expression
// for the hour as ISO 8601 UTC text.
std::string longViewColumns(const std::string& ownerName, const std::string& quantityName, bool withScope,
                            const std::string& timeUtc) {
  std::string pick = "CASE hours.h";
  for (int h = 0; h < 24; ++h) pick += " WHEN " + std::to_string(h) + " THEN d.h" + (h < 10 ? "0" : "") + std::to_string(h);
  pick += " END";
  return "d.fid * 24 + hours.h AS fid, " + std::string(withScope ? "s.scope AS scope, " : "") + "s.owner AS " + ownerName +
         ", s.quantity AS " + quantityName + ", d.day * 24 + hours.h AS t_hour, " + timeUtc + " AS time_utc, " + pick +
         " AS value, s.unit AS unit";
}

std::string longViewSql(const std::string& view, const std::string& table, const std::string& ownerName,
                        const std::string& quantityName, bool withScope) {
  std::string values = "(0)";
  for (int h = 1; h < 24; ++h) values += ",(" + std::to_string(h) + ")";
  return "CREATE VIEW IF NOT EXISTS " + view + " AS WITH hours(h) AS (VALUES " + values + ")\nSELECT " +
         longViewColumns(ownerName, quantityName, withScope,
                         "strftime('%Y-%m-%dT%H:00:00Z', (d.day * 24 + hours.h) * 3600, 'unixepoch')") +
         "\nFROM " + table + " d JOIN energy_series s ON s.fid = d.series_fid CROSS JOIN hours;\n";
}

// The same view on PostgreSQL (pgEnergyViewsSql), `schema` quoted.
std::string pgLongViewSql(const std::string& schema, const std::string& view, const std::string& table,
                          const std::string& ownerName, const std::string& quantityName, bool withScope) {
  return "CREATE OR REPLACE VIEW " + schema + "." + view + " AS\nSELECT " +
         longViewColumns(ownerName, quantityName, withScope,
                         "to_char(to_timestamp((d.day * 24 + hours.h) * 3600) AT TIME ZONE 'UTC', "
                         "'YYYY-MM-DD\"T\"HH24:00:00\"Z\"')") +
         "\nFROM " + schema + "." + table + " d JOIN " + schema +
         ".energy_series s ON s.fid = d.series_fid CROSS JOIN generate_series(0, 23) AS hours(h);\n";
}

}  // namespace

std::string pgEnergyViewsSql(const std::string& schema) {
  return pgLongViewSql(schema, "energy_weather_hourly", "energy_weather_days", "site", "variable", false) +
         pgLongViewSql(schema, "energy_meter_hourly", "energy_meter_days", "owner", "kind", true);
}

std::string energyTablesSql() {
  std::string s = R"SQL(
CREATE TABLE IF NOT EXISTS energy_buildings (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POLYGON,
  building_id TEXT UNIQUE NOT NULL,
  name_ja TEXT,
  name_en TEXT,
  block TEXT,
  office_m2 REAL NOT NULL DEFAULT 0 CHECK (office_m2 >= 0),
  retail_m2 REAL NOT NULL DEFAULT 0 CHECK (retail_m2 >= 0),
  hotel_m2 REAL NOT NULL DEFAULT 0 CHECK (hotel_m2 >= 0),
  residential_m2 REAL NOT NULL DEFAULT 0 CHECK (residential_m2 >= 0),
  culture_m2 REAL NOT NULL DEFAULT 0 CHECK (culture_m2 >= 0),
  floor_area_m2 REAL NOT NULL DEFAULT 0,
  height_m REAL
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
  ('energy_buildings', 'features', 'energy_buildings', 'Buildings served by the DHC plant: floor area by use (m2)', 4326);
INSERT OR IGNORE INTO gpkg_geometry_columns VALUES ('energy_buildings', 'geom', 'POLYGON', 4326, 0, 0);
CREATE TABLE IF NOT EXISTS energy_series (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('weather', 'building', 'plant')),
  owner TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit TEXT NOT NULL,
  source TEXT,
  UNIQUE (scope, owner, quantity)
);
)SQL";
  s += rtreeIfNotExistsSql("energy_buildings", "geom");
  s += dayTableSql("energy_weather_days");
  s += dayTableSql("energy_meter_days");
  // No index on (series_fid, day): the fid (series_fid * 2^20 + day) orders the rows by
  // series and day, so a series over a range is one range scan of the primary key.
  s += longViewSql("energy_weather_hourly", "energy_weather_days", "site", "variable", false);
  s += longViewSql("energy_meter_hourly", "energy_meter_days", "owner", "kind", true);
  s += R"SQL(
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('energy_series', 'attributes', 'energy_series', 'Energy series: weather variables per site, meters per building and plant'),
  ('energy_weather_days', 'attributes', 'energy_weather_days', 'Hourly weather, one row per series and UTC day (h00..h23, NULL = missing)'),
  ('energy_meter_days', 'attributes', 'energy_meter_days', 'Hourly meters in kWh, one row per series and UTC day (h00..h23, NULL = missing)'),
  ('energy_weather_hourly', 'attributes', 'energy_weather_hourly', 'Hourly weather, one row per hour (view)'),
  ('energy_meter_hourly', 'attributes', 'energy_meter_hourly', 'Hourly meters, one row per hour (view)');
)SQL";
  return s;
}

}  // namespace ekm::store
