// basemap_features: the feature table under the map (rail, water, buildings, parks, streets).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm::store;

namespace {

std::string storeError(const std::function<void()>& f) {
  try {
    f();
  } catch (const ekm::core::StoreError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST(Basemap, RoundTripOfLinesAndPolygonsWithHoles) {
  TempDir dir;
  const auto path = dir.str("basemap.gpkg");
  {
    Project p = Project::create(path);
    fixture::fill(p);
  }
  Project p = Project::open(path, OpenMode::ReadOnly);
  const auto features = p.basemapFeatures();
  ASSERT_EQ(features.size(), 2u);
  const auto& rail = features[0];
  EXPECT_EQ(rail.kind, "rail");
  EXPECT_EQ(rail.name, "JR Yamanote Line");
  EXPECT_FALSE(rail.polygon);
  ASSERT_EQ(rail.parts.size(), 2u);  // MultiLineString
  ASSERT_EQ(rail.parts[1].size(), 2u);
  EXPECT_DOUBLE_EQ(rail.parts[1][1].lon, 139.7410);
  EXPECT_DOUBLE_EQ(rail.parts[1][1].lat, 35.6350);
  EXPECT_TRUE(std::isnan(rail.heightM));
  const auto& building = features[1];
  EXPECT_EQ(building.kind, "building");
  EXPECT_TRUE(building.polygon);
  EXPECT_DOUBLE_EQ(building.heightM, 31.5);
  ASSERT_EQ(building.parts.size(), 2u);  // outer ring + courtyard
  EXPECT_EQ(building.parts[0].size(), 5u);
  EXPECT_DOUBLE_EQ(building.parts[1][0].lon, 139.7392);
  // The geometry types as stored (WKB type in the blob after the 40-byte header).
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM rtree_basemap_features_geom"), 2);
  EXPECT_EQ(queryText(ekm_test::sql(p), "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = "
                              "'basemap_features'"),
            "GEOMETRY");
}

TEST(Basemap, BadInputIsRefusedWithContext) {
  TempDir dir;
  Project p = Project::create(dir.str("bad.gpkg"));
  BasemapFeature f;
  f.kind = "railway";
  f.parts = {{{139.7, 35.6}, {139.8, 35.7}}};
  auto e = storeError([&] { p.addBasemapFeature(f); });
  EXPECT_NE(e.find("unknown basemap kind 'railway'"), std::string::npos) << e;
  f.kind = "park";
  f.polygon = true;
  f.parts = {{{139.7, 35.6}, {139.8, 35.6}, {139.8, 35.7}, {139.7, 35.7}}};
  e = storeError([&] { p.addBasemapFeature(f); });
  EXPECT_NE(e.find("not closed"), std::string::npos) << e;
  f.parts = {{{139.7, 35.6}, {139.7, 35.6}}};
  e = storeError([&] { p.addBasemapFeature(f); });
  EXPECT_NE(e.find("degenerate"), std::string::npos) << e;
  // The CHECK constraint holds even for raw SQL.
  e = storeError([&] { exec(ekm_test::sql(p), "INSERT INTO basemap_features (kind) VALUES ('road')"); });
  EXPECT_NE(e.find("CHECK"), std::string::npos) << e;
  EXPECT_TRUE(p.basemapFeatures().empty());
}

TEST(Basemap, SchemaVersion1IsMigratedForward) {
  TempDir dir;
  const auto path = dir.str("v1.gpkg");
  {
    Project p = Project::create(path);
    fixture::fill(p);
    // Fake the version-1 layout: no basemap table, its registration or R-tree.
    exec(ekm_test::sql(p),
         "DROP TABLE basemap_features; DROP TABLE rtree_basemap_features_geom; "
         "DELETE FROM gpkg_geometry_columns WHERE table_name = 'basemap_features'; "
         "DELETE FROM gpkg_extensions WHERE table_name = 'basemap_features'; "
         "DELETE FROM gpkg_contents WHERE table_name = 'basemap_features'");
    p.setMeta("schema_version", "1");
  }
  // Read-only cannot migrate.
  const auto e = storeError([&] { Project::open(path, OpenMode::ReadOnly); });
  EXPECT_NE(e.find("older schema (version 1)"), std::string::npos) << e;
  {
    Project p = Project::open(path);
    EXPECT_EQ(p.schemaVersion(), kProjectSchemaVersion);
    EXPECT_EQ(p.meta("schema_version").value_or(""), std::to_string(kProjectSchemaVersion));
    EXPECT_TRUE(p.basemapFeatures().empty());
    EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'basemap_features' AND "
                               "extension_name = 'gpkg_rtree_index'"),
              1);
    BasemapFeature park;
    park.kind = "park";
    park.name = "Takanawa park";
    park.polygon = true;
    park.parts = {{{139.7390, 35.6336}, {139.7396, 35.6336}, {139.7396, 35.6340}, {139.7390, 35.6336}}};
    EXPECT_EQ(p.addBasemapFeature(park), 1);
    // The existing data survived the migration.
    EXPECT_EQ(p.meshPopulationSeries(1, fixture::kT0, fixture::kT0 + 47).size(), 48u);
  }
  Project ro = Project::open(path, OpenMode::ReadOnly);
  ASSERT_EQ(ro.basemapFeatures().size(), 1u);
  EXPECT_EQ(ro.basemapFeatures()[0].name, "Takanawa park");
  EXPECT_EQ(queryInt(ekm_test::sql(ro), "SELECT count(*) FROM rtree_basemap_features_geom"), 1);
}
