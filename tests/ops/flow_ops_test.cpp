// The flow operations profile, catchment, xcorr, agreement and linked: run through the
// registry with JSON params they give what the CLI commands print for the same inputs on a
// small sample project; a bad parameter is reported with its field; two scenario runs of
// them compare table by table.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ekm/core/feedback.h"
#include "ekm/ops/registry.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using Json = nlohmann::ordered_json;
using ekm_test::cli;
using ekm_test::cliArgs;
using ekm_test::quote;

class FlowOps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("flow_ops");
    const auto r = cli("sample --out " + quote(s_dir->str("d")) + " --from 2025-03-20 --to 2025-04-02 --radius 200 --quiet");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    s_project = s_dir->str("d/sample.gpkg");
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  // The operation through the registry, as the scenario runner and `ops run` call it.
  static ekm::ops::OpResult viaRegistry(const std::string& op, const Json& params,
                                        ekm::ops::Session* session = nullptr) {
    ekm::ops::Session own(s_project);
    return ekm::ops::Registry::global().at(op).run(session ? *session : own, params, ekm::core::nullFeedback());
  }
  // The CLI command's JSON output.
  static Json viaCli(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--project", s_project});
    args.insert(args.end(), {"--format", "json", "--quiet"});
    const auto r = cliArgs(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.exitCode == 0 ? Json::parse(r.out) : Json();
  }
  // The field a bad parameter is reported with.
  static std::string badField(const std::string& op, const Json& params) {
    try {
      viaRegistry(op, params);
    } catch (const ekm::ops::ParamError& e) {
      return e.context().field;
    }
    ADD_FAILURE() << op << ": no ParamError for " << params.dump();
    return "";
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project;
};

void expectSame(const Json& a, const Json& b, const std::string& what) {
  if (a.is_number() && b.is_number())
    EXPECT_DOUBLE_EQ(a.get<double>(), b.get<double>()) << what;
  else
    EXPECT_EQ(a, b) << what;
}

TEST_F(FlowOps, AreRegisteredWithTheirSchemas) {
  for (const char* name : {"profile", "catchment", "xcorr", "agreement", "linked"})
    ASSERT_NE(ekm::ops::Registry::global().find(name), nullptr) << name;
  const Json s = ekm::ops::Registry::global().at("profile").paramsSchema();
  EXPECT_EQ(s["properties"]["by"]["default"], "daytype");
  EXPECT_TRUE(s["properties"].contains("cell"));
  EXPECT_EQ(s["properties"]["from"]["format"], "date");
  const Json l = ekm::ops::Registry::global().at("linked").paramsSchema();
  EXPECT_EQ(l["properties"]["zone"]["type"], "array");
  EXPECT_FALSE(ekm::ops::Registry::global().at("linked").writesProject());
}

TEST_F(FlowOps, ProfileEqualsTheCli) {
  ekm::ops::Session session(s_project);
  const auto r = viaRegistry("profile", {{"station", "takanawa-gateway"}, {"by", "daytype"}}, &session);
  EXPECT_TRUE(session.tablesRead().count("station_ridership"));
  const Json c = viaCli({"profile", "--station", "takanawa-gateway", "--by", "daytype"});
  const auto* t = r.table("profile");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->columns[7], "h00");
  EXPECT_EQ(t->columns.back(), "h23");
  ASSERT_EQ(t->rows.size(), c["profiles"].size());
  ASSERT_EQ(t->rows.size(), 3u);
  for (std::size_t g = 0; g < t->rows.size(); ++g) {
    const auto& row = t->rows[g];
    const Json& p = c["profiles"][g];
    EXPECT_EQ(row[0], p["group"]);
    EXPECT_EQ(row[1], p["hours_present"]);
    expectSame(row[4], p["total"], "total");
    expectSame(row[6], p["mean_daily_total"], "mean_daily_total");
    for (int h = 0; h < 24; ++h) expectSame(row[7 + h], p["hourly_mean"][h], "h" + std::to_string(h));
  }
  EXPECT_EQ(r.summary["kind"], c["kind"]);
  EXPECT_EQ(r.summary["calendar"], c["calendar"]);
  // A zone of cells by a coarser code, per ISO week, in a window: the same both ways.
  const auto z = viaRegistry("profile", {{"cell", "533935691"}, {"by", "week"}, {"from", "2025-03-24"}});
  const Json cz = viaCli({"profile", "--cell", "533935691", "--by", "week", "--from", "2025-03-24"});
  ASSERT_EQ(z.tables[0].rows.size(), cz["profiles"].size());
  for (std::size_t g = 0; g < cz["profiles"].size(); ++g)
    for (int h = 0; h < 24; ++h) expectSame(z.tables[0].rows[g][7 + h], cz["profiles"][g]["hourly_mean"][h], "zone");
}

