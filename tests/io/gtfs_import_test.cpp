// GTFS / GTFS-JP import: the hand-made feed (tests/data/gtfs/jp_small) with every rule broken
// one at a time in a copy, both translations layouts, the real Chii-bus feed (a zip in
// data/samples/gtfs_chiibus) cross-checked against python3's csv module, a refused feed
// leaving the project byte for byte as it was, and the CLI.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ekm/core/data_dir.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/store/transit_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
namespace fs = std::filesystem;

namespace {

const fs::path kFeed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
const fs::path kChiibus = fs::path(ekm::core::sourceDir()) / "data" / "samples" / "gtfs_chiibus" / "chiibus_gtfs.zip";

// A copy of the hand-made feed with some files replaced (empty content = file removed).
std::string feedCopy(const ekm_test::TempDir& dir, const std::map<std::string, std::string>& replace = {}) {
  const fs::path out = dir / "feed";
  fs::create_directories(out);
  for (const auto& e : fs::directory_iterator(kFeed)) fs::copy_file(e.path(), out / e.path().filename());
  for (const auto& [name, text] : replace) {
    if (text.empty())
      fs::remove(out / name);
    else
      ekm_test::writeFile(out / name, text);
  }
  return out.string();
}

// The file's text with `from` replaced by `to` (exactly once).
std::string edited(const std::string& file, const std::string& from, const std::string& to) {
  std::string s = ekm_test::readFile(kFeed / file);
  const auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) s.replace(pos, from.size(), to);
  return s;
}

io::GtfsReadResult readFeed(const std::string& path) {
  core::Feedback fb;
  return io::readGtfs(path, fb);
}

// The fatal problem of a broken rule: at `file:line`, field and message as expected. Alone
// unless the case says the break cascades (a missing stop makes its stop times dangle).
void expectFatal(const io::GtfsReadResult& r, const std::string& file, std::int64_t line, const std::string& field,
                 const std::string& message, bool alone) {
  bool found = false;
  for (const auto& p : r.problems)
    found |= p.fatal() && p.file == file && p.line == line && p.field == field &&
             p.message.find(message) != std::string::npos;
  EXPECT_TRUE(found);
  if (alone) {
    EXPECT_EQ(r.fatalCount, 1);
  }
  if (!found || (alone && r.fatalCount != 1))
    for (const auto& p : r.problems) ADD_FAILURE() << (p.fatal() ? "fatal: " : "warning: ") << p.format();
}

struct Broken {
  const char* name;
  const char* file;
  std::string text;  // the replacement file ("" removes it)
  const char* problemFile;
  std::int64_t line;
  const char* field;
  const char* message;  // a part of the message
  bool alone = true;    // the only fatal problem
};

}  // namespace

TEST(GtfsReader, HandMadeFeedReadsWithEveryGtfsJpPart) {
  const auto r = readFeed(kFeed.string());
  for (const auto& p : r.problems) SCOPED_TRACE(p.format());
  EXPECT_EQ(r.fatalCount, 0);
  const auto& f = r.feed;
  ASSERT_EQ(f.agencies.size(), 1u);
  EXPECT_EQ(f.agencies[0].officialName, "テスト交通株式会社");  // agency_jp
  EXPECT_EQ(f.agencies[0].address, "東京都港区高輪二丁目");
  ASSERT_EQ(f.offices.size(), 1u);
  EXPECT_EQ(f.offices[0].name, "高輪営業所");
  ASSERT_EQ(f.stops.size(), 6u);
  EXPECT_EQ(f.stops[1].parentStation, "ST1");
  EXPECT_EQ(f.stops[1].platformCode, "1");
  EXPECT_EQ(f.stops[1].nameKana, "たかなわげーとうぇいえきまえ");  // by field_value
  EXPECT_EQ(f.stops[1].nameEn, "Takanawa Gateway Sta.");           // by record_id
  EXPECT_EQ(f.stops[2].nameEn, "Sengakuji");
  ASSERT_EQ(f.routes.size(), 2u);
  EXPECT_EQ(f.routes[0].nameKana, "たかなわるーと");
  EXPECT_EQ(f.routes[0].nameEn, "Takanawa Route");
  EXPECT_EQ(f.routes[0].color, "E4007F");
  EXPECT_EQ(f.routes[0].jpParentRouteId, "R1P");
  EXPECT_EQ(f.routes[0].jpViaStop, "泉岳寺");  // routes_jp
  ASSERT_EQ(f.patterns.size(), 1u);
  ASSERT_EQ(f.trips.size(), 5u);
  EXPECT_EQ(f.trips[0].jpOfficeId, "O1");
  EXPECT_EQ(f.trips[0].jpPatternId, "P1");
  EXPECT_EQ(f.trips[0].jpTripDescSymbol, "泉");
  ASSERT_EQ(f.stopTimes.size(), 16u);
  // 6:28:00 (one-digit hour), 25:10:00 (past midnight)
  EXPECT_EQ(f.stopTimes[0].departureS, 6 * 3600 + 28 * 60);
  EXPECT_EQ(f.stopTimes[13].arrivalS, 25 * 3600 + 10 * 60);
  // T1 at S2 had no time: interpolated by distance between 6:36 at S1 and 6:50 at S3.
  EXPECT_FALSE(f.stopTimes[2].timepoint);
  EXPECT_GT(f.stopTimes[2].arrivalS, 6 * 3600 + 36 * 60);
  EXPECT_LT(f.stopTimes[2].arrivalS, 6 * 3600 + 50 * 60);
  EXPECT_EQ(f.calendar.size(), 3u);
  EXPECT_EQ(f.calendarDates.size(), 2u);
  EXPECT_EQ(f.calendarDates[0].date, "2026-02-11");
  EXPECT_EQ(f.fareAttributes.size(), 1u);
  EXPECT_EQ(f.fareRules.size(), 2u);
  EXPECT_EQ(f.info.publisherName, "テスト交通株式会社");
  EXPECT_EQ(f.info.startDate, "2026-01-05");
  EXPECT_EQ(f.translations.size(), 7u);
  // Route lines: SH1 for R1 (3 trips), the stop pattern of R2's trips (T4 and T5 share it).
  ASSERT_EQ(f.routeShapes.size(), 2u);
  EXPECT_EQ(f.routeShapes[0].shapeId, "SH1");
  EXPECT_EQ(f.routeShapes[0].trips, 3);
  EXPECT_EQ(f.routeShapes[1].source, "stops");
  EXPECT_EQ(f.routeShapes[1].trips, 2);
  // Warnings: the unused stop S5, the translation of a name no stop has.
  ASSERT_EQ(r.warningCount, 2);
  EXPECT_NE(r.problems[0].format().find("translations.txt:8: column 'field_value'"), std::string::npos)
      << r.problems[0].format();
  EXPECT_NE(r.problems[1].message.find("1 stop without stop times"), std::string::npos);
}

