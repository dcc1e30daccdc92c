// End-to-end: `ekimachi-cli import` exit codes and messages, Ctrl-C (exit 130, store
// unchanged) and a SIGKILLed import (store intact afterwards).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "ekm/store/project.h"

namespace fs = std::filesystem;
using namespace ekm;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/io/";

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

RunResult run(const std::vector<std::string>& args) {
  std::string cmd = std::string(EKM_CLI_PATH);
  for (const auto& a : args) cmd += " '" + a + "'";
  const std::string errFile = fs::temp_directory_path() / ("ekm_cli_err_" + std::to_string(::getpid()));
  cmd += " 2>" + errFile;
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = pclose(p);
  r.exitCode = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(errFile);
  r.err.assign((std::istreambuf_iterator<char>(e)), {});
  fs::remove(errFile);
  return r;
}

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
    m_dir = fs::temp_directory_path() /
            ("ekm_io_cli_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}()));
    fs::create_directories(m_dir);
    m_project = (m_dir / "p.gpkg").string();
    store::Project::create(m_project);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  // A mesh population file of about `rows` rows (64 cells x hours).
  std::string bigFile(std::int64_t rows) {
    const std::string p = (m_dir / "big.csv").string();
    std::ofstream f(p);
    f << "mesh_code,date,hour,population\n";
    std::int64_t n = 0;
    for (int day = 0; n < rows; ++day) {
      const int y = 2020 + day / 336, m = 1 + (day / 28) % 12, d = 1 + day % 28;
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

  // Starts the CLI importing `file`, waits until it reports `percent` progress on
  // stderr, then sends `sig`. Returns the exit status.
  int interruptImport(const std::string& file, int percent, int sig) {
    int errPipe[2];
    EXPECT_EQ(pipe(errPipe), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(errPipe[1], STDERR_FILENO);
      close(errPipe[0]);
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDOUT_FILENO);
      execl(EKM_CLI_PATH, EKM_CLI_PATH, "import", "--project", m_project.c_str(), "mesh-population", file.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(errPipe[1]);
    std::string err;
    char buf[256];
    const std::string mark = ": " + std::to_string(percent) + "%";
    bool sent = false;
    ssize_t n;
    while ((n = read(errPipe[0], buf, sizeof buf)) > 0) {
      err.append(buf, static_cast<std::size_t>(n));
      if (!sent && err.find(mark) != std::string::npos) {
        kill(pid, sig);
        sent = true;
      }
    }
    close(errPipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(sent) << "never saw progress " << percent << "%: " << err;
    m_lastErr = err;
    return status;
  }

  fs::path m_dir;
  std::string m_project;
  std::string m_lastErr;
  std::int64_t m_bigRows = 0;
};

}  // namespace

TEST_F(CliImport, ImportsAndRefusesTheSameFileTwice) {
  auto r = run({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("7 stored"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 missing values"), std::string::npos) << r.out;
  r = run({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"});
  EXPECT_EQ(r.exitCode, 9) << r.err;
  EXPECT_NE(r.err.find("already imported"), std::string::npos) << r.err;
  r = run({"import", "--project", m_project, "mesh-population", kData + "mlit_1km.csv", "--preset",
           "jp-1km-open-data", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = run({"import", "--project", m_project, "mesh-population", kData + "mesh_cp932.csv", "--mapping",
           kData + "mesh_cp932_mapping.json", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST_F(CliImport, ErrorsGiveCodesAndContext) {
  const std::string bad = (m_dir / "bad.csv").string();
  std::ofstream(bad) << "mesh_code,date,hour,population\n53393569123,2025-04-01,0,1\n53393569123,2025-04-01,1,-5\n";
  auto r = run({"import", "--project", m_project, "mesh-population", bad, "--quiet"});
  EXPECT_EQ(r.exitCode, 5);
  EXPECT_NE(r.err.find("bad.csv:3: column 'population': negative population"), std::string::npos) << r.err;
  r = run({"import", "--project", m_project, "mesh-population", kData + "mesh_cp932.csv", "--encoding", "utf-8"});
  EXPECT_EQ(r.exitCode, 8) << r.err;
  EXPECT_NE(r.err.find("mesh_cp932.csv:1"), std::string::npos) << r.err;
  r = run({"import", "--project", m_project, "trains", bad});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("unknown import kind"), std::string::npos) << r.err;
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(p.rowCount("mesh_population"), 0);
  EXPECT_TRUE(p.importLog().empty());
}

TEST_F(CliImport, CtrlCCancelsWithExitCode130AndNoChange) {
  ASSERT_EQ(run({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"}).exitCode, 0);
  const std::string big = bigFile(1'500'000);
  const int status = interruptImport(big, 20, SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << m_lastErr;
  EXPECT_EQ(WEXITSTATUS(status), 130) << m_lastErr;
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(integrity(p.db()), "ok");
  EXPECT_EQ(p.rowCount("mesh_population"), 7);
  EXPECT_EQ(p.importLog().size(), 1u);
}

TEST_F(CliImport, KilledImportLeavesTheStoreIntact) {
  ASSERT_EQ(run({"import", "--project", m_project, "mesh-population", kData + "mesh_utf8.csv", "--quiet"}).exitCode, 0);
  const std::string big = bigFile(1'500'000);  // > 32 MB: the deferred-index path
  std::int64_t indexesBefore = 0;
  {
    store::Project p = store::Project::open(m_project);
    indexesBefore = scalar(p.db(), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'");
  }
  const int status = interruptImport(big, 30, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  {
    store::Project p = store::Project::open(m_project);  // recovers the WAL of the dead writer
    EXPECT_EQ(integrity(p.db()), "ok");
    EXPECT_EQ(p.rowCount("mesh_population"), 7);
    EXPECT_EQ(p.rowCount("mesh_cells"), 2);
    EXPECT_EQ(p.importLog().size(), 1u);
    EXPECT_EQ(scalar(p.db(), "SELECT COUNT(*) FROM population_breakdowns"), 3);
    EXPECT_EQ(scalar(p.db(), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"), indexesBefore);
  }
  // And the file can be imported completely afterwards.
  const auto r = run({"import", "--project", m_project, "mesh-population", big, "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  store::Project p = store::Project::open(m_project);
  EXPECT_EQ(p.rowCount("mesh_population"), 7 + m_bigRows);
}
