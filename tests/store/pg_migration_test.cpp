// Schema versions of PostgreSQL projects: one written at version 7 (before the long views
// existed on PostgreSQL) is migrated forward when opened read-write, once even when two
// programs open it at the same time (its long views, UNIQUE constraints and indexes made);
// read-only it is refused with a clear error, as are
// newer versions and versions older than any PostgreSQL project. And the GeoPackage's 7 -> 8.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_version.h"
#include "store_fixture.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;
using store::OpenMode;
using store::Project;

std::string openError(const std::string& location, OpenMode mode) {
  try {
    Project::open(location, mode);
  } catch (const core::Error& e) {
    return e.what() + std::string(" ") + e.context().expected + " / " + e.context().found;
  }
  return {};
}

class PgMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string whyNot;
    m_server = store_test::sharedPgServer(whyNot);
    if (!m_server) GTEST_SKIP() << whyNot;
  }
  // A project as version 7 wrote it: the same tables, no long views.
  std::string version7Project(const std::string& schema) {
    {
      Project p = Project::create(m_server->location(schema));
      store_test::fillTyped(p);
    }
    m_server->psql("DROP VIEW \"" + schema + "\".mesh_population, \"" + schema + "\".segment_counts, \"" + schema +
                   "\".station_ridership, \"" + schema + "\".energy_weather_hourly, \"" + schema +
                   "\".energy_meter_hourly; UPDATE \"" + schema + "\".ekm_meta SET value = '7' WHERE key = 'schema_version'");
    // Version 7's copy made primary keys only.
    m_server->psql("DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM pg_indexes WHERE schemaname = '" +
                   schema + "' AND indexname NOT LIKE '%_pkey' LOOP EXECUTE 'DROP INDEX \"" + schema +
                   "\".' || quote_ident(r.indexname); END LOOP; END $$");
    return m_server->location(schema);
  }
  std::string indexes(const std::string& schema) {
    return m_server->psql("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema +
                          "' AND indexname NOT LIKE '%_pkey'");
  }
  std::string views(const std::string& schema) {
    return m_server->psql("SELECT count(*) FROM information_schema.views WHERE table_schema = '" + schema + "'");
  }
  ekm_test::PgServer* m_server = nullptr;
};

TEST_F(PgMigration, Version7IsMigratedWhenOpenedReadWrite) {
  const std::string location = version7Project("mig_v7");
  ASSERT_EQ(views("mig_v7"), "0");
  ASSERT_EQ(indexes("mig_v7"), "0");
  const auto e = openError(location, OpenMode::ReadOnly);
  EXPECT_NE(e.find("older schema"), std::string::npos) << e;
  EXPECT_EQ(views("mig_v7"), "0");  // a refused open changes nothing
  {
    Project p = Project::open(location);
    EXPECT_EQ(p.schemaVersion(), store::kProjectSchemaVersion);
    EXPECT_EQ(p.meta("schema_version").value_or(""), std::to_string(store::kProjectSchemaVersion));
    EXPECT_EQ(p.meshPopulationSeries(3, fixture::kT0, fixture::kT0 + 47).at(7).value, 307);
  }
  EXPECT_EQ(views("mig_v7"), "5");
  // The UNIQUE constraints and indexes of a project made now, and they hold.
  Project::create(m_server->location("mig_fresh"));
  EXPECT_EQ(indexes("mig_v7"), indexes("mig_fresh"));
  EXPECT_GE(std::stoi(indexes("mig_v7")), 5);
  EXPECT_ANY_THROW(m_server->psql("INSERT INTO mig_v7.mesh_cells (fid, mesh_code, level) SELECT 99, mesh_code, level "
                                  "FROM mig_v7.mesh_cells WHERE fid = 1"));
  // 3 cells x 2 breakdowns x 48 hours, the two missing values (cell 2 at hour 5) included.
  EXPECT_EQ(m_server->psql("SELECT count(*), count(population) FROM mig_v7.mesh_population"), "288|286");
  Project ro = Project::open(location, OpenMode::ReadOnly);
  EXPECT_EQ(ro.schemaVersion(), store::kProjectSchemaVersion);
}

TEST_F(PgMigration, TwoProgramsOpeningAtOnceMigrateOnce) {
  const std::string location = version7Project("mig_two");
  std::string errors[2];
  std::thread a([&] { errors[0] = openError(location, OpenMode::ReadWrite); });
  std::thread b([&] { errors[1] = openError(location, OpenMode::ReadWrite); });
  a.join();
  b.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  EXPECT_EQ(views("mig_two"), "5");
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM mig_two.ekm_meta WHERE key = 'schema_version'"), "1");
}

TEST_F(PgMigration, NewerOlderThanPostgresAndInvalidVersionsAreRefused) {
  const std::string location = m_server->location("mig_bad");
  Project::create(location);
  auto setVersion = [&](const std::string& v) {
    m_server->psql("UPDATE mig_bad.ekm_meta SET value = '" + v + "' WHERE key = 'schema_version'");
  };
  setVersion(std::to_string(store::kProjectSchemaVersion + 1));
  EXPECT_NE(openError(location, OpenMode::ReadWrite).find("newer"), std::string::npos);
  EXPECT_NE(openError(location, OpenMode::ReadOnly).find("newer"), std::string::npos);
  setVersion("6");  // GeoPackages at 6 exist; PostgreSQL projects never were
  const auto e = openError(location, OpenMode::ReadWrite);
  EXPECT_NE(e.find("no PostgreSQL project"), std::string::npos) << e;
  setVersion("seven");
  EXPECT_NE(openError(location, OpenMode::ReadWrite).find("schema_version"), std::string::npos);
  EXPECT_EQ(m_server->psql("SELECT value FROM mig_bad.ekm_meta WHERE key = 'schema_version'"), "seven");
}

TEST(GpkgMigration, Version7IsMigratedTo8WithItsViews) {
  ekm_test::TempDir dir;
  const auto path = dir.str("v7.gpkg");
  {
    Project p = Project::create(path);
    store_test::fillTyped(p);
    p.setMeta("schema_version", "7");
  }
  Project p = Project::open(path);
  EXPECT_EQ(p.schemaVersion(), store::kProjectSchemaVersion);
  EXPECT_EQ(p.meta("schema_version").value_or(""), std::to_string(store::kProjectSchemaVersion));
  fixture::Stmt st(ekm_test::sql(p), "SELECT count(*), count(population) FROM mesh_population");
  ASSERT_EQ(sqlite3_step(st.st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st.st, 0), 288);
  EXPECT_EQ(sqlite3_column_int(st.st, 1), 286);
}

}  // namespace
