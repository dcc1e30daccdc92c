// Scenario runs: checked before any work, deterministic, stored with provenance in one
// transaction (a cancelled run leaves the project byte for byte as it was), comparable.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>

#include "ekm/ops/params.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/session.h"
#include "ekm/sample/sample_op.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/scenario/run_compare.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
#include "support/project_sql.h"
#include "support/sample_district.h"
#include "support/temp_dir.h"

namespace {

using ekm::ops::Json;
namespace sc = ekm::scenario;

class ScenarioRunner : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("scenario");
    s_project = ekm_test::generateSampleDistrict(s_dir->str("district"), "2025-03-13", "2025-04-09", 200);
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  // A scenario document on the sample project comparing the fortnights around the opening.
  static Json document(double alpha = 0.05) {
    return {{"scenario", "opening"},
            {"project", s_project},
            {"defaults", {{"bootstrap", 200}, {"seed", 7}}},
            {"steps",
             Json::array({{{"id", "cells"},
                           {"op", "compare-periods"},
                           {"params",
                            {{"kind", "mesh-population"}, {"a", "2025-03-13..2025-03-26"},
                             {"b", "2025-03-27..2025-04-09"}, {"alpha", alpha}}}},
                          {{"id", "stations"},
                           {"op", "compare-periods"},
                           {"params",
                            {{"kind", "station-ridership"}, {"a", "2025-03-13..2025-03-26"},
                             {"b", "2025-03-27..2025-04-09"}}}}})}};
  }
  // document() with a congested assignment (Sioux Falls) on `threads` threads as a third step:
  // its stored gap and flows sum over origins, which must not depend on the threads.
  static Json withAssignment(int threads) {
    const std::string tntp = std::string(EKM_TEST_DATA_DIR) + "/tntp/";
    Json doc = document();
    doc["steps"].push_back({{"id", "flows"},
                            {"op", "assign"},
                            {"params",
                             {{"tntp_net", tntp + "SiouxFalls_net.tntp"}, {"tntp_trips", tntp + "SiouxFalls_trips.tntp"},
                              {"algorithm", "bfw"}, {"gap", 1e-9}, {"max_iter", 25}, {"threads", threads}}}});
    return doc;
  }
  static sc::Scenario scenario(const Json& doc) { return sc::scenarioFromJson(doc, "test.json", s_dir->path().string()); }

  static ekm::core::Error checkError(const Json& doc) {
    try {
      sc::checkScenario(scenario(doc), ekm::ops::Registry::global());
    } catch (const ekm::core::Error& e) {
      return e;
    }
    ADD_FAILURE() << "accepted: " << doc.dump();
    return ekm::core::Error(ekm::core::ErrorCode::Ok, "none");
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

TEST_F(ScenarioRunner, ARunTwiceStoresIdenticalResultsWithProvenance) {
  const auto& reg = ekm::ops::Registry::global();
  const auto first = sc::runScenario(scenario(withAssignment(2)), reg, ekm::core::nullFeedback());
  const auto second = sc::runScenario(scenario(withAssignment(2)), reg, ekm::core::nullFeedback());
  ASSERT_GT(first.runId, 0);
  EXPECT_EQ(second.runId, first.runId + 1);
  auto project = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
  const auto a = ekm::store::runSteps(project, first.runId);
  const auto b = ekm::store::runSteps(project, second.runId);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].paramsJson, b[i].paramsJson);
    EXPECT_EQ(a[i].resultJson, b[i].resultJson) << a[i].stepId;  // byte-identical stored results
  }
  // The assignment iterated on a congested network, and one thread gives the same bits as two.
  const Json flows = Json::parse(a[2].resultJson);
  EXPECT_GT(flows["summary"]["iterations"].get<int>(), 2) << flows["summary"].dump();
  sc::RunOptions noStore;
  noStore.store = false;
  const auto single = sc::runScenario(scenario(withAssignment(1)), reg, ekm::core::nullFeedback(), noStore);
  ASSERT_EQ(single.steps.size(), 3u);
  EXPECT_EQ(ekm::ops::toJson(single.steps[2].result).dump(), a[2].resultJson);
  // Scenario defaults reached the steps; the normalised params carry every default.
  const Json params = Json::parse(a[0].paramsJson);
  EXPECT_EQ(params["bootstrap"], 200);
  EXPECT_EQ(params["seed"], 7);
  EXPECT_EQ(params["calendar"], "japan");
  const Json result = Json::parse(a[0].resultJson);
  EXPECT_GT(result["summary"]["features"].get<int>(), 0);
  EXPECT_EQ(result["tables"][0]["name"], "comparison");

  const auto run = ekm::store::findRun(project, std::to_string(first.runId));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->name, "opening");
  EXPECT_EQ(run->status, "ok");
  EXPECT_FALSE(run->programCommit.empty());
  EXPECT_FALSE(run->startedAt.empty());
  const Json prov = Json::parse(run->provenanceJson);
  EXPECT_EQ(prov["project"]["tables"]["mesh_population"]["rows"], project.rowCount("mesh_population"));
  EXPECT_FALSE(prov["project"]["imports"].empty());
  EXPECT_EQ(prov["project"]["imports"][0]["sha256"].get<std::string>().size(), 64u);
  // By name: the latest run of that scenario.
  EXPECT_EQ(ekm::store::findRun(project, "opening")->fid, second.runId);
}

