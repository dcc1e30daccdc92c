// The store's open/close safety checks (see open_guard.h).
#include "store/open_guard.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "ekm/core/error.h"

namespace ekm::store::guard {

namespace fs = std::filesystem;

std::string sqliteUri(const std::string& path, const std::string& query) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static const char* hex = "0123456789ABCDEF";
      uri += '%';
      uri += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  if (!query.empty()) uri += "?" + query;
  return uri;
}

bool hasWalContent(const std::string& path) {
  std::error_code ec;
  const auto wal = path + "-wal";
  return fs::exists(wal, ec) && fs::file_size(wal, ec) > 0 && !ec;
}

namespace {

std::string text(sqlite3_stmt* st, int col) {
  const auto* t = sqlite3_column_text(st, col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(st, col)))
           : std::string();
}

// Runs one query; false on any SQLite error (the caller decides what that means).
template <class Row>
bool query(sqlite3* db, const char* sql, Row&& row) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE;
}

bool tryReadIdentity(sqlite3* db, Identity& id) {
  if (!query(db, "PRAGMA application_id", [&](sqlite3_stmt* st) { id.applicationId = sqlite3_column_int64(st, 0); }))
    return false;
  if (!query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ekm_meta'",
             [&](sqlite3_stmt*) { id.hasMeta = true; }))
    return false;
  if (!id.hasMeta) return true;
  return query(db, "SELECT key, value FROM ekm_meta WHERE key IN ('project_id', 'created_at')",
               [&](sqlite3_stmt* st) {
                 const auto key = text(st, 0);
                 (key == "project_id" ? id.projectId : id.createdAt) = text(st, 1);
               });
}

std::string describeIdentity(const Identity& id) {
  if (!id.hasMeta)
    return id.applicationId == 0x47504B47 ? "a GeoPackage that is not an Ekimachi project" : "another SQLite database";
  std::string s = "an Ekimachi project";
  if (!id.projectId.empty()) s += " with project_id " + id.projectId;
  if (!id.createdAt.empty()) s += " created " + id.createdAt;
  return s;
}

}  // namespace

Identity readIdentity(sqlite3* db) {
  Identity id;
  tryReadIdentity(db, id);
  return id;
}

std::optional<Identity> mainFileIdentity(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(sqliteUri(path, "immutable=1").c_str(), &db,
                                 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  std::optional<Identity> out;
  Identity id;
  if (rc == SQLITE_OK && tryReadIdentity(db, id) && id.hasMeta) out = id;
  sqlite3_close_v2(db);
  return out;
}

void checkWalBelongs(const std::string& path, sqlite3* db, const std::optional<Identity>& mainFile) {
  if (!mainFile) return;
  const Identity seen = readIdentity(db);
  if (seen == *mainFile) return;
  // A checkpoint by another process may have been copying pages while the main file was
  // read: read it once more before calling the -wal foreign.
  const auto again = mainFileIdentity(path);
  if (!again || seen == *again) return;
  core::ErrorContext c;
  c.file = path;
  c.expected = "the write-ahead log of " + describeIdentity(*again);
  c.found = "the write-ahead log of " + describeIdentity(seen);
  throw core::StoreError("a stale or foreign write-ahead log '" + fs::path(path + "-wal").filename().string() +
                             "' lies beside the project and belongs to another database; it was not merged and "
                             "nothing was written. Move '" + path + "-wal' and '" + path +
                             "-shm' away (keep them if they are another project's) and open the project again",
                         std::move(c));
}

bool cannotWrite(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec).parent_path();
  if (ec || dir.empty()) dir = ".";
  return ::access(path.c_str(), W_OK) != 0 || ::access(dir.c_str(), W_OK) != 0;
}

bool isAccessFailure(int rc) {
  const int primary = rc & 0xFF;
  return primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_IOERR ||
         primary == SQLITE_FULL || primary == SQLITE_PERM || primary == SQLITE_AUTH;
}

std::string describeFailure(sqlite3* db, int rc) {
  const int primary = rc & 0xFF;
  const int sys = db ? sqlite3_system_errno(db) : 0;
  const std::string sqliteMsg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // SQLite says "disk I/O error" for most of these: name the cause instead, with the code.
  const std::string code = " (SQLite error " + std::to_string(rc) + ")";
  if (primary == SQLITE_FULL || ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && sys == ENOSPC))
    return "disk full: no space left on the disk that holds the project" + code;
  if (primary == SQLITE_READONLY || ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) &&
                                     (sys == EROFS || sys == EACCES || sys == EPERM)))
    return "read-only: the project file, its folder or its disk cannot be written" + code;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return sqliteMsg + " (the project file is damaged)";
  return sqliteMsg;
}

}  // namespace ekm::store::guard
