// The demand operations: `assign` through the registry with JSON params gives the link
// flows of the `assign` command (TNTP files and a project's street network); scenario files
// whose top-level "edits" fill an assign step's `edits` run, store and compare into a
// GeoJSON difference layer of the streets; the example data/samples/scenarios/deck_am.json
// runs on the sample district.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ekm/core/data_dir.h"
#include "ekm/core/feedback.h"
#include "ekm/ops/registry.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using Json = nlohmann::ordered_json;
using ekm_test::cli;
using ekm_test::quote;

const std::string kData = EKM_TEST_DATA_DIR;
// A weekday morning of the sample (JST).
const std::string kFrom = "2025-04-08T07:00+09:00";
const std::string kTo = "2025-04-08T09:00+09:00";

// Rows of a CSV with a header, as column -> text.
std::vector<std::map<std::string, std::string>> readCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

double num(const std::map<std::string, std::string>& row, const std::string& column) {
  return std::stod(row.at(column));
}

// A table of an OpResult in JSON by column name: key -> column -> value.
std::map<std::string, std::map<std::string, Json>> tableByKey(const Json& table) {
  std::map<std::string, std::map<std::string, Json>> out;
  const auto& columns = table["columns"];
  for (const auto& row : table["rows"]) {
    auto& r = out[row[0].is_string() ? row[0].get<std::string>() : row[0].dump()];
    for (std::size_t c = 0; c < columns.size(); ++c) r[columns[c].get<std::string>()] = row[c];
  }
  return out;
}

ekm::ops::OpResult runOp(const std::string& name, ekm::ops::Session& session, const Json& params) {
  return ekm::ops::Registry::global().at(name).run(session, params, ekm::core::nullFeedback());
}

TEST(DemandOpsTntp, AssignThroughTheRegistryGivesTheLinkFlowsOfTheCommand) {
  ekm_test::TempDir dir("assign_sf");
  const std::string net = kData + "/tntp/SiouxFalls_net.tntp", trips = kData + "/tntp/SiouxFalls_trips.tntp";
  const auto r = cli("assign --tntp-net " + quote(net) + " --tntp-trips " + quote(trips) +
                     " --algorithm b --gap 1e-8 --out " + quote(dir.str("cli.csv")) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;

  ekm::ops::Session session;
  const auto result = runOp("assign", session,
                            {{"tntp_net", net}, {"tntp_trips", trips}, {"algorithm", "b"}, {"gap", 1e-8},
                             {"out", dir.str("registry.csv")}});
  EXPECT_EQ(result.summary["converged"], true);
  EXPECT_EQ(result.summary["network"], "tntp");
  const auto* flows = result.table("link_flows");
  ASSERT_NE(flows, nullptr);
  const auto cliRows = readCsv(dir.str("cli.csv"));
  const auto registryRows = readCsv(dir.str("registry.csv"));
  ASSERT_EQ(cliRows.size(), 76u);
  ASSERT_EQ(flows->rows.size(), cliRows.size());
  ASSERT_EQ(registryRows.size(), cliRows.size());
  for (std::size_t a = 0; a < cliRows.size(); ++a) {
    const double v = num(cliRows[a], "volume");
    EXPECT_EQ(flows->rows[a][0], static_cast<int>(a + 1));
    EXPECT_NEAR(flows->rows[a][3].get<double>(), v, 1e-9 * std::max(1.0, v)) << "link " << a + 1;
    EXPECT_NEAR(num(registryRows[a], "volume"), v, 1e-9 * std::max(1.0, v)) << "link " << a + 1;
  }
  // The published equilibrium of Sioux Falls: TSTT 7 480 225 (in 0.01 h).
  EXPECT_NEAR(result.summary["tstt"].get<double>(), 7480225.34, 10.0);
}

TEST(DemandOpsTntp, NotConvergedIsAWarningOfTheOperationAndExitThirteenOfTheCommand) {
  const std::string net = kData + "/tntp/SiouxFalls_net.tntp", trips = kData + "/tntp/SiouxFalls_trips.tntp";
  ekm::ops::Session session;
  const auto result = runOp("assign", session,
                            {{"tntp_net", net}, {"tntp_trips", trips}, {"gap", 1e-12}, {"max_iter", 2}});
  EXPECT_EQ(result.summary["converged"], false);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("not converged"), std::string::npos) << result.warnings[0];
  const auto r = cli("assign --tntp-net " + quote(net) + " --tntp-trips " + quote(trips) +
                     " --gap 1e-12 --max-iter 2 --quiet");
  EXPECT_EQ(r.exitCode, 13) << r.out;
  // Project options on TNTP files are refused before any work.
  const auto mixed = cli("assign --tntp-net " + quote(net) + " --tntp-trips " + quote(trips) + " --turns t.csv");
  EXPECT_EQ(mixed.exitCode, 2) << mixed.out;
  EXPECT_NE(mixed.out.find("turns"), std::string::npos) << mixed.out;
}

