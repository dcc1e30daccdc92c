// `ekimachi-cli export`: run results, run comparisons and project layers to GeoPackage,
// GeoJSON, CSV and Shapefile, read back with GDAL's own ogrinfo (an independent reader):
// the CRS, the field names and types, the features, and that no exported figure describes
// fewer than 10 people (the small-count rule) in any format.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "ekm/privacy/small_count.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
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

// One feature's fields as ogrinfo prints them: "  name (Type) = value".
struct Field {
  std::string type, value;
};
using Feature = std::map<std::string, Field>;

struct OgrLayer {
  std::string geometry;  // "Line String", "Polygon", "Point", "None"
  long features = -1;
  bool epsg4326 = false;
  std::map<std::string, std::string> fieldTypes;  // name -> "Real", "Integer64", "String", ...
  std::vector<Feature> rows;
  std::string text;
};

OgrLayer ogrinfo(const fs::path& file, const std::string& layer = "") {
  const CliRun r = run("ogrinfo -ro -al " + quote(file.string()) + (layer.empty() ? "" : " " + quote(layer)) + " 2>&1");
  OgrLayer l;
  l.text = r.out;
  std::istringstream in(r.out);
  const std::regex fieldDef(R"(^([A-Za-z_][A-Za-z0-9_]*): ([A-Za-z0-9]+(?:\([A-Za-z]+\))?) \()");
  const std::regex fieldVal(R"(^  ([A-Za-z_][A-Za-z0-9_]*) \(([A-Za-z0-9]+(?:\([A-Za-z]+\))?)\) = (.*)$)");
  std::smatch m;
  bool inFeature = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Geometry: ", 0) == 0) l.geometry = line.substr(10);
    else if (line.rfind("Feature Count: ", 0) == 0) l.features = std::stol(line.substr(15));
    else if (line.find("ID[\"EPSG\",4326]") != std::string::npos || line.find("AUTHORITY[\"EPSG\",\"4326\"]]") != std::string::npos) l.epsg4326 = true;
    else if (line.rfind("OGRFeature(", 0) == 0) {
      l.rows.emplace_back();
      inFeature = true;
    } else if (inFeature && std::regex_match(line, m, fieldVal)) l.rows.back()[m[1]] = {m[2], m[3]};
    else if (!inFeature && std::regex_search(line, m, fieldDef)) l.fieldTypes[m[1]] = m[2];
  }
  return l;
}

// Every people figure of every feature is NULL or at least 10, and no change sits next to
// a suppressed count: the rule, checked on what a GIS reads.
// A Shapefile's field names are cut at 10 characters: the role is the full column's.
ekm::privacy::ColumnRole roleOf(const std::string& name) {
  for (const char* full : {"base_volume", "scenario_volume", "volume_diff", "significant"})
    if (name.size() == 10 && std::string(full).rfind(name, 0) == 0) return ekm::privacy::columnRole(full);
  return ekm::privacy::columnRole(name);
}

std::string ruleBreaches(const OgrLayer& l) {
  std::string breaches;
  for (std::size_t i = 0; i < l.rows.size(); ++i) {
    bool suppressedCount = false;
    for (const auto& [name, f] : l.rows[i]) {
      const auto role = roleOf(name);
      const bool null = f.value == "(null)" || f.value.empty();
      if (role == ekm::privacy::ColumnRole::People && f.type != "String") {
        if (null) suppressedCount = true;
        else if (ekm::privacy::isSuppressed(std::stod(f.value))) breaches += "row " + std::to_string(i) + " " + name + "=" + f.value + "; ";
      }
    }
    if (!suppressedCount) continue;
    for (const auto& [name, f] : l.rows[i])
      if (roleOf(name) == ekm::privacy::ColumnRole::Derived && f.value != "(null)" && !f.value.empty())
        breaches += "row " + std::to_string(i) + " derived " + name + "=" + f.value + "; ";
  }
  return breaches;
}

class ResultExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("result_export_test");
    s_dir = s_tmp->path();
    const CliRun sample = cli("sample --out " + quote(s_dir / "sample") + " --from 2025-03-25 --to 2025-03-28 --radius 500 --quiet");
    ASSERT_EQ(sample.exitCode, 0) << sample.out;
    s_project = s_dir / "sample" / "sample.gpkg";
    // A real run: the opening, two days before vs two days after.
    const Json a = "2025-03-25..2025-03-26", b = "2025-03-27..2025-03-28";
    ASSERT_TRUE(ekm_test::storeComparisonRun(
        s_project, s_dir, "opening-mini", "",
        {{"cells", {{"kind", "mesh-population"}, {"a", a}, {"b", b}, {"bootstrap", 0}}},
         {"streets", {{"kind", "segment-counts"}, {"mode", "pedestrian"}, {"a", a}, {"b", b}, {"bootstrap", 0}}}}));
    // A run made to break the rule: flows on six streets, three of them under 10 people.
    ekm::store::Project p = ekm::store::Project::open(s_project.string());
    const auto segments = p.segments();
    ASSERT_GE(segments.size(), 6u);
    ekm::ops::ResultTable flows;
    flows.name = "link_flows";
    flows.geometry = "segment";
    flows.columns = {"segment_id", "base_volume", "scenario_volume", "volume_diff", "time_ab_s"};
    const double base[] = {3, 0, 9.9, 10, 250, 42}, scen[] = {300, 0, 12, 11, 5, 42};
    for (int i = 0; i < 6; ++i) flows.rows.push_back({segments[i].segmentId, base[i], scen[i], scen[i] - base[i], 12.5 + i});
    s_segments = {segments[0].segmentId, segments[4].segmentId};
    ekm::ops::ResultTable zones;
    zones.name = "trip_ends";
    zones.columns = {"zone", "production", "attraction"};
    zones.rows = {{"Z1", 4, 400}, {"Z2", 1500, 1499}};
    ekm::ops::OpResult result;
    result.tables = {flows, zones};
    ekm::store::RunRecord record;
    record.name = "small-counts";
    record.status = "ok";
    ekm::store::RunStepRecord step;
    step.stepId = "assign";
    step.op = "assign";
    step.paramsJson = "{}";
    step.resultJson = ekm::ops::toJson(result).dump();
    ekm::store::writeRun(p, record, {step});
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  static CliRun exportCli(const std::string& args) { return cli("export --quiet --project " + quote(s_project) + " " + args); }

  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir, s_project;
  static inline std::vector<std::string> s_segments;
};

TEST_F(ResultExport, SmallCountsNeverLeaveInAnyFormat) {
  for (const char* ext : {"gpkg", "geojson", "csv", "shp"}) {
    const fs::path out = s_dir / (std::string("flows.") + ext);
    const CliRun r = exportCli("--run small-counts --table link_flows --out " + quote(out));
    ASSERT_EQ(r.exitCode, 0) << ext << ": " << r.out;
    EXPECT_NE(r.out.find("6 features"), std::string::npos) << r.out;
    const OgrLayer l = ogrinfo(out);
    EXPECT_EQ(l.features, 6) << ext << "\n" << l.text;
    ASSERT_EQ(l.rows.size(), 6u) << ext << "\n" << l.text;
    EXPECT_EQ(ruleBreaches(l), "") << ext;
    // The large counts and their changes are there, with their types (a Shapefile cuts names at 10).
    auto field = [&](std::size_t row, const std::string& name) {
      const auto& r = l.rows[row];
      return r.count(name) ? r.at(name) : r.at(name.substr(0, 10));
    };
    EXPECT_EQ(std::stod(field(4, "base_volume").value), 250) << ext;
    EXPECT_EQ(field(4, "base_volume").type, "Real") << ext;
    EXPECT_EQ(std::stod(field(5, "volume_diff").value), 0) << ext;
    EXPECT_EQ(std::stod(field(0, "scenario_volume").value), 300) << ext;
    EXPECT_EQ(field(0, "segment_id").value, s_segments[0]) << ext;
    EXPECT_EQ(field(0, "suppressed").value, "base_volume,volume_diff") << ext;
    if (std::string(ext) != "csv") {  // CSV geometry is WKT text; ogrinfo shows it as such
      EXPECT_EQ(l.geometry, "Line String") << ext;
      EXPECT_TRUE(l.epsg4326) << ext << "\n" << l.text;
    }
  }
  // Without geometry: production 4 goes.
  const fs::path out = s_dir / "ends.csv";
  ASSERT_EQ(exportCli("--run small-counts --table trip_ends --out " + quote(out)).exitCode, 0);
  const OgrLayer l = ogrinfo(out);
  ASSERT_EQ(l.rows.size(), 2u) << l.text;
  EXPECT_EQ(ruleBreaches(l), "");
  EXPECT_EQ(l.rows[1].at("attraction").value, "1499");
  EXPECT_EQ(l.fieldTypes.at("attraction"), "Integer64") << l.text;
}

