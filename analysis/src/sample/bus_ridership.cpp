// The sample's synthetic Chii-bus ridership (bus_ridership.h; method in data/samples/README.md).
#include "ekm/sample/bus_ridership.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ekm/core/calendar.h"
#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/mobility/service.h"
#include "ekm/sample/cell_population.h"
#include "ekm/sample/gz_writer.h"
#include "ekm/sample/random.h"
#include "ekm/store/transit_store.h"

namespace ekm::sample {

namespace fs = std::filesystem;
using core::DayType;

namespace {

constexpr std::int64_t kRouteDayStream = 201, kTripStream = 202;
constexpr double kAnnualRiders = 3.6e6;  // the first 12 months, in expectation
constexpr double kGrowthPerYear = 0.03;  // underlying growth, centred on the first year
constexpr double kStopBase = 30.0;       // people added to a stop's cell population (walk-ins)
constexpr double kYearEnd = 0.6;         // 29 December .. 3 January
// Propensity to ride by hour of the clock (relative; the people present are weighted by it).
constexpr std::array<double, 24> kHourPropensity = {0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.0, 1.2, 1.0, 0.9, 0.9,
                                                    0.9, 0.9, 0.9, 0.95, 1.0, 1.05, 1.0, 0.8, 0.6, 0.45, 0.35, 0.3};
// Season by calendar month (January .. December).
constexpr std::array<double, 12> kSeason = {0.93, 0.97, 1.02, 1.00, 1.02, 0.96, 1.03, 0.94, 1.00, 1.04, 1.03, 0.99};
// Day type (weekday, Saturday, Sunday/holiday) on top of the people present.
constexpr std::array<double, 3> kDayTypeFactor = {1.00, 0.85, 0.75};

int typeIndex(DayType t) { return t == DayType::Weekday ? 0 : t == DayType::Saturday ? 1 : 2; }

bool yearEndBreak(const std::chrono::year_month_day& d) {
  const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  return (m == 12 && day >= 29) || (m == 1 && day <= 3);
}

std::uint64_t hashId(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h >> 1;
}

using Profile = std::array<std::array<double, 24>, 3>;  // day type x hour

class Model {
 public:
  Model(const SampleSpec& spec, const store::GtfsFeed& feed, const std::string& meshPopulation, core::Feedback& fb)
      : m_feed(feed), m_schedule(feed) {
    m_flowFirst = core::daysFromCivil(spec.from);
    m_flowLast = core::daysFromCivil(spec.to);
    std::set<std::string> cells;
    for (const auto& s : feed.stops) {
      m_stopCell.push_back(mesh::encode(s.position.lat, s.position.lon, mesh::MeshLevel::Eighth));
      cells.insert(m_stopCell.back());
    }
    m_pop = readCellPopulation(meshPopulation, cells, -1, fb);
    // Base profile of a cell: its mean by day type and hour over the flow days before the
    // opening (all flow days when the period starts after it).
    std::int64_t baseLast = std::min(m_flowLast, core::daysFromCivil(spec.openingDate) - 1);
    if (baseLast < m_flowFirst) baseLast = m_flowLast;
    Profile areaSum{}, areaN{};
    for (const auto& [cell, values] : m_pop) {
      Profile sum{}, n{};
      for (auto day = m_flowFirst; day <= baseLast; ++day) {
        const auto date = core::civilFromDays(day);
        const int t = typeIndex(core::dayType(date));
        for (int h = 0; h < 24; ++h) {
          const auto it = values.find(core::hourKeyFromJst(date, h));
          if (it == values.end() || it->second < 0) continue;
          sum[t][h] += it->second;
          n[t][h] += 1;
        }
      }
      auto& base = m_base[cell];
      for (int t = 0; t < 3; ++t)
        for (int h = 0; h < 24; ++h) {
          base[t][h] = n[t][h] > 0 ? sum[t][h] / n[t][h] : 0;
          areaSum[t][h] += base[t][h];
          areaN[t][h] += 1;
        }
    }
    for (int t = 0; t < 3; ++t)
      for (int h = 0; h < 24; ++h) m_areaBase[t][h] = areaN[t][h] > 0 ? areaSum[t][h] / areaN[t][h] : 0;
    for (const auto& c : m_stopCell) m_stopsWithFlow += m_pop.count(c) ? 1 : 0;
    // Stop times of each trip: [begin, end).
    m_tripBegin.assign(feed.trips.size() + 1, feed.stopTimes.size());
    m_tripEnd.assign(feed.trips.size(), 0);
    for (std::size_t i = feed.stopTimes.size(); i-- > 0;) {
      const auto t = static_cast<std::size_t>(feed.stopTimes[i].trip);
      m_tripBegin[t] = i;
      m_tripEnd[t] = std::max(m_tripEnd[t], i + 1);
    }
  }

