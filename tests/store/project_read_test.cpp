// Reads: features, slices, series, time ranges, import log; missing values are NaN.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/catalog.h"
#include "ekm/store/project.h"
#include "backend_fixture.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm;
using namespace ekm::store;
using fixture::kT0;

// Runs on both backends: the GeoPackage filled with the importers' SQL (store_fixture.h),
// PostgreSQL through the typed writers; the same answers are expected from both.
class ProjectRead : public ::testing::TestWithParam<store_test::Backend> {
 protected:
  void SetUp() override {
    std::string whyNot;
    m_path = store_test::newLocation(GetParam(), m_dir, "read", whyNot);
    if (m_path.empty()) GTEST_SKIP() << whyNot;
    Project p = Project::create(m_path);
    if (GetParam() == store_test::Backend::SQLite) fixture::fill(p);
    else store_test::fillTyped(p);
  }
  bool sqlite() const { return GetParam() == store_test::Backend::SQLite; }
  TempDir m_dir;
  std::string m_path;
};

INSTANTIATE_TEST_SUITE_P(Backends, ProjectRead,
                         ::testing::Values(store_test::Backend::SQLite, store_test::Backend::PostgreSQL),
                         store_test::backendName);

TEST_P(ProjectRead, Features) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  const auto cells = p.meshCells();
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].fid, 1);
  EXPECT_EQ(cells[1].meshCode, "533935773");
  EXPECT_EQ(cells[1].level, "1/8");
  EXPECT_DOUBLE_EQ(cells[1].west, 139.7375 + 0.0015625);
  EXPECT_DOUBLE_EQ(cells[1].east, 139.7375 + 2 * 0.0015625);
  EXPECT_DOUBLE_EQ(cells[1].south, 35.6333333333);

  const auto segs = p.segments();
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].segmentId, "S1");
  EXPECT_EQ(segs[0].name, "国道15号");
  EXPECT_EQ(segs[0].roadClass, "primary");
  EXPECT_DOUBLE_EQ(segs[0].lengthM, 210.5);
  ASSERT_EQ(segs[0].points.size(), 3u);
  EXPECT_DOUBLE_EQ(segs[0].points[2].lon, 139.7420);
  EXPECT_DOUBLE_EQ(segs[0].points[2].lat, 35.6352);
  EXPECT_EQ(segs[1].oneway, 1);

  const auto st = p.stations();
  ASSERT_EQ(st.size(), 2u);
  EXPECT_EQ(st[0].stationId, "JY26");
  EXPECT_EQ(st[0].nameJa, "高輪ゲートウェイ");
  EXPECT_EQ(st[0].nameEn, "Takanawa Gateway");
  EXPECT_EQ(st[0].operatorName, "JR East");
  EXPECT_EQ(st[0].lines, "Yamanote;Keihin-Tohoku");
  EXPECT_DOUBLE_EQ(st[0].position.lon, 139.7407);
  EXPECT_DOUBLE_EQ(st[0].position.lat, 35.6355);
  EXPECT_EQ(st[1].nameEn, "Shinagawa");
}

TEST_P(ProjectRead, MeshPopulationSliceAndSeries) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  auto slice = p.meshPopulationSlice(kT0 + 5);
  ASSERT_EQ(slice.size(), 3u);
  EXPECT_EQ(slice[0].fid, 1);
  EXPECT_DOUBLE_EQ(slice[0].value, 105);
  EXPECT_EQ(slice[1].fid, 2);
  EXPECT_TRUE(std::isnan(slice[1].value));  // missing, not 0
  EXPECT_DOUBLE_EQ(slice[2].value, 305);
  slice = p.meshPopulationSlice(kT0 + 7, 1);
  ASSERT_EQ(slice.size(), 3u);
  EXPECT_DOUBLE_EQ(slice[2].value, 150);
  EXPECT_TRUE(p.meshPopulationSlice(kT0 - 1).empty());
  EXPECT_TRUE(p.meshPopulationSlice(kT0 + 48).empty());

  auto series = p.meshPopulationSeries(2, kT0, kT0 + 47);
  ASSERT_EQ(series.size(), 48u);
  for (int h = 0; h < 48; ++h) {
    EXPECT_EQ(series[h].t, kT0 + h);
    if (h == 5) EXPECT_TRUE(std::isnan(series[h].value));
    else EXPECT_DOUBLE_EQ(series[h].value, 200 + h);
  }
  series = p.meshPopulationSeries(3, kT0 + 10, kT0 + 12, 1);
  ASSERT_EQ(series.size(), 3u);
  EXPECT_DOUBLE_EQ(series[1].value, 150);
  EXPECT_EQ(series[1].t, kT0 + 11);
  EXPECT_TRUE(p.meshPopulationSeries(99, kT0, kT0 + 47).empty());
  if (!sqlite()) return;
  // A series reads one day row per day, each a probe of the primary key.
  const std::string plan = queryColumn(
      ekm_test::sql(p), 3, "EXPLAIN QUERY PLAN SELECT present, h00 FROM mesh_population_days WHERE breakdown_id = 0 AND day = 1 "
              "AND cell_fid = 1");
  EXPECT_NE(plan.find("USING PRIMARY KEY (breakdown_id=? AND day=? AND cell_fid=?)"), std::string::npos) << plan;
}