TEST(GtfsReader, TimesAndDates) {
  std::int32_t s = 0;
  EXPECT_TRUE(io::parseGtfsTime("6:28:00", s));
  EXPECT_EQ(s, 23280);
  EXPECT_TRUE(io::parseGtfsTime("25:10:00", s));
  EXPECT_EQ(s, 90600);
  EXPECT_TRUE(io::parseGtfsTime(" 06:28:00 ", s));
  for (const char* bad : {"6:28", "7:5:00", "06:60:00", "06:28:61", "x6:28:00", ":28:00", "06-28-00", ""})
    EXPECT_FALSE(io::parseGtfsTime(bad, s)) << bad;
  std::string iso;
  EXPECT_TRUE(io::parseGtfsDate("20260211", iso));
  EXPECT_EQ(iso, "2026-02-11");
  EXPECT_FALSE(io::parseGtfsDate("20260230", iso));
  EXPECT_FALSE(io::parseGtfsDate("2026-02-11", iso));
}

TEST(GtfsReader, EveryBrokenRuleIsFatalWithFileLineAndField) {
  const std::vector<Broken> cases = {
      {"missing stops.txt", "stops.txt", "", "stops.txt", 0, "", "required file missing", false},
      {"missing column", "trips.txt", edited("trips.txt", "route_id,service_id,trip_id", "route,service_id,trip_id"),
       "trips.txt", 1, "route_id", "required column missing", false},
      {"too few fields", "stops.txt", edited("stops.txt", "S3,103,高輪一丁目,,35.64200,139.73600,Z1,0,,,", "S3,103"),
       "stops.txt", 5, "", "too few fields", false},
      {"duplicate stop", "stops.txt", edited("stops.txt", "S3,103", "S2,103"), "stops.txt", 5, "stop_id", "duplicate stop_id", false},
      {"latitude out of range", "stops.txt", edited("stops.txt", "35.64200", "135.642"), "stops.txt", 5, "stop_lat",
       "invalid value"},
      {"unknown parent station", "stops.txt", edited("stops.txt", "0,ST1,", "0,ST9,"), "stops.txt", 3,
       "parent_station", "unknown parent station"},
      {"parent not a station", "stops.txt", edited("stops.txt", "0,ST1,", "0,S2,"), "stops.txt", 3, "parent_station",
       "wrong type"},
      {"route of an unknown agency", "routes.txt", edited("routes.txt", "R2,A1", "R2,A9"), "routes.txt", 3,
       "agency_id", "unknown agency"},
      {"bad route colour", "routes.txt", edited("routes.txt", "E4007F", "pink"), "routes.txt", 2, "route_color",
       "invalid colour"},
      {"trip of an unknown route", "trips.txt", edited("trips.txt", "R2,WK,T4", "R9,WK,T4"), "trips.txt", 5,
       "route_id", "unknown route"},
      {"unknown service", "trips.txt", edited("trips.txt", "R2,HO,T5", "R2,XX,T5"), "trips.txt", 6, "service_id",
       "unknown service"},
      {"unknown shape", "trips.txt", edited("trips.txt", "T3,高輪一丁目行,0,SH1", "T3,高輪一丁目行,0,SH9"),
       "trips.txt", 4, "shape_id", "unknown shape"},
      {"unknown office", "trips.txt", edited("trips.txt", "T5,品川駅港南口行,1,,,,O1", "T5,品川駅港南口行,1,,,,O7"),
       "trips.txt", 6, "jp_office_id", "unknown office"},
      {"duplicate trip", "trips.txt", edited("trips.txt", "T2,", "T1,"), "trips.txt", 3, "trip_id", "duplicate trip_id", false},
      {"stop time of an unknown stop", "stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00,S2", "T2,07:12:00,07:12:00,S8"),
       "stop_times.txt", 8, "stop_id", "unknown stop"},
      {"stop time at a station", "stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00,S2", "T2,07:12:00,07:12:00,ST1"),
       "stop_times.txt", 8, "stop_id", "stops or platforms"},
      {"stop time of an unknown trip", "stop_times.txt", edited("stop_times.txt", "T5,10:00:00", "T6,10:00:00"),
       "stop_times.txt", 16, "trip_id", "unknown trip"},
      {"malformed time", "stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00", "T2,7:2:00,07:12:00"),
       "stop_times.txt", 8, "arrival_time", "invalid time"},
      {"departure before arrival", "stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00", "T2,07:12:00,07:11:00"),
       "stop_times.txt", 8, "departure_time", "departure before arrival"},
      {"time runs backwards", "stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00", "T2,07:05:00,07:05:00"),
       "stop_times.txt", 8, "arrival_time", "backwards"},
      {"duplicate stop_sequence", "stop_times.txt", edited("stop_times.txt", "S2,30", "S2,20"), "stop_times.txt", 8,
       "stop_sequence", "duplicate stop_sequence"},
      {"last stop without time", "stop_times.txt", edited("stop_times.txt", "T2,07:20:00,07:20:00", "T2,,"),
       "stop_times.txt", 9, "arrival_time", "first and last stop"},
      {"bad calendar day", "calendar.txt", edited("calendar.txt", "SA,0,0,0,0,0,1", "SA,0,0,0,0,0,2"), "calendar.txt", 3,
       "saturday", "invalid value"},
      {"bad calendar date", "calendar_dates.txt", edited("calendar_dates.txt", "20260211,1", "20260231,1"),
       "calendar_dates.txt", 3, "date", "invalid date"},
      {"bad exception type", "calendar_dates.txt", edited("calendar_dates.txt", "20260211,1", "20260211,3"),
       "calendar_dates.txt", 3, "exception_type", "invalid value"},
      {"fare rule of an unknown fare", "fare_rules.txt", edited("fare_rules.txt", "F100,R2", "F200,R2"),
       "fare_rules.txt", 3, "fare_id", "unknown fare"},
      {"routes_jp of an unknown route", "routes_jp.txt", edited("routes_jp.txt", "\nR1,", "\nR7,"), "routes_jp.txt", 2,
       "route_id", "unknown route"},
      {"duplicate shape point", "shapes.txt", edited("shapes.txt", "139.74000,4", "139.74000,3"), "shapes.txt", 5,
       "shape_pt_sequence", "duplicate shape point"},
      {"unterminated quote", "agency.txt", edited("agency.txt", "A1,テスト", "A1,\"テスト"), "agency.txt", 2, "",
       "unterminated", false},
      {"not UTF-8", "routes.txt", edited("routes.txt", "港南ルート", "\x8d\x60\x93\xec"), "routes.txt", 3, "", "not UTF-8"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ekm_test::TempDir dir("gtfs_rule");
    const auto r = readFeed(feedCopy(dir, {{c.file, c.text}}));
    expectFatal(r, c.problemFile, c.line, c.field, c.message, c.alone);
  }
}

