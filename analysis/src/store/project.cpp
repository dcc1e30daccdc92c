// The project store: one GeoPackage file per project.
#include "ekm/store/project.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>

#include "ekm/core/error.h"
#include "ekm/store/import_writer.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/project_size.h"
#include "ekm/store/schema_version.h"
#include "store/gpkg_internal.h"
#include "store/open_guard.h"
#include "store/pg_backend.h"
#include "store/series_layout.h"
#include "store/record_sql.h"
#include "store/series_rows.h"
#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {

using core::StoreError;

namespace fs = std::filesystem;
bool isTransitTable(const std::string& table);  // schema_transit.cpp
bool isRidershipTable(const std::string& table);  // schema_ridership.cpp
std::string odTablesSql();                        // od_store.cpp
std::string partialHoursTableSql();               // partial_hours.cpp

namespace {

core::ErrorContext fileCtx(const std::string& file, std::string field = {}, std::string expected = {},
                           std::string found = {}) {
  core::ErrorContext c;
  c.file = file;
  c.field = std::move(field);
  c.expected = std::move(expected);
  c.found = std::move(found);
  return c;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double columnOrNaN(sqlite3_stmt* st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL ? kNaN : sqlite3_column_double(st, col);
}

std::string columnText(sqlite3_stmt* st, int col) {
  const auto* t = sqlite3_column_text(st, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, col)))
           : std::string();
}

}  // namespace

std::string nowIso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// 128 random bits in hex: tells this project's -wal from another's (open_guard.h).
std::string newProjectId() {
  unsigned char bytes[16];
  sqlite3_randomness(sizeof bytes, bytes);
  static const char* hex = "0123456789abcdef";
  std::string id;
  for (const unsigned char b : bytes) {
    id += hex[b >> 4];
    id += hex[b & 0xF];
  }
  return id;
}

bool isKnownTable(const std::string& t) {
  static const std::set<std::string> known = {"mesh_cells",        "road_segments",     "stations",
                                              "mesh_population",   "segment_counts",    "station_ridership",
                                              "population_breakdowns", "ekm_import_log", "ekm_meta",
                                              "basemap_features", "ekm_runs", "ekm_run_steps",
                                              "energy_buildings", "energy_series", "energy_weather_days",
                                              "energy_meter_days", "energy_weather_hourly", "energy_meter_hourly",
                                              "od_matrices", "partial_hours"};
  const bool dayRows = std::any_of(std::begin(kSeriesKinds), std::end(kSeriesKinds),
                                   [&](SeriesKind k) { return t == seriesLayout(k).table; });
  return known.count(t) > 0 || dayRows || isTransitTable(t) || isRidershipTable(t);
}

// --- Migrations -----------------------------------------------------------------------
// Step i migrates schema version `from` to `from + 1`. Version 0 is the pre-release
// layout (same tables, the series indexes may be missing, no 'total' breakdown row).
// Version 1 has no basemap_features table; version 2 no scenario run tables; version 3 no
// energy tables; version 4 no transit tables; version 5 stores the people-flow series one
// row per hour (mesh_population, segment_counts, station_ridership as tables); version 6 has
// od_matrices only where `ekimachi od` created it on the fly (same DDL, IF NOT EXISTS);
// version 7 is the same file as 8 (7 -> 8 adds the long views on PostgreSQL, which a
// GeoPackage has; PostgreSQL projects migrate in pg_project.cpp); version 8 has no
// partial_hours table.
struct Migration {
  int from;
  const char* description;
  std::function<void(sqlite3*)> apply;
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {0, "covering series indexes, 'total' breakdown",
       [](sqlite3* db) {
         exec(db, ensureSeriesIndexesSql());
         exec(db, "INSERT OR IGNORE INTO population_breakdowns (fid, label) VALUES (0, 'total')");
       }},
      {1, "basemap_features feature table", [](sqlite3* db) { exec(db, basemapFeaturesSql()); }},
      {2, "scenario run tables", [](sqlite3* db) { exec(db, runTablesSql()); }},
      {3, "energy tables", [](sqlite3* db) { exec(db, energyTablesSql()); }},
      {4, "transit tables", [](sqlite3* db) { exec(db, transitTablesSql()); }},
      {5, "people-flow series as day rows", [](sqlite3* db) { migrateSeriesToDayRows(db); }},
      {6, "od_matrices in the schema", [](sqlite3* db) { exec(db, odTablesSql()); }},
      {7, "long views on PostgreSQL (a GeoPackage has them)", [](sqlite3*) {}},
      {8, "partial_hours table", [](sqlite3* db) { exec(db, partialHoursTableSql()); }},
  };
  return steps;
}

