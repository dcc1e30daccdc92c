// basemap_features on both backends: the basemap importer (GeoJSON -> EPSG:4326) and the
// typed writer fill a GeoPackage and a PostgreSQL schema alike, the map's read
// (Project::basemapFeatures) gives the same features, a refused file writes nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/basemap_importer.h"
#include "ekm/store/catalog.h"
#include "ekm/store/project.h"

namespace {

using namespace ekm;
using store_test::Backend;

// Rail: a LineString and a MultiLineString; buildings: a polygon with a courtyard and a
// MultiPolygon, one with a height.
const char* kRail = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"line_name":"山手線"},"geometry":{"type":"LineString","coordinates":[[139.74,35.63],[139.741,35.632],[139.7415,35.6331]]}},
{"type":"Feature","properties":{"line_name":"京急本線"},"geometry":{"type":"MultiLineString","coordinates":[[[139.738,35.628],[139.739,35.629]],[[139.7391,35.6291],[139.7402,35.6303]]]}}]})";
const char* kBuildings = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Tower","height_m":120.5},"geometry":{"type":"Polygon","coordinates":[
 [[139.7390,35.6340],[139.7400,35.6340],[139.7400,35.6348],[139.7390,35.6348],[139.7390,35.6340]],
 [[139.7392,35.6342],[139.7394,35.6342],[139.7394,35.6344],[139.7392,35.6342]]]}},
{"type":"Feature","properties":{"name":null},"geometry":{"type":"MultiPolygon","coordinates":[
 [[[139.741,35.635],[139.742,35.635],[139.742,35.636],[139.741,35.635]]],
 [[[139.743,35.635],[139.744,35.635],[139.744,35.636],[139.743,35.635]]]]}}]})";

io::BasemapImportResult importKind(store::Project& p, const std::string& kind, const std::string& file) {
  io::BasemapImportOptions o;
  o.kind = kind;
  return io::importBasemap(p, file, o, core::nullFeedback());
}

class BasemapOnEachBackend : public store_test::OnEachBackend {
 protected:
  BasemapOnEachBackend() : OnEachBackend("basemap_backends") {}
};

TEST_P(BasemapOnEachBackend, ImportAndReadBack) {
  {
    store::Project p = store::Project::create(m_location);
    EXPECT_TRUE(store::hasTable(p, "basemap_features"));
    EXPECT_TRUE(store::hasTable(p, "energy_meter_hourly"));  // a view
    EXPECT_FALSE(store::hasTable(p, "no_such_table"));
    EXPECT_TRUE(p.basemapFeatures().empty());
    EXPECT_EQ(importKind(p, "rail", m_dir.write("rail.geojson", kRail)).features, 2);
    const auto r = importKind(p, "building", m_dir.write("b.geojson", kBuildings));
    EXPECT_EQ(r.features, 2);
    EXPECT_EQ(r.parts, 3);
    store::BasemapFeature water;
    water.kind = "water";
    water.name = "運河";
    water.polygon = true;
    water.parts = {{{139.745, 35.630}, {139.746, 35.630}, {139.746, 35.631}, {139.745, 35.630}}};
    EXPECT_EQ(p.addBasemapFeature(water), 5);
  }
  const store::Project p = store::Project::open(m_location, store::OpenMode::ReadOnly);
  const auto f = p.basemapFeatures();
  ASSERT_EQ(f.size(), 5u);
  for (std::size_t i = 0; i < f.size(); ++i) EXPECT_EQ(f[i].fid, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(f[0].kind, "rail");
  EXPECT_EQ(f[0].name, "山手線");
  EXPECT_FALSE(f[0].polygon);
  ASSERT_EQ(f[0].parts.size(), 1u);
  ASSERT_EQ(f[0].parts[0].size(), 3u);
  EXPECT_EQ(f[0].parts[0][2].lon, 139.7415);
  EXPECT_EQ(f[0].parts[0][2].lat, 35.6331);
  EXPECT_TRUE(std::isnan(f[0].heightM));
  ASSERT_EQ(f[1].parts.size(), 2u);  // MultiLineString
  EXPECT_EQ(f[1].parts[1][1].lon, 139.7402);
  EXPECT_EQ(f[2].kind, "building");
  EXPECT_EQ(f[2].name, "Tower");
  EXPECT_TRUE(f[2].polygon);
  EXPECT_EQ(f[2].heightM, 120.5);
  ASSERT_EQ(f[2].parts.size(), 2u);  // outer ring + courtyard
  EXPECT_EQ(f[2].parts[0].size(), 5u);
  EXPECT_EQ(f[2].parts[1][0].lon, 139.7392);
  EXPECT_EQ(f[3].name, "");  // NULL name
  ASSERT_EQ(f[3].parts.size(), 2u);
  EXPECT_EQ(f[4].kind, "water");
  EXPECT_EQ(f[4].name, "運河");
  const auto log = p.importLog();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].kind, "basemap-rail");
  EXPECT_EQ(log[1].kind, "basemap-building");
  EXPECT_EQ(log[1].rows, 2);
}

TEST_P(BasemapOnEachBackend, RefusedOrCancelledImportWritesNothing) {
  store::Project p = store::Project::create(m_location);
  importKind(p, "rail", m_dir.write("rail.geojson", kRail));
  // The first feature is a line, the second a point: refused after the first was written.
  const std::string bad = m_dir.write(
      "bad.geojson",
      R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[139.74,35.63],[139.741,35.632]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[139.74,35.63]}}]})");
  EXPECT_THROW(importKind(p, "street", bad), core::ValidationError);
  core::Feedback cancelled;
  cancelled.cancel();
  io::BasemapImportOptions o;
  o.kind = "rail";
  EXPECT_THROW(io::importBasemap(p, m_dir.str("rail.geojson"), o, cancelled), core::CancelledError);
  EXPECT_EQ(p.basemapFeatures().size(), 2u);
  EXPECT_EQ(p.importLog().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, BasemapOnEachBackend, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

}  // namespace
