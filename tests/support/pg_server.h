#pragma once
// A throwaway PostgreSQL 15 server for tests: initdb in a temporary folder, started with
// pg_ctl on a Unix socket only (no TCP port to collide with), with PostGIS created in its
// database; stopped and removed with the object. Run as root, the server runs as the
// unprivileged user `nobody` (PostgreSQL refuses to run as root).
#include <memory>
#include <string>

namespace ekm_test {

class PgServer {
 public:
  // Starts a server; nullptr with `whyNot` set when PostgreSQL 15 or PostGIS is not installed.
  static std::unique_ptr<PgServer> start(std::string& whyNot);
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // A libpq keyword location of its database with `schema` (see ekm/store/project_copy.h).
  std::string location(const std::string& schema) const;
  // Runs SQL through psql; returns its trimmed output (throws std::runtime_error on failure).
  std::string psql(const std::string& sql) const;

 private:
  PgServer() = default;
  std::string m_dir, m_bin, m_runAs;
  int m_port = 0;
};

}  // namespace ekm_test