  int stopsWithFlow() const { return m_stopsWithFlow; }

  // People near each stop by hour on a day: the day's own population inside the flow period,
  // the cell's base profile outside it; stops outside the flow area take the area's mean base.
  void prepareDay(std::int64_t day) {
    m_date = core::civilFromDays(day);
    m_type = typeIndex(core::dayType(m_date));
    const bool flowDay = day >= m_flowFirst && day <= m_flowLast;
    m_people.assign(m_feed.stops.size(), {});
    for (std::size_t s = 0; s < m_feed.stops.size(); ++s) {
      const auto cell = m_pop.find(m_stopCell[s]);
      for (int h = 0; h < 24; ++h) {
        double v = -1;
        if (cell != m_pop.end()) {
          if (flowDay) {
            const auto it = cell->second.find(core::hourKeyFromJst(m_date, h));
            if (it != cell->second.end()) v = it->second;
          }
          if (v < 0) v = m_base.at(m_stopCell[s])[m_type][h];
        } else {
          v = m_areaBase[m_type][h];
        }
        m_people[s][h] = v;
      }
    }
    const unsigned month = static_cast<unsigned>(m_date.month());
    const double years = static_cast<double>(day - m_growthCentre) / 365.25;
    m_dayFactor = kDayTypeFactor[static_cast<std::size_t>(m_type)] * kSeason[month - 1] *
                  (yearEndBreak(m_date) ? kYearEnd : 1.0) * std::pow(1 + kGrowthPerYear, years);
  }
  void setGrowthCentre(std::int64_t day) { m_growthCentre = day; }

  bool runs(std::size_t trip) { return m_schedule.tripRuns(static_cast<int>(trip), m_date); }
  std::size_t begin(std::size_t trip) const { return m_tripBegin[trip]; }
  std::size_t end(std::size_t trip) const { return m_tripEnd[trip]; }

  // Boarding weight of a stop call (0 where boarding is not allowed or at the last call).
  double boardWeight(std::size_t i, bool last) const {
    const auto& st = m_feed.stopTimes[i];
    if (last || st.pickupType.value_or(0) == 1) return 0;
    const int h = (st.departureS / 3600) % 24;
    return (m_people[static_cast<std::size_t>(st.stop)][h] + kStopBase) * kHourPropensity[h] * m_dayFactor;
  }
  // Alighting weight of a stop call (0 where alighting is not allowed or at the first call).
  double alightWeight(std::size_t i, bool first) const {
    const auto& st = m_feed.stopTimes[i];
    if (first || st.dropOffType.value_or(0) == 1) return 0;
    const int h = (st.arrivalS / 3600) % 24;
    return m_people[static_cast<std::size_t>(st.stop)][h] + kStopBase;
  }
  double tripWeight(std::size_t trip) const {
    double w = 0;
    for (auto i = begin(trip); i < end(trip); ++i) w += boardWeight(i, i + 1 == end(trip));
    return w;
  }

