// Typed writes of the importers (see ekm/store/import_writer.h); a PostgreSQL project's go
// to pg_import_writer.cpp.
#include "ekm/store/import_writer.h"

#include <cmath>

#include "ekm/core/error.h"
#include "store/pg_backend.h"
#include "store/pg_values.h"
#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {

namespace {

struct TableSql {
  const char* ids;
  const char* insert;
  const char* name;
};

TableSql tableSql(FeatureTable t) {
  switch (t) {
    case FeatureTable::MeshCells:
      return {"SELECT fid, mesh_code FROM mesh_cells", "INSERT INTO mesh_cells (geom, mesh_code, level) VALUES (?, ?, ?)",
              "mesh cells"};
    case FeatureTable::RoadSegments:
      return {"SELECT fid, segment_id FROM road_segments",
              "INSERT INTO road_segments (geom, segment_id, name, road_class, oneway, length_m) VALUES (?, ?, ?, ?, ?, ?)",
              "road segments"};
    case FeatureTable::Stations:
      break;
  }
  return {"SELECT fid, station_id FROM stations",
          "INSERT INTO stations (geom, station_id, name_ja, name_en, operator, lines) VALUES (?, ?, ?, ?, ?, ?)",
          "stations"};
}

void bindTextOrNull(sqlite3_stmt* st, int i, const std::string& v) {
  if (v.empty()) sqlite3_bind_null(st, i);
  else bindText(st, i, v);
}

void bindBlob(sqlite3_stmt* st, int i, const std::vector<unsigned char>& blob) {
  sqlite3_bind_blob(st, i, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}

std::string pragmaText(sqlite3* db, const char* pragma) {
  Stmt st(db, std::string("PRAGMA ") + pragma);
  return st.step(pragma) ? columnString(st, 0) : std::string();
}

}  // namespace

std::unordered_map<std::string, std::int64_t> featureIds(const Project& project, FeatureTable table) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::featureIds(*pg, table);
  std::unordered_map<std::string, std::int64_t> out;
  Stmt st(detail::connection(project), tableSql(table).ids);
  while (st.step(tableSql(table).name)) out.emplace(columnString(st, 1), sqlite3_column_int64(st, 0));
  return out;
}

struct FeatureWriter::Impl {
  Impl(sqlite3* db, FeatureTable t) : db(db), table(t) { insert.emplace(db, tableSql(t).insert); }
  explicit Impl(std::unique_ptr<pgstore::FeatureInserter> p) : pg(std::move(p)) {}
  std::optional<std::int64_t> step(const std::string& id) {
    const int rc = sqlite3_step(*insert);
    sqlite3_reset(*insert);
    if ((rc & 0xFF) == SQLITE_CONSTRAINT) return std::nullopt;
    checkSqlite(db, rc, std::string("inserting ") + tableSql(table).name + " " + id);
    const std::int64_t fid = sqlite3_last_insert_rowid(db);
    if (fid > kMaxFeatureFid)
      throw core::StoreError(std::string("too many ") + tableSql(table).name + " in the project",
                             core::ErrorContext{{}, {}, {}, {}, "at most " + std::to_string(kMaxFeatureFid), id});
    return fid;
  }
  sqlite3* db = nullptr;
  FeatureTable table = FeatureTable::MeshCells;
  std::optional<Stmt> insert;
  std::unique_ptr<pgstore::FeatureInserter> pg;
};

namespace {
std::unique_ptr<FeatureWriter::Impl> featureWriter(Project& project, FeatureTable table) {
  if (PgProject* pg = detail::ProjectAccess::pg(project))
    return std::make_unique<FeatureWriter::Impl>(std::make_unique<pgstore::FeatureInserter>(*pg, table));
  return std::make_unique<FeatureWriter::Impl>(detail::connection(project), table);
}
std::optional<std::string> numberOrNull(double v) {
  if (std::isnan(v)) return std::nullopt;
  std::string out;
  pg::appendDouble(out, v);
  return out;
}
std::optional<std::string> textOrNull(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional<std::string>(v);
}
}  // namespace

FeatureWriter::FeatureWriter(Project& project, FeatureTable table) : m_impl(featureWriter(project, table)) {}
FeatureWriter::~FeatureWriter() = default;

std::optional<std::int64_t> FeatureWriter::add(const MeshCellRecord& c) {
  if (m_impl->pg) return m_impl->pg->add(c.meshCode, gpkgPolygonBlob(c.west, c.south, c.east, c.north), {c.level});
  bindBlob(*m_impl->insert, 1, gpkgPolygonBlob(c.west, c.south, c.east, c.north));
  bindText(*m_impl->insert, 2, c.meshCode);
  bindText(*m_impl->insert, 3, c.level);
  return m_impl->step(c.meshCode);
}