// The sample district laid out as in the source tree (build/sample-takanawa next to
// data/samples/scenarios), one weekday.
class DemandOpsSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("demand_ops");
    const auto r = cli("sample --out " + quote(s_dir->str("build/sample-takanawa")) +
                       " --seed 1 --from 2025-04-08 --to 2025-04-08 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    s_project = s_dir->str("build/sample-takanawa/sample.gpkg");
  }
  static void TearDownTestSuite() { s_dir.reset(); }
  static std::string sampleFile(const std::string& name) { return s_dir->str("build/sample-takanawa/" + name); }
  // The walking network of the sample: rail tracks as barriers, their crossings flagged.
  static Json walkingParams() {
    return {{"from", kFrom},
            {"to", kTo},
            {"barriers", sampleFile("basemap_rail.geojson")},
            {"crossings_from", sampleFile("road_segments.geojson")},
            {"split_crossings", true},
            {"gap", 1e-5}};
  }
  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

TEST_F(DemandOpsSample, ProjectAssignThroughTheRegistryGivesTheLinkFlowsOfTheCommand) {
  const std::string cliOut = s_dir->str("cli_links.csv"), registryOut = s_dir->str("registry_links.csv");
  const auto r = cli("assign --project " + quote(s_project) + " --from " + kFrom + " --to " + kTo + " --barriers " +
                     quote(sampleFile("basemap_rail.geojson")) + " --crossings-from " +
                     quote(sampleFile("road_segments.geojson")) + " --split-crossings --gap 1e-5 --out " +
                     quote(cliOut) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("OD gravity exp(-0.1 c)"), std::string::npos) << r.out;

  ekm::ops::Session session(s_project);
  Json params = walkingParams();
  params["out"] = registryOut;
  const auto result = runOp("assign", session, params);
  EXPECT_EQ(result.summary["network"], "project");
  EXPECT_EQ(result.summary["converged"], true);
  const auto cliRows = readCsv(cliOut), registryRows = readCsv(registryOut);
  ASSERT_GT(cliRows.size(), 1000u);
  ASSERT_EQ(registryRows.size(), cliRows.size());
  // Link by link, and per segment in the operation's table (keyed by segment id).
  std::map<std::string, std::vector<const std::map<std::string, std::string>*>> bySegment;
  for (std::size_t a = 0; a < cliRows.size(); ++a) {
    EXPECT_EQ(registryRows[a].at("segment_id"), cliRows[a].at("segment_id"));
    const double v = num(cliRows[a], "volume");
    EXPECT_NEAR(num(registryRows[a], "volume"), v, 1e-9 * std::max(1.0, v)) << "link " << a + 1;
    bySegment[cliRows[a].at("segment_id")].push_back(&cliRows[a]);
  }
  const auto* flows = result.table("link_flows");
  ASSERT_NE(flows, nullptr);
  EXPECT_EQ(flows->geometry, "segment");
  EXPECT_EQ(flows->columns[0], "segment_id");
  Json tableJson = ekm::ops::toJson(*flows);
  const auto table = tableByKey(tableJson);
  int checked = 0;
  double busiest = 0;
  for (const auto& [segment, links] : bySegment) {
    if (segment.rfind("connector:", 0) == 0) {
      EXPECT_EQ(table.count(segment), 0u) << segment;
      continue;
    }
    ASSERT_EQ(table.count(segment), 1u) << segment;
    // A segment of one link each way (not split): its two-way volume is their sum.
    const bool unsplit = links.size() == 1 || (links.size() == 2 && links[0]->at("from") == links[1]->at("to") &&
                                                 links[0]->at("to") == links[1]->at("from"));
    if (!unsplit) continue;
    double sum = 0;
    for (const auto* l : links) sum += num(*l, "volume");
    EXPECT_NEAR(table.at(segment).at("volume").get<double>(), sum, 1e-9 * std::max(1.0, sum)) << segment;
    busiest = std::max(busiest, sum);
    ++checked;
  }
  EXPECT_GT(checked, 500);
  EXPECT_GT(busiest, 100);
}

