// Run comparisons written as files: the OD difference layer draws desire lines between the
// zones' points (a compared zones table first, else the centre of the mesh cell a zone id
// names), with the A, B and B − A trips of each pair.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/ops/result.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

namespace {

using ekm::ops::Json;
namespace sc = ekm::scenario;

sc::ValueChange change(std::vector<Json> key, std::string column, double a, double b) {
  sc::ValueChange c;
  c.key = std::move(key);
  c.column = std::move(column);
  c.a = a;
  c.b = b;
  return c;
}

const Json* featureOf(const Json& fc, const std::string& origin, const std::string& destination) {
  for (const auto& f : fc["features"])
    if (f["properties"]["origin"] == origin && f["properties"]["destination"] == destination) return &f;
  return nullptr;
}

TEST(DifferenceLayers, OdDifferencesBecomeDesireLinesBetweenZonePoints) {
  sc::TableComparison zones;
  zones.stepId = "z";
  zones.table = "zones";
  zones.keyColumns = {"zone"};
  zones.changes = {change({"north"}, "lon", 139.7401, 139.7401), change({"north"}, "lat", 35.6412, 35.6412),
                   change({"south"}, "lon", 139.7389, 139.7389), change({"south"}, "lat", 35.6301, 35.6301)};

  sc::TableComparison od;
  od.stepId = "od";
  od.table = "od";
  od.geometry = "od";
  od.keyColumns = {"origin", "destination"};
  const double nan = std::nan("");
  od.changes = {change({"north", "south"}, "trips", 120, 150),     // both zones from the zones table
                change({"south", "north"}, "trips", nan, 40),      // only in run B
                change({"north", "north"}, "trips", 30, 35),       // within a zone: no line
                change({"53393599", "53393690"}, "trips", 80, 60),  // mesh codes: cell centres
                change({"north", "elsewhere"}, "trips", 12, 14)};  // a zone without a point

  ekm_test::TempDir dir("odlayer");
  auto project = ekm::store::Project::create(dir.str("p.gpkg"));
  const auto files = sc::writeComparison({zones, od}, project, dir.path().string());
  ASSERT_EQ(files.size(), 3u);  // zones.csv, od.csv, od.geojson
  const Json fc = Json::parse(ekm_test::readFile(dir / "od.od.geojson"));
  ASSERT_EQ(fc["features"].size(), 3u);

  const Json* ns = featureOf(fc, "north", "south");
  ASSERT_NE(ns, nullptr);
  EXPECT_EQ((*ns)["geometry"]["type"], "LineString");
  EXPECT_EQ((*ns)["geometry"]["coordinates"], Json::parse("[[139.7401,35.6412],[139.7389,35.6301]]"));
  EXPECT_DOUBLE_EQ((*ns)["properties"]["trips_a"].get<double>(), 120);
  EXPECT_DOUBLE_EQ((*ns)["properties"]["trips_b"].get<double>(), 150);
  EXPECT_DOUBLE_EQ((*ns)["properties"]["trips_diff"].get<double>(), 30);

  const Json* sn = featureOf(fc, "south", "north");
  ASSERT_NE(sn, nullptr);
  EXPECT_TRUE((*sn)["properties"]["trips_a"].is_null());
  EXPECT_EQ((*sn)["geometry"]["coordinates"][0], Json::parse("[139.7389,35.6301]"));

  // JIS X 0410 by hand: 5339-35-99 has its south-west corner at 53/1.5 + 3/12 + 9/120 degrees
  // north and 139 + 5/8 + 9/80 east; a 3rd-level cell is 30" x 45", so its centre is
  // (35.6625, 139.74375). 5339-36-90 is the cell east of it: the same latitude, 139 + 6/8 east.
  const Json* mesh = featureOf(fc, "53393599", "53393690");
  ASSERT_NE(mesh, nullptr);
  const auto& c = (*mesh)["geometry"]["coordinates"];
  EXPECT_NEAR(c[0][0].get<double>(), 139.0 + 5.0 / 8 + 9.0 / 80 + 1.0 / 160, 1e-9);
  EXPECT_NEAR(c[0][1].get<double>(), 53.0 / 1.5 + 3.0 / 12 + 9.0 / 120 + 1.0 / 240, 1e-9);
  EXPECT_NEAR(c[1][0].get<double>(), 139.0 + 6.0 / 8 + 0.0 / 80 + 1.0 / 160, 1e-9);
  EXPECT_NEAR(c[1][1].get<double>(), 53.0 / 1.5 + 3.0 / 12 + 9.0 / 120 + 1.0 / 240, 1e-9);
  EXPECT_DOUBLE_EQ((*mesh)["properties"]["trips_diff"].get<double>(), -20);

  EXPECT_EQ(featureOf(fc, "north", "north"), nullptr);
  EXPECT_EQ(featureOf(fc, "north", "elsewhere"), nullptr);
}

}  // namespace
