// The energy operations on a PostgreSQL project: the small energy project
// (support/energy_project.h) written by the store's writers into a GeoPackage and into a
// PostgreSQL schema (a throwaway server; skipped when PostgreSQL 15 + PostGIS are absent)
// gives the same energy-fit, energy-forecast and energy-verify results on both.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/ops/registry.h"
#include "support/energy_project.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;
using ops::Json;

class EnergyOpsBackends : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_server = ekm_test::PgServer::start(s_whyNot);
    if (!s_server) return;
    s_dir = std::make_unique<ekm_test::TempDir>("energy_ops_backends");
    s_gpkg = s_dir->str("energy.gpkg");
    s_pg = s_server->location("energy_ops");
    ekm_test::writeSmallEnergyProject(s_gpkg);
    ekm_test::writeSmallEnergyProject(s_pg);
  }
  static void TearDownTestSuite() {
    s_dir.reset();
    s_server.reset();
  }
  void SetUp() override {
    if (!s_server) GTEST_SKIP() << s_whyNot;
  }

  static Json run(const std::string& location, const std::string& op, const Json& params) {
    ops::Session session(location);
    core::Feedback fb;
    return ops::toJson(ops::Registry::global().at(op).run(session, params, fb));
  }
  static void expectSame(const std::string& op, const Json& params) {
    const Json a = run(s_gpkg, op, params), b = run(s_pg, op, params);
    ASSERT_TRUE(a.contains("summary")) << a.dump();
    EXPECT_FALSE(a["summary"].empty());
    EXPECT_EQ(a, b) << op;
  }

  static inline std::unique_ptr<ekm_test::PgServer> s_server;
  static inline std::string s_whyNot;
  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_gpkg, s_pg;
};

TEST_F(EnergyOpsBackends, FitGivesTheSameResult) {
  const Json fit = run(s_pg, "energy-fit", {{"building", "B1"}, {"from", "2025-07-01"}, {"to", "2025-08-10"}});
  EXPECT_GT(fit["summary"]["hours"].get<int>(), 30 * 24);
  expectSame("energy-fit", {{"building", "B1"}, {"from", "2025-07-01"}, {"to", "2025-08-10"}});
  expectSame("energy-fit", {{"building", "B2"}, {"meter", "heating"}, {"from", "2025-07-01"}, {"to", "2025-08-10"}});
}

TEST_F(EnergyOpsBackends, ForecastAndVerifyGiveTheSameResults) {
  expectSame("energy-forecast", {{"building", "B1"}, {"from", "2025-07-01"}, {"to", "2025-08-05"}, {"horizon_days", 3}});
  expectSame("energy-verify", {{"building", "B2"}, {"from", "2025-07-01"}, {"change", "2025-08-01"}});
}

}  // namespace
