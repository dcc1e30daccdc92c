// open(): foreign, damaged and old/new files give StoreError (never a crash).
#include <gtest/gtest.h>

#include <random>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/catalog.h"
#include "ekm/store/project.h"
#include "ekm/store/schema_upgrade.h"
#include "ekm/store/schema_version.h"
#include "store_fixture.h"
#include "v5_layout.h"
#include "store_test_util.h"

using namespace ekm;
using namespace ekm::store;
using ekm_test::readFile;
using ekm_test::writeFile;

namespace {

std::string openError(const std::string& path, OpenMode mode = OpenMode::ReadWrite) {
  try {
    Project p = Project::open(path, mode);
    // Even if open succeeds on a damaged file, every read must fail cleanly or succeed.
    p.meshCells();
    p.segments();
    p.stations();
    p.meshPopulationSlice(fixture::kT0);
    p.meshPopulationSeries(1, fixture::kT0, fixture::kT0 + 100);
    p.timeRange("mesh_population");
    p.rowCount("mesh_population");
    p.importLog();
    p.basemapFeatures();
    // Every registered table, counted (a count visits every page of the table).
    for (const auto& table : contents(p)) p.rowCount(table.name);
    return "";
  } catch (const core::StoreError& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Store);
    return e.what();
  }
}

// A filled project checkpointed into the main file (no -wal left), returned as bytes.
std::string projectBytes(const TempDir& dir) {
  const auto path = dir.str("src.gpkg");
  {
    Project p = Project::create(path);
    fixture::fill(p);
    exec(ekm_test::sql(p), "PRAGMA journal_mode = DELETE");
  }
  return readFile(path);
}

}  // namespace

TEST(ProjectOpen, MissingFileAndDirectory) {
  TempDir dir;
  const auto missing = openError(dir.str("nope.gpkg"));
  EXPECT_NE(missing.find("does not exist"), std::string::npos) << missing;
  EXPECT_NE(missing.find("nope.gpkg"), std::string::npos) << missing;
  const auto d = openError(dir.path().string());
  EXPECT_NE(d.find("directory"), std::string::npos) << d;
}

TEST(ProjectOpen, ZeroLengthFile) {
  TempDir dir;
  const auto path = dir.str("zero.gpkg");
  writeFile(path, "");
  const auto e = openError(path);
  EXPECT_NE(e.find("empty"), std::string::npos) << e;
  EXPECT_NE(e.find("zero.gpkg"), std::string::npos) << e;
}

TEST(ProjectOpen, RandomBytesAndText) {
  TempDir dir;
  const auto path = dir.str("random.gpkg");
  std::mt19937 rng(42);
  std::string bytes(64 * 1024, '\0');
  for (auto& c : bytes) c = static_cast<char>(rng());
  writeFile(path, bytes);
  auto e = openError(path);
  EXPECT_NE(e.find("not an SQLite"), std::string::npos) << e;
  EXPECT_NE(e.find("random.gpkg"), std::string::npos) << e;
  writeFile(path, "mesh_code,date,hour,population\n533935772,2025-03-27,8,12\n");
  e = openError(path);
  EXPECT_NE(e.find("not an SQLite"), std::string::npos) << e;
}

TEST(ProjectOpen, SqliteButNotGeoPackage) {
  TempDir dir;
  const auto path = dir.str("plain.sqlite");
  const auto r = ekm_test::run("sqlite3 " + ekm_test::quote(path) + " 'CREATE TABLE t (a INTEGER)'");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto e = openError(path);
  EXPECT_NE(e.find("not a GeoPackage"), std::string::npos) << e;
}

TEST(ProjectOpen, GeoPackageButNotEkimachi) {
  TempDir dir;
  const auto path = dir.str("foreign.gpkg");
  const auto r = ekm_test::run("ogr2ogr -f GPKG " + ekm_test::quote(path) +
                               " '" EKM_TEST_DATA_DIR "/store/two_points.geojson'");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto e = openError(path);
  EXPECT_NE(e.find("not an Ekimachi project"), std::string::npos) << e;
}

