// Scheduled service: which services run on a day (calendar, calendar_dates, Japanese
// holidays), the representative day of a day type, departures and headways by hour - on
// the hand-made feed (counted by hand below) and on the real Chii-bus feed against an
// independent count in python3.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "ekm/core/data_dir.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/mobility/mobility_ops.h"
#include "ekm/mobility/service.h"
#include "ekm/core/time.h"
#include "support/cli_runner.h"

using namespace ekm;
namespace fs = std::filesystem;

namespace {

const fs::path kFeed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
const fs::path kChiibus = fs::path(ekm::core::sourceDir()) / "data" / "samples" / "gtfs_chiibus" / "chiibus_gtfs.zip";

store::GtfsFeed load(const fs::path& path) {
  core::Feedback fb;
  auto r = io::readGtfs(path.string(), fb);
  EXPECT_EQ(r.fatalCount, 0);
  return std::move(r.feed);
}

std::chrono::year_month_day ymd(const char* iso) { return *core::parseDate(iso); }

int stopIndex(const store::GtfsFeed& f, const std::string& id) {
  for (std::size_t k = 0; k < f.stops.size(); ++k)
    if (f.stops[k].stopId == id) return static_cast<int>(k);
  return -1;
}

const mobility::StopService& stopService(const mobility::ServiceProfile& p, int stop) {
  for (const auto& s : p.stops)
    if (s.stop == stop) return s;
  throw std::runtime_error("no such stop");
}

}  // namespace

TEST(MobilityService, CalendarExceptionsAndHolidays) {
  const auto f = load(kFeed);
  // 2026-02-11 (Wed) is National Foundation Day: WK removed, HO added by calendar_dates.
  EXPECT_FALSE(mobility::serviceRuns(f, "WK", ymd("2026-02-11")));
  EXPECT_TRUE(mobility::serviceRuns(f, "HO", ymd("2026-02-11")));
  EXPECT_TRUE(mobility::serviceRuns(f, "WK", ymd("2026-02-12")));
  EXPECT_FALSE(mobility::serviceRuns(f, "WK", ymd("2027-01-06")));  // after end_date
  const auto d = mobility::serviceDayOf(f, ymd("2026-02-11"));
  EXPECT_EQ(d.dayType, core::DayType::SundayHoliday);
  EXPECT_EQ(d.services, std::vector<std::string>{"HO"});
}

TEST(MobilityService, RepresentativeDays) {
  const auto f = load(kFeed);
  const auto wk = mobility::representativeDay(f, core::DayType::Weekday);
  EXPECT_EQ(wk.services, std::vector<std::string>{"WK"});
  EXPECT_EQ(wk.date, "2026-01-05");  // the feed's first weekday
  EXPECT_EQ(wk.datesOfType, wk.datesLikeThis);  // every weekday runs WK
  const auto sa = mobility::representativeDay(f, core::DayType::Saturday);
  EXPECT_EQ(sa.services, std::vector<std::string>{"SA"});
  // Sundays and holidays: HO on Sundays and 2026-02-11; Monday holidays (no exception in this
  // feed) run WK - fewer dates, so HO is the representative set.
  const auto ho = mobility::representativeDay(f, core::DayType::SundayHoliday);
  EXPECT_EQ(ho.services, std::vector<std::string>{"HO"});
  EXPECT_LT(ho.datesLikeThis, ho.datesOfType);
}

TEST(MobilityService, DeparturesAndHeadwaysByHourCountedByHand) {
  const auto f = load(kFeed);
  const auto p = mobility::serviceProfile(f, mobility::serviceDayOf(f, ymd("2026-04-08")));  // a Wednesday
  // WK trips T1 (6:28 from S4), T2 (7:00 from S4), T4 (24:50 from S1). The last stop of a
  // trip is no departure.
  EXPECT_EQ(p.trips, 3);
  EXPECT_EQ(p.departures, 7);  // T1: S4 S1 S2, T2: S4 S1 S2, T4: S1
  const auto& s4 = stopService(p, stopIndex(f, "S4"));
  EXPECT_EQ(s4.departures[6], 1);
  EXPECT_EQ(s4.departures[7], 1);
  EXPECT_EQ(s4.total(), 2);
  const auto& s1 = stopService(p, stopIndex(f, "S1"));
  EXPECT_EQ(s1.departures[0], 1);  // 24:50 counts in hour 0 (the service day's night tail)
  EXPECT_EQ(s1.routes, 2);
  EXPECT_EQ(*s1.lastS, 24 * 3600 + 50 * 60);
  EXPECT_EQ(mobility::formatServiceTime(*s1.lastS), "24:50");
  const auto& s2 = stopService(p, stopIndex(f, "S2"));
  EXPECT_EQ(s2.departures[6], 1);  // interpolated time between 6:36 and 6:50
  const auto& s3 = stopService(p, stopIndex(f, "S3"));
  EXPECT_EQ(s3.total(), 0);  // only ever the last stop
  EXPECT_EQ(p.stops.size(), 5u);  // the station ST1 has no departures of its own
  // Route R1: two trips (hours 6 and 7); reference stop: S1 (ties with S2 and S4, first in the feed).
  const auto& r1 = p.routes[0];
  EXPECT_EQ(r1.totalTrips(), 2);
  EXPECT_EQ(r1.trips[6], 1);
  EXPECT_EQ(f.stops[static_cast<std::size_t>(r1.referenceStop)].stopId, "S1");
  EXPECT_EQ(p.routes[1].trips[0], 1);  // T4 starts at 24:50
  EXPECT_DOUBLE_EQ(*mobility::meanHeadwayMin(4), 15.0);
  EXPECT_FALSE(mobility::meanHeadwayMin(0));
}