 private:
  const store::GtfsFeed& m_feed;
  mobility::ScheduledDays m_schedule;
  std::int64_t m_flowFirst = 0, m_flowLast = 0, m_growthCentre = 0;
  std::vector<std::string> m_stopCell;
  std::map<std::string, std::map<core::HourKey, double>> m_pop;
  std::map<std::string, Profile> m_base;
  Profile m_areaBase{};
  int m_stopsWithFlow = 0;
  std::vector<std::size_t> m_tripBegin, m_tripEnd;
  std::chrono::year_month_day m_date{};
  int m_type = 0;
  double m_dayFactor = 1;
  std::vector<std::array<double, 24>> m_people;
};

}  // namespace

BusRidershipFiles busRidershipFilesIn(const std::string& dir) {
  const fs::path d(dir);
  return {(d / "chiibus_ridership_route_day.csv").string(), (d / "chiibus_ridership_stop_trip.csv.gz").string()};
}

std::string sampleBusFeedPath() { return core::sourceDir() + "/data/samples/gtfs_chiibus/chiibus_gtfs.zip"; }

BusRidershipSummary generateBusRidershipFiles(const SampleSpec& spec, const std::string& outDir,
                                              const std::string& feedPath, core::Feedback& feedback) {
  BusRidershipSummary s;
  s.files = busRidershipFilesIn(outDir);
  core::Feedback quiet;
  const auto read = io::readGtfs(feedPath, quiet);
  if (read.fatalCount > 0) throw io::GtfsFeedError(read.problems, read.fatalCount);
  const auto& feed = read.feed;
  s.stops = static_cast<int>(feed.stops.size());
  Model model(spec, feed, (fs::path(outDir) / "mesh_population.csv.gz").string(), feedback);
  s.stopsWithFlow = model.stopsWithFlow();
  feedback.setProgress(20);

  // The period: from 1 April of the fiscal year of the sample's first day to its last day.
  const int fromYear = static_cast<int>(spec.from.year());
  const int fyYear = static_cast<unsigned>(spec.from.month()) >= 4 ? fromYear : fromYear - 1;
  const std::int64_t first = core::daysFromCivil(std::chrono::year{fyYear} / 4 / 1);
  const std::int64_t flowFirst = core::daysFromCivil(spec.from), last = core::daysFromCivil(spec.to);
  model.setGrowthCentre(first + 182);
  s.firstDate = core::formatDate(core::civilFromDays(first));
  s.lastDate = core::formatDate(core::civilFromDays(last));

  // Calibration: the expected boardings of the first 365 days are kAnnualRiders.
  double weight = 0;
  for (auto day = first; day < first + 365; ++day) {
    model.prepareDay(day);
    for (std::size_t t = 0; t < feed.trips.size(); ++t)
      if (model.runs(t)) weight += model.tripWeight(t);
  }
  if (!(weight > 0)) throw core::ValidationError("the bus feed has no service to ride", {feedPath, std::nullopt, std::nullopt, "", "trips", "none"});
  const double alpha = kAnnualRiders / weight;
  s.ridersPerUnitWeight = alpha;
  feedback.setProgress(40);

  std::map<std::string, std::size_t> routeIndex;
  for (std::size_t r = 0; r < feed.routes.size(); ++r) routeIndex[feed.routes[r].routeId] = r;
  std::ostringstream routeDay;
  routeDay << "date,route_id,boardings\n";
  GzWriter stopTrip(s.files.stopTrip);
  stopTrip.write("date,trip_id,stop_id,boardings,alightings\n");
  std::string line;
  for (auto day = first; day <= last; ++day) {
    feedback.throwIfCancelled();
    model.prepareDay(day);
    const std::string date = core::formatDate(core::civilFromDays(day));
    if (day < flowFirst) {
      std::vector<double> mean(feed.routes.size(), 0);
      for (std::size_t t = 0; t < feed.trips.size(); ++t)
        if (model.runs(t)) mean[routeIndex.at(feed.trips[t].routeId)] += alpha * model.tripWeight(t);
      for (std::size_t r = 0; r < feed.routes.size(); ++r) {
        if (mean[r] <= 0) continue;
        Rng rng(deriveSeed(spec.seed, {kRouteDayStream, day, static_cast<std::int64_t>(hashId(feed.routes[r].routeId))}));
        const std::int64_t riders = rng.count(mean[r]);
        routeDay << date << ',' << feed.routes[r].routeId << ',' << riders << '\n';
        ++s.routeDayRows;
        s.riders += riders;
        if (day < first + 365) s.firstYearRiders += riders;
      }
    } else {
      for (std::size_t t = 0; t < feed.trips.size(); ++t) {
        if (!model.runs(t)) continue;
        Rng rng(deriveSeed(spec.seed, {kTripStream, day, static_cast<std::int64_t>(hashId(feed.trips[t].tripId))}));
        const std::size_t b = model.begin(t), e = model.end(t);
        std::vector<std::int64_t> on(e - b, 0);
        std::vector<double> off(e - b, 0), dest(e - b, 0);
        for (auto i = b; i < e; ++i) {
          on[i - b] = rng.count(alpha * model.boardWeight(i, i + 1 == e));
          dest[i - b] = model.alightWeight(i, i == b);
        }
        // Expected alightings: each boarding leaves at a later stop with probability
        // proportional to the people there; the cumulative sums are rounded, never above
        // the riders already on board, and everyone leaves at the last stop.
        std::vector<double> destAfter(e - b + 1, 0);
        for (auto k = e - b; k-- > 0;) destAfter[k] = destAfter[k + 1] + dest[k];
        double rate = 0, expected = 0;
        std::int64_t boarded = 0, alighted = 0;
        std::vector<std::int64_t> offCount(e - b, 0);
        for (std::size_t k = 0; k < e - b; ++k) {
          expected += dest[k] * rate;
          std::int64_t cum = k + 1 == e - b ? boarded : std::min<std::int64_t>(boarded, std::llround(expected));
          cum = std::max(cum, alighted);
          offCount[k] = cum - alighted;
          alighted = cum;
          boarded += on[k];
          if (destAfter[k + 1] > 0) rate += static_cast<double>(on[k]) / destAfter[k + 1];
        }
        // One record per stop of the trip (a loop's terminal: boardings at the start, alightings at the end).
        std::map<std::int32_t, std::pair<std::int64_t, std::int64_t>> perStop;
        std::vector<std::int32_t> order;
        for (auto i = b; i < e; ++i) {
          const auto stop = feed.stopTimes[i].stop;
          auto [it, fresh] = perStop.try_emplace(stop, 0, 0);
          if (fresh) order.push_back(stop);
          it->second.first += on[i - b];
          it->second.second += offCount[i - b];
        }
        for (const auto stop : order) {
          const auto [bo, al] = perStop[stop];
          if (bo == 0 && al == 0) continue;
          line.clear();
          line += date;
          line += ',';
          line += feed.trips[t].tripId;
          line += ',';
          line += feed.stops[static_cast<std::size_t>(stop)].stopId;
          line += ',' + std::to_string(bo) + ',' + std::to_string(al) + '\n';
          stopTrip.write(line);
          ++s.stopTripRows;
          s.riders += bo;
          if (day < first + 365) s.firstYearRiders += bo;
        }
      }
    }
    feedback.setProgress(40 + 60.0 * static_cast<double>(day - first + 1) / static_cast<double>(last - first + 1));
  }
  stopTrip.close();
  // A sample that starts in April has no days before its people flow: no route-day file.
  std::error_code ec;
  if (s.routeDayRows > 0)
    writeText(s.files.routeDay, routeDay.str());
  else
    fs::remove(s.files.routeDay, ec);

  std::ofstream readme((fs::path(outDir) / "README.md").string(), std::ios::app | std::ios::binary);
  readme << "\n## Chii-bus ridership (synthetic)\n\n"
         << "| file | content | rows |\n|---|---|---|\n"
         << "| chiibus_ridership_route_day.csv | date,route_id,boardings of the real Chii-bus routes, " << s.firstDate
         << " .. the day before " << core::formatDate(spec.from) << "; SYNTHETIC | " << s.routeDayRows << " |\n"
         << "| chiibus_ridership_stop_trip.csv.gz | date,trip_id,stop_id,boardings,alightings of the real trips and "
            "stops, "
         << core::formatDate(spec.from) << " .. " << s.lastDate
         << "; SYNTHETIC, shaped by the people flow of the stops' 1/8-mesh cells | " << s.stopTripRows << " |\n\n"
         << "Riders of the first 12 months: " << s.firstYearRiders << " (calibrated to about 3.6 M in expectation). "
         << "Import: `ekimachi-cli mobility ridership-import --project P FILE` (after the GTFS feed).\n";
  feedback.setProgress(100);
  return s;
}

bool importBusRidershipSample(store::Project& project, const std::string& outDir, core::Feedback& feedback) {
  const auto files = busRidershipFilesIn(outDir);
  if (!fs::exists(files.stopTrip)) return false;
  const auto feed = store::readGtfsFeed(project);
  for (const auto& f : {files.routeDay, files.stopTrip}) {
    if (!fs::exists(f)) continue;  // no route-day file when the sample starts in April
    feedback.throwIfCancelled();
    const auto r = mobility::importRidership(project, feed, f, false);
    feedback.info("imported " + std::to_string(r.records) + " ridership records (" + r.layout + ", " +
                  std::to_string(r.riders) + " riders) from " + f);
  }
  return true;
}

}  // namespace ekm::sample
