#pragma once
// Store-internal access to a Project's SQLite connection, and the SQL helpers of the store's
// own code (analysis/src/store). Nothing outside the store includes this (tests may: they
// read and write tables with SQL to check the store, see tests/support/project_sql.h).
#include <sqlite3.h>

#include <string>

#include "ekm/store/project.h"

namespace ekm::store {

// Throws StoreError with SQLite's message if rc is not SQLITE_OK/ROW/DONE.
void checkSqlite(sqlite3* db, int rc, const std::string& what);
// Executes one or more statements without results.
void exec(sqlite3* db, const std::string& sql);

namespace detail {

struct ProjectAccess {
  static sqlite3* connection(const Project& project);
};

// The project's connection (this thread's: a Project is one connection).
inline sqlite3* connection(const Project& project) { return ProjectAccess::connection(project); }

// RAII transaction on a raw connection (BEGIN IMMEDIATE ... COMMIT); rolls back unless committed.
class SqlTransaction {
 public:
  explicit SqlTransaction(sqlite3* db);
  ~SqlTransaction();
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;
  void commit();

 private:
  sqlite3* m_db;
  bool m_done = false;
};

}  // namespace detail
}  // namespace ekm::store
