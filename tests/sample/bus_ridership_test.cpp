// The sample's synthetic Chii-bus ridership (ekm/sample/bus_ridership.h): a small sample
// (2025-03-24 .. 2025-04-06, 700 m) gives route-day records from 2024-04-01 and stop-trip
// records over the sample period. Checked from the files themselves (read back here):
// about 3.6 M riders in the first 12 months, the calendar (weekday > Saturday >
// Sunday/holiday, holidays like Sundays), the season, the people flow around the stops, every
// trip-day's boardings equal to its alightings, the same bytes for the same seed, and the
// import into the sample project through the ridership importer with the KPIs adding up.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ekm/core/calendar.h"
#include "ekm/core/time.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/ops/session.h"
#include "ekm/sample/bus_ridership.h"
#include "ekm/sample/sample_generator.h"
#include "ekm/store/project.h"
#include "ekm/store/ridership_store.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace std::chrono;
using namespace ekm;

namespace {

std::vector<std::vector<std::string>> readRows(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  gzFile f = gzopen(p.string().c_str(), "rb");  // plain files too
  if (!f) return rows;
  char buf[4096];
  std::string line;
  while (gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (line.back() != '\n') continue;
    line.pop_back();
    std::vector<std::string> r;
    std::size_t a = 0, b;
    while ((b = line.find(',', a)) != std::string::npos) {
      r.push_back(line.substr(a, b - a));
      a = b + 1;
    }
    r.push_back(line.substr(a));
    rows.push_back(std::move(r));
    line.clear();
  }
  gzclose(f);
  return rows;
}

sample::SampleSpec spec() {
  sample::SampleSpec s;
  s.from = year_month_day{year{2025}, month{3}, day{24}};
  s.to = year_month_day{year{2025}, month{4}, day{6}};
  s.radiusM = 700;
  s.countedLocalSegments = 2;
  return s;
}

class BusRidership : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = new ekm_test::TempDir("bus_ridership");
    s_summary = new sample::SampleSummary(sample::generateSampleFiles(spec(), s_tmp->path().string(), core::nullFeedback()));
    const auto files = sample::busRidershipFilesIn(s_tmp->path().string());
    s_routeDay = new std::vector<std::vector<std::string>>(readRows(files.routeDay));
    s_stopTrip = new std::vector<std::vector<std::string>>(readRows(files.stopTrip));
  }
  static void TearDownTestSuite() {
    delete s_stopTrip;
    delete s_routeDay;
    delete s_summary;
    delete s_tmp;
  }
  static inline ekm_test::TempDir* s_tmp = nullptr;
  static inline sample::SampleSummary* s_summary = nullptr;
  static inline std::vector<std::vector<std::string>>* s_routeDay = nullptr;
  static inline std::vector<std::vector<std::string>>* s_stopTrip = nullptr;
};

}  // namespace

TEST_F(BusRidership, FilesCoverTheFiscalYearBeforeAndTheSamplePeriod) {
  ASSERT_GT(s_routeDay->size(), 1u);
  ASSERT_GT(s_stopTrip->size(), 1u);
  EXPECT_EQ((*s_routeDay)[0], (std::vector<std::string>{"date", "route_id", "boardings"}));
  EXPECT_EQ((*s_stopTrip)[0], (std::vector<std::string>{"date", "trip_id", "stop_id", "boardings", "alightings"}));
  std::set<std::string> routeDates, tripDates, routes;
  for (std::size_t i = 1; i < s_routeDay->size(); ++i) {
    routeDates.insert((*s_routeDay)[i][0]);
    routes.insert((*s_routeDay)[i][1]);
  }
  for (std::size_t i = 1; i < s_stopTrip->size(); ++i) tripDates.insert((*s_stopTrip)[i][0]);
  EXPECT_EQ(*routeDates.begin(), "2024-04-01");
  EXPECT_EQ(*routeDates.rbegin(), "2025-03-23");
  EXPECT_EQ(routeDates.size(), 357u);  // every day
  EXPECT_EQ(routes.size(), 8u);        // the real routes 00001 .. 00008
  EXPECT_EQ(*tripDates.begin(), "2025-03-24");
  EXPECT_EQ(*tripDates.rbegin(), "2025-04-06");
  EXPECT_EQ(tripDates.size(), 14u);
}

