// `ekimachi-cli briefing`: the pack of a stored run, checked with poppler (pdfinfo, pdffonts,
// pdftotext, pdftoppm) and its summary numbers recomputed from the run's stored results.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

#include "ekm/export/briefing_summary.h"
#include "ekm/privacy/small_count.h"
#include "ekm/store/project.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/run_store.h"
#include "ekm/store/transit_store.h"
#include "support/project_sql.h"
#include "page_colours.h"
#include "stored_run.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm::ops::Json;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;
using ekm_test::run;

namespace {

struct StoredStep {
  std::string id, op, params;
  ekm::ops::OpResult result;
};

// Writes a run of hand-made step results (as the runner would store them) and returns it.
std::optional<ekm::store::RunRecord> storeRun(ekm::store::Project& p, const std::string& name, const std::vector<StoredStep>& steps) {
  ekm::store::RunRecord record;
  record.name = name;
  record.status = "ok";
  std::vector<ekm::store::RunStepRecord> records(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    records[i].index = static_cast<int>(i);
    records[i].stepId = steps[i].id;
    records[i].op = steps[i].op;
    records[i].paramsJson = steps[i].params;
    records[i].resultJson = ekm::ops::toJson(steps[i].result).dump();
  }
  ekm::store::writeRun(p, record, records);
  return ekm::store::findRun(p, name);
}

class Briefing : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("briefing_test");
    s_dir = s_tmp->path();
    s_available = cli("briefing --help").exitCode == 0;
    if (!s_available) return;
    const CliRun sample = cli("sample --out " + quote(s_dir / "sample") + " --from 2025-03-25 --to 2025-03-28 --radius 500 --quiet");
    ASSERT_EQ(sample.exitCode, 0) << sample.out;
    s_project = s_dir / "sample" / "sample.gpkg";
    const Json a = "2025-03-25..2025-03-26", b = "2025-03-27..2025-03-28";
    ASSERT_TRUE(ekm_test::storeComparisonRun(
        s_project, s_dir, "opening-mini", "Two days before vs two days after the opening. 開業前後2日間の比較。",
        {{"cells", {{"kind", "mesh-population"}, {"a", a}, {"b", b}, {"bootstrap", 0}}},
         {"streets", {{"kind", "segment-counts"}, {"mode", "pedestrian"}, {"a", a}, {"b", b}, {"bootstrap", 0}}},
         {"stations", {{"kind", "station-ridership"}, {"a", a}, {"b", b}, {"bootstrap", 0}}}}));
    s_pack = s_dir / "pack.pdf";
    const CliRun pack = cli("briefing --quiet --project " + quote(s_project) + " --scenario opening-mini --dpi 100 --out " + quote(s_pack));
    ASSERT_EQ(pack.exitCode, 0) << pack.out;
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  void SetUp() override {
    if (!s_available) GTEST_SKIP() << "briefing is not built (no render library)";
  }
  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir, s_project, s_pack;
  static inline bool s_available = false;
};

TEST_F(Briefing, IsAMultiPagePdfWithEmbeddedFonts) {
  const CliRun info = run("pdfinfo " + quote(s_pack));
  ASSERT_EQ(info.exitCode, 0) << info.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
  EXPECT_GE(std::stoi(m[1]), 8) << info.out;  // cover, area, people, before/after, difference, streets, stations, summary, sources
  EXPECT_TRUE(std::regex_search(info.out, std::regex("Page size:\\s+84[12][.0-9]* x 595"))) << info.out;  // A4 landscape
  const CliRun fonts = run("pdffonts " + quote(s_pack));
  ASSERT_EQ(fonts.exitCode, 0);
  EXPECT_NE(fonts.out.find("CJK"), std::string::npos) << fonts.out;
  // Every font embedded: the "emb" column is "yes" on every font line.
  std::istringstream lines(fonts.out);
  int fontLines = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    ++fontLines;
    EXPECT_TRUE(std::regex_search(line, std::regex("\\s+yes\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$"))) << line;
  }
  EXPECT_GT(fontLines, 0);
  // Pages render (poppler) and are not blank.
  ASSERT_EQ(run("pdftoppm -r 30 -png " + quote(s_pack) + " " + quote(s_dir / "page")).exitCode, 0);
  int pngs = 0;
  for (const auto& e : fs::directory_iterator(s_dir))
    if (e.path().filename().string().rfind("page-", 0) == 0) {
      ++pngs;
      EXPECT_GT(fs::file_size(e.path()), 1500u) << e.path();
    }
  EXPECT_EQ(pngs, std::stoi(m[1]));
}