TEST(MobilityService, ChiibusWeekdayMatchesAnIndependentPythonCount) {
  ASSERT_TRUE(fs::exists(kChiibus));
  const auto f = load(kChiibus);
  const auto day = mobility::serviceDayOf(f, ymd("2026-04-08"));
  ASSERT_EQ(day.services, std::vector<std::string>{"01"});
  const auto p = mobility::serviceProfile(f, day);
  // python3: departures of service 01 per (stop, hour), the last stop time of each trip and
  // pickup_type 1 excluded.
  const auto py = ekm_test::run(
      "python3 - " + ekm_test::quote(kChiibus.string()) + " <<'EOF'\n"
      "import csv, io, sys, zipfile, collections\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "rd = lambda n: list(csv.DictReader(io.TextIOWrapper(z.open(n), encoding='utf-8-sig')))\n"
      "trips = {t['trip_id'] for t in rd('trips.txt') if t['service_id'] == '01'}\n"
      "by = collections.defaultdict(list)\n"
      "for s in rd('stop_times.txt'):\n"
      "    if s['trip_id'] in trips: by[s['trip_id']].append(s)\n"
      "c = collections.Counter()\n"
      "for t, v in by.items():\n"
      "    v.sort(key=lambda s: int(s['stop_sequence']))\n"
      "    for s in v[:-1]:\n"
      "        if s['pickup_type'] == '1': continue\n"
      "        c[(s['stop_id'], int(s['departure_time'].split(':')[0]) % 24)] += 1\n"
      "print(len(by), sum(c.values()))\n"
      "for (stop, h), n in sorted(c.items()): print(stop, h, n)\n"
      "EOF");
  ASSERT_EQ(py.exitCode, 0) << py.out;
  std::istringstream in(py.out);
  int trips = 0, departures = 0;
  in >> trips >> departures;
  EXPECT_EQ(p.trips, trips);
  EXPECT_EQ(p.departures, departures);
  std::map<std::pair<std::string, int>, int> expected;
  std::string stop;
  int h = 0, n = 0;
  while (in >> stop >> h >> n) expected[{stop, h}] = n;
  std::map<std::pair<std::string, int>, int> ours;
  for (const auto& s : p.stops)
    for (int hour = 0; hour < 24; ++hour)
      if (s.departures[static_cast<std::size_t>(hour)] > 0)
        ours[{f.stops[static_cast<std::size_t>(s.stop)].stopId, hour}] = s.departures[static_cast<std::size_t>(hour)];
  EXPECT_EQ(ours, expected);
  EXPECT_GT(departures, 5000);  // a real day of service, not an empty comparison
}

TEST(MobilityService, DayParamsChooseADateOrADayType) {
  const auto f = load(kFeed);
  mobility::ServiceDayParams p;
  p.day_type = "saturday";
  EXPECT_EQ(p.resolve(f).services, std::vector<std::string>{"SA"});
  p.date = "2026-02-11";
  EXPECT_EQ(p.resolve(f).services, std::vector<std::string>{"HO"});
  EXPECT_TRUE(p.resolve(f).requestedDate.empty());
  // Outside the feed's period (2026-01-05 .. 2026-12-31): the representative day of the date's
  // day type, with the date asked for kept. 2025-03-20 is a holiday (Vernal Equinox Day).
  p.date = "2025-03-20";
  const auto holiday = p.resolve(f);
  EXPECT_EQ(holiday.services, std::vector<std::string>{"HO"});
  EXPECT_EQ(holiday.requestedDate, "2025-03-20");
  EXPECT_GE(holiday.date, std::string("2026-01-05"));
  p.date = "2027-01-06";  // a Wednesday after the feed
  EXPECT_EQ(p.resolve(f).services, std::vector<std::string>{"WK"});
  EXPECT_EQ(p.resolve(f).requestedDate, "2027-01-06");
  p.date = "2026-02-31";
  EXPECT_THROW(p.validate(), ops::ParamError);
}
