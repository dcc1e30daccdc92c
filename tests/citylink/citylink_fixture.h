#pragma once
// Shared by the City OS link tests: a small project (the test segments and Takanawa
// Gateway station), SQL probes, and the fake NGSI-LD broker (fake_broker.py) started per test.
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

extern char** environ;

namespace citylink_test {

inline const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/ngsi_ld/";
inline const std::string kBrokerScript = std::string(EKM_TEST_DATA_DIR) + "/../citylink/fake_broker.py";

// A project with the four test segments and one station.
inline void makeProject(const std::string& path) {
  auto p = ekm::store::Project::create(path);
  ekm::core::Feedback fb;
  ekm::io::importFile(p, ekm::io::ImportKind::Segments, kData + "segments.geojson", {}, fb);
  ekm::io::importFile(p, ekm::io::ImportKind::Stations, kData + "stations.csv", {}, fb);
}

// The first column of the first row of a query (-1 when there is none, NaN-safe for NULL: -2).
inline double scalar(const std::string& project, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(project.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  double v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -2 : sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

inline std::string text(const std::string& project, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(project.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
      sqlite3_column_text(st, 0))
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

// The count stored for a segment at a UTC hour key, direction and mode (-1: no row).
inline double segmentCount(const std::string& project, const std::string& segment, const std::string& utcIso,
                           int direction, int mode) {
  return scalar(project, "SELECT c.count FROM segment_counts c JOIN road_segments s ON s.fid = c.segment_fid "
                         "WHERE s.segment_id = '" + segment + "' AND c.direction = " + std::to_string(direction) +
                             " AND c.mode = " + std::to_string(mode) + " AND c.t_hour = CAST(strftime('%s', '" +
                             utcIso + "') AS INTEGER) / 3600");
}

// fake_broker.py on a free local port, stopped with the test.
class FakeBroker {
 public:
  explicit FakeBroker(const ekm_test::TempDir& dir) : m_log(dir.str("broker_log.jsonl")) {
    const std::string portFile = dir.str("broker.port");
    std::vector<std::string> args = {"python3", kBrokerScript, kData + "broker", portFile, m_log};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&m_pid, "python3", nullptr, nullptr, argv.data(), environ) != 0) m_pid = -1;
    for (int i = 0; i < 500 && m_pid > 0; ++i) {
      std::ifstream f(portFile);
      int port = 0;
      if (f >> port && port > 0) {
        m_url = "http://127.0.0.1:" + std::to_string(port);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~FakeBroker() {
    if (m_pid > 0) {
      kill(m_pid, SIGTERM);
      int status = 0;
      waitpid(m_pid, &status, 0);
    }
  }
  FakeBroker(const FakeBroker&) = delete;
  FakeBroker& operator=(const FakeBroker&) = delete;
  const std::string& url() const { return m_url; }
  // The requests received so far, one JSON object each.
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream f(m_log);
    std::string line;
    while (std::getline(f, line))
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  pid_t m_pid = -1;
  std::string m_url;
  std::string m_log;
};

}  // namespace citylink_test
