#pragma once
// An open PostgreSQL project (internal to store/): its connection, schema and mode.
#include <string>

#include "ekm/store/project.h"
#include "store/pg_connection.h"

namespace ekm::store {

struct PgProject {
  PgProject(const pg::Location& location, OpenMode openMode)
      : conn(location.conninfo), schemaName(location.schema), mode(openMode) {}
  pg::Connection conn;
  std::string schemaName;
  OpenMode mode;
  int schemaVersion = 0;
  bool inTransaction = false;

  // "schema"."table"
  std::string table(const std::string& name) const {
    return pg::Connection::quoteIdent(schemaName) + "." + pg::Connection::quoteIdent(name);
  }
};

}  // namespace ekm::store