namespace {

// The file's text with `row` appended (the hand-made files end with a newline).
std::string appended(const std::string& file, const std::string& row) { return ekm_test::readFile(kFeed / file) + row + "\n"; }

// stop_times.txt with a `timepoint` column: 1 on the row starting `timed`, 0 elsewhere.
std::string withTimepoint(const std::string& timed) {
  std::istringstream in(ekm_test::readFile(kFeed / "stop_times.txt"));
  std::string out, line;
  for (bool header = true; std::getline(in, line); header = false)
    out += line + (header ? ",timepoint" : line.rfind(timed, 0) == 0 ? ",1" : ",0") + "\n";
  return out;
}

// A broken rule that may take more than one file.
struct BrokenFiles {
  const char* name;
  std::map<std::string, std::string> files;  // replacements ("" removes the file)
  const char* problemFile;
  std::int64_t line;
  const char* field;
  const char* message;
  bool alone = true;
};

}  // namespace

// The reader's other fatal rules (gtfs_reader.cpp, every fatal() call not exercised above),
// one at a time, each at its file, line and field.
TEST(GtfsReader, EveryOtherFatalRuleWithFileLineAndField) {
  const std::string secondAgency = "第二交通,https://example.org/2,Asia/Tokyo,ja,";
  const std::vector<BrokenFiles> cases = {
      // CSV
      {"repeated header column", {{"agency.txt", edited("agency.txt", "agency_lang", "agency_name")}}, "agency.txt", 1,
       "agency_name", "repeated header column", false},
      {"too many fields", {{"stops.txt", edited("stops.txt", "139.74700,Z1,0,,,", "139.74700,Z1,0,,,,x")}}, "stops.txt", 7, "",
       "too many fields"},
      {"empty file", {{"agency_jp.txt", "\n"}}, "agency_jp.txt", 1, "", "empty file", false},
      {"control character", {{"agency.txt", edited("agency.txt", "A1,テスト", "A1,テ\x01スト")}}, "agency.txt", 2,
       "agency_name", "control character", false},
      {"neither calendar file", {{"calendar.txt", ""}, {"calendar_dates.txt", ""}}, "calendar.txt", 0, "",
       "required file missing", false},
      // values
      {"required text missing", {{"agency.txt", edited("agency.txt", "株式会社,https://example.org/bus,", "株式会社,,")}},
       "agency.txt", 2, "agency_url", "required value missing"},
      {"required date missing", {{"calendar.txt", edited("calendar.txt", "HO,0,0,0,0,0,0,1,20260105", "HO,0,0,0,0,0,0,1,")}},
       "calendar.txt", 4, "start_date", "required value missing"},
      {"required number missing", {{"routes.txt", edited("routes.txt", "港南ルート,,3,", "港南ルート,,,")}}, "routes.txt", 3,
       "route_type", "required value missing"},
      // agencies and offices
      {"agency without id among several", {{"agency.txt", appended("agency.txt", "," + secondAgency)}}, "agency.txt", 3,
       "agency_id", "required when a feed has several agencies"},
      {"duplicate agency", {{"agency.txt", appended("agency.txt", "A1," + secondAgency)}}, "agency.txt", 3, "agency_id",
       "duplicate agency_id"},
      {"agency_jp of an unknown agency", {{"agency_jp.txt", edited("agency_jp.txt", "\nA1,", "\nA9,")}}, "agency_jp.txt", 2,
       "agency_id", "unknown agency"},
      {"duplicate office", {{"office_jp.txt", appended("office_jp.txt", "O1,第二営業所,,")}}, "office_jp.txt", 3, "office_id",
       "duplicate office_id"},
      // stops
      {"stop without a name", {{"stops.txt", edited("stops.txt", "S5,105,芝浦中央公園", "S5,105,")}}, "stops.txt", 7,
       "stop_name", "required value missing"},
      {"entrance without a parent", {{"stops.txt", edited("stops.txt", "139.74700,Z1,0", "139.74700,Z1,2")}}, "stops.txt", 7,
       "parent_station", "required for entrances"},
      {"station with a parent", {{"stops.txt", edited("stops.txt", "139.74050,Z1,1,,", "139.74050,Z1,1,S2,")}}, "stops.txt",
       2, "parent_station", "a station cannot have a parent station"},
      // routes and patterns
      {"route without agency among several",
       {{"agency.txt", appended("agency.txt", "A2," + secondAgency)}, {"routes.txt", edited("routes.txt", "R2,A1,", "R2,,")}},
       "routes.txt", 3, "agency_id", "required when a feed has several agencies"},
      {"route without a name", {{"routes.txt", edited("routes.txt", "R2,A1,港南,港南ルート", "R2,A1,,")}}, "routes.txt", 3,
       "route_short_name", "a route needs a short or a long name"},
      {"unknown route type", {{"routes.txt", edited("routes.txt", "港南ルート,,3,", "港南ルート,,99,")}}, "routes.txt", 3,
       "route_type", "unknown route type"},
      {"duplicate route", {{"routes.txt", edited("routes.txt", "R2,A1,", "R1,A1,")}}, "routes.txt", 3, "route_id",
       "duplicate route_id", false},
      {"pattern of an unknown route", {{"pattern_jp.txt", "jp_pattern_id,route_id\nP1,R9\n"}}, "pattern_jp.txt", 2,
       "route_id", "unknown route"},
      {"duplicate pattern", {{"pattern_jp.txt", appended("pattern_jp.txt", "P1,20260105,品川駅港南口,,泉岳寺")}},
       "pattern_jp.txt", 3, "jp_pattern_id", "duplicate jp_pattern_id"},
      // calendar
      {"service ends before it starts",
       {{"calendar.txt", edited("calendar.txt", "SA,0,0,0,0,0,1,0,20260105,20261231", "SA,0,0,0,0,0,1,0,20260105,20251231")}},
       "calendar.txt", 3, "end_date", "service ends before it starts"},
      {"duplicate service", {{"calendar.txt", appended("calendar.txt", "HO,0,0,0,0,0,0,1,20260105,20261231")}},
       "calendar.txt", 5, "service_id", "duplicate service_id"},
      {"duplicate service date", {{"calendar_dates.txt", appended("calendar_dates.txt", "WK,20260211,2")}},
       "calendar_dates.txt", 4, "date", "duplicate service date"},
      // trips and stop times
      {"trip of an unknown pattern", {{"trips.txt", edited("trips.txt", "O1,P1", "O1,P9")}}, "trips.txt", 2, "jp_pattern_id",
       "unknown pattern"},
      {"stop time without a trip", {{"stop_times.txt", edited("stop_times.txt", "T5,10:00:00", ",10:00:00")}},
       "stop_times.txt", 16, "trip_id", "required value missing"},
      {"stop time without a stop", {{"stop_times.txt", edited("stop_times.txt", "T5,10:15:00,10:15:00,S4", "T5,10:15:00,10:15:00,")}},
       "stop_times.txt", 17, "stop_id", "required value missing"},
      {"malformed departure", {{"stop_times.txt", edited("stop_times.txt", "T2,07:12:00,07:12:00", "T2,07:12:00,7:2:00")}},
       "stop_times.txt", 8, "departure_time", "invalid time"},
      {"malformed stop_sequence", {{"stop_times.txt", edited("stop_times.txt", "S2,30", "S2,x")}}, "stop_times.txt", 8,
       "stop_sequence", "invalid value"},
      {"untimed timepoint", {{"stop_times.txt", withTimepoint("T1,,,S2")}}, "stop_times.txt", 4, "arrival_time",
       "a timepoint needs its times"},
      // fares
      {"fare of an unknown agency",
       {{"fare_attributes.txt", "fare_id,price,currency_type,payment_method,transfers,agency_id\nF100,100,JPY,0,0,A9\n"}},
       "fare_attributes.txt", 2, "agency_id", "unknown agency"},
      {"duplicate fare", {{"fare_attributes.txt", appended("fare_attributes.txt", "F100,200,JPY,0,0,")}},
       "fare_attributes.txt", 3, "fare_id", "duplicate fare_id"},
      {"fare rule of an unknown route", {{"fare_rules.txt", edited("fare_rules.txt", "F100,R2", "F100,R9")}}, "fare_rules.txt",
       3, "route_id", "unknown route"},
      {"unknown fare zone", {{"fare_rules.txt", edited("fare_rules.txt", "F100,R1,,", "F100,R1,Z9,")}}, "fare_rules.txt", 2,
       "origin_id", "unknown fare zone"},
      // feed info and translations
      {"two feed_info rows",
       {{"feed_info.txt", appended("feed_info.txt", "第二交通,https://example.org/2,ja,20260105,20261231,2")}},
       "feed_info.txt", 3, "", "more than one row"},
      {"feed ends before it starts", {{"feed_info.txt", edited("feed_info.txt", "20260105,20261231", "20260105,20251231")}},
       "feed_info.txt", 2, "feed_end_date", "feed ends before it starts"},
      {"record_id and field_value", {{"translations.txt", edited("translations.txt", "Sta.,S1,,", "Sta.,S1,,泉岳寺")}},
       "translations.txt", 3, "field_value", "record_id and field_value are exclusive"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ekm_test::TempDir dir("gtfs_rule");
    const auto r = readFeed(feedCopy(dir, c.files));
    expectFatal(r, c.problemFile, c.line, c.field, c.message, c.alone);
  }
}

// Every warning rule of the reader: the feed is kept (no fatal problem) and the warning names
// its file, line (0: the file as a whole) and field.
TEST(GtfsReader, EveryWarningRuleWithFileLineAndField) {
  const std::vector<BrokenFiles> cases = {
      {"stop at 0,0", {{"stops.txt", edited("stops.txt", "35.63700,139.74700", "0,0")}}, "stops.txt", 7, "stop_lat",
       "stop at 0,0"},
      {"service on no weekday", {{"calendar.txt", edited("calendar.txt", "SA,0,0,0,0,0,1,0", "SA,0,0,0,0,0,0,0")}},
       "calendar.txt", 3, "monday", "service runs on no day of the week"},
      {"pattern without pattern_jp.txt", {{"pattern_jp.txt", ""}}, "trips.txt", 2, "jp_pattern_id",
       "pattern reference without pattern_jp.txt"},
      {"trip without stop times",
       {{"stop_times.txt", edited("stop_times.txt", "T5,10:00:00,10:00:00,S1,1,,0,1\nT5,10:15:00,10:15:00,S4,2,,1,0\n", "")}},
       "trips.txt", 6, "trip_id", "trip without stop times"},
      {"trip with one stop time", {{"stop_times.txt", edited("stop_times.txt", "T5,10:15:00,10:15:00,S4,2,,1,0\n", "")}},
       "trips.txt", 6, "trip_id", "trip with a single stop time"},
      // S3 ~111 km north: T1 reaches it from S2 (interpolated, about 06:36) at 06:50.
      {"implausible speed", {{"stops.txt", edited("stops.txt", "35.64200,139.73600", "36.64200,139.73600")}},
       "stop_times.txt", 5, "arrival_time", "implausible speed"},
      {"route without trips", {{"routes.txt", appended("routes.txt", "R3,A1,芝,芝ルート,,3,,,,")}}, "routes.txt", 0,
       "route_id", "route without trips"},
      {"stop without stop times", {}, "stops.txt", 0, "stop_id", "1 stop without stop times"},
      {"translation of an unknown stop", {{"translations.txt", edited("translations.txt", "Sta.,S1,", "Sta.,S9,")}},
       "translations.txt", 3, "record_id", "translation of an unknown stop"},
      {"translation of an unknown route", {{"translations.txt", edited("translations.txt", "たかなわるーと,R1", "たかなわるーと,R9")}},
       "translations.txt", 6, "record_id", "translation of an unknown route"},
      {"translation of a stop name no stop has", {}, "translations.txt", 8, "field_value",
       "translation of a stop name no stop has"},
      {"translation of a route name no route has",
       {{"translations.txt", appended("translations.txt", "routes,route_long_name,en,Nowhere Route,,,存在しない路線")}},
       "translations.txt", 9, "field_value", "translation of a route name no route has"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ekm_test::TempDir dir("gtfs_warning");
    const auto r = readFeed(feedCopy(dir, c.files));
    EXPECT_EQ(r.fatalCount, 0);
    bool found = false;
    for (const auto& p : r.problems)
      found |= !p.fatal() && p.file == c.problemFile && p.line == c.line && p.field == c.field &&
               p.message.find(c.message) != std::string::npos;
    EXPECT_TRUE(found);
    if (!found || r.fatalCount != 0)
      for (const auto& p : r.problems) ADD_FAILURE() << (p.fatal() ? "fatal: " : "warning: ") << p.format();
  }
}

TEST(GtfsReader, OfficeReferenceWithoutOfficeFileIsAWarning) {
  // The real Chii-bus feed refers to office 01 without office_jp.txt: kept, with one warning.
  ekm_test::TempDir dir("gtfs_office");
  const auto r = readFeed(feedCopy(dir, {{"office_jp.txt", ""}}));
  EXPECT_EQ(r.fatalCount, 0);
  EXPECT_EQ(r.warningCount, 3);
  bool found = false;
  for (const auto& p : r.problems)
    found |= !p.fatal() && p.field == "jp_office_id" && p.line == 2 && p.file == "trips.txt";
  EXPECT_TRUE(found);
}

TEST(GtfsReader, EveryProblemIsReportedNotJustTheFirst) {
  ekm_test::TempDir dir("gtfs_many");
  std::string trips = edited("trips.txt", "R2,WK,T4", "R9,WK,T4");
  trips.replace(trips.find("R2,HO,T5"), 8, "R2,XX,T5");
  const auto r = readFeed(feedCopy(dir, {{"trips.txt", trips},
                                         {"stop_times.txt", edited("stop_times.txt", "S2,30", "S2,20")}}));
  EXPECT_EQ(r.fatalCount, 3);
  const io::GtfsFeedError e(r.problems, r.fatalCount);
  const std::string m = e.what();
  EXPECT_NE(m.find("3 fatal problems"), std::string::npos) << m;
  EXPECT_NE(m.find("trips.txt:5: column 'route_id'"), std::string::npos) << m;
  EXPECT_NE(m.find("trips.txt:6: column 'service_id'"), std::string::npos) << m;
  EXPECT_NE(m.find("stop_times.txt:8: column 'stop_sequence'"), std::string::npos) << m;
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
}

TEST(GtfsReader, GtfsJpV1TranslationsLayout) {
  ekm_test::TempDir dir("gtfs_v1");
  const auto r = readFeed(feedCopy(dir, {{"translations.txt",
                                          "trans_id,lang,translation\n"
                                          "泉岳寺,ja-Hrkt,せんがくじ\n泉岳寺,en,Sengakuji\n"
                                          "港南ルート,en,Konan Route\n港南ルート,ja-Hrkt,こうなんるーと\n"
                                          "品川駅港南口行,en,for Shinagawa Sta. Konan Exit\n"}}));
  EXPECT_EQ(r.fatalCount, 0);
  EXPECT_EQ(r.feed.stops[2].nameKana, "せんがくじ");
  EXPECT_EQ(r.feed.stops[2].nameEn, "Sengakuji");
  EXPECT_EQ(r.feed.routes[1].nameEn, "Konan Route");
  EXPECT_EQ(r.feed.routes[1].nameKana, "こうなんるーと");
  ASSERT_EQ(r.feed.translations.size(), 5u);
  EXPECT_EQ(r.feed.translations[0].fieldValue, "泉岳寺");
}

TEST(GtfsImport, WritesTheFeedAndReadsItBack) {
  ekm_test::TempDir dir("gtfs_store");
  auto project = store::Project::create(dir.str("p.gpkg"));
  core::Feedback fb;
  const auto r = io::importGtfs(project, kFeed.string(), {}, fb);
  EXPECT_EQ(r.stops, 6);
  EXPECT_EQ(r.stopTimes, 16);
  EXPECT_EQ(r.interpolated, 1);
  EXPECT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.attribution, "テスト交通株式会社 (GTFS)");
  const auto back = store::readGtfsFeed(project);
  EXPECT_EQ(back.stops.size(), 6u);
  EXPECT_EQ(back.stops[1].nameEn, "Takanawa Gateway Sta.");
  EXPECT_NEAR(back.stops[1].position.lat, 35.6352, 1e-9);
  EXPECT_EQ(back.trips.size(), 5u);
  ASSERT_EQ(back.stopTimes.size(), 16u);
  EXPECT_EQ(back.stopTimes[13].arrivalS, 90600);
  EXPECT_EQ(back.trips[static_cast<std::size_t>(back.stopTimes[13].trip)].tripId, "T4");
  EXPECT_EQ(back.stops[static_cast<std::size_t>(back.stopTimes[13].stop)].stopId, "S4");
  EXPECT_EQ(back.calendarDates.size(), 2u);
  EXPECT_EQ(back.routeShapes.size(), 2u);
  EXPECT_EQ(back.routeShapes[0].points.size(), 5u);
  EXPECT_EQ(back.info.warnings.size(), 2u);
  EXPECT_EQ(back.agencies[0].presidentName, "試験太郎");
  EXPECT_EQ(project.rowCount("gtfs_stop_times"), 16);
  // Same feed again: refused (import log) unless forced; forced replaces, never duplicates.
  try {
    io::importGtfs(project, kFeed.string(), {}, fb);
    ADD_FAILURE() << "a second import of the same feed was accepted";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::Duplicate);
  }
  io::importGtfs(project, kFeed.string(), {.force = true}, fb);
  EXPECT_EQ(project.rowCount("gtfs_stop_times"), 16);
  EXPECT_EQ(project.rowCount("gtfs_stops"), 6);
}

