// The record tables on SQLite (see record_sql.h): prepared statements on the project's
// connection.
#include <cmath>
#include <string>

#include "store/project_internal.h"
#include "store/record_sql.h"
#include "store/statement.h"

namespace ekm::store {

namespace {

class SqliteRow final : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* st) : m_st(st) {}
  bool isNull(int col) const override { return sqlite3_column_type(m_st, col) == SQLITE_NULL; }
  std::int64_t integer(int col) const override { return sqlite3_column_int64(m_st, col); }
  double real(int col) const override { return sqlite3_column_double(m_st, col); }
  std::string text(int col) const override { return columnString(m_st, col); }
  std::vector<unsigned char> geometry(int col) const override {
    const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(m_st, col));
    return blob ? std::vector<unsigned char>(blob, blob + sqlite3_column_bytes(m_st, col)) : std::vector<unsigned char>();
  }

 private:
  sqlite3_stmt* m_st;
};

void bindValue(sqlite3_stmt* st, int i, const SqlValue& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(st, i, *n);
  else if (const auto* d = std::get_if<double>(&v)) sqlite3_bind_double(st, i, *d);
  else if (const auto* s = std::get_if<std::string>(&v)) bindText(st, i, *s);
  else if (const auto* g = std::get_if<SqlGeometry>(&v); g && !g->gpkg.empty())
    sqlite3_bind_blob(st, i, g->gpkg.data(), static_cast<int>(g->gpkg.size()), SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

std::string insertSql(const std::string& table, const std::vector<std::string>& columns) {
  std::string names, marks;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + columns[i];
    marks += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
}

class SqliteRecordSql final : public RecordSql {
 public:
  explicit SqliteRecordSql(sqlite3* db) : m_db(db) {}

  void run(const std::string& sql, const std::vector<SqlValue>& params, const SqlRowFn& row = {}) override {
    Stmt st(m_db, sql);
    for (std::size_t i = 0; i < params.size(); ++i) bindValue(st, static_cast<int>(i + 1), params[i]);
    const SqliteRow r(st);
    while (st.step(sql.c_str()))
      if (row) row(r);
  }

  std::int64_t insert(const std::string& table, const std::vector<std::string>& columns,
                      const std::vector<SqlValue>& values) override {
    run(insertSql(table, columns), values);
    return sqlite3_last_insert_rowid(m_db);
  }

  std::int64_t append(const std::string& table, const std::vector<std::string>& columns,
                      const std::function<bool(std::vector<SqlValue>&)>& next) override {
    return appendKeyed(table, columns, next);  // the table's own new fids
  }

  std::int64_t appendKeyed(const std::string& table, const std::vector<std::string>& columns,
                           const std::function<bool(std::vector<SqlValue>&)>& next) override {
    const std::string sql = insertSql(table, columns);
    Stmt st(m_db, sql);
    std::vector<SqlValue> values(columns.size());
    std::int64_t rows = 0;
    while (next(values)) {
      sqlite3_reset(st);
      for (std::size_t i = 0; i < values.size(); ++i) bindValue(st, static_cast<int>(i + 1), values[i]);
      st.step(sql.c_str());
      ++rows;
    }
    return rows;
  }

  std::string geometryColumn(const std::string& column) const override { return column; }

  void touch(const std::vector<std::string>& tables) override {
    for (const auto& t : tables) {
      std::string geom;
      run("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?1", {t},
          [&](const SqlRow& r) { geom = r.text(0); });
      const std::string now = "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')";
      if (geom.empty()) {
        run("UPDATE gpkg_contents SET " + now + " WHERE table_name = ?1", {t});
        continue;
      }
      // Exact extent from the geometry headers (the R-tree stores 32-bit floats).
      const std::string g = "\"" + geom + "\"";
      run("UPDATE gpkg_contents SET " + now + ", (min_x, max_x, min_y, max_y) = (SELECT min(ST_MinX(" + g +
              ")), max(ST_MaxX(" + g + ")), min(ST_MinY(" + g + ")), max(ST_MaxY(" + g + ")) FROM \"" + t +
              "\") WHERE table_name = ?1",
          {t});
    }
  }

 private:
  sqlite3* m_db;
};

}  // namespace

std::unique_ptr<RecordSql> sqliteRecordSql(sqlite3* db) { return std::make_unique<SqliteRecordSql>(db); }

}  // namespace ekm::store