TEST_F(BusRidership, AboutThreePointSixMillionInTheFirstTwelveMonths) {
  // Summed here from the files: 2024-04-01 .. 2025-03-31.
  double riders = 0;
  for (std::size_t i = 1; i < s_routeDay->size(); ++i) riders += std::stod((*s_routeDay)[i][2]);
  for (std::size_t i = 1; i < s_stopTrip->size(); ++i)
    if ((*s_stopTrip)[i][0] <= "2025-03-31") riders += std::stod((*s_stopTrip)[i][3]);
  EXPECT_NEAR(riders, 3.6e6, 0.01 * 3.6e6);
}

TEST_F(BusRidership, CalendarAndSeasonShapeTheDays) {
  std::map<std::string, double> perDay;
  for (std::size_t i = 1; i < s_routeDay->size(); ++i) perDay[(*s_routeDay)[i][0]] += std::stod((*s_routeDay)[i][2]);
  std::map<core::DayType, std::pair<double, int>> byType;
  std::map<unsigned, std::pair<double, int>> weekdayByMonth;
  for (const auto& [date, n] : perDay) {
    const auto d = *core::parseDate(date);
    const auto t = core::dayType(d);
    byType[t].first += n;
    ++byType[t].second;
    if (t == core::DayType::Weekday) {
      weekdayByMonth[static_cast<unsigned>(d.month())].first += n;
      ++weekdayByMonth[static_cast<unsigned>(d.month())].second;
    }
  }
  const auto mean = [](const std::pair<double, int>& p) { return p.first / p.second; };
  const double wk = mean(byType[core::DayType::Weekday]), sa = mean(byType[core::DayType::Saturday]),
               su = mean(byType[core::DayType::SundayHoliday]);
  EXPECT_GT(wk, 1.1 * sa);
  EXPECT_GT(sa, 1.05 * su);
  // A national holiday on a Monday (Respect for the Aged Day, 2024-09-16) is like a Sunday.
  EXPECT_NEAR(perDay.at("2024-09-16") / su, 1.0, 0.1);
  // The year-end break: 2024-12-30 (a Monday) well below a weekday.
  EXPECT_LT(perDay.at("2024-12-30"), 0.75 * wk);
  // The season: October (x1.04) above August (x0.94) on weekdays.
  EXPECT_GT(mean(weekdayByMonth[10]), 1.05 * mean(weekdayByMonth[8]));
  // A slow growth: weekdays of March 2025 above those of April 2024 (season 1.02 vs 1.00).
  EXPECT_GT(mean(weekdayByMonth[3]), mean(weekdayByMonth[4]));
}

TEST_F(BusRidership, TripsBalanceAndBusyCellsBoardMore) {
  std::map<std::pair<std::string, std::string>, std::pair<long, long>> tripDay;
  std::map<std::string, double> stopBoardings;
  for (std::size_t i = 1; i < s_stopTrip->size(); ++i) {
    const auto& r = (*s_stopTrip)[i];
    auto& t = tripDay[{r[0], r[1]}];
    t.first += std::stol(r[3]);
    t.second += std::stol(r[4]);
    stopBoardings[r[2]] += std::stod(r[3]);
  }
  for (const auto& [k, v] : tripDay) ASSERT_EQ(v.first, v.second) << k.first << " " << k.second;
  // Stops in the flow area: the busier half of their cells (by mean population) boards more
  // per departure than the quieter half.
  core::Feedback quiet;
  const auto feed = io::readGtfs(sample::sampleBusFeedPath(), quiet).feed;
  std::map<std::string, double> cellMean;
  {
    std::map<std::string, std::pair<double, int>> sum;
    const auto rows = readRows(fs::path(s_tmp->path().string()) / "mesh_population.csv.gz");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto& s = sum[rows[i][0]];
      s.first += rows[i][3] == "*" ? 5 : std::stod(rows[i][3]);
      ++s.second;
    }
    for (const auto& [c, s] : sum) cellMean[c] = s.first / s.second;
  }
  std::map<std::string, int> departures;  // per stop over one weekday's trips (relative only)
  for (const auto& st : feed.stopTimes) ++departures[feed.stops[static_cast<std::size_t>(st.stop)].stopId];
  std::vector<std::pair<double, double>> inArea;  // (cell population, boardings per call)
  for (const auto& s : feed.stops) {
    const auto c = cellMean.find(mesh::encode(s.position.lat, s.position.lon, mesh::MeshLevel::Eighth));
    if (c == cellMean.end() || departures[s.stopId] == 0) continue;
    inArea.emplace_back(c->second, stopBoardings[s.stopId] / departures[s.stopId]);
  }
  ASSERT_GE(inArea.size(), 6u);
  std::sort(inArea.begin(), inArea.end());
  double lo = 0, hi = 0;
  const std::size_t half = inArea.size() / 2;
  for (std::size_t i = 0; i < half; ++i) lo += inArea[i].second;
  for (std::size_t i = inArea.size() - half; i < inArea.size(); ++i) hi += inArea[i].second;
  EXPECT_GT(hi, 1.3 * lo);
}

