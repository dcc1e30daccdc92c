// The GTFS/transit store and the bus-ridership store on both backends: a feed imported into a
// GeoPackage and into a PostgreSQL schema reads back as the reader parsed it (every table),
// the same on both; refused, failing and cancelled imports leave the schema as it was;
// --force replaces the feed; ridership imports, refusals and KPIs agree; a mobility operation
// run through the registry gives the same Result JSON on both.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>

#include "backend_fixture.h"
#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/session.h"
#include "ekm/store/project.h"
#include "ekm/store/ridership_store.h"
#include "ekm/store/transit_store.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;
namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kFeed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
const fs::path kRidership = fs::path(EKM_TEST_DATA_DIR) / "ridership";
const fs::path kChiibus =
    fs::path(core::sourceDir()) / "data" / "samples" / "gtfs_chiibus" / "chiibus_gtfs.zip";

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json();
}
json points(const std::vector<store::LonLat>& pts) {
  json out = json::array();
  for (const auto& p : pts) out.push_back({p.lon, p.lat});
  return out;
}

// Every field of a feed; fids only when `withFids` (a replaced GeoPackage feed keeps counting
// them), the import time only when `withImportedAt`.
json feedJson(const store::GtfsFeed& f, bool withFids, bool withImportedAt) {
  const auto& i = f.info;
  json j;
  j["info"] = {i.sourcePath, i.sourceSha256, i.publisherName, i.publisherUrl, i.feedLang,    i.startDate,
               i.endDate,    i.feedVersion,  i.contactEmail,  i.contactUrl,   i.attribution, i.warnings};
  if (withImportedAt) j["imported_at"] = i.importedAt;
  for (const auto& a : f.agencies)
    j["agencies"].push_back({a.agencyId, a.name, a.url, a.timezone, a.lang, a.phone, a.fareUrl, a.email,
                             a.officialName, a.zipNumber, a.address, a.presidentPos, a.presidentName});
  for (const auto& o : f.offices) j["offices"].push_back({o.officeId, o.name, o.url, o.phone});
  for (const auto& s : f.stops)
    j["stops"].push_back({withFids ? s.fid : 0, s.stopId, s.code, s.name, s.nameKana, s.nameEn, s.description,
                          s.zoneId, s.url, s.locationType, s.parentStation, s.platformCode,
                          opt(s.wheelchairBoarding), s.position.lon, s.position.lat});
  for (const auto& r : f.routes)
    j["routes"].push_back({withFids ? r.fid : 0, r.routeId, r.agencyId, r.shortName, r.longName, r.nameKana,
                           r.nameEn, r.description, r.routeType, r.url, r.color, r.textColor,
                           r.jpParentRouteId, r.jpUpdateDate, r.jpOriginStop, r.jpViaStop,
                           r.jpDestinationStop});
  for (const auto& p : f.patterns)
    j["patterns"].push_back(
        {p.patternId, p.routeId, p.updateDate, p.originStop, p.viaStop, p.destinationStop});
  for (const auto& t : f.trips)
    j["trips"].push_back({withFids ? t.fid : 0, t.tripId, t.routeId, t.serviceId, t.headsign, t.shortName,
                          opt(t.directionId), t.blockId, t.shapeId, opt(t.wheelchairAccessible),
                          opt(t.bikesAllowed), t.jpTripDesc, t.jpTripDescSymbol, t.jpOfficeId,
                          t.jpPatternId});
  for (const auto& s : f.stopTimes)
    j["stop_times"].push_back({s.trip, s.stop, s.stopSequence, s.arrivalS, s.departureS, s.timepoint,
                               s.stopHeadsign, opt(s.pickupType), opt(s.dropOffType),
                               opt(s.shapeDistTraveled)});
  for (const auto& c : f.calendar)
    j["calendar"].push_back(
        {c.serviceId, std::vector<bool>(std::begin(c.days), std::end(c.days)), c.startDate, c.endDate});
  for (const auto& c : f.calendarDates) j["calendar_dates"].push_back({c.serviceId, c.date, c.exceptionType});
  for (const auto& a : f.fareAttributes)
    j["fare_attributes"].push_back({a.fareId, a.price, a.currencyType, opt(a.paymentMethod), opt(a.transfers),
                                    a.agencyId, opt(a.transferDurationS)});
  for (const auto& r : f.fareRules)
    j["fare_rules"].push_back({r.fareId, r.routeId, r.originId, r.destinationId, r.containsId});
  for (const auto& t : f.translations)
    j["translations"].push_back(
        {t.tableName, t.fieldName, t.language, t.translation, t.recordId, t.recordSubId, t.fieldValue});
  for (const auto& r : f.routeShapes)
    j["route_shapes"].push_back({r.routeId, r.shapeId, r.source, r.trips, r.lengthM, points(r.points)});
  return j;
}

