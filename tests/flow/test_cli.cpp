// End-to-end: the Melbourne sensors imported as segment counts through the normal importer
// (converter -> `import segments` / `import segment-counts`), then `forecast`, `profile` and
// `compare-periods` on the project; the project path must give exactly the backtest of the
// CSV path. Usage and unknown-feature exit codes; the bench on a small size.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "ekm/flow/profile.h"
#include "ekm/flow/series_csv.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using ekm_test::cliArgs;
using ekm_test::CliRun;

namespace {

const std::string kSlice =
    std::string(EKM_TEST_DATA_DIR) + "/flow/melbourne_pedestrian_2013-03_2014-02.csv.gz";
const std::string kLocations = std::string(EKM_TEST_DATA_DIR) + "/flow/melbourne_sensor_locations_subset.csv";

class FlowCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("flow_cli");
    s_project = s_dir->str("mel.gpkg");
    store::Project::create(s_project);
    const std::string counts = s_dir->str("counts.csv"), segs = s_dir->str("segments.geojson");
    const CliRun c = cliArgs({"forecast", "--convert-melbourne", kSlice, "--out-counts", counts,
                              "--locations", kLocations, "--out-segments", segs, "--quiet"});
    ASSERT_EQ(c.exitCode, 0) << c.err;
    const CliRun s = cliArgs({"import", "--project", s_project, "segments", segs, "--quiet"});
    ASSERT_EQ(s.exitCode, 0) << s.err;
    const CliRun k = cliArgs({"import", "--project", s_project, "segment-counts", counts, "--quiet"});
    ASSERT_EQ(k.exitCode, 0) << k.err;
  }
  static void TearDownTestSuite() { s_dir.reset(); }
  static std::unique_ptr<ekm_test::TempDir> s_dir;
  static std::string s_project;
};
std::unique_ptr<ekm_test::TempDir> FlowCli::s_dir;
std::string FlowCli::s_project;

TEST_F(FlowCli, ImportedSensorsAreSegmentsWithMissingKeptMissing) {
  const store::Project p = store::Project::open(s_project, store::OpenMode::ReadOnly);
  EXPECT_EQ(p.segments().size(), 8u);
  // 8 sensors; every stored row is an hour of the file (missing hours stored as NULL or absent).
  const auto range = p.timeRange("segment_counts");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->first, flow::victoriaCalendar().hourKey(std::chrono::year{2013} / 3 / 1, 0));
  EXPECT_EQ(range->last, flow::victoriaCalendar().hourKey(std::chrono::year{2014} / 2 / 28, 23));
}

TEST_F(FlowCli, ProjectBacktestEqualsCsvBacktest) {
  const CliRun viaProject =
      cliArgs({"forecast", "--project", s_project, "--segment", "mel-13", "--calendar", "victoria", "--model",
               "all", "--backtest", "--format", "json", "--quiet"});
  ASSERT_EQ(viaProject.exitCode, 0) << viaProject.err;
  const CliRun viaCsv = cliArgs({"forecast", "--csv", kSlice, "--series", "13", "--model", "all",
                                 "--backtest", "--format", "json", "--quiet"});
  ASSERT_EQ(viaCsv.exitCode, 0) << viaCsv.err;
  const auto a = nlohmann::json::parse(viaProject.out), b = nlohmann::json::parse(viaCsv.out);
  ASSERT_EQ(a["backtests"].size(), 3u);
  for (std::size_t m = 0; m < 3; ++m) {
    const auto& x = a["backtests"][m]["total"];
    const auto& y = b["backtests"][m]["total"];
    EXPECT_EQ(x["hours"], y["hours"]);
    EXPECT_DOUBLE_EQ(x["wape"].get<double>(), y["wape"].get<double>());
    EXPECT_DOUBLE_EQ(x["mase"].get<double>(), y["mase"].get<double>());
  }
  // Regression beats the naive baseline on this sensor too.
  EXPECT_LT(a["backtests"][2]["total"]["wape"].get<double>(),
            0.85 * a["backtests"][0]["total"]["wape"].get<double>());
}