TEST_F(DemandOpsSample, AScenarioFileClosingASegmentComparesIntoAStreetDifferenceLayer) {
  // The same assign step with and without the scenario's "edits": the station's east-west
  // deck over the tracks closed.
  Json scenario = {{"scenario", "walk-am"},
                   {"project", "build/sample-takanawa/sample.gpkg"},
                   {"defaults", walkingParams()},
                   {"steps", Json::array({{{"id", "am"}, {"op", "assign"}, {"params", Json::object()}}})}};
  const std::string base = s_dir->write("walk_am.json", scenario.dump(1));
  scenario["scenario"] = "walk-am-deck-closed";
  scenario["edits"] = {{"close", {"tgw-deck-02"}}};
  const std::string closed = s_dir->write("walk_am_closed.json", scenario.dump(1));
  auto r = cli("run " + quote(base) + " " + quote(closed) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;

  r = cli("runs show --json --project " + quote(s_project) + " walk-am-deck-closed", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json show = Json::parse(r.out);
  const auto& step = show["steps"][0];
  EXPECT_EQ(step["params"]["edits"]["close"][0], "tgw-deck-02");  // filled from the file's "edits"
  EXPECT_GT(step["result"]["summary"]["closed_links"].get<int>(), 0);

  const std::string out = s_dir->str("walk_diff");
  r = cli("compare --project " + quote(s_project) + " walk-am walk-am-deck-closed --out " + quote(out));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("am / link_flows"), std::string::npos) << r.out;
  const std::string layer = out + "/am.link_flows.geojson";
  const Json geo = Json::parse(ekm_test::readFile(layer));
  ASSERT_GT(geo["features"].size(), 1000u);
  int gained = 0;
  bool deckFound = false;
  for (const auto& f : geo["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "LineString");
    const auto& p = f["properties"];
    if (p["segment_id"] == "tgw-deck-02") {
      deckFound = true;
      EXPECT_GT(p["volume_a"].get<double>(), 1.0) << p.dump();
      EXPECT_EQ(p["volume_b"].get<double>(), 0.0) << p.dump();
      EXPECT_LT(p["volume_diff"].get<double>(), -1.0) << p.dump();
    } else if (p["volume_diff"].is_number() && p["volume_diff"].get<double>() > 1.0) {
      ++gained;
    }
  }
  EXPECT_TRUE(deckFound);
  EXPECT_GT(gained, 5);  // the walkers take other streets
  r = ekm_test::run("ogrinfo -ro -so -al " + quote(layer));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("Geometry: Line String"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("volume_diff"), std::string::npos) << r.out;
}

TEST_F(DemandOpsSample, TheDeckExampleRunsAndTheDeckCarriesWalkers) {
  const auto dir = s_dir->path() / "data/samples/scenarios";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(ekm::core::sourceDir() + "/data/samples/scenarios/deck_am.json", dir / "deck_am.json",
                             std::filesystem::copy_options::overwrite_existing);
  auto r = cli("run " + quote((dir / "deck_am.json").string()) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = cli("runs show --json --project " + quote(s_project) + " deck-am", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json show = Json::parse(r.out);
  const Json* flows = nullptr;
  for (const auto& t : show["steps"][0]["result"]["tables"])
    if (t["name"] == "link_flows") flows = &t;
  ASSERT_NE(flows, nullptr);
  double onDeck = 0;
  for (const auto& row : (*flows)["rows"])
    if (row[0].get<std::string>().rfind("added:", 0) == 0) onDeck += row[3].get<double>();
  EXPECT_GT(onDeck, 10.0) << show["steps"][0]["result"]["summary"].dump();
}

TEST_F(DemandOpsSample, OdOperationsRecordOdTables) {
  ekm::ops::Session session(s_project);
  Json params = walkingParams();
  params.erase("gap");
  params["out"] = s_dir->str("gravity.csv");
  const auto gravity = runOp("od-gravity", session, params);
  const auto* od = gravity.table("od");
  ASSERT_NE(od, nullptr);
  EXPECT_EQ(od->keyColumns, 2);
  EXPECT_EQ(od->geometry, "od");
  double total = 0;
  for (const auto& row : od->rows) total += row[2].get<double>();
  EXPECT_NEAR(total, gravity.summary["trips"].get<double>(), 1e-6 * total);
  EXPECT_GT(total, 100);
  // The file written is the recorded matrix.
  double fileTotal = 0;
  for (const auto& row : readCsv(s_dir->str("gravity.csv"))) fileTotal += num(row, "trips");
  EXPECT_NEAR(fileTotal, total, 1e-6 * total);

  const auto ends = runOp("trip-ends", session, {{"from", kFrom}, {"to", kTo}});
  ASSERT_NE(ends.table("trip_ends"), nullptr);
  EXPECT_EQ(ends.summary["zones"], gravity.summary["zones"]);
  const auto zones = runOp("zones", session, Json::object());
  EXPECT_EQ(zones.summary["zones"], gravity.summary["zones"]);
}

}  // namespace
