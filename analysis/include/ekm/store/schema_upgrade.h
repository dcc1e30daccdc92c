#pragma once
// Upgrading a project written by an older Ekimachi before a reader opens it.
//
// A project opened read-only cannot be migrated, so a reader that meets an older schema
// (the GUI's map load, which only reads) first calls upgradeOlderSchema: it opens the
// project read-write once, which runs the forward migrations in one transaction, and
// closes it. Newer, foreign or damaged projects are left alone and throw as Project::open does.
#include <optional>
#include <string>

namespace ekm::store {

struct SchemaUpgrade {
  int from = 0;  // the schema version the project had
  int to = 0;    // kProjectSchemaVersion
};

// Upgrades the project at `path` (a GeoPackage file or a PostgreSQL location) when its
// schema is older than this build's. Returns what was done, or nothing when the project
// was already current. Throws StoreError when the project cannot be opened (read-write
// when it needs the upgrade: a read-only file says so).
std::optional<SchemaUpgrade> upgradeOlderSchema(const std::string& path);

}  // namespace ekm::store
