// Zones, trip ends, OD I/O (CSV, OMX-style folder, project store read back with
// sqlite3 and ogrinfo) and the `ekimachi-cli od` end-to-end.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/trip_ends.h"
#include "ekm/demand/zones.h"
#include "ekm/geo/length.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using namespace ekm::demand;

namespace {

using ekm_test::TempDir;

// Four 1/4-mesh (250 m) cells of two 1/2-mesh cells near Takanawa Gateway.
std::vector<std::string> quarterCells() {
  const std::string a = mesh::encode(35.6355, 139.7405, mesh::MeshLevel::Half);
  const std::string b = mesh::neighbours(a).front();
  std::vector<std::string> out;
  for (const auto& h : {a, b})
    for (const auto& c : mesh::children(h)) out.push_back(c);
  return out;
}

}  // namespace

TEST(OdZones, MeshAggregationTo500m) {
  const auto cells = quarterCells();
  const auto zs = zonesFromMesh(cells, mesh::MeshLevel::Half);
  ASSERT_EQ(zs.zones.size(), 2u);
  for (const auto& z : zs.zones) {
    EXPECT_EQ(z.cells.size(), 4u);
    const auto parent = mesh::decode(z.id);
    EXPECT_DOUBLE_EQ(z.lat, parent.centerLat());
    // the centroid of the four children's centres is the parent's centre
    double lat = 0, lon = 0;
    for (const auto& c : z.cells) lat += mesh::decode(c).centerLat() / 4, lon += mesh::decode(c).centerLon() / 4;
    EXPECT_NEAR(lat, z.lat, 1e-12);
    EXPECT_NEAR(lon, z.lon, 1e-12);
    for (const auto& c : z.cells) EXPECT_EQ(zs.zones[zs.zoneOfCell(c)].id, z.id);
  }
  EXPECT_THROW(zonesFromMesh({"5339"}, mesh::MeshLevel::Half), core::MeshError);
}

TEST(OdZones, PolygonsThroughGdalInAProjectedCrs) {
  // Two squares in JGD2011 / Japan Plane Rectangular CS IX (EPSG:6677), metres.
  const TempDir dir("od_poly");
  const std::string path = dir.str("zones.geojson");
  {
    std::ofstream f(path);
    f << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::6677"}},
"features":[
{"type":"Feature","properties":{"zone":"west"},"geometry":{"type":"Polygon","coordinates":[[[-12000,-40000],[-11000,-40000],[-11000,-39000],[-12000,-39000],[-12000,-40000]]]}},
{"type":"Feature","properties":{"zone":"east"},"geometry":{"type":"Polygon","coordinates":[[[-11000,-40000],[-10000,-40000],[-10000,-39000],[-11000,-39000],[-11000,-40000]]]}}]})";
  }
  const auto zs = zonesFromPolygons(path, "zone");
  ASSERT_EQ(zs.zones.size(), 2u);
  EXPECT_EQ(zs.zones[0].id, "west");
  // Centroids 1 km apart east-west (the plane CS is conformal; scale factor 0.9999).
  const double d = geo::geodesicDistanceM(zs.zones[0].lon, zs.zones[0].lat, zs.zones[1].lon, zs.zones[1].lat);
  EXPECT_NEAR(d, 1000.0, 1.0);
  EXPECT_GT(zs.zones[1].lon, zs.zones[0].lon);
  // cells: those of each square's interior land in it
  const auto cells = mesh::cellsCoveringBBox(zs.zones[0].lat - 0.003, zs.zones[0].lon - 0.003, zs.zones[0].lat + 0.003,
                                             zs.zones[1].lon + 0.003, mesh::MeshLevel::Eighth);
  const auto zc = zonesFromPolygons(path, "zone", cells);
  EXPECT_GT(zc.zones[0].cells.size(), 10u);
  EXPECT_GT(zc.zones[1].cells.size(), 10u);
  try {
    zonesFromPolygons(path, "name");
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Gdal);
    EXPECT_NE(std::string(e.what()).find("zone"), std::string::npos) << e.what();  // lists the fields
  }
}

