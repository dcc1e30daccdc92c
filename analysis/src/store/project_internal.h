#pragma once
// Store-internal access to a Project's connection (the handle never leaves store/).
#include <sqlite3.h>

#include <string>

#include "ekm/store/project.h"

namespace ekm::store {

struct ProjectAccess {
  static sqlite3* connection(const Project& p);
  // A cached prepared statement of this connection, reset with its bindings cleared.
  static sqlite3_stmt* cached(const Project& p, const std::string& sql);
};

namespace detail {
inline sqlite3* connection(const Project& p) { return ProjectAccess::connection(p); }
}  // namespace detail

}  // namespace ekm::store
