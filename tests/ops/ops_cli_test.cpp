// The CLI's registry commands (ops list|schema|run) and scenario runs end to end:
// run -> runs list|show -> compare, and the typed flag layer's errors.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using Json = nlohmann::ordered_json;
using ekm_test::cli;
using ekm_test::quote;

class OpsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("ops_cli");
    const auto r = cli("sample --out " + quote(s_dir->str("d")) + " --from 2025-03-20 --to 2025-04-02 --radius 200 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    s_project = s_dir->str("d/sample.gpkg");
  }
  static void TearDownTestSuite() { s_dir.reset(); }
  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

TEST_F(OpsCli, ListAndSchemaComeFromTheRegistry) {
  auto r = cli("ops list");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("compare-periods"), std::string::npos);
  EXPECT_NE(r.out.find("import"), std::string::npos);
  r = cli("ops schema compare-periods", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json s = Json::parse(r.out);
  EXPECT_EQ(s["properties"]["alpha"]["default"], 0.05);
  r = cli("run --schema", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["properties"]["steps"]["type"], "array");
}

TEST_F(OpsCli, OpsRunGivesWhatTheCommandGives) {
  const std::string params = s_dir->write("p.json", R"({"kind": "station-ridership", "a": "2025-03-20..2025-03-26",
                                                        "b": "2025-03-27..2025-04-02", "bootstrap": 100})");
  auto viaOps = cli("ops run compare-periods --project " + quote(s_project) + " --params " + quote(params) + " --quiet",
                    ekm_test::Streams::Separate);
  ASSERT_EQ(viaOps.exitCode, 0) << viaOps.err;
  auto viaCommand = cli("compare-periods --project " + quote(s_project) +
                            " --kind station-ridership --a 2025-03-20..2025-03-26 --b 2025-03-27..2025-04-02"
                            " --bootstrap 100 --format json --quiet",
                        ekm_test::Streams::Separate);
  ASSERT_EQ(viaCommand.exitCode, 0) << viaCommand.err;
  const Json a = Json::parse(viaOps.out), b = Json::parse(viaCommand.out);
  const auto& rows = a["tables"][0]["rows"];
  ASSERT_EQ(rows.size(), b["features"].size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], b["features"][i]["feature"]);
    EXPECT_EQ(rows[i][4], b["features"][i]["mean_b"]);
    EXPECT_EQ(rows[i][8], b["features"][i]["ci_low"]);
  }
}

TEST_F(OpsCli, BadFlagsNameTheFlagAndExitTwo) {
  auto r = cli("compare-periods --project " + quote(s_project) +
               " --kind mesh-population --a 2025-03-20..2025-03-26 --b 2025-03-27..2025-04-02 --alpha 7");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("--alpha"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0.5"), std::string::npos) << r.out;
  r = cli("compare-periods --project " + quote(s_project) + " --kind mesh-population --a x --b y --bogus 1");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("--bogus"), std::string::npos) << r.out;
  r = cli("ops run compare-periods --project " + quote(s_project) + " --kind buses --a x --b y");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("mesh-population|segment-counts|station-ridership"), std::string::npos) << r.out;
}

