#pragma once
// A project table a scenario run read, for its provenance (ekm_runs.provenance).
#include <cstdint>
#include <string>

#include "ekm/store/project.h"

namespace ekm::store {

// Row count and the hex SHA-256 of the table's content (every row's values in the table's
// stored order; a time-series kind's day rows), so that equal hashes mean equal data. The
// GeoPackage and PostgreSQL stores hash different encodings: compare within one store.
struct TableReadRecord {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;
};

// Throws StoreError for a table the project does not know.
TableReadRecord tableRead(const Project& project, const std::string& table);

}  // namespace ekm::store
