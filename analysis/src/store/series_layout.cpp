// Series layouts, their DDL and the v5 -> v6 migration (see series_layout.h).
#include "store/series_layout.h"

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "store/project_internal.h"

namespace ekm::store {

namespace {

const SeriesLayout kLayouts[] = {
    {SeriesKind::MeshPopulation, "mesh_population", "mesh_population_days", "breakdown_id", "cell_fid", nullptr, 1,
     {"population", nullptr}, {'h', 0},
     "Hourly population per mesh cell, one row per breakdown, UTC day and cell (h00..h23, NULL = missing)"},
    {SeriesKind::SegmentCounts, "segment_counts", "segment_count_days", "mode", "segment_fid", "direction", 1,
     {"count", nullptr}, {'h', 0},
     "Hourly counts per street segment, one row per mode, UTC day, segment and direction (h00..h23)"},
    {SeriesKind::StationRidership, "station_ridership", "station_ridership_days", nullptr, "station_fid", nullptr, 2,
     {"boardings", "alightings"}, {'b', 'a'},
     "Hourly ridership per station, one row per UTC day and station (b00..b23 boardings, a00..a23 alightings)"},
};

std::string hourColumn(char prefix, int h) {
  std::string s(1, prefix);
  s += static_cast<char>('0' + h / 10);
  s += static_cast<char>('0' + h % 10);
  return s;
}

std::string dayTableSql(const SeriesLayout& l) {
  std::string s = std::string("CREATE TABLE IF NOT EXISTS ") + l.table + " (\n";
  if (l.channel) s += std::string("  ") + l.channel + " INTEGER NOT NULL,\n";
  s += "  day INTEGER NOT NULL,\n";
  s += std::string("  ") + l.feature + " INTEGER NOT NULL,\n";
  if (l.direction) s += std::string("  ") + l.direction + " INTEGER NOT NULL,\n";
  s += "  present INTEGER NOT NULL";
  for (int v = 0; v < l.valueSets; ++v)
    for (int h = 0; h < 24; ++h) s += ",\n  " + hourColumn(l.prefixes[v], h) + " REAL";
  s += ",\n  PRIMARY KEY (" + seriesKeyColumns(l) + ")\n) WITHOUT ROWID;\n";
  return s;
}

// The SELECT list of a long view over the day rows `d` and the hours `hours.h` (both
// backends): one row per present hour, with the columns (and the packed fid) of the v5 table.
std::string longViewColumns(const SeriesLayout& l) {
  const std::string t = "(d.day * 24 + hours.h)";
  std::string fid = "(" + t + " << 32) | (d." + l.feature + " << 8)";
  if (l.direction) fid += std::string(" | (d.") + l.direction + " << 4)";
  if (l.channel) fid += std::string(" | d.") + l.channel;
  std::string s = fid + " AS fid, d." + l.feature + " AS " + l.feature + ", " + t + " AS t_hour";
  if (l.direction) s += std::string(", d.") + l.direction + " AS " + l.direction;
  if (l.channel) s += std::string(", d.") + l.channel + " AS " + l.channel;
  for (int v = 0; v < l.valueSets; ++v) {
    s += ", CASE hours.h";
    for (int h = 0; h < 24; ++h) s += " WHEN " + std::to_string(h) + " THEN d." + hourColumn(l.prefixes[v], h);
    s += std::string(" END AS ") + l.valueNames[v];
  }
  return s;
}

std::string longViewSql(const SeriesLayout& l) {
  std::string values = "(0)";
  for (int h = 1; h < 24; ++h) values += ",(" + std::to_string(h) + ")";
  return std::string("CREATE VIEW IF NOT EXISTS ") + l.view + " AS WITH hours(h) AS (VALUES " + values + ")\nSELECT " +
         longViewColumns(l) + "\nFROM " + l.table + " d CROSS JOIN hours WHERE (d.present >> hours.h) & 1;\n";
}

// The same view on PostgreSQL (pgSeriesViewsSql), `schema` quoted.
std::string pgLongViewSql(const SeriesLayout& l, const std::string& schema) {
  return "CREATE OR REPLACE VIEW " + schema + "." + l.view + " AS\nSELECT " + longViewColumns(l) + "\nFROM " + schema +
         "." + l.table + " d CROSS JOIN generate_series(0, 23) AS hours(h) WHERE (d.present >> hours.h) & 1 = 1;\n";
}

}  // namespace

std::string pgSeriesViewsSql(const std::string& schema) {
  std::string s;
  for (const auto& l : kLayouts) s += pgLongViewSql(l, schema);
  return s;
}

const SeriesLayout& seriesLayout(SeriesKind kind) {
  for (const auto& l : kLayouts)
    if (l.kind == kind) return l;
  return kLayouts[0];
}

const SeriesLayout* seriesLayoutByName(const std::string& name) {
  for (const auto& l : kLayouts)
    if (name == l.view) return &l;
  return nullptr;
}

const char* seriesKindTable(SeriesKind kind) { return seriesLayout(kind).view; }

std::string seriesValueColumns(const SeriesLayout& l) {
  std::string s = "present";
  for (int v = 0; v < l.valueSets; ++v)
    for (int h = 0; h < 24; ++h) s += ", " + hourColumn(l.prefixes[v], h);
  return s;
}

std::string seriesKeyColumns(const SeriesLayout& l) {
  std::string s;
  if (l.channel) s += std::string(l.channel) + ", ";
  s += std::string("day, ") + l.feature;
  if (l.direction) s += std::string(", ") + l.direction;
  return s;
}

std::string seriesTablesSql() {
  std::string s;
  for (const auto& l : kLayouts) {
    s += dayTableSql(l);
    s += longViewSql(l);
  }
  s += "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES\n"
       "  ('mesh_population', 'attributes', 'mesh_population', "
       "'Hourly population per mesh cell (t_hour: hours since 1970 UTC; view of mesh_population_days)'),\n"
       "  ('segment_counts', 'attributes', 'segment_counts', "
       "'Hourly counts per street segment, direction and mode (view of segment_count_days)'),\n"
       "  ('station_ridership', 'attributes', 'station_ridership', "
       "'Hourly boardings/alightings per station (view of station_ridership_days)');\n";
  return s;
}

void migrateSeriesToDayRows(sqlite3* db) {
  for (const auto& l : kLayouts) exec(db, dayTableSql(l));
  for (const auto& l : kLayouts) {
    std::string type;
    {
      Stmt st(db, "SELECT type FROM sqlite_master WHERE name = ?1");
      bindText(st, 1, l.view);
      if (st.step("reading the schema")) type = columnString(st, 0);
    }
    if (type != "table") continue;  // already day rows (a view), or never created
    {
      std::string cols = std::string(l.feature) + ", t_hour, " + (l.channel ? l.channel : "0") + ", " +
                         (l.direction ? l.direction : "0");
      for (int v = 0; v < l.valueSets; ++v) cols += std::string(", ") + l.valueNames[v];
      Stmt read(db, "SELECT " + cols + " FROM " + l.view + " ORDER BY fid");
      SeriesWriter::Impl writer(db, l.kind);
      constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
      auto value = [&](int col) { return sqlite3_column_type(read, col) == SQLITE_NULL ? kNaN : sqlite3_column_double(read, col); };
      while (read.step(l.view)) {
        const bool fresh = writer.add(sqlite3_column_int64(read, 0), sqlite3_column_int64(read, 1),
                                      sqlite3_column_int(read, 2), sqlite3_column_int(read, 3), value(4),
                                      l.valueSets > 1 ? value(5) : 0.0);
        if (!fresh) throw core::StoreError(std::string("duplicate hour in ") + l.view + " while migrating");
      }
      writer.flush(true);
    }
    exec(db, std::string("DROP TABLE ") + l.view);  // drops its indexes too
  }
  exec(db, seriesTablesSql());
}

}  // namespace ekm::store
