#include "store/pg_connection.h"

#include <cctype>
#include <cstring>

#include "ekm/core/error.h"

namespace ekm::store::pg {

namespace {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Removes "schema=VALUE" from a URI query (…?a=1&schema=x&b=2) or from a keyword string.
std::string takeSchema(std::string& location) {
  std::string schema;
  if (startsWith(location, "postgresql://") || startsWith(location, "postgres://")) {
    const auto q = location.find('?');
    if (q == std::string::npos) return schema;
    std::string kept;
    std::size_t start = q + 1;
    while (start <= location.size()) {
      auto end = location.find('&', start);
      if (end == std::string::npos) end = location.size();
      const std::string part = location.substr(start, end - start);
      if (startsWith(part, "schema="))
        schema = part.substr(7);
      else if (!part.empty())
        kept += (kept.empty() ? "" : "&") + part;
      start = end + 1;
    }
    location = location.substr(0, q) + (kept.empty() ? "" : "?" + kept);
    return schema;
  }
  std::string kept;
  std::size_t start = 0;
  while (start < location.size()) {
    while (start < location.size() && location[start] == ' ') ++start;
    auto end = location.find(' ', start);
    if (end == std::string::npos) end = location.size();
    const std::string part = location.substr(start, end - start);
    if (startsWith(part, "schema="))
      schema = part.substr(7);
    else if (!part.empty())
      kept += (kept.empty() ? "" : " ") + part;
    start = end + 1;
  }
  location = kept;
  return schema;
}

}  // namespace

bool isPostgresLocation(const std::string& location) {
  if (startsWith(location, "postgresql://") || startsWith(location, "postgres://")) return true;
  for (const char* key : {"service=", "host=", "dbname="})
    if (startsWith(location, key) || location.find(std::string(" ") + key) != std::string::npos) return true;
  return false;
}

Location parseLocation(const std::string& location) {
  Location out;
  out.conninfo = location;
  if (std::string schema = takeSchema(out.conninfo); !schema.empty()) out.schema = schema;
  for (const char c : out.schema)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      throw Error(ErrorCode::Usage, "bad schema name in the PostgreSQL location",
                  ErrorContext{location, std::nullopt, std::nullopt, "schema", "letters, digits and _", out.schema});
  return out;
}

Connection::Connection(const std::string& conninfo) {
  m_conn = PQconnectdb(conninfo.c_str());
  if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
    const std::string message = m_conn ? PQerrorMessage(m_conn) : "out of memory";
    if (m_conn) PQfinish(m_conn);
    m_conn = nullptr;
    throw Error(ErrorCode::Io, "cannot connect to PostgreSQL: " + message,
                ErrorContext{conninfo, std::nullopt, std::nullopt, "", "a reachable PostgreSQL server", ""});
  }
  exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

Connection::~Connection() {
  if (m_conn) PQfinish(m_conn);
}

void Connection::fail(const std::string& what, const std::string& sql) const {
  std::string message = PQerrorMessage(m_conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw Error(ErrorCode::Io, "PostgreSQL: " + what + ": " + message,
              ErrorContext{"", std::nullopt, std::nullopt, "", "", sql.substr(0, 200)});
}

void Connection::exec(const std::string& sql) {
  Result r(PQexec(m_conn, sql.c_str()));
  const auto status = PQresultStatus(r.raw());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("statement failed", sql);
}

Result Connection::query(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  return run(sql, values);
}

Result Connection::queryNullable(const std::string& sql, const std::vector<std::optional<std::string>>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return run(sql, values);
}

Result Connection::run(const std::string& sql, const std::vector<const char*>& values) {
  Result r(PQexecParams(m_conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                        nullptr, 0));
  const auto status = PQresultStatus(r.raw());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail("query failed", sql);
  return r;
}

void Connection::copyIn(const std::string& copySql,
                        const std::function<void(const std::function<void(std::string_view)>&)>& write) {
  {
    Result r(PQexec(m_conn, copySql.c_str()));
    if (PQresultStatus(r.raw()) != PGRES_COPY_IN) fail("COPY could not start", copySql);
  }
  std::string buffer;
  const auto flush = [&] {
    if (!buffer.empty() && PQputCopyData(m_conn, buffer.data(), static_cast<int>(buffer.size())) != 1)
      fail("COPY data not sent", copySql);
    buffer.clear();
  };
  try {
    write([&](std::string_view line) {
      buffer.append(line);
      buffer.push_back('\n');
      if (buffer.size() > (1 << 20)) flush();
    });
    flush();
  } catch (...) {
    PQputCopyEnd(m_conn, "cancelled by the client");
    Result(PQgetResult(m_conn));
    throw;
  }
  if (PQputCopyEnd(m_conn, nullptr) != 1) fail("COPY not ended", copySql);
  Result r(PQgetResult(m_conn));
  if (PQresultStatus(r.raw()) != PGRES_COMMAND_OK) fail("COPY failed", copySql);
  while (PGresult* more = PQgetResult(m_conn)) PQclear(more);
}

void Connection::copyOut(const std::string& copySql, const std::function<void(std::string_view)>& row) {
  {
    Result r(PQexec(m_conn, copySql.c_str()));
    if (PQresultStatus(r.raw()) != PGRES_COPY_OUT) fail("COPY could not start", copySql);
  }
  for (;;) {
    char* data = nullptr;
    const int n = PQgetCopyData(m_conn, &data, 0);
    if (n == -1) break;
    if (n < 0) fail("COPY data not received", copySql);
    std::string_view line(data, static_cast<std::size_t>(n));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    try {
      row(line);
    } catch (...) {
      PQfreemem(data);
      throw;
    }
    PQfreemem(data);
  }
  Result r(PQgetResult(m_conn));
  if (PQresultStatus(r.raw()) != PGRES_COMMAND_OK) fail("COPY failed", copySql);
  while (PGresult* more = PQgetResult(m_conn)) PQclear(more);
}

std::string Connection::quoteIdent(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ekm::store::pg
