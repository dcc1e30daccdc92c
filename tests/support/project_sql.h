#pragma once
// Tests read and write a project's tables with SQL to check the store from outside its typed
// API (the store's own code, analysis/src/store, is the only other place that may): the
// project's connection and the store's exec/checkSqlite helpers and raw transaction.
#include "../../analysis/src/store/project_internal.h"
#include "support/project_sql.h"

namespace ekm_test {

inline sqlite3* sql(const ekm::store::Project& project) { return ekm::store::detail::connection(project); }

}  // namespace ekm_test
