// The record tables on PostgreSQL (see record_sql.h): ?N parameters become $N, values go
// as text (the server infers their types from the statement), appends go by COPY.
#include <cmath>
#include <string>

#include "store/pg_project.h"
#include "store/pg_values.h"
#include "store/record_sql.h"

namespace ekm::store {

namespace {

class PgRow final : public SqlRow {
 public:
  PgRow(const pg::Result& r, const std::string& where) : m_r(r), m_where(where) {}
  int row = 0;
  bool isNull(int col) const override { return m_r.isNull(row, col); }
  std::int64_t integer(int col) const override { return isNull(col) ? 0 : pg::parseInt(m_r.text(row, col), m_where); }
  double real(int col) const override { return isNull(col) ? 0.0 : pg::parseDouble(m_r.text(row, col), m_where); }
  std::string text(int col) const override { return isNull(col) ? std::string() : m_r.text(row, col); }
  std::vector<unsigned char> geometry(int col) const override {  // hex EWKB (geometryColumn)
    if (isNull(col)) return {};
    int srid = kWgs84SrsId;
    const auto wkb = pg::isoWkbFromEwkb(pg::fromHex(m_r.text(row, col), m_where), srid, m_where);
    return gpkgBlobFromWkb(wkb.data(), wkb.size(), srid);
  }

 private:
  const pg::Result& m_r;
  const std::string& m_where;
};

// "?12" -> "$12" outside quoted literals and identifiers.
std::string dollarParams(const std::string& sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '$';
      continue;
    }
    out += c;
  }
  return out;
}

std::optional<std::string> text(const SqlValue& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    std::string s;
    pg::appendDouble(s, *d);
    return s;
  }
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* g = std::get_if<SqlGeometry>(&v); g && !g->gpkg.empty())
    return pg::ewkbHexFromGpkg(g->gpkg, kWgs84SrsId, "a geometry value");  // PostGIS reads hex EWKB
  return std::nullopt;
}

class PgRecordSql final : public RecordSql {
 public:
  explicit PgRecordSql(PgProject& p) : m_p(p) {}

  void run(const std::string& sql, const std::vector<SqlValue>& params, const SqlRowFn& row = {}) override {
    std::vector<std::optional<std::string>> values;
    values.reserve(params.size());
    for (const auto& v : params) values.push_back(text(v));
    const pg::Result r = m_p.conn.queryNullable(dollarParams(sql), values);
    if (!row) return;
    PgRow pr(r, sql);
    for (pr.row = 0; pr.row < r.rows(); ++pr.row) row(pr);
  }

  std::int64_t insert(const std::string& table, const std::vector<std::string>& columns,
                      const std::vector<SqlValue>& values) override {
    std::string names = "fid", marks = "(SELECT coalesce(max(fid), 0) + 1 FROM " + m_p.table(table) + ")";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      names += ", " + columns[i];
      marks += ", $" + std::to_string(i + 1);
    }
    std::int64_t fid = 0;
    run("INSERT INTO " + m_p.table(table) + " (" + names + ") VALUES (" + marks + ") RETURNING fid", values,
        [&](const SqlRow& r) { fid = r.integer(0); });
    return fid;
  }

  std::int64_t append(const std::string& table, const std::vector<std::string>& columns,
                      const std::function<bool(std::vector<SqlValue>&)>& next) override {
    std::int64_t fid = 0;
    run("SELECT coalesce(max(fid), 0) FROM " + m_p.table(table), {}, [&](const SqlRow& r) { fid = r.integer(0); });
    return copy(table, columns, next, &fid);
  }

  std::int64_t appendKeyed(const std::string& table, const std::vector<std::string>& columns,
                           const std::function<bool(std::vector<SqlValue>&)>& next) override {
    return copy(table, columns, next, nullptr);
  }

  std::string geometryColumn(const std::string& column) const override {
    return "encode(ST_AsEWKB(" + column + "), 'hex')";
  }

  void touch(const std::vector<std::string>&) override {}  // no GeoPackage catalogue

 private:
  // COPY of the rows `next` gives; with `lastFid`, each row gets the fid after it first.
  std::int64_t copy(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<bool(std::vector<SqlValue>&)>& next, std::int64_t* lastFid) {
    std::string names = lastFid ? "fid" : "";
    for (const auto& c : columns) names += (names.empty() ? "" : ", ") + c;
    std::int64_t rows = 0;
    m_p.conn.copyIn("COPY " + m_p.table(table) + " (" + names + ") FROM STDIN",
                    [&](const std::function<void(std::string_view)>& put) {
                      std::vector<SqlValue> values(columns.size());
                      std::string line;
                      while (next(values)) {
                        line.clear();
                        if (lastFid) line = std::to_string(++*lastFid);
                        for (std::size_t i = 0; i < values.size(); ++i) {
                          if (lastFid || i) line += '\t';
                          if (const auto t = text(values[i])) pg::appendCopyText(line, t->data(), t->size());
                          else line += "\\N";
                        }
                        put(line);
                        ++rows;
                      }
                    });
    return rows;
  }

  PgProject& m_p;
};

}  // namespace

std::unique_ptr<RecordSql> pgRecordSql(PgProject& project) { return std::make_unique<PgRecordSql>(project); }

}  // namespace ekm::store
