// Schema of the project GeoPackage (see ekm/store/schema.h).
#include "ekm/store/schema.h"

#include <string>

#include "store/gpkg_internal.h"
#include "store/series_layout.h"

namespace ekm::store {

std::string odTablesSql();  // od_store.cpp
std::string partialHoursTableSql();  // partial_hours.cpp

const char* directionName(Direction d) {
  switch (d) {
    case Direction::Both: return "both";
    case Direction::Forward: return "forward";
    case Direction::Backward: return "backward";
  }
  return "?";
}

const char* travelModeName(TravelMode m) {
  switch (m) {
    case TravelMode::Pedestrian: return "pedestrian";
    case TravelMode::Bicycle: return "bicycle";
    case TravelMode::Vehicle: return "vehicle";
  }
  return "?";
}

namespace {

// EPSG:4326 as GDAL writes it into gpkg_spatial_ref_sys.
constexpr const char* kWgs84Wkt =
    "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
    "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
    "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
    "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

void sqlEnvelopeComponent(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* blob = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
  Envelope env;
  if (!gpkgBlobEnvelope(blob, size, env) || env.empty) {
    sqlite3_result_null(ctx);
    return;
  }
  switch (reinterpret_cast<std::intptr_t>(sqlite3_user_data(ctx))) {
    case 0: sqlite3_result_double(ctx, env.minX); break;
    case 1: sqlite3_result_double(ctx, env.maxX); break;
    case 2: sqlite3_result_double(ctx, env.minY); break;
    default: sqlite3_result_double(ctx, env.maxY); break;
  }
}

void sqlIsEmpty(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
    sqlite3_result_null(ctx);
    return;
  }
  const auto* blob = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
  Envelope env;
  if (!gpkgBlobEnvelope(blob, size, env)) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_int(ctx, env.empty ? 1 : 0);
}

}  // namespace

void registerGpkgFunctions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  const char* names[] = {"ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"};
  for (std::intptr_t i = 0; i < 4; ++i)
    sqlite3_create_function(db, names[i], 1, flags, reinterpret_cast<void*>(i), sqlEnvelopeComponent, nullptr,
                            nullptr);
  sqlite3_create_function(db, "ST_IsEmpty", 1, flags, nullptr, sqlIsEmpty, nullptr, nullptr);
}

std::string rtreeSql(const std::string& t, const std::string& c) {
  // The R-tree extension exactly as in GeoPackage 1.3 (Annex F.3), fid column "fid".
  const std::string r = "rtree_" + t + "_" + c;
  const std::string q = "\"" + r + "\"";
  const std::string T = "\"" + t + "\"";
  const std::string C = "\"" + c + "\"";
  const std::string vals = "NEW.fid, ST_MinX(NEW." + C + "), ST_MaxX(NEW." + C + "), ST_MinY(NEW." + C +
                           "), ST_MaxY(NEW." + C + ")";
  std::string s;
  s += "CREATE VIRTUAL TABLE " + q + " USING rtree(id, minx, maxx, miny, maxy);\n";
  s += "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES ('" + t +
       "', '" + c + "', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');\n";
  s += "CREATE TRIGGER \"" + r + "_insert\" AFTER INSERT ON " + T + " WHEN (new." + C + " NOT NULL AND NOT ST_IsEmpty(NEW." +
       C + ")) BEGIN INSERT OR REPLACE INTO " + q + " VALUES (" + vals + "); END;\n";
  s += "CREATE TRIGGER \"" + r + "_update1\" AFTER UPDATE OF " + C + " ON " + T +
       " WHEN OLD.fid = NEW.fid AND (NEW." + C + " NOTNULL AND NOT ST_IsEmpty(NEW." + C +
       ")) BEGIN INSERT OR REPLACE INTO " + q + " VALUES (" + vals + "); END;\n";
  s += "CREATE TRIGGER \"" + r + "_update2\" AFTER UPDATE OF " + C + " ON " + T +
       " WHEN OLD.fid = NEW.fid AND (NEW." + C + " ISNULL OR ST_IsEmpty(NEW." + C + ")) BEGIN DELETE FROM " + q +
       " WHERE id = OLD.fid; END;\n";
  s += "CREATE TRIGGER \"" + r + "_update3\" AFTER UPDATE ON " + T + " WHEN OLD.fid != NEW.fid AND (NEW." + C +
       " NOTNULL AND NOT ST_IsEmpty(NEW." + C + ")) BEGIN DELETE FROM " + q +
       " WHERE id = OLD.fid; INSERT OR REPLACE INTO " + q + " VALUES (" + vals + "); END;\n";
  s += "CREATE TRIGGER \"" + r + "_update4\" AFTER UPDATE ON " + T + " WHEN OLD.fid != NEW.fid AND (NEW." + C +
       " ISNULL OR ST_IsEmpty(NEW." + C + ")) BEGIN DELETE FROM " + q + " WHERE id IN (OLD.fid, NEW.fid); END;\n";
  s += "CREATE TRIGGER \"" + r + "_delete\" AFTER DELETE ON " + T + " WHEN old." + C + " NOT NULL BEGIN DELETE FROM " +
       q + " WHERE id = OLD.fid; END;\n";
  return s;
}

