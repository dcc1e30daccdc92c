// The project file checked by independent readers: ogrinfo, the GDAL C API, sqlite3.
#include <gdal.h>
#include <ogr_api.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "ekm/store/project.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm::store;

namespace {

std::string makeProject(const TempDir& dir) {
  const auto path = dir.str("gdal.gpkg");
  Project p = Project::create(path);
  fixture::fill(p);
  return path;
}

}  // namespace

TEST(GdalReader, OgrinfoListsAllLayersWithoutWarnings) {
  TempDir dir;
  const auto path = makeProject(dir);
  const auto r = ekm_test::run("ogrinfo -ro -so -al " + ekm_test::quote(path));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string& out = r.out;
  EXPECT_EQ(out.find("ERROR"), std::string::npos) << out;
  EXPECT_EQ(out.find("Warning"), std::string::npos) << out;
  // Layer name -> (geometry, count)
  struct Expect {
    const char* geometry;
    int count;
  };
  const std::map<std::string, Expect> expected = {
      {"mesh_cells", {"Polygon", 3}},          {"road_segments", {"Line String", 2}},
      {"stations", {"Point", 2}},              {"mesh_population", {"None", 48 * 3 * 2}},
      {"population_breakdowns", {"None", 2}},  {"segment_counts", {"None", 48 * 4}},
      {"station_ridership", {"None", 48}},     {"ekm_import_log", {"None", 1}},
      {"ekm_meta", {"None", -1}},             {"basemap_features", {"Unknown (any)", 2}},
  };
  for (const auto& [name, e] : expected) {
    const auto at = out.find("Layer name: " + name + "\n");
    ASSERT_NE(at, std::string::npos) << name << "\n" << out;
    const auto next = out.find("Layer name: ", at + 1);
    const std::string block = out.substr(at, next == std::string::npos ? std::string::npos : next - at);
    EXPECT_NE(block.find(std::string("Geometry: ") + e.geometry + "\n"), std::string::npos) << block;
    if (e.count >= 0) {
      EXPECT_NE(block.find("Feature Count: " + std::to_string(e.count) + "\n"), std::string::npos) << block;
    }
    if (std::string(e.geometry) != "None") {
      EXPECT_NE(block.find("WGS 84"), std::string::npos) << block;
      EXPECT_NE(block.find("FID Column = fid"), std::string::npos) << block;
      EXPECT_NE(block.find("Geometry Column = geom"), std::string::npos) << block;
    }
  }
  // Extent of the mesh cells as GDAL reports it (from gpkg_contents / the R-tree).
  const auto at = out.find("Layer name: mesh_cells");
  const auto ext = out.find("Extent: ", at);
  ASSERT_NE(ext, std::string::npos);
  EXPECT_EQ(out.substr(ext, 57), "Extent: (139.737500, 35.633333) - (139.742188, 35.634375)") << out.substr(ext, 80);
}

TEST(GdalReader, OgrinfoSpatialFilterUsesRtree) {
  TempDir dir;
  const auto path = makeProject(dir);
  // A spatial filter around the second cell only.
  const auto r = ekm_test::run("ogrinfo -ro -q -spat 139.7392 35.6335 139.7403 35.6340 " +
                               ekm_test::quote(path) + " mesh_cells");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string& out = r.out;
  EXPECT_NE(out.find("mesh_code (String) = 533935773"), std::string::npos) << out;
  EXPECT_EQ(out.find("533935772"), std::string::npos) << out;
  EXPECT_EQ(out.find("533935774"), std::string::npos) << out;
}