// An operation that reads one table and warns through its feedback, once from a worker thread.
struct ProbeParams {
  std::string table = "stations";
  template <class V>
  void fields(V& v) {
    v("table", table, {.help = "the table to read"});
  }
};
struct ProbeOp {
  static constexpr const char* name = "probe";
  static constexpr const char* summary = "reads a table and warns";
  static constexpr bool writesProject = false;
  using Params = ProbeParams;
  struct Result {};
  static Result run(ekm::ops::Session& session, const Params& p, ekm::core::Feedback& feedback) {
    session.recordTableRead(p.table);
    session.project().rowCount(p.table);
    feedback.warning("read " + p.table);
    std::thread([&] { feedback.warning("from a worker"); }).join();
    return {};
  }
  static ekm::ops::OpResult record(const Result&) {
    ekm::ops::OpResult r;
    r.warnings.push_back("in the result");
    return r;
  }
};

TEST_F(ScenarioRunner, StoresFeedbackWarningsAndTheTablesReadWithHashes) {
  ekm::ops::Registry reg;
  reg.add<ProbeOp>();
  // A copy of the project, so that one of its tables can change between two runs.
  ekm_test::TempDir dir("provenance");
  const std::string copy = dir.str("copy.gpkg");
  std::filesystem::copy_file(s_project, copy);
  Json doc = {{"scenario", "probe"},
              {"project", copy},
              {"steps", Json::array({{{"id", "a"}, {"op", "probe"}, {"params", Json::object()}},
                                     {{"id", "b"}, {"op", "probe"}, {"params", {{"table", "mesh_population"}}}}})}};
  const auto first = sc::runScenario(scenario(doc), reg, ekm::core::nullFeedback());
  auto tablesOf = [&](std::int64_t runId) {
    auto project = ekm::store::Project::open(copy, ekm::store::OpenMode::ReadOnly);
    const auto run = ekm::store::findRun(project, std::to_string(runId));
    EXPECT_TRUE(run);
    return run ? Json::parse(run->provenanceJson)["project"]["tables"] : Json();
  };
  {
    auto project = ekm::store::Project::open(copy, ekm::store::OpenMode::ReadOnly);
    const auto run = ekm::store::findRun(project, std::to_string(first.runId));
    ASSERT_TRUE(run);
    const Json warnings = Json::parse(run->warningsJson);
    EXPECT_EQ(warnings, Json({"a: read stations", "a: from a worker", "a: in the result", "b: read mesh_population",
                              "b: from a worker", "b: in the result"}));
    const Json tables = Json::parse(run->provenanceJson)["project"]["tables"];
    ASSERT_EQ(tables.size(), 2u) << tables.dump();  // what was read, not a fixed list
    EXPECT_EQ(tables["stations"]["rows"], project.rowCount("stations"));
    EXPECT_EQ(tables["mesh_population"]["rows"], project.rowCount("mesh_population"));
    EXPECT_GT(tables["mesh_population"]["rows"].get<std::int64_t>(), 0);
    EXPECT_EQ(tables["stations"]["sha256"].get<std::string>().size(), 64u);
    EXPECT_NE(tables["stations"]["sha256"], tables["mesh_population"]["sha256"]);
  }
  // Same data, same hashes; one station renamed (same row count), another hash.
  const Json before = tablesOf(first.runId);
  EXPECT_EQ(tablesOf(sc::runScenario(scenario(doc), reg, ekm::core::nullFeedback()).runId), before);
  {
    auto project = ekm::store::Project::open(copy, ekm::store::OpenMode::ReadWrite);
    ekm::store::exec(ekm_test::sql(project),
                             "UPDATE stations SET name_en = name_en || ' x' WHERE fid = (SELECT min(fid) FROM stations)");
  }
  const Json after = tablesOf(sc::runScenario(scenario(doc), reg, ekm::core::nullFeedback()).runId);
  EXPECT_EQ(after["stations"]["rows"], before["stations"]["rows"]);
  EXPECT_NE(after["stations"]["sha256"], before["stations"]["sha256"]);
  EXPECT_EQ(after["mesh_population"], before["mesh_population"]);
}

