// The route-demand operations on the sample district with the real Chii-bus feed, through
// scenario files: a run executed twice stores identical results; loads add up to riders;
// service edits change what they should; bad edits fail before any work; results carry the
// KPI projection and line geometry (export and compare write line layers, read by ogrinfo);
// on-demand requests beyond the bus riders of the same trips are flagged.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <sstream>

#include "ekm/mobility/ridership_ops.h"
#include "ekm/mobility/route_demand_ops.h"
#include "ekm/ops/registry.h"
#include "ekm/sample/sample_op.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
#include "support/cli_runner.h"
#include "support/sample_district.h"
#include "support/temp_dir.h"

namespace {

using ekm::ops::Json;
namespace sc = ekm::scenario;

class RouteDemandScenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("route_demand");
    s_project = ekm_test::generateSampleDistrict(s_dir->str("district"), "2025-04-01", "2025-04-09", 500);
    const std::string samples = std::string(EKM_TEST_DATA_DIR) + "/../../data/samples/scenarios/mobility/";
    std::filesystem::copy_file(samples + "east_west_candidate.geojson", s_dir->str("ew.geojson"));
    std::filesystem::copy_file(samples + "ondemand_area.geojson", s_dir->str("area.geojson"));
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  static Json document(const std::string& name, const Json& edits) {
    Json defaults = {{"zones", "mesh:250m"}, {"day_type", "weekday"}};
    if (!edits.is_null()) defaults["service_edits"] = edits;
    return {{"scenario", name},
            {"project", s_project},
            {"defaults", defaults},
            {"steps", Json::array({{{"id", "candidates"},
                                    {"op", "mobility-compare-candidates"},
                                    {"params", {{"candidates", {"ew.geojson"}}, {"route_ids", {"00007"}}}}},
                                   {{"id", "ew"}, {"op", "mobility-route-demand"}, {"params", {{"candidate", "ew.geojson"}}}},
                                   {{"id", "ondemand"}, {"op", "mobility-ondemand"}, {"params", {{"area", "area.geojson"}}}}})}};
  }
  static sc::RunOutcome run(const Json& doc) {
    return sc::runScenario(sc::scenarioFromJson(doc, "test.json", s_dir->path().string()),
                           ekm::ops::Registry::global(), ekm::core::nullFeedback());
  }
  static std::vector<ekm::store::RunStepRecord> steps(std::int64_t id) {
    auto project = ekm::store::Project::open(s_project, ekm::store::OpenMode::ReadOnly);
    return ekm::store::runSteps(project, id);
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

const Json* row(const Json& table, const std::string& key) {
  for (const auto& r : table["rows"])
    if (r[0] == key) return &r;
  return nullptr;
}

}  // namespace

TEST_F(RouteDemandScenario, ARunTwiceStoresIdenticalResultsAndLoadsAddUp) {
  const auto a = steps(run(document("bus", nullptr)).runId);
  const auto b = steps(run(document("bus", nullptr)).runId);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].resultJson, b[i].resultJson) << a[i].stepId;

  const Json cand = Json::parse(a[0].resultJson);
  const auto& t = cand["tables"][0];
  const Json* ew = row(t, "cand-ew");
  const Json* tk = row(t, "00007");
  ASSERT_TRUE(ew && tk);
  EXPECT_GT((*ew)[3].get<double>(), 0);                        // riders
  EXPECT_LE((*ew)[6].get<double>(), (*ew)[3].get<double>() + 1e-9);  // gained <= riders
  EXPECT_GT((*ew)[10].get<double>(), 0);                       // vehicle-hours
  EXPECT_EQ((*tk)[2], "existing");

  // the route-demand step of the same candidate gives the same riders; its loads add up
  const Json rd = Json::parse(a[1].resultJson);
  EXPECT_NEAR(rd["summary"]["riders_day"].get<double>(), (*ew)[3].get<double>(), 1e-6);
  double boardings = 0, alightings = 0;
  for (const auto& r : rd["tables"][2]["rows"]) boardings += r[4].get<double>(), alightings += r[5].get<double>();
  EXPECT_NEAR(boardings, rd["summary"]["riders_day"].get<double>(), 1e-6);
  EXPECT_NEAR(alightings, boardings, 1e-6);
  double hours = 0;
  for (const auto& r : rd["tables"][0]["rows"]) hours += r[1].get<double>();
  EXPECT_NEAR(hours, boardings, 1e-6);

  const Json od = Json::parse(a[2].resultJson);
  EXPECT_GT(od["summary"]["zones"].get<int>(), 1);
  EXPECT_GE(od["summary"]["vehicle_hours"].get<double>(), 0);
}

TEST_F(RouteDemandScenario, ServiceEditsChangeRidersAndVehicleHours) {
  const auto base = steps(run(document("base", nullptr)).runId);
  const Json edits =
      Json::parse(R"({"headways": [{"route_id": "00007", "headway_min": 5, "from": "07:00", "to": "10:00"}]})");
  const auto edited = steps(run(document("edited", edits)).runId);
  const Json before = Json::parse(base[0].resultJson), after = Json::parse(edited[0].resultJson);
  const Json* a = row(before["tables"][0], "00007");
  const Json* b = row(after["tables"][0], "00007");
  ASSERT_TRUE(a && b);
  EXPECT_GT((*b)[10].get<double>(), (*a)[10].get<double>());  // more vehicle-hours
  EXPECT_GE((*b)[3].get<double>(), (*a)[3].get<double>());    // at least as many riders
  EXPECT_NE(after["summary"]["edits"], "");
}

