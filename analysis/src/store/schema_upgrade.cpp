#include "ekm/store/schema_upgrade.h"

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"

#include <charconv>

namespace ekm::store {
namespace {

// The older-schema refusal of a read-only open (either backend): schema_version expected to
// be exactly this build's version, found a smaller integer.
std::optional<int> olderVersionIn(const core::Error& e) {
  const auto& c = e.context();
  if (c.field != "schema_version" || c.expected != std::to_string(kProjectSchemaVersion)) return std::nullopt;
  int version = -1;
  const auto [end, ec] = std::from_chars(c.found.data(), c.found.data() + c.found.size(), version);
  if (ec != std::errc() || end != c.found.data() + c.found.size() || version < 0 ||
      version >= kProjectSchemaVersion)
    return std::nullopt;
  return version;
}

}  // namespace

std::optional<SchemaUpgrade> upgradeOlderSchema(const std::string& path) {
  std::optional<int> older;
  try {
    Project::open(path, OpenMode::ReadOnly);
    return std::nullopt;
  } catch (const core::StoreError& e) {
    older = olderVersionIn(e);
    if (!older) throw;
  }
  Project upgraded = Project::open(path, OpenMode::ReadWrite);  // migrates, all or nothing
  return SchemaUpgrade{*older, upgraded.schemaVersion()};
}

}  // namespace ekm::store