TEST_F(ScenarioRunner, ACancelledRunLeavesTheProjectByteForByte) {
  const std::string before = ekm_test::readFile(s_project);
  const auto runsBefore = [&] {
    auto p = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
    return ekm::store::listRuns(p).size();
  }();
  ekm::core::Feedback fb;
  fb.setThrottleInterval(std::chrono::milliseconds(0));
  fb.setProgressHandler([&](double percent) {
    if (percent > 10) fb.cancel();  // in the middle of the first step
  });
  EXPECT_THROW(sc::runScenario(scenario(document()), ekm::ops::Registry::global(), fb), ekm::core::CancelledError);
  EXPECT_TRUE(before == ekm_test::readFile(s_project));
  auto p = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
  EXPECT_EQ(ekm::store::listRuns(p).size(), runsBefore);
}

TEST_F(ScenarioRunner, ProblemsAreFoundBeforeAnyWorkWithFileAndField) {
  Json doc = document();
  doc["steps"][1]["params"]["alpha"] = 3;
  auto e = checkError(doc);
  EXPECT_EQ(e.code(), ekm::core::ErrorCode::Usage);
  EXPECT_EQ(e.context().file, "test.json");
  EXPECT_EQ(e.context().field, "steps[1].params.alpha");
  EXPECT_EQ(e.context().found, "3");

  doc = document();
  doc["steps"][0]["op"] = "asign";
  e = checkError(doc);
  EXPECT_EQ(e.context().field, "steps[0].op");
  EXPECT_NE(e.context().expected.find("compare-periods"), std::string::npos);

  doc = document();
  doc["steps"][0] = {{"op", "import"}, {"params", {{"kind", "stations"}, {"file", "x.csv"}}}};
  e = checkError(doc);  // a run never changes the data it reads
  EXPECT_EQ(e.code(), ekm::core::ErrorCode::Validation);
  EXPECT_EQ(e.context().field, "steps[0].op");

  doc = document();
  doc["project"] = "missing.gpkg";
  e = checkError(doc);
  EXPECT_EQ(e.code(), ekm::core::ErrorCode::Io);
  EXPECT_EQ(e.context().field, "project");

  doc = document();
  doc["stepz"] = Json::array();
  EXPECT_THROW(scenario(doc), ekm::core::ValidationError);

  // Nothing was run or stored by any of these.
  auto p = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
  for (const auto& r : ekm::store::listRuns(p)) EXPECT_EQ(r.name, "opening");
}

// An operation reading a file, registered in a registry of the test's own.
struct EchoParams {
  std::string file;
  template <class V>
  void fields(V& v) {
    v("file", file, {.help = "a file", .required = true, .role = ekm::ops::Role::InputFile});
  }
};
struct EchoOp {
  static constexpr const char* name = "echo";
  static constexpr const char* summary = "reads a file";
  static constexpr bool writesProject = false;
  using Params = EchoParams;
  using Result = std::string;
  static Result run(ekm::ops::Session&, const Params& p, ekm::core::Feedback&) { return p.file; }
  static ekm::ops::OpResult record(const Result& r) {
    ekm::ops::OpResult o;
    o.summary = {{"file", r}};
    return o;
  }
};