TEST(GtfsImport, RefusedFeedLeavesTheProjectUnchanged) {
  ekm_test::TempDir dir("gtfs_refused");
  const std::string path = dir.str("p.gpkg");
  {
    auto project = store::Project::create(path);
    core::Feedback fb;
    io::importGtfs(project, kFeed.string(), {}, fb);
  }
  const std::string before = ekm_test::readFile(path);
  const std::string bad = feedCopy(dir, {{"trips.txt", edited("trips.txt", "R2,WK,T4", "R9,WK,T4")}});
  {
    auto project = store::Project::open(path);
    core::Feedback fb;
    EXPECT_THROW(io::importGtfs(project, bad, {.force = true}, fb), io::GtfsFeedError);
  }
  EXPECT_EQ(ekm_test::readFile(path), before);
}

// Ctrl-C or the GUI's Cancel at any point of reading the Chii-bus feed: the import stops with
// CancelledError (a status, not a feed problem), the project is byte-identical to before, and the
// next import of the same feed is not refused as a duplicate (nothing was logged).
TEST(GtfsImport, CancelAtAnyPointLeavesTheProjectUnchanged) {
  ASSERT_TRUE(fs::exists(kChiibus)) << kChiibus;
  ekm_test::TempDir dir("gtfs_cancel");
  const std::string path = dir.str("p.gpkg");
  { store::Project::create(path); }
  const std::string before = ekm_test::readFile(path);
  for (const double at : {0.0, 5.0, 30.0, 45.0, 60.0, 80.0, 100.0}) {  // 100: read, not yet written
    SCOPED_TRACE(at);
    auto project = store::Project::open(path);
    core::Feedback fb;
    fb.setThrottleInterval(std::chrono::milliseconds(0));
    double last = -1;
    fb.setProgressHandler([&](double percent) {
      last = percent;
      if (percent >= at) fb.cancel();
    });
    if (at == 0.0) fb.cancel();  // cancelled before it starts
    EXPECT_THROW(io::importGtfs(project, kChiibus.string(), {}, fb), core::CancelledError);
    if (at > 0) {
      EXPECT_GE(last, at);  // the cancel came from the progress at `at`
    }
    EXPECT_EQ(project.rowCount("gtfs_stop_times"), 0);
  }
  EXPECT_EQ(ekm_test::readFile(path), before);
  auto project = store::Project::open(path);
  core::Feedback fb;
  const auto r = io::importGtfs(project, kChiibus.string(), {}, fb);
  EXPECT_EQ(r.stopTimes, 27103);
  EXPECT_EQ(project.rowCount("gtfs_stop_times"), 27103);
}