TEST_P(ProjectRead, SegmentCounts) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  auto slice = p.segmentCountSlice(kT0 + 2, TravelMode::Pedestrian);
  ASSERT_EQ(slice.size(), 2u);
  EXPECT_EQ(slice[0].fid, 1);
  EXPECT_DOUBLE_EQ(slice[0].value, 12 + 22);  // forward + backward
  EXPECT_EQ(slice[1].fid, 2);
  EXPECT_DOUBLE_EQ(slice[1].value, 7);  // 'both' row
  slice = p.segmentCountSlice(kT0 + 3, TravelMode::Vehicle);
  ASSERT_EQ(slice.size(), 1u);
  EXPECT_TRUE(std::isnan(slice[0].value));
  EXPECT_TRUE(p.segmentCountSlice(kT0 + 3, TravelMode::Bicycle).empty());

  auto series = p.segmentCountSeries(1, kT0, kT0 + 47, TravelMode::Pedestrian);
  ASSERT_EQ(series.size(), 48u);
  EXPECT_DOUBLE_EQ(series[10].value, 20 + 30);
  series = p.segmentCountSeries(1, kT0 + 2, kT0 + 4, TravelMode::Vehicle);
  ASSERT_EQ(series.size(), 3u);
  EXPECT_DOUBLE_EQ(series[0].value, 3);
  EXPECT_TRUE(std::isnan(series[1].value));
}

TEST_P(ProjectRead, StationRidership) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  auto slice = p.stationRidershipSlice(kT0 + 3);
  ASSERT_EQ(slice.size(), 1u);
  EXPECT_EQ(slice[0].fid, 1);
  EXPECT_DOUBLE_EQ(slice[0].value, 9);
  slice = p.stationRidershipSlice(kT0 + 4);
  EXPECT_DOUBLE_EQ(slice[0].value, 4);  // alightings missing: boardings only
  const auto series = p.stationRidershipSeries(1, kT0 + 3, kT0 + 5);
  ASSERT_EQ(series.size(), 3u);
  EXPECT_DOUBLE_EQ(series[0].first.value, 3);
  EXPECT_DOUBLE_EQ(series[0].second.value, 6);
  EXPECT_TRUE(std::isnan(series[1].second.value));
  EXPECT_EQ(series[2].first.t, kT0 + 5);
  EXPECT_TRUE(p.stationRidershipSeries(2, kT0, kT0 + 47).empty());
}

TEST_P(ProjectRead, RangesCountsLog) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  const auto r = p.timeRange("mesh_population");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->first, kT0);
  EXPECT_EQ(r->last, kT0 + 47);
  EXPECT_EQ(r->rows, 48 * 6);
  EXPECT_EQ(core::formatHourKeyJst(r->first), "2025-03-27T08:00+09:00");
  EXPECT_EQ(p.timeRange("segment_counts")->rows, 48 * 4);
  EXPECT_EQ(p.timeRange("station_ridership")->last, kT0 + 47);
  EXPECT_THROW(p.timeRange("mesh_cells"), core::StoreError);
  EXPECT_THROW(p.timeRange("x; DROP TABLE mesh_cells"), core::StoreError);
  EXPECT_EQ(p.rowCount("mesh_cells"), 3);
  EXPECT_EQ(p.rowCount("stations"), 2);
  EXPECT_EQ(p.rowCount("population_breakdowns"), 2);
  EXPECT_THROW(p.rowCount("sqlite_master"), core::StoreError);
  const auto log = p.importLog();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].kind, "mesh-population");
  EXPECT_EQ(log[0].rows, 288);
  EXPECT_EQ(log[0].sourceSha256, "abc123");
  EXPECT_EQ(log[0].sourcePath, "/data/mesh_population.csv");
}

TEST(ProjectReadEmpty, EmptyTablesHaveNoRange) {
  TempDir dir;
  Project p = Project::create(dir.str("e.gpkg"));
  EXPECT_FALSE(p.timeRange("mesh_population").has_value());
  EXPECT_EQ(p.rowCount("mesh_population"), 0);
  EXPECT_TRUE(p.meshCells().empty());
  EXPECT_TRUE(p.importLog().empty());
}

TEST_P(ProjectRead, ContentsExtentAndLastChangeAreFilled) {
  if (!sqlite()) GTEST_SKIP() << "gpkg_contents is the GeoPackage's catalogue";
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  EXPECT_DOUBLE_EQ(std::stod(queryText(ekm_test::sql(p), "SELECT min_x FROM gpkg_contents WHERE table_name = 'mesh_cells'")),
                   139.7375);
  EXPECT_DOUBLE_EQ(std::stod(queryText(ekm_test::sql(p), "SELECT max_y FROM gpkg_contents WHERE table_name = 'road_segments'")),
                   35.6355);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM gpkg_contents WHERE last_change LIKE '____-__-__T__:__:__.___Z'"),
            queryInt(ekm_test::sql(p), "SELECT count(*) FROM gpkg_contents"));
}