// What a store should read back of a feed the reader parsed: the store's documented order
// (calendar by service, calendar dates by date, fares by id), route lines of two points or more.
store::GtfsFeed expectedFeed(const std::string& path) {
  core::Feedback fb;
  io::GtfsReadResult r = io::readGtfs(path, fb);
  store::GtfsFeed f = std::move(r.feed);
  f.info.sourceSha256 = io::gtfsFeedSha256(path);
  std::stable_sort(f.calendar.begin(), f.calendar.end(),
                   [](auto& a, auto& b) { return a.serviceId < b.serviceId; });
  std::stable_sort(f.calendarDates.begin(), f.calendarDates.end(), [](auto& a, auto& b) {
    return std::tie(a.date, a.serviceId) < std::tie(b.date, b.serviceId);
  });
  std::stable_sort(f.fareAttributes.begin(), f.fareAttributes.end(),
                   [](auto& a, auto& b) { return a.fareId < b.fareId; });
  std::erase_if(f.routeShapes, [](const store::GtfsRouteShape& s) { return s.points.size() < 2; });
  return f;
}

std::vector<std::string> transitTables() {
  return {"gtfs_feed",         "gtfs_agencies",       "gtfs_offices",         "gtfs_stops",
          "gtfs_routes",       "gtfs_patterns",       "gtfs_trips",           "gtfs_stop_times",
          "gtfs_calendar",     "gtfs_calendar_dates", "gtfs_fare_attributes", "gtfs_fare_rules",
          "gtfs_translations", "gtfs_route_shapes",   "ridership_records"};
}

// Everything the transit and ridership stores and the import log hold, fids and times included.
std::string snapshot(const std::string& location) {
  const store::Project p = store::Project::open(location, store::OpenMode::ReadOnly);
  json j = feedJson(store::readGtfsFeed(p), true, true);
  for (const auto& t : transitTables()) j["rows"][t] = p.rowCount(t);
  for (const auto& e : p.importLog())
    j["log"].push_back({e.fid, e.sourcePath, e.sourceSha256, e.kind, e.rows, e.importedAt});
  for (const auto& r : store::readRidership(p))
    j["ridership"].push_back(
        {r.date, r.routeId, r.tripId, r.stopId, r.boardings, opt(r.alightings), r.layout});
  return j.dump(1);
}

io::GtfsImportResult importFeed(const std::string& location, const std::string& feed, bool force = false) {
  store::Project p = store::Project::open(location);
  core::Feedback fb;
  return io::importGtfs(p, feed, {.force = force}, fb);
}

mobility::RidershipImportResult importRidership(const std::string& location, const std::string& file,
                                                bool replace = false) {
  ops::Session session(location);
  core::Feedback fb;
  mobility::RidershipImportParams p;
  p.file = file;
  p.replace = replace;
  return ops::run<mobility::RidershipImportOp>(session, p, fb);
}

