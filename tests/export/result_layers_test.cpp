// Result layers in print layouts: `export-map --layers` draws what analyses left in the store
// (a run's assigned street flows and with/without differences, a stored OD matrix as desire
// lines). The run and the OD matrix are written here by hand on a generated sample, so the
// test knows which streets carry which values; the PDF pages are drawn by poppler and their
// colours counted by Python (page_colours.h), the SVG is read with Python's XML parser.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "ekm/ops/result.h"
#include "ekm/store/od_store.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
#include "page_colours.h"
#include "support/cli_runner.h"
#include "support/sample_district.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm::ops::Json;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;
using ekm_test::run;

namespace {

class ResultLayers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("result_layers_test");
    s_dir = s_tmp->path();
    s_available = cli("export-map --help").exitCode == 0;
    if (!s_available) return;
    s_project = ekm_test::generateSampleDistrict((s_dir / "sample").string(), "2025-03-25", "2025-03-28", 500);
    auto project = ekm::store::Project::open(s_project.string());
    // Street i carries 200 + 40 i walkers in the run (the busiest in the top, red, classes);
    // the differences are +1,000 on the first half of the streets and -1,000 on the second
    // half (the outer, darkest classes of the diverging ramp).
    ekm::ops::ResultTable flows, differences;
    flows.name = "link_flows";
    flows.geometry = differences.geometry = "segment";
    flows.columns = {"segment_id", "volume"};
    differences.name = "link_differences";
    differences.columns = {"segment_id", "base_volume", "scenario_volume", "volume_diff"};
    const auto segments = project.segments();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      flows.rows.push_back({segments[i].segmentId, 200.0 + 40.0 * static_cast<double>(i)});
      const double d = i < segments.size() / 2 ? 1000.0 : -1000.0;
      differences.rows.push_back({segments[i].segmentId, 1500.0, 1500.0 + d, d});
    }
    ekm::ops::OpResult am, deck;
    am.tables.push_back(flows);
    deck.tables.push_back(differences);
    ekm::store::RunRecord r;
    r.name = "deck-test";
    r.status = "ok";
    ekm::store::RunStepRecord a{0, "am", "assign", "{}", ekm::ops::toJson(am).dump(), 0};
    ekm::store::RunStepRecord b{1, "deck", "scenario", "{}", ekm::ops::toJson(deck).dump(), 0};
    // A coverage run (as `mobility-coverage` leaves it): the first half of the cells within
    // 50-290 m of a stop, the rest with none in reach; at 12:00 the last quarter of the cells
    // are gaps of 400 people (one of 6 people: suppressed), at 03:00 none.
    ekm::ops::ResultTable cover, gaps;
    cover.name = "cells";
    cover.geometry = gaps.geometry = "cell";
    cover.columns = {"cell", "nearest_stop", "nearest_stop_m", "stops_in_reach", "station_in_reach",
                     "departures_in_reach"};
    gaps.name = "gaps";
    gaps.columns = {"cell", "hour", "population", "reason"};
    const auto meshCells = project.meshCells();
    for (std::size_t i = 0; i < meshCells.size(); ++i) {
      const bool near = i < meshCells.size() / 2;
      cover.rows.push_back({meshCells[i].meshCode, near ? Json("S1") : Json(), near ? Json(50.0 + 240.0 * 2 * i / meshCells.size()) : Json(),
                            near ? 1 : 0, Json(), near ? 12 : 0});
      if (i >= 3 * meshCells.size() / 4)
        gaps.rows.push_back({meshCells[i].meshCode, 12, i + 1 == meshCells.size() ? 6.0 : 400.0, "no stop within reach"});
    }
    s_gapCells = static_cast<int>(meshCells.size() - 3 * meshCells.size() / 4) - 1;
    ekm::ops::OpResult coverage;
    coverage.tables = {cover, gaps};
    ekm::store::RunStepRecord c{2, "coverage", "mobility-coverage", "{}", ekm::ops::toJson(coverage).dump(), 0};
    ekm::store::writeRun(project, r, {a, b, c});
    // An OD matrix between the first and the last mesh cell (and a pair of 4 trips, suppressed).
    const auto cells = project.meshCells();
    ASSERT_GE(cells.size(), 3u);
    ekm::store::saveOdRows(project, "am", {{cells.front().meshCode, cells.back().meshCode, 900},
                                            {cells[1].meshCode, cells.back().meshCode, 4}});
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  void SetUp() override {
    if (!s_available) GTEST_SKIP() << "export-map is not built (no render library)";
  }
  static CliRun exportMap(const std::string& layers, const fs::path& out, const std::string& at = "2025-03-27T12:00",
                          const std::string& extra = "--lang en") {
    return cli("export-map --project " + quote(s_project) + " --quiet --at " + at + " " + extra + " --layers " + layers +
               " --out " + quote(out));
  }
  static ekm_test::PageColours colours(const fs::path& pdf) { return ekm_test::pageColours(pdf, 1, s_dir); }
  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir, s_project;
  static inline bool s_available = false;
  static inline int s_gapCells = 0;
};

