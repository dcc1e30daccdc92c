#include "ekm/store/layout_templates.h"

#include <sqlite3.h>

#include "store/project_internal.h"
#include "ekm/core/error.h"
#include "statement.h"

namespace ekm::store {

namespace {

constexpr const char* kPrefix = "layout_template:";

std::string keyOf(const std::string& name) { return kPrefix + name; }

}  // namespace

std::vector<std::string> layoutTemplateNames(const Project& project) {
  std::vector<std::string> names;
  // substr instead of LIKE: names may hold '%' or '_'.
  Stmt st(detail::connection(project), "SELECT substr(key, ?2) FROM ekm_meta WHERE substr(key, 1, ?1) = ?3 ORDER BY key");
  const std::string prefix = kPrefix;
  sqlite3_bind_int(st, 1, static_cast<int>(prefix.size()));
  sqlite3_bind_int(st, 2, static_cast<int>(prefix.size()) + 1);
  bindText(st, 3, prefix);
  while (st.step("reading the layout templates")) names.push_back(columnString(st, 0));
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
  Stmt st(detail::connection(project), "DELETE FROM ekm_meta WHERE key = ?1");
  bindText(st, 1, keyOf(name));
  st.step("removing a layout template");
  return sqlite3_changes(detail::connection(project)) > 0;
}

}  // namespace ekm::store
