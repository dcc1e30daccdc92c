#pragma once
// A PostgreSQL connection through libpq for the store's PostgreSQL/PostGIS backend (internal to
// store/): connect, run statements, stream COPY in and out, every libpq failure turned into a
// core::Error naming the statement.
#include <libpq-fe.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ekm::store::pg {

// A location such as postgresql://user@host:5432/db?schema=team_a or
// "service=ekm schema=team_a": the libpq connection string and the schema.
struct Location {
  std::string conninfo;
  std::string schema = "ekimachi";
};

// True for postgresql:// and postgres:// URIs and for libpq keyword strings with a service,
// host or dbname ("service=NAME ...").
bool isPostgresLocation(const std::string& location);
// Splits off `schema` (a URI query parameter or a keyword); libpq never sees it.
Location parseLocation(const std::string& location);

// A query's rows, values as text.
class Result {
 public:
  explicit Result(PGresult* r) : m_r(r) {}
  Result(Result&& o) noexcept : m_r(o.m_r) { o.m_r = nullptr; }
  Result(const Result&) = delete;
  ~Result() { if (m_r) PQclear(m_r); }
  int rows() const { return PQntuples(m_r); }
  bool isNull(int row, int col) const { return PQgetisnull(m_r, row, col) != 0; }
  std::string text(int row, int col) const { return PQgetvalue(m_r, row, col); }
  PGresult* raw() const { return m_r; }

 private:
  PGresult* m_r;
};

class Connection {
 public:
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  ~Connection();

  // Runs SQL (one or more statements without results), throws on failure.
  void exec(const std::string& sql);
  // A query with text parameters; throws on failure.
  Result query(const std::string& sql, const std::vector<std::string>& params = {});
  // The same with NULLs (nullopt).
  Result queryNullable(const std::string& sql, const std::vector<std::optional<std::string>>& params);
  // COPY ... FROM STDIN: `write` is called with a sink that takes text-format rows.
  void copyIn(const std::string& copySql, const std::function<void(const std::function<void(std::string_view)>&)>& write);
  // COPY ... TO STDOUT: `row` is called with each text-format line (without its newline).
  void copyOut(const std::string& copySql, const std::function<void(std::string_view)>& row);

  static std::string quoteIdent(std::string_view name);

 private:
  Result run(const std::string& sql, const std::vector<const char*>& values);
  [[noreturn]] void fail(const std::string& what, const std::string& sql) const;
  PGconn* m_conn = nullptr;
};

}  // namespace ekm::store::pg
