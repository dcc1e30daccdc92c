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

}  // namespace ekm::store
