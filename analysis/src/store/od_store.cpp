// od_matrices (see ekm/store/od_store.h; DDL in schema.cpp).
#include "ekm/store/od_store.h"

#include "store/project_internal.h"
#include "store/statement.h"

namespace ekm::store {

void saveOdRows(Project& project, const std::string& period, const std::vector<OdRow>& rows) {
  sqlite3* db = detail::connection(project);
  detail::SqlTransaction tx(db);
  {
    Stmt del(db, "DELETE FROM od_matrices WHERE period = ?");
    bindText(del, 1, period);
    del.step("deleting od_matrices");
  }
  Stmt ins(db, "INSERT INTO od_matrices (period, origin, destination, trips) VALUES (?, ?, ?, ?)");
  for (const auto& r : rows) {
    sqlite3_reset(ins);
    bindText(ins, 1, period);
    bindText(ins, 2, r.origin);
    bindText(ins, 3, r.destination);
    sqlite3_bind_double(ins, 4, r.trips);
    ins.step("writing od_matrices");
  }
  tx.commit();
}

std::vector<OdRow> odRows(const Project& project, const std::string& period) {
  std::vector<OdRow> out;
  Stmt st(detail::connection(project),
          "SELECT origin, destination, trips FROM od_matrices WHERE period = ? ORDER BY fid");
  bindText(st, 1, period);
  while (st.step("reading od_matrices")) out.push_back(OdRow{columnString(st, 0), columnString(st, 1), sqlite3_column_double(st, 2)});
  return out;
}

std::vector<std::string> odPeriods(const Project& project) {
  std::vector<std::string> out;
  Stmt st(detail::connection(project), "SELECT DISTINCT period FROM od_matrices ORDER BY period");
  while (st.step("reading od_matrices")) out.push_back(columnString(st, 0));
  return out;
}

void deleteOdPeriod(Project& project, const std::string& period) {
  sqlite3* db = detail::connection(project);
  detail::SqlTransaction tx(db);
  Stmt del(db, "DELETE FROM od_matrices WHERE period = ?");
  bindText(del, 1, period);
  del.step("deleting od_matrices");
  tx.commit();
}

// The table, registered as an attribute table (idempotent: new projects and 6 -> 7; the same DDL as the
// table `ekimachi od` created on the fly in version 6).
std::string odTablesSql() {
  return R"SQL(
CREATE TABLE IF NOT EXISTS od_matrices (
  fid INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  trips REAL NOT NULL,
  UNIQUE (period, origin, destination)
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('od_matrices', 'attributes', 'od_matrices', 'origin-destination trip matrices by period (ekimachi od)');
)SQL";
}

}  // namespace ekm::store