void migrate(sqlite3* db, int from, const std::string& path) {
  int v = from;
  detail::SqlTransaction tx(db);
  while (v < kProjectSchemaVersion) {
    const auto& steps = migrations();
    const auto it = std::find_if(steps.begin(), steps.end(), [v](const Migration& m) { return m.from == v; });
    if (it == steps.end())
      throw StoreError("no migration from schema version " + std::to_string(v),
                       fileCtx(path, "schema_version", "a supported version", std::to_string(v)));
    it->apply(db);
    ++v;
  }
  Stmt st(db, "INSERT INTO ekm_meta (key, value) VALUES ('schema_version', ?) "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  sqlite3_bind_text(st, 1, std::to_string(v).c_str(), -1, SQLITE_TRANSIENT);
  st.step("writing schema_version");
  tx.commit();
}

void configure(sqlite3* db) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, guard::kBusyTimeoutMs);
  registerGpkgFunctions(db);
  // Reads map the file instead of copying each page (a series touches one page per day).
  sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
}

// Cheap structural checks before SQLite sees the file: a clear message for the common
// cases (empty, not SQLite, truncated) instead of a late SQLITE_CORRUPT.
void precheckFile(const std::string& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st))
    throw StoreError("project file does not exist", fileCtx(path));
  if (fs::is_directory(st))
    throw StoreError("is a directory, not a project file", fileCtx(path));
  const auto size = fs::file_size(path, ec);
  if (ec) throw StoreError("cannot read the project file: " + ec.message(), fileCtx(path));
  if (size == 0)
    throw StoreError("not a project: the file is empty (0 bytes)",
                     fileCtx(path, {}, "a GeoPackage (SQLite) file", "0 bytes"));
  std::ifstream in(path, std::ios::binary);
  unsigned char h[100] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  const auto got = in.gcount();
  if (!in && got < 16) throw StoreError("cannot read the project file", fileCtx(path));
  if (got < 100 || std::memcmp(h, "SQLite format 3\0", 16) != 0)
    throw StoreError("not a project: not an SQLite/GeoPackage file",
                     fileCtx(path, {}, "a GeoPackage (SQLite) file", "other data"));
  std::uint32_t pageSize = (std::uint32_t{h[16]} << 8) | h[17];
  if (pageSize == 1) pageSize = 65536;
  auto be32 = [&](int o) {
    return (std::uint32_t{h[o]} << 24) | (std::uint32_t{h[o + 1]} << 16) | (std::uint32_t{h[o + 2]} << 8) | h[o + 3];
  };
  const std::uint32_t pages = be32(28);
  const bool sizeValid = pages != 0 && be32(24) == be32(92);
  const bool hasWal = fs::exists(path + "-wal", ec) && fs::file_size(path + "-wal", ec) > 0;
  if (sizeValid && !hasWal && static_cast<std::uint64_t>(pageSize) * pages > size)
    throw StoreError("the project file is truncated",
                     fileCtx(path, {}, std::to_string(std::uint64_t{pageSize} * pages) + " bytes",
                                        std::to_string(size) + " bytes"));
}

}  // namespace

// --- checkSqlite / exec / Transaction ------------------------------------------------------

