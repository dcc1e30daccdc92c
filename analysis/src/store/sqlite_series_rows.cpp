// The series day rows on SQLite (see series_rows.h): prepared statements on the WITHOUT ROWID
// day tables; a slice is one range scan, a series one primary-key probe per day.
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "store/project_internal.h"
#include "store/series_rows.h"
#include "store/statement.h"

namespace ekm::store {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class SqliteRow final : public DayRow {
 public:
  SqliteRow(sqlite3_stmt* st, int valuesCol) : m_st(st), m_values(valuesCol) {}
  double value(int i) const override {
    const int col = m_values + i;
    return sqlite3_column_type(m_st, col) == SQLITE_NULL ? kNaN : sqlite3_column_double(m_st, col);
  }

 private:
  sqlite3_stmt* m_st;
  int m_values;
};

// One read transaction around many statement runs (a series' probe per day): run on its own,
// each would take and release the file's shared lock (fcntl) and re-check the WAL (fstat) —
// twice the cost of the probe itself. Only when the connection is in autocommit mode (inside
// a caller's transaction the reads share it already); ended on every exit.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db) : m_db(sqlite3_get_autocommit(db) ? db : nullptr) {
    if (m_db && sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) m_db = nullptr;
  }
  ~ReadSnapshot() {
    if (m_db) sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);  // a read: nothing to write
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite3* m_db;
};

// "feature[, direction], present, values..." and where the parts are.
std::string rowColumns(const SeriesLayout& l) {
  std::string s = l.feature;
  if (l.direction) s += std::string(", ") + l.direction;
  return s + ", " + seriesValueColumns(l);
}

class SqliteSeriesRows final : public SeriesRows {
 public:
  explicit SqliteSeriesRows(sqlite3* db) : m_db(db) {}

  void day(const SeriesLayout& l, std::int64_t channel, std::int64_t day, const DayRowFn& fn) override {
    std::string sql = "SELECT " + rowColumns(l) + ", day FROM " + l.table + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = ?1 AND ";
    Stmt& st = stmt(sql + "day = ?2");
    sqlite3_bind_int64(st, 1, channel);
    sqlite3_bind_int64(st, 2, day);
    each(l, st, fn);
  }

  void feature(const SeriesLayout& l, std::int64_t channel, std::int64_t feature, std::int64_t first, std::int64_t last,
               const DayRowFn& fn) override {
    std::string sql = "SELECT " + rowColumns(l) + ", day FROM " + l.table + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = ?1 AND ";
    Stmt& st = stmt(sql + "day = ?2 AND " + l.feature + " = ?3");
    const ReadSnapshot snapshot(m_db);
    for (std::int64_t d = first; d <= last; ++d) {
      sqlite3_bind_int64(st, 1, channel);
      sqlite3_bind_int64(st, 2, d);
      sqlite3_bind_int64(st, 3, feature);
      each(l, st, fn);
    }
  }

