// The forecast and backtest operations on a small sample district: through the registry with
// JSON params they give what `ekimachi-cli forecast` prints; the project's weather.csv is read
// by default; every cell is forecast from the common end and a cell without enough data stays
// missing (a warning names it) instead of failing the whole map; `origins` keeps the latest
// backtest origins; two scenario runs of the forecast compare cell by cell with a difference
// layer. forecastMany's missing-stays-missing mode on its own.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/forecast_op.h"
#include "ekm/ops/registry.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/scenario/run_compare.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using Json = nlohmann::ordered_json;
using ekm_test::cli;
using ekm_test::cliArgs;
using ekm_test::quote;
namespace sc = ekm::scenario;

class ForecastOp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("forecast_op");
    // Three months around a 600 m square.
    const auto r = cli("sample --out " + quote(s_dir->str("d")) +
                       " --from 2025-02-01 --to 2025-04-30 --radius 600 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    s_project = s_dir->str("d/sample.gpkg");
    // One cell without any data (as a cell suppressed at every hour would be): its stay
    // population is removed, the cell itself stays.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(s_project.c_str(), &db), SQLITE_OK);
    const int rc = sqlite3_exec(db,
                                "DELETE FROM mesh_population_days WHERE cell_fid = "
                                "(SELECT MIN(cell_fid) FROM mesh_population_days)",
                                nullptr, nullptr, nullptr);
    const int changed = sqlite3_changes(db);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK);
    ASSERT_GT(changed, 0);
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  static ekm::ops::OpResult viaRegistry(const std::string& op, const Json& params) {
    ekm::ops::Session session(s_project);
    return ekm::ops::Registry::global().at(op).run(session, params, ekm::core::nullFeedback());
  }
  static const ekm::ops::ResultTable& table(const ekm::ops::OpResult& r, const std::string& name) {
    const auto* t = r.table(name);
    if (!t) throw std::runtime_error("no table " + name);
    return *t;
  }
  // The first cell of the forecast of every cell that has data.
  static std::string someCell() {
    const auto r = viaRegistry("forecast", {{"every", "cell"}, {"horizon", 1}, {"model", "naive"}, {"threads", 2}});
    for (const auto& row : table(r, "forecast_totals").rows)
      if (!row[3].is_null()) return row[0].get<std::string>();
    return "";
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

TEST_F(ForecastOp, ThroughTheRegistryEqualsTheCli) {
  const std::string cell = someCell();
  ASSERT_FALSE(cell.empty());
  const auto r = viaRegistry("forecast", {{"cell", cell}, {"horizon", 2}});
  const auto& t = table(r, "forecast");
  EXPECT_EQ(t.geometry, "cell");
  EXPECT_EQ(t.keyColumns, 2);  // (cell, datetime): one model
  ASSERT_EQ(t.rows.size(), 48u);
  const auto c = cliArgs({"forecast", "--project", s_project, "--cell", cell, "--horizon", "2", "--format", "json",
                          "--quiet"});
  ASSERT_EQ(c.exitCode, 0) << c.err;
  const auto hours = Json::parse(c.out)["forecasts"][0]["hours"];
  ASSERT_EQ(hours.size(), 48u);
  for (std::size_t i = 0; i < 48; ++i) {
    EXPECT_EQ(t.rows[i][0], cell);
    EXPECT_EQ(t.rows[i][1], hours[i]["datetime"]);
    EXPECT_NEAR(t.rows[i][3].get<double>(), hours[i]["forecast"].get<double>(), 0.0051) << i;
  }
}

TEST_F(ForecastOp, ReadsTheProjectsWeatherByDefault) {
  const std::string cell = someCell();
  ASSERT_TRUE(std::filesystem::exists(s_dir->str("d/weather.csv")));
  const auto with = viaRegistry("forecast", {{"cell", cell}, {"horizon", 3}});
  const auto without = viaRegistry("forecast", {{"cell", cell}, {"horizon", 3}, {"project_inputs", false}});
  double largest = 0;
  const auto& a = table(with, "forecast").rows;
  const auto& b = table(without, "forecast").rows;
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    largest = std::max(largest, std::abs(a[i][3].get<double>() - b[i][3].get<double>()));
  EXPECT_GT(largest, 1e-6);
}

TEST_F(ForecastOp, EveryCellLeavesACellWithoutDataMissing) {
  const auto r = viaRegistry("forecast", {{"every", "cell"}, {"horizon", 1}, {"threads", 2}});
  ASSERT_TRUE(r.summary.contains("unforecastable")) << r.summary.dump();
  const int missing = r.summary["unforecastable"].get<int>();
  EXPECT_GE(missing, 1);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("left missing"), std::string::npos);
  const auto& totals = table(r, "forecast_totals");
  EXPECT_EQ(totals.geometry, "cell");
  int nullTotals = 0;
  std::string empty;
  for (const auto& row : totals.rows)
    if (row[3].is_null()) {
      ++nullTotals;
      empty = row[0].get<std::string>();
    }
  EXPECT_EQ(nullTotals, missing);
  // Every hour of the other cells is forecast; those of the empty cell are null, never 0.
  for (const auto& row : table(r, "forecast").rows)
    EXPECT_EQ(row[3].is_null(), row[0] == empty) << row[0] << " " << row[1];
  // Alone, that cell is a model error (exit 12), as before.
  EXPECT_EQ(cliArgs({"forecast", "--project", s_project, "--cell", empty, "--quiet"}).exitCode, 12);
}

