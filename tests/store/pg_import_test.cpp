// Imports into a PostgreSQL project (a throwaway server, tests/support/pg_server.h; skipped
// where PostgreSQL 15 or PostGIS is not installed): the CLI's import and query give the same
// output as on a GeoPackage, two writers importing at once lose nothing, and a connection
// dropped in the middle of an import leaves the database exactly as it was.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <random>
#include <thread>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "ekm/store/series_totals.h"
#include "support/cli_runner.h"

namespace {

using namespace ekm;
using store_test::Backend;

const std::string kData = EKM_TEST_DATA_DIR;

// A mesh-population CSV of `cells` 1/8 cells (from `firstCell` on a row of cells) x `days`
// days from `firstDay` (days since 1970-01-01) x 24 hours, hour-major; returns the sum of its
// values (a few are blank = missing) and counts the values in `values`.
double writeMeshCsv(const std::string& path, int firstCell, int cells, int firstDay, int days, std::int64_t& values) {
  std::ofstream out(path);
  out << "mesh_code,date,hour,population\n";
  std::mt19937 rng(static_cast<unsigned>(firstCell * 7919 + firstDay));
  double sum = 0;
  values = 0;
  for (int d = firstDay; d < firstDay + days; ++d) {
    const std::string date = core::formatDate(core::civilFromDays(d));
    for (int h = 0; h < 24; ++h)
      for (int c = firstCell; c < firstCell + cells; ++c) {
        const std::string code = mesh::encode(35.6355 + (c / 40) / 960.0, 139.7407 + (c % 40) / 640.0, mesh::MeshLevel::Eighth);
        out << code << ',' << date << ',' << h << ',';
        const unsigned v = rng() % 1000;
        if (v % 97 != 0) {
          out << v;
          sum += v;
          ++values;
        }
        out << '\n';
      }
  }
  return sum;
}

class PgImport : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string whyNot;
    m_server = store_test::sharedPgServer(whyNot);
    if (!m_server) GTEST_SKIP() << whyNot;
  }
  std::string location(const std::string& name) {
    std::string whyNot;
    return store_test::newLocation(Backend::PostgreSQL, m_dir, name, whyNot);
  }
  // Counts and a digest of every table an import writes (as the server sees them).
  std::string snapshot(const std::string& schema) {
    std::string out;
    for (const char* t : {"mesh_cells", "population_breakdowns", "ekm_import_log", "mesh_population_days"})
      out += m_server->psql(std::string("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') "
                                        "FROM ") + schema + "." + t + " x") + "\n";
    return out;
  }
  ekm_test::TempDir m_dir{"pg_import"};
  ekm_test::PgServer* m_server = nullptr;
};

TEST_F(PgImport, CliImportAndQueryAnswerAsOnAGeoPackage) {
  const std::string pg = location("cli");
  const std::string gpkg = m_dir.str("cli.gpkg");
  std::string outputs[2];
  int i = 0;
  for (const std::string& project : {gpkg, pg}) {
    auto r = ekm_test::cliArgs({"project", "new", project});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const auto& [kind, file] : std::vector<std::pair<std::string, std::string>>{
             {"mesh-population", "/io/mesh_utf8.csv"}, {"stations", "/io/stations.csv"},
             {"station-ridership", "/io/ridership.csv"}}) {
      r = ekm_test::cliArgs({"import", "--project", project, "--quiet", kind, kData + file});
      ASSERT_EQ(r.exitCode, 0) << kind << ": " << r.err;
    }
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"mesh-population", "--at", "2025-03-27T09:00"},
             {"mesh-population", "--at", "2025-03-27T09:00", "--format", "json"},
             {"mesh-population", "--cell", "53393569124", "--from", "2025-03-27", "--to", "2025-03-28"},
             {"station-ridership", "--at", "2025-03-27T08:00"},
             {"station-ridership", "--station", "takanawa_gateway", "--from", "2025-03-27", "--to", "2025-03-27"}}) {
      std::vector<std::string> q = {"query", "--project", project};
      q.insert(q.end(), args.begin(), args.end());
      r = ekm_test::cliArgs(q);
      ASSERT_EQ(r.exitCode, 0) << r.err;
      outputs[i] += r.out;
    }
    // A second import of the same file is refused on both.
    r = ekm_test::cliArgs({"import", "--project", project, "--quiet", "mesh-population", kData + "/io/mesh_utf8.csv"});
    EXPECT_NE(r.exitCode, 0);
    ++i;
  }
  EXPECT_FALSE(outputs[0].empty());
  EXPECT_NE(outputs[0].find(",,"), std::string::npos) << "a missing value printed empty";
  EXPECT_EQ(outputs[0], outputs[1]);
}

