// Input domain checks (ekm/io/domain_checks.h, issue 15 §2-3): the rules alone, and every
// importer refusing values outside their real domain with file, line/feature and field,
// leaving the project file byte-identical.
#include "ekm/io/domain_checks.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/basemap_importer.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

using namespace ekm;
using io::domain::Where;
namespace fs = std::filesystem;

namespace {

// The error's full text, or "" when f does not throw.
std::string errorOf(const std::function<void()>& f, core::ErrorCode* code = nullptr) {
  try {
    f();
  } catch (const core::Error& e) {
    if (code) *code = e.code();
    return e.what();
  }
  return "";
}

const Where kWhere{"in.csv", 7, std::nullopt, "col"};

}  // namespace

// --- the rules ---------------------------------------------------------------------------

TEST(DomainRules, MeshCodesOfJapanOnly) {
  EXPECT_TRUE(mesh::isJapanFirstMesh("5339"));   // Tokyo
  EXPECT_TRUE(mesh::isJapanFirstMesh("3036"));   // Okinotorishima
  EXPECT_TRUE(mesh::isJapanFirstMesh("6848"));   // Etorofu
  EXPECT_FALSE(mesh::isJapanFirstMesh("5350"));  // the Pacific east of Japan
  EXPECT_FALSE(mesh::isJapanFirstMesh("0000"));
  EXPECT_FALSE(mesh::isJapanFirstMesh("9999"));
  int n = 0;
  for (int c = 0; c < 10000; ++c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d", c);
    n += mesh::isJapanFirstMesh(buf);
  }
  EXPECT_EQ(n, 176);

  EXPECT_EQ(errorOf([] { io::domain::checkMeshCode("533935772", kWhere); }), "");
  auto e = errorOf([] { io::domain::checkMeshCode("53500000", kWhere); });
  EXPECT_NE(e.find("outside Japan"), std::string::npos) << e;
  EXPECT_NE(e.find("in.csv:7"), std::string::npos) << e;
  e = errorOf([] { io::domain::checkMeshCode("53393899", kWhere); });  // 2nd-level digits are 0-7
  EXPECT_NE(e.find("invalid mesh code"), std::string::npos) << e;
  e = errorOf([] { io::domain::checkMeshCode("533935775", kWhere); });  // 1/2 digit is 1-4
  EXPECT_NE(e.find("invalid mesh code"), std::string::npos) << e;

  io::domain::MeshLevelGuard guard;
  guard.check("53393577", Where{"m.csv", 2, std::nullopt, "mesh_code"});
  guard.check("53393578", Where{"m.csv", 3, std::nullopt, "mesh_code"});
  e = errorOf([&] { guard.check("533935772", Where{"m.csv", 9, std::nullopt, "mesh_code"}); });
  EXPECT_NE(e.find("mixes mesh levels"), std::string::npos) << e;
  EXPECT_NE(e.find("m.csv:9"), std::string::npos) << e;
  EXPECT_NE(e.find("line 2"), std::string::npos) << e;
}

TEST(DomainRules, DatesCountsCoordinates) {
  const auto days = [](int y) {
    return core::daysFromCivil(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{3},
                                                           std::chrono::day{27}});
  };
  EXPECT_EQ(errorOf([&] { io::domain::checkDateDays(days(2025), kWhere); }), "");
  for (int y : {0, 1000, 1899, 2101, 9999})
    EXPECT_NE(errorOf([&] { io::domain::checkDateDays(days(y), kWhere); }).find("implausible date"),
              std::string::npos)
        << y;
  EXPECT_NE(errorOf([] { io::domain::checkYear(1000, kWhere); }).find("1900..2100"), std::string::npos);
  EXPECT_NE(errorOf([] { io::domain::checkHour(24, kWhere); }), "");

  EXPECT_EQ(errorOf([] { io::domain::checkCount(1e7, kWhere); }), "");
  for (double v : {1e9, 1e308, std::numeric_limits<double>::infinity(), std::nan(""), -1.0})
    EXPECT_NE(errorOf([&] { io::domain::checkCount(v, kWhere); }), "") << v;
  io::domain::DomainLimits big;
  big.maxCount = 1e10;
  EXPECT_EQ(errorOf([&] { io::domain::checkCount(1e9, kWhere, big); }), "");

  EXPECT_EQ(errorOf([] { io::domain::checkLonLat(139.74, 35.63, kWhere); }), "");
  EXPECT_NE(errorOf([] { io::domain::checkLonLat(139.74, 91, kWhere); }).find("latitude out of range"),
            std::string::npos);
  EXPECT_NE(errorOf([] { io::domain::checkLonLat(200, 35, kWhere); }).find("longitude out of range"),
            std::string::npos);
  EXPECT_NE(errorOf([] { io::domain::checkLonLat(35.63, 139.74, kWhere); }).find("swapped axes"), std::string::npos);
  EXPECT_NE(errorOf([] { io::domain::checkSourceXY(1e20, 0, kWhere); }), "");
  EXPECT_EQ(errorOf([] { io::domain::checkSourceXY(-5.0e6, 1.5e7, kWhere); }), "");
}

