#pragma once
// The store's one prepared-statement wrapper (internal to store/).
#include <sqlite3.h>

#include <string>

#include "ekm/store/project.h"

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

inline std::string columnString(sqlite3_stmt* st, int col) {
  const auto* t = sqlite3_column_text(st, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, col)))
           : std::string();
}

}  // namespace ekm::store