TEST(GtfsImport, ChiibusZipMatchesPythonCsvCounts) {
  ASSERT_TRUE(fs::exists(kChiibus)) << kChiibus;
  ekm_test::TempDir dir("gtfs_chiibus");
  auto project = store::Project::create(dir.str("p.gpkg"));
  core::Feedback fb;
  const auto r = io::importGtfs(project, kChiibus.string(), {}, fb);
  // Independent count: python3's csv module over the zip's files.
  const auto py = ekm_test::run(
      "python3 -c \"import csv,io,zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
      "n=lambda f: sum(1 for _ in csv.DictReader(io.TextIOWrapper(z.open(f),encoding='utf-8-sig'))); "
      "print(n('stops.txt'), n('routes.txt'), n('trips.txt'), n('stop_times.txt'), n('translations.txt'), "
      "len({r['shape_id'] for r in csv.DictReader(io.TextIOWrapper(z.open('shapes.txt'),encoding='utf-8-sig'))}))\" " +
      ekm_test::quote(kChiibus.string()));
  ASSERT_EQ(py.exitCode, 0) << py.out;
  std::istringstream in(py.out);
  std::int64_t stops = 0, routes = 0, trips = 0, stopTimes = 0, translations = 0, shapes = 0;
  in >> stops >> routes >> trips >> stopTimes >> translations >> shapes;
  EXPECT_EQ(stops, 219);
  EXPECT_EQ(stopTimes, 27103);
  EXPECT_EQ(r.stops, stops);
  EXPECT_EQ(r.routes, routes);
  EXPECT_EQ(r.trips, trips);
  EXPECT_EQ(r.stopTimes, stopTimes);
  EXPECT_EQ(project.rowCount("gtfs_translations"), translations);
  EXPECT_EQ(project.rowCount("gtfs_stop_times"), stopTimes);
  EXPECT_EQ(project.rowCount("gtfs_route_shapes"), r.shapes);
  EXPECT_GE(r.shapes, shapes);  // every shape used by a route (a shape may serve two routes)
  // The dangling jp_office_id '01' (no office_jp.txt) is a warning, named with file and line.
  bool office = false;
  for (const auto& w : r.warnings) office |= w.field == "jp_office_id" && w.file == "trips.txt" && w.line == 2;
  EXPECT_TRUE(office);
  EXPECT_EQ(r.attribution, "株式会社フジエクスプレス (GTFS)");
  // Names in three scripts for a stop with translations.
  const auto stopsBack = store::gtfsStops(project);
  const auto tamachi = std::find_if(stopsBack.begin(), stopsBack.end(), [](auto& s) { return s.stopId == "2621_01"; });
  ASSERT_NE(tamachi, stopsBack.end());
  EXPECT_EQ(tamachi->name, "田町駅東口");
  EXPECT_FALSE(tamachi->nameKana.empty());
  EXPECT_FALSE(tamachi->nameEn.empty());
}