// The summary's numbers are the stored results' (recomputed here from the run's table), the
// printed pack carries them, and no figure under 10 people is printed.
TEST_F(Briefing, SummaryNumbersEqualTheStoredResults) {
  ekm::store::Project p = ekm::store::Project::open(s_project.string(), ekm::store::OpenMode::ReadOnly);
  const auto runRecord = ekm::store::findRun(p, "opening-mini");
  ASSERT_TRUE(runRecord);
  const auto s = ekm::briefing::summariseRuns(p, *runRecord);
  double ta = 0, tb = 0;
  int n = 0;
  for (const auto& step : ekm::store::runSteps(p, runRecord->fid)) {
    if (step.stepId != "cells") continue;
    const auto r = ekm::ops::opResultFromJson(Json::parse(step.resultJson));
    const auto* t = r.table("comparison");
    ASSERT_TRUE(t);
    for (const auto& row : t->rows)
      if (row[3].is_number() && row[4].is_number()) {
        ta += row[3].get<double>();
        tb += row[4].get<double>();
        ++n;
      }
  }
  ASSERT_GT(n, 0);
  ASSERT_TRUE(s.figure("cells.total_a") && s.figure("cells.total_b") && s.figure("cells.features"));
  EXPECT_DOUBLE_EQ(s.figure("cells.total_a")->value, ta);
  EXPECT_DOUBLE_EQ(s.figure("cells.total_b")->value, tb);
  EXPECT_EQ(s.figure("cells.features")->value, n);
  EXPECT_EQ(s.figure("cells.total_b")->text, ekm::briefing::groupedNumber(tb));
  for (const auto& f : s.figures) {
    // The project's own data (its bus feed, its buildings' meters) say so; the rest name the run.
    if (f.id.rfind("transit.", 0) == 0 || f.id.rfind("buildings.", 0) == 0) {
      EXPECT_EQ(f.source.rfind("project ", 0), 0u) << f.id << ": " << f.source;
    } else {
      EXPECT_NE(f.source.find("run " + std::to_string(runRecord->fid)), std::string::npos) << f.id;
    }
    if (f.people && ekm::privacy::isSuppressed(f.value)) {
      EXPECT_EQ(f.text, "*") << f.id;
    }
  }
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(s_pack) + " -");
  ASSERT_EQ(text.exitCode, 0);
  // (pdftotext maps some glyphs to compatibility forms: 民 -> ⺠, "fi" -> the ligature)
  EXPECT_NE(text.out.find("説明資料"), std::string::npos);
  EXPECT_NE(text.out.find("Citizens"), std::string::npos);
  EXPECT_NE(text.out.find(s.figure("cells.total_b")->text), std::string::npos);
  EXPECT_NE(text.out.find("cells.total_b"), std::string::npos);  // its source is printed
  // Sentences a citizen can read: the cell that rose most is named by its nearest station
  // (the sample's cells are all within 1.5 km of one), no "1 stations".
  for (const auto& sec : s.sections) {
    for (const auto& st : sec.sentences)
      EXPECT_FALSE(std::regex_search(st.en, std::regex("(^|[^0-9,.])1 (cells|streets|stations)\\b"))) << st.en;
    if (sec.kind != "cells" || sec.sentences.size() < 2) continue;
    EXPECT_NE(sec.sentences[1].ja.find("駅付近のメッシュ（"), std::string::npos) << sec.sentences[1].ja;
    EXPECT_TRUE(std::regex_search(sec.sentences[1].en, std::regex("the cell \\d{11} near .+ station"))) << sec.sentences[1].en;
  }
  EXPECT_EQ(cli("briefing --quiet --project " + quote(s_project) + " --scenario nope --out " + quote(s_dir / "x.pdf")).exitCode, 5);
  EXPECT_FALSE(fs::exists(s_dir / "x.pdf"));
}

