// The series day rows on PostgreSQL (see series_rows.h): the same day tables and primary
// keys as on SQLite; a slice is one index range scan, a series one query probing the key once
// per day (day = ANY(array)), bulk writes and long reads go through COPY.
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "ekm/store/project.h"
#include "store/pg_project.h"
#include "store/pg_values.h"
#include "store/series_rows.h"

namespace ekm::store {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kMaxProbeDays = 4096;  // longer series scan the day range instead

// A row of a query result; columns as rowColumns() + day.
class ResultRow final : public DayRow {
 public:
  ResultRow(const pg::Result& r, int valuesCol) : m_r(r), m_values(valuesCol) {}
  int row = 0;
  double value(int i) const override {
    const int col = m_values + i;
    return m_r.isNull(row, col) ? kNaN : pg::parseDouble(PQgetvalue(m_r.raw(), row, col), "series value");
  }

 private:
  const pg::Result& m_r;
  int m_values;
};

// A COPY text row split into fields.
class CopyRow final : public DayRow {
 public:
  explicit CopyRow(int valuesCol) : m_values(valuesCol) {}
  std::vector<std::string_view> fields;
  double value(int i) const override {
    const auto f = fields.at(static_cast<std::size_t>(m_values + i));
    return f == "\\N" ? kNaN : pg::parseDouble(f, "series value");
  }

 private:
  int m_values;
};

std::string rowColumns(const SeriesLayout& l) {
  std::string s = l.feature;
  if (l.direction) s += std::string(", ") + l.direction;
  return s + ", " + seriesValueColumns(l);
}

std::string orderColumns(const SeriesLayout& l, const char* first) {
  return std::string(first) + (l.direction ? std::string(", ") + l.direction : std::string());
}

std::int64_t toInt(std::string_view s) { return pg::parseInt(s, "series key"); }

class PgSeriesRows final : public SeriesRows {
 public:
  explicit PgSeriesRows(PgProject& p) : m_p(p) {}

  void day(const SeriesLayout& l, std::int64_t channel, std::int64_t day, const DayRowFn& fn) override {
    std::string sql = "SELECT " + rowColumns(l) + ", day FROM " + m_p.table(l.table) + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = " + std::to_string(channel) + " AND ";
    sql += "day = $1 ORDER BY " + orderColumns(l, l.feature);
    each(l, m_p.conn.query(sql, {std::to_string(day)}), fn);
  }

  void feature(const SeriesLayout& l, std::int64_t channel, std::int64_t feature, std::int64_t first, std::int64_t last,
               const DayRowFn& fn) override {
    if (last < first) return;
    std::string sql = "SELECT " + rowColumns(l) + ", day FROM " + m_p.table(l.table) + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = " + std::to_string(channel) + " AND ";
    sql += std::string(l.feature) + " = $1 AND ";
    std::vector<std::string> params = {std::to_string(feature)};
    if (last - first < kMaxProbeDays) {
      std::string days = "{";
      for (std::int64_t d = first; d <= last; ++d) days += (d == first ? "" : ",") + std::to_string(d);
      params.push_back(days + "}");
      sql += "day = ANY($2::bigint[])";
    } else {
      params.push_back(std::to_string(first));
      params.push_back(std::to_string(last));
      sql += "day BETWEEN $2 AND $3";
    }
    each(l, m_p.conn.query(sql + " ORDER BY " + orderColumns(l, "day"), params), fn);
  }

