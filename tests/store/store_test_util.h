#pragma once
// Helpers shared by the store tests: SQL queries on a project's database, and the shared
// temporary folders and command runner (tests/support).
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "support/cli_runner.h"
#include "support/temp_dir.h"

using ekm_test::TempDir;

inline long long queryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  long long v = -999999;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

inline std::string queryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  std::string v;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}

// All rows of one column, joined with newlines.
inline std::string queryColumn(sqlite3* db, int column, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  std::string v;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (sqlite3_column_text(st, column)) v += reinterpret_cast<const char*>(sqlite3_column_text(st, column)) + std::string("\n");
  sqlite3_finalize(st);
  return v;
}
