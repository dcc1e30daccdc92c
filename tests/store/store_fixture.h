#pragma once
// A small project with a few rows in every table, written through the raw handle with
// the same SQL the importers use (the series through the store's SeriesWriter).
#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "support/project_sql.h"
#include "ekm/store/project.h"
#include "ekm/store/series.h"

namespace fixture {

inline const ekm::core::HourKey kT0 = ekm::core::hourKeyFromJst(
    std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{27}}, 8);
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline void bindOrNull(sqlite3_stmt* st, int i, double v) {
  if (std::isnan(v)) sqlite3_bind_null(st, i);
  else sqlite3_bind_double(st, i, v);
}

inline void step(sqlite3* db, sqlite3_stmt* st, const char* what) {
  ekm::store::checkSqlite(db, sqlite3_step(st), what);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}

struct Stmt {
  Stmt(sqlite3* db, const char* sql) { ekm::store::checkSqlite(db, sqlite3_prepare_v2(db, sql, -1, &st, nullptr), sql); }
  ~Stmt() { sqlite3_finalize(st); }
  sqlite3_stmt* st = nullptr;
};

// 3 mesh cells (1/8 mesh around Takanawa Gateway), 2 segments, 2 stations, 48 hours.
// Population of cell fid c at hour kT0 + h = 100 * c + h, except (cell 2, h = 5): NULL.
// Segment counts: segment 1 pedestrian forward = 10 + h, backward = 20 + h; segment 2
// pedestrian both = 7; segment 1 vehicle both = NULL at h = 3, else 3.
// Ridership: station 1 boardings = h, alightings = 2h (alightings NULL at h = 4).
// The series values above: add(kind, feature fid, t, channel (breakdown / mode), direction,
// value, second value (alightings)).
template <class Add>
void seriesValues(Add&& add) {
  using ekm::store::SeriesKind;
  for (int h = 0; h < 48; ++h)
    for (int c = 1; c <= 3; ++c)
      for (int b = 0; b <= 1; ++b)
        add(SeriesKind::MeshPopulation, c, kT0 + h, b, 0, (c == 2 && h == 5) ? kNaN : (b == 0 ? 100.0 * c + h : 50.0 * c),
            0.0);
  for (int h = 0; h < 48; ++h) {
    const auto t = kT0 + h;
    add(SeriesKind::SegmentCounts, 1, t, 0, 1, 10.0 + h, 0.0);
    add(SeriesKind::SegmentCounts, 1, t, 0, 2, 20.0 + h, 0.0);
    add(SeriesKind::SegmentCounts, 1, t, 2, 0, h == 3 ? kNaN : 3.0, 0.0);
    add(SeriesKind::SegmentCounts, 2, t, 0, 0, 7.0, 0.0);
  }
  for (int h = 0; h < 48; ++h) add(SeriesKind::StationRidership, 1, kT0 + h, 0, 0, h, h == 4 ? kNaN : 2.0 * h);
}

