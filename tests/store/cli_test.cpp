// End-to-end: 'ekimachi-cli info' and 'ekimachi-cli query' on a fixture project.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "ekm/store/project.h"
#include "store_fixture.h"
#include "store_test_util.h"

using namespace ekm::store;

namespace {

class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.file("cli.gpkg");
    Project p = Project::create(m_path);
    fixture::fill(p);
  }
  std::string run(const std::string& args, int& rc) const {
    return runCommand(std::string(EKM_CLI_PATH) + " " + args, rc);
  }
  std::string cli(const std::string& args) const {
    int rc = 0;
    const auto out = run(args, rc);
    EXPECT_EQ(rc, 0) << args << "\n" << out;
    return out;
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
  EXPECT_EQ(j["schema_version"], kSchemaVersion);
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

TEST_F(StoreCli, InfoText) {
  const auto out = cli("info --project '" + m_path + "'");
  EXPECT_NE(out.find("Schema version: " + std::to_string(kSchemaVersion)), std::string::npos) << out;
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
  int rc = 0;
  auto out = run("query --project '" + m_path + "' mesh-population --cell 999 --from 2025-03-27 --to 2025-03-27", rc);
  EXPECT_EQ(rc, 5) << out;
  EXPECT_NE(out.find("999"), std::string::npos);
  out = run("query --project '" + m_path + "' mesh-population --at 2025-13-01T00:00", rc);
  EXPECT_EQ(rc, 2) << out;
  out = run("query --project '" + m_path + "' buses --at 2025-03-27T08:00", rc);
  EXPECT_EQ(rc, 2) << out;
  out = run("query --project '" + m_path + "' segment-counts --at 2025-03-27T08:00 --mode tram", rc);
  EXPECT_EQ(rc, 2) << out;
  const auto junk = m_dir.file("junk.gpkg");
  { std::ofstream(junk) << "not a database"; }
  out = run("info --project '" + junk + "'", rc);
  EXPECT_EQ(rc, 6) << out;
  EXPECT_NE(out.find("junk.gpkg"), std::string::npos) << out;
  out = run("info --project '" + m_dir.file("missing.gpkg") + "'", rc);
  EXPECT_EQ(rc, 6) << out;
}

TEST(StoreCliBench, TinyBenchRuns) {
  TempDir dir;
  int rc = 0;
  const auto out = runCommand(std::string(EKM_CLI_PATH) + " bench store --cells 9 --days 2 --dir '" +
                                  dir.path().string() + "'",
                              rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("432 rows"), std::string::npos) << out;  // 9 x 48
  EXPECT_NE(out.find("slice:"), std::string::npos) << out;
  EXPECT_NE(out.find("series:"), std::string::npos) << out;
  EXPECT_NE(out.find("ratio:"), std::string::npos) << out;
}