TEST(ProjectOpen, TruncatedFiles) {
  TempDir dir;
  const std::string bytes = projectBytes(dir);
  ASSERT_GT(bytes.size(), 8192u);
  const auto path = dir.str("trunc.gpkg");
  for (std::size_t keep : {std::size_t{50}, std::size_t{100}, std::size_t{1000}, std::size_t{4096},
                           bytes.size() / 2, bytes.size() - 4096, bytes.size() - 1}) {
    writeFile(path, bytes.substr(0, keep));
    const auto e = openError(path);
    EXPECT_FALSE(e.empty()) << "kept " << keep;
  }
}

TEST(ProjectOpen, CorruptedPagesNeverCrash) {
  TempDir dir;
  const std::string bytes = projectBytes(dir);
  const auto path = dir.str("corrupt.gpkg");
  // The undamaged bytes read cleanly: a rejection below is the damage, not the copy.
  writeFile(path, bytes);
  EXPECT_EQ(openError(path, OpenMode::ReadOnly), "");
  std::mt19937 rng(7);
  int rejected = 0;
  for (int round = 0; round < 30; ++round) {
    std::string b = bytes;
    // Overwrite a random 512-byte run after the 100-byte header.
    const std::size_t at = 100 + rng() % (b.size() - 612);
    for (std::size_t i = 0; i < 512; ++i) b[at + i] = static_cast<char>(rng());
    writeFile(path, b);
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
    const std::string e = openError(path, OpenMode::ReadOnly);  // a StoreError or clean reads, never a crash
    if (e.empty()) continue;
    ++rejected;
    EXPECT_NE(e.find("corrupt.gpkg"), std::string::npos) << "the error names the file: " << e;
  }
  // Most of the file is table data, so some damaged copies still read cleanly; but damage must
  // be noticed: a store that never reports a corrupted file fails here.
  EXPECT_GT(rejected, 0) << "none of 30 corrupted files was rejected";
}

TEST(ProjectOpen, NewerSchemaIsRefused) {
  TempDir dir;
  const auto path = dir.str("newer.gpkg");
  {
    Project p = Project::create(path);
    p.setMeta("schema_version", std::to_string(kProjectSchemaVersion + 1));
  }
  const auto e = openError(path);
  EXPECT_NE(e.find("newer"), std::string::npos) << e;
  EXPECT_NE(openError(path, OpenMode::ReadOnly).find("newer"), std::string::npos);
}

TEST(ProjectOpen, OlderSchemaIsMigrated) {
  TempDir dir;
  const auto path = dir.str("older.gpkg");
  {
    Project p = Project::create(path);
    fixture::fill(p);
    // Fake the pre-release layout (version 0): one row per hour (version 5 tables, see
    // v5_layout.h) without the series indexes, no 'total' row, no basemap_features (added
    // in version 2).
    fixture::toV5Tables(ekm_test::sql(p));
    {
      fixture::V5Writer w(ekm_test::sql(p));
      fixture::seriesValues(w);
    }
    exec(ekm_test::sql(p),
         "DROP INDEX idx_mesh_population_series; DROP INDEX idx_segment_counts_series; "
         "DROP INDEX idx_station_ridership_series; DELETE FROM population_breakdowns WHERE fid = 0; "
         "DROP TABLE basemap_features; DROP TABLE rtree_basemap_features_geom; "
         "DELETE FROM gpkg_geometry_columns WHERE table_name = 'basemap_features'; "
         "DELETE FROM gpkg_extensions WHERE table_name = 'basemap_features'; "
         "DELETE FROM gpkg_contents WHERE table_name = 'basemap_features'");
    p.setMeta("schema_version", "0");
  }
  // Read-only cannot migrate: a clear error.
  const auto e = openError(path, OpenMode::ReadOnly);
  EXPECT_NE(e.find("older schema"), std::string::npos) << e;
  {
    Project p = Project::open(path);
    EXPECT_EQ(p.schemaVersion(), kProjectSchemaVersion);
    EXPECT_EQ(p.meta("schema_version").value_or(""), std::to_string(kProjectSchemaVersion));
    // 0 -> ... -> 6: the one-row-per-hour tables became day rows (their indexes are gone).
    EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM sqlite_master WHERE name = 'idx_mesh_population_series'"), 0);
    EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM mesh_population_days"), 3 * 2 * 3);
    EXPECT_EQ(queryText(ekm_test::sql(p), "SELECT label FROM population_breakdowns WHERE fid = 0"), "total");
    EXPECT_EQ(p.meshPopulationSeries(1, fixture::kT0, fixture::kT0 + 47).size(), 48u);
    // 0 -> 1 -> 2 in one go: the basemap table is there and empty.
    EXPECT_TRUE(p.basemapFeatures().empty());
  }
  Project ro = Project::open(path, OpenMode::ReadOnly);
  EXPECT_EQ(ro.schemaVersion(), kProjectSchemaVersion);
}

