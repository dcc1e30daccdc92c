// od_matrices (see ekm/store/od_store.h; DDL in schema.cpp), on either backend (record_sql.h).
#include "ekm/store/od_store.h"

#include "store/record_sql.h"

namespace ekm::store {

void saveOdRows(Project& project, const std::string& period, const std::vector<OdRow>& rows) {
  Transaction tx(project);
  const auto sql = recordSql(project);
  sql->run("DELETE FROM od_matrices WHERE period = ?1", {period});
  std::size_t i = 0;
  sql->append("od_matrices", {"period", "origin", "destination", "trips"}, [&](std::vector<SqlValue>& v) {
    if (i == rows.size()) return false;
    const OdRow& r = rows[i++];
    v = {period, r.origin, r.destination, r.trips};
    return true;
  });
  tx.commit();
}

std::vector<OdRow> odRows(const Project& project, const std::string& period) {
  std::vector<OdRow> out;
  recordSql(project)->run("SELECT origin, destination, trips FROM od_matrices WHERE period = ?1 ORDER BY fid", {period},
                          [&](const SqlRow& r) { out.push_back(OdRow{r.text(0), r.text(1), r.real(2)}); });
  return out;
}

std::vector<std::string> odPeriods(const Project& project) {
  std::vector<std::string> out;
  recordSql(project)->run("SELECT DISTINCT period FROM od_matrices ORDER BY period", {},
                          [&](const SqlRow& r) { out.push_back(r.text(0)); });
  return out;
}

void deleteOdPeriod(Project& project, const std::string& period) {
  Transaction tx(project);
  recordSql(project)->run("DELETE FROM od_matrices WHERE period = ?1", {period});
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
