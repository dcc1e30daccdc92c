// gpkg_contents, table lookup and file snapshots (see ekm/store/catalog.h).
#include "ekm/store/catalog.h"

#include "ekm/core/error.h"

#include <tuple>
#include "store/pg_backend.h"
#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {

namespace {

std::vector<ContentsEntry> sqliteContents(sqlite3* db) {
  std::vector<ContentsEntry> out;
  Stmt st(db,
          "SELECT c.table_name, c.data_type, g.geometry_type_name, c.min_x, c.min_y, c.max_x, c.max_y "
          "FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
          "ORDER BY c.data_type DESC, c.rowid");
  while (st.step("reading gpkg_contents")) {
    ContentsEntry e;
    e.name = columnString(st, 0);
    e.dataType = columnString(st, 1);
    e.geometry = columnString(st, 2);
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
      e.hasExtent = true;
      e.minX = sqlite3_column_double(st, 3);
      e.minY = sqlite3_column_double(st, 4);
      e.maxX = sqlite3_column_double(st, 5);
      e.maxY = sqlite3_column_double(st, 6);
    }
    out.push_back(std::move(e));
  }
  return out;
}

// A PostgreSQL schema has no gpkg_contents: the tables and views a new GeoPackage project
// registers (read once from a scratch one, so both backends list the same names in the same
// order), those the schema holds, with each feature table's extent from PostGIS.
std::vector<ContentsEntry> pgContents(PgProject& pg) {
  static const std::vector<ContentsEntry> registered = [] {
    const pgstore::ScratchGeoPackage scratch;
    const Project p = Project::open(scratch.path(), OpenMode::ReadOnly);
    return sqliteContents(detail::connection(p));
  }();
  std::vector<ContentsEntry> out;
  for (ContentsEntry e : registered) {
    if (!pgstore::hasTable(pg, e.name)) continue;
    e.hasExtent = false;
    if (e.dataType == "features") {
      if (const auto box = pgstore::extent(pg, e.name)) {
        e.hasExtent = true;
        std::tie(e.minX, e.minY, e.maxX, e.maxY) = *box;
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<ContentsEntry> contents(const Project& project) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgContents(*pg);
  return sqliteContents(detail::connection(project));
}

bool hasTable(const Project& project, const std::string& name) {
  if (PgProject* pg = detail::ProjectAccess::pg(project)) return pgstore::hasTable(*pg, name);
  Stmt st(detail::connection(project),
          "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1");
  bindText(st, 1, name);
  return st.step("looking for a table");
}

namespace {

core::ErrorContext fileContext(const std::string& path) {
  core::ErrorContext c;
  c.file = path;
  return c;
}

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
};

}  // namespace

void snapshotProject(const std::string& projectPath, const std::string& target, core::Feedback& feedback) {
  Connection source, copy;
  if (sqlite3_open_v2(projectPath.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw core::StoreError(std::string("cannot open the project: ") + sqlite3_errmsg(source.db),
                           fileContext(projectPath));
  if (sqlite3_open_v2(target.c_str(), &copy.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    throw core::StoreError(std::string("cannot create a snapshot: ") + sqlite3_errmsg(copy.db), fileContext(target));
  sqlite3_backup* backup = sqlite3_backup_init(copy.db, "main", source.db, "main");
  if (!backup)
    throw core::StoreError(std::string("cannot snapshot the project: ") + sqlite3_errmsg(copy.db),
                           fileContext(projectPath));
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (feedback.isCancelled()) {
      sqlite3_backup_finish(backup);
      throw core::CancelledError();
    }
    rc = sqlite3_backup_step(backup, 1024);  // pages of 4 KiB: ~4 MiB per step
    const int total = sqlite3_backup_pagecount(backup);
    if (total > 0) feedback.setProgress(100.0 * (total - sqlite3_backup_remaining(backup)) / total);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    throw core::StoreError(std::string("cannot snapshot the project: ") + sqlite3_errstr(rc), fileContext(projectPath));
}

}  // namespace ekm::store
