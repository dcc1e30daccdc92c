#pragma once
// The store's small record tables (od_matrices, ekm_runs, ekm_run_steps, layout templates,
// the energy tables, basemap_features) behind one small interface, so that their stores
// (od_store.cpp, run_store.cpp, energy_store.cpp, basemap_store.cpp) are the same code on SQLite
// (sqlite_record_sql.cpp) and on PostgreSQL (pg_record_sql.cpp), as series_rows.h does for
// the series. A statement is one SQL text both backends read: bare table names (a PostgreSQL
// project's schema is first on its connection's search_path), ?1..?N parameters.
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

// A geometry parameter or value to append: a GeoPackage blob (EPSG:4326); empty = NULL.
struct SqlGeometry {
  std::vector<unsigned char> gpkg;
};

// A parameter or a value to append: NULL, an integer, a double, text or a geometry.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string, SqlGeometry>;

// One result row; columns by position.
class SqlRow {
 public:
  virtual bool isNull(int col) const = 0;
  virtual std::int64_t integer(int col) const = 0;
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;  // "" for NULL
  // A column selected by RecordSql::geometryColumn as a GeoPackage blob; empty for NULL.
  virtual std::vector<unsigned char> geometry(int col) const = 0;

 protected:
  ~SqlRow() = default;
};
using SqlRowFn = std::function<void(const SqlRow&)>;

class RecordSql {
 public:
  virtual ~RecordSql() = default;
  // Runs one statement; `row` (if any) gets each result row.
  virtual void run(const std::string& sql, const std::vector<SqlValue>& params, const SqlRowFn& row = {}) = 0;
  // Inserts one row with a new fid and returns it: the table's own on SQLite (AUTOINCREMENT
  // never reuses one), max(fid) + 1 on PostgreSQL (writers hold the schema's lock).
  virtual std::int64_t insert(const std::string& table, const std::vector<std::string>& columns,
                              const std::vector<SqlValue>& values) = 0;
  // Appends rows with new ascending fids in the order given (a prepared INSERT on SQLite,
  // COPY on PostgreSQL); `next` fills the next row's values and returns false after the last.
  // Returns the number of rows.
  virtual std::int64_t append(const std::string& table, const std::vector<std::string>& columns,
                              const std::function<bool(std::vector<SqlValue>&)>& next) = 0;
  // Appends rows as given, their keys among `columns` (a prepared INSERT on SQLite, COPY on
  // PostgreSQL); `next` as for append. Returns the number of rows.
  virtual std::int64_t appendKeyed(const std::string& table, const std::vector<std::string>& columns,
                                   const std::function<bool(std::vector<SqlValue>&)>& next) = 0;
  // The SELECT expression of geometry column `column` that SqlRow::geometry reads.
  virtual std::string geometryColumn(const std::string& column) const = 0;
  // Marks tables changed now in the GeoPackage catalogue (gpkg_contents), a feature table's
  // extent recomputed; nothing on PostgreSQL.
  virtual void touch(const std::vector<std::string>& tables) = 0;
};

struct PgProject;
std::unique_ptr<RecordSql> sqliteRecordSql(sqlite3* db);
std::unique_ptr<RecordSql> pgRecordSql(PgProject& project);
// The project's backend.
std::unique_ptr<RecordSql> recordSql(const Project& project);

}  // namespace ekm::store
