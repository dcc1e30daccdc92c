// The route-demand operations on the sample district with the real Chii-bus feed, through
// scenario files: a run executed twice stores identical results; loads add up to riders;
// service edits change what they should; bad edits fail before any work.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "ekm/ops/registry.h"
#include "ekm/sample/sample_op.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
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
    EXPECT_EQ(e.context().field, "service_edits.headways[0].headway_min") << e.what();
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