TEST_F(ForecastOp, BacktestKeepsTheLatestOrigins) {
  const std::string cell = someCell();
  const auto r = viaRegistry("backtest", {{"cell", cell}, {"model", "all"}, {"origins", 3}, {"horizon", 2}});
  const auto& t = table(r, "backtest");
  EXPECT_EQ(t.geometry, "cell");
  EXPECT_EQ(t.keyColumns, 2);  // (cell, model): three models
  ASSERT_EQ(t.rows.size(), 3u);
  for (const auto& row : t.rows) {
    EXPECT_EQ(row[2].get<int>(), 3);        // origins
    EXPECT_EQ(row[3].get<int>(), 3 * 48);   // hours scored
  }
  ASSERT_EQ(table(r, "backtest_total").rows.size(), 3u);
  // Without `origins`, every week from 28 days after the start.
  const auto all = viaRegistry("backtest", {{"cell", cell}, {"horizon", 2}});
  EXPECT_GT(table(all, "backtest").rows[0][2].get<int>(), 3);
  // The CLI's --backtest gives the same scores.
  const auto c = cliArgs({"forecast", "--project", s_project, "--cell", cell, "--horizon", "2", "--backtest",
                          "--format", "json", "--quiet"});
  ASSERT_EQ(c.exitCode, 0) << c.err;
  const auto j = Json::parse(c.out)["backtests"][0]["total"];
  EXPECT_EQ(j["hours"], table(all, "backtest_total").rows[0][2]);
  EXPECT_NEAR(j["wape"].get<double>(), table(all, "backtest_total").rows[0][5].get<double>(), 1e-12);
}

TEST_F(ForecastOp, BadParamsNameTheirField) {
  auto field = [&](const std::string& op, const Json& p) -> std::string {
    try {
      viaRegistry(op, p);
    } catch (const ekm::ops::ParamError& e) {
      return e.context().field;
    }
    return "(accepted)";
  };
  EXPECT_EQ(field("forecast", {{"cell", "x"}, {"horizon", 15}}), "horizon");
  EXPECT_EQ(field("forecast", {{"cell", "x"}, {"model", "magic"}}), "model");
  EXPECT_EQ(field("forecast", {{"cell", "x"}, {"every", "cell"}}), "every");
  EXPECT_EQ(field("backtest", {{"cell", "x"}, {"origins", 0}}), "origins");
  EXPECT_EQ(field("forecast", {{"cell", "x"}, {"series", "a"}}), "series");
}

TEST_F(ForecastOp, TwoScenarioRunsCompareCellByCell) {
  auto doc = [&](const std::string& name, const std::string& model) {
    return Json{{"scenario", name},
                {"project", s_project},
                {"steps", Json::array({{{"id", "map"},
                                        {"op", "forecast"},
                                        {"params", {{"every", "cell"}, {"horizon", 1}, {"model", model}}}}})}};
  };
  const auto& reg = ekm::ops::Registry::global();
  const auto a = sc::runScenario(sc::scenarioFromJson(doc("naive", "naive"), "a.json", s_dir->path().string()), reg,
                                 ekm::core::nullFeedback());
  const auto b = sc::runScenario(
      sc::scenarioFromJson(doc("regression", "regression"), "b.json", s_dir->path().string()), reg,
      ekm::core::nullFeedback());
  auto project = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
  const auto tables = sc::compareRuns(ekm::store::runSteps(project, a.runId), ekm::store::runSteps(project, b.runId));
  const sc::TableComparison* totals = nullptr;
  for (const auto& t : tables)
    if (t.table == "forecast_totals") totals = &t;
  ASSERT_NE(totals, nullptr);
  EXPECT_EQ(totals->geometry, "cell");
  // Keyed by cell: the two models' forecasts join cell by cell and differ.
  EXPECT_EQ(totals->onlyInA, 0);
  EXPECT_EQ(totals->onlyInB, 0);
  int changed = 0;
  for (const auto& c : totals->changes)
    if (c.column == "total" && std::isfinite(c.diff()) && c.diff() != 0) ++changed;
  EXPECT_GT(changed, 0);
  ekm_test::TempDir out("forecast_compare");
  const auto files = sc::writeComparison(tables, project, out.str(""));
  bool layer = false;
  for (const auto& f : files) layer = layer || f.find("map.forecast_totals.geojson") != std::string::npos;
  EXPECT_TRUE(layer);
}

TEST(ForecastMany, MissingStaysMissingWhenAsked) {
  const auto& cal = ekm::flow::japanCalendar();
  ekm::flow::HourlySeries good, empty;
  good.start = empty.start = cal.hourKey(std::chrono::year{2025} / 1 / 6, 0);
  for (int h = 0; h < 24 * 35; ++h) good.values.push_back(100 + 50 * std::sin(h * 0.2618));
  empty.values.assign(good.values.size(), std::nan(""));
  ekm::flow::ForecastOptions o;
  o.horizonHours = 24;
  std::vector<std::size_t> skipped;
  const auto out =
      ekm::flow::forecastMany({&good, &empty, &good}, cal, o, 2, ekm::core::nullFeedback(), {}, &skipped);
  ASSERT_EQ(skipped, std::vector<std::size_t>{1});
  ASSERT_EQ(out[1].mean.size(), 24u);
  EXPECT_EQ(out[1].mean.start, empty.end());
  for (double v : out[1].mean.values) EXPECT_TRUE(std::isnan(v));
  for (double v : out[0].mean.values) EXPECT_TRUE(std::isfinite(v));
  EXPECT_EQ(out[0].mean.values, out[2].mean.values);
  // Without the list, the model's error fails the call.
  EXPECT_THROW(ekm::flow::forecastMany({good, empty}, cal, o, 1, ekm::core::nullFeedback()), ekm::core::Error);
}

}  // namespace
