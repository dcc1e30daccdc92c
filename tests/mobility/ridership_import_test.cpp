// Ridership records import (mobility-ridership-import): both layouts on the hand-made feed,
// every refusal naming file, line and field, and all-or-nothing in the store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ekm/core/error.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/store/ridership_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
namespace fs = std::filesystem;

namespace {

const fs::path kFeed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
const fs::path kData = fs::path(EKM_TEST_DATA_DIR) / "ridership";

std::string projectWithFeed(const ekm_test::TempDir& dir) {
  const std::string path = dir.str("p.gpkg");
  auto project = store::Project::create(path);
  core::Feedback fb;
  io::importGtfs(project, kFeed.string(), {}, fb);
  return path;
}

mobility::RidershipImportResult importFile(const std::string& project, const std::string& file, bool replace = false) {
  ops::Session session(project);
  core::Feedback fb;
  mobility::RidershipImportParams p;
  p.file = file;
  p.replace = replace;
  return ops::run<mobility::RidershipImportOp>(session, p, fb);
}

std::size_t storedRecords(const std::string& project) {
  return store::readRidership(store::Project::open(project, store::OpenMode::ReadOnly)).size();
}

// The error of importing `body` (header + rows) as a file.
core::Error refusal(const ekm_test::TempDir& dir, const std::string& project, const std::string& body) {
  const std::string file = dir.str("bad.csv");
  std::ofstream(file) << body;
  try {
    importFile(project, file);
  } catch (const core::Error& e) {
    EXPECT_EQ(e.context().file, file) << e.what();
    return e;
  }
  ADD_FAILURE() << "imported: " << body;
  return core::Error(core::ErrorCode::Validation, "none");
}

}  // namespace

TEST(RidershipImport, StopTripLayout) {
  ekm_test::TempDir dir("ridership");
  const auto project = projectWithFeed(dir);
  const auto r = importFile(project, (kData / "stop_trip.csv").string());
  EXPECT_EQ(r.layout, "stop-trip");
  EXPECT_EQ(r.records, 16);
  EXPECT_EQ(r.riders, 80 + 30 + 30 + 28);  // boardings: January R1 80, R2 30; February R1 30, R2 28
  EXPECT_EQ(r.firstDate, "2026-01-15");
  EXPECT_EQ(r.lastDate, "2026-02-12");
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  const auto stored = store::readRidership(store::Project::open(project, store::OpenMode::ReadOnly));
  ASSERT_EQ(stored.size(), 16u);
  EXPECT_EQ(stored.front().routeId, "R1");  // from the trip
  EXPECT_EQ(stored.front().layout, "stop-trip");
  // Imported again: refused (already stored), then replaced.
  EXPECT_THROW(importFile(project, (kData / "stop_trip.csv").string()), core::StoreError);
  EXPECT_EQ(storedRecords(project), 16u);
  EXPECT_EQ(importFile(project, (kData / "stop_trip.csv").string(), true).records, 16);
  EXPECT_EQ(storedRecords(project), 16u);
}

TEST(RidershipImport, RouteDayLayoutAndOneLayoutPerRouteDay) {
  ekm_test::TempDir dir("ridership");
  const auto project = projectWithFeed(dir);
  const auto r = importFile(project, (kData / "route_day.csv").string());
  EXPECT_EQ(r.layout, "route-day");
  EXPECT_EQ(r.records, 26);
  EXPECT_EQ(r.riders, 12 * 15000 + 15600);
  // 2026-01-15 R1 is stored by route and day: the stop-trip file's records of that day are refused.
  try {
    importFile(project, (kData / "stop_trip.csv").string());
    FAIL() << "mixed layouts imported";
  } catch (const core::StoreError& e) {
    EXPECT_EQ(e.context().line, 2);
    EXPECT_NE(std::string(e.what()).find("other layout"), std::string::npos) << e.what();
  }
  EXPECT_EQ(storedRecords(project), 26u);  // unchanged
}