TEST(DomainRules, IdsTextAndQuoting) {
  core::ErrorCode code{};
  EXPECT_EQ(errorOf([] { io::domain::checkId("JY25", kWhere); }), "");
  EXPECT_EQ(errorOf([] { io::domain::checkId("高輪ゲートウェイ", kWhere); }), "");
  auto e = errorOf([] { io::domain::checkId(std::string("a\0b", 3), kWhere); });
  EXPECT_NE(e.find("NUL"), std::string::npos) << e;
  EXPECT_NE(e.find("a\\x00b"), std::string::npos) << e;
  EXPECT_NE(errorOf([] { io::domain::checkId("a\tb", kWhere); }).find("control character"), std::string::npos);
  e = errorOf([] { io::domain::checkId("\x93\x8C\x8B\x9E", kWhere); }, &code);  // CP932 bytes
  EXPECT_EQ(code, core::ErrorCode::Encoding) << e;
  EXPECT_NE(errorOf([] { io::domain::checkText("ok\xC3(", kWhere); }).find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(errorOf([] { io::domain::checkText("東京\tline\n", kWhere); }), "");

  EXPECT_TRUE(io::domain::isValidUtf8("東京"));
  EXPECT_FALSE(io::domain::isValidUtf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(io::domain::isValidUtf8("\xC0\xAF"));      // overlong
  const std::string huge(20 << 20, 'x');
  const auto q = io::domain::quoteValue(huge);
  EXPECT_LT(q.size(), 260u);
  EXPECT_NE(q.find("20971520 bytes"), std::string::npos) << q;
  EXPECT_EQ(io::domain::quoteValue("東京駅"), "東京駅");

  e = errorOf([] { io::domain::checkHeader({"mesh_code", "date", "population", "Population "}, "h.csv"); });
  EXPECT_NE(e.find("repeated header column"), std::string::npos) << e;
  EXPECT_NE(e.find("columns 3 and 4"), std::string::npos) << e;
}

// --- the importers -------------------------------------------------------------------------

class DomainImport : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("p.gpkg");
    store::Project::create(m_path);
    m_stations = m_dir.write("stations.csv",
                             "station_id,name_ja,lat,lon\nJY25,高輪ゲートウェイ,35.6355,139.7407\n");
    store::Project p = store::Project::open(m_path);
    io::importFile(p, io::ImportKind::Stations, m_stations, {}, core::nullFeedback());
  }
  // Imports `content` (written to `name`) and expects it refused with every fragment in the
  // message, the project file byte-identical afterwards. Returns the message.
  std::string refused(io::ImportKind kind, const std::string& name, const std::string& content,
                      const std::vector<std::string>& fragments, io::ImportOptions o = {}) {
    const std::string file = m_dir.write(name, content);
    const std::string before = ekm_test::readFile(m_path);
    std::string msg;
    {
      store::Project p = store::Project::open(m_path);
      msg = errorOf([&] { io::importFile(p, kind, file, o, core::nullFeedback()); });
    }
    EXPECT_FALSE(msg.empty()) << name << " was accepted";
    for (const auto& f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
    EXPECT_LT(msg.size(), 1200u) << "the message quotes too much";
    EXPECT_EQ(ekm_test::readFile(m_path), before) << "the refused import of " << name << " changed the project";
    return msg;
  }
  std::string accepted(io::ImportKind kind, const std::string& name, const std::string& content,
                       io::ImportOptions o = {}) {
    const std::string file = m_dir.write(name, content);
    store::Project p = store::Project::open(m_path);
    return errorOf([&] { io::importFile(p, kind, file, o, core::nullFeedback()); });
  }

  ekm_test::TempDir m_dir;
  std::string m_path, m_stations;
};

TEST_F(DomainImport, MeshPopulation) {
  const auto M = io::ImportKind::MeshPopulation;
  const std::string head = "mesh_code,date,hour,population\n";
  refused(M, "out.csv", head + "53393577,2025-03-27,8,12\n53500000,2025-03-27,8,12\n",
          {"out.csv:3", "mesh_code", "outside Japan"});
  refused(M, "digit.csv", head + "53393899,2025-03-27,8,12\n", {"digit.csv:2", "invalid mesh code"});
  // A file mixing levels imports with a warning naming both lines (DomainRules tests the text).
  EXPECT_EQ(accepted(M, "mixed.csv", head + "53393577,2025-03-27,7,12\n533935772,2025-03-27,7,12\n"), "");
  refused(M, "y9999.csv", head + "53393577,9999-03-27,8,12\n", {"y9999.csv:2", "date", "implausible date"});
  refused(M, "y1000.csv", head + "53393577,1000/1/1,8,12\n", {"y1000.csv:2", "implausible date"});
  refused(M, "y0000.csv", "mesh_code,datetime,population\n53393577,0000-03-27T08:00,12\n", {"y0000.csv:2"});
  refused(M, "huge.csv", head + "53393577,2025-03-27,8,1e308\n", {"huge.csv:2", "population", "implausibly large"});
  refused(M, "big.csv", head + "53393577,2025-03-27,8,1e9\n", {"big.csv:2", "max_count"});
  refused(M, "header.csv", "mesh_code,date,hour,population,population\n53393577,2025-03-27,8,12,13\n",
          {"header.csv:1", "repeated header column"});
  // The bound is configurable.
  io::ImportOptions o;
  o.maxCount = 2e9;
  EXPECT_EQ(accepted(M, "big-ok.csv", head + "53393577,2025-03-27,8,1e9\n", o), "");
  EXPECT_EQ(accepted(M, "ok.csv", head + "53393577,2025-03-27,9,12\n53393578,2025-03-27,9,13\n"), "");
}

TEST_F(DomainImport, OneBadByteInAUtf8FileIsNamedNotGarbled) {
  const std::string body = "station_id,name_ja,lat,lon\nT1,東京,35.68,139.76\nT2,品川\xFF,35.62,139.74\n";
  const auto e = refused(io::ImportKind::Stations, "bad-byte.csv", body, {"bad-byte.csv:3", "UTF-8"});
  EXPECT_EQ(e.find("譚"), std::string::npos) << e;
}

TEST_F(DomainImport, StationsCsv) {
  const auto S = io::ImportKind::Stations;
  const std::string head = "station_id,name_ja,lat,lon\n";
  refused(S, "lat.csv", head + "X1,x,91,139.7\n", {"lat.csv:2", "bad latitude"});
  refused(S, "lon.csv", head + "X1,x,35.6,200\n", {"lon.csv:2", "bad longitude"});
  refused(S, "swap.csv", head + "X1,x,139.74,35.63\n", {"swap.csv:2", "swapped axes"});
  refused(S, "nul.csv", head + std::string("a\0b,x,35.6,139.7\n", 18), {"nul.csv:2"});
  refused(S, "ctl.csv", head + "a\x01" "b,x,35.6,139.7\n", {"ctl.csv:2", "control character"});
  const auto e = refused(S, "long.csv", head + std::string(20 << 20, 'i') + ",x,35.6,139.7\n", {"long.csv:2"});
  EXPECT_NE(e.find("bytes)"), std::string::npos) << e;
}

TEST_F(DomainImport, SeriesIds) {
  refused(io::ImportKind::StationRidership, "rid.csv",
          "station_id,datetime,boardings,alightings\n" + std::string("JY25\x7F,2025-03-27T08:00,1,2\n"),
          {"rid.csv:2", "control character in id"});
  refused(io::ImportKind::StationRidership, "rid-big.csv",
          "station_id,datetime,boardings,alightings\nJY25,2025-03-27T08:00,1e12,2\n",
          {"rid-big.csv:2", "boardings", "implausibly large"});
}

namespace {
std::string pointsGeoJson(const std::string& crs, const std::string& coords, const std::string& id = "g1") {
  std::string s = "{\"type\":\"FeatureCollection\",";
  if (!crs.empty()) s += "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},";
  return s + "\"features\":[{\"type\":\"Feature\",\"properties\":{\"station_id\":\"" + id +
         "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + coords + "]}}]}";
}
}  // namespace