void checkSqlite(sqlite3* db, int rc, const std::string& what) {
  const int primary = rc & 0xFF;
  if (primary == SQLITE_OK || primary == SQLITE_ROW || primary == SQLITE_DONE) return;
  const std::string msg = what + ": " + guard::describeFailure(db, rc);
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  throw StoreError(msg, fileCtx(file ? file : ""));
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);  // the same text as sqlite3_errmsg(db), which describeFailure keeps
    const std::string msg = guard::describeFailure(db, rc);
    const std::string head = sql.substr(0, 120);
    const char* file = sqlite3_db_filename(db, "main");
    throw StoreError(msg + " [" + head + (sql.size() > 120 ? "...]" : "]"), fileCtx(file ? file : ""));
  }
}

namespace detail {

SqlTransaction::SqlTransaction(sqlite3* db) : m_db(db) { exec(db, "BEGIN IMMEDIATE"); }

SqlTransaction::SqlTransaction(PgProject& pg) : m_db(nullptr), m_pg(&pg) { pgstore::begin(pg); }

SqlTransaction::~SqlTransaction() {
  if (m_done) return;
  if (m_pg) pgstore::rollback(*m_pg);
  else sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqlTransaction::commit() {
  if (m_pg) pgstore::commit(*m_pg);
  else exec(m_db, "COMMIT");
  m_done = true;
}

}  // namespace detail

namespace {
std::unique_ptr<detail::SqlTransaction> beginTransaction(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return std::make_unique<detail::SqlTransaction>(*pg);
  return std::make_unique<detail::SqlTransaction>(detail::connection(project));
}
}  // namespace

Transaction::Transaction(const Project& project) : m_tx(beginTransaction(project)) {}
Transaction::~Transaction() = default;
void Transaction::commit() { m_tx->commit(); }

// --- Project -------------------------------------------------------------------------------

struct Project::Impl {
  std::string path;
  sqlite3* db = nullptr;
  PgProjectPtr pg;  // a PostgreSQL project instead (pg_backend.h); then db is null
  int schemaVersion = 0;
  OpenMode mode = OpenMode::ReadWrite;
  std::map<std::string, std::unique_ptr<Stmt>> cache;
  std::set<std::string> dirty;  // tables changed through this connection

  ~Impl() {
    cache.clear();
    if (db) {
      if (mode == OpenMode::ReadWrite) {
        try {
          refreshContents();
        } catch (...) {
        }
      }
      sqlite3_close_v2(db);
    }
  }

  sqlite3_stmt* stmt(const std::string& sql) {
    auto& s = cache[sql];
    if (!s) s = std::make_unique<Stmt>(db, sql, true);
    sqlite3_reset(*s);
    sqlite3_clear_bindings(*s);
    return *s;
  }

  // Tables count as changed only once their transaction commits: a refused or cancelled
  // import (rolled back) must leave gpkg_contents.last_change as it was. `pending` holds
  // the open transaction's tables, `committing` those of a COMMIT that has begun (it may
  // still fail, and is then rolled back), `dirty` those known committed.
  std::set<std::string> pending, committing;
  std::string lastDirty;

  void watchChanges() {
    sqlite3_update_hook(db, &Impl::onUpdate, this);
    sqlite3_commit_hook(db, &Impl::onCommit, this);
    sqlite3_rollback_hook(db, &Impl::onRollback, this);
  }
  static void onUpdate(void* self, int, const char*, const char* table, sqlite3_int64) {
    auto* impl = static_cast<Impl*>(self);
    // Cheap: the same few table names over and over.
    if (!impl->lastDirty.empty() && std::strcmp(impl->lastDirty.c_str(), table) == 0) return;
    impl->lastDirty = table;
    impl->pending.insert(table);
  }
  static int onCommit(void* self) {
    auto* impl = static_cast<Impl*>(self);
    impl->settle();
    impl->committing.swap(impl->pending);
    impl->pending.clear();
    impl->lastDirty.clear();
    return 0;  // let it commit
  }
  static void onRollback(void* self) {
    auto* impl = static_cast<Impl*>(self);
    impl->pending.clear();
    impl->committing.clear();
    impl->lastDirty.clear();
  }
  // Outside a transaction, a COMMIT that began has succeeded.
  void settle() {
    if (committing.empty() || !sqlite3_get_autocommit(db)) return;
    dirty.insert(committing.begin(), committing.end());
    committing.clear();
  }