TEST_F(PgImport, TwoWritersAtOnceLoseNothing) {
  const std::string pg = location("two");
  store::Project::create(pg);
  // Overlapping cells (30 of 60 shared), different days: both create cells, neither may lose any.
  std::int64_t valuesA = 0, valuesB = 0;
  const int day0 = 20089;  // 2025-01-01
  const double sumA = writeMeshCsv(m_dir.str("a.csv"), 0, 60, day0, 10, valuesA);
  const double sumB = writeMeshCsv(m_dir.str("b.csv"), 30, 60, day0 + 10, 10, valuesB);
  std::atomic<int> failures{0};
  std::atomic<int> ready{0};
  auto importer = [&](const std::string& csv) {
    try {
      store::Project p = store::Project::open(pg);
      ready.fetch_add(1);
      while (ready.load() < 2) std::this_thread::yield();
      io::importFile(p, io::ImportKind::MeshPopulation, csv, {}, core::nullFeedback());
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
      failures.fetch_add(1);
    }
  };
  std::thread a(importer, m_dir.str("a.csv")), b(importer, m_dir.str("b.csv"));
  a.join();
  b.join();
  ASSERT_EQ(failures.load(), 0);
  const store::Project p = store::Project::open(pg, store::OpenMode::ReadOnly);
  EXPECT_EQ(p.meshCells().size(), 90u);
  EXPECT_EQ(p.importLog().size(), 2u);
  const auto range = p.timeRange("mesh_population");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->rows, 2 * 60 * 10 * 24);
  EXPECT_EQ(range->first, static_cast<core::HourKey>(day0) * 24 - 9);  // 00:00 JST = 15:00 UTC the day before
  double sum = 0;
  std::int64_t values = 0;
  for (const auto& t : store::seriesTotals(p, store::SeriesKind::MeshPopulation, range->first, range->last)) {
    sum += t.sum;
    values += t.values;
  }
  EXPECT_EQ(values, valuesA + valuesB);
  EXPECT_DOUBLE_EQ(sum, sumA + sumB);
}

TEST_F(PgImport, DroppedConnectionLeavesTheDatabaseAsItWas) {
  const std::string pg = location("drop");
  const std::string schema = pg.substr(pg.rfind("schema=") + 7);
  std::int64_t n = 0;
  writeMeshCsv(m_dir.str("first.csv"), 0, 50, 20089, 5, n);
  // New cells, and old cells from the next JST day: its first hours continue stored UTC day rows.
  writeMeshCsv(m_dir.str("second.csv"), 20, 200, 20094, 20, n);
  {
    store::Project p = store::Project::create(pg);
    io::importFile(p, io::ImportKind::MeshPopulation, m_dir.str("first.csv"), {}, core::nullFeedback());
  }
  const std::string before = snapshot(schema);
  ASSERT_NE(before.find("50:"), std::string::npos) << before;

  store::Project p = store::Project::open(pg);
  core::Feedback feedback;
  feedback.setThrottleInterval(std::chrono::milliseconds(0));
  bool terminated = false;
  feedback.setProgressHandler([&](double percent) {
    if (terminated || percent < 40 || percent >= 100) return;
    // Another connection ends every other client backend: the importer's, mid-transaction.
    const std::string killed = m_server->psql(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' "
        "AND pid <> pg_backend_pid()");
    terminated = killed != "0";
  });
  EXPECT_THROW(io::importFile(p, io::ImportKind::MeshPopulation, m_dir.str("second.csv"), {}, feedback), core::Error);
  ASSERT_TRUE(terminated) << "the import ended before its connection could be dropped";
  EXPECT_EQ(snapshot(schema), before);
  // The project still opens and the next import goes through.
  store::Project again = store::Project::open(pg);
  const auto r = io::importFile(again, io::ImportKind::MeshPopulation, m_dir.str("second.csv"), {}, core::nullFeedback());
  EXPECT_EQ(r.rowsStored, 200 * 20 * 24);
  EXPECT_EQ(again.timeRange("mesh_population")->rows, 50 * 5 * 24 + 200 * 20 * 24);
}

TEST_F(PgImport, BenchStoreMeasuresPostgresAndDropsItsSchema) {
  const std::string pg = location("bench");
  const std::string schema = pg.substr(pg.rfind("schema=") + 7);
  const auto r = ekm_test::cliArgs({"bench", "store", "--cells", "9", "--days", "2", "--no-sqlite3", "--dir",
                                    m_dir.str("bench"), "--postgres", pg});
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("PostgreSQL / SQLite"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("432 rows in"), r.out.rfind("432 rows in")) << "both backends imported all rows: " << r.out;
  EXPECT_EQ(m_server->psql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'"), "0");
}

}  // namespace
