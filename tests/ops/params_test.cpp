// Params reflection: the schema, the JSON reader's errors and the registry are all
// derived from one field list.
#include <gtest/gtest.h>

#include "ekm/demand/ops/assign_op.h"
#include "ekm/flow/compare_periods_op.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/session.h"
#include "ekm/sample/sample_op.h"

namespace {

using ekm::ops::Json;
using ekm::ops::ParamError;
using ekm::ops::ParamSource;
using ekm::flow::ComparePeriodsParams;

Json validCompare() { return {{"kind", "mesh-population"}, {"a", "2025-03-01..2025-03-07"}, {"b", "2025-04-01..2025-04-07"}}; }

// The error a bad document raises, or a failure when it raises none.
ekm::core::Error errorOf(const Json& j, const ParamSource& src = {}) {
  try {
    ekm::ops::fromJson<ComparePeriodsParams>(j, src);
  } catch (const ekm::core::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << j.dump();
  return ekm::core::Error(ekm::core::ErrorCode::Ok, "none");
}

TEST(Params, SchemaIsDerivedFromTheFields) {
  const Json s = ekm::ops::schemaOf<ComparePeriodsParams>("compare-periods");
  EXPECT_EQ(s["type"], "object");
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["required"], Json::array({"kind", "a", "b"}));
  EXPECT_EQ(s["properties"]["alpha"]["type"], "number");
  EXPECT_EQ(s["properties"]["alpha"]["default"], 0.05);
  EXPECT_EQ(s["properties"]["alpha"]["maximum"], 0.5);
  EXPECT_EQ(s["properties"]["bootstrap"]["type"], "integer");
  EXPECT_EQ(s["properties"]["kind"]["enum"].size(), 3u);
  EXPECT_EQ(s["properties"]["a"]["format"], "date-range");
  // An optional field has no default and is not required.
  EXPECT_FALSE(s["properties"]["mode"].contains("default"));
  EXPECT_EQ(s["properties"]["mode"]["type"], "string");
}

TEST(Params, DefaultsFillWhatIsNotGivenAndRoundTrip) {
  const auto p = ekm::ops::fromJson<ComparePeriodsParams>(validCompare());
  EXPECT_DOUBLE_EQ(p.alpha, 0.05);
  EXPECT_EQ(p.bootstrap, 2000);
  EXPECT_FALSE(p.mode.has_value());
  Json j = ekm::ops::toJson(p);
  EXPECT_FALSE(j.contains("mode"));  // absent optional stays absent
  j["mode"] = "vehicle";
  j["alpha"] = 0.1;
  const auto q = ekm::ops::fromJson<ComparePeriodsParams>(j);
  EXPECT_EQ(q.mode.value_or(""), "vehicle");
  EXPECT_DOUBLE_EQ(q.alpha, 0.1);
  EXPECT_EQ(ekm::ops::toJson(q), j);
}

TEST(Params, ErrorsNameTheFieldWhatWasExpectedAndWhatWasFound) {
  Json j = validCompare();
  j.erase("kind");
  auto e = errorOf(j);
  EXPECT_EQ(e.code(), ekm::core::ErrorCode::Usage);
  EXPECT_EQ(e.context().field, "kind");
  EXPECT_EQ(e.context().found, "nothing");

  j = validCompare();
  j["alpha"] = 0.9;
  e = errorOf(j);
  EXPECT_EQ(e.context().field, "alpha");
  EXPECT_EQ(e.context().expected, "a value in 1e-09..0.5");
  EXPECT_EQ(e.context().found, "0.9");

  j = validCompare();
  j["alpha"] = "high";
  e = errorOf(j);
  EXPECT_EQ(e.context().expected, "a number");
  EXPECT_EQ(e.context().found, "\"high\"");

  j = validCompare();
  j["bootstrap"] = 2.5;
  EXPECT_EQ(errorOf(j).context().expected, "an integer");

  j = validCompare();
  j["kind"] = "buses";
  e = errorOf(j);
  EXPECT_EQ(e.context().expected, "one of mesh-population|segment-counts|station-ridership");

  j = validCompare();
  j["alpah"] = 0.1;  // a typo is refused, not ignored
  e = errorOf(j);
  EXPECT_EQ(e.context().field, "alpah");
  EXPECT_NE(e.context().expected.find("alpha"), std::string::npos);

  j = validCompare();
  j["a"] = "March";  // cross-field/semantic check of the struct
  e = errorOf(j);
  EXPECT_EQ(e.context().field, "a");
}

TEST(Params, TheSourceDecidesHowTheFieldIsShown) {
  Json j = validCompare();
  j["alpha"] = 2;
  ParamSource scenario;
  scenario.file = "deck.json";
  scenario.prefix = "steps[1].params.";
  auto e = errorOf(j, scenario);
  EXPECT_EQ(e.context().file, "deck.json");
  EXPECT_EQ(e.context().field, "steps[1].params.alpha");
  ParamSource cli;
  cli.cliFlags = true;
  j = validCompare();
  j["bootstrap"] = "lots";  // CLI values arrive as text
  e = errorOf(j, cli);
  EXPECT_EQ(e.context().field, "--bootstrap");
  j["bootstrap"] = "500";
  EXPECT_EQ(ekm::ops::fromJson<ComparePeriodsParams>(j, cli).bootstrap, 500);
}

TEST(Registry, ListsEveryOperationOnceWithItsSchema) {
  const auto& r = ekm::ops::Registry::global();
  ASSERT_NE(r.find("compare-periods"), nullptr);
  ASSERT_NE(r.find("import"), nullptr);
  ASSERT_NE(r.find("sample"), nullptr);
  EXPECT_TRUE(r.find("import")->writesProject());
  EXPECT_FALSE(r.find("compare-periods")->writesProject());
  const Json d = r.describe();
  std::set<std::string> names;
  for (const auto& op : d["operations"]) {
    EXPECT_TRUE(names.insert(op["name"].get<std::string>()).second) << op["name"];
    EXPECT_FALSE(op["summary"].get<std::string>().empty()) << op["name"];
    EXPECT_EQ(op["params"]["type"], "object") << op["name"];
  }
  try {
    r.at("no-such-op");
    ADD_FAILURE() << "unknown operation accepted";
  } catch (const ParamError& e) {
    EXPECT_NE(e.context().expected.find("compare-periods"), std::string::npos);
  }
}

TEST(Registry, JsonParamsAndTypedParamsReachTheSameValidation) {
  const auto& op = *ekm::ops::Registry::global().find("sample");
  // Typed front ends call ops::run<Op>, which validates like the JSON path does.
  ekm::sample::SampleParams p;
  p.out = "/tmp/x";
  p.from = "2025-04-02";
  p.to = "2025-04-01";
  EXPECT_THROW(ekm::ops::validate(p), ParamError);
  EXPECT_THROW(op.normalise(ekm::ops::toJson(p), {}), ParamError);
  p.to = "2025-04-03";
  const Json n = op.normalise(ekm::ops::toJson(p), {});
  EXPECT_EQ(n["radius"], 1500.0);
  EXPECT_EQ(n["seed"], 1);
}

// ops::run<Op> (what docks and commands call) applies the JSON path's field checks to a typed
// struct: ranges, choices and required fields, each naming the field, before any work (the
// session here has no project: an operation that started would fail on that instead).
TEST(Registry, TypedRunsApplyTheFieldChecksOfTheJsonPath) {
  using ekm::flow::ComparePeriodsOp;
  auto fieldOf = [](const ComparePeriodsParams& p) -> std::string {
    ekm::ops::Session session;
    try {
      ekm::ops::run<ComparePeriodsOp>(session, p, ekm::core::nullFeedback());
    } catch (const ParamError& e) {
      return e.context().field;
    }
    return "(no error)";
  };
  const auto valid = ekm::ops::fromJson<ComparePeriodsParams>(validCompare());
  for (const auto& [key, bad] : std::vector<std::pair<std::string, Json>>{
           {"alpha", 7}, {"alpha", 0}, {"bootstrap", -1}, {"seed", -5}, {"kind", "buses"}}) {
    Json j = ekm::ops::toJson(valid);
    j[key] = bad;
    EXPECT_THROW(ekm::ops::fromJson<ComparePeriodsParams>(j), ParamError) << key << " " << bad.dump();
    // The same value in the typed struct: fromJson refuses it, so set it by hand.
    ComparePeriodsParams p = valid;
    if (key == "alpha") p.alpha = bad.get<double>();
    else if (key == "bootstrap") p.bootstrap = bad.get<std::int64_t>();
    else if (key == "seed") p.seed = bad.get<std::int64_t>();
    else p.kind = bad.get<std::string>();
    EXPECT_EQ(fieldOf(p), key) << bad.dump();
  }
  ComparePeriodsParams missing = valid;
  missing.kind.clear();  // required
  EXPECT_EQ(fieldOf(missing), "kind");
  // Valid params pass the checks and reach the operation, which then needs the project.
  EXPECT_EQ(fieldOf(valid), "project");
  // The Demand dock's struct (it calls AssignOp::run itself, after checkParams).
  ekm::demand::AssignParams assign;
  EXPECT_NO_THROW(ekm::ops::checkParams(assign));
  assign.assignment.threads = 2000;  // at most 1024
  try {
    ekm::ops::checkParams(assign);
    ADD_FAILURE() << "threads 2000 accepted";
  } catch (const ParamError& e) {
    EXPECT_EQ(e.context().field, "threads");
  }
}

}  // namespace