// A copy of the hand-made feed with one file's text edited.
std::string editedFeed(const ekm_test::TempDir& dir, const std::string& file, const std::string& from,
                       const std::string& to) {
  const fs::path out = dir.path() / "edited_feed";
  fs::create_directories(out);
  for (const auto& e : fs::directory_iterator(kFeed))
    fs::copy_file(e.path(), out / e.path().filename(), fs::copy_options::overwrite_existing);
  std::ifstream in(kFeed / file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error(file + " has no " + from);
  text.replace(at, from.size(), to);
  std::ofstream(out / file, std::ios::binary) << text;
  return out.string();
}

class TransitStore : public store_test::OnEachBackend {
 protected:
  TransitStore() : OnEachBackend("transit") {}
  void SetUp() override {
    OnEachBackend::SetUp();
    if (IsSkipped()) return;
    store::Project::create(m_location);
  }
};

// The hand-made feed reads back exactly as the reader parsed it, every table, with fids 1..n.
TEST_P(TransitStore, FeedReadsBackAsParsed) {
  const auto r = importFeed(m_location, kFeed.string());
  EXPECT_EQ(r.stops, 6);
  EXPECT_EQ(r.stopTimes, 16);
  const store::Project p = store::Project::open(m_location, store::OpenMode::ReadOnly);
  const store::GtfsFeed back = store::readGtfsFeed(p);
  const store::GtfsFeed want = expectedFeed(kFeed.string());
  EXPECT_EQ(feedJson(back, false, false).dump(1), feedJson(want, false, false).dump(1));
  ASSERT_EQ(back.stops.size(), 6u);
  for (std::size_t k = 0; k < back.stops.size(); ++k)
    EXPECT_EQ(back.stops[k].fid, static_cast<std::int64_t>(k + 1));
  EXPECT_FALSE(back.info.importedAt.empty());
  EXPECT_EQ(feedJson({.info = {}, .stops = store::gtfsStops(p)}, true, false)["stops"],
            feedJson(back, true, false)["stops"]);
  EXPECT_EQ(feedJson({.info = {}, .routes = store::gtfsRoutes(p)}, true, false)["routes"],
            feedJson(back, true, false)["routes"]);
  EXPECT_EQ(feedJson({.info = {}, .routeShapes = store::gtfsRouteShapes(p)}, true, false)["route_shapes"],
            feedJson(back, true, false)["route_shapes"]);
  ASSERT_TRUE(store::gtfsFeedInfo(p));
  EXPECT_EQ(store::gtfsFeedInfo(p)->attribution, "テスト交通株式会社 (GTFS)");
  ASSERT_EQ(p.importLog().size(), 1u);
  EXPECT_EQ(p.importLog()[0].kind, "gtfs");
  EXPECT_EQ(p.importLog()[0].rows, 16);
}

// A feed the reader refuses, a feed the store refuses half-way (a duplicate stop id after the
// old feed was deleted and rows appended), and a cancel at any point: the project as before.
TEST_P(TransitStore, RefusedFailedAndCancelledImportsChangeNothing) {
  importFeed(m_location, kFeed.string());
  const std::string before = snapshot(m_location);
  ekm_test::TempDir dir("transit_refused");
  const std::string bad = editedFeed(dir, "trips.txt", "R2,WK,T4", "R9,WK,T4");
  EXPECT_THROW(importFeed(m_location, bad, true), io::GtfsFeedError);
  EXPECT_EQ(snapshot(m_location), before);
  EXPECT_THROW(importFeed(m_location, kFeed.string()), core::Error);  // already imported
  EXPECT_EQ(snapshot(m_location), before);
  {
    store::GtfsFeed f = expectedFeed(kFeed.string());
    f.stops.push_back(f.stops.front());  // UNIQUE stop_id, after every table was emptied
    store::Project p = store::Project::open(m_location);
    EXPECT_THROW(store::writeGtfsFeed(p, f), core::Error);
    f = expectedFeed(kFeed.string());
    f.stopTimes.back().stop = 99;  // the last row of the stop times has no stop
    EXPECT_THROW(store::writeGtfsFeed(p, f), std::exception);
  }
  EXPECT_EQ(snapshot(m_location), before);
  ASSERT_TRUE(fs::exists(kChiibus)) << kChiibus;
  for (const double at : {0.0, 30.0, 80.0, 100.0}) {  // 100: read, not yet written
    SCOPED_TRACE(at);
    store::Project p = store::Project::open(m_location);
    core::Feedback fb;
    fb.setThrottleInterval(std::chrono::milliseconds(0));
    fb.setProgressHandler([&](double percent) {
      if (percent >= at) fb.cancel();
    });
    if (at == 0.0) fb.cancel();
    EXPECT_THROW(io::importGtfs(p, kChiibus.string(), {.force = true}, fb), core::CancelledError);
  }
  EXPECT_EQ(snapshot(m_location), before);
}

// --force replaces the feed: the same feed again leaves one copy; another feed leaves only its rows.
TEST_P(TransitStore, ForceReplacesTheFeed) {
  importFeed(m_location, kFeed.string());
  importFeed(m_location, kFeed.string(), true);
  {
    const store::Project p = store::Project::open(m_location, store::OpenMode::ReadOnly);
    EXPECT_EQ(p.rowCount("gtfs_stop_times"), 16);
    EXPECT_EQ(p.rowCount("gtfs_stops"), 6);
    EXPECT_EQ(feedJson(store::readGtfsFeed(p), false, false).dump(1),
              feedJson(expectedFeed(kFeed.string()), false, false).dump(1));
  }
  ASSERT_TRUE(fs::exists(kChiibus)) << kChiibus;
  const auto r = importFeed(m_location, kChiibus.string(), true);
  EXPECT_EQ(r.stopTimes, 27103);
  const store::Project p = store::Project::open(m_location, store::OpenMode::ReadOnly);
  EXPECT_EQ(p.rowCount("gtfs_stop_times"), 27103);
  EXPECT_EQ(p.rowCount("gtfs_stops"), 219);
  EXPECT_EQ(feedJson(store::readGtfsFeed(p), false, false).dump(1),
            feedJson(expectedFeed(kChiibus.string()), false, false).dump(1));
  EXPECT_EQ(p.importLog().size(), 3u);
}

// Ridership: imports, a repeat refused, --replace, the one-layout rule, all-or-nothing.
TEST_P(TransitStore, RidershipImportsAndRefusals) {
  importFeed(m_location, kFeed.string());
  const auto r = importRidership(m_location, (kRidership / "stop_trip.csv").string());
  EXPECT_EQ(r.records, 16);
  EXPECT_EQ(r.riders, 80 + 30 + 30 + 28);
  const std::string stored = snapshot(m_location);
  try {
    importRidership(m_location, (kRidership / "stop_trip.csv").string());
    ADD_FAILURE() << "a repeated import was accepted";
  } catch (const core::StoreError& e) {
    EXPECT_EQ(e.context().line, 2) << e.what();  // the file's first record
    EXPECT_NE(std::string(e.what()).find("already in the project"), std::string::npos) << e.what();
  }
  EXPECT_EQ(snapshot(m_location), stored);
  try {
    importRidership(m_location, (kRidership / "route_day.csv").string());
    ADD_FAILURE() << "mixed layouts imported";
  } catch (const core::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("other layout"), std::string::npos) << e.what();
  }
  EXPECT_EQ(snapshot(m_location), stored);
  EXPECT_EQ(importRidership(m_location, (kRidership / "stop_trip.csv").string(), true).records, 16);
  const store::Project p = store::Project::open(m_location, store::OpenMode::ReadOnly);
  const auto back = store::readRidership(p);
  ASSERT_EQ(back.size(), 16u);
  std::int64_t riders = 0;
  for (const auto& x : back) riders += x.boardings;
  EXPECT_EQ(riders, 80 + 30 + 30 + 28);
  EXPECT_TRUE(std::is_sorted(back.begin(), back.end(), [](auto& a, auto& b) {
    return std::tie(a.date, a.routeId, a.tripId, a.stopId) < std::tie(b.date, b.routeId, b.tripId, b.stopId);
  }));
}