TEST_F(ResultLayers, FlowsAndDifferencesAreDrawnOnTheStreets) {
  // Plain streets: no red, no blue. The flows: the busiest streets red (YlOrRd's top classes).
  // The differences: red (more) and blue (fewer) streets.
  ASSERT_EQ(exportMap("basemap,road_segments", s_dir / "plain.pdf").exitCode, 0);
  const CliRun flows = exportMap("basemap,flows", s_dir / "flows.pdf");
  ASSERT_EQ(flows.exitCode, 0) << flows.out;
  const CliRun diff = exportMap("basemap,scenario_differences", s_dir / "diff.pdf");
  ASSERT_EQ(diff.exitCode, 0) << diff.out;
  const auto plain = colours(s_dir / "plain.pdf"), f = colours(s_dir / "flows.pdf"), d = colours(s_dir / "diff.pdf");
  EXPECT_GT(f.red, plain.red + 200) << "flows: no red streets";
  EXPECT_GT(d.red, plain.red + 100) << "differences: no red (more walkers) streets";
  EXPECT_GT(d.blue, plain.blue + 100) << "differences: no blue (fewer walkers) streets";
}

TEST_F(ResultLayers, DesireLinesDrawTheStoredMatrixAboveTheRule) {
  ASSERT_EQ(exportMap("basemap", s_dir / "base.pdf").exitCode, 0);
  const CliRun r = exportMap("basemap,desire_lines", s_dir / "desire.pdf");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_GT(colours(s_dir / "desire.pdf").purple, colours(s_dir / "base.pdf").purple + 50) << "no purple desire line";
  // The legend names the layers (SVG text stays text).
  ASSERT_EQ(exportMap("basemap,flows,desire_lines", s_dir / "legend.svg").exitCode, 0);
  const CliRun svg = run("python3 -c \"import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]); "
                         "print(' '.join(x.text or '' for x in t.iter() if x.tag.endswith('text')))\" " +
                         quote(s_dir / "legend.svg"));
  ASSERT_EQ(svg.exitCode, 0) << svg.out;
  EXPECT_NE(svg.out.find("Walkers"), std::string::npos) << svg.out;
  EXPECT_NE(svg.out.find("deck-test"), std::string::npos) << svg.out;
  EXPECT_NE(svg.out.find("Desire lines"), std::string::npos) << svg.out;
}