inline void fill(ekm::store::Project& p) {
  using namespace ekm::store;
  sqlite3* db = ekm_test::sql(p);
  ekm::store::detail::SqlTransaction tx(db);
  {
    Stmt ins(db, "INSERT INTO mesh_cells (geom, mesh_code, level) VALUES (?, ?, ?)");
    const char* codes[] = {"533935772", "533935773", "533935774"};  // placeholder codes, geometry below
    for (int i = 0; i < 3; ++i) {
      const double w = 139.7375 + i * 0.0015625, s = 35.6333333333;
      const auto blob = gpkgPolygonBlob(w, s, w + 0.0015625, s + 0.0010416667);
      sqlite3_bind_blob(ins.st, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(ins.st, 2, codes[i], -1, SQLITE_STATIC);
      sqlite3_bind_text(ins.st, 3, "1/8", -1, SQLITE_STATIC);
      step(db, ins.st, "cell");
    }
  }
  {
    Stmt ins(db,
             "INSERT INTO road_segments (geom, segment_id, name, road_class, oneway, length_m) VALUES (?, ?, ?, ?, ?, ?)");
    const std::vector<LonLat> a = {{139.7400, 35.6350}, {139.7410, 35.6355}, {139.7420, 35.6352}};
    const std::vector<LonLat> b = {{139.7380, 35.6340}, {139.7390, 35.6345}};
    const auto ba = gpkgLineStringBlob(a), bb = gpkgLineStringBlob(b);
    sqlite3_bind_blob(ins.st, 1, ba.data(), static_cast<int>(ba.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins.st, 2, "S1", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 3, "国道15号", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 4, "primary", -1, SQLITE_STATIC);
    sqlite3_bind_int(ins.st, 5, 0);
    sqlite3_bind_double(ins.st, 6, 210.5);
    step(db, ins.st, "segment");
    sqlite3_bind_blob(ins.st, 1, bb.data(), static_cast<int>(bb.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins.st, 2, "S2", -1, SQLITE_STATIC);
    sqlite3_bind_int(ins.st, 5, 1);
    sqlite3_bind_double(ins.st, 6, 110.0);
    step(db, ins.st, "segment");
  }
  {
    Stmt ins(db, "INSERT INTO stations (geom, station_id, name_ja, name_en, operator, lines) VALUES (?, ?, ?, ?, ?, ?)");
    const auto b1 = gpkgPointBlob({139.7407, 35.6355});
    const auto b2 = gpkgPointBlob({139.7387, 35.6284});
    sqlite3_bind_blob(ins.st, 1, b1.data(), static_cast<int>(b1.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins.st, 2, "JY26", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 3, "高輪ゲートウェイ", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 4, "Takanawa Gateway", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 5, "JR East", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 6, "Yamanote;Keihin-Tohoku", -1, SQLITE_STATIC);
    step(db, ins.st, "station");
    sqlite3_bind_blob(ins.st, 1, b2.data(), static_cast<int>(b2.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins.st, 2, "JY25", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 3, "品川", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.st, 4, "Shinagawa", -1, SQLITE_STATIC);
    step(db, ins.st, "station");
  }
  exec(db, "INSERT INTO population_breakdowns (fid, label) VALUES (1, 'gender=f')");
  {
    SeriesWriter mesh(p, SeriesKind::MeshPopulation), counts(p, SeriesKind::SegmentCounts),
        ridership(p, SeriesKind::StationRidership);
    seriesValues([&](SeriesKind k, std::int64_t fid, ekm::core::HourKey t, int channel, int dir, double v, double v2) {
      auto& w = k == SeriesKind::MeshPopulation ? mesh : k == SeriesKind::SegmentCounts ? counts : ridership;
      if (!w.add(fid, t, channel, dir, v, v2)) throw std::runtime_error("duplicate fixture value");
    });
    mesh.finish();
    counts.finish();
    ridership.finish();
  }
  exec(db,
       "INSERT INTO ekm_import_log (source_path, source_sha256, kind, rows, imported_at, options) VALUES "
       "('/data/mesh_population.csv', 'abc123', 'mesh-population', 288, '2025-03-28T00:00:00Z', '{}')");
  // Basemap: a rail line (two parts), a building with a courtyard (outer ring + hole).
  {
    ekm::store::BasemapFeature rail;
    rail.kind = "rail";
    rail.name = "JR Yamanote Line";
    rail.parts = {{{139.7380, 35.6330}, {139.7400, 35.6345}}, {{139.7400, 35.6345}, {139.7410, 35.6350}}};
    p.addBasemapFeature(rail);
    ekm::store::BasemapFeature building;
    building.kind = "building";
    building.polygon = true;
    building.heightM = 31.5;
    building.parts = {{{139.7390, 35.6336}, {139.7396, 35.6336}, {139.7396, 35.6340}, {139.7390, 35.6340}, {139.7390, 35.6336}},
                      {{139.7392, 35.6337}, {139.7392, 35.6339}, {139.7394, 35.6339}, {139.7394, 35.6337}, {139.7392, 35.6337}}};
    p.addBasemapFeature(building);
  }
  tx.commit();
}

}  // namespace fixture
