// End-to-end: 'ekimachi-cli info' and 'ekimachi-cli query' on a fixture project.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "ekm/store/od_store.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm::store;

namespace {

class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("cli.gpkg");
    Project p = Project::create(m_path);
    fixture::fill(p);
  }
  // The output (stdout and stderr) of a run that must succeed.
  std::string cli(const std::string& args) const {
    const auto r = ekm_test::cli(args);
    EXPECT_EQ(r.exitCode, 0) << args << "\n" << r.out;
    return r.out;
  }
  TempDir m_dir;
  std::string m_path;
};

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_F(StoreCli, InfoJson) {
  const auto j = nlohmann::json::parse(cli("info --json --project '" + m_path + "'"));
  EXPECT_EQ(j["schema_version"], kProjectSchemaVersion);
  std::map<std::string, std::pair<std::string, int>> layers;
  for (const auto& l : j["layers"])
    layers[l["name"]] = {l["geometry"].is_null() ? "" : l["geometry"].get<std::string>(), l["rows"].get<int>()};
  EXPECT_EQ(layers["mesh_cells"], (std::pair<std::string, int>{"POLYGON", 3}));
  EXPECT_EQ(layers["road_segments"], (std::pair<std::string, int>{"LINESTRING", 2}));
  EXPECT_EQ(layers["stations"], (std::pair<std::string, int>{"POINT", 2}));
  EXPECT_EQ(layers["mesh_population"].second, 288);
  EXPECT_EQ(j["time_ranges"]["mesh_population"]["first"], "2025-03-27T08:00+09:00");
  EXPECT_EQ(j["time_ranges"]["mesh_population"]["last"], "2025-03-29T07:00+09:00");
  EXPECT_EQ(j["time_ranges"]["mesh_population"]["hours"], 48);
  ASSERT_EQ(j["import_log"].size(), 1u);
  EXPECT_EQ(j["import_log"][0]["kind"], "mesh-population");
}

// A saved OD matrix (od_matrices, registered in gpkg_contents) is a layer like the others:
// `info` used to fail on it with "unknown table: od_matrices".
TEST_F(StoreCli, InfoWithSavedOdMatrix) {
  {
    Project p = Project::open(m_path);
    saveOdRows(p, "am", {{"Z1", "Z1", 3}, {"Z2", "Z2", 0}, {"Z1", "Z2", 12.5}});
  }
  const auto j = nlohmann::json::parse(cli("info --json --project '" + m_path + "'"));
  int odRows = -1;
  for (const auto& l : j["layers"])
    if (l["name"] == "od_matrices") odRows = l["rows"].get<int>();
  EXPECT_EQ(odRows, 3);
  EXPECT_NE(cli("info --project '" + m_path + "'").find("od_matrices"), std::string::npos);
}

TEST_F(StoreCli, InfoText) {
  const auto out = cli("info --project '" + m_path + "'");
  EXPECT_NE(out.find("Schema version: " + std::to_string(kProjectSchemaVersion)), std::string::npos) << out;
  EXPECT_NE(out.find("2025-03-27T08:00+09:00 .. 2025-03-29T07:00+09:00"), std::string::npos) << out;
  EXPECT_NE(out.find("mesh-population"), std::string::npos) << out;
}

TEST_F(StoreCli, MeshPopulationSliceMissingIsEmptyNotZero) {
  const auto l = lines(cli("query --project '" + m_path + "' mesh-population --at 2025-03-27T13:00"));
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[0], "mesh_code,value");
  EXPECT_EQ(l[1], "533935772,105");
  EXPECT_EQ(l[2], "533935773,");  // NULL in the store
  EXPECT_EQ(l[3], "533935774,305");
  const auto j = nlohmann::json::parse(
      cli("query --project '" + m_path + "' mesh-population --at 2025-03-27T04:00Z --format json"));
  EXPECT_EQ(j["at"], "2025-03-27T13:00+09:00");
  ASSERT_EQ(j["rows"].size(), 3u);
  EXPECT_TRUE(j["rows"][1]["value"].is_null());
  EXPECT_EQ(j["rows"][2]["value"], 305);
  // An hour with no data at all: every cell empty.
  const auto none = lines(cli("query --project '" + m_path + "' mesh-population --at 2025-01-01T00:00"));
  ASSERT_EQ(none.size(), 4u);
  EXPECT_EQ(none[1], "533935772,");
}