std::string ensureSeriesIndexesSql() {
  // The one-row-per-hour tables of schema versions 0-5 (migrated to day rows by 5 -> 6).
  // Covering indexes: a single feature's series is one range scan of the index alone.
  return "CREATE INDEX IF NOT EXISTS idx_mesh_population_series ON mesh_population "
         "(cell_fid, t_hour, breakdown_id, population);\n"
         "CREATE INDEX IF NOT EXISTS idx_segment_counts_series ON segment_counts "
         "(segment_fid, t_hour, mode, direction, count);\n"
         "CREATE INDEX IF NOT EXISTS idx_station_ridership_series ON station_ridership "
         "(station_fid, t_hour, boardings, alightings);\n";
}

std::string basemapFeaturesSql() {
  std::string s = R"SQL(
CREATE TABLE basemap_features (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom GEOMETRY,
  kind TEXT NOT NULL CHECK (kind IN ('rail', 'water', 'building', 'park', 'street')),
  name TEXT,
  height_m REAL
);
CREATE INDEX idx_basemap_features_kind ON basemap_features (kind);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
  ('basemap_features', 'features', 'basemap_features', 'Basemap: rail lines, water, buildings, parks, streets', 4326);
INSERT INTO gpkg_geometry_columns VALUES ('basemap_features', 'geom', 'GEOMETRY', 4326, 0, 0);
)SQL";
  s += rtreeSql("basemap_features", "geom");
  return s;
}

std::string runTablesSql() {
  // Scenario runs and their steps' results (JSON text), with provenance. Idempotent, so
  // that migrating a project that already has them is harmless.
  return R"SQL(
CREATE TABLE IF NOT EXISTS ekm_runs (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL,
  scenario_file TEXT,
  scenario_sha256 TEXT,
  scenario TEXT NOT NULL,
  program_version TEXT,
  program_commit TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_s REAL,
  status TEXT NOT NULL,
  provenance TEXT NOT NULL,
  warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ekm_run_steps (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  run_fid INTEGER NOT NULL REFERENCES ekm_runs(fid),
  step_index INTEGER NOT NULL,
  step_id TEXT NOT NULL,
  op TEXT NOT NULL,
  params TEXT NOT NULL,
  result TEXT NOT NULL,
  duration_s REAL,
  UNIQUE (run_fid, step_index)
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('ekm_runs', 'attributes', 'ekm_runs', 'Scenario runs with provenance (ekimachi-cli run)'),
  ('ekm_run_steps', 'attributes', 'ekm_run_steps', 'The operations of each scenario run: params and results (JSON)');
)SQL";
}

std::string createSchemaSql() {
  std::string s;
  // GeoPackage 1.3 core tables (clauses 1.1.2, 1.1.3, 2.1.5, 2.1.4 of the standard).
  s += R"SQL(
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',
  'undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
  'undefined geographic coordinate reference system');
)SQL";
  s += std::string("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, '") + kWgs84Wkt +
       "', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');\n";

  // Feature tables.
  s += R"SQL(
CREATE TABLE mesh_cells (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POLYGON,
  mesh_code TEXT UNIQUE NOT NULL,
  level TEXT NOT NULL
);
CREATE TABLE road_segments (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom LINESTRING,
  segment_id TEXT UNIQUE NOT NULL,
  name TEXT,
  road_class TEXT,
  oneway INTEGER,
  length_m REAL
);
CREATE TABLE stations (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POINT,
  station_id TEXT UNIQUE NOT NULL,
  name_ja TEXT,
  name_en TEXT,
  operator TEXT,
  lines TEXT
);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
  ('mesh_cells', 'features', 'mesh_cells', 'JIS X 0410 grid squares', 4326),
  ('road_segments', 'features', 'road_segments', 'Street segments (counting stations)', 4326),
  ('stations', 'features', 'stations', 'Railway stations', 4326);
INSERT INTO gpkg_geometry_columns VALUES
  ('mesh_cells', 'geom', 'POLYGON', 4326, 0, 0),
  ('road_segments', 'geom', 'LINESTRING', 4326, 0, 0),
  ('stations', 'geom', 'POINT', 4326, 0, 0);
)SQL";
  for (const char* t : {"mesh_cells", "road_segments", "stations"}) s += rtreeSql(t, "geom");
  s += basemapFeaturesSql();
  s += runTablesSql();
  s += energyTablesSql();
  s += transitTablesSql();

  // Attribute tables; the people-flow series as day rows with their long views (series_layout.cpp).
  s += R"SQL(
CREATE TABLE population_breakdowns (
  fid INTEGER PRIMARY KEY NOT NULL,
  label TEXT UNIQUE NOT NULL
);
CREATE TABLE ekm_import_log (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  source_path TEXT,
  source_sha256 TEXT,
  kind TEXT,
  rows INTEGER,
  imported_at TEXT,
  options TEXT
);
CREATE INDEX idx_ekm_import_log_sha256 ON ekm_import_log (source_sha256);
CREATE TABLE ekm_meta (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  key TEXT UNIQUE NOT NULL,
  value TEXT
);
INSERT INTO population_breakdowns (fid, label) VALUES (0, 'total');
INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('population_breakdowns', 'attributes', 'population_breakdowns', 'Population breakdown labels (0 = total)'),
  ('ekm_import_log', 'attributes', 'ekm_import_log', 'Imported source files'),
  ('ekm_meta', 'attributes', 'ekm_meta', 'Ekimachi project metadata');
)SQL";
  s += seriesTablesSql();
  s += odTablesSql();
  s += partialHoursTableSql();
  return s;
}

}  // namespace ekm::store
