// Nested Params: the network edits (`edits`) and bus service edits (`service_edits`) are typed
// objects and lists of typed objects. Their schema lists every edit's fields, bad values are
// refused before any work with their JSON path, and JSON round-trips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ekm/demand/ops/scenario_op.h"
#include "ekm/mobility/route_demand_ops.h"
#include "ekm/ops/registry.h"
#include "ekm/scenario/runner.h"
#include "ekm/scenario/scenario_file.h"

namespace {

using ekm::ops::Json;
using ekm::ops::ParamError;
using ekm::ops::ParamSource;
using ekm::demand::ScenarioParams;
using ekm::mobility::RouteDemandParams;

Json point(double lon, double lat) { return Json::array({lon, lat}); }

Json validEdits() {
  return {{"close", {"seg-1"}},
          {"add", Json::array({{{"name", "deck"}, {"from", point(139.74, 35.63)}, {"to", point(139.75, 35.63)}},
                               {{"from", point(139.74, 35.63)}, {"to", point(139.75, 35.64)}, {"speed_kmh", 20}},
                               {{"from", point(139.74, 35.63)}, {"to", point(139.75, 35.64)}, {"length_m", 0}}})},
          {"change", Json::array({{{"segment_id", "seg-7"}, {"capacity", 900}}})},
          {"scale_demand", 1.2},
          {"scale_zones", {"533935772"}}};
}

// The field a document's error names (and its expected text), or "(no error)".
template <class P>
std::pair<std::string, std::string> errorOf(const Json& j, const ParamSource& src = {}) {
  try {
    ekm::ops::fromJson<P>(j, src);
  } catch (const ParamError& e) {
    return {e.context().field, e.context().expected};
  }
  return {"(no error)", ""};
}

TEST(NestedParams, TheSchemaListsEveryEditsField) {
  const Json s = ekm::ops::Registry::global().at("scenario").paramsSchema();
  const Json& edits = s["properties"]["edits"];
  EXPECT_EQ(edits["type"], "object");
  EXPECT_EQ(edits["additionalProperties"], false);
  for (const char* kind : {"close", "add", "change", "scale_demand", "scale_zones"})
    EXPECT_TRUE(edits["properties"].contains(kind)) << kind;
  const Json& add = edits["properties"]["add"];
  EXPECT_EQ(add["type"], "array");
  EXPECT_EQ(add["items"]["type"], "object");
  EXPECT_EQ(add["items"]["required"], Json::array({"from", "to"}));
  EXPECT_EQ(add["items"]["properties"]["speed_kmh"]["type"], "number");
  EXPECT_EQ(add["items"]["properties"]["speed_kmh"]["exclusiveMinimum"], 0.0);
  EXPECT_EQ(add["items"]["properties"]["from"]["items"]["type"], "number");
  EXPECT_EQ(add["items"]["properties"]["length_m"]["minimum"], 0.0);
  EXPECT_FALSE(add["items"]["properties"]["name"]["description"].get<std::string>().empty());
  const Json& change = edits["properties"]["change"]["items"];
  EXPECT_EQ(change["required"], Json::array({"segment_id"}));
  EXPECT_EQ(change["properties"]["capacity"]["exclusiveMinimum"], 0.0);
  EXPECT_EQ(edits["properties"]["scale_demand"]["default"], 1.0);

  // The bus service edits of the route-demand operations.
  const Json r = ekm::ops::Registry::global().at("mobility-route-demand").paramsSchema();
  const Json& service = r["properties"]["service_edits"]["properties"];
  for (const char* kind : {"add_routes", "remove_routes", "move_stops", "add_stops", "headways", "spans"})
    EXPECT_TRUE(service.contains(kind)) << kind;
  EXPECT_EQ(service["headways"]["items"]["required"], Json::array({"route_id", "headway_min"}));
  EXPECT_EQ(service["headways"]["items"]["properties"]["from"]["format"], "time-of-day");
  EXPECT_EQ(service["move_stops"]["items"]["properties"]["lat"]["maximum"], 90.0);
  EXPECT_EQ(service["add_stops"]["items"]["required"],
            Json::array({"route_id", "after", "stop_id", "lon", "lat"}));
  EXPECT_EQ(service["spans"]["items"]["additionalProperties"], false);

  // The scenario file's top-level "edits" is documented the same way.
  const Json file = ekm::scenario::scenarioSchema(ekm::ops::Registry::global());
  EXPECT_EQ(file["properties"]["edits"]["properties"]["add"], add);
}

TEST(NestedParams, BadNestedValuesNameTheirPath) {
  Json j = {{"edits", validEdits()}};
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "(no error)");

