// Layout templates, kept in the project's ekm_meta under "layout_template:NAME", on either
// backend (record_sql.h).
#include "ekm/store/layout_templates.h"

#include <algorithm>

#include "ekm/core/error.h"
#include "store/record_sql.h"

namespace ekm::store {

namespace {

constexpr const char* kPrefix = "layout_template:";

std::string keyOf(const std::string& name) { return kPrefix + name; }

}  // namespace

std::vector<std::string> layoutTemplateNames(const Project& project) {
  std::vector<std::string> names;
  // substr instead of LIKE: names may hold '%' or '_'.
  const std::string prefix = kPrefix;
  const auto n = static_cast<std::int64_t>(prefix.size());
  recordSql(project)->run("SELECT substr(key, ?2) FROM ekm_meta WHERE substr(key, 1, ?1) = ?3", {n, n + 1, prefix},
                          [&](const SqlRow& row) { names.push_back(row.text(0)); });
  std::sort(names.begin(), names.end());  // byte order on both backends (a server's collation may differ)
  return names;
}

std::optional<std::string> layoutTemplate(const Project& project, const std::string& name) {
  return project.meta(keyOf(name));
}

void saveLayoutTemplate(Project& project, const std::string& name, const std::string& json) {
  if (name.empty())
    throw core::Error(core::ErrorCode::Usage, "a layout template needs a name",
                      core::ErrorContext{project.path(), std::nullopt, std::nullopt, "name", "a name", "empty"});
  project.setMeta(keyOf(name), json);
}

bool removeLayoutTemplate(Project& project, const std::string& name) {
  bool removed = false;
  recordSql(project)->run("DELETE FROM ekm_meta WHERE key = ?1 RETURNING key", {keyOf(name)},
                          [&](const SqlRow&) { removed = true; });
  return removed;
}

}  // namespace ekm::store