TEST_F(RouteDemandScenario, AMalformedEditIsFoundByTheScenarioCheck) {
  const Json edits = Json::parse(R"({"headways": [{"route_id": "00007"}]})");  // no headway_min
  try {
    sc::checkScenario(sc::scenarioFromJson(document("bad", edits), "test.json", s_dir->path().string()),
                      ekm::ops::Registry::global());
    FAIL() << "accepted";
  } catch (const ekm::core::Error& e) {
    // The first step with service edits, named by the path of the value in its params.
    EXPECT_EQ(e.context().field, "steps[0].params.service_edits.headways[0].headway_min") << e.what();
    EXPECT_EQ(e.context().file, "test.json");
  }
}

TEST_F(RouteDemandScenario, AnUnknownRouteFailsNamingItsPath) {
  const Json edits = Json::parse(R"({"headways": [{"route_id": "no-such-route", "headway_min": 5}]})");
  try {
    run(document("bad", edits));
    FAIL() << "accepted";
  } catch (const ekm::core::Error& e) {
    EXPECT_NE(e.context().field.find("service_edits.headways[0].route_id"), std::string::npos) << e.what();
  }
}

// The KPI projection's arithmetic, by hand: a trend of 3.7 M a year of which the area carries
// half; the change adds 10 % to the area's modelled riders: 3.7 M x (0.5 + 0.5 x 1.1) =
// 3,885,000, 115,000 short of 4.0 M. The whole network in the area (share 1) losing 10 %:
// 3.7 M x 0.9 = 3,330,000, 670,000 short.
TEST(KpiProjection, ScalesTheAreaShareOfTheTrendByTheModelledRatio) {
  const auto a = ekm::mobility::projectKpi(3.7e6, 0.5, 1100, 1000, 4.0e6);
  EXPECT_TRUE(a.available);
  EXPECT_NEAR(a.projectedAnnual, 3885000, 1e-6);
  EXPECT_NEAR(a.gap, 115000, 1e-6);
  const auto b = ekm::mobility::projectKpi(3.7e6, 1.0, 900, 1000, 4.0e6);
  EXPECT_NEAR(b.projectedAnnual, 3330000, 1e-6);
  EXPECT_NEAR(b.gap, 670000, 1e-6);
  const auto none = ekm::mobility::projectKpi(3.7e6, 1.0, 10, 0, 4.0e6);  // nothing to scale
  EXPECT_FALSE(none.available);
  EXPECT_NEAR(none.projectedAnnual, 3.7e6, 1e-6);
}

// On the sample with two more months of route-day records (February and March 2025, on
// route 00007): the route-demand and candidate results carry the KPI trend of mobility-kpi,
// scaled by the modelled riders with the candidate over those without it (share 1: the
// fixture is not calibrated).
TEST_F(RouteDemandScenario, ResultsCarryTheKpiProjection) {
  ekm::ops::Session session(s_project);
  auto& fb = ekm::core::nullFeedback();
  {
    std::string csv = "date,route_id,boardings\n";
    for (const char* d : {"2025-02-12", "2025-02-13", "2025-03-12", "2025-03-13"})
      csv += std::string(d) + ",00007,4000\n";
    ekm::mobility::RidershipImportParams ip;
    ip.file = s_dir->write("extra_route_day.csv", csv);
    ekm::ops::run<ekm::mobility::RidershipImportOp>(session, ip, fb);
  }
  const auto kpi = ekm::ops::run<ekm::mobility::KpiOp>(session, {}, fb);
  ASSERT_FALSE(kpi.kpis.projection.method.empty());
  const double trend = kpi.kpis.projection.projectedAnnual;
  ASSERT_GT(trend, 0);

  ekm::mobility::RouteDemandParams rp;
  rp.candidate = s_dir->str("ew.geojson");
  rp.network.zones = "mesh:250m";
  const auto rd = ekm::mobility::RouteDemandOp::record(ekm::ops::run<ekm::mobility::RouteDemandOp>(session, rp, fb));
  const auto& sum = rd.summary;
  ASSERT_TRUE(sum.contains("kpi_projected_annual")) << sum.dump();
  const double with = sum["transit_riders_with"].get<double>(), without = sum["transit_riders_without"].get<double>();
  ASSERT_GT(with, without);
  EXPECT_NEAR(sum["kpi_trend_annual"].get<double>(), trend, 1e-6 * trend);
  EXPECT_DOUBLE_EQ(sum["kpi_area_share"].get<double>(), 1.0);
  EXPECT_NEAR(sum["kpi_projected_annual"].get<double>(), trend * with / without, 1e-6 * trend);
  EXPECT_NEAR(sum["kpi_gap_to_target"].get<double>(), 4.0e6 - trend * with / without, 1e-6 * trend);

  ekm::mobility::CompareCandidatesParams cp;
  cp.candidates = {s_dir->str("ew.geojson")};
  cp.network.zones = "mesh:250m";
  const auto cc = ekm::mobility::CompareCandidatesOp::record(
      ekm::ops::run<ekm::mobility::CompareCandidatesOp>(session, cp, fb));
  const auto& t = cc.tables[0];
  const auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(t.columns.begin(), t.columns.end(), name) - t.columns.begin());
  };
  ASSERT_EQ(t.rows.size(), 1u);
  const double base = cc.summary["network_riders"].get<double>(), gained = t.rows[0][col("gained")].get<double>();
  EXPECT_NEAR(t.rows[0][col("kpi_projected_annual")].get<double>(), trend * (base + gained) / base, 1e-6 * trend);
  EXPECT_NEAR(cc.summary["kpi_projected_annual"].get<double>(), trend, 1e-6 * trend);  // no edits: the trend
}