  void refreshContents() {
    if (!db) return;  // PostgreSQL keeps no GeoPackage catalogue
    settle();
    if (dirty.empty()) return;
    std::set<std::string> tables;
    {
      Stmt st(db, "SELECT table_name FROM gpkg_contents");
      while (st.step("reading gpkg_contents")) tables.insert(columnText(st, 0));
    }
    const std::string now = [] {
      const std::time_t t = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&t, &tm);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
      return std::string(buf);
    }();
    detail::SqlTransaction tx(db);
    std::set<std::string> changed;
    for (const auto& t : dirty) {
      // A day-row table changes its long view, which is the registered table.
      const auto kind = std::find_if(std::begin(kSeriesKinds), std::end(kSeriesKinds),
                                     [&](SeriesKind k) { return t == seriesLayout(k).table; });
      changed.insert(kind != std::end(kSeriesKinds) ? seriesLayout(*kind).view : t);
    }
    for (const auto& t : changed) {
      if (!tables.count(t)) continue;
      const bool feature = std::any_of(std::begin(kFeatureTables), std::end(kFeatureTables),
                                       [&](const char* f) { return t == f; });
      if (feature) {
        // Exact extent from the geometry headers (the R-tree stores 32-bit floats).
        Stmt st(db, "UPDATE gpkg_contents SET last_change = ?1, (min_x, max_x, min_y, max_y) = "
                    "(SELECT min(ST_MinX(geom)), max(ST_MaxX(geom)), min(ST_MinY(geom)), max(ST_MaxY(geom)) FROM \"" +
                        t + "\") WHERE table_name = ?2");
        sqlite3_bind_text(st, 1, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, t.c_str(), -1, SQLITE_TRANSIENT);
        st.step("updating gpkg_contents");
      } else {
        Stmt st(db, "UPDATE gpkg_contents SET last_change = ?1 WHERE table_name = ?2");
        sqlite3_bind_text(st, 1, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, t.c_str(), -1, SQLITE_TRANSIENT);
        st.step("updating gpkg_contents");
      }
    }
    tx.commit();
    dirty.clear();
    committing.clear();
    lastDirty.clear();
  }
};

Project::Project(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

const std::string& Project::path() const { return m_impl->path; }
sqlite3* detail::ProjectAccess::connection(const Project& project) {
  if (!project.m_impl->db)
    throw StoreError("not available on a PostgreSQL project yet (copy it to a GeoPackage: project copy)",
                     fileCtx(project.m_impl->path, "project", "a GeoPackage project", "a PostgreSQL location"));
  return project.m_impl->db;
}
PgProject* detail::ProjectAccess::pg(const Project& project) { return project.m_impl->pg.get(); }

std::unique_ptr<SeriesRows> seriesRows(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgSeriesRows(*pg);
  return sqliteSeriesRows(detail::connection(project));
}

std::unique_ptr<RecordSql> recordSql(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgRecordSql(*pg);
  return sqliteRecordSql(detail::connection(project));
}

std::int64_t storedBytes(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::storedBytes(*pg);
  std::error_code ec;
  std::int64_t size = 0;
  for (const char* suffix : {"", "-wal"}) {
    const auto n = fs::file_size(project.path() + suffix, ec);
    if (!ec) size += static_cast<std::int64_t>(n);
  }
  return size;
}

int Project::schemaVersion() const { return m_impl->pg ? pgstore::schemaVersion(*m_impl->pg) : m_impl->schemaVersion; }

void Project::refreshContents() { m_impl->refreshContents(); }

Project Project::create(const std::string& path) {
  if (isPostgresLocation(path)) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->pg = pgstore::create(path);
    return Project(std::move(impl));
  }
  std::error_code ec;
  if (fs::exists(path, ec))
    throw StoreError("cannot create the project: the file already exists", fileCtx(path));
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->mode = OpenMode::ReadWrite;
  const int rc = sqlite3_open_v2(path.c_str(), &impl->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
    throw StoreError("cannot create the project: " + msg, fileCtx(path));
  }
  configure(impl->db);
  try {
    exec(impl->db, "PRAGMA application_id = " + std::to_string(kGpkgApplicationId) +
                       "; PRAGMA user_version = " + std::to_string(kGpkgUserVersion) +
                       "; PRAGMA journal_mode = WAL");
    detail::SqlTransaction tx(impl->db);
    exec(impl->db, createSchemaSql());
    Stmt st(impl->db, "INSERT INTO ekm_meta (key, value) VALUES (?, ?)");
    const std::pair<std::string, std::string> rows[] = {
        {"schema_version", std::to_string(kProjectSchemaVersion)},
        {"created_at", nowIso()},
        {"application", "Ekimachi"},
        {"project_id", newProjectId()},
    };
    for (const auto& [k, v] : rows) {
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, k.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, v.c_str(), -1, SQLITE_TRANSIENT);
      st.step("writing ekm_meta");
    }
    tx.commit();
  } catch (...) {
    impl.reset();
    fs::remove(path, ec);
    fs::remove(path + "-wal", ec);
    fs::remove(path + "-shm", ec);
    throw;
  }
  impl->schemaVersion = kProjectSchemaVersion;
  impl->watchChanges();
  return Project(std::move(impl));
}

