// Partly observed hours (ekm/store/partial_hours.h) on both backends: a flag saved, read,
// updated and cleared; an addition to a stored hour lands in that hour only (the other hours
// of its day row, direction and mode untouched); an hour without a row is refused; and the
// 8 -> 9 migration adds the table to a GeoPackage project that lacks it.
#include <gtest/gtest.h>

#include <cmath>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/store/partial_hours.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "ekm/store/series.h"
#include "store_fixture.h"
#include "store_test_util.h"
#include "support/project_sql.h"

namespace {

using namespace ekm::store;
using ekm::core::HourKey;
using store_test::Backend;

class PartialHours : public store_test::OnEachBackend {
 protected:
  PartialHours() : OnEachBackend("partial") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, PartialHours, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

// Pedestrians on the segment at t, both directions summed.
double segmentValue(const Project& p, std::int64_t fid, HourKey t) {
  for (const auto& v : p.segmentCountSeries(fid, t, t, TravelMode::Pedestrian)) return v.value;
  return -1;
}

TEST_P(PartialHours, FlagAddAndClear) {
  Project p = Project::create(m_location);
  const HourKey t = fixture::kT0 + 9;  // a day row with other hours around it
  {
    Transaction tx(p);
    SeriesWriter seg(p, SeriesKind::SegmentCounts);
    ASSERT_TRUE(seg.add(7, t - 1, 0, 1, 5.0));
    ASSERT_TRUE(seg.add(7, t, 0, 1, 20.0));
    ASSERT_TRUE(seg.add(7, t, 0, 2, 11.0));
    ASSERT_TRUE(seg.add(7, t + 1, 0, 1, 6.0));
    seg.finish();
    SeriesWriter sta(p, SeriesKind::StationRidership);
    ASSERT_TRUE(sta.add(3, t, 0, 0, 4.0, std::nan("")));
    sta.finish();
    savePartialHour(p, {SeriesKind::SegmentCounts, 7, t, 0, 1, 1200, R"({"cam/peopleCount": [[0, 1200]]})"});
    tx.commit();
  }
  EXPECT_FALSE(partialHour(p, SeriesKind::SegmentCounts, 7, t, 0, 2));  // the other direction is complete
  EXPECT_FALSE(partialHour(p, SeriesKind::StationRidership, 7, t, 0, 1));
  auto h = partialHour(p, SeriesKind::SegmentCounts, 7, t, 0, 1);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->coveredS, 1200);
  EXPECT_EQ(h->periods, R"({"cam/peopleCount": [[0, 1200]]})");
  {
    Transaction tx(p);
    EXPECT_EQ(addToStoredHour(p, SeriesKind::SegmentCounts, 7, t, 0, 1, 70.0, std::nan("")), 90.0);
    h->coveredS = 2400;
    savePartialHour(p, *h);  // updated, not a second row
    // Station alightings missing so far: counted from 0; boardings untouched by NaN.
    EXPECT_EQ(addToStoredHour(p, SeriesKind::StationRidership, 3, t, 0, 0, std::nan(""), 8.0), 4.0);
    tx.commit();
  }
  EXPECT_EQ(segmentValue(p, 7, t), 90.0 + 11.0);  // forward 20 + 70, backward untouched
  EXPECT_EQ(segmentValue(p, 7, t - 1), 5.0);
  EXPECT_EQ(segmentValue(p, 7, t + 1), 6.0);
  const auto rides = p.stationRidershipSeries(3, t, t);
  ASSERT_EQ(rides.size(), 1u);
  EXPECT_EQ(rides[0].first.value, 4.0);
  EXPECT_EQ(rides[0].second.value, 8.0);
  ASSERT_EQ(partialHours(p, SeriesKind::SegmentCounts).size(), 1u);
  EXPECT_EQ(partialHours(p, SeriesKind::SegmentCounts)[0].coveredS, 2400);
  // No row for that hour: refused (nothing to complete).
  {
    Transaction tx(p);
    EXPECT_THROW(addToStoredHour(p, SeriesKind::SegmentCounts, 7, t + 5, 0, 1, 1.0, std::nan("")),
                 ekm::core::StoreError);
    clearPartialHour(p, SeriesKind::SegmentCounts, 7, t, 0, 1);
    tx.commit();
  }
  EXPECT_TRUE(partialHours(p, SeriesKind::SegmentCounts).empty());
}

TEST(PartialHoursMigration, Version8GainsTheTable) {
  ekm_test::TempDir dir;
  const auto path = dir.str("v8.gpkg");
  {
    Project p = Project::create(path);
    exec(ekm_test::sql(p), "DROP TABLE partial_hours; DELETE FROM gpkg_contents WHERE table_name = 'partial_hours'");
    p.setMeta("schema_version", "8");
  }
  Project p = Project::open(path);
  EXPECT_EQ(p.schemaVersion(), kProjectSchemaVersion);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM partial_hours"), 0);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM gpkg_contents WHERE table_name = 'partial_hours'"), 1);
  EXPECT_TRUE(partialHours(p, SeriesKind::SegmentCounts).empty());
}

}  // namespace