TEST_F(BusRidership, SameSeedSameBytes) {
  const ekm_test::TempDir again("bus_ridership_again");
  // The ridership reads the flow of its own directory: copy it, then generate the bus files.
  fs::copy_file(fs::path(s_tmp->path().string()) / "mesh_population.csv.gz", fs::path(again.path().string()) / "mesh_population.csv.gz");
  const auto s = sample::generateBusRidershipFiles(spec(), again.path().string(), sample::sampleBusFeedPath(), core::nullFeedback());
  const auto a = sample::busRidershipFilesIn(s_tmp->path().string()), b = sample::busRidershipFilesIn(again.path().string());
  EXPECT_EQ(ekm_test::readFile(a.routeDay), ekm_test::readFile(b.routeDay));
  EXPECT_EQ(readRows(a.stopTrip), readRows(b.stopTrip));
  auto other = spec();
  other.seed = 2;
  const ekm_test::TempDir third("bus_ridership_seed2");
  fs::copy_file(fs::path(s_tmp->path().string()) / "mesh_population.csv.gz", fs::path(third.path().string()) / "mesh_population.csv.gz");
  sample::generateBusRidershipFiles(other, third.path().string(), sample::sampleBusFeedPath(), core::nullFeedback());
  EXPECT_NE(ekm_test::readFile(a.routeDay), ekm_test::readFile(sample::busRidershipFilesIn(third.path().string()).routeDay));
  EXPECT_GT(s.riders, 0);
}

TEST_F(BusRidership, ImportedIntoTheSampleProjectWithTheKpisAddingUp) {
  const std::string path = sample::buildSampleProject(s_summary->files, s_tmp->path().string(), core::nullFeedback());
  {
    auto project = store::Project::open(path, store::OpenMode::ReadOnly);
    EXPECT_EQ(project.rowCount("ridership_records"),
              static_cast<std::int64_t>(s_routeDay->size() + s_stopTrip->size() - 2));
  }
  ops::Session session(path);
  mobility::KpiParams params;
  params.month = "2025-04";
  const auto r = ops::run<mobility::KpiOp>(session, params, core::nullFeedback());
  ASSERT_FALSE(r.kpis.years.empty());
  EXPECT_EQ(r.kpis.years[0].year, "FY2024");
  EXPECT_EQ(r.kpis.years[0].months, 12);
  double firstYear = 0;
  for (std::size_t i = 1; i < s_routeDay->size(); ++i) firstYear += std::stod((*s_routeDay)[i][2]);
  for (std::size_t i = 1; i < s_stopTrip->size(); ++i)
    if ((*s_stopTrip)[i][0] <= "2025-03-31") firstYear += std::stod((*s_stopTrip)[i][3]);
  EXPECT_EQ(static_cast<double>(r.kpis.years[0].riders), firstYear);
  EXPECT_EQ(r.kpis.seasonality.size(), 12u);
  EXPECT_FALSE(r.kpis.hourly.empty());                  // April has stop-trip records
  EXPECT_GT(r.kpis.borrowedScheduleDays, 8 * 300);      // 2024-25 runs on the 2026 timetable's days
  for (const auto& m : r.kpis.months) EXPECT_TRUE(m.ridersPerVehicleHour.has_value()) << m.month;
}
