#pragma once
// Store tests run on both backends: a project location on SQLite (a .gpkg in a temporary
// folder) or on PostgreSQL (a new schema on one throwaway server shared by the test binary,
// tests/support/pg_server.h), and a fill of a project through the store's typed writers only.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

#include "ekm/store/import_writer.h"
#include "ekm/store/project.h"
#include "ekm/store/series.h"
#include "store_fixture.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace store_test {

enum class Backend { SQLite, PostgreSQL };

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::SQLite ? "SQLite" : "PostgreSQL";
}

// The server of this test binary, started on first use and stopped at exit; nullptr with
// `whyNot` when PostgreSQL 15 or PostGIS is not installed.
inline ekm_test::PgServer* sharedPgServer(std::string& whyNot) {
  static std::string reason;
  static std::unique_ptr<ekm_test::PgServer> server = ekm_test::PgServer::start(reason);
  whyNot = reason;
  return server.get();
}

// A location for a new project: a file in `dir`, or a new schema. Empty with `whyNot` set
// when the backend is not available here.
inline std::string newLocation(Backend backend, const ekm_test::TempDir& dir, const std::string& name,
                               std::string& whyNot) {
  if (backend == Backend::SQLite) return dir.str(name + ".gpkg");
  ekm_test::PgServer* server = sharedPgServer(whyNot);
  if (!server) return {};
  static std::atomic<int> counter{0};
  return server->location(name + "_" + std::to_string(++counter));
}

// A test run once on each backend (INSTANTIATE_TEST_SUITE_P with backendName): m_location is a
// new project location named `name`, or the test is skipped when the backend is not here.
class OnEachBackend : public ::testing::TestWithParam<Backend> {
 protected:
  explicit OnEachBackend(const std::string& name) : m_name(name), m_dir(name + "_backends") {}
  void SetUp() override {
    std::string whyNot;
    m_location = newLocation(GetParam(), m_dir, m_name, whyNot);
    if (m_location.empty()) GTEST_SKIP() << whyNot;
  }
  std::string m_name;
  ekm_test::TempDir m_dir;
  std::string m_location;
};

// The fixture's project (store_fixture.h: 3 cells, 2 segments, 2 stations, 48 hours of
// series, one import-log row) written with FeatureWriter, SeriesWriter and logImport in one
// Transaction: the same data on any backend, fids 1, 2, 3 in order of insertion.
inline void fillTyped(ekm::store::Project& p) {
  using namespace ekm::store;
  Transaction tx(p);
  {
    FeatureWriter cells(p, FeatureTable::MeshCells);
    const char* codes[] = {"533935772", "533935773", "533935774"};
    for (int i = 0; i < 3; ++i) {
      MeshCellRecord c;
      c.meshCode = codes[i];
      c.level = "1/8";
      c.west = 139.7375 + i * 0.0015625;
      c.east = c.west + 0.0015625;
      c.south = 35.6333333333;
      c.north = c.south + 0.0010416667;
      if (!cells.add(c)) throw std::runtime_error("duplicate cell");
    }
    FeatureWriter segments(p, FeatureTable::RoadSegments);
    SegmentRecord s1{0, "S1", "国道15号", "primary", 0, 210.5, {{139.7400, 35.6350}, {139.7410, 35.6355}, {139.7420, 35.6352}}};
    SegmentRecord s2{0, "S2", "", "", 1, 110.0, {{139.7380, 35.6340}, {139.7390, 35.6345}}};
    segments.add(s1);
    segments.add(s2);
    FeatureWriter stations(p, FeatureTable::Stations);
    stations.add(StationRecord{0, "JY26", "高輪ゲートウェイ", "Takanawa Gateway", "JR East", "Yamanote;Keihin-Tohoku",
                               {139.7407, 35.6355}});
    stations.add(StationRecord{0, "JY25", "品川", "Shinagawa", "", "", {139.7387, 35.6284}});
  }
  populationBreakdowns(p);
  addPopulationBreakdown(p, 1, "gender=f");
  {
    SeriesWriter mesh(p, SeriesKind::MeshPopulation), counts(p, SeriesKind::SegmentCounts),
        ridership(p, SeriesKind::StationRidership);
    fixture::seriesValues([&](SeriesKind k, std::int64_t fid, ekm::core::HourKey t, int channel, int dir, double v,
                              double v2) {
      auto& w = k == SeriesKind::MeshPopulation ? mesh : k == SeriesKind::SegmentCounts ? counts : ridership;
      if (!w.add(fid, t, channel, dir, v, v2)) throw std::runtime_error("duplicate fixture value");
    });
    mesh.finish();
    counts.finish();
    ridership.finish();
  }
  logImport(p, "/data/mesh_population.csv", "abc123", "mesh-population", 288, "{}");
  tx.commit();
}

}  // namespace store_test