TEST_F(FlowOps, LinkingViewsEqualTheCli) {
  const auto catchment = viaRegistry("catchment", {{"station", "takanawa-gateway"}, {"radius", 300}});
  const Json cc = viaCli({"profile", "--station", "takanawa-gateway", "--catchment", "300"});
  ASSERT_EQ(catchment.tables[0].rows.size(), cc["cells"].size());
  ASSERT_FALSE(cc["cells"].empty());
  EXPECT_EQ(catchment.tables[0].geometry, "cell");
  for (std::size_t i = 0; i < cc["cells"].size(); ++i) {
    EXPECT_EQ(catchment.tables[0].rows[i][0], cc["cells"][i]["cell"]);
    expectSame(catchment.tables[0].rows[i][1], cc["cells"][i]["distance_m"], "distance");
  }

  const auto xcorr = viaRegistry("xcorr", {{"station", "takanawa-gateway"}, {"with", "cell:53393569123"}, {"max_lag", 3}});
  const Json cx = viaCli({"profile", "--station", "takanawa-gateway", "--xcorr", "cell:53393569123", "--max-lag", "3"});
  ASSERT_EQ(xcorr.tables[0].rows.size(), 7u);
  ASSERT_EQ(cx["lags"].size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(xcorr.tables[0].rows[i][0], cx["lags"][i]["lag_h"]);
    expectSame(xcorr.tables[0].rows[i][1], cx["lags"][i]["r"], "r");
  }
  EXPECT_EQ(xcorr.summary["best_lag_h"], cx["best_lag_h"]);

  const auto agreement = viaRegistry("agreement", {{"kind", "station-ridership"}});
  const Json ca = viaCli({"profile", "--agreement", "station-ridership"});
  ASSERT_EQ(agreement.tables[0].rows.size(), ca["features"].size());
  ASSERT_FALSE(ca["features"].empty());
  EXPECT_EQ(agreement.tables[0].geometry, "station");
  for (std::size_t i = 0; i < ca["features"].size(); ++i) {
    EXPECT_EQ(agreement.tables[0].rows[i][0], ca["features"][i]["feature"]);
    expectSame(agreement.tables[0].rows[i][2], ca["features"][i]["correlation"], "correlation");
    EXPECT_EQ(agreement.tables[0].rows[i][4], ca["features"][i]["flagged"]);
  }
}

TEST_F(FlowOps, LinkedEqualsTheCli) {
  const auto r = viaRegistry("linked", {{"zone", Json::array({"53393569111", "53393569112"})}, {"by", "day"}});
  const Json c = viaCli({"linked", "--zone", "53393569111,53393569112", "--by", "day"});
  EXPECT_EQ(r.summary["cells"], c["cells"].size());
  const auto* t = r.table("linked");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), c["rows"].size());
  ASSERT_EQ(t->rows.size(), 14u);
  for (std::size_t i = 0; i < t->rows.size(); ++i)
    for (std::size_t k = 0; k < t->columns.size(); ++k)
      expectSame(t->rows[i][k], c["rows"][i][t->columns[k]], t->columns[k]);
  const auto station = viaRegistry("linked", {{"station", "takanawa-gateway"}, {"radius", 150},
                                              {"from", "2025-03-26"}, {"to", "2025-03-27"}});
  EXPECT_EQ(station.tables[0].rows.size(), 48u);
  EXPECT_EQ(station.summary["stations"], 1);
}

