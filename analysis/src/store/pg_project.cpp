// A project in a PostgreSQL/PostGIS schema: open, create, metadata, feature reads and
// transactions (see pg_backend.h).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <random>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/schema_version.h"
#include "store/gpkg_internal.h"
#include "store/pg_backend.h"
#include "store/pg_project.h"
#include "store/pg_values.h"

namespace ekm::store {

std::string pgSeriesViewsSql(const std::string& schema);  // series_layout.cpp
std::string pgEnergyViewsSql(const std::string& schema);  // schema_energy.cpp

void PgProjectDeleter::operator()(PgProject* p) const {
  if (p && p->inTransaction) pgstore::rollback(*p);
  delete p;
}

namespace pgstore {

namespace {

namespace fs = std::filesystem;
using core::StoreError;

core::ErrorContext at(const std::string& location, std::string field = {}, std::string expected = {},
                      std::string found = {}) {
  return core::ErrorContext{location, std::nullopt, std::nullopt, std::move(field), std::move(expected),
                            std::move(found)};
}

std::string text(const pg::Result& r, int row, int col) { return r.isNull(row, col) ? std::string() : r.text(row, col); }

// A GeoPackage blob of a PostGIS geometry read as hex EWKB (ST_AsEWKB(...)::text without \x).
std::vector<unsigned char> gpkgFromEwkb(const std::string& hex, const std::string& where) {
  int srid = kWgs84SrsId;
  const auto wkb = pg::isoWkbFromEwkb(pg::fromHex(hex, where), srid, where);
  return gpkgBlobFromWkb(wkb.data(), wkb.size(), srid);
}

// "encode(ST_AsEWKB(geom), 'hex')": the geometry column as hex EWKB text.
const char* kGeomHex = "encode(ST_AsEWKB(geom), 'hex')";

// Step `from` -> `from + 1` of a PostgreSQL project (the GeoPackage's are in project.cpp;
// versions before kFirstPgSchemaVersion never existed on PostgreSQL).
struct PgMigration {
  int from;
  const char* description;
  void (*apply)(PgProject& p);
};

const PgMigration kPgMigrations[] = {
    {7, "long views for QGIS, UNIQUE constraints and indexes",
     [](PgProject& p) {
       p.conn.exec(longViewsSql(pg::Connection::quoteIdent(p.schemaName)));
       addGpkgIndexes(p);
     }},
    {8, "partial_hours table",
     [](PgProject& p) {
       p.conn.exec("CREATE TABLE IF NOT EXISTS " + p.table("partial_hours") +
                   " (fid BIGINT PRIMARY KEY, series TEXT NOT NULL, feature_fid BIGINT NOT NULL, t_hour BIGINT NOT NULL,"
                   " channel BIGINT NOT NULL DEFAULT 0, direction BIGINT NOT NULL DEFAULT 0, covered_s BIGINT NOT NULL,"
                   " periods TEXT NOT NULL, UNIQUE (series, feature_fid, t_hour, channel, direction))");
     }},
};

int parseVersion(const std::string& text) {
  int v = -1;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  return r.ec == std::errc() && r.ptr == text.data() + text.size() && v >= 0 ? v : -1;
}

// Migrates an opened project from `version` to kProjectSchemaVersion (read-write only).
void migrate(PgProject& p, const std::string& location, int version) {
  begin(p);  // the writer lock: two programs opening an old project migrate it once
  try {
    version = parseVersion(meta(p, "schema_version").value_or(""));  // another may have migrated it meanwhile
    for (; version < kProjectSchemaVersion; ++version) {
      const auto* step = std::find_if(std::begin(kPgMigrations), std::end(kPgMigrations),
                                      [&](const PgMigration& m) { return m.from == version; });
      if (step == std::end(kPgMigrations))
        throw StoreError("no migration of a PostgreSQL project from schema version " + std::to_string(version),
                         at(location, "schema_version", "a supported version", std::to_string(version)));
      step->apply(p);
    }
    setMeta(p, "schema_version", std::to_string(kProjectSchemaVersion));
    commit(p);
  } catch (...) {
    rollback(p);
    throw;
  }
}

}  // namespace

std::string longViewsSql(const std::string& quotedSchema) {
  return pgSeriesViewsSql(quotedSchema) + pgEnergyViewsSql(quotedSchema);
}

ScratchGeoPackage::ScratchGeoPackage() {
  std::random_device rd;
  m_path = (fs::temp_directory_path() / ("ekm-pg-new-" + std::to_string(rd()) + ".gpkg")).string();
  Project::create(m_path);
}

ScratchGeoPackage::~ScratchGeoPackage() {
  std::error_code ec;
  for (const char* s : {"", "-wal", "-shm"}) fs::remove(m_path + s, ec);
}

PgProjectPtr create(const std::string& location) {
  // An empty GeoPackage project copied into the schema: the same tables on both backends.
  const ScratchGeoPackage scratch;
  copyProject(scratch.path(), location, core::nullFeedback());
  return open(location, OpenMode::ReadWrite);
}

PgProjectPtr open(const std::string& location, OpenMode mode) {
  PgProjectPtr p(new PgProject(pg::parseLocation(location), mode));
  auto exists = p->conn.query("SELECT to_regclass($1) IS NOT NULL", {p->table("ekm_meta")});
  if (exists.text(0, 0) != "t")
    throw StoreError("not an Ekimachi project: the PostgreSQL schema has no ekm_meta table",
                     at(location, "schema", "a schema made by project new or project copy", p->schemaName));
  // The schema first on the search path: statements may name its tables bare (record_sql.h).
  p->conn.query("SELECT set_config('search_path', $1 || ', ' || current_setting('search_path'), false)",
                {pg::Connection::quoteIdent(p->schemaName)});
  const std::string versionText = meta(*p, "schema_version").value_or("");
  const int version = parseVersion(versionText);
  const std::string current = std::to_string(kProjectSchemaVersion);
  if (version < 0)
    throw StoreError("not an Ekimachi project: missing or invalid schema_version",
                     at(location, "schema_version", "an integer", versionText));
  if (version > kProjectSchemaVersion)
    throw StoreError("the project was written by a newer Ekimachi (schema version " + versionText +
                         "); this version supports up to " + current,
                     at(location, "schema_version", "<= " + current, versionText));
  if (version < kFirstPgSchemaVersion)
    throw StoreError("no PostgreSQL project has this schema version (they start at " +
                         std::to_string(kFirstPgSchemaVersion) + ")",
                     at(location, "schema_version", std::to_string(kFirstPgSchemaVersion) + ".." + current, versionText));
  if (version < kProjectSchemaVersion) {
    if (mode == OpenMode::ReadOnly)
      throw StoreError("the project has an older schema (version " + versionText +
                           ") and must be upgraded: open it read-write once",
                       at(location, "schema_version", current, versionText));
    migrate(*p, location, version);
  }
  p->schemaVersion = kProjectSchemaVersion;
  if (mode == OpenMode::ReadOnly) p->conn.exec("SET default_transaction_read_only = on");
  return p;
}

int schemaVersion(const PgProject& p) { return p.schemaVersion; }

std::optional<std::string> meta(PgProject& p, const std::string& key) {
  auto r = p.conn.query("SELECT value FROM " + p.table("ekm_meta") + " WHERE key = $1", {key});
  if (r.rows() == 0) return std::nullopt;
  return text(r, 0, 0);
}

void setMeta(PgProject& p, const std::string& key, const std::string& value) {
  auto r = p.conn.query("UPDATE " + p.table("ekm_meta") + " SET value = $2 WHERE key = $1", {key, value});
  if (std::string(PQcmdTuples(r.raw())) != "0") return;
  p.conn.query("INSERT INTO " + p.table("ekm_meta") + " (fid, key, value) SELECT coalesce(max(fid), 0) + 1, $1::text, $2::text FROM " +
                   p.table("ekm_meta"),
               {key, value});
}

std::vector<MeshCellRecord> meshCells(PgProject& p) {
  auto r = p.conn.query("SELECT fid, mesh_code, level, ST_XMin(geom), ST_XMax(geom), ST_YMin(geom), ST_YMax(geom) FROM " +
                        p.table("mesh_cells") + " ORDER BY fid");
  std::vector<MeshCellRecord> out(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto& c = out[static_cast<std::size_t>(i)];
    c.fid = pg::parseInt(r.text(i, 0), "mesh_cells.fid");
    c.meshCode = text(r, i, 1);
    c.level = text(r, i, 2);
    if (r.isNull(i, 3)) continue;
    c.west = pg::parseDouble(r.text(i, 3), "mesh_cells.geom");
    c.east = pg::parseDouble(r.text(i, 4), "mesh_cells.geom");
    c.south = pg::parseDouble(r.text(i, 5), "mesh_cells.geom");
    c.north = pg::parseDouble(r.text(i, 6), "mesh_cells.geom");
  }
  return out;
}

std::vector<SegmentRecord> segments(PgProject& p) {
  auto r = p.conn.query(std::string("SELECT fid, segment_id, name, road_class, oneway, length_m, ") + kGeomHex +
                        " FROM " + p.table("road_segments") + " ORDER BY fid");
  std::vector<SegmentRecord> out(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto& s = out[static_cast<std::size_t>(i)];
    s.fid = pg::parseInt(r.text(i, 0), "road_segments.fid");
    s.segmentId = text(r, i, 1);
    s.name = text(r, i, 2);
    s.roadClass = text(r, i, 3);
    s.oneway = r.isNull(i, 4) ? 0 : static_cast<int>(pg::parseInt(r.text(i, 4), "road_segments.oneway"));
    s.lengthM = r.isNull(i, 5) ? std::nan("") : pg::parseDouble(r.text(i, 5), "road_segments.length_m");
    if (!r.isNull(i, 6)) {
      const auto blob = gpkgFromEwkb(r.text(i, 6), "road_segments.geom");
      s.points = pointsFromGpkgBlob(blob.data(), blob.size());
    }
  }
  return out;
}

std::vector<StationRecord> stations(PgProject& p) {
  auto r = p.conn.query(std::string("SELECT fid, station_id, name_ja, name_en, operator, lines, ") + kGeomHex + " FROM " +
                        p.table("stations") + " ORDER BY fid");
  std::vector<StationRecord> out(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto& s = out[static_cast<std::size_t>(i)];
    s.fid = pg::parseInt(r.text(i, 0), "stations.fid");
    s.stationId = text(r, i, 1);
    s.nameJa = text(r, i, 2);
    s.nameEn = text(r, i, 3);
    s.operatorName = text(r, i, 4);
    s.lines = text(r, i, 5);
    s.position = LonLat{std::nan(""), std::nan("")};
    if (!r.isNull(i, 6)) {
      const auto blob = gpkgFromEwkb(r.text(i, 6), "stations.geom");
      const auto pts = pointsFromGpkgBlob(blob.data(), blob.size());
      if (!pts.empty()) s.position = pts.front();
    }
  }
  return out;
}

std::int64_t rowCount(PgProject& p, const std::string& table) {
  auto r = p.conn.query("SELECT count(*) FROM " + p.table(table));
  return pg::parseInt(r.text(0, 0), table);
}

std::string contentSha256(PgProject& p, const std::string& table) {
  // Every row as text, in text order (PostgreSQL keeps no stored order).
  auto r = p.conn.query("SELECT encode(sha256(convert_to(coalesce(string_agg(q::text, E'\\n' ORDER BY q::text), ''), "
                        "'UTF8')), 'hex') FROM " + p.table(table) + " q");
  return r.text(0, 0);
}

bool hasTable(PgProject& p, const std::string& name) {
  return p.conn.query("SELECT to_regclass($1) IS NOT NULL", {p.table(name)}).text(0, 0) == "t";
}

std::optional<std::tuple<double, double, double, double>> extent(PgProject& p, const std::string& table) {
  auto r = p.conn.query("SELECT ST_XMin(x), ST_YMin(x), ST_XMax(x), ST_YMax(x) FROM (SELECT ST_Extent(geom) AS x FROM " +
                        p.table(table) + ") q");
  if (r.isNull(0, 0)) return std::nullopt;
  const std::string where = table + ".geom";
  return std::tuple{pg::parseDouble(r.text(0, 0), where), pg::parseDouble(r.text(0, 1), where),
                    pg::parseDouble(r.text(0, 2), where), pg::parseDouble(r.text(0, 3), where)};
}

std::vector<ImportLogEntry> importLog(PgProject& p) {
  auto r = p.conn.query("SELECT fid, source_path, source_sha256, kind, \"rows\", imported_at FROM " +
                        p.table("ekm_import_log") + " ORDER BY fid");
  std::vector<ImportLogEntry> out(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto& e = out[static_cast<std::size_t>(i)];
    e.fid = pg::parseInt(r.text(i, 0), "ekm_import_log.fid");
    e.sourcePath = text(r, i, 1);
    e.sourceSha256 = text(r, i, 2);
    e.kind = text(r, i, 3);
    e.rows = r.isNull(i, 4) ? 0 : pg::parseInt(r.text(i, 4), "ekm_import_log.rows");
    e.importedAt = text(r, i, 5);
  }
  return out;
}

std::int64_t storedBytes(PgProject& p) {
  auto r = p.conn.query(
      "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')",
      {p.schemaName});
  return pg::parseInt(r.text(0, 0), "pg_total_relation_size");
}

void begin(PgProject& p) {
  if (p.mode == OpenMode::ReadOnly)
    throw StoreError("the project is open read-only", at(p.schemaName, "mode", "read-write", "read-only"));
  p.conn.exec("BEGIN");
  p.inTransaction = true;
  // One writer per project at a time, as SQLite's BEGIN IMMEDIATE: the next one waits here.
  p.conn.query("SELECT pg_advisory_xact_lock(hashtext($1))", {"ekimachi:" + p.schemaName});
}

void commit(PgProject& p) {
  p.conn.exec("COMMIT");
  p.inTransaction = false;
}

void rollback(PgProject& p) noexcept {
  p.inTransaction = false;
  try {
    p.conn.exec("ROLLBACK");
  } catch (...) {
    // A dropped connection: the server rolls the transaction back itself.
  }
}

}  // namespace pgstore
}  // namespace ekm::store
