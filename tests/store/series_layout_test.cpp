// The day-row series layout (schema version 6): the writer against the long views, missing
// vs absent vs zero, duplicates, big unordered loads, and the 5 -> 6 migration compared
// value by value with the version-5 tables it replaces.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/project.h"
#include "ekm/store/series.h"
#include "ekm/store/schema_version.h"
#include "ekm/store/series_totals.h"
#include "random_series.h"
#include "store_fixture.h"
#include "store_test_util.h"
#include "v5_layout.h"

using namespace ekm::store;
using ekm::core::HourKey;
using store_test::randomValues;

namespace {

// One hourly row of a long view (the v5 table or the v6 view): every column as text, so
// NULL ("null") stays distinct from 0.
using LongRows = std::vector<std::string>;

LongRows longRows(sqlite3* db, const std::string& table) {
  sqlite3_stmt* st = nullptr;
  const std::string sql = "SELECT * FROM " + table + " ORDER BY fid";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  LongRows out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      row += sqlite3_column_name(st, c);
      row += '=';
      if (sqlite3_column_type(st, c) == SQLITE_NULL) row += "null";
      else row += std::to_string(sqlite3_column_double(st, c));
      row += ' ';
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  return out;
}

}  // namespace

TEST(SeriesLayout, FiveToSixMigrationKeepsEveryValue) {
  TempDir dir;
  const auto path = dir.str("v5.gpkg");
  const auto values = randomValues(42, 6000);
  std::map<std::string, LongRows> before;
  {
    Project p = Project::create(path);
    fixture::fill(p);
    sqlite3* db = ekm_test::sql(p);
    fixture::toV5Tables(db);
    {
      fixture::V5Writer w(db);
      fixture::seriesValues(w);
      for (const auto& v : values) w(v.kind, v.fid, v.t, v.channel, v.dir, v.v, v.v2);
    }
    for (const char* t : {"mesh_population", "segment_counts", "station_ridership"}) before[t] = longRows(db, t);
    p.setMeta("schema_version", "5");
  }
  std::size_t fixtureValues = 0;
  fixture::seriesValues([&](auto&&...) { ++fixtureValues; });
  EXPECT_EQ(before["mesh_population"].size() + before["segment_counts"].size() + before["station_ridership"].size(),
            values.size() + fixtureValues);
  // Reference reads on the version-5 file, with the readers of this version's layout
  // being compared below against the plain SQL answer.
  {
    Project p = Project::open(path);
    EXPECT_EQ(p.schemaVersion(), kProjectSchemaVersion);
    sqlite3* db = ekm_test::sql(p);
    EXPECT_EQ(queryInt(db, "SELECT count(*) FROM sqlite_master WHERE name = 'mesh_population' AND type = 'view'"), 1);
    EXPECT_EQ(queryInt(db, "SELECT count(*) FROM sqlite_master WHERE name = 'idx_mesh_population_series'"), 0);
    for (const char* t : {"mesh_population", "segment_counts", "station_ridership"}) {
      const auto after = longRows(db, t);
      ASSERT_EQ(after.size(), before[t].size()) << t;
      for (std::size_t i = 0; i < after.size(); ++i) ASSERT_EQ(after[i], before[t][i]) << t << " row " << i;
    }
    // Missing stays missing (the fixture's cell 2 at hour 5), absent stays absent.
    const auto series = p.meshPopulationSeries(2, fixture::kT0, fixture::kT0 + 47);
    ASSERT_EQ(series.size(), 48u);
    EXPECT_TRUE(std::isnan(series[5].value));
    EXPECT_EQ(series[6].value, 206);
    EXPECT_EQ(static_cast<long long>(p.meshPopulationSeries(11, fixture::kT0 - 100, fixture::kT0 + 1000).size()),
              queryInt(db, "SELECT count(*) FROM mesh_population WHERE cell_fid = 11 AND breakdown_id = 0"));
  }
}