TEST(RidershipImport, RefusalsNameFileLineAndField) {
  ekm_test::TempDir dir("ridership");
  const auto project = projectWithFeed(dir);
  const std::string st = "date,trip_id,stop_id,boardings,alightings\n2026-01-15,T1,S4,1,0\n";
  struct Case {
    std::string body, field;
    std::int64_t line;
  };
  const std::vector<Case> cases = {
      {st + "2026-01-15,T9,S4,1,0\n", "trip_id", 3},            // unknown trip
      {st + "2026-01-15,T1,S9,1,0\n", "stop_id", 3},            // unknown stop
      {st + "2026-01-15,T1,S5,1,0\n", "stop_id", 3},            // the trip does not call there
      {st + "2026-13-15,T1,S1,1,0\n", "date", 3},               // invalid date
      {st + "2026-01-15,T1,S1,-1,0\n", "boardings", 3},         // negative
      {st + "2026-01-15,T1,S1,2.5,0\n", "boardings", 3},        // not whole
      {st + "2026-01-15,T1,S1,1,x\n", "alightings", 3},         // not a number
      {st + "2026-01-15,T1,S4,1,0\n", "stop_id", 3},            // given twice
      {"date,trip_id,stop_id,route_id,boardings\n2026-01-15,T1,S4,R2,1\n", "route_id", 2},  // not the trip's route
      {"date,trip_id,boardings\n2026-01-15,T1,1\n", "stop_id", 1},                       // missing column
      {"date,route_id,boardings\n2026-01-15,R9,100\n", "route_id", 2},                    // unknown route
      {"date,route_id\n2026-01-15,R1\n", "boardings", 1},                                 // missing column
  };
  for (const auto& c : cases) {
    const auto e = refusal(dir, project, c.body);
    EXPECT_EQ(e.context().field, c.field) << e.what();
    EXPECT_EQ(e.context().line, c.line) << e.what();
  }
  const auto dup = refusal(dir, project, st + "2026-01-15,T1,S4,1,0\n");
  EXPECT_NE(std::string(dup.what()).find("first on line 2"), std::string::npos) << dup.what();
  EXPECT_EQ(storedRecords(project), 0u);  // nothing of any refused file
}

TEST(RidershipImport, Warnings) {
  ekm_test::TempDir dir("ridership");
  const auto project = projectWithFeed(dir);
  const std::string file = dir.str("w.csv");
  // T1 runs on weekdays (WK): not on Saturday 2026-01-17; 5 boardings but 4 alightings.
  std::ofstream(file) << "date,trip_id,stop_id,boardings,alightings,note\n2026-01-17,T1,S4,5,0,a\n2026-01-17,T1,S3,0,4,b\n";
  const auto r = importFile(project, file);
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_NE(r.warnings[0].find("'note': unknown column"), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[1].find("does not run on 2026-01-17"), std::string::npos) << r.warnings[1];
  EXPECT_NE(r.warnings[2].find("5 boardings but 4 alightings"), std::string::npos) << r.warnings[2];
}

TEST(RidershipImport, NeedsTheFeed) {
  ekm_test::TempDir dir("ridership");
  const std::string path = dir.str("empty.gpkg");
  { store::Project::create(path); }
  EXPECT_THROW(importFile(path, (kData / "stop_trip.csv").string()), core::ValidationError);
}

TEST(RidershipImport, Cli) {
  ekm_test::TempDir dir("ridership");
  const auto project = projectWithFeed(dir);
  const auto r = ekm_test::cli("mobility ridership-import --project " + ekm_test::quote(project) + " " +
                           ekm_test::quote((kData / "route_day.csv").string()));
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("records: 26"), std::string::npos) << r.out;
  const auto k = ekm_test::cli("mobility kpi --project " + ekm_test::quote(project) + " --target 200000");
  EXPECT_EQ(k.exitCode, 0) << k.out;
  EXPECT_NE(k.out.find("months_to_target: 33"), std::string::npos) << k.out;
  const auto bad = ekm_test::cli("mobility ridership-import --project " + ekm_test::quote(project) + " " +
                             ekm_test::quote((kData / "nope.csv").string()));
  EXPECT_NE(bad.exitCode, 0);
}
