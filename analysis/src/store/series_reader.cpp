// Reads of the people-flow series (day rows, see ekm/store/series.h): slices are one range
// scan of a day's rows, series one primary-key probe per day.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/series_totals.h"
#include "store/project_internal.h"
#include "store/series_layout.h"
#include "store/statement.h"

namespace ekm::store {

using core::StoreError;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double valueOrNaN(sqlite3_stmt* st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL ? kNaN : sqlite3_column_double(st, col);
}

// Column layout of the reads below: key columns after the channel, then present, values.
struct Cols {
  int feature = 0, direction = -1, present, values;
  explicit Cols(const SeriesLayout& l) {
    int i = 0;
    feature = i++;
    if (l.direction) direction = i++;
    present = i++;
    values = i;
  }
};

std::string selectSql(const SeriesLayout& l, bool series) {
  std::string sql = std::string("SELECT ") + l.feature;
  if (l.direction) sql += std::string(", ") + l.direction;
  sql += ", " + seriesValueColumns(l) + " FROM " + l.table + " WHERE ";
  if (l.channel) sql += std::string(l.channel) + " = ?1 AND ";
  sql += "day = ?2";
  if (series) sql += std::string(" AND ") + l.feature + " = ?3";
  return sql;
}

// Calls row(stmt) for each day row of (channel, day[, feature]).
template <class Row>
void eachDayRow(const Project& p, sqlite3_stmt* st, const SeriesLayout& l, std::int64_t channel, std::int64_t day,
                const std::int64_t* feature, Row&& row) {
  sqlite3_bind_int64(st, 1, channel);
  sqlite3_bind_int64(st, 2, day);
  if (feature) sqlite3_bind_int64(st, 3, *feature);
  for (;;) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      row(st);
      continue;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) checkSqlite(detail::connection(p), rc, std::string("reading ") + l.table);
    return;
  }
}

// The first or last day of the channel's rows (one probe of the primary key: SQLite
// optimises a lone min() or max(), not both in one query); nullopt when it has none.
std::optional<std::int64_t> edgeDay(const Project& p, const SeriesLayout& l, std::int64_t channel, bool last) {
  std::string sql = std::string("SELECT ") + (last ? "max" : "min") + "(day) FROM " + l.table;
  if (l.channel) sql += std::string(" WHERE ") + l.channel + " = ?1";
  Stmt st(detail::connection(p), sql);
  if (l.channel) sqlite3_bind_int64(st, 1, channel);
  if (!st.step(l.table) || sqlite3_column_type(st, 0) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(st, 0);
}

// The days of [from, to] that can hold rows of the channel (clamped to the table's days).
bool dayRange(const Project& p, const SeriesLayout& l, std::int64_t channel, core::HourKey from, core::HourKey to,
              std::int64_t& first, std::int64_t& last) {
  if (to < from) return false;
  const auto lo = edgeDay(p, l, channel, false);
  if (!lo) return false;
  const auto hi = edgeDay(p, l, channel, true);
  first = std::max(dayOf(from), *lo);
  last = std::min(dayOf(to), *hi);
  return first <= last;
}

// The 'both' row of a (feature, hour, mode) is the all-directions total when present;
// otherwise forward + backward (missing parts skipped; NaN only if every part is missing).
struct DirectionSum {
  double both = kNaN, sum = 0;
  bool any = false;
  void add(int direction, double v) {
    if (std::isnan(v)) return;
    if (direction == static_cast<int>(Direction::Both)) both = v;
    else {
      sum += v;
      any = true;
    }
  }
  double value() const { return !std::isnan(both) ? both : (any ? sum : kNaN); }
};

// Boardings + alightings; NaN only if both are missing.
double ridershipTotal(double boardings, double alightings) {
  if (std::isnan(boardings) && std::isnan(alightings)) return kNaN;
  return (std::isnan(boardings) ? 0 : boardings) + (std::isnan(alightings) ? 0 : alightings);
}

void checkHourRange(const Project& p, core::HourKey from, core::HourKey to) {
  if (to >= from && to - from > (std::int64_t{1} << 24))
    throw StoreError("series range too long", core::ErrorContext{p.path(), {}, {}, "to", "at most 2^24 hours",
                                                                 std::to_string(to - from + 1) + " hours"});
}

}  // namespace

std::vector<FeatureValue> Project::meshPopulationSlice(core::HourKey t, std::int64_t breakdownId) const {
  const auto& l = seriesLayout(SeriesKind::MeshPopulation);
  const Cols c(l);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  Stmt st(detail::connection(*this), selectSql(l, false));
  eachDayRow(*this, st, l, breakdownId, day, nullptr,
             [&](sqlite3_stmt* s) {
               if ((sqlite3_column_int64(s, c.present) >> h) & 1)
                 out.push_back(FeatureValue{sqlite3_column_int64(s, c.feature), valueOrNaN(s, c.values + h)});
             });
  return out;
}