  void days(const SeriesLayout& l, std::optional<std::int64_t> channel, std::int64_t first, std::int64_t last,
            bool values, const DayRowFn& fn) override {
    if (!values) return keysAndMasks(l, channel, first, last, fn);
    std::string sql = "SELECT " + rowColumns(l) + ", day FROM " + l.table + " WHERE ";
    if (l.channel && channel) sql += std::string(l.channel) + " = ?1 AND ";
    Stmt& st = stmt(sql + "day BETWEEN ?2 AND ?3");
    sqlite3_bind_int64(st, 1, channel.value_or(0));
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, last);
    each(l, st, fn);
  }

  std::optional<std::pair<std::int64_t, std::int64_t>> dayBounds(const SeriesLayout& l, std::int64_t channel) override {
    const auto lo = edgeDay(l, channel, false);
    if (!lo) return std::nullopt;
    return std::make_pair(*lo, edgeDay(l, channel, true).value_or(*lo));
  }

  std::vector<std::int64_t> features(const SeriesLayout& l) override {
    Stmt& st = stmt(std::string("SELECT DISTINCT ") + l.feature + " FROM " + l.table + " ORDER BY 1");
    std::vector<std::int64_t> out;
    while (st.step(l.table)) out.push_back(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    return out;
  }

  bool hasRows(const SeriesLayout& l) override {
    Stmt& st = stmt(std::string("SELECT 1 FROM ") + l.table + " LIMIT 1");
    const bool any = st.step(l.table);
    sqlite3_reset(st);
    return any;
  }

  bool find(const SeriesLayout& l, std::int64_t channel, std::int64_t day, std::int64_t feature, int direction,
            std::uint32_t& present, double* values) override {
    std::string sql = "SELECT " + seriesValueColumns(l) + " FROM " + l.table + " WHERE ";
    if (l.channel) sql += std::string(l.channel) + " = ?1 AND ";
    sql += std::string("day = ?2 AND ") + l.feature + " = ?3";
    if (l.direction) sql += std::string(" AND ") + l.direction + " = ?4";
    Stmt& st = stmt(sql);
    sqlite3_bind_int64(st, 1, channel);
    sqlite3_bind_int64(st, 2, day);
    sqlite3_bind_int64(st, 3, feature);
    sqlite3_bind_int64(st, 4, direction);
    const bool found = st.step(l.table);
    if (found) {
      present = static_cast<std::uint32_t>(sqlite3_column_int64(st, 0));
      const SqliteRow row(st, 1);
      for (int i = 0; i < 24 * l.valueSets; ++i) values[i] = row.value(i);
    }
    sqlite3_reset(st);
    return found;
  }

  void write(const SeriesLayout& l, const std::vector<DayRowOut>& rows) override {
    const int n = (l.channel ? 1 : 0) + 2 + (l.direction ? 1 : 0) + 1 + 24 * l.valueSets;
    std::string values = "?";
    for (int i = 1; i < n; ++i) values += ",?";
    const std::string into = std::string(" INTO ") + l.table + " (" + seriesKeyColumns(l) + ", " + seriesValueColumns(l) +
                             ") VALUES (" + values + ")";
    Stmt& insert = stmt("INSERT" + into);
    Stmt& replace = stmt("INSERT OR REPLACE" + into);
    for (const auto& r : rows) {
      Stmt& st = r.replace ? replace : insert;
      int i = 0;
      if (l.channel) sqlite3_bind_int64(st, ++i, r.channel);
      sqlite3_bind_int64(st, ++i, r.day);
      sqlite3_bind_int64(st, ++i, r.feature);
      if (l.direction) sqlite3_bind_int64(st, ++i, r.direction);
      sqlite3_bind_int64(st, ++i, r.present);
      for (int k = 0; k < 24 * l.valueSets; ++k) {
        ++i;
        if (std::isnan(r.values[k])) sqlite3_bind_null(st, i);
        else sqlite3_bind_double(st, i, r.values[k]);
      }
      st.step(l.table);
      sqlite3_reset(st);
    }
  }

 private:
  Stmt& stmt(const std::string& sql) {
    auto& s = m_cache[sql];
    if (!s) s = std::make_unique<Stmt>(m_db, sql);
    return *s;
  }

  // Steps through the statement's rows (columns as rowColumns + day) and resets it.
  void each(const SeriesLayout& l, Stmt& st, const DayRowFn& fn) {
    const int present = l.direction ? 2 : 1;
    const int dayCol = present + 1 + 24 * l.valueSets;
    SqliteRow row(st, present + 1);
    try {
      while (st.step(l.table)) {
        row.feature = sqlite3_column_int64(st, 0);
        row.direction = l.direction ? sqlite3_column_int(st, 1) : 0;
        row.present = static_cast<std::uint32_t>(sqlite3_column_int64(st, present));
        row.day = sqlite3_column_int64(st, dayCol);
        fn(row);
      }
    } catch (...) {
      sqlite3_reset(st);
      throw;
    }
    sqlite3_reset(st);
  }

  // days() without the values: SQLite decodes only the columns a query names.
  void keysAndMasks(const SeriesLayout& l, std::optional<std::int64_t> channel, std::int64_t first, std::int64_t last,
                    const DayRowFn& fn) {
    std::string sql = std::string("SELECT ") + l.feature + ", " + (l.direction ? l.direction : "0") +
                      ", present, day FROM " + l.table + " WHERE ";
    if (l.channel && channel) sql += std::string(l.channel) + " = ?1 AND ";
    Stmt& st = stmt(sql + "day BETWEEN ?2 AND ?3");
    sqlite3_bind_int64(st, 1, channel.value_or(0));
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, last);
    SqliteRow row(st, 4);
    try {
      while (st.step(l.table)) {
        row.feature = sqlite3_column_int64(st, 0);
        row.direction = sqlite3_column_int(st, 1);
        row.present = static_cast<std::uint32_t>(sqlite3_column_int64(st, 2));
        row.day = sqlite3_column_int64(st, 3);
        fn(row);
      }
    } catch (...) {
      sqlite3_reset(st);
      throw;
    }
    sqlite3_reset(st);
  }

  // SQLite optimises a lone min() or max() into one probe of the key, not both in one query.
  std::optional<std::int64_t> edgeDay(const SeriesLayout& l, std::int64_t channel, bool last) {
    std::string sql = std::string("SELECT ") + (last ? "max" : "min") + "(day) FROM " + l.table;
    if (l.channel) sql += std::string(" WHERE ") + l.channel + " = ?1";
    Stmt& st = stmt(sql);
    sqlite3_bind_int64(st, 1, channel);
    std::optional<std::int64_t> out;
    if (st.step(l.table) && sqlite3_column_type(st, 0) != SQLITE_NULL) out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return out;
  }

  sqlite3* m_db;
  std::map<std::string, std::unique_ptr<Stmt>> m_cache;
};

}  // namespace

std::unique_ptr<SeriesRows> sqliteSeriesRows(sqlite3* db) { return std::make_unique<SqliteSeriesRows>(db); }

}  // namespace ekm::store