TEST_F(ScenarioRunner, InputFilesResolveAgainstTheScenarioAndMustExist) {
  ekm::ops::Registry reg;
  reg.add<EchoOp>();
  const Json doc = {{"scenario", "echo"}, {"project", s_project},
                    {"steps", Json::array({{{"op", "echo"}, {"params", {{"file", "nowhere.csv"}}}}})}};
  try {
    sc::checkScenario(scenario(doc), reg);
    ADD_FAILURE() << "missing file accepted";
  } catch (const ekm::core::IoError& e) {
    EXPECT_EQ(e.context().file, "test.json");
    EXPECT_EQ(e.context().field, "steps[0].params.file");
    EXPECT_EQ(e.context().found, (s_dir->path() / "nowhere.csv").string());
  }
  s_dir->write("here.csv", "a,b\n1,2\n");
  Json ok = doc;
  ok["steps"][0]["params"]["file"] = "here.csv";
  ekm::scenario::RunOptions o;
  o.store = false;
  const auto out = sc::runScenario(scenario(ok), reg, ekm::core::nullFeedback(), o);
  EXPECT_EQ(out.steps[0].result.summary["file"], s_dir->str("here.csv"));
  ASSERT_EQ(out.provenance["inputs"].size(), 1u);
  // sha256("a,b\n1,2\n")
  EXPECT_EQ(out.provenance["inputs"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(out.provenance["inputs"][0]["bytes"], 8);
}

TEST_F(ScenarioRunner, TwoRunsCompareTableByTable) {
  const auto& reg = ekm::ops::Registry::global();
  Json strict = document(0.01);
  strict["scenario"] = "opening-strict";
  const auto a = sc::runScenario(scenario(document()), reg, ekm::core::nullFeedback());
  const auto b = sc::runScenario(scenario(strict), reg, ekm::core::nullFeedback());
  auto project = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
  const auto tables = sc::compareRuns(ekm::store::runSteps(project, a.runId), ekm::store::runSteps(project, b.runId));
  // Per step: the summary and the comparison table.
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables[0].stepId, "cells");
  EXPECT_EQ(tables[0].table, "summary");
  EXPECT_EQ(tables[1].table, "comparison");
  EXPECT_EQ(tables[1].geometry, "cell");
  EXPECT_EQ(tables[1].onlyInA, 0);
  // Same data, same seed: the means are equal, only the significance may differ.
  for (const auto& c : tables[1].changes) {
    if (c.column == "mean_a" || c.column == "mean_b") {
      EXPECT_EQ(c.a, c.b) << c.column;
    }
  }
  const double sigA = a.steps[0].result.summary["significant"].get<double>();
  const double sigB = b.steps[0].result.summary["significant"].get<double>();
  bool found = false;
  for (const auto& c : tables[0].changes)
    if (c.key[0] == "significant") {
      found = true;
      EXPECT_EQ(c.a, sigA);
      EXPECT_EQ(c.b, sigB);
      EXPECT_LE(c.b, c.a);  // a stricter alpha never finds more
    }
  EXPECT_TRUE(found);
  // Files: CSV per table and a GeoJSON difference layer for the cells.
  ekm_test::TempDir out("compare");
  const auto files = sc::writeComparison(tables, project, out.path().string());
  const std::string geojson = ekm_test::readFile(out / "cells.comparison.geojson");
  ASSERT_FALSE(geojson.empty());
  const Json fc = Json::parse(geojson);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_EQ(fc["features"].size(), project.meshCells().size());
  EXPECT_EQ(fc["features"][0]["geometry"]["type"], "Polygon");
  EXPECT_TRUE(fc["features"][0]["properties"].contains("mean_b_diff"));
}

TEST_F(ScenarioRunner, TheForecastExampleRuns) {
  sc::Scenario s = sc::loadScenario(std::string(EKM_TEST_DATA_DIR) + "/../../data/samples/scenarios/forecast_week.json");
  s.project = s_project;  // the example names the sample that scripts/run.sh builds
  sc::RunOptions o;
  o.store = false;
  const auto out = sc::runScenario(s, ekm::ops::Registry::global(), ekm::core::nullFeedback(), o);
  ASSERT_EQ(out.steps.size(), 3u);
  EXPECT_EQ(out.steps[1].op, "forecast");
  EXPECT_EQ(out.steps[1].params["model"], "regression");  // from the defaults
  EXPECT_EQ(out.steps[0].params["model"], "all");         // the step's own
  const auto* week = out.steps[1].result.table("forecast");
  ASSERT_NE(week, nullptr);
  EXPECT_EQ(week->rows.size(), 7u * 24u);
  const auto* cells = out.steps[2].result.table("forecast_totals");
  ASSERT_NE(cells, nullptr);
  EXPECT_EQ(cells->geometry, "cell");
  EXPECT_EQ(cells->rows.size(), ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly).meshCells().size());
}