TEST(SeriesLayout, WriterMatchesVersionFiveTablesValueByValue) {
  // The same values written the old way (v5 SQL) and through SeriesWriter read back
  // identically through the long view, and the typed readers agree with plain SQL.
  TempDir dir;
  const auto values = randomValues(7, 20000);
  LongRows oldRows[3], newRows[3];
  const char* tables[] = {"mesh_population", "segment_counts", "station_ridership"};
  {
    Project p = Project::create(dir.str("old.gpkg"));
    sqlite3* db = ekm_test::sql(p);
    fixture::toV5Tables(db);
    fixture::V5Writer w(db);
    for (const auto& v : values) w(v.kind, v.fid, v.t, v.channel, v.dir, v.v, v.v2);
    for (int i = 0; i < 3; ++i) oldRows[i] = longRows(db, tables[i]);
  }
  Project p = Project::create(dir.str("new.gpkg"));
  {
    Transaction tx(p);
    SeriesWriter w[3] = {SeriesWriter(p, SeriesKind::MeshPopulation), SeriesWriter(p, SeriesKind::SegmentCounts),
                         SeriesWriter(p, SeriesKind::StationRidership)};
    for (const auto& v : values)
      ASSERT_TRUE(w[static_cast<int>(v.kind)].add(v.fid, v.t, v.channel, v.dir, v.v, v.v2));
    // A second value for a key is refused, in the buffer ...
    const auto& first = values.front();
    EXPECT_FALSE(w[static_cast<int>(first.kind)].add(first.fid, first.t, first.channel, first.dir, 1, 1));
    for (auto& x : w) x.finish();
    tx.commit();
  }
  for (int i = 0; i < 3; ++i) {
    newRows[i] = longRows(ekm_test::sql(p), tables[i]);
    ASSERT_EQ(newRows[i].size(), oldRows[i].size()) << tables[i];
    for (std::size_t r = 0; r < newRows[i].size(); ++r) ASSERT_EQ(newRows[i][r], oldRows[i][r]) << tables[i];
  }
  // ... and against the project (a later import).
  {
    Transaction tx(p);
    SeriesWriter w(p, values.front().kind);
    const auto& first = values.front();
    EXPECT_FALSE(w.add(first.fid, first.t, first.channel, first.dir, 1, 1));
  }
  // Typed readers vs SQL on the long view.
  for (HourKey t = fixture::kT0 - 30; t < fixture::kT0 + 40 * 24; t += 37) {
    const auto slice = p.meshPopulationSlice(t, 1);
    EXPECT_EQ(static_cast<long long>(slice.size()),
              queryInt(ekm_test::sql(p), "SELECT count(*) FROM mesh_population WHERE breakdown_id = 1 AND t_hour = " +
                                      std::to_string(t)));
    for (const auto& fv : slice) {
      // Values are multiples of 1/4: compare four times them as integers (-4 = missing).
      const auto sql = "SELECT CAST(coalesce(population * 4, -4) AS INTEGER) FROM mesh_population WHERE "
                       "breakdown_id = 1 AND t_hour = " + std::to_string(t) + " AND cell_fid = " + std::to_string(fv.fid);
      EXPECT_EQ(std::isnan(fv.value) ? -4 : std::llround(fv.value * 4), queryInt(ekm_test::sql(p), sql)) << sql;
    }
  }
  const auto range = p.timeRange("station_ridership");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->rows, static_cast<long long>(oldRows[2].size()));
  EXPECT_EQ(range->first, queryInt(ekm_test::sql(p), "SELECT min(t_hour) FROM station_ridership"));
  EXPECT_EQ(range->last, queryInt(ekm_test::sql(p), "SELECT max(t_hour) FROM station_ridership"));
  const auto rs = p.stationRidershipSeries(12, range->first, range->last);
  EXPECT_EQ(static_cast<long long>(rs.size()),
            queryInt(ekm_test::sql(p), "SELECT count(*) FROM station_ridership WHERE station_fid = 12"));
  const auto cs = p.segmentCountSeries(11, range->first - 48, range->last + 48, TravelMode::Vehicle);
  EXPECT_EQ(static_cast<long long>(cs.size()),
            queryInt(ekm_test::sql(p), "SELECT count(DISTINCT t_hour) FROM segment_counts WHERE segment_fid = 11 AND mode = 2"));
}

TEST(SeriesLayout, TotalsAndFeaturesAgreeWithSqlOnTheLongView) {
  TempDir dir;
  Project p = Project::create(dir.str("totals.gpkg"));
  const auto values = randomValues(11, 5000);
  {
    Transaction tx(p);
    SeriesWriter w[3] = {SeriesWriter(p, SeriesKind::MeshPopulation), SeriesWriter(p, SeriesKind::SegmentCounts),
                         SeriesWriter(p, SeriesKind::StationRidership)};
    for (const auto& v : values) ASSERT_TRUE(w[static_cast<int>(v.kind)].add(v.fid, v.t, v.channel, v.dir, v.v, v.v2));
    for (auto& x : w) x.finish();
    tx.commit();
  }
  const HourKey from = fixture::kT0 + 5, to = fixture::kT0 + 20 * 24 + 7;
  for (int mode = 0; mode < 3; ++mode) {
    const auto totals = seriesTotals(p, SeriesKind::SegmentCounts, from, to, mode);
    const std::string where = " FROM segment_counts WHERE mode = " + std::to_string(mode) + " AND t_hour BETWEEN " +
                              std::to_string(from) + " AND " + std::to_string(to);
    EXPECT_EQ(static_cast<long long>(totals.size()),
              queryInt(ekm_test::sql(p), "SELECT count(*) FROM (SELECT DISTINCT segment_fid, direction" + where + ")"));
    for (const auto& t : totals) {
      const std::string one = where + " AND segment_fid = " + std::to_string(t.featureFid) +
                              " AND direction = " + std::to_string(t.direction);
      EXPECT_EQ(t.values, queryInt(ekm_test::sql(p), "SELECT count(count)" + one));
      EXPECT_EQ(static_cast<long long>(std::llround(t.sum * 4)),
                queryInt(ekm_test::sql(p), "SELECT CAST(round(coalesce(sum(count), 0) * 4) AS INTEGER)" + one));
    }
  }
  const auto cells = seriesFeatures(p, SeriesKind::MeshPopulation);
  EXPECT_EQ(static_cast<long long>(cells.size()), queryInt(ekm_test::sql(p), "SELECT count(DISTINCT cell_fid) FROM mesh_population"));
  EXPECT_TRUE(std::is_sorted(cells.begin(), cells.end()));
}