Project Project::open(const std::string& path, OpenMode mode) {
  if (isPostgresLocation(path)) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->mode = mode;
    impl->pg = pgstore::open(path, mode);
    return Project(std::move(impl));
  }
  precheckFile(path);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->mode = mode;
  // A -wal beside the project is replayed by SQLite on the first read and copied into the
  // main file at the next checkpoint (on close): first see what the main file alone holds.
  const bool walPresent = guard::hasWalContent(path);
  const auto mainFile = walPresent ? guard::mainFileIdentity(path) : std::nullopt;
  // One connection per thread (see project.h): no per-call mutexes.
  auto connect = [&](const std::string& query) {
    if (impl->db) sqlite3_close_v2(impl->db);
    impl->db = nullptr;
    const int flags = (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    const int rc = sqlite3_open_v2(guard::sqliteUri(path, query).c_str(), &impl->db, flags, nullptr);
    if (rc != SQLITE_OK)
      throw StoreError("cannot open the project: " + guard::describeFailure(impl->db, rc), fileCtx(path));
    // No checkpoint on close until the checks below have passed: a refused open never
    // writes the main file.
    sqlite3_db_config(impl->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    configure(impl->db);
    return sqlite3_exec(impl->db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  };
  int rc = connect({});
  // Read-only folder, file or disk, or a full disk: the -shm cannot be made. Without a
  // -wal to replay, the main file alone is the whole project: read it lock-free.
  if (rc != SQLITE_OK && mode == OpenMode::ReadOnly && !walPresent && guard::isAccessFailure(rc))
    rc = connect("immutable=1");
  if (mode == OpenMode::ReadWrite && sqlite3_db_readonly(impl->db, "main") == 1)
    throw StoreError("read-only: the project file, its folder or its disk cannot be written; open it read-only",
                     fileCtx(path, {}, "a writable project file", "a read-only file"));
  sqlite3* db = impl->db;
  if (walPresent) guard::checkWalBelongs(path, db, mainFile);
  auto pragmaInt = [&](const char* pragma) {
    Stmt st(db, std::string("PRAGMA ") + pragma);
    if (!st.step(pragma)) return std::int64_t{0};
    return static_cast<std::int64_t>(sqlite3_column_int64(st, 0));
  };
  {
    // Reading the schema makes SQLite validate the header and the schema pages.
    pragmaInt("schema_version");
    const auto appId = pragmaInt("application_id");
    if (appId != kGpkgApplicationId)
      throw StoreError("not a project: an SQLite database but not a GeoPackage",
                       fileCtx(path, "application_id", "0x47504B47 ('GPKG')",
                                          std::to_string(appId)));
    bool hasMeta = false;
    {
      Stmt st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ekm_meta'");
      hasMeta = st.step("reading the schema");
    }
    if (!hasMeta)
      throw StoreError("not an Ekimachi project: a GeoPackage without the ekm_meta table",
                       fileCtx(path, {}, "an Ekimachi project", "another GeoPackage"));
    std::string versionText;
    {
      Stmt st(db, "SELECT value FROM ekm_meta WHERE key = 'schema_version'");
      if (st.step("reading ekm_meta")) versionText = columnText(st, 0);
    }
    int version = -1;
    try {
      std::size_t used = 0;
      version = std::stoi(versionText, &used);
      if (used != versionText.size()) version = -1;
    } catch (...) {
      version = -1;
    }
    if (version < 0)
      throw StoreError("not an Ekimachi project: missing or invalid schema_version",
                       fileCtx(path, "schema_version", "an integer", versionText));
    if (version > kProjectSchemaVersion)
      throw StoreError("the project was written by a newer Ekimachi (schema version " + std::to_string(version) +
                           "); this version supports up to " + std::to_string(kProjectSchemaVersion),
                       fileCtx(path, "schema_version", "<= " + std::to_string(kProjectSchemaVersion),
                                          std::to_string(version)));
    if (version < kProjectSchemaVersion) {
      if (mode == OpenMode::ReadOnly)
        throw StoreError("the project has an older schema (version " + std::to_string(version) +
                             ") and must be upgraded: open it read-write once",
                         fileCtx(path, "schema_version", std::to_string(kProjectSchemaVersion),
                                            std::to_string(version)));
      migrate(db, version, path);
      version = kProjectSchemaVersion;
    }
    impl->schemaVersion = version;
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
  if (mode == OpenMode::ReadWrite) impl->watchChanges();
  return Project(std::move(impl));
}

// --- Metadata ------------------------------------------------------------------------------

std::optional<std::string> Project::meta(const std::string& key) const {
  if (m_impl->pg) return pgstore::meta(*m_impl->pg, key);
  sqlite3_stmt* st = m_impl->stmt("SELECT value FROM ekm_meta WHERE key = ?");
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    auto v = columnText(st, 0);
    sqlite3_reset(st);
    return v;
  }
  checkSqlite(m_impl->db, rc, "reading ekm_meta");
  sqlite3_reset(st);
  return std::nullopt;
}

void Project::setMeta(const std::string& key, const std::string& value) {
  if (m_impl->pg) return pgstore::setMeta(*m_impl->pg, key, value);
  sqlite3_stmt* st = m_impl->stmt(
      "INSERT INTO ekm_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, value.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  checkSqlite(m_impl->db, rc, "writing ekm_meta key " + key);
}

// --- Features ------------------------------------------------------------------------------

std::vector<MeshCellRecord> Project::meshCells() const {
  if (m_impl->pg) return pgstore::meshCells(*m_impl->pg);
  std::vector<MeshCellRecord> out;
  Stmt st(m_impl->db, "SELECT fid, mesh_code, level, geom FROM mesh_cells ORDER BY fid");
  while (st.step("reading mesh_cells")) {
    MeshCellRecord r;
    r.fid = sqlite3_column_int64(st, 0);
    r.meshCode = columnText(st, 1);
    r.level = columnText(st, 2);
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, 3));
    Envelope env;
    if (blob && gpkgBlobEnvelope(blob, static_cast<std::size_t>(sqlite3_column_bytes(st, 3)), env) && !env.empty) {
      r.west = env.minX;
      r.east = env.maxX;
      r.south = env.minY;
      r.north = env.maxY;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<SegmentRecord> Project::segments() const {
  if (m_impl->pg) return pgstore::segments(*m_impl->pg);
  std::vector<SegmentRecord> out;
  Stmt st(m_impl->db, "SELECT fid, segment_id, name, road_class, oneway, length_m, geom FROM road_segments ORDER BY fid");
  while (st.step("reading road_segments")) {
    SegmentRecord r;
    r.fid = sqlite3_column_int64(st, 0);
    r.segmentId = columnText(st, 1);
    r.name = columnText(st, 2);
    r.roadClass = columnText(st, 3);
    r.oneway = sqlite3_column_int(st, 4);
    r.lengthM = columnOrNaN(st, 5);
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, 6));
    if (blob) r.points = pointsFromGpkgBlob(blob, static_cast<std::size_t>(sqlite3_column_bytes(st, 6)));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<StationRecord> Project::stations() const {
  if (m_impl->pg) return pgstore::stations(*m_impl->pg);
  std::vector<StationRecord> out;
  Stmt st(m_impl->db, "SELECT fid, station_id, name_ja, name_en, operator, lines, geom FROM stations ORDER BY fid");
  while (st.step("reading stations")) {
    StationRecord r;
    r.fid = sqlite3_column_int64(st, 0);
    r.stationId = columnText(st, 1);
    r.nameJa = columnText(st, 2);
    r.nameEn = columnText(st, 3);
    r.operatorName = columnText(st, 4);
    r.lines = columnText(st, 5);
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, 6));
    if (blob) {
      const auto pts = pointsFromGpkgBlob(blob, static_cast<std::size_t>(sqlite3_column_bytes(st, 6)));
      if (!pts.empty()) r.position = pts.front();
      else r.position = LonLat{kNaN, kNaN};
    } else {
      r.position = LonLat{kNaN, kNaN};
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool isBasemapKind(const std::string& kind) {
  return std::any_of(std::begin(kBasemapKinds), std::end(kBasemapKinds), [&](const char* k) { return kind == k; });
}

std::vector<BasemapFeature> Project::basemapFeatures() const {
  std::vector<BasemapFeature> out;
  const auto sql = recordSql(*this);
  sql->run("SELECT fid, kind, name, height_m, " + sql->geometryColumn("geom") + " FROM basemap_features ORDER BY fid", {},
           [&](const SqlRow& r) {
             BasemapFeature f;
             f.fid = r.integer(0);
             f.kind = r.text(1);
             f.name = r.text(2);
             f.heightM = r.isNull(3) ? kNaN : r.real(3);
             if (const auto blob = r.geometry(4); !blob.empty()) {
               try {
                 f.parts = partsFromGpkgBlob(blob.data(), blob.size(), f.polygon);
               } catch (const StoreError& e) {
                 throw StoreError(std::string(e.what()) + " (basemap_features fid " + std::to_string(f.fid) + ")",
                                  fileCtx(path(), "geom", "a LineString or Polygon geometry", "malformed blob"));
               }
             }
             out.push_back(std::move(f));
           });
  return out;
}

namespace {

std::int64_t insertBasemapRow(const Project& project, const std::string& kind, const std::string& name, double heightM,
                              std::vector<unsigned char> blob) {
  return recordSql(project)->insert("basemap_features", {"geom", "kind", "name", "height_m"},
                                    {SqlGeometry{std::move(blob)}, kind, name.empty() ? SqlValue{nullptr} : SqlValue{name},
                                     std::isnan(heightM) ? SqlValue{nullptr} : SqlValue{heightM}});
}

void checkBasemapKind(const std::string& path, const std::string& kind) {
  if (!isBasemapKind(kind))
    throw StoreError("unknown basemap kind '" + kind + "'",
                     fileCtx(path, "kind", "rail, water, building, park or street", kind));
}

}  // namespace

std::int64_t Project::addBasemapFeature(const BasemapFeature& f) {
  checkBasemapKind(path(), f.kind);
  if (f.parts.empty())
    throw StoreError("basemap feature without geometry", fileCtx(path(), "geom", "at least one part", "none"));
  for (std::size_t i = 0; i < f.parts.size(); ++i) {
    const auto& part = f.parts[i];
    const std::size_t minPoints = f.polygon ? 4 : 2;
    if (part.size() < minPoints)
      throw StoreError("degenerate basemap geometry (part " + std::to_string(i) + ")",
                       fileCtx(path(), "geom", ">= " + std::to_string(minPoints) + " points",
                               std::to_string(part.size()) + " points"));
    for (const auto& p : part)
      if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180 || std::abs(p.lat) > 90)
        throw StoreError("basemap coordinate out of range (part " + std::to_string(i) + ")",
                         fileCtx(path(), "geom", "lon/lat in degrees (EPSG:4326)",
                                 std::to_string(p.lon) + ", " + std::to_string(p.lat)));
    if (f.polygon && (part.front().lon != part.back().lon || part.front().lat != part.back().lat))
      throw StoreError("polygon ring is not closed (part " + std::to_string(i) + ")",
                       fileCtx(path(), "geom", "first point == last point", "an open ring"));
  }
  return insertBasemapRow(*this, f.kind, f.name, f.heightM, gpkgPartsBlob(f.parts, f.polygon));
}

namespace {

// Refuses a WKB that is no LineString, MultiLineString, Polygon or MultiPolygon.
void checkBasemapWkb(const std::string& path, const unsigned char* wkb, std::size_t size) {
  if (!wkb || size < 5) throw StoreError("basemap feature without geometry", fileCtx(path, "geom"));
  const bool le = wkb[0] == 1;
  std::uint32_t type = 0;
  for (int i = 0; i < 4; ++i) {
    const std::uint32_t b = wkb[1 + i];
    type |= le ? (b << (8 * i)) : (b << (8 * (3 - i)));
  }
  const std::uint32_t base = (type & 0x0FFFFFFFu) % 1000;
  if (base != 2 && base != 3 && base != 5 && base != 6)
    throw StoreError("unsupported basemap geometry type (WKB type " + std::to_string(type) + ")",
                     fileCtx(path, "geom", "LineString, MultiLineString, Polygon or MultiPolygon",
                             "WKB type " + std::to_string(type)));
}

}  // namespace

std::int64_t Project::addBasemapFeatureWkb(const std::string& kind, const std::string& name, double heightM,
                                           const unsigned char* wkb, std::size_t size) {
  checkBasemapKind(path(), kind);
  checkBasemapWkb(path(), wkb, size);
  return insertBasemapRow(*this, kind, name, heightM, gpkgBlobFromWkb(wkb, size));
}

std::int64_t appendBasemapFeatures(Project& project, const std::function<bool(BasemapWkbFeature&)>& next) {
  BasemapWkbFeature f;
  const std::string& path = project.path();
  return recordSql(project)->append("basemap_features", {"geom", "kind", "name", "height_m"}, [&](std::vector<SqlValue>& row) {
    f = BasemapWkbFeature{};
    if (!next(f)) return false;
    checkBasemapKind(path, f.kind);
    checkBasemapWkb(path, f.wkb.data(), f.wkb.size());
    row[0].emplace<SqlGeometry>().gpkg = gpkgBlobFromWkb(f.wkb.data(), f.wkb.size());
    row[1] = f.kind;
    row[2] = f.name.empty() ? SqlValue{nullptr} : SqlValue{f.name};
    row[3] = std::isnan(f.heightM) ? SqlValue{nullptr} : SqlValue{f.heightM};
    return true;
  });
}

std::int64_t Project::rowCount(const std::string& table) const {
  if (seriesLayoutByName(table)) return timeRange(table).value_or(TimeRange{}).rows;
  if (!isKnownTable(table))
    throw StoreError("unknown table: " + table, fileCtx(path(), "table", "a project table", table));
  if (m_impl->pg) return pgstore::rowCount(*m_impl->pg, table);
  Stmt st(m_impl->db, "SELECT count(*) FROM \"" + table + "\"");
  st.step("counting rows");
  return sqlite3_column_int64(st, 0);
}

std::vector<ImportLogEntry> Project::importLog() const {
  if (m_impl->pg) return pgstore::importLog(*m_impl->pg);
  std::vector<ImportLogEntry> out;
  Stmt st(m_impl->db, "SELECT fid, source_path, source_sha256, kind, rows, imported_at FROM ekm_import_log ORDER BY fid");
  while (st.step("reading ekm_import_log")) {
    ImportLogEntry e;
    e.fid = sqlite3_column_int64(st, 0);
    e.sourcePath = columnText(st, 1);
    e.sourceSha256 = columnText(st, 2);
    e.kind = columnText(st, 3);
    e.rows = sqlite3_column_int64(st, 4);
    e.importedAt = columnText(st, 5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ekm::store