// The examples that walk across the rail tracks name the sample's barrier and crossing files
// as "project:NAME": beside whichever copy of the sample they run on (here a temporary
// folder, not the build folder scripts/run.sh fills).
TEST(ScenarioExamples, TheDeckExampleRunsOnACopyOfTheSampleAnywhere) {
  // The deck's day only, wide enough for the deck and the zones around it.
  ekm_test::TempDir dir("scenario_deck");
  const std::string project = ekm_test::generateSampleDistrict(dir.str("copy"), "2025-04-08", "2025-04-08", 700);
  sc::Scenario s = sc::loadScenario(std::string(EKM_TEST_DATA_DIR) + "/../../data/samples/scenarios/deck_am.json");
  s.project = project;  // as `run --project P` and the GUI do
  const auto district = std::filesystem::path(project).parent_path();
  const auto checked = sc::checkScenario(s, ekm::ops::Registry::global());
  ASSERT_EQ(checked.size(), 2u);
  for (const auto& step : checked) {
    EXPECT_EQ(step.params["barriers"], (district / "basemap_rail.geojson").string()) << step.id;
    EXPECT_EQ(step.params["crossings_from"], (district / "road_segments.geojson").string()) << step.id;
  }
  sc::RunOptions o;
  o.store = false;
  const auto out = sc::runScenario(s, ekm::ops::Registry::global(), ekm::core::nullFeedback(), o);
  ASSERT_EQ(out.steps.size(), 2u);
  const auto* flows = out.steps[0].result.table("link_flows");
  ASSERT_NE(flows, nullptr);
  EXPECT_FALSE(flows->rows.empty());
  bool barriersRead = false;
  for (const auto& in : out.provenance["inputs"])
    barriersRead |= in["path"] == (district / "basemap_rail.geojson").string();
  EXPECT_TRUE(barriersRead) << out.provenance.dump();
}

TEST(ScenarioPaths, ProjectPrefixNamesAFileBesideTheProject) {
  using ekm::ops::resolveParamPath;
  EXPECT_EQ(resolveParamPath("project:basemap_rail.geojson", "/scenarios", "/tmp/s1/sample.gpkg"),
            "/tmp/s1/basemap_rail.geojson");
  EXPECT_EQ(resolveParamPath("project:../other/x.csv", "/scenarios", "/tmp/s1/sample.gpkg"), "/tmp/other/x.csv");
  EXPECT_EQ(resolveParamPath("mobility/a.geojson", "/scenarios", "/tmp/s1/sample.gpkg"), "/scenarios/mobility/a.geojson");
  EXPECT_EQ(resolveParamPath("/abs/a.geojson", "/scenarios", "/tmp/s1/sample.gpkg"), "/abs/a.geojson");
  EXPECT_THROW(resolveParamPath("project:a.geojson", "/scenarios", ""), ekm::ops::ParamError);
  EXPECT_THROW(resolveParamPath("project:a.geojson", "/scenarios", "postgresql://localhost/ekm"), ekm::ops::ParamError);
}

}  // namespace