TEST_F(FlowOps, BadParamsNameTheirField) {
  EXPECT_EQ(badField("profile", {{"station", "takanawa-gateway"}, {"cell", "53393569111"}}), "station");
  EXPECT_EQ(badField("profile", Json::object()), "cell/segment/station");
  EXPECT_EQ(badField("profile", {{"station", "takanawa-gateway"}, {"by", "year"}}), "by");
  EXPECT_EQ(badField("profile", {{"station", "takanawa-gateway"}, {"from", "2025-13-01"}}), "from");
  EXPECT_EQ(badField("profile", {{"station", "takanawa-gateway"}, {"calendar", "mars"}}), "calendar");
  EXPECT_EQ(badField("catchment", {{"station", "takanawa-gateway"}, {"radius", 0}}), "radius");
  EXPECT_EQ(badField("catchment", {{"radius", 300}}), "station");
  EXPECT_EQ(badField("xcorr", {{"station", "takanawa-gateway"}, {"with", "cell53393569123"}}), "with");
  EXPECT_EQ(badField("xcorr", {{"station", "takanawa-gateway"}, {"with", "bus:1"}}), "with");
  EXPECT_EQ(badField("agreement", {{"kind", "buses"}}), "kind");
  EXPECT_EQ(badField("linked", {{"district", true}, {"radius", 100}}), "radius");
  EXPECT_EQ(badField("linked", {{"district", true}, {"zone", Json::array({"5339"})}}), "district");
  EXPECT_EQ(badField("linked", {{"district", true}, {"by", "week"}}), "by");
  // On the command line the error names the flag as given (--catchment is the field radius).
  auto r = cliArgs({"profile", "--project", s_project, "--station", "takanawa-gateway", "--catchment", "0"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--catchment"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("--radius"), std::string::npos) << r.err;
  r = cliArgs({"profile", "--project", s_project, "--station", "takanawa-gateway", "--xcorr", "bus:1"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--xcorr"), std::string::npos) << r.err;
  r = cliArgs({"linked", "--project", s_project, "--district", "--by", "week"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("--by"), std::string::npos) << r.err;
}

TEST_F(FlowOps, TwoScenarioRunsCompare) {
  auto scenario = [&](const std::string& name, const std::string& from, const std::string& to) {
    return s_dir->write(name + ".json", R"({"scenario": ")" + name + R"(", "project": "d/sample.gpkg",
      "base_period": {"from": ")" + from + R"(", "to": ")" + to + R"("},
      "steps": [{"id": "tg", "op": "profile", "params": {"station": "takanawa-gateway"}},
                {"id": "near", "op": "linked", "params": {"station": "takanawa-gateway", "by": "day"}},
                {"id": "agree", "op": "agreement", "params": {"kind": "mesh-population"}}]})");
  };
  const std::string before = scenario("before", "2025-03-20", "2025-03-26");
  const std::string after = scenario("after", "2025-03-27", "2025-04-02");
  auto r = cli("run " + quote(before) + " " + quote(after) + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = cli("runs show --project " + quote(s_project) + " after", ekm_test::Streams::Separate);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Json show = Json::parse(r.out);
  EXPECT_EQ(show["steps"][0]["params"]["from"], "2025-03-27");
  r = cli("compare --project " + quote(s_project) + " before after --out " + quote(s_dir->str("diff")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("tg / profile"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("near / linked"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("agree / agreement"), std::string::npos) << r.out;
}

}  // namespace