// A run made to break the rule: a street whose count before is 3 (the largest change, so a
// careless "largest rise" would print it) and a step summary with 7 visitors. Neither small
// figure reaches the summary or the printed pack; the large ones do.
TEST_F(Briefing, SmallCountsNeverReachThePack) {
  {
    ekm::store::Project p = ekm::store::Project::open(s_project.string());
    const auto segments = p.segments();
    ASSERT_GE(segments.size(), 2u);
    ekm::ops::ResultTable t;
    t.name = "comparison";
    t.geometry = "segment";
    t.columns = {"feature", "mean_a", "mean_b", "abs_change", "significant"};
    t.rows = {{segments[0].segmentId, 3, 900, 897, true}, {segments[1].segmentId, 4321, 4567, 246, true}};
    ekm::ops::OpResult streets;
    streets.tables = {t};
    ekm::ops::OpResult forecast;
    forecast.summary = {{"visitors", 7}, {"walkers", 1234}};
    const auto run = storeRun(p, "small-figures",
                              {{"streets", "compare-periods", R"({"a": "2025-03-25..2025-03-26", "b": "2025-03-27..2025-03-28"})", streets},
                               {"visits", "forecast-visits", "{}", forecast}});
    ASSERT_TRUE(run);
    const auto s = ekm::briefing::summariseRuns(p, *run);
    ASSERT_TRUE(s.figure("visits.visitors") && s.figure("visits.walkers") && s.figure("streets.top_a"));
    EXPECT_EQ(s.figure("visits.visitors")->text, "*");
    EXPECT_EQ(s.figure("visits.walkers")->text, "1,234");
    EXPECT_EQ(s.figure("streets.top_a")->text, "4,321");  // the street of 3 is not "the largest rise"
    for (const auto& f : s.figures) {
      if (f.people && ekm::privacy::isSuppressed(f.value)) {
        EXPECT_EQ(f.text, "*") << f.id;
      }
    }
  }
  const fs::path pack = s_dir / "small.pdf";
  const CliRun r = cli("briefing --quiet --project " + quote(s_project) + " --scenario small-figures --out " + quote(pack));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(pack) + " -");
  ASSERT_EQ(text.exitCode, 0);
  // (pdftotext loses some digits of Qt's embedded CJK font, so the large figures are checked
  // on the summary above and only where they extract.)
  EXPECT_NE(text.out.find("visitors *"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("visitors 7"), std::string::npos);
  EXPECT_NE(text.out.find("4,321"), std::string::npos);
  EXPECT_EQ(text.out.find("3 to 900"), std::string::npos);
}

// The sample has a GTFS feed and DHC buildings with meters: the pack gets a bus page and an
// energy page, and the buildings' day total equals the meters' long view summed with SQL (the
// QGIS view, not the typed reader the summary uses).
TEST_F(Briefing, BusAndEnergyPagesFromTheProjectsData) {
  ekm::store::Project p = ekm::store::Project::open(s_project.string(), ekm::store::OpenMode::ReadOnly);
  const auto runRecord = ekm::store::findRun(p, "opening-mini");
  ASSERT_TRUE(runRecord);
  const auto s = ekm::briefing::summariseRuns(p, *runRecord);
  auto section = [&](const std::string& kind) {
    return std::find_if(s.sections.begin(), s.sections.end(), [&](const auto& sec) { return sec.kind == kind; }) != s.sections.end();
  };
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(s_pack) + " -");
  ASSERT_EQ(text.exitCode, 0);
  ASSERT_TRUE(ekm::store::gtfsFeedInfo(p)) << "the sample imports the Chii-bus feed";
  ASSERT_FALSE(ekm::store::readBuildings(p).empty()) << "the sample imports the DHC buildings";
  ASSERT_TRUE(s.energyHour) << "the sample's buildings have meters";
  {
    ASSERT_TRUE(section("transit"));
    ASSERT_TRUE(s.figure("transit.stops") && s.figure("transit.departures") && s.figure("transit.routes"));
    EXPECT_LE(s.figure("transit.departures_hour")->value, s.figure("transit.departures")->value);
    EXPECT_LE(s.figure("transit.routes")->value, static_cast<double>(ekm::store::gtfsRoutes(p).size()));
    EXPECT_NE(text.out.find("Bus routes and stops"), std::string::npos);
  }
  {
    ASSERT_TRUE(section("buildings"));
    const auto day = ekm::core::jstFromHourKey(*s.energyHour).date;
    const auto from = ekm::core::hourKeyFromJst(day, 0);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(ekm_test::sql(p),
                                 "SELECT sum(value) FROM energy_meter_hourly WHERE scope = 'building' AND kind IN "
                                 "('cooling', 'heating') AND t_hour >= ?1 AND t_hour < ?1 + 24",
                                 -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(st, 1, from);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const double kwh = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    ASSERT_TRUE(s.figure("buildings.day_kwh"));
    EXPECT_NEAR(s.figure("buildings.day_kwh")->value, kwh, 1e-6 * std::max(1.0, kwh));
    EXPECT_FALSE(s.figure("buildings.day_kwh")->suppressed);
    EXPECT_NE(text.out.find("district heating and cooling"), std::string::npos);
  }
}