// The fixture's input really breaks the rule: the check above can fail.
TEST_F(ResultExport, TheRuleCheckSeesBreaches) {
  OgrLayer l;
  l.rows = {{{"base_volume", {"Real", "3"}}, {"volume_diff", {"Real", "297"}}},
            {{"base_volume", {"Real", "(null)"}}, {"volume_diff", {"Real", "297"}}}};
  EXPECT_EQ(ruleBreaches(l), "row 0 base_volume=3; row 1 derived volume_diff=297; ");
}

TEST_F(ResultExport, ARunBecomesLayersOfOneGeoPackage) {
  const fs::path out = s_dir / "opening.gpkg";
  const CliRun r = exportCli("--run opening-mini --out " + quote(out));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const OgrLayer cells = ogrinfo(out, "cells_comparison");
  EXPECT_EQ(cells.geometry, "Polygon");
  EXPECT_TRUE(cells.epsg4326);
  EXPECT_GT(cells.features, 10);
  EXPECT_EQ(cells.fieldTypes.at("mean_a"), "Real");
  EXPECT_EQ(cells.fieldTypes.at("days_a"), "Integer64");
  EXPECT_EQ(cells.fieldTypes.at("significant"), "Integer(Boolean)");
  EXPECT_EQ(ruleBreaches(cells), "");
  const OgrLayer streets = ogrinfo(out, "streets_comparison");
  EXPECT_EQ(streets.geometry, "Line String");
  EXPECT_EQ(ruleBreaches(streets), "");
  // Several tables do not go into one CSV.
  EXPECT_EQ(exportCli("--run opening-mini --out " + quote(s_dir / "all.csv")).exitCode, 2);
}

TEST_F(ResultExport, ComparisonsAndProjectLayers) {
  const fs::path out = s_dir / "diff.geojson";
  const CliRun r = exportCli("--run small-counts --compare small-counts --table link_flows --out " + quote(out));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const OgrLayer l = ogrinfo(out);
  EXPECT_EQ(l.features, 6);
  EXPECT_EQ(ruleBreaches(l), "") << l.text;
  EXPECT_TRUE(l.fieldTypes.count("base_volume_a")) << l.text;

  const fs::path roads = s_dir / "roads.shp";
  const CliRun lr = exportCli("--layer road_segments --out " + quote(roads));
  ASSERT_EQ(lr.exitCode, 0) << lr.out;
  const OgrLayer rl = ogrinfo(roads);
  EXPECT_EQ(rl.geometry, "Line String");
  EXPECT_GT(rl.features, 10);
  // Time series are counts: they leave only as suppressed results.
  EXPECT_EQ(exportCli("--layer mesh_population --out " + quote(s_dir / "raw.csv")).exitCode, 2);
  EXPECT_EQ(exportCli("--run nope --out " + quote(s_dir / "x.gpkg")).exitCode, 5);
}

}  // namespace