TEST(OdZones, StationCatchmentsAndConnectors) {
  const auto cells = quarterCells();
  const auto c0 = mesh::decode(cells[0]);
  const auto c7 = mesh::decode(cells[7]);
  const std::vector<StationPoint> st{{"A", c0.centerLon(), c0.centerLat()}, {"B", c7.centerLon(), c7.centerLat()},
                                     {"far", 140.5, 35.0}};
  const auto zs = zonesFromStations(st, cells, 300.0);
  ASSERT_EQ(zs.zones.size(), 3u);
  EXPECT_EQ(zs.zoneOfCell(cells[0]), 0);
  EXPECT_EQ(zs.zoneOfCell(cells[7]), 1);
  EXPECT_TRUE(zs.zones[2].cells.empty());
  for (const auto& [code, z] : zs.cellZone) {
    const auto c = mesh::decode(code);
    EXPECT_LE(geo::geodesicDistanceM(c.centerLon(), c.centerLat(), st[z].lon, st[z].lat), 300.0);
  }
  const std::vector<NodePoint> nodes{{10, c0.west, c0.south}, {11, c7.east, c7.north}, {12, c0.centerLon() + 0.0001, c0.centerLat()}};
  const auto con = connectCentroids(zs, nodes, 2, 2000.0);
  ASSERT_EQ(con.size(), 4u);  // "far" has no node within 2 km
  EXPECT_EQ(con[0].zone, 0);
  EXPECT_EQ(con[0].node, 12);
  EXPECT_LT(con[0].lengthM, con[1].lengthM);
  EXPECT_NEAR(con[0].lengthM, geo::geodesicDistanceM(c0.centerLon(), c0.centerLat(), c0.centerLon() + 0.0001, c0.centerLat()), 1e-6);
}

TEST(OdTripEnds, StayChangesAndRidership) {
  ZoneSystem zs;
  zs.zones = {{"z1", 0, 0, {"a", "b"}}, {"z2", 0, 0, {"c"}}};
  zs.cellZone = {{"a", 0}, {"b", 0}, {"c", 1}};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // hour 0 -> 1: z1 +30 (a +50, b -20), z2 -10; hour 1 -> 2: z1 -5, c missing
  const std::vector<std::map<std::string, double>> slices{
      {{"a", 100}, {"b", 100}, {"c", 50}, {"outside", 7}},
      {{"a", 150}, {"b", 80}, {"c", 40}},
      {{"a", 145}, {"b", 80}, {"c", nan}}};
  const auto te = tripEndsFromStayChanges(zs, slices);
  EXPECT_DOUBLE_EQ(te.attractions[0], 30);
  EXPECT_DOUBLE_EQ(te.productions[0], 5);
  EXPECT_DOUBLE_EQ(te.productions[1], 10);
  EXPECT_DOUBLE_EQ(te.attractions[1], 0);
  EXPECT_EQ(te.used, 5u);
  EXPECT_EQ(te.missing, 1u);
  const auto r = tripEndsFromRidership(zs, {{"S", 1}}, {{"S", 10, 20}, {"S", nan, 5}, {"X", 1, 1}});
  EXPECT_DOUBLE_EQ(r.productions[1], 25);  // alightings
  EXPECT_DOUBLE_EQ(r.attractions[1], 10);  // boardings
  EXPECT_EQ(r.missing, 3u);
  auto b = r;
  b.balanceAttractionsToProductions();
  EXPECT_DOUBLE_EQ(b.totalAttractions(), 25);
}

TEST(OdIo, CsvOmxAndProjectRoundTrip) {
  const TempDir dir("od_io");
  NamedOdMatrix od{{"1", "2", "10"}, OdMatrix(3)};
  od.matrix(0, 1) = 5.5, od.matrix(2, 0) = 1e-3, od.matrix(1, 1) = 2;
  writeOdCsv(dir.str("od.csv"), od);
  const auto back = readOdCsv(dir.str("od.csv"));
  EXPECT_EQ(back.zoneIds, (std::vector<std::string>{"1", "2", "10"}));  // numeric order
  EXPECT_EQ(back.matrix.values(), od.matrix.values());
  writeOmxFolder(dir.str("omx"), od.zoneIds, {{"trips", od.matrix}});
  const auto omx = readOmxFolder(dir.str("omx"));
  EXPECT_EQ(omx.zoneIds, od.zoneIds);
  EXPECT_EQ(omx.matrix.values(), od.matrix.values());
  EXPECT_THROW(readOmxFolder(dir.str("omx"), "cost"), core::ValidationError);
  {
    std::ofstream f(dir / "bad.csv");
    f << "origin,destination,trips\n1,2,3\n1,2,4\n";
  }
  try {
    readOdCsv(dir.str("bad.csv"));
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.context().line, 3);
  }
  const std::string gpkg = dir.str("p.gpkg");
  {
    auto p = store::Project::create(gpkg);
    EXPECT_TRUE(odPeriods(p).empty());
    saveOdMatrix(p, "am", od);
    NamedOdMatrix other = od;
    other.matrix(0, 1) = 1;
    saveOdMatrix(p, "pm", other);
    saveOdMatrix(p, "am", od);  // replace
    EXPECT_EQ(odPeriods(p), (std::vector<std::string>{"am", "pm"}));
  }
  const auto p = store::Project::open(gpkg, store::OpenMode::ReadOnly);
  const auto am = loadOdMatrix(p, "am");
  EXPECT_EQ(am.zoneIds, od.zoneIds);
  EXPECT_EQ(am.matrix.values(), od.matrix.values());
  EXPECT_THROW(loadOdMatrix(p, "night"), core::ValidationError);
  // Independent readers: sqlite3 sees the rows (3 diagonal + 2 non-zero off-diagonal),
  // GDAL lists the attribute table through gpkg_contents.
  auto r = ekm_test::run("sqlite3 " + gpkg +
                         " \"SELECT count(*), sum(trips) FROM od_matrices WHERE period='am'\"");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_EQ(r.out, "5|7.501\n");
  r = ekm_test::run("ogrinfo -ro -q " + gpkg +
                    " od_matrices -where \"period='am' AND origin='1' AND destination='2'\"");
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("trips (Real) = 5.5"), std::string::npos) << r.out;
}

