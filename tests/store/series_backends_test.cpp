// The series store on both backends (SQLite and PostgreSQL, backend_fixture.h): bulk writes
// that flush and continue day rows, totals against sums computed here from the values
// written, missing kept apart from zero, uncommitted writes leaving nothing, and the two
// backends giving the same answer to every read of the same values.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/series.h"
#include "ekm/store/series_totals.h"
#include "random_series.h"
#include "store_fixture.h"

namespace {

using namespace ekm::store;
using ekm::core::HourKey;
using store_test::Backend;

class SeriesBackends : public store_test::OnEachBackend {
 protected:
  SeriesBackends() : OnEachBackend("series") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, SeriesBackends, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

void writeAll(Project& p, const std::vector<store_test::Value>& values) {
  Transaction tx(p);
  SeriesWriter w[3] = {SeriesWriter(p, SeriesKind::MeshPopulation), SeriesWriter(p, SeriesKind::SegmentCounts),
                       SeriesWriter(p, SeriesKind::StationRidership)};
  for (const auto& v : values)
    if (!w[static_cast<int>(v.kind)].add(v.fid, v.t, v.channel, v.dir, v.v, v.v2)) throw std::runtime_error("duplicate");
  for (auto& x : w) x.finish();
  tx.commit();
}

TEST_P(SeriesBackends, ManyDaysFlushAndContinueRows) {
  // More rows than the writer buffers, in cell-major order (every cell's whole period in
  // turn), then a second import continuing the same days: nothing lost or doubled.
  Project p = Project::create(m_location);
  const int cells = 400, days = 400;
  {
    Transaction tx(p);
    SeriesWriter w(p, SeriesKind::MeshPopulation);
    for (int c = 1; c <= cells; ++c)
      for (HourKey t = 0; t < days * 24; t += 2) ASSERT_TRUE(w.add(c, fixture::kT0 + t, 0, 0, c + t % 7));
    w.finish();
    tx.commit();
  }
  {
    Transaction tx(p);
    SeriesWriter w(p, SeriesKind::MeshPopulation);
    for (int c = 1; c <= cells; c += 3)
      for (HourKey t = 1; t < days * 24; t += 2) ASSERT_TRUE(w.add(c, fixture::kT0 + t, 0, 0, t % 2 ? fixture::kNaN : 1));
    EXPECT_FALSE(w.add(5, fixture::kT0 + 2, 0, 0, 1));  // stored by the first import
    w.finish();
    tx.commit();
  }
  const auto range = p.timeRange("mesh_population");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->rows, static_cast<long long>(cells) * days * 12 + ((cells + 2) / 3) * days * 12);
  const auto s = p.meshPopulationSeries(4, fixture::kT0, fixture::kT0 + days * 24 - 1);
  ASSERT_EQ(s.size(), static_cast<std::size_t>(days * 24));
  EXPECT_EQ(s[0].value, 4);
  EXPECT_TRUE(std::isnan(s[1].value));
  EXPECT_EQ(s[2].value, 4 + 2);
  const auto s2 = p.meshPopulationSeries(5, fixture::kT0, fixture::kT0 + days * 24 - 1);
  EXPECT_EQ(s2.size(), static_cast<std::size_t>(days * 12));
}

TEST_P(SeriesBackends, TotalsMatchSumsOfTheValuesWritten) {
  Project p = Project::create(m_location);
  const auto values = store_test::randomValues(11, 5000);
  writeAll(p, values);
  const HourKey from = fixture::kT0 + 5, to = fixture::kT0 + 20 * 24 + 7;
  for (int mode = 0; mode < 3; ++mode) {
    std::map<std::pair<std::int64_t, int>, std::pair<double, int>> expected;  // (fid, dir) -> sum, values
    std::set<std::pair<std::int64_t, int>> rows;
    for (const auto& v : values) {
      if (v.kind != SeriesKind::SegmentCounts || v.channel != mode || v.t < from || v.t > to) continue;
      rows.insert({v.fid, v.dir});
      auto& e = expected[{v.fid, v.dir}];
      if (!std::isnan(v.v)) e.first += v.v, ++e.second;
    }
    const auto totals = seriesTotals(p, SeriesKind::SegmentCounts, from, to, mode);
    ASSERT_EQ(totals.size(), rows.size()) << "mode " << mode;
    for (const auto& t : totals) {
      const auto& e = expected[{t.featureFid, t.direction}];
      EXPECT_DOUBLE_EQ(t.sum, e.first) << t.featureFid << "/" << t.direction;
      EXPECT_EQ(t.values, e.second);
    }
  }
  std::set<std::int64_t> cells;
  for (const auto& v : values)
    if (v.kind == SeriesKind::MeshPopulation) cells.insert(v.fid);
  const auto features = seriesFeatures(p, SeriesKind::MeshPopulation);
  EXPECT_EQ(std::vector<std::int64_t>(cells.begin(), cells.end()), features);
}

TEST_P(SeriesBackends, MissingStaysDistinctFromZero) {
  Project p = Project::create(m_location);
  {
    Transaction tx(p);
    SeriesWriter w(p, SeriesKind::MeshPopulation);
    ASSERT_TRUE(w.add(1, fixture::kT0, 0, 0, 0.0));
    ASSERT_TRUE(w.add(2, fixture::kT0, 0, 0, fixture::kNaN));
    ASSERT_TRUE(w.add(1, fixture::kT0 + 1, 0, 0, -0.25));
    w.finish();
    tx.commit();
  }
  const auto slice = p.meshPopulationSlice(fixture::kT0);
  ASSERT_EQ(slice.size(), 2u);
  EXPECT_EQ(slice[0].value, 0.0);
  EXPECT_FALSE(std::isnan(slice[0].value));
  EXPECT_TRUE(std::isnan(slice[1].value));
  // Cell 2 has no row at kT0 + 1: absent, not missing and not zero.
  const auto next = p.meshPopulationSlice(fixture::kT0 + 1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].value, -0.25);
  EXPECT_EQ(p.timeRange("mesh_population")->rows, 3);
}

