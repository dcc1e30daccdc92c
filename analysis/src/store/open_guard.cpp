// The store's open/close safety checks (see open_guard.h).
#include "store/open_guard.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>

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

namespace {

// PRAGMA quick_check's first finding ("ok" for a sound database), or SQLite's error.
std::string quickCheck(sqlite3* db) {
  std::string first;
  if (!query(db, "PRAGMA quick_check(1)", [&](sqlite3_stmt* st) {
        if (first.empty()) first = text(st, 0);
      }))
    return sqlite3_errmsg(db);
  return first;
}

std::int64_t pageCount(sqlite3* db) {
  std::int64_t n = -1;
  query(db, "PRAGMA page_count", [&](sqlite3_stmt* st) { n = sqlite3_column_int64(st, 0); });
  return n;
}

// The tables of the schema, and ekm_meta's schema_version ("" if none).
std::set<std::string> tableNames(sqlite3* db) {
  std::set<std::string> out;
  query(db, "SELECT name FROM sqlite_master WHERE type = 'table'", [&](sqlite3_stmt* st) { out.insert(text(st, 0)); });
  return out;
}
std::string schemaVersion(sqlite3* db) {
  std::string v;
  query(db, "SELECT value FROM ekm_meta WHERE key = 'schema_version'", [&](sqlite3_stmt* st) { v = text(st, 0); });
  return v;
}

// Runs f on a lock-free read-only connection to the main file alone (no -wal).
template <class F>
auto withMainFileAlone(const std::string& path, F&& f) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(sqliteUri(path, "immutable=1").c_str(), &db,
                  SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  auto out = f(db);
  sqlite3_close_v2(db);
  return out;
}

[[noreturn]] void throwForeignWal(const std::string& path, std::string expected, std::string found) {
  core::ErrorContext c;
  c.file = path;
  c.expected = std::move(expected);
  c.found = std::move(found);
  throw core::StoreError("a stale or foreign write-ahead log '" + fs::path(path + "-wal").filename().string() +
                             "' lies beside the project and belongs to another database; it was not merged and "
                             "nothing was written. Move '" + path + "-wal' and '" + path +
                             "-shm' away (keep them if they are another project's) and open the project again",
                         std::move(c));
}

}  // namespace

void checkWalBelongs(const std::string& path, sqlite3* db, const std::optional<Identity>& mainFile) {
  if (!mainFile) return;
  const Identity seen = readIdentity(db);
  if (seen != *mainFile) {
    // A checkpoint by another process may have been copying pages while the main file was
    // read: read it once more before calling the -wal foreign.
    const auto again = mainFileIdentity(path);
    if (!again || seen == *again) return;
    throwForeignWal(path, "the write-ahead log of " + describeIdentity(*again),
                    "the write-ahead log of " + describeIdentity(seen));
  }
  // Same identity: the -wal may still come from another copy of the project (or of
  // another project whose ekm_meta page it does not hold); its pages would then be laid
  // over unrelated pages of this file. Ekimachi never shrinks a project (no VACUUM), so a
  // -wal that would cut the file is not its own; and the combined view must be sound.
  const std::int64_t pagesAlone = withMainFileAlone(path, pageCount);
  const std::int64_t pagesCombined = pageCount(db);
  if (pagesCombined >= 0 && pagesCombined < pagesAlone)
    throwForeignWal(path, "a write-ahead log that only adds to this project's " + std::to_string(pagesAlone) + " pages",
                    "one that would cut the file to " + std::to_string(pagesCombined) + " pages");
  // Ekimachi drops a table only in a schema migration (which also writes ekm_meta).
  if (schemaVersion(db) == withMainFileAlone(path, schemaVersion)) {
    const auto combinedTables = tableNames(db);
    for (const auto& t : withMainFileAlone(path, tableNames))
      if (!combinedTables.count(t))
        throwForeignWal(path, "a write-ahead log that keeps this project's tables",
                        "one without the table '" + t + "' (another database's schema)");
  }
  const std::string combined = quickCheck(db);
  if (combined == "ok") return;
  const std::string alone = withMainFileAlone(path, quickCheck);
  if (alone != "ok")
    throw core::StoreError("the project file is damaged (PRAGMA quick_check: " + alone +
                               "); nothing was written. Restore it from a backup",
                           core::ErrorContext{path, std::nullopt, std::nullopt, "", "a sound SQLite database", alone});
  throwForeignWal(path, "a write-ahead log whose pages fit this project file",
                  "pages that do not fit it (PRAGMA quick_check with the log: " + combined + ")");
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
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return "the project is locked: another program (or another Ekimachi window or command) is writing to it and "
           "did not finish within " + std::to_string(kBusyTimeoutMs / 1000) +
           " s; nothing was changed, try again when it has finished" + code;
  return sqliteMsg;
}

}  // namespace ekm::store::guard