TEST(OdCli, GravityEstimateImportExport) {
  const TempDir dir("od_cli");
  const std::string data = EKM_TEST_DATA_DIR;
  auto r = ekm_test::cli("od gravity --cost " + data + "/od/ref_cost.csv --trip-ends " + data +
                         "/od/ref_trip_ends.csv --deterrence power --alpha 1.6 --tolerance 1e-12 --out " +
                         dir.str("g.csv"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("converged"), std::string::npos);
  // compare with the Python reference (power model)
  const auto g = readOdCsv(dir.str("g.csv"));
  std::ifstream ref(data + "/od/ref_gravity.csv");
  std::string line;
  int checked = 0;
  while (std::getline(ref, line)) {
    if (line.rfind("power,", 0) != 0) continue;
    std::stringstream ss(line.substr(6));
    std::string o, d, t;
    std::getline(ss, o, ','), std::getline(ss, d, ','), std::getline(ss, t, ',');
    EXPECT_NEAR(g.matrix(g.indexOf(o), g.indexOf(d)), std::stod(t), 1e-7 * std::stod(t));
    ++checked;
  }
  EXPECT_EQ(checked, 36);
  // unbalanced totals -> model error, exit 12
  {
    std::ofstream f(dir / "ends.csv");
    f << "zone,production,attraction\n1,10,5\n2,10,5\n";
  }
  {
    std::ofstream f(dir / "seed.csv");
    f << "origin,destination,trips\n1,1,1\n1,2,1\n2,1,1\n2,2,1\n";
  }
  r = ekm_test::cli("od furness --seed " + dir.str("seed.csv") + " --trip-ends " + dir.str("ends.csv") +
                    " --out " + dir.str("f.csv"));
  EXPECT_EQ(r.exitCode, 12) << r.out;
  EXPECT_NE(r.out.find("cannot be balanced"), std::string::npos) << r.out;
  r = ekm_test::cli("od furness --balance --seed " + dir.str("seed.csv") + " --trip-ends " +
                    dir.str("ends.csv") + " --out " + dir.str("f.csv"));
  EXPECT_EQ(r.exitCode, 0) << r.out;
  // estimation on Sioux Falls with counts on 4 links from the published flows
  {
    std::ofstream f(dir / "counts.csv");
    f << "init_node,term_node,count\n1,2,4494.6576464564205\n3,4,14006.371019862527\n10,15,23125.797290102622\n"
         "16,17,11695.002916533696\n";
  }
  r = ekm_test::cli("od estimate --tntp-net " + data + "/tntp/SiouxFalls_net.tntp --tntp-trips " + data +
                    "/tntp/SiouxFalls_trips.tntp --counts " + dir.str("counts.csv") + " --out " +
                    dir.str("e.csv") + " --geh " + dir.str("geh.csv") + " --outer 2 --threads 1");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("GEH < 5 share"), std::string::npos) << r.out;
  // store round trip through the CLI
  { auto p = store::Project::create(dir.str("p.gpkg")); }
  r = ekm_test::cli("od import --project " + dir.str("p.gpkg") + " --period am --in " + dir.str("e.csv"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = ekm_test::cli("od export --project " + dir.str("p.gpkg") + " --period am --format omx-folder --out " +
                    dir.str("omx"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto a = readOdCsv(dir.str("e.csv"));
  const auto b = readOmxFolder(dir.str("omx"));
  EXPECT_EQ(a.zoneIds, b.zoneIds);
  for (std::size_t k = 0; k < a.matrix.values().size(); ++k) EXPECT_NEAR(a.matrix.values()[k], b.matrix.values()[k], 1e-9);
  r = ekm_test::cli("od list --project " + dir.str("p.gpkg"));
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_NE(r.out.find("am\t24 zones"), std::string::npos) << r.out;
  r = ekm_test::cli("od export --project " + dir.str("p.gpkg") + " --period pm --out x.csv");
  EXPECT_EQ(r.exitCode, 5) << r.out;
  r = ekm_test::cli("od frobnicate");
  EXPECT_EQ(r.exitCode, 2) << r.out;
}