TEST(GtfsImport, CliImportsAFeedAndRefusesABrokenOneWithFileAndLine) {
  ekm_test::TempDir dir("gtfs_cli");
  const std::string project = dir.str("p.gpkg");
  store::Project::create(project);
  const auto bad = feedCopy(dir, {{"stop_times.txt", edited("stop_times.txt", "S2,30", "S2,20")}});
  const auto refused = ekm_test::cliArgs({"import", "--project", project, "gtfs", bad, "--quiet"});
  EXPECT_EQ(refused.exitCode, 5) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("stop_times.txt:8: column 'stop_sequence'"), std::string::npos) << refused.err;
  const auto ok = ekm_test::cliArgs({"import", "--project", project, "gtfs", kFeed.string(), "--quiet"});
  EXPECT_EQ(ok.exitCode, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("imported gtfs"), std::string::npos) << ok.out;
  EXPECT_NE(ok.err.find("translations.txt:8"), std::string::npos) << ok.err;  // warnings listed
  const auto again = ekm_test::cliArgs({"import", "--project", project, "gtfs", kFeed.string(), "--quiet"});
  EXPECT_EQ(again.exitCode, 9) << again.err;
}

// data/samples/gtfs_chiibus holds the feed's zip and its SOURCE.txt: such a folder imports the
// zip (and says so); with two zips it is refused, naming both.
TEST(GtfsImport, AFolderHoldingOneZipImportsThatZip) {
  ekm_test::TempDir dir("gtfs_zip_folder");
  const fs::path folder = dir / "feed_folder";
  fs::create_directories(folder);
  ekm_test::writeFile(folder / "SOURCE.txt", "where the feed comes from\n");
  const fs::path zip = folder / "jp_small.zip";
  const auto zipped = ekm_test::run(
      "python3 -c \"import os,sys,zipfile; z=zipfile.ZipFile(sys.argv[1],'w'); "
      "[z.write(os.path.join(sys.argv[2],f),f) for f in sorted(os.listdir(sys.argv[2])) "
      "if f.endswith('.txt') and f!='SOURCE.txt']; z.close()\" " +
      ekm_test::quote(zip.string()) + " " + ekm_test::quote(kFeed.string()));
  ASSERT_EQ(zipped.exitCode, 0) << zipped.out;
  EXPECT_EQ(io::gtfsFeedIn(folder.string()), zip.string());
  EXPECT_EQ(io::gtfsFeedIn(kFeed.string()), kFeed.string());  // a folder of the feed's files is the feed

  const std::string project = dir.str("p.gpkg");
  store::Project::create(project);
  const auto ok = ekm_test::cliArgs({"import", "--project", project, "gtfs", folder.string()});
  EXPECT_EQ(ok.exitCode, 0) << ok.out << ok.err;
  EXPECT_NE(ok.err.find("importing " + zip.string()), std::string::npos) << ok.err;
  auto p = store::Project::open(project, store::OpenMode::ReadOnly);
  ASSERT_EQ(p.importLog().size(), 1u);
  EXPECT_EQ(p.importLog()[0].sourcePath, zip.string());
  EXPECT_EQ(p.importLog()[0].sourceSha256, io::gtfsFeedSha256(zip.string()));
  EXPECT_EQ(p.rowCount("gtfs_stops"), 6);  // as from the folder of the same files
  EXPECT_EQ(p.rowCount("gtfs_stop_times"), 16);

  fs::copy_file(zip, folder / "other.zip");
  const auto two = ekm_test::cliArgs({"import", "--project", project, "gtfs", folder.string(), "--force", "--quiet"});
  EXPECT_NE(two.exitCode, 0);
  EXPECT_NE(two.err.find("jp_small.zip, other.zip"), std::string::npos) << two.err;
}