TEST_P(SeriesBackends, UncommittedWritesLeaveNothing) {
  Project p = Project::create(m_location);
  EXPECT_FALSE(p.timeRange("mesh_population").has_value());
  {
    Transaction tx(p);
    FeatureWriter cells(p, FeatureTable::MeshCells);
    MeshCellRecord c{0, "533935772", "1/8", 35.63, 139.73, 35.64, 139.74};
    ASSERT_TRUE(cells.add(c).has_value());
    EXPECT_FALSE(cells.add(c).has_value());  // the same natural id again
    SeriesWriter w(p, SeriesKind::MeshPopulation);
    ASSERT_TRUE(w.add(1, fixture::kT0, 0, 0, 5));
    w.finish();
    logImport(p, "/x.csv", "f00", "mesh-population", 1, "{}");
  }  // no commit
  EXPECT_FALSE(p.timeRange("mesh_population").has_value());
  EXPECT_TRUE(p.meshCells().empty());
  EXPECT_TRUE(p.importLog().empty());
  EXPECT_FALSE(isImported(p, "f00"));
}

// Every slice and series of the same random values, read from a GeoPackage and from
// PostgreSQL: the same features, hours and values (NaN where NaN).
TEST(SeriesBackendsAgree, SameReadsOnBothBackends) {
  ekm_test::TempDir dir{"series_agree"};
  std::string whyNot;
  const std::string pgLocation = store_test::newLocation(Backend::PostgreSQL, dir, "agree", whyNot);
  if (pgLocation.empty()) GTEST_SKIP() << whyNot;
  const auto values = store_test::randomValues(23, 4000);
  Project a = Project::create(dir.str("agree.gpkg"));
  Project b = Project::create(pgLocation);
  writeAll(a, values);
  writeAll(b, values);
  auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
  const auto range = a.timeRange("mesh_population");
  ASSERT_TRUE(range);
  const auto rangeB = b.timeRange("mesh_population");
  ASSERT_TRUE(rangeB);
  EXPECT_EQ(range->first, rangeB->first);
  EXPECT_EQ(range->last, rangeB->last);
  EXPECT_EQ(range->rows, rangeB->rows);
  int compared = 0;
  for (HourKey t = range->first - 1; t <= range->last + 1; t += 5) {
    for (int breakdown = 0; breakdown < 2; ++breakdown) {
      const auto x = a.meshPopulationSlice(t, breakdown), y = b.meshPopulationSlice(t, breakdown);
      ASSERT_EQ(x.size(), y.size()) << t;
      for (std::size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(x[i].fid, y[i].fid);
        EXPECT_TRUE(same(x[i].value, y[i].value)) << t << " " << x[i].value << " " << y[i].value;
        ++compared;
      }
    }
    for (int mode = 0; mode < 3; ++mode) {
      const auto x = a.segmentCountSlice(t, static_cast<TravelMode>(mode));
      const auto y = b.segmentCountSlice(t, static_cast<TravelMode>(mode));
      ASSERT_EQ(x.size(), y.size()) << t;
      for (std::size_t i = 0; i < x.size(); ++i) EXPECT_TRUE(x[i].fid == y[i].fid && same(x[i].value, y[i].value));
    }
    const auto x = a.stationRidershipSlice(t), y = b.stationRidershipSlice(t);
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t i = 0; i < x.size(); ++i) EXPECT_TRUE(x[i].fid == y[i].fid && same(x[i].value, y[i].value));
  }
  EXPECT_GT(compared, 100);
  for (std::int64_t fid = 11; fid <= 13; ++fid) {
    const auto x = a.meshPopulationSeries(fid, range->first - 30, range->last + 30, 1);
    const auto y = b.meshPopulationSeries(fid, range->first - 30, range->last + 30, 1);
    ASSERT_EQ(x.size(), y.size());
    for (std::size_t i = 0; i < x.size(); ++i) EXPECT_TRUE(x[i].t == y[i].t && same(x[i].value, y[i].value));
    const auto u = a.segmentCountSeries(fid, range->first, range->last, TravelMode::Vehicle);
    const auto v = b.segmentCountSeries(fid, range->first, range->last, TravelMode::Vehicle);
    ASSERT_EQ(u.size(), v.size());
    for (std::size_t i = 0; i < u.size(); ++i) EXPECT_TRUE(u[i].t == v[i].t && same(u[i].value, v[i].value));
    const auto r = a.stationRidershipSeries(fid, range->first, range->last);
    const auto q = b.stationRidershipSeries(fid, range->first, range->last);
    ASSERT_EQ(r.size(), q.size());
    for (std::size_t i = 0; i < r.size(); ++i)
      EXPECT_TRUE(r[i].first.t == q[i].first.t && same(r[i].first.value, q[i].first.value) &&
                  same(r[i].second.value, q[i].second.value));
  }
}

}  // namespace