// The GUI only reads; a project from the previous release is upgraded once before it is read.
TEST(ProjectOpen, UpgradeOlderSchemaMigratesOnceThenReadersOpenIt) {
  TempDir dir;
  const auto path = dir.str("v8.gpkg");
  {
    Project p = Project::create(path);
    fixture::fill(p);
    // Version 8 had no partial_hours (added in 9).
    exec(ekm_test::sql(p), "DROP TABLE partial_hours; DELETE FROM gpkg_contents WHERE table_name = 'partial_hours'");
    p.setMeta("schema_version", "8");
  }
  EXPECT_NE(openError(path, OpenMode::ReadOnly).find("older schema"), std::string::npos);
  const auto upgrade = upgradeOlderSchema(path);
  ASSERT_TRUE(upgrade.has_value());
  EXPECT_EQ(upgrade->from, 8);
  EXPECT_EQ(upgrade->to, kProjectSchemaVersion);
  {
    Project ro = Project::open(path, OpenMode::ReadOnly);
    EXPECT_EQ(ro.schemaVersion(), kProjectSchemaVersion);
    EXPECT_EQ(queryInt(ekm_test::sql(ro), "SELECT count(*) FROM sqlite_master WHERE name = 'partial_hours'"), 1);
    EXPECT_EQ(ro.meshPopulationSeries(1, fixture::kT0, fixture::kT0 + 47).size(), 48u);  // the data survived
  }
  // Current projects are left alone.
  EXPECT_FALSE(upgradeOlderSchema(path).has_value());
  // Newer and invalid versions are refused as by open(), and nothing is written.
  {
    Project p = Project::open(path);
    p.setMeta("schema_version", std::to_string(kProjectSchemaVersion + 1));
  }
  try {
    upgradeOlderSchema(path);
    ADD_FAILURE() << "a newer project was accepted";
  } catch (const core::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  {
    Project p = Project::create(dir.str("bad.gpkg"));
    p.setMeta("schema_version", "eight");
  }
  EXPECT_THROW(upgradeOlderSchema(dir.str("bad.gpkg")), core::StoreError);
  EXPECT_THROW(upgradeOlderSchema(dir.str("missing.gpkg")), core::StoreError);
}

TEST(ProjectOpen, InvalidSchemaVersion) {
  TempDir dir;
  const auto path = dir.str("bad.gpkg");
  {
    Project p = Project::create(path);
    p.setMeta("schema_version", "one");
  }
  EXPECT_NE(openError(path).find("schema_version"), std::string::npos);
}

TEST(ProjectOpen, TransactionRollsBackUnlessCommitted) {
  TempDir dir;
  Project p = Project::create(dir.str("tx.gpkg"));
  {
    Transaction tx(p);
    p.setMeta("a", "1");
  }
  EXPECT_FALSE(p.meta("a").has_value());
  {
    Transaction tx(p);
    p.setMeta("a", "2");
    tx.commit();
  }
  EXPECT_EQ(p.meta("a").value_or(""), "2");
  EXPECT_THROW(exec(ekm_test::sql(p), "SELECT * FROM no_such_table"), core::StoreError);
  EXPECT_THROW(checkSqlite(ekm_test::sql(p), SQLITE_CORRUPT, "reading"), core::StoreError);
}
