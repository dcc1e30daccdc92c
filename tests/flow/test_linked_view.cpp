// The linked view on a tiny project built from CSV/GeoJSON written here: sums equal the
// hand-computed values for a station catchment, a zone and the district; missing stays missing.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/flow/linked_view.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;

namespace {

const double kLat = 35.6353954, kLon = 139.7406575;  // Takanawa Gateway

class LinkedViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("p.gpkg");
    auto p = store::Project::create(m_path);
    m_near1 = mesh::encode(kLat, kLon, mesh::levelFromName("1/8"));
    m_near2 = mesh::encode(kLat + 0.001, kLon, mesh::levelFromName("1/8"));  // ~111 m north
    m_far = mesh::encode(35.70, 139.80, mesh::levelFromName("1/8"));          // ~9 km away
    m_dir.write("stations.csv",
                "station_id,name_ja,name_en,operator,lines,lat,lon\n"
                "tg,高輪ゲートウェイ,Takanawa Gateway,JR East,Yamanote,35.6353954,139.7406575\n"
                "sh,品川,Shinagawa,JR East,Yamanote,35.6284713,139.7387597\n");
    m_dir.write("ridership.csv",
                "station_id,date,hour,boardings,alightings\n"
                "tg,2025-03-27,8,1200,800\ntg,2025-03-27,9,*,900\nsh,2025-03-27,8,10,20\n");
    m_dir.write("segments.geojson",
                R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"segment_id":"s1"},"geometry":{"type":"LineString","coordinates":[[139.7406,35.6356],[139.7410,35.6360]]}},
{"type":"Feature","properties":{"segment_id":"s2"},"geometry":{"type":"LineString","coordinates":[[139.80,35.70],[139.801,35.701]]}}]})");
    m_dir.write("counts.csv",
                "segment_id,timestamp,direction,mode,count\n"
                "s1,2025-03-27T08:00,forward,pedestrian,120\ns1,2025-03-27T08:00,backward,pedestrian,80\n"
                "s2,2025-03-27T08:00,forward,pedestrian,5\n");
    m_dir.write("mesh.csv", "mesh_code,date,hour,population\n" + m_near1 + ",2025-03-27,8,100\n" + m_near1 +
                                ",2025-03-27,9,50\n" + m_near2 + ",2025-03-27,8,30\n" + m_far +
                                ",2025-03-27,8,7\n");
    for (auto [k, f] : {std::pair{io::ImportKind::Stations, "stations.csv"},
                        {io::ImportKind::StationRidership, "ridership.csv"},
                        {io::ImportKind::Segments, "segments.geojson"},
                        {io::ImportKind::SegmentCounts, "counts.csv"},
                        {io::ImportKind::MeshPopulation, "mesh.csv"}})
      io::importFile(p, k, m_dir.str(f), {}, core::nullFeedback());
  }

  ekm_test::TempDir m_dir{"linked"};
  std::string m_path, m_near1, m_near2, m_far;
  const core::HourKey m_t8 = core::hourKeyFromJst(std::chrono::year{2025} / 3 / 27, 8);
};

TEST_F(LinkedViewTest, StationZoneDistrictSums) {
  const auto p = store::Project::open(m_path, store::OpenMode::ReadOnly);
  const auto zoneCode = m_near1.substr(0, 8);  // the 3rd-level (1 km) mesh of the station
  ASSERT_EQ(m_near2.substr(0, 8), zoneCode);
  for (const auto& scope : {flow::LinkedScope::station("tg"), flow::LinkedScope::zone({zoneCode})}) {
    const auto v = flow::linkedView(p, scope, m_t8, m_t8 + 2, core::nullFeedback());
    ASSERT_EQ(v.rows.size(), 3u);
    EXPECT_EQ(v.cells.size(), 2u);
    EXPECT_EQ(v.segments, std::vector<std::string>{"s1"});
    EXPECT_EQ(v.stations, std::vector<std::string>{"tg"});
    EXPECT_DOUBLE_EQ(v.rows[0].population, 130);
    EXPECT_EQ(v.rows[0].populationCells, 2);
    EXPECT_DOUBLE_EQ(v.rows[0].pedestrians, 200);
    EXPECT_DOUBLE_EQ(v.rows[0].boardings, 1200);
    EXPECT_DOUBLE_EQ(v.rows[0].alightings, 800);
    EXPECT_DOUBLE_EQ(v.rows[1].population, 50);
    EXPECT_EQ(v.rows[1].populationCells, 1);
    EXPECT_TRUE(std::isnan(v.rows[1].pedestrians));  // no count: missing, not 0
    EXPECT_TRUE(std::isnan(v.rows[1].boardings));    // '*' suppressed
    EXPECT_DOUBLE_EQ(v.rows[1].alightings, 900);
    EXPECT_TRUE(std::isnan(v.rows[2].population));
    EXPECT_EQ(v.rows[2].populationCells, 0);
  }
  const auto d = flow::linkedView(p, flow::LinkedScope::district(), m_t8, m_t8, core::nullFeedback());
  EXPECT_DOUBLE_EQ(d.rows[0].population, 137);
  EXPECT_DOUBLE_EQ(d.rows[0].pedestrians, 205);
  EXPECT_DOUBLE_EQ(d.rows[0].boardings, 1210);
  EXPECT_THROW(flow::linkedView(p, flow::LinkedScope::station("nowhere"), m_t8, m_t8, core::nullFeedback()),
               core::ValidationError);
}

TEST_F(LinkedViewTest, CliHeaderAndRow) {
  const auto r = ekm_test::cliArgs({"linked", "--project", m_path, "--station", "tg", "--from", "2025-03-27",
                                    "--to", "2025-03-27", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_EQ(out.substr(0, out.find('\n')), "t,population,population_cells,pedestrians,boardings,alightings");
  EXPECT_NE(out.find("\n2025-03-27T08:00+09:00,130,2,200,1200,800\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n2025-03-27T09:00+09:00,50,1,,,900\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n2025-03-27T10:00+09:00,,0,,,\n"), std::string::npos) << out;
}

}  // namespace
