#pragma once
// The project file: one GeoPackage 1.3 (SQLite) per project.
//
// GeoPackage requires PRAGMA application_id = 'GPKG' and PRAGMA user_version = 10300
// (the GeoPackage version, which GDAL checks). Our own schema version therefore lives
// in the attribute table `ekm_meta` (key 'schema_version'), not in user_version.
//
// Feature tables (geometry column `geom`, EPSG:4326, registered in gpkg_contents and
// gpkg_geometry_columns; open them in QGIS or ogrinfo):
//   mesh_cells     (fid INTEGER PRIMARY KEY, geom POLYGON, mesh_code TEXT UNIQUE NOT NULL,
//                   level TEXT NOT NULL  -- "1","2","3","1/2","1/4","1/8")
//   road_segments  (fid INTEGER PRIMARY KEY, geom LINESTRING, segment_id TEXT UNIQUE NOT NULL,
//                   name TEXT, road_class TEXT, oneway INTEGER, length_m REAL)
//   stations       (fid INTEGER PRIMARY KEY, geom POINT, station_id TEXT UNIQUE NOT NULL,
//                   name_ja TEXT, name_en TEXT, operator TEXT, lines TEXT)
//   basemap_features (fid INTEGER PRIMARY KEY, geom GEOMETRY -- LineString, MultiLineString,
//                   Polygon or MultiPolygon; kind TEXT NOT NULL CHECK in ('rail','water',
//                   'building','park','street'), name TEXT, height_m REAL -- NULL = unknown)
//                   (schema version 2; added by the forward migration 1 -> 2)
//
// Attribute tables (data_type 'attributes' in gpkg_contents). The integer primary key
// `fid` of each time-series table is a packed composite key (see keys below), so the
// table is ordered by time first: a time slice is one contiguous range scan; a covering
// index on (feature, t_hour) serves single series.
//   mesh_population   (fid INTEGER PRIMARY KEY, cell_fid INTEGER NOT NULL, t_hour INTEGER NOT NULL,
//                      breakdown_id INTEGER NOT NULL, population REAL)      -- NULL = missing/suppressed
//   population_breakdowns (fid INTEGER PRIMARY KEY, label TEXT UNIQUE NOT NULL)
//                      -- fid 0 = 'total'; other labels are "gender=f;age=20-29" style
//   segment_counts    (fid INTEGER PRIMARY KEY, segment_fid INTEGER NOT NULL, t_hour INTEGER NOT NULL,
//                      direction INTEGER NOT NULL, mode INTEGER NOT NULL, count REAL)
//   station_ridership (fid INTEGER PRIMARY KEY, station_fid INTEGER NOT NULL, t_hour INTEGER NOT NULL,
//                      boardings REAL, alightings REAL)
//   ekm_import_log    (fid INTEGER PRIMARY KEY, source_path TEXT, source_sha256 TEXT, kind TEXT,
//                      rows INTEGER, imported_at TEXT, options TEXT)
//   ekm_meta          (fid INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, value TEXT)
//   ekm_runs          (fid, name, scenario_file, scenario_sha256, scenario TEXT -- the scenario JSON,
//                      program_version, program_commit, started_at, finished_at, duration_s, status,
//                      provenance TEXT -- JSON: input files + SHA-256, tables read + row counts,
//                      warnings TEXT -- JSON array)                     (schema version 3)
//   ekm_run_steps     (fid, run_fid, step_index, step_id, op, params TEXT -- normalised JSON,
//                      result TEXT -- JSON: summary, tables, outputs, warnings; duration_s)
//
// t_hour is hours since the Unix epoch, UTC (ekm::core::HourKey).
#include <cstdint>

#include "ekm/core/time.h"

namespace ekm::store {

inline constexpr int kSchemaVersion = 5;
inline constexpr int kGpkgUserVersion = 10300;
inline constexpr int kGpkgApplicationId = 0x47504B47;  // 'GPKG'
inline constexpr int kWgs84SrsId = 4326;

enum class Direction : int { Both = 0, Forward = 1, Backward = 2 };   // along the segment's digitised order
enum class TravelMode : int { Pedestrian = 0, Bicycle = 1, Vehicle = 2 };

const char* directionName(Direction d);   // "both", "forward", "backward"
const char* travelModeName(TravelMode m); // "pedestrian", "bicycle", "vehicle"

// Packed time-series keys (time-major). Feature fids must be < 2^24, breakdown ids < 2^8.
inline constexpr std::int64_t meshPopulationKey(core::HourKey t, std::int64_t cellFid, std::int64_t breakdownId) {
  return (t << 32) | (cellFid << 8) | breakdownId;
}
inline constexpr std::int64_t segmentCountKey(core::HourKey t, std::int64_t segmentFid, int direction, int mode) {
  return (t << 32) | (segmentFid << 8) | (direction << 4) | mode;
}
inline constexpr std::int64_t stationRidershipKey(core::HourKey t, std::int64_t stationFid) {
  return (t << 32) | (stationFid << 8);
}
inline constexpr std::int64_t kMaxFeatureFid = (std::int64_t{1} << 24) - 1;

}  // namespace ekm::store