TEST_F(DomainImport, VectorSources) {
  const auto S = io::ImportKind::Stations;
  refused(S, "lat91.geojson", pointsGeoJson("", "139.7,91"), {"lat91.geojson", "feature", "latitude out of range"});
  refused(S, "lon200.geojson", pointsGeoJson("", "200,35"), {"longitude out of range"});
  refused(S, "e308.geojson", pointsGeoJson("", "1e308,-1e308"), {"e308.geojson"});
  // 1e20 m in Web Mercator: refused before PROJ sees it (it used to spin for minutes).
  const auto t0 = std::chrono::steady_clock::now();
  refused(S, "e20.geojson", pointsGeoJson("urn:ogc:def:crs:EPSG::3857", "1e20,1e20"), {"out of any CRS's range"});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
  refused(S, "epsg999999.geojson", pointsGeoJson("urn:ogc:def:crs:EPSG::999999", "139.7,35.6"),
          {"coordinate reference system cannot be resolved"});
  refused(S, "ctl.geojson", pointsGeoJson("", "139.7,35.6", "a\\u0001b"), {"control character in id"});
  // A station in EPSG:6677 (Tokyo's plane rectangular zone) still imports.
  EXPECT_EQ(accepted(S, "jgd.geojson", pointsGeoJson("urn:ogc:def:crs:EPSG::6677", "-7000,-44000", "P1")), "");

  // Basemap: the same rules.
  const std::string line =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},"
      "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[139.7,35.6],[139.7,95]]}}]}";
  const std::string file = m_dir.write("rail.geojson", line);
  const std::string before = ekm_test::readFile(m_path);
  {
    store::Project p = store::Project::open(m_path);
    io::BasemapImportOptions bo;
    bo.kind = "rail";
    const auto e = errorOf([&] { io::importBasemap(p, file, bo, core::nullFeedback()); });
    EXPECT_NE(e.find("latitude out of range"), std::string::npos) << e;
  }
  EXPECT_EQ(ekm_test::readFile(m_path), before);
}