INSTANTIATE_TEST_SUITE_P(Backends, TransitStore,
                         ::testing::Values(store_test::Backend::SQLite, store_test::Backend::PostgreSQL),
                         store_test::backendName);

// The Result JSON of `op` with `params` through the registry.
ops::Json opResult(const std::string& location, const std::string& op, const ops::Json& params) {
  ops::Session session(location);
  core::Feedback fb;
  return ops::toJson(ops::Registry::global().at(op).run(session, params, fb));
}

// The same imports on both backends read back the same, fids and all, and the mobility
// operations give the same results.
TEST(TransitBackends, PostgresReadsAndComputesWhatTheGeoPackageDoes) {
  std::string whyNot;
  ekm_test::PgServer* server = store_test::sharedPgServer(whyNot);
  if (!server) GTEST_SKIP() << whyNot;
  ekm_test::TempDir dir("transit_backends");
  const std::string gpkg = dir.str("p.gpkg"), pg = server->location("transit_both");
  for (const auto& location : {gpkg, pg}) {
    store::Project::create(location);
    importFeed(location, kFeed.string());
    importRidership(location, (kRidership / "route_day.csv").string());
  }
  json a = json::parse(snapshot(gpkg)), b = json::parse(snapshot(pg));
  for (auto* j : {&a, &b}) {
    j->erase("imported_at");
    for (auto& e : (*j)["log"]) e[5] = "";  // import times
  }
  EXPECT_EQ(b.dump(1), a.dump(1));
  EXPECT_EQ(a["ridership"].size(), 26u);

  for (const auto& [op, params] : std::vector<std::pair<std::string, ops::Json>>{
           {"mobility-service", ops::Json::object()},
           {"mobility-service", {{"day_type", "saturday"}}},
           {"mobility-kpi", {{"target", 100000.0}}},
       }) {
    SCOPED_TRACE(op + " " + params.dump());
    const ops::Json ra = opResult(gpkg, op, params), rb = opResult(pg, op, params);
    EXPECT_EQ(rb.dump(1), ra.dump(1));
    EXPECT_FALSE(ra["summary"].empty());
  }
}

}  // namespace