// The rule is about people: a step's kWh, percentages, minutes and counts of departures under
// 10 print as they are in the summary and in the pack; its riders under 10 print as "*".
TEST_F(Briefing, OnlyPeopleFiguresAreSuppressed) {
  {
    ekm::store::Project p = ekm::store::Project::open(s_project.string());
    ekm::ops::OpResult energy;
    energy.summary = {{"forecast_total_kwh", 7.25}, {"riders", 6}, {"departures", 4}, {"tstt_change_percent", 3.5},
                      {"mean_ride_min", 8}};
    const auto run = storeRun(p, "small-energy", {{"plant", "energy-forecast", "{}", energy}});
    ASSERT_TRUE(run);
    const auto s = ekm::briefing::summariseRuns(p, *run);
    for (const char* id : {"plant.forecast_total_kwh", "plant.riders", "plant.departures", "plant.tstt_change_percent", "plant.mean_ride_min"})
      ASSERT_TRUE(s.figure(id)) << id;
    EXPECT_EQ(s.figure("plant.forecast_total_kwh")->text, "7.25");
    EXPECT_FALSE(s.figure("plant.forecast_total_kwh")->suppressed);
    EXPECT_EQ(s.figure("plant.departures")->text, "4");
    EXPECT_EQ(s.figure("plant.tstt_change_percent")->text, "3.50");
    EXPECT_EQ(s.figure("plant.mean_ride_min")->text, "8");
    EXPECT_EQ(s.figure("plant.riders")->text, "*");
    EXPECT_TRUE(s.figure("plant.riders")->suppressed);
  }
  const fs::path pack = s_dir / "small-energy.pdf";
  const CliRun r = cli("briefing --quiet --project " + quote(s_project) + " --scenario small-energy --dpi 72 --out " + quote(pack));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(pack) + " -");
  // (Digits extract from the Japanese column; pdftotext loses some in the English one.)
  EXPECT_NE(text.out.find("予測熱需要の合計 7.25 kWh"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("3.50%"), std::string::npos);
  EXPECT_NE(text.out.find("riders *"), std::string::npos);
  EXPECT_EQ(text.out.find("riders 6"), std::string::npos);
}

// Scenario A vs B: a second run of the cells comparison with another period B. The pack sets
// the runs' maps of the column that differs side by side (viridis cells in both halves of the
// page) and then maps B − A (red and blue cells), each page titled "Scenario A vs B".
TEST_F(Briefing, CompareSetsTheRunsSideBySideWithTheirDifference) {
  ASSERT_TRUE(ekm_test::storeComparisonRun(
      s_project, s_dir, "opening-mini-late", "The day after the opening only.",
      {{"cells", {{"kind", "mesh-population"}, {"a", "2025-03-25..2025-03-26"}, {"b", "2025-03-28..2025-03-28"}, {"bootstrap", 0}}}}));
  const fs::path pack = s_dir / "compare.pdf";
  const CliRun r = cli("briefing --quiet --project " + quote(s_project) + " --scenario opening-mini --compare opening-mini-late --dpi 100 --out " +
                       quote(pack));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const CliRun info = run("pdfinfo " + quote(pack));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
  std::vector<int> comparePages;
  for (int page = 1; page <= std::stoi(m[1]); ++page) {
    const CliRun text = run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -enc UTF-8 " + quote(pack) + " -");
    if (text.out.find("Scenario A vs B") != std::string::npos) comparePages.push_back(page);
  }
  ASSERT_EQ(comparePages.size(), 2u) << "a side-by-side page and a difference page";
  const auto sides = ekm_test::pageColours(pack, comparePages[0], s_dir), difference = ekm_test::pageColours(pack, comparePages[1], s_dir);
  EXPECT_GT(sides.viridisLeft, 200) << "run A's map has no viridis cells";
  EXPECT_GT(sides.viridisRight, 200) << "run B's map has no viridis cells";
  const auto area = ekm_test::pageColours(pack, 2, s_dir);  // the same ground, no theme
  EXPECT_GT(difference.red + difference.blue, area.red + area.blue + 200) << "the difference map has no red or blue cells";
}

TEST(BriefingNumbers, GroupedNumbers) {
  EXPECT_EQ(ekm::briefing::groupedNumber(1234567.4), "1,234,567");
  EXPECT_EQ(ekm::briefing::groupedNumber(-1234.56, 1), "-1,234.6");
  EXPECT_EQ(ekm::briefing::groupedNumber(999), "999");
}

}  // namespace
