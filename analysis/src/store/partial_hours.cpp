// Partly observed hours of the people-flow series (see ekm/store/partial_hours.h), on either
// backend (record_sql.h).
#include "ekm/store/partial_hours.h"

#include <cmath>
#include <cstdio>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "store/record_sql.h"
#include "store/series_layout.h"

namespace ekm::store {

namespace {

constexpr const char* kColumns = "series, feature_fid, t_hour, channel, direction, covered_s, periods";

PartialHour fromRow(const SqlRow& r) {
  PartialHour h;
  const std::string series = r.text(0);
  h.kind = series == seriesKindTable(SeriesKind::StationRidership) ? SeriesKind::StationRidership
           : series == seriesKindTable(SeriesKind::MeshPopulation) ? SeriesKind::MeshPopulation
                                                                   : SeriesKind::SegmentCounts;
  h.featureFid = r.integer(1);
  h.hour = r.integer(2);
  h.channel = static_cast<int>(r.integer(3));
  h.direction = static_cast<int>(r.integer(4));
  h.coveredS = r.integer(5);
  h.periods = r.text(6);
  return h;
}

std::vector<SqlValue> keyOf(SeriesKind kind, std::int64_t fid, core::HourKey hour, int channel, int direction) {
  return {std::string(seriesKindTable(kind)), fid, static_cast<std::int64_t>(hour), std::int64_t{channel},
          std::int64_t{direction}};
}

constexpr const char* kWhereKey = "series = ?1 AND feature_fid = ?2 AND t_hour = ?3 AND channel = ?4 AND direction = ?5";

}  // namespace

std::optional<PartialHour> partialHour(const Project& project, SeriesKind kind, std::int64_t featureFid,
                                       core::HourKey hour, int channel, int direction) {
  std::optional<PartialHour> out;
  recordSql(project)->run(std::string("SELECT ") + kColumns + " FROM partial_hours WHERE " + kWhereKey,
                          keyOf(kind, featureFid, hour, channel, direction),
                          [&](const SqlRow& r) { out = fromRow(r); });
  return out;
}

std::vector<PartialHour> partialHours(const Project& project, SeriesKind kind) {
  std::vector<PartialHour> out;
  recordSql(project)->run(std::string("SELECT ") + kColumns +
                              " FROM partial_hours WHERE series = ?1 ORDER BY feature_fid, t_hour, channel, direction",
                          {std::string(seriesKindTable(kind))}, [&](const SqlRow& r) { out.push_back(fromRow(r)); });
  return out;
}

void savePartialHour(Project& project, const PartialHour& h) {
  auto sql = recordSql(project);
  bool updated = false;
  const std::vector<SqlValue> params = {std::string(seriesKindTable(h.kind)), h.featureFid,
                                        static_cast<std::int64_t>(h.hour), std::int64_t{h.channel},
                                        std::int64_t{h.direction}, h.coveredS, h.periods};
  sql->run(std::string("UPDATE partial_hours SET covered_s = ?6, periods = ?7 WHERE ") + kWhereKey + " RETURNING fid",
           params, [&](const SqlRow&) { updated = true; });
  if (!updated)
    sql->insert("partial_hours", {"series", "feature_fid", "t_hour", "channel", "direction", "covered_s", "periods"},
                params);
  sql->touch({"partial_hours"});
}

void clearPartialHour(Project& project, SeriesKind kind, std::int64_t featureFid, core::HourKey hour, int channel,
                      int direction) {
  auto sql = recordSql(project);
  sql->run(std::string("DELETE FROM partial_hours WHERE ") + kWhereKey, keyOf(kind, featureFid, hour, channel, direction));
  sql->touch({"partial_hours"});
}

double addToStoredHour(Project& project, SeriesKind kind, std::int64_t featureFid, core::HourKey hour, int channel,
                     int direction, double value, double second) {
  const SeriesLayout& l = seriesLayout(kind);
  const std::int64_t day = dayOf(hour);
  const int h = static_cast<int>(hour - 24 * day);
  char col[2][8];
  for (int v = 0; v < 2; ++v) std::snprintf(col[v], sizeof col[v], "%c%02d", l.prefixes[v], h);
  // ?1 day, ?2 feature, ?3 (and ?4) the values to add; the channel and direction are
  // integers written into the statement.
  const bool add0 = l.valueSets >= 1 && !std::isnan(value), add1 = l.valueSets >= 2 && !std::isnan(second);
  if (!add0 && !add1) return std::nan("");
  const std::vector<SqlValue> params = add0 && add1 ? std::vector<SqlValue>{day, featureFid, value, second}
                                       : add0       ? std::vector<SqlValue>{day, featureFid, value}
                                                    : std::vector<SqlValue>{day, featureFid, second};
  std::string set;
  int next = 3;
  for (int v = 0; v < 2; ++v)
    if (v == 0 ? add0 : add1)
      set += std::string(set.empty() ? "" : ", ") + col[v] + " = COALESCE(" + col[v] + ", 0) + ?" +
             std::to_string(next++);
  std::string where = std::string("day = ?1 AND ") + l.feature + " = ?2";
  if (l.channel) where += std::string(" AND ") + l.channel + " = " + std::to_string(channel);
  if (l.direction) where += std::string(" AND ") + l.direction + " = " + std::to_string(direction);
  // The hour's bit in `present`: the row must hold this hour already.
  where += " AND (present & " + std::to_string(std::int64_t{1} << h) + ") <> 0";
  bool found = false;
  double now = std::nan("");
  recordSql(project)->run(std::string("UPDATE ") + l.table + " SET " + set + " WHERE " + where + " RETURNING " + col[0],
                          params, [&](const SqlRow& r) {
                            found = true;
                            if (!r.isNull(0)) now = r.real(0);
                          });
  if (!found)
    throw core::StoreError("no stored hour to add to",
                     core::ErrorContext{project.path(), std::nullopt, featureFid, seriesKindTable(kind),
                                        "an hour already in the project", core::formatHourKeyJst(hour)});
  return now;
}

std::string partialHoursTableSql() {
  return R"SQL(
CREATE TABLE IF NOT EXISTS partial_hours (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  series TEXT NOT NULL,
  feature_fid INTEGER NOT NULL,
  t_hour INTEGER NOT NULL,
  channel INTEGER NOT NULL DEFAULT 0,
  direction INTEGER NOT NULL DEFAULT 0,
  covered_s INTEGER NOT NULL,
  periods TEXT NOT NULL,
  UNIQUE (series, feature_fid, t_hour, channel, direction)
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('partial_hours', 'attributes', 'partial_hours',
   'Hours of segment_counts / station_ridership only partly observed (stored with the sum observed; covered_s seconds)');
)SQL";
}

}  // namespace ekm::store
