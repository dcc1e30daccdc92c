// GeoPackage -> PostgreSQL/PostGIS -> GeoPackage: every table comes back with every value
// (geometries compared as WKB, which PostGIS stored as real geometry), PostGIS sees real
// geometries in EPSG:4326, and a refused or failed copy leaves no destination behind.
// Runs against a throwaway server (tests/support/pg_server.h); skipped where PostgreSQL 15 or
// PostGIS is not installed (scripts/setup-deps.sh installs both).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "support/energy_project.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;

const std::string kData = EKM_TEST_DATA_DIR;

// Every row of every table of a project (GeoPackage catalogue and R-trees aside) as text; a
// GeoPackage geometry is reduced to its WKB (the header's envelope is optional).
std::map<std::string, std::vector<std::string>> dump(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'gpkg%' "
                     "AND name NOT LIKE 'rtree%' AND name NOT LIKE 'sqlite%' ORDER BY name",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& t : tables) {
    sqlite3_prepare_v2(db, ("SELECT * FROM \"" + t + "\"").c_str(), -1, &st, nullptr);
    auto& rows = out[t];
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const int type = sqlite3_column_type(st, c);
        row += std::to_string(type) + ":";
        if (type == SQLITE_BLOB) {
          const auto* b = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
          std::size_t n = static_cast<std::size_t>(sqlite3_column_bytes(st, c)), skip = 0;
          if (n >= 8 && b[0] == 'G' && b[1] == 'P') {  // GeoPackage header: 8 bytes + envelope
            static const std::size_t envelope[] = {0, 32, 48, 48, 64};
            skip = 8 + envelope[(b[3] >> 1) & 7];
          }
          for (std::size_t i = skip; i < n; ++i) row += "0123456789abcdef"[b[i] >> 4], row += "0123456789abcdef"[b[i] & 15];
        } else if (type == SQLITE_FLOAT) {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(st, c));
          row += buf;
        } else if (type != SQLITE_NULL) {
          row += reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        }
        row += "|";
      }
      rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

class ProjectCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string whyNot;
    m_server = ekm_test::PgServer::start(whyNot);
    if (!m_server) GTEST_SKIP() << whyNot;
    // A project with features of every geometry kind, series, GTFS text and run-free metadata.
    m_source = m_dir.str("source.gpkg");
    ekm_test::writeSmallEnergyProject(m_source);
    store::Project p = store::Project::open(m_source);
    io::importFile(p, io::ImportKind::Stations, kData + "/io/stations.csv", {}, core::nullFeedback());
    io::importFile(p, io::ImportKind::MeshPopulation, kData + "/io/mesh_utf8.csv", {}, core::nullFeedback());
    io::importGtfs(p, kData + "/gtfs/jp_small", {}, core::nullFeedback());
  }
  ekm_test::TempDir m_dir{"pgcopy"};
  std::unique_ptr<ekm_test::PgServer> m_server;
  std::string m_source;
};

TEST_F(ProjectCopyTest, RoundTripKeepsEveryValue) {
  const auto toPg = store::copyProject(m_source, m_server->location("team_a"), core::nullFeedback());
  EXPECT_TRUE(toPg.toPostgres);
  EXPECT_GT(toPg.rows, 300);
  // PostGIS holds real geometries in EPSG:4326 (what QGIS reads), not blobs.
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM team_a.stations WHERE ST_SRID(geom) = 4326 AND "
                           "GeometryType(geom) = 'POINT'"),
            m_server->psql("SELECT count(*) FROM team_a.stations"));
  EXPECT_NE(m_server->psql("SELECT count(*) FROM team_a.stations"), "0");
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM team_a.mesh_cells WHERE NOT ST_IsValid(geom)"), "0");

  const std::string back = m_dir.str("back.gpkg");
  const auto toGpkg = store::copyProject(m_server->location("team_a"), back, core::nullFeedback());
  EXPECT_FALSE(toGpkg.toPostgres);
  EXPECT_EQ(toGpkg.rows, toPg.rows);
  const auto before = dump(m_source), after = dump(back);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.count(table)) << table;
    EXPECT_EQ(after.at(table), rows) << table;
  }
  // The copy is a working project: it opens and reads its series.
  store::Project reopened = store::Project::open(back, store::OpenMode::ReadOnly);
  EXPECT_FALSE(reopened.stations().empty());
}

TEST_F(ProjectCopyTest, NeverOverwritesAndLeavesNothingOnFailure) {
  store::copyProject(m_source, m_server->location("team_b"), core::nullFeedback());
  // A schema with tables is refused, and the refused copy changed nothing in it.
  const std::string count = m_server->psql("SELECT count(*) FROM team_b.ekm_pg_columns");
  EXPECT_THROW(store::copyProject(m_source, m_server->location("team_b"), core::nullFeedback()), core::Error);
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM team_b.ekm_pg_columns"), count);
  // An existing file is never overwritten.
  const std::string existing = m_dir.write("existing.gpkg", "keep me");
  EXPECT_THROW(store::copyProject(m_server->location("team_b"), existing, core::nullFeedback()), core::Error);
  EXPECT_EQ(ekm_test::readFile(existing), "keep me");
  // A cancelled copy to PostgreSQL leaves no schema tables behind (one transaction).
  core::Feedback cancelled;
  cancelled.cancel();
  EXPECT_THROW(store::copyProject(m_source, m_server->location("team_c"), cancelled), core::CancelledError);
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'team_c'"), "0");
  // A cancelled copy back leaves no file.
  const std::string back = m_dir.str("cancelled.gpkg");
  EXPECT_THROW(store::copyProject(m_server->location("team_b"), back, cancelled), core::CancelledError);
  EXPECT_FALSE(std::filesystem::exists(back));
  EXPECT_FALSE(std::filesystem::exists(back + ".part"));
  // Two GeoPackages or two PostgreSQL locations are not a copy this command makes.
  EXPECT_THROW(store::copyProject(m_source, m_dir.str("other.gpkg"), core::nullFeedback()), core::Error);
}

TEST(ProjectCopyLocation, RecognisesPostgresLocations) {
  EXPECT_TRUE(store::isPostgresLocation("postgresql://ekm@db.example:5432/planning?schema=takanawa"));
  EXPECT_TRUE(store::isPostgresLocation("postgres://db/planning"));
  EXPECT_TRUE(store::isPostgresLocation("service=ekm schema=shinagawa"));
  EXPECT_TRUE(store::isPostgresLocation("host=/tmp port=5432 dbname=x"));
  EXPECT_FALSE(store::isPostgresLocation("/home/planner/takanawa.gpkg"));
  EXPECT_FALSE(store::isPostgresLocation("projects/service=1.gpkg"));
}

}  // namespace
