// Forecast entities from stored runs: the travel mode of a segment forecast and the measure
// of a station forecast decide the entity type, the counted attribute and the id; two
// figures with one id are refused (no silent overwrite at the broker).
#include <gtest/gtest.h>

#include "citylink_fixture.h"
#include "ekm/citylink/publish.h"
#include "ekm/core/error.h"
#include "ekm/ops/result.h"
#include "ekm/store/run_store.h"

using namespace ekm;
using namespace citylink_test;
using nlohmann::json;

namespace {

// One forecast step as the forecast operation stores it: params with mode/measure, a
// "forecast" table keyed by the feature kind.
store::RunStepRecord forecastStep(int index, const std::string& kind, const std::string& feature,
                                  const json& params, const std::vector<std::pair<std::string, double>>& modelValues) {
  ops::ResultTable t;
  t.name = "forecast";
  t.columns = {kind, "datetime", "model", "forecast", "lo80", "hi80"};
  for (const auto& [model, v] : modelValues)
    t.rows.push_back({feature, "2025-04-10T08:00:00+09:00", model, v, v - 5, v + 5});
  ops::OpResult r;
  r.tables.push_back(t);
  store::RunStepRecord s;
  s.index = index;
  s.stepId = "f" + std::to_string(index);
  s.op = "forecast";
  s.paramsJson = params.dump();
  s.resultJson = ops::toJson(r).dump();
  return s;
}

std::int64_t storeRun(const std::string& path, const std::string& name, const std::vector<store::RunStepRecord>& steps) {
  auto p = store::Project::open(path);
  store::RunRecord run;
  run.name = name;
  run.status = "ok";
  run.startedAt = run.finishedAt = "2025-04-09T00:00:00Z";
  return store::writeRun(p, run, steps);
}

class Publish : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("p.gpkg");
    makeProject(m_path);
  }
  json entities(const std::string& run, citylink::PublishStats& stats) {
    auto p = store::Project::open(m_path);
    const auto figures = citylink::forecastFiguresFromRun(p, run, nullptr);
    citylink::PublishSettings s;
    s.createdAt = "2025-04-09T12:00:00Z";
    return citylink::forecastEntities(p, figures, s, stats);
  }
  ekm_test::TempDir m_dir{"publish"};
  std::string m_path;
};

TEST_F(Publish, PedestriansAreCrowdFlowVehiclesAreTrafficFlowEachWithItsModeInTheId) {
  storeRun(m_path, "modes",
           {forecastStep(0, "segment", "tg-deck-n", {{"segment", "tg-deck-n"}, {"mode", "pedestrian"}}, {{"naive", 150}}),
            forecastStep(1, "segment", "tg-deck-n", {{"segment", "tg-deck-n"}, {"mode", "vehicle"}}, {{"naive", 40}}),
            forecastStep(2, "segment", "tg-deck-n", {{"segment", "tg-deck-n"}, {"mode", "bicycle"}}, {{"naive", 20}}),
            forecastStep(3, "station", "takanawa-gateway",
                         {{"station", "takanawa-gateway"}, {"mode", "pedestrian"}, {"measure", "boardings"}},
                         {{"naive", 900}})});
  citylink::PublishStats stats;
  const json all = entities("modes", stats);
  ASSERT_EQ(all.size(), 4u);
  std::map<std::string, json> byId;
  for (const auto& e : all) byId[e["id"]] = e;
  ASSERT_EQ(byId.size(), 4u) << "entity ids must differ: " << all.dump();
  const json& ped = byId.at("urn:ngsi-ld:CrowdFlowForecast:ekimachi:segment-tg-deck-n:pedestrian:20250409T23Z");
  EXPECT_EQ(ped["type"], "CrowdFlowForecast");
  EXPECT_EQ(ped["peopleCount"]["value"], 150);
  EXPECT_EQ(ped["peopleCount"]["unitCode"], "IE");
  const json& veh = byId.at("urn:ngsi-ld:TrafficFlowForecast:ekimachi:segment-tg-deck-n:vehicle:20250409T23Z");
  EXPECT_EQ(veh["type"], "TrafficFlowForecast");
  EXPECT_FALSE(veh.contains("peopleCount")) << "a vehicle count is not a people count";
  EXPECT_EQ(veh["intensity"]["value"], 40);
  EXPECT_FALSE(veh["intensity"].contains("unitCode"));
  EXPECT_EQ(veh["intensityHigh80"]["value"], 45);
  EXPECT_FALSE(veh.contains("vehicleType"));
  const json& bic = byId.at("urn:ngsi-ld:TrafficFlowForecast:ekimachi:segment-tg-deck-n:bicycle:20250409T23Z");
  EXPECT_EQ(bic["vehicleType"]["value"], "bicycle");
  EXPECT_EQ(bic["intensity"]["value"], 20);
  const json& sta = byId.at("urn:ngsi-ld:CrowdFlowForecast:ekimachi:station-takanawa-gateway:boardings:20250409T23Z");
  EXPECT_EQ(sta["peopleCount"]["value"], 900);
  EXPECT_EQ(sta["direction"]["value"], "inbound");  // the importer's convention: inbound = boardings
  EXPECT_EQ(sta["dateIssued"]["value"]["@value"], "2025-04-09T12:00:00Z");
  EXPECT_EQ(stats.trafficEntities, 2);
}

TEST_F(Publish, TwoFiguresForOneEntityAreRefused) {
  // model "all": three models for one segment and hour would overwrite each other.
  storeRun(m_path, "all",
           {forecastStep(0, "segment", "tg-deck-n", {{"segment", "tg-deck-n"}, {"mode", "pedestrian"}},
                         {{"naive", 150}, {"profile", 160}})});
  citylink::PublishStats stats;
  try {
    entities("all", stats);
    ADD_FAILURE() << "no error";
  } catch (const core::ValidationError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("segment-tg-deck-n:pedestrian:20250409T23Z"), std::string::npos) << m;
    EXPECT_NE(m.find("naive and profile"), std::string::npos) << m;
  }
  // An unknown mode is named, not published as people.
  storeRun(m_path, "boats",
           {forecastStep(0, "segment", "tg-deck-n", {{"segment", "tg-deck-n"}, {"mode", "boat"}}, {{"naive", 150}})});
  EXPECT_THROW(entities("boats", stats), core::ValidationError);
}

}  // namespace