// The catalogue `ekimachi-cli info` and the map's layer checks read: on SQLite gpkg_contents,
// on PostgreSQL the same registered names (in the same order) with PostGIS extents.
TEST_P(ProjectRead, CatalogueListsTheSameLayersWithTheirExtentsOnBothBackends) {
  Project p = Project::open(m_path, OpenMode::ReadOnly);
  const auto entries = ekm::store::contents(p);
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name);
  const std::vector<std::string> features(names.begin(), names.begin() + 7);
  EXPECT_EQ(features, (std::vector<std::string>{"mesh_cells", "road_segments", "stations", "basemap_features",
                                                "energy_buildings", "gtfs_stops", "gtfs_route_shapes"}));
  for (const char* hidden : {"mesh_population_days", "ekm_pg_columns", "gpkg_contents"})
    EXPECT_EQ(std::count(names.begin(), names.end(), hidden), 0) << hidden;
  const auto find = [&](const std::string& name) {
    const auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.name == name; });
    if (it == entries.end()) throw std::runtime_error("no " + name);
    return *it;
  };
  const auto cells = find("mesh_cells");
  EXPECT_EQ(cells.dataType, "features");
  EXPECT_EQ(cells.geometry, "POLYGON");
  ASSERT_TRUE(cells.hasExtent);
  EXPECT_DOUBLE_EQ(cells.minX, 139.7375);
  EXPECT_DOUBLE_EQ(find("road_segments").maxY, 35.6355);
  EXPECT_FALSE(find("energy_buildings").hasExtent);  // no buildings in this project
  EXPECT_EQ(find("mesh_population").dataType, "attributes");
  EXPECT_EQ(find("mesh_population").geometry, "");
  EXPECT_TRUE(ekm::store::hasTable(p, "mesh_population"));       // a view
  EXPECT_TRUE(ekm::store::hasTable(p, "mesh_population_days"));  // its table
  EXPECT_FALSE(ekm::store::hasTable(p, "no_such_table"));
}

TEST_P(ProjectRead, OneProjectPerThread) {
  std::vector<std::thread> threads;
  std::vector<double> sums(4, 0);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      Project p = Project::open(m_path, OpenMode::ReadOnly);
      for (int k = 0; k < 20; ++k)
        for (const auto& v : p.meshPopulationSeries(1, kT0, kT0 + 47)) sums[i] += v.value;
    });
  for (auto& t : threads) t.join();
  double expected = 0;
  for (int h = 0; h < 48; ++h) expected += 100 + h;
  for (double s : sums) EXPECT_DOUBLE_EQ(s, 20 * expected);
}

TEST(GpkgBlob, RoundTripAndHeader) {
  const auto poly = gpkgPolygonBlob(139.0, 35.0, 139.5, 35.25);
  ASSERT_GE(poly.size(), 40u);
  EXPECT_EQ(poly[0], 'G');
  EXPECT_EQ(poly[1], 'P');
  EXPECT_EQ(poly[2], 0);
  EXPECT_EQ(poly[3], 0x03);  // little endian, envelope [minx, maxx, miny, maxy]
  EXPECT_EQ(poly[4] | (poly[5] << 8), 4326);
  const auto pts = pointsFromGpkgBlob(poly.data(), poly.size());
  ASSERT_EQ(pts.size(), 5u);
  EXPECT_DOUBLE_EQ(pts[2].lon, 139.5);
  EXPECT_DOUBLE_EQ(pts[2].lat, 35.25);
  const auto pt = gpkgPointBlob({139.7407, 35.6355});
  const auto p1 = pointsFromGpkgBlob(pt.data(), pt.size());
  ASSERT_EQ(p1.size(), 1u);
  EXPECT_DOUBLE_EQ(p1[0].lat, 35.6355);
  // A big-endian WKB linestring (as some writers produce) wrapped with a header.
  const unsigned char wkb[] = {0, 0, 0, 0, 2, 0, 0, 0, 2,
                               0x40, 0x61, 0x78, 0, 0, 0, 0, 0,  // 139.75
                               0x40, 0x41, 0xd0, 0, 0, 0, 0, 0,  // 35.625
                               0x40, 0x61, 0x80, 0, 0, 0, 0, 0,  // 140
                               0x40, 0x42, 0, 0, 0, 0, 0, 0};    // 36
  const auto wrapped = gpkgBlobFromWkb(wkb, sizeof wkb);
  const auto lp = pointsFromGpkgBlob(wrapped.data(), wrapped.size());
  ASSERT_EQ(lp.size(), 2u);
  EXPECT_DOUBLE_EQ(lp[0].lon, 139.75);
  EXPECT_DOUBLE_EQ(lp[1].lat, 36);
  EXPECT_THROW(gpkgBlobFromWkb(wkb, sizeof wkb - 3), core::StoreError);
  const unsigned char junk[] = {'G', 'P', 0, 3, 1, 2};
  EXPECT_THROW(pointsFromGpkgBlob(junk, sizeof junk), core::StoreError);
  EXPECT_THROW(pointsFromGpkgBlob(wkb, sizeof wkb), core::StoreError);
}