  j["edits"]["add"][2]["speed_kmh"] = 0;
  auto e = errorOf<ScenarioParams>(j);
  EXPECT_EQ(e.first, "edits.add[2].speed_kmh");
  EXPECT_EQ(e.second, "a value > 0");

  ParamSource scenario;
  scenario.file = "deck.json";
  scenario.prefix = "steps[1].params.";
  EXPECT_EQ(errorOf<ScenarioParams>(j, scenario).first, "steps[1].params.edits.add[2].speed_kmh");

  j = {{"edits", validEdits()}};
  j["edits"]["add"][1]["to"] = point(139.75, 95);  // latitude out of range
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.add[1].to");
  j["edits"]["add"][1]["to"] = "east";
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.add[1].to");
  j = {{"edits", validEdits()}};
  j["edits"]["add"][0].erase("from");
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.add[0].from");
  j = {{"edits", validEdits()}};
  j["edits"]["add"][0]["speed"] = 5;  // unknown key
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.add[0].speed");
  j = {{"edits", validEdits()}};
  j["edits"]["change"][0].erase("capacity");  // neither capacity nor speed
  e = errorOf<ScenarioParams>(j);
  EXPECT_EQ(e.first, "edits.change[0]");
  EXPECT_EQ(e.second, "capacity and/or speed_kmh");
  j = {{"edits", validEdits()}};
  j["edits"]["scale_demand"] = -1;
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.scale_demand");
  j = {{"edits", validEdits()}};
  j["edits"]["add"] = Json::object();
  e = errorOf<ScenarioParams>(j);
  EXPECT_EQ(e.first, "edits.add");
  EXPECT_EQ(e.second, "a list of objects");
  j = {{"edits", validEdits()}};
  j["edits"]["add"][1] = 3;
  EXPECT_EQ(errorOf<ScenarioParams>(j).first, "edits.add[1]");

  // Service edits.
  Json r = {{"route_id", "00007"},
            {"service_edits", {{"headways", Json::array({{{"route_id", "00007"}, {"headway_min", 10}},
                                                         {{"route_id", "00007"}, {"headway_min", 5}, {"from", "7am"}}})}}}};
  e = errorOf<RouteDemandParams>(r);
  EXPECT_EQ(e.first, "service_edits.headways[1].from");
  EXPECT_EQ(e.second, "HH:MM");
  r["service_edits"]["headways"][1]["from"] = "07:00";
  EXPECT_EQ(errorOf<RouteDemandParams>(r).first, "(no error)");
  r["service_edits"]["headways"][0]["headway_min"] = 0;
  e = errorOf<RouteDemandParams>(r);
  EXPECT_EQ(e.first, "service_edits.headways[0].headway_min");
  EXPECT_EQ(e.second, "a value > 0");
  r["service_edits"] = {{"move_stops", Json::array({{{"stop_id", "s1"}, {"lon", 139.7}}})}};
  EXPECT_EQ(errorOf<RouteDemandParams>(r).first, "service_edits.move_stops[0].lat");
}

// ops::run<Op> (docks, commands) refuses a bad nested value of a typed struct before any work:
// the session has no project, so an operation that started would fail on that instead.
TEST(NestedParams, TypedRunsRefuseBadNestedValuesBeforeAnyWork) {
  auto fieldOf = [](const ScenarioParams& p) -> std::string {
    ekm::ops::Session session;
    try {
      ekm::ops::run<ekm::demand::ScenarioOp>(session, p, ekm::core::nullFeedback());
    } catch (const ParamError& e) {
      return e.context().field;
    }
    return "(no error)";
  };
  const Json valid = {{"edits", validEdits()}, {"from", "2025-04-08T07:00+09:00"}, {"to", "2025-04-08T09:00+09:00"}};
  ScenarioParams p = ekm::ops::fromJson<ScenarioParams>(valid);
  EXPECT_EQ(fieldOf(p), "project");  // valid: reaches the operation
  p.edits.edits->add[1].capacity = -5;
  EXPECT_EQ(fieldOf(p), "edits.add[1].capacity");
  p = ekm::ops::fromJson<ScenarioParams>(valid);
  p.edits.edits->change[0].capacity.reset();
  EXPECT_EQ(fieldOf(p), "edits.change[0]");
}