TEST_F(FlowCli, ForecastCsvShape) {
  const CliRun r = cliArgs({"forecast", "--project", s_project, "--segment", "mel-2", "--calendar",
                            "victoria", "--model", "regression", "--horizon", "2", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "series,model,datetime,forecast,lo80,hi80,lo95,hi95");
  int rows = 0;
  std::string first;
  while (std::getline(in, line)) {
    if (rows == 0) first = line;
    ++rows;
  }
  EXPECT_EQ(rows, 48);
  EXPECT_EQ(first.rfind("mel-2,regression,2014-03-01T00:00+10:00,", 0), 0u) << first;
}

TEST_F(FlowCli, ProfileMatchesTheLibraryOnTheCsv) {
  const CliRun r = cliArgs({"profile", "--project", s_project, "--segment", "mel-18", "--calendar",
                            "victoria", "--by", "daytype", "--format", "json", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["profiles"].size(), 3u);
  const flow::SeriesTable t = flow::readSeriesCsv(kSlice, flow::victoriaCalendar(), core::nullFeedback());
  const flow::HourlySeries* s = nullptr;
  for (const auto& [n, v] : t.series)
    if (n == "18") s = &v;
  ASSERT_NE(s, nullptr);
  const auto p = flow::hourProfiles(*s, flow::victoriaCalendar(), flow::ProfileBy::DayType);
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(j["profiles"][g]["group"], p[g].label);
    EXPECT_EQ(j["profiles"][g]["hours_present"].get<int>(), p[g].hoursPresent);
    for (int h = 0; h < 24; ++h)
      EXPECT_NEAR(j["profiles"][g]["hourly_mean"][h].get<double>(), p[g].mean[h], 1e-9);
  }
  // Collins Place (North): weekday 08:00 well above the Sunday/holiday 08:00.
  EXPECT_GT(p[0].mean[8], 3 * p[2].mean[8]);
}

TEST_F(FlowCli, ZoneProfileIsTheSumOfItsMembers) {
  auto profile = [&](const std::string& ids) {
    const CliRun r = cliArgs({"profile", "--project", s_project, "--segment", ids, "--calendar", "victoria",
                              "--format", "json", "--quiet"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto a = profile("mel-13"), b = profile("mel-18"), zone = profile("mel-13,mel-18");
  // Both sensors are complete in this year except the DST hour: hourly sums add up.
  for (int h : {3, 8, 13, 18})
    EXPECT_NEAR(
        zone["profiles"][0]["hourly_mean"][h].get<double>(),
        a["profiles"][0]["hourly_mean"][h].get<double>() + b["profiles"][0]["hourly_mean"][h].get<double>(),
        1e-6);
  EXPECT_EQ(cliArgs({"profile", "--project", s_project, "--segment", "mel-13,mel-99", "--quiet"}).exitCode,
            5);
}

TEST_F(FlowCli, LinkViews) {
  // A sensor against itself: the best lag is 0 with r = 1; neighbours are symmetric.
  const CliRun self = cliArgs({"profile", "--project", s_project, "--segment", "mel-13", "--xcorr",
                               "segment:mel-13", "--max-lag", "2", "--format", "json", "--quiet"});
  ASSERT_EQ(self.exitCode, 0) << self.err;
  const auto j = nlohmann::json::parse(self.out);
  EXPECT_EQ(j["best_lag_h"], 0);
  EXPECT_NEAR(j["best_r"].get<double>(), 1.0, 1e-12);
  ASSERT_EQ(j["lags"].size(), 5u);
  EXPECT_NEAR(j["lags"][1]["r"].get<double>(), j["lags"][3]["r"].get<double>(), 1e-9);
  const CliRun agree = cliArgs({"profile", "--project", s_project, "--agreement", "segment-counts",
                                "--calendar", "victoria", "--format", "json", "--quiet"});
  ASSERT_EQ(agree.exitCode, 0) << agree.err;
  const auto a = nlohmann::json::parse(agree.out);
  ASSERT_EQ(a["features"].size(), 8u);
  int flagged = 0;
  for (const auto& f : a["features"]) {
    double sum = 0;
    for (const auto& v : f["pattern"]) sum += v.get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-9);
    flagged += f["flagged"].get<bool>() ? 1 : 0;
  }
  EXPECT_LT(flagged, 8);  // the city-centre sensors agree with each other
  EXPECT_EQ(
      cliArgs({"profile", "--project", s_project, "--segment", "mel-13", "--catchment", "300", "--quiet"})
          .exitCode,
      2);
}

TEST_F(FlowCli, ComparePeriodsOverAllSegments) {
  // Summer (Jan 2014) vs autumn (Apr-May 2013): 8 sensors.
  const CliRun r = cliArgs({"compare-periods", "--project", s_project, "--kind", "segment-counts",
                            "--calendar", "victoria", "--a", "2013-04-01..2013-05-31", "--b",
                            "2014-01-01..2014-01-31", "--format", "json", "--sort", "p", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["features"].size(), 8u);
  for (const auto& f : j["features"]) {
    EXPECT_LE(f["days_a"].get<int>(), 61);
    EXPECT_LE(f["days_b"].get<int>(), 31);
  }
  // Sorted by p (undefined p last).
  double prev = -1;
  for (const auto& f : j["features"])
    if (!f["p_value"].is_null()) {
      EXPECT_GE(f["p_value"].get<double>(), prev);
      prev = f["p_value"].get<double>();
    }
}

TEST(FlowCliErrors, UsageAndUnknownFeature) {
  EXPECT_EQ(cliArgs({"forecast", "--csv", kSlice, "--horizon", "15", "--quiet"}).exitCode, 2);
  EXPECT_EQ(cliArgs({"forecast", "--csv", kSlice, "--model", "magic", "--quiet"}).exitCode, 2);
  EXPECT_EQ(cliArgs({"forecast", "--quiet"}).exitCode, 2);
  EXPECT_EQ(cliArgs({"compare-periods", "--project", "x.gpkg", "--kind", "segment-counts", "--a",
                     "2025-01-02..2025-01-01", "--b", "2025-01-01..2025-01-02"})
                .exitCode,
            2);
  EXPECT_EQ(cliArgs({"forecast", "--csv", "/nonexistent/file.csv", "--quiet"}).exitCode, 3);
  const ekm_test::TempDir dir("flow_cli_e");
  const std::string project = dir.str("empty.gpkg");
  store::Project::create(project);
  const CliRun r = cliArgs({"profile", "--project", project, "--segment", "nope", "--quiet"});
  EXPECT_EQ(r.exitCode, 5);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
}

TEST(FlowCliBench, SmallBenchRuns) {
  const CliRun r = cliArgs({"forecast", "--bench", "--cells", "8", "--days", "42", "--threads", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("regression"), std::string::npos);
  EXPECT_NE(r.out.find("0 non-finite"), std::string::npos);
}

}  // namespace

namespace {
TEST(FlowCliCancel, CtrlCStopsTheBenchWithExit130) {
  ekm_test::CliProcess bench({"forecast", "--bench", "--cells", "6000", "--threads", "1", "--quiet"});
  ASSERT_TRUE(bench.started());
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  bench.signal(SIGINT);
  const int st = bench.wait();
  ASSERT_TRUE(WIFEXITED(st));
  EXPECT_EQ(WEXITSTATUS(st), 130);
}
}  // namespace