std::vector<TimeValue> Project::meshPopulationSeries(std::int64_t cellFid, core::HourKey from, core::HourKey to,
                                                     std::int64_t breakdownId) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::MeshPopulation);
  const Cols c(l);
  std::vector<TimeValue> out;
  std::int64_t first = 0, last = 0;
  if (!dayRange(*this, l, breakdownId, from, to, first, last)) return out;
  out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(to - from + 1, (last - first + 1) * 24)));
  Stmt st(detail::connection(*this), selectSql(l, true));
  for (std::int64_t day = first; day <= last; ++day)
    eachDayRow(*this, st, l, breakdownId, day, &cellFid, [&](sqlite3_stmt* s) {
      const auto present = static_cast<std::uint32_t>(sqlite3_column_int64(s, c.present));
      for (int h = 0; h < 24; ++h) {
        const core::HourKey t = day * 24 + h;
        if ((present >> h) & 1u && t >= from && t <= to) out.push_back(TimeValue{t, valueOrNaN(s, c.values + h)});
      }
    });
  return out;
}

std::vector<FeatureValue> Project::segmentCountSlice(core::HourKey t, TravelMode mode) const {
  const auto& l = seriesLayout(SeriesKind::SegmentCounts);
  const Cols c(l);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  std::int64_t current = -1;
  DirectionSum sum;
  bool have = false;
  // Rows come ordered by segment, then direction.
  Stmt st(detail::connection(*this), selectSql(l, false));
  eachDayRow(*this, st, l, static_cast<int>(mode), day, nullptr,
             [&](sqlite3_stmt* s) {
               if (!((sqlite3_column_int64(s, c.present) >> h) & 1)) return;
               const std::int64_t seg = sqlite3_column_int64(s, c.feature);
               if (!have || seg != current) {
                 if (have) out.push_back(FeatureValue{current, sum.value()});
                 current = seg;
                 sum = DirectionSum{};
                 have = true;
               }
               sum.add(sqlite3_column_int(s, c.direction), valueOrNaN(s, c.values + h));
             });
  if (have) out.push_back(FeatureValue{current, sum.value()});
  return out;
}

std::vector<TimeValue> Project::segmentCountSeries(std::int64_t segmentFid, core::HourKey from, core::HourKey to,
                                                   TravelMode mode) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::SegmentCounts);
  const Cols c(l);
  std::vector<TimeValue> out;
  std::int64_t first = 0, last = 0;
  if (!dayRange(*this, l, static_cast<int>(mode), from, to, first, last)) return out;
  Stmt st(detail::connection(*this), selectSql(l, true));
  for (std::int64_t day = first; day <= last; ++day) {
    DirectionSum sums[24];
    std::uint32_t any = 0;
    eachDayRow(*this, st, l, static_cast<int>(mode), day, &segmentFid, [&](sqlite3_stmt* s) {
      const auto present = static_cast<std::uint32_t>(sqlite3_column_int64(s, c.present));
      any |= present;
      const int dir = sqlite3_column_int(s, c.direction);
      for (int h = 0; h < 24; ++h)
        if ((present >> h) & 1u) sums[h].add(dir, valueOrNaN(s, c.values + h));
    });
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = day * 24 + h;
      if ((any >> h) & 1u && t >= from && t <= to) out.push_back(TimeValue{t, sums[h].value()});
    }
  }
  return out;
}

std::vector<FeatureValue> Project::stationRidershipSlice(core::HourKey t) const {
  const auto& l = seriesLayout(SeriesKind::StationRidership);
  const Cols c(l);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  Stmt st(detail::connection(*this), selectSql(l, false));
  eachDayRow(*this, st, l, 0, day, nullptr, [&](sqlite3_stmt* s) {
    if ((sqlite3_column_int64(s, c.present) >> h) & 1)
      out.push_back(FeatureValue{sqlite3_column_int64(s, c.feature),
                                 ridershipTotal(valueOrNaN(s, c.values + h), valueOrNaN(s, c.values + 24 + h))});
  });
  return out;
}

