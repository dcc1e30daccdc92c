// End-to-end: `ekimachi-cli import ngsi-ld`, `citylink pull` and `citylink push` (exit codes,
// the match report, the token never on the command line).
#include <gtest/gtest.h>

#include "citylink_fixture.h"
#include "support/cli_runner.h"

using namespace citylink_test;
using ekm_test::cliArgs;

namespace {

class CliCitylink : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("p.gpkg");
    makeProject(m_path);
  }
  ekm_test::TempDir m_dir{"clicity"};
  std::string m_path;
};

TEST_F(CliCitylink, ImportNgsiLdPrintsTheMatchReport) {
  const auto r = cliArgs({"import", "--project", m_path, "ngsi-ld", kData + "crowd_normalized.jsonld"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("imported ngsi-ld: 3 rows read, 3 stored"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("match: urn:ngsi-ld:CrowdFlowObserved:takanawa-cam-02 -> segment tg-west-st by nearest at 1.8 m"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("-> station takanawa-gateway by refStation"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 of 3 hours are only partly observed"), std::string::npos) << r.err;
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM segment_counts"), 2);
  // The partly observed hour is listed with the counts and flagged in the store.
  EXPECT_NE(r.out.find("partial hour "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" of 3600 s observed"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM partial_hours"), 1);
}

TEST_F(CliCitylink, ImportErrorsExitWithTheirCodeAndStoreNothing) {
  auto r = cliArgs({"import", "--project", m_path, "ngsi-ld", kData + "crowd_normalized.jsonld", "--match", "nearest",
                    "--max-distance-m", "1", "--quiet"});
  EXPECT_EQ(r.exitCode, 5) << r.out << r.err;
  // Nearest only: cam-01's point is 1.1 m from the deck, too far for 1 m.
  EXPECT_NE(r.err.find("entity urn:ngsi-ld:CrowdFlowObserved:takanawa-cam-01, attribute location"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nearest segment tg-deck-n at 1.1 m"), std::string::npos) << r.err;
  r = cliArgs({"import", "--project", m_path, "ngsi-ld", kData + "crowd_normalized.jsonld", "--match", "closest"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  r = cliArgs({"import", "--project", m_path, "ngsi-ld", kData + "sdm/ItemFlowObserved-example.jsonld"});
  EXPECT_EQ(r.exitCode, 5) << r.err;
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM segment_counts") + scalar(m_path, "SELECT COUNT(*) FROM ekm_import_log WHERE kind LIKE 'ngsi%'"),
            0);
}

TEST_F(CliCitylink, PullAndPushThroughTheVerbGroup) {
  FakeBroker broker(m_dir);
  ASSERT_FALSE(broker.url().empty());
  // The token is never a flag.
  auto r = cliArgs({"citylink", "pull", "--project", m_path, "--broker", broker.url(), "--token", "secret-token"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  const std::string config = m_dir.write("citylink.json", R"({"token": "secret-token"})");
  r = cliArgs({"citylink", "pull", "--project", m_path, "--broker", broker.url(), "--tenant", "auth", "--config", config,
               "--page-size", "2", "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("entities: 5"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pages: 3"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM ekm_import_log WHERE kind = 'ngsi-ld-pull'"), 1);
  // The plain output carries the match report: one row per entity with its segment.
  EXPECT_NE(r.out.find("matches (5 rows):"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("urn:ngsi-ld:CrowdFlowObserved:broker-cam-04"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("route15-a"), std::string::npos) << r.out;
  // A broken tenant: exit 3 (I/O), the broker's explanation in the message.
  r = cliArgs({"citylink", "pull", "--project", m_path, "--broker", broker.url(), "--tenant", "broken", "--quiet"});
  EXPECT_EQ(r.exitCode, 3) << r.err;
  EXPECT_NE(r.err.find("unknown in this tenant"), std::string::npos) << r.err;
  // Nothing listens: a network error (exit 14), naming the broker's URL.
  r = cliArgs({"citylink", "pull", "--project", m_path, "--broker", "http://127.0.0.1:9", "--retries", "0", "--quiet"});
  EXPECT_EQ(r.exitCode, 14) << r.out << r.err;
  EXPECT_NE(r.err.find("http://127.0.0.1:9/ngsi-ld/v1/entities"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot reach the broker"), std::string::npos) << r.err;
  // The exit codes are in the group's help.
  r = cliArgs({"citylink", "--help"});
  EXPECT_NE(r.out.find("14 network"), std::string::npos) << r.out;
  // Push: a dry run prints the entities, --out writes them.
  const std::string csv = m_dir.write("f.csv",
                                      "series,model,datetime,forecast,lo80,hi80\n"
                                      "tg-deck-n,profile,2025-04-10T08:00+09:00,52.4,30,70\n");
  r = cliArgs({"citylink", "push", "--project", m_path, "--forecast-csv", csv, "--dry-run", "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["summary"]["entities"], 1);
  EXPECT_EQ(j["summary"]["sample"][0]["type"], "CrowdFlowForecast");
  const std::string out = m_dir.str("f.jsonld");
  r = cliArgs({"citylink", "push", "--project", m_path, "--forecast-csv", csv, "--out", out});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(ekm_test::readFile(out)).size(), 1u);
  // Nowhere to publish: a usage error.
  r = cliArgs({"citylink", "push", "--project", m_path, "--forecast-csv", csv});
  EXPECT_EQ(r.exitCode, 2) << r.err;
}

}  // namespace
