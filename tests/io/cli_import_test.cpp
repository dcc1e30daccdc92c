// End-to-end: `ekimachi-cli import` exit codes and messages, Ctrl-C (exit 130, store
// unchanged), a SIGKILLed or SIGTERMed import (store intact afterwards), and concurrency
// (issue 15 §5): two imports at once, reads during an import, a writer holding the lock.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "ekm/store/project.h"
#include "support/project_sql.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/io/";

using ekm_test::cliArgs;

std::int64_t scalar(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

std::string integrity(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string v;
  if (sqlite3_step(st) == SQLITE_ROW) v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}

class CliImport : public ::testing::Test {
 protected:
  void SetUp() override {
    m_project = m_dir.str("p.gpkg");
    store::Project::create(m_project);
  }

  // A mesh population file of about `rows` rows (64 cells x hours from `firstYear`).
  std::string bigFile(std::int64_t rows, const std::string& name = "big.csv", int firstYear = 2020) {
    const std::string p = m_dir.str(name);
    std::ofstream f(p);
    f << "mesh_code,date,hour,population\n";
    std::int64_t n = 0;
    for (int day = 0; n < rows; ++day) {
      const int y = firstYear + day / 336, m = 1 + (day / 28) % 12, d = 1 + day % 28;
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
      for (int h = 0; h < 24; ++h)
        for (int a = 1; a <= 4; ++a)
          for (int b = 1; b <= 4; ++b)
            for (int c = 1; c <= 4; ++c, ++n) f << "533935" << 60 + a << b << c << "1," << date << ',' << h << ',' << (n % 997) << '\n';
    }
    m_bigRows = n;
    return p;
  }

  // Imports the 7-row mesh_utf8.csv; returns the exit code.
  int importSmall() {
    return cliArgs({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"}).exitCode;
  }
  // The project holds the small import alone, sound.
  void expectOnlySmall() {
    store::Project p = store::Project::open(m_project);
    EXPECT_EQ(integrity(ekm_test::sql(p)), "ok");
    EXPECT_EQ(p.rowCount("mesh_population"), 7);
    EXPECT_EQ(p.importLog().size(), 1u);
  }

  // Starts the CLI importing `file`, waits until it reports `percent` progress on
  // stderr, then sends `sig`. Returns the exit status.
  int interruptImport(const std::string& file, int percent, int sig) {
    ekm_test::CliProcess import({"import", "--project", m_project, "mesh-population", file});
    const bool sawProgress = import.waitForStderr(": " + std::to_string(percent) + "%");
    if (sawProgress) import.signal(sig);
    const int status = import.wait();
    EXPECT_TRUE(sawProgress) << "never saw progress " << percent << "%: " << import.err();
    m_lastErr = import.err();
    return status;
  }

  ekm_test::TempDir m_dir{"io_cli"};
  std::string m_project;
  std::string m_lastErr;
  std::int64_t m_bigRows = 0;
};

}  // namespace

TEST_F(CliImport, ImportsAndRefusesTheSameFileTwice) {
  auto r = cliArgs({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("7 stored"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 missing values"), std::string::npos) << r.out;
  r = cliArgs({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"});
  EXPECT_EQ(r.exitCode, 9) << r.err;
  EXPECT_NE(r.err.find("already imported"), std::string::npos) << r.err;
  r = cliArgs({"import", "--project", m_project, "mesh-population", kData + "mlit_1km.csv", "--preset",
               "jp-1km-open-data", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = cliArgs({"import", "--project", m_project, "mesh-population", kData + "mesh_cp932.csv", "--mapping",
               kData + "mesh_cp932_mapping.json", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(CliImport, ErrorsGiveCodesAndContext) {
  const std::string bad = m_dir.write(
      "bad.csv", "mesh_code,date,hour,population\n53393569123,2025-04-01,0,1\n53393569123,2025-04-01,1,-5\n");
  auto r = cliArgs({"import", "--project", m_project, "mesh-population", bad, "--quiet"});
  EXPECT_EQ(r.exitCode, 5);
  EXPECT_NE(r.err.find("bad.csv:3: column 'population': negative population"), std::string::npos) << r.err;
  r = cliArgs(
      {"import", "--project", m_project, "mesh-population", kData + "mesh_cp932.csv", "--encoding", "utf-8"});
  EXPECT_EQ(r.exitCode, 8) << r.err;
  EXPECT_NE(r.err.find("mesh_cp932.csv:1"), std::string::npos) << r.err;
  r = cliArgs({"import", "--project", m_project, "trains", bad});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("column 'KIND': bad value of KIND (expected one of mesh-population|segments|"),
            std::string::npos)
      << r.err;
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(p.rowCount("mesh_population"), 0);
  EXPECT_TRUE(p.importLog().empty());
}

TEST_F(CliImport, CtrlCCancelsWithExitCode130AndNoChange) {
  ASSERT_EQ(importSmall(), 0);
  // Big enough that the import takes seconds (the day-row store writes ~2 M rows per
  // CPU-second) and the plain progress lines (every 10 %, at most every 100 ms) all appear.
  const std::string big = bigFile(5'000'000);
  const int status = interruptImport(big, 20, SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << m_lastErr;
  EXPECT_EQ(WEXITSTATUS(status), 130) << m_lastErr;
  expectOnlySmall();
}

TEST_F(CliImport, KilledImportLeavesTheStoreIntact) {
  ASSERT_EQ(importSmall(), 0);
  const std::string big = bigFile(5'000'000);  // seconds of import (see above)
  std::int64_t indexesBefore = 0;
  {
    store::Project p = store::Project::open(m_project);
    indexesBefore = scalar(ekm_test::sql(p), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'");
  }
  const int status = interruptImport(big, 30, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  {
    store::Project p = store::Project::open(m_project);  // recovers the WAL of the dead writer
    EXPECT_EQ(integrity(ekm_test::sql(p)), "ok");
    EXPECT_EQ(p.rowCount("mesh_population"), 7);
    EXPECT_EQ(p.rowCount("mesh_cells"), 2);
    EXPECT_EQ(p.importLog().size(), 1u);
    EXPECT_EQ(scalar(ekm_test::sql(p), "SELECT COUNT(*) FROM population_breakdowns"), 3);
    EXPECT_EQ(scalar(ekm_test::sql(p), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"), indexesBefore);
  }
  // And the file can be imported completely afterwards.
  const auto r = cliArgs({"import", "--project", m_project, "mesh-population", big, "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(p.rowCount("mesh_population"), 7 + m_bigRows);
}

TEST_F(CliImport, TerminatedImportLeavesTheDataUnchanged) {
  ASSERT_EQ(importSmall(), 0);
  const std::string big = bigFile(5'000'000);
  const int status = interruptImport(big, 30, SIGTERM);
  EXPECT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) << m_lastErr;
  expectOnlySmall();
}

TEST_F(CliImport, TwoImportsAtOnceRunOneAfterTheOtherWithExactCounts) {
  const std::string a = bigFile(200'000, "a.csv", 2020);
  const std::int64_t rowsA = m_bigRows;
  const std::string b = bigFile(150'000, "b.csv", 2030);
  const std::int64_t rowsB = m_bigRows;
  ekm_test::CliProcess first({"import", "--project", m_project, "mesh-population", a});
  ekm_test::CliProcess second({"import", "--project", m_project, "mesh-population", b});
  const int s1 = first.wait();
  const int s2 = second.wait();
  ASSERT_TRUE(WIFEXITED(s1) && WEXITSTATUS(s1) == 0) << first.err();
  ASSERT_TRUE(WIFEXITED(s2) && WEXITSTATUS(s2) == 0) << second.err();
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(integrity(ekm_test::sql(p)), "ok");
  EXPECT_EQ(p.rowCount("mesh_population"), rowsA + rowsB);
  EXPECT_EQ(p.importLog().size(), 2u);
}

TEST_F(CliImport, ReadsDuringAnImportSeeAllOfItOrNothing) {
  ASSERT_EQ(importSmall(), 0);
  const std::string big = bigFile(5'000'000);  // seconds of import (see above)
  ekm_test::CliProcess import({"import", "--project", m_project, "mesh-population", big});
  ASSERT_TRUE(import.waitForStderr("%")) << import.err();  // the first progress line
  std::set<std::int64_t> seen;
  for (int i = 0; i < 400 && seen.count(7 + m_bigRows) == 0; ++i) {
    store::Project p = store::Project::open(m_project, store::OpenMode::ReadOnly);
    seen.insert(p.rowCount("mesh_population"));
  }
  const int status = import.wait();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << import.err();
  for (const auto n : seen) EXPECT_TRUE(n == 7 || n == 7 + m_bigRows) << "a read saw " << n << " rows";
  EXPECT_TRUE(seen.count(7)) << "no read happened during the import";
}

TEST_F(CliImport, AWriterHoldingTheLockMakesAnImportWaitThenFailClearly) {
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(m_project.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto start = std::chrono::steady_clock::now();
  const auto r = cliArgs({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"});
  const auto waited = std::chrono::steady_clock::now() - start;
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  EXPECT_EQ(r.exitCode, 6) << r.err;
  EXPECT_GE(waited, std::chrono::seconds(9));
  EXPECT_NE(r.err.find("the project is locked: another program"), std::string::npos) << r.err;
  EXPECT_EQ(importSmall(), 0);  // the lock released, the same import works
}