std::vector<std::pair<TimeValue, TimeValue>> Project::stationRidershipSeries(std::int64_t stationFid,
                                                                             core::HourKey from,
                                                                             core::HourKey to) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::StationRidership);
  const Cols c(l);
  std::vector<std::pair<TimeValue, TimeValue>> out;
  std::int64_t first = 0, last = 0;
  if (!dayRange(*this, l, 0, from, to, first, last)) return out;
  Stmt st(detail::connection(*this), selectSql(l, true));
  for (std::int64_t day = first; day <= last; ++day)
    eachDayRow(*this, st, l, 0, day, &stationFid, [&](sqlite3_stmt* s) {
      const auto present = static_cast<std::uint32_t>(sqlite3_column_int64(s, c.present));
      for (int h = 0; h < 24; ++h) {
        const core::HourKey t = day * 24 + h;
        if ((present >> h) & 1u && t >= from && t <= to)
          out.emplace_back(TimeValue{t, valueOrNaN(s, c.values + h)}, TimeValue{t, valueOrNaN(s, c.values + 24 + h)});
      }
    });
  return out;
}

std::optional<TimeRange> Project::timeRange(const std::string& table) const {
  const SeriesLayout* l = seriesLayoutByName(table);
  if (!l)
    throw StoreError("not a time-series table: " + table,
                     core::ErrorContext{path(), {}, {}, "table", "mesh_population, segment_counts or station_ridership",
                                        table});
  Stmt st(detail::connection(*this), std::string("SELECT day, present FROM ") + l->table);
  TimeRange r;
  r.first = std::numeric_limits<core::HourKey>::max();
  r.last = std::numeric_limits<core::HourKey>::min();
  for (;;) {
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
      sqlite3_reset(st);
      if (rc != SQLITE_DONE) checkSqlite(detail::connection(*this), rc, std::string("reading ") + l->table);
      break;
    }
    const std::int64_t day = sqlite3_column_int64(st, 0);
    const auto present = static_cast<std::uint32_t>(sqlite3_column_int64(st, 1));
    if (!present) continue;
    r.rows += std::popcount(present);
    r.first = std::min(r.first, day * 24 + std::countr_zero(present));
    r.last = std::max(r.last, day * 24 + 31 - std::countl_zero(present));
  }
  if (r.rows == 0) return std::nullopt;
  return r;
}

std::vector<SeriesTotal> seriesTotals(const Project& project, SeriesKind kind, core::HourKey from, core::HourKey to,
                                      int channel) {
  const auto& l = seriesLayout(kind);
  const Cols c(l);
  std::vector<SeriesTotal> out;
  if (to < from) return out;
  std::string sql = std::string("SELECT ") + l.feature;
  if (l.direction) sql += std::string(", ") + l.direction;
  sql += ", " + seriesValueColumns(l) + ", day FROM " + l.table + " WHERE ";
  if (l.channel) sql += std::string(l.channel) + " = ?1 AND ";
  sql += "day BETWEEN ?2 AND ?3";
  Stmt st(detail::connection(project), sql);
  sqlite3_bind_int64(st, 1, channel);
  sqlite3_bind_int64(st, 2, dayOf(from));
  sqlite3_bind_int64(st, 3, dayOf(to));
  std::map<std::pair<std::int64_t, int>, SeriesTotal> totals;
  const int dayCol = c.values + 24 * l.valueSets;
  for (;;) {
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
      sqlite3_reset(st);
      if (rc != SQLITE_DONE) checkSqlite(detail::connection(project), rc, std::string("reading ") + l.table);
      break;
    }
    const std::int64_t day = sqlite3_column_int64(st, dayCol);
    std::uint32_t present = static_cast<std::uint32_t>(sqlite3_column_int64(st, c.present));
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = day * 24 + h;
      if (t < from || t > to) present &= ~(std::uint32_t{1} << h);
    }
    if (!present) continue;
    const std::int64_t feature = sqlite3_column_int64(st, c.feature);
    const int dir = c.direction >= 0 ? sqlite3_column_int(st, c.direction) : 0;
    auto& t = totals[{feature, dir}];
    t.featureFid = feature;
    t.direction = dir;
    for (int h = 0; h < 24; ++h) {
      if (!((present >> h) & 1u)) continue;
      bool any = false;
      for (int v = 0; v < l.valueSets; ++v) {
        const double x = valueOrNaN(st, c.values + 24 * v + h);
        if (std::isnan(x)) continue;
        t.sum += x;
        any = true;
      }
      if (any) ++t.values;
    }
  }
  for (auto& [k, t] : totals) out.push_back(t);
  return out;
}

std::vector<std::int64_t> seriesFeatures(const Project& project, SeriesKind kind) {
  const auto& l = seriesLayout(kind);
  Stmt st(detail::connection(project), std::string("SELECT DISTINCT ") + l.feature + " FROM " + l.table + " ORDER BY 1");
  std::vector<std::int64_t> out;
  for (;;) {
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
      sqlite3_reset(st);
      if (rc != SQLITE_DONE) checkSqlite(detail::connection(project), rc, std::string("reading ") + l.table);
      break;
    }
    out.push_back(sqlite3_column_int64(st, 0));
  }
  return out;
}

}  // namespace ekm::store