TEST_F(OpsCli, RunThenListShowAndCompare) {
  const std::string base = s_dir->write("base.json", R"({
    "scenario": "opening", "project": "d/sample.gpkg",
    "steps": [{"id": "cells", "op": "compare-periods",
               "params": {"kind": "mesh-population", "a": "2025-03-20..2025-03-26",
                          "b": "2025-03-27..2025-04-02", "bootstrap": 100}}]})");
  const std::string strict = s_dir->write("strict.json", R"({
    "scenario": "opening-strict", "project": "d/sample.gpkg", "defaults": {"alpha": 0.001},
    "steps": [{"id": "cells", "op": "compare-periods",
               "params": {"kind": "mesh-population", "a": "2025-03-20..2025-03-26",
                          "b": "2025-03-27..2025-04-02", "bootstrap": 100}}]})");
  auto r = cli("run " + quote(base) + " " + quote(strict) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("run 1: scenario 'opening'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("run 2: scenario 'opening-strict'"), std::string::npos) << r.out;
  r = cli("runs list --project " + quote(s_project));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("opening-strict"), std::string::npos);
  r = cli("runs show --project " + quote(s_project) + " opening-strict", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json show = Json::parse(r.out);
  EXPECT_EQ(show["run"], 2);
  EXPECT_EQ(show["steps"][0]["params"]["alpha"], 0.001);
  EXPECT_EQ(show["provenance"]["project"]["path"], s_project);
  EXPECT_EQ(show["scenario_sha256"].get<std::string>().size(), 64u);
  const std::string out = s_dir->str("diff");
  r = cli("compare --project " + quote(s_project) + " 1 2 --out " + quote(out));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("cells / comparison"), std::string::npos) << r.out;
  // The difference layer is a real GeoJSON that GDAL opens with one polygon per cell.
  r = ekm_test::run("ogrinfo -ro -so -al " + quote(out + "/cells.comparison.geojson"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("Geometry: Polygon"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("significant_diff"), std::string::npos) << r.out;
  // A bad scenario fails before any work, naming file and field; nothing is stored.
  const std::string bad = s_dir->write("bad.json", R"({"scenario": "bad", "project": "d/sample.gpkg",
    "steps": [{"op": "compare-periods", "params": {"kind": "mesh-population", "a": "2025-03-20..2025-03-26",
               "b": "2025-03-27..2025-04-02", "seed": -1}}]})");
  r = cli("run " + quote(bad));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.out.find("bad.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("steps[0].params.seed"), std::string::npos) << r.out;
  r = cli("runs list --project " + quote(s_project));
  EXPECT_EQ(r.out.find("bad"), std::string::npos) << r.out;
}

// `run --project` with a path relative to the current folder, the scenario in another folder
// and a "project:NAME" input (beside the project): the run reads the files the check found.
TEST_F(OpsCli, RunWithARelativeProjectFromAnotherFolder) {
  std::filesystem::create_directories(s_dir->path() / "scenarios");
  s_dir->write("scenarios/relative.json", R"({
    "scenario": "relative", "project": "nowhere.gpkg",
    "steps": [{"id": "tg", "op": "forecast",
               "params": {"station": "takanawa-gateway", "horizon": 1, "training_days": 7,
                          "weather": "project:weather.csv"}}]})");
  const auto runsBefore = cli("runs list --project " + quote(s_project)).out;
  const std::string inDir = "cd " + quote(s_dir->path().string()) + " && " + quote(ekm_test::cliPath());
  auto r = ekm_test::run(inDir + " run scenarios/relative.json --project d/sample.gpkg --check");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = ekm_test::run(inDir + " run scenarios/relative.json --project d/sample.gpkg --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;  // was 3: scenarios/d/weather.csv not found
  EXPECT_NE(r.out.find("scenario 'relative', 1 steps"), std::string::npos) << r.out;
  // Stored in the project named relative to the current folder, its path absolute.
  r = cli("runs show --project " + quote(s_project) + " relative", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json show = Json::parse(r.out);
  EXPECT_EQ(show["provenance"]["project"]["path"], s_project);
  EXPECT_EQ(show["steps"][0]["params"]["weather"], s_dir->str("d/weather.csv"));
  EXPECT_NE(cli("runs list --project " + quote(s_project)).out, runsBefore);
}

// A run killed (SIGKILL: no handler, no cleanup) in its second step, after the first step's
// results exist in memory: the project's bytes and its runs are as they were.
TEST_F(OpsCli, AKilledRunLeavesTheProjectAsItWas) {
  const std::string scenario = s_dir->write("killed.json", R"({
    "scenario": "killed", "project": "d/sample.gpkg",
    "defaults": {"kind": "mesh-population", "a": "2025-03-20..2025-03-26", "b": "2025-03-27..2025-04-02"},
    "steps": [{"id": "quick", "op": "compare-periods", "params": {"bootstrap": 10}},
              {"id": "slow", "op": "compare-periods", "params": {"bootstrap": 1000000}}]})");
  const std::string before = ekm_test::readFile(s_project);
  ASSERT_FALSE(before.empty());
  const auto runsBefore = cli("runs list --project " + quote(s_project));
  ASSERT_EQ(runsBefore.exitCode, 0) << runsBefore.out;
  {
    ekm_test::CliProcess run({"run", scenario});
    ASSERT_TRUE(run.started());
    ASSERT_TRUE(run.waitForStderr("step 2/2")) << run.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // into the bootstrap
    run.signal(SIGKILL);
    const int status = run.wait();
    ASSERT_TRUE(WIFSIGNALED(status)) << run.err();  // killed, not finished
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
  }
  EXPECT_TRUE(ekm_test::readFile(s_project) == before) << "the project file changed";
  const auto runsAfter = cli("runs list --project " + quote(s_project));
  EXPECT_EQ(runsAfter.out, runsBefore.out);
  // And the project still opens and runs.
  EXPECT_EQ(cli("info --project " + quote(s_project)).exitCode, 0);
}

// `runs`, `bench` and `run` read their flags through the one typed layer: a bad number or an
// unknown flag exits 2 naming the flag (it used to be "internal error: stoi", exit 1).
TEST_F(OpsCli, BenchRunsAndRunFlagsExitTwoNamingTheFlag) {
  struct Case {
    std::string args, flag;
  };
  for (const Case& c : {Case{"bench gtfs --runs abc", "--runs"}, Case{"bench gtfs --runs 0", "--runs"},
                        Case{"bench store --cells 12x --no-sqlite3", "--cells"},
                        Case{"bench energy --gap lots", "--gap"}, Case{"bench energy --days 99", "--days"},
                        Case{"bench flow-models --lambda x", "--lambda"},
                        Case{"bench flow-models --half neither", "--half"},
                        Case{"bench energy-models --calendar mars", "--calendar"},
                        Case{"bench store --bogus 1", "--bogus"}, Case{"runs list --project", "--project"},
                        Case{"runs list --bogus", "--bogus"}, Case{"run x.json --no-such-flag", "--no-such-flag"}}) {
    const auto r = cli(c.args);
    EXPECT_EQ(r.exitCode, 2) << c.args << ": " << r.out;
    EXPECT_NE(r.out.find(c.flag), std::string::npos) << c.args << ": " << r.out;
    EXPECT_EQ(r.out.find("internal error"), std::string::npos) << c.args << ": " << r.out;
  }
  EXPECT_EQ(cli("bench").exitCode, 2);
  EXPECT_EQ(cli("bench nothing").exitCode, 2);
  EXPECT_EQ(cli("runs").exitCode, 2);
  EXPECT_EQ(cli("runs list").exitCode, 2);  // needs --project
  EXPECT_EQ(cli("runs show --project " + quote(s_project)).exitCode, 2);  // needs RUN
  EXPECT_EQ(cli("runs show --project " + quote(s_project) + " no-such-run").exitCode, 5);
  const auto list = cli("runs list --project " + quote(s_project));
  EXPECT_EQ(list.exitCode, 0) << list.out;
  EXPECT_NE(list.out.find("scenario"), std::string::npos) << list.out;
}

}  // namespace