namespace {

// ogrinfo's (GDAL, an independent reader) geometry type and feature count of a layer.
std::pair<std::string, long> ogrSummary(const std::string& file, const std::string& layer = "") {
  const auto r = ekm_test::run("ogrinfo -ro -so -al " + ekm_test::quote(file) + (layer.empty() ? "" : " " + ekm_test::quote(layer)) +
                               " 2>&1");
  std::string geometry;
  long features = -1;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Geometry: ", 0) == 0) geometry = line.substr(10);
    if (line.rfind("Feature Count: ", 0) == 0) features = std::stol(line.substr(15));
  }
  return {geometry, features};
}

}  // namespace

// Route-demand tables carry line geometry (stop to stop; a route's stop sequence): `export`
// writes line layers and `compare --out` line difference layers, read back with ogrinfo.
TEST_F(RouteDemandScenario, LoadsAndRoutesExportAndCompareAsLines) {
  run(document("lines-a", nullptr));
  run(document("lines-b",
               Json::parse(R"({"headways": [{"route_id": "00007", "headway_min": 6, "from": "07:00", "to": "10:00"}]})")));
  const auto cli = [](const std::string& args) { return ekm_test::cli(args + " --project " + ekm_test::quote(s_project)); };
  const std::string loads = s_dir->str("loads.gpkg");
  auto r = cli("export --quiet --run lines-a --step ew --table segment_loads --out " + ekm_test::quote(loads));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto [loadGeometry, loadFeatures] = ogrSummary(loads);
  EXPECT_EQ(loadGeometry, "Line String");
  EXPECT_GT(loadFeatures, 2);
  const std::string routes = s_dir->str("routes.gpkg");
  r = cli("export --quiet --run lines-a --compare lines-b --step ew --table routes --out " + ekm_test::quote(routes));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto [routeGeometry, routeFeatures] = ogrSummary(routes);
  EXPECT_EQ(routeGeometry, "Line String");
  EXPECT_GE(routeFeatures, 2);  // the candidate and the feed's routes
  const std::string dir = s_dir->str("diff");
  std::filesystem::create_directories(dir);
  r = cli("compare lines-a lines-b --out " + ekm_test::quote(dir));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  for (const char* layer : {"ew.routes.geojson", "ew.segment_loads.geojson", "candidates.candidates.geojson"}) {
    SCOPED_TRACE(layer);
    const auto [geometry, features] = ogrSummary(dir + "/" + layer);
    EXPECT_EQ(geometry, "Line String");
    EXPECT_GT(features, 0);
  }
}

// On-demand requests are set against the bus network's riders of the same trips: an
// on-demand constant that makes the service more attractive than the bus is flagged as
// implausible; a large one is not.
TEST_F(RouteDemandScenario, OnDemandRequestsBeyondTheBusRidersAreFlagged) {
  ekm::ops::Session session(s_project);
  ekm::mobility::OnDemandParams p;
  p.area = s_dir->str("area.geojson");
  p.network.zones = "mesh:250m";
  const auto flagged = [](const ekm::mobility::OnDemandResult& r) {
    for (const auto& w : r.warnings)
      if (w.rfind("implausible", 0) == 0) return true;
    return false;
  };
  p.ondemand_constant_min = -60;
  const auto eager = ekm::ops::run<ekm::mobility::OnDemandOp>(session, p, ekm::core::nullFeedback());
  ASSERT_TRUE(eager.busRidersInArea);
  EXPECT_GT(eager.tripsInArea, eager.requestsDay());
  EXPECT_GT(eager.requestsDay(), *eager.busRidersInArea);
  EXPECT_TRUE(flagged(eager));
  p.ondemand_constant_min = 120;
  const auto shy = ekm::ops::run<ekm::mobility::OnDemandOp>(session, p, ekm::core::nullFeedback());
  ASSERT_TRUE(shy.busRidersInArea);
  EXPECT_NEAR(*shy.busRidersInArea, *eager.busRidersInArea, 1e-9);  // the bus side does not depend on it
  EXPECT_LT(shy.requestsDay(), *shy.busRidersInArea);
  EXPECT_FALSE(flagged(shy));
}