// Bus-stop coverage: the walk to the nearest stop over the cells (cividis: near light yellow,
// far dark blue; no stop within reach hatched grey) and the gaps of the map's hour in reds; the
// legend (read from --info-json) names both, with the "no stop within reach" item, the run,
// and in Japanese with --lang ja. The suppressed gap (6 people) is not drawn.
TEST_F(ResultLayers, StopReachAndCoverageGapsAreDrawnOnTheMesh) {
  ASSERT_EQ(exportMap("basemap", s_dir / "cover_base.pdf").exitCode, 0);
  const CliRun reach = exportMap("basemap,stop_reach", s_dir / "reach.pdf", "2025-03-27T12:00",
                                 "--lang en --info-json " + quote(s_dir / "reach.json"));
  ASSERT_EQ(reach.exitCode, 0) << reach.out;
  const CliRun noon = exportMap("basemap,coverage_gaps", s_dir / "gaps_noon.pdf", "2025-03-27T12:00",
                                "--lang ja --info-json " + quote(s_dir / "gaps.json"));
  ASSERT_EQ(noon.exitCode, 0) << noon.out;
  const CliRun night = exportMap("basemap,coverage_gaps", s_dir / "gaps_night.pdf", "2025-03-27T03:00");
  ASSERT_EQ(night.exitCode, 0) << night.out;
  const auto base = colours(s_dir / "cover_base.pdf"), r = colours(s_dir / "reach.pdf");
  EXPECT_GT(r.blue, base.blue + 200) << "no dark blue (far) cells";
  const auto g12 = colours(s_dir / "gaps_noon.pdf"), g03 = colours(s_dir / "gaps_night.pdf");
  EXPECT_GT(g12.red, g03.red + 200) << "no red gap cells at noon";
  // At 03:00 only the legend's swatches add red (a few dozen pixels at 40 dpi), no cells.
  EXPECT_LT(g03.red - base.red, (g12.red - base.red) / 4) << "gap cells drawn at 03:00, when the run has none";
  std::printf("red pixels: base %ld, gaps 12:00 %ld, gaps 03:00 %ld; blue: base %ld, reach %ld\n", base.red, g12.red,
              g03.red, base.blue, r.blue);
  const auto json = [&](const fs::path& p) {
    return run("python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); "
               "print(json.dumps(d, ensure_ascii=False))\" " + quote(p)).out;
  };
  const std::string reachInfo = json(s_dir / "reach.json"), gapsInfo = json(s_dir / "gaps.json");
  EXPECT_NE(reachInfo.find("Walk to the nearest bus stop"), std::string::npos) << reachInfo;
  EXPECT_NE(reachInfo.find("No bus stop within reach"), std::string::npos) << reachInfo;
  EXPECT_NE(gapsInfo.find("交通空白"), std::string::npos) << gapsInfo;
  EXPECT_EQ(gapsInfo.find("データなし"), std::string::npos) << "the gaps layer has no 'missing' item: " << gapsInfo;
  EXPECT_GT(s_gapCells, 0);
  // The gaps by reason: both reasons named in the legend, in Japanese with --lang ja.
  const CliRun reasons = exportMap("basemap,gap_reasons", s_dir / "reasons.pdf", "2025-03-27T12:00",
                                   "--lang ja --info-json " + quote(s_dir / "reasons.json"));
  ASSERT_EQ(reasons.exitCode, 0) << reasons.out;
  const std::string reasonsInfo = json(s_dir / "reasons.json");
  EXPECT_NE(reasonsInfo.find("交通空白の理由"), std::string::npos) << reasonsInfo;
  EXPECT_NE(reasonsInfo.find("徒歩圏にバス停なし"), std::string::npos) << reasonsInfo;
  EXPECT_NE(reasonsInfo.find("この時間に発車なし"), std::string::npos) << reasonsInfo;
  const auto byReason = colours(s_dir / "reasons.pdf");  // no stop: purple, no departure: orange (red here)
  EXPECT_GT(byReason.purple + byReason.red, base.purple + base.red + 100) << "no gap cells drawn by reason at noon";
}

TEST_F(ResultLayers, UnknownLayerNamesTheResultLayers) {
  const CliRun r = exportMap("basemap,nope", s_dir / "nope.pdf");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.out.find("flows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scenario_differences"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("desire_lines"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("coverage_gaps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gap_reasons"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(s_dir / "nope.pdf"));
}

}  // namespace