TEST(NestedParams, JsonRoundTrips) {
  const auto p = ekm::ops::fromJson<ScenarioParams>({{"edits", validEdits()}});
  ASSERT_TRUE(p.edits.edits.has_value());
  const auto& e = *p.edits.edits;
  ASSERT_EQ(e.add.size(), 3u);
  EXPECT_EQ(e.add[0].name.value_or(""), "deck");
  EXPECT_FALSE(e.add[0].speed_kmh.has_value());
  EXPECT_DOUBLE_EQ(e.add[1].speed_kmh.value_or(0), 20);
  EXPECT_DOUBLE_EQ(e.add[1].to[1], 35.64);
  EXPECT_DOUBLE_EQ(e.scale_demand, 1.2);
  const Json once = ekm::ops::toJson(p);
  // What was given comes back as given; absent optional fields stay absent.
  EXPECT_EQ(once["edits"]["add"], validEdits()["add"]);
  EXPECT_EQ(once["edits"]["change"], validEdits()["change"]);
  EXPECT_EQ(once["edits"]["close"], validEdits()["close"]);
  EXPECT_EQ(ekm::ops::toJson(ekm::ops::fromJson<ScenarioParams>(once)), once);
  // The pipeline's edits and back.
  const auto pipeline = ekm::demand::scenarioEdits(e, "", "edits");
  EXPECT_EQ(pipeline.add[1].name, "added 2");
  EXPECT_DOUBLE_EQ(pipeline.change[0].capacity, 900);
  EXPECT_EQ(pipeline.change[0].speedKmh, 0);  // unchanged
  EXPECT_EQ(ekm::ops::toJson(ekm::demand::networkEdits(pipeline))["add"][0], validEdits()["add"][0]);

  const Json service = {{"headways", Json::array({{{"route_id", "00007"}, {"headway_min", 10}, {"from", "07:00"}}})},
                        {"add_stops", Json::array({{{"route_id", "00007"}, {"after", "a"}, {"stop_id", "n"},
                                                    {"lon", 139.73}, {"lat", 35.63}}})}};
  const auto r = ekm::ops::fromJson<RouteDemandParams>({{"service_edits", service}});
  const Json back = ekm::ops::toJson(r)["service_edits"];
  EXPECT_EQ(back["headways"], service["headways"]);
  EXPECT_EQ(back["add_stops"], service["add_stops"]);
  EXPECT_EQ(back["spans"], Json::array());
  EXPECT_EQ(ekm::ops::toJson(ekm::ops::fromJson<RouteDemandParams>(ekm::ops::toJson(r))), ekm::ops::toJson(r));
}

// Every scenario file of the samples stays valid: each step's params (with the file's
// defaults and edits) pass the registry's reader, and normalising twice changes nothing.
TEST(NestedParams, TheSampleScenarioFilesStayValid) {
  const std::filesystem::path dir = std::filesystem::path(EKM_TEST_DATA_DIR) / "../../data/samples/scenarios";
  int files = 0, nested = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    const auto s = ekm::scenario::loadScenario(entry.path().string());
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
      const auto* op = ekm::ops::Registry::global().find(s.steps[i].op);
      ASSERT_NE(op, nullptr) << entry.path() << " " << s.steps[i].op;
      const Json params = ekm::scenario::mergedParams(s, s.steps[i], op->fields());
      nested += params.contains("edits") || params.contains("service_edits");
      ParamSource src;
      src.file = entry.path().string();
      src.prefix = "steps[" + std::to_string(i) + "].params.";
      Json once;
      ASSERT_NO_THROW(once = op->normalise(params, src)) << entry.path() << " step " << i;
      EXPECT_EQ(op->normalise(once, src), once) << entry.path() << " step " << i;
    }
  }
  EXPECT_GE(files, 7);
  EXPECT_GE(nested, 4);  // deck_am's edits, bus_network_edits' service edits
}

}  // namespace
