#pragma once
// The store's one prepared-statement wrapper (internal to store/).
#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "store/project_internal.h"

namespace ekm::store {

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql, bool persistent = false) : m_db(db) {
    checkSqlite(db,
                sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                                   persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, nullptr),
                "preparing: " + sql);
  }
  ~Stmt() { sqlite3_finalize(m_stmt); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  operator sqlite3_stmt*() const { return m_stmt; }
  // Steps; returns true on a row, false when done; throws on errors.
  bool step(const char* what) {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    checkSqlite(m_db, rc, what);
    return false;
  }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

inline void bindText(sqlite3_stmt* st, int i, const std::string& s) {
  sqlite3_bind_text(st, i, s.c_str(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// One row of ekm_import_log, written inside the caller's transaction.
inline void writeImportLogRow(sqlite3* db, const std::string& sourcePath, const std::string& sourceSha256,
                              const std::string& kind, std::int64_t rows, const std::string& optionsJson) {
  Stmt st(db,
          "INSERT INTO ekm_import_log (source_path, source_sha256, kind, rows, imported_at, options) "
          "VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?5)");
  bindText(st, 1, sourcePath);
  bindText(st, 2, sourceSha256);
  bindText(st, 3, kind);
  sqlite3_bind_int64(st, 4, rows);
  bindText(st, 5, optionsJson);
  st.step("writing ekm_import_log");
}

inline std::string columnString(sqlite3_stmt* st, int col) {
  const auto* t = sqlite3_column_text(st, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, col)))
           : std::string();
}

}  // namespace ekm::store
