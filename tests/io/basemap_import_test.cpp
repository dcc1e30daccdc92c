// `ekimachi-cli import --project P basemap --kind K FILE`: GDAL vector sources into
// basemap_features, transformed to EPSG:4326, all or nothing, clear errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "ekm/geo/transformer.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;

class BasemapImport : public ::testing::Test {
 protected:
  void SetUp() override {
    m_project = m_dir.str("p.gpkg");
    ekm::store::Project::create(m_project);
  }
  CliRun import(const std::string& kind, const std::string& path) {
    return cli("import --project " + quote(m_project) + " basemap --kind " + kind + " " + quote(path) +
               " --quiet");
  }
  std::vector<ekm::store::BasemapFeature> features() {
    return ekm::store::Project::open(m_project, ekm::store::OpenMode::ReadOnly).basemapFeatures();
  }
  ekm_test::TempDir m_dir{"basemap"};
  std::string m_project;
};

// A 20 m x 10 m building given in EPSG:6677 (metres) ends up in lon/lat.
constexpr double kX = -9000, kY = -37000;
std::string buildingsIn6677() {
  auto ring = [](double x, double y, double w, double h) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "[[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f],[%.3f,%.3f]]", x, y, x + w, y, x + w,
                  y + h, x, y + h, x, y);
    return std::string(buf);
  };
  return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::6677\"}},"
         "\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Tower A\",\"height_m\":120.5},"
         "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" +
         ring(kX, kY, 20, 10) +
         "]}},{\"type\":\"Feature\",\"properties\":{\"name\":\"Annex\",\"height_m\":null},"
         "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[" +
         ring(kX + 40, kY, 10, 10) + "],[" + ring(kX + 60, kY, 10, 10) + "]]}}]}";
}

}  // namespace

TEST_F(BasemapImport, BuildingsAreTransformedAndKeepTheirHeights) {
  const auto r = import("building", m_dir.write("b.geojson", buildingsIn6677()));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("imported basemap building: 2 features (3 parts)"), std::string::npos) << r.out;
  const auto f = features();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, "building");
  EXPECT_EQ(f[0].name, "Tower A");
  EXPECT_TRUE(f[0].polygon);
  EXPECT_DOUBLE_EQ(f[0].heightM, 120.5);
  EXPECT_TRUE(std::isnan(f[1].heightM));
  ASSERT_EQ(f[1].parts.size(), 2u);  // MultiPolygon: both rings
  // The first corner, back in EPSG:6677, is where it was drawn (independent PROJ call).
  ekm::geo::Transformer tr(6677);
  ASSERT_EQ(f[0].parts.size(), 1u);
  const auto [x, y] = tr.forward(f[0].parts[0][0].lon, f[0].parts[0][0].lat);
  EXPECT_NEAR(x, kX, 1e-3);
  EXPECT_NEAR(y, kY, 1e-3);
  EXPECT_GT(f[0].parts[0][0].lon, 139);
  EXPECT_LT(f[0].parts[0][0].lon, 140);
  // Logged.
  const auto p = ekm::store::Project::open(m_project, ekm::store::OpenMode::ReadOnly);
  ASSERT_EQ(p.importLog().size(), 1u);
  EXPECT_EQ(p.importLog()[0].kind, "basemap-building");
  EXPECT_EQ(p.importLog()[0].rows, 2);
}

TEST_F(BasemapImport, RailLinesAndAllOrNothing) {
  const std::string rail =
      "{\"type\":\"FeatureCollection\",\"features\":["
      "{\"type\":\"Feature\",\"properties\":{\"line_name\":\"山手線\"},\"geometry\":{\"type\":\"LineString\","
      "\"coordinates\":[[139.74,35.63],[139.741,35.632]]}},"
      "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"line_name\":\"station\"},\"geometry\":{\"type\":\"Point\","
      "\"coordinates\":[139.74,35.63]}}]}";
  auto r = import("rail", m_dir.write("rail_bad.geojson", rail));
  EXPECT_NE(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("feature 7: column 'geometry': unsupported geometry type for basemap kind rail (expected "
                       "LineString or MultiLineString, found 'Point')"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(features().empty()) << "the first, valid feature must have been rolled back";

  const std::string good = rail.substr(0, rail.find(",{\"type\":\"Feature\",\"id\":7")) + "]}";
  r = import("rail", m_dir.write("rail.geojson", good));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto f = features();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].name, "山手線");
  EXPECT_FALSE(f[0].polygon);

  // Polygons are not rail; lines are not buildings; unknown kinds are refused.
  r = import("rail", m_dir.write("b.geojson", buildingsIn6677()));
  EXPECT_NE(r.out.find("found 'Polygon'"), std::string::npos) << r.out;
  r = import("building", m_dir.str("rail.geojson"));
  EXPECT_NE(r.out.find("found 'Line String'"), std::string::npos) << r.out;
  r = import("railway", m_dir.str("rail.geojson"));
  EXPECT_EQ(r.exitCode, 2) << r.out;
  EXPECT_NE(r.out.find("--kind"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected one of rail|water|building|park|street, found 'railway'"), std::string::npos) << r.out;
  r = import("rail", m_dir.str("missing.geojson"));
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.out.find("missing.geojson"), std::string::npos) << r.out;
  EXPECT_EQ(features().size(), 1u);
}
