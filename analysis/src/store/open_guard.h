#pragma once
// The store's open/close safety checks (internal to store/):
//  - a -wal file beside a project is merged only when it belongs to that project;
//  - read-only projects (read-only file, folder or disk, or a full disk) stay readable;
//  - SQLite failures on writes say "disk full" or "read-only" instead of "disk I/O error".
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace ekm::store::guard {

// "file:" URI of `path` with its query string (e.g. "immutable=1"); escapes '%', '?', '#'.
std::string sqliteUri(const std::string& path, const std::string& query = {});

// True when PATH-wal exists and is not empty (SQLite would replay it on open).
bool hasWalContent(const std::string& path);

// What says "this is that project": the GeoPackage application id and the ekm_meta keys
// that never change after create (project_id, created_at).
struct Identity {
  std::int64_t applicationId = 0;
  bool hasMeta = false;
  std::string projectId;
  std::string createdAt;
  bool operator==(const Identity&) const = default;
};

// Reads the identity through an open connection (with whatever -wal it sees).
Identity readIdentity(sqlite3* db);
// Reads the identity from the main file alone, ignoring any -wal (immutable=1);
// nullopt when the main file alone cannot be read or holds no ekm_meta yet (a project
// whose creation never reached a checkpoint: nothing in the main file to lose).
std::optional<Identity> mainFileIdentity(const std::string& path);

// Throws StoreError when the connection, which sees PATH-wal, shows another database
// than the main file alone, fewer pages than the main file alone (Ekimachi never shrinks a
// project), a table of the main file missing without a schema migration, or a combined
// view that fails PRAGMA quick_check while the main file alone
// passes it (a -wal of another copy laid over unrelated pages): the -wal
// is stale or foreign and must not be merged. Call it before anything writes, on a
// connection with SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE set. (quick_check reads the whole
// file: ~2.5 s for 200 MB, only when a -wal is present, i.e. after a crash.)
void checkWalBelongs(const std::string& path, sqlite3* db, const std::optional<Identity>& mainFile);

// Whether the folder or the file cannot be written by this process (permissions,
// a read-only mount).
bool cannotWrite(const std::string& path);

// Failures of a read-only open that a lock-free immutable open can avoid: the -shm
// cannot be created or written (read-only folder or disk, full disk).
bool isAccessFailure(int rc);

// How long a connection waits for another writer's lock before SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 10000;

// Describes a failed SQLite call for the user: "disk full" for SQLITE_FULL or ENOSPC,
// "read-only" for SQLITE_READONLY, EROFS, EACCES or EPERM, "damaged" for corrupt files,
// "locked" by another writer for SQLITE_BUSY/LOCKED; SQLite's own message is kept after
// the first three.
std::string describeFailure(sqlite3* db, int rc);

}  // namespace ekm::store::guard
