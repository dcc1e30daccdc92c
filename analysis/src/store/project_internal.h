#pragma once
// Store-internal access to a Project's connection.
#include <sqlite3.h>

#include "ekm/store/project.h"

namespace ekm::store::detail {

inline sqlite3* connection(const Project& p) { return p.db(); }

}  // namespace ekm::store::detail