std::optional<std::int64_t> FeatureWriter::add(const SegmentRecord& s) {
  if (m_impl->pg)
    return m_impl->pg->add(s.segmentId, gpkgLineStringBlob(s.points),
                           {textOrNull(s.name), textOrNull(s.roadClass), std::to_string(s.oneway),
                            numberOrNull(s.lengthM)});
  bindBlob(*m_impl->insert, 1, gpkgLineStringBlob(s.points));
  bindText(*m_impl->insert, 2, s.segmentId);
  bindTextOrNull(*m_impl->insert, 3, s.name);
  bindTextOrNull(*m_impl->insert, 4, s.roadClass);
  sqlite3_bind_int(*m_impl->insert, 5, s.oneway);
  sqlite3_bind_double(*m_impl->insert, 6, s.lengthM);
  return m_impl->step(s.segmentId);
}

std::optional<std::int64_t> FeatureWriter::add(const StationRecord& s) {
  if (m_impl->pg)
    return m_impl->pg->add(s.stationId, gpkgPointBlob(s.position),
                           {textOrNull(s.nameJa), textOrNull(s.nameEn), textOrNull(s.operatorName), textOrNull(s.lines)});
  bindBlob(*m_impl->insert, 1, gpkgPointBlob(s.position));
  bindText(*m_impl->insert, 2, s.stationId);
  bindTextOrNull(*m_impl->insert, 3, s.nameJa);
  bindTextOrNull(*m_impl->insert, 4, s.nameEn);
  bindTextOrNull(*m_impl->insert, 5, s.operatorName);
  bindTextOrNull(*m_impl->insert, 6, s.lines);
  return m_impl->step(s.stationId);
}

std::map<std::string, std::int64_t> populationBreakdowns(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::populationBreakdowns(*pg, true);
  sqlite3* db = detail::connection(project);
  if (!sqlite3_db_readonly(db, "main"))
    exec(db, "INSERT OR IGNORE INTO population_breakdowns (fid, label) VALUES (0, 'total')");
  std::map<std::string, std::int64_t> out;
  Stmt st(db, "SELECT fid, label FROM population_breakdowns");
  while (st.step("reading population_breakdowns")) out[columnString(st, 1)] = sqlite3_column_int64(st, 0);
  return out;
}

void addPopulationBreakdown(Project& project, std::int64_t id, const std::string& label) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::addPopulationBreakdown(*pg, id, label);
  sqlite3* db = detail::connection(project);
  Stmt st(db, "INSERT INTO population_breakdowns (fid, label) VALUES (?, ?)");
  sqlite3_bind_int64(st, 1, id);
  bindText(st, 2, label);
  st.step(("inserting breakdown " + label).c_str());
}

bool isImported(const Project& project, const std::string& sourceSha256) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::isImported(*pg, sourceSha256);
  Stmt st(detail::connection(project), "SELECT 1 FROM ekm_import_log WHERE source_sha256 = ? LIMIT 1");
  bindText(st, 1, sourceSha256);
  return st.step("reading ekm_import_log");
}

void logImport(Project& project, const std::string& sourcePath, const std::string& sourceSha256,
               const std::string& kind, std::int64_t rows, const std::string& optionsJson) {
  if (PgProject* pg = detail::ProjectAccess::pg(project))
    return pgstore::logImport(*pg, sourcePath, sourceSha256, kind, rows, optionsJson);
  writeImportLogRow(detail::connection(project), sourcePath, sourceSha256, kind, rows, optionsJson);
}

BulkLoad::BulkLoad(Project& project) : m_project(project) {
  if (detail::ProjectAccess::pg(project)) return;  // the server's settings are the server's
  sqlite3* db = detail::connection(project);
  m_sync = pragmaText(db, "synchronous");
  m_cache = pragmaText(db, "cache_size");
  m_wal = pragmaText(db, "journal_mode") == "wal";
  if (m_wal) exec(db, "PRAGMA synchronous = NORMAL");
  exec(db, "PRAGMA cache_size = -262144");  // 256 MiB
}

BulkLoad::~BulkLoad() {
  if (detail::ProjectAccess::pg(m_project)) return;
  sqlite3* db = detail::connection(m_project);
  try {
    if (m_wal && !m_sync.empty()) exec(db, "PRAGMA synchronous = " + m_sync);
    if (!m_cache.empty()) exec(db, "PRAGMA cache_size = " + m_cache);
  } catch (...) {
  }
}

}  // namespace ekm::store