  void days(const SeriesLayout& l, std::optional<std::int64_t> channel, std::int64_t first, std::int64_t last,
            bool values, const DayRowFn& fn) override {
    std::string columns = std::string(l.feature) + ", " + (l.direction ? l.direction : "0") + ", present, day";
    if (values) columns += ", " + seriesValueColumns(l).substr(std::string("present, ").size());
    std::string sql = "COPY (SELECT " + columns + " FROM " + m_p.table(l.table) + " WHERE ";
    if (l.channel && channel) sql += std::string(l.channel) + " = " + std::to_string(*channel) + " AND ";
    sql += "day BETWEEN " + std::to_string(first) + " AND " + std::to_string(last) + ") TO STDOUT";
    CopyRow row(4);
    m_p.conn.copyOut(sql, [&](std::string_view line) {
      row.fields.clear();
      std::size_t start = 0;
      for (;;) {
        const auto tab = line.find('\t', start);
        row.fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      row.feature = toInt(row.fields[0]);
      row.direction = static_cast<int>(toInt(row.fields[1]));
      row.present = static_cast<std::uint32_t>(toInt(row.fields[2]));
      row.day = toInt(row.fields[3]);
      fn(row);
    });
  }

  std::optional<std::pair<std::int64_t, std::int64_t>> dayBounds(const SeriesLayout& l, std::int64_t channel) override {
    std::string sql = "SELECT min(day), max(day) FROM " + m_p.table(l.table);
    if (l.channel) sql += std::string(" WHERE ") + l.channel + " = " + std::to_string(channel);
    auto r = m_p.conn.query(sql);
    if (r.isNull(0, 0)) return std::nullopt;
    return std::make_pair(toInt(r.text(0, 0)), toInt(r.text(0, 1)));
  }

  std::vector<std::int64_t> features(const SeriesLayout& l) override {
    auto r = m_p.conn.query(std::string("SELECT DISTINCT ") + l.feature + " FROM " + m_p.table(l.table) + " ORDER BY 1");
    std::vector<std::int64_t> out(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out[static_cast<std::size_t>(i)] = toInt(r.text(i, 0));
    return out;
  }

  bool hasRows(const SeriesLayout& l) override {
    return m_p.conn.query("SELECT 1 FROM " + m_p.table(l.table) + " LIMIT 1").rows() > 0;
  }

  bool find(const SeriesLayout& l, std::int64_t channel, std::int64_t day, std::int64_t feature, int direction,
            std::uint32_t& present, double* values) override {
    std::string sql = "SELECT " + seriesValueColumns(l) + " FROM " + m_p.table(l.table) + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = " + std::to_string(channel) + " AND ";
    sql += std::string("day = $1 AND ") + l.feature + " = $2";
    if (l.direction) sql += std::string(" AND ") + l.direction + " = " + std::to_string(direction);
    auto r = m_p.conn.query(sql, {std::to_string(day), std::to_string(feature)});
    if (r.rows() == 0) return false;
    present = static_cast<std::uint32_t>(toInt(r.text(0, 0)));
    ResultRow row(r, 1);
    for (int i = 0; i < 24 * l.valueSets; ++i) values[i] = row.value(i);
    return true;
  }

  void write(const SeriesLayout& l, const std::vector<DayRowOut>& rows) override {
    const std::string columns = " (" + seriesKeyColumns(l) + ", " + seriesValueColumns(l) + ")";
    bool anyReplace = false;
    for (const auto& r : rows) anyReplace |= r.replace;
    copyRows(l, "COPY " + m_p.table(l.table) + columns + " FROM STDIN", rows, false);
    if (!anyReplace) return;
    // Rows continued from the table: staged, then swapped in.
    const std::string stage = pg::Connection::quoteIdent(std::string("ekm_stage_") + l.table);
    m_p.conn.exec("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + m_p.table(l.table) + ") ON COMMIT DROP");
    m_p.conn.exec("TRUNCATE " + stage);
    copyRows(l, "COPY " + stage + columns + " FROM STDIN", rows, true);
    std::string match;
    for (const char* k : {l.channel, "day", l.feature, l.direction})
      if (k) match += (match.empty() ? "" : " AND ") + std::string("t.") + k + " = s." + k;
    m_p.conn.exec("DELETE FROM " + m_p.table(l.table) + " t USING " + stage + " s WHERE " + match);
    m_p.conn.exec("INSERT INTO " + m_p.table(l.table) + columns + " SELECT " + seriesKeyColumns(l) + ", " +
                  seriesValueColumns(l) + " FROM " + stage);
  }

 private:
  void each(const SeriesLayout& l, const pg::Result& r, const DayRowFn& fn) {
    const int present = l.direction ? 2 : 1;
    const int dayCol = present + 1 + 24 * l.valueSets;
    ResultRow row(r, present + 1);
    for (int i = 0; i < r.rows(); ++i) {
      row.row = i;
      row.feature = toInt(PQgetvalue(r.raw(), i, 0));
      row.direction = l.direction ? static_cast<int>(toInt(PQgetvalue(r.raw(), i, 1))) : 0;
      row.present = static_cast<std::uint32_t>(toInt(PQgetvalue(r.raw(), i, present)));
      row.day = toInt(PQgetvalue(r.raw(), i, dayCol));
      fn(row);
    }
  }

  // COPY of the rows with (replaced) or without (!replaced) the replace flag.
  void copyRows(const SeriesLayout& l, const std::string& copySql, const std::vector<DayRowOut>& rows, bool replaced) {
    bool any = false;
    for (const auto& r : rows) any |= r.replace == replaced;
    if (!any) return;
    m_p.conn.copyIn(copySql, [&](const std::function<void(std::string_view)>& put) {
      std::string line;
      for (const auto& r : rows) {
        if (r.replace != replaced) continue;
        line.clear();
        if (l.channel) line += std::to_string(r.channel) + '\t';
        line += std::to_string(r.day) + '\t' + std::to_string(r.feature) + '\t';
        if (l.direction) line += std::to_string(r.direction) + '\t';
        line += std::to_string(r.present);
        for (int k = 0; k < 24 * l.valueSets; ++k) {
          line += '\t';
          if (std::isnan(r.values[k])) line += "\\N";
          else pg::appendDouble(line, r.values[k]);
        }
        put(line);
      }
    });
  }

  PgProject& m_p;
};

}  // namespace

std::unique_ptr<SeriesRows> pgSeriesRows(PgProject& project) { return std::make_unique<PgSeriesRows>(project); }

}  // namespace ekm::store
