#pragma once
// The one-row-per-hour series tables of schema version 5 (kept here, verbatim, so that the
// 5 -> 6 migration can be tested on a project written the old way).
#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "ekm/store/schema.h"
#include "ekm/store/series.h"

namespace fixture {

inline constexpr const char* kV5SeriesDdl = R"SQL(
CREATE TABLE mesh_population (
  fid INTEGER PRIMARY KEY NOT NULL,
  cell_fid INTEGER NOT NULL,
  t_hour INTEGER NOT NULL,
  breakdown_id INTEGER NOT NULL,
  population REAL
);
CREATE TABLE segment_counts (
  fid INTEGER PRIMARY KEY NOT NULL,
  segment_fid INTEGER NOT NULL,
  t_hour INTEGER NOT NULL,
  direction INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  count REAL
);
CREATE TABLE station_ridership (
  fid INTEGER PRIMARY KEY NOT NULL,
  station_fid INTEGER NOT NULL,
  t_hour INTEGER NOT NULL,
  boardings REAL,
  alightings REAL
);
CREATE INDEX idx_mesh_population_series ON mesh_population (cell_fid, t_hour, breakdown_id, population);
CREATE INDEX idx_segment_counts_series ON segment_counts (segment_fid, t_hour, mode, direction, count);
CREATE INDEX idx_station_ridership_series ON station_ridership (station_fid, t_hour, boardings, alightings);
)SQL";

inline void v5Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string m = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(m + " in " + sql.substr(0, 80));
  }
}

// Replaces the day rows and long views of a (new) project by the version-5 tables.
inline void toV5Tables(sqlite3* db) {
  v5Exec(db,
         "DROP VIEW mesh_population; DROP VIEW segment_counts; DROP VIEW station_ridership; "
         "DROP TABLE mesh_population_days; DROP TABLE segment_count_days; DROP TABLE station_ridership_days;");
  v5Exec(db, kV5SeriesDdl);
}

// Writes the values of fixture::seriesValues-style generators with the version-5 SQL.
class V5Writer {
 public:
  explicit V5Writer(sqlite3* db) : m_db(db) {
    prepare("INSERT INTO mesh_population (fid, cell_fid, t_hour, breakdown_id, population) VALUES (?, ?, ?, ?, ?)", m_mesh);
    prepare("INSERT INTO segment_counts (fid, segment_fid, t_hour, direction, mode, count) VALUES (?, ?, ?, ?, ?, ?)",
            m_counts);
    prepare("INSERT INTO station_ridership (fid, station_fid, t_hour, boardings, alightings) VALUES (?, ?, ?, ?, ?)",
            m_ridership);
  }
  ~V5Writer() {
    sqlite3_finalize(m_mesh);
    sqlite3_finalize(m_counts);
    sqlite3_finalize(m_ridership);
  }
  void operator()(ekm::store::SeriesKind k, std::int64_t fid, ekm::core::HourKey t, int channel, int dir, double v,
                  double v2) {
    using ekm::store::SeriesKind;
    sqlite3_stmt* st = k == SeriesKind::MeshPopulation ? m_mesh : k == SeriesKind::SegmentCounts ? m_counts : m_ridership;
    int i = 0;
    if (k == SeriesKind::MeshPopulation) {
      sqlite3_bind_int64(st, ++i, ekm::store::meshPopulationKey(t, fid, channel));
      sqlite3_bind_int64(st, ++i, fid);
      sqlite3_bind_int64(st, ++i, t);
      sqlite3_bind_int64(st, ++i, channel);
    } else if (k == SeriesKind::SegmentCounts) {
      sqlite3_bind_int64(st, ++i, ekm::store::segmentCountKey(t, fid, dir, channel));
      sqlite3_bind_int64(st, ++i, fid);
      sqlite3_bind_int64(st, ++i, t);
      sqlite3_bind_int(st, ++i, dir);
      sqlite3_bind_int(st, ++i, channel);
    } else {
      sqlite3_bind_int64(st, ++i, ekm::store::stationRidershipKey(t, fid));
      sqlite3_bind_int64(st, ++i, fid);
      sqlite3_bind_int64(st, ++i, t);
    }
    bind(st, ++i, v);
    if (k == SeriesKind::StationRidership) bind(st, ++i, v2);
    if (sqlite3_step(st) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(m_db));
    sqlite3_reset(st);
  }

 private:
  void prepare(const char* sql, sqlite3_stmt*& st) {
    if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(m_db));
  }
  static void bind(sqlite3_stmt* st, int i, double v) {
    if (std::isnan(v)) sqlite3_bind_null(st, i);
    else sqlite3_bind_double(st, i, v);
  }
  sqlite3* m_db;
  sqlite3_stmt *m_mesh = nullptr, *m_counts = nullptr, *m_ridership = nullptr;
};

}  // namespace fixture
