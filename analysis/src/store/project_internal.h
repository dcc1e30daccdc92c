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

// Now in UTC, ISO 8601 to the second ("2026-12-06T19:45:47Z").
std::string nowIso();

struct PgProject;  // pg_project.h

namespace detail {

struct ProjectAccess {
  // Throws StoreError on a PostgreSQL project (the code asking has no PostgreSQL side yet).
  static sqlite3* connection(const Project& project);
  // The PostgreSQL project, nullptr for a GeoPackage (see pg_backend.h).
  static PgProject* pg(const Project& project);
};

// The project's connection (this thread's: a Project is one connection).
inline sqlite3* connection(const Project& project) { return ProjectAccess::connection(project); }

// RAII transaction on a raw connection (BEGIN IMMEDIATE ... COMMIT) or on a PostgreSQL project
// (BEGIN + the schema's advisory lock); rolls back unless committed.
class SqlTransaction {
 public:
  explicit SqlTransaction(sqlite3* db);
  explicit SqlTransaction(PgProject& pg);
  ~SqlTransaction();
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;
  void commit();

 private:
  sqlite3* m_db;
  PgProject* m_pg = nullptr;
  bool m_done = false;
};

}  // namespace detail
}  // namespace ekm::store