TEST(GdalReader, GdalCApiReadsLayersFieldsAndGeometry) {
  TempDir dir;
  const auto path = makeProject(dir);
  GDALAllRegister();
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  ASSERT_NE(ds, nullptr) << CPLGetLastErrorMsg();
  EXPECT_STREQ(GDALGetDriverShortName(GDALGetDatasetDriver(ds)), "GPKG");

  OGRLayerH cells = GDALDatasetGetLayerByName(ds, "mesh_cells");
  ASSERT_NE(cells, nullptr);
  EXPECT_EQ(OGR_L_GetFeatureCount(cells, 1), 3);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(cells)), wkbPolygon);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(cells);
  EXPECT_GE(OGR_FD_GetFieldIndex(defn, "mesh_code"), 0);
  EXPECT_GE(OGR_FD_GetFieldIndex(defn, "level"), 0);
  OGRFeatureH f = OGR_L_GetFeature(cells, 1);
  ASSERT_NE(f, nullptr);
  EXPECT_STREQ(OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, "mesh_code")), "533935772");
  OGREnvelope env;
  OGR_G_GetEnvelope(OGR_F_GetGeometryRef(f), &env);
  EXPECT_DOUBLE_EQ(env.MinX, 139.7375);
  EXPECT_DOUBLE_EQ(env.MaxX, 139.7375 + 0.0015625);
  EXPECT_DOUBLE_EQ(env.MinY, 35.6333333333);
  EXPECT_NEAR(env.MaxY, 35.6333333333 + 0.0010416667, 1e-12);
  EXPECT_EQ(OGR_G_GetPointCount(OGR_G_GetGeometryRef(OGR_F_GetGeometryRef(f), 0)), 5);
  OGR_F_Destroy(f);

  OGRLayerH segs = GDALDatasetGetLayerByName(ds, "road_segments");
  ASSERT_NE(segs, nullptr);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(segs)), wkbLineString);
  f = OGR_L_GetFeature(segs, 1);
  ASSERT_NE(f, nullptr);
  OGRGeometryH g = OGR_F_GetGeometryRef(f);
  ASSERT_EQ(OGR_G_GetPointCount(g), 3);
  EXPECT_DOUBLE_EQ(OGR_G_GetX(g, 1), 139.7410);
  EXPECT_DOUBLE_EQ(OGR_G_GetY(g, 1), 35.6355);
  OGRFeatureDefnH sd = OGR_L_GetLayerDefn(segs);
  EXPECT_STREQ(OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(sd, "name")), "国道15号");
  EXPECT_DOUBLE_EQ(OGR_F_GetFieldAsDouble(f, OGR_FD_GetFieldIndex(sd, "length_m")), 210.5);
  OGR_F_Destroy(f);

  OGRLayerH st = GDALDatasetGetLayerByName(ds, "stations");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(st)), wkbPoint);
  f = OGR_L_GetFeature(st, 1);
  ASSERT_NE(f, nullptr);
  g = OGR_F_GetGeometryRef(f);
  EXPECT_DOUBLE_EQ(OGR_G_GetX(g, 0), 139.7407);
  EXPECT_DOUBLE_EQ(OGR_G_GetY(g, 0), 35.6355);
  OGRFeatureDefnH std_ = OGR_L_GetLayerDefn(st);
  EXPECT_STREQ(OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(std_, "name_ja")), "高輪ゲートウェイ");
  OGR_F_Destroy(f);

  OGRLayerH pop = GDALDatasetGetLayerByName(ds, "mesh_population");
  ASSERT_NE(pop, nullptr);
  EXPECT_EQ(OGR_L_GetGeomType(pop), wkbNone);
  EXPECT_EQ(OGR_L_GetFeatureCount(pop, 1), 48 * 3 * 2);
  OGRFeatureDefnH pd = OGR_L_GetLayerDefn(pop);
  for (const char* name : {"cell_fid", "t_hour", "breakdown_id", "population"})
    EXPECT_GE(OGR_FD_GetFieldIndex(pd, name), 0) << name;
  // The NULL population (cell 2, hour 5, both breakdowns) is null in GDAL too, not 0.
  OGR_L_SetAttributeFilter(pop, "population IS NULL");
  EXPECT_EQ(OGR_L_GetFeatureCount(pop, 1), 2);
  GDALClose(ds);
}

TEST(GdalReader, Sqlite3IntegrityCheck) {
  TempDir dir;
  const auto path = makeProject(dir);
  const auto check = ekm_test::run("sqlite3 " + ekm_test::quote(path) + " 'PRAGMA integrity_check'");
  ASSERT_EQ(check.exitCode, 0) << check.out;
  EXPECT_EQ(check.out, "ok\n");
  // The R-trees agree with the feature tables (the GeoPackage trigger-maintained index).
  const auto n = ekm_test::run(
      "sqlite3 " + ekm_test::quote(path) +
      " 'SELECT count(*) FROM rtree_mesh_cells_geom; "
      "SELECT count(*) FROM rtree_stations_geom; SELECT count(*) FROM rtree_road_segments_geom'");
  EXPECT_EQ(n.out, "3\n2\n2\n");
}