TEST_F(StoreCli, MeshPopulationSeries) {
  const auto l = lines(cli("query --project '" + m_path +
                           "' mesh-population --cell 533935773 --from 2025-03-27T12:00 --to 2025-03-27T14:00"));
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[0], "time,value");
  EXPECT_EQ(l[1], "2025-03-27T12:00+09:00,204");
  EXPECT_EQ(l[2], "2025-03-27T13:00+09:00,");
  EXPECT_EQ(l[3], "2025-03-27T14:00+09:00,206");
  // Whole days: 2025-03-27 00:00 .. 2025-03-28 23:00 JST, data from 08:00 on the 27th.
  const auto d = lines(cli("query --project '" + m_path +
                           "' mesh-population --cell 533935772 --from 2025-03-27 --to 2025-03-28 --breakdown gender=f"));
  ASSERT_EQ(d.size(), 49u);
  EXPECT_EQ(d[1], "2025-03-27T00:00+09:00,");
  EXPECT_EQ(d[9], "2025-03-27T08:00+09:00,50");
}

TEST_F(StoreCli, SegmentCountsAndRidership) {
  auto l = lines(cli("query --project '" + m_path + "' segment-counts --at 2025-03-27T10:00"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1], "S1," + std::to_string(12 + 22));
  EXPECT_EQ(l[2], "S2,7");
  l = lines(cli("query --project '" + m_path + "' segment-counts --at 2025-03-27T11:00 --mode vehicle"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1], "S1,");
  EXPECT_EQ(l[2], "S2,");
  l = lines(cli("query --project '" + m_path +
                "' segment-counts --segment S1 --mode vehicle --from 2025-03-27T10:00 --to 2025-03-27T11:00"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1], "2025-03-27T10:00+09:00,3");
  EXPECT_EQ(l[2], "2025-03-27T11:00+09:00,");
  l = lines(cli("query --project '" + m_path + "' station-ridership --at 2025-03-27T12:00"));
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0], "station_id,boardings,alightings,value");
  EXPECT_EQ(l[1], "JY26,4,,4");
  EXPECT_EQ(l[2], "JY25,,,");
  const auto j = nlohmann::json::parse(cli("query --project '" + m_path +
                                           "' station-ridership --station JY26 --from 2025-03-27T11:00 --to "
                                           "2025-03-27T11:00 --format json"));
  ASSERT_EQ(j["rows"].size(), 1u);
  EXPECT_EQ(j["rows"][0]["boardings"], 3);
  EXPECT_EQ(j["rows"][0]["alightings"], 6);
  EXPECT_EQ(j["rows"][0]["value"], 9);
}

TEST_F(StoreCli, Errors) {
  const std::string project = " --project " + ekm_test::quote(m_path);
  auto r = ekm_test::cli("query" + project + " mesh-population --cell 999 --from 2025-03-27 --to 2025-03-27");
  EXPECT_EQ(r.exitCode, 5) << r.out;
  EXPECT_NE(r.out.find("999"), std::string::npos);
  r = ekm_test::cli("query" + project + " mesh-population --at 2025-13-01T00:00");
  EXPECT_EQ(r.exitCode, 2) << r.out;
  r = ekm_test::cli("query" + project + " buses --at 2025-03-27T08:00");
  EXPECT_EQ(r.exitCode, 2) << r.out;
  r = ekm_test::cli("query" + project + " segment-counts --at 2025-03-27T08:00 --mode tram");
  EXPECT_EQ(r.exitCode, 2) << r.out;
  const auto junk = m_dir.write("junk.gpkg", "not a database");
  r = ekm_test::cli("info --project " + ekm_test::quote(junk));
  EXPECT_EQ(r.exitCode, 6) << r.out;
  EXPECT_NE(r.out.find("junk.gpkg"), std::string::npos) << r.out;
  r = ekm_test::cli("info --project " + ekm_test::quote(m_dir.str("missing.gpkg")));
  EXPECT_EQ(r.exitCode, 6) << r.out;
}

TEST(StoreCliBench, TinyBenchRuns) {
  TempDir dir;
  const auto r =
      ekm_test::cli("bench store --cells 9 --days 2 --dir " + ekm_test::quote(dir.path().string()));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string& out = r.out;
  EXPECT_NE(out.find("432 rows"), std::string::npos) << out;  // 9 x 48
  EXPECT_NE(out.find("slice:"), std::string::npos) << out;
  EXPECT_NE(out.find("series:"), std::string::npos) << out;
  EXPECT_NE(out.find("ratio:"), std::string::npos) << out;
}
