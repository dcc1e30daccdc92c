// Walking catchments, population covered and coverage gaps (coverage.h).
#include "ekm/mobility/coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/geo/length.h"
#include "ekm/mobility/node_snap.h"

namespace ekm::mobility {

namespace {

constexpr double kWalkMPerMin = 4.8 * 1000.0 / 60.0;
constexpr double kInf = std::numeric_limits<double>::infinity();

double percentile75(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = 0.75 * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(pos);
  const double f = pos - static_cast<double>(i);
  return i + 1 < v.size() ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

}  // namespace

std::string populationDateFor(const store::Project& project, core::DayType type, const std::string& date,
                              const std::string& serviceDate) {
  if (!date.empty()) {
    if (!core::parseDate(date))
      throw core::ValidationError("invalid date", {"", std::nullopt, std::nullopt, "population_date", "YYYY-MM-DD", date});
    return date;
  }
  const auto range = project.timeRange("mesh_population");
  if (!range)
    throw core::ValidationError("the project has no stay population (import mesh-population first)",
                                {project.path(), std::nullopt, std::nullopt, "mesh_population", "rows", "none"});
  const auto first = core::jstFromHourKey(range->first), last = core::jstFromHourKey(range->last);
  if (const auto asked = core::parseDate(serviceDate)) {
    const auto d = core::daysFromCivil(*asked);
    if (d >= core::daysFromCivil(first.date) && d <= core::daysFromCivil(last.date)) return serviceDate;
  }
  for (auto d = core::daysFromCivil(last.date); d >= core::daysFromCivil(first.date); --d)
    if (core::dayType(core::civilFromDays(d)) == type) return core::formatDate(core::civilFromDays(d));
  throw core::ValidationError("the stay population has no day of this type",
                              {project.path(), std::nullopt, std::nullopt, "population_date",
                               std::string("a ") + core::dayTypeName(type), "none"});
}

CoverageResult coverage(const store::Project& project, const store::GtfsFeed& feed, const ServiceProfile& service,
                        const std::string& populationDate, const CoverageOptions& o, core::Feedback& feedback) {
  return coverage(project, feed.stops, service, populationDate, o, feedback);
}

CoverageResult coverage(const store::Project& project, const std::vector<store::GtfsStop>& stops,
                        const ServiceProfile& service, const std::string& populationDate, const CoverageOptions& o,
                        core::Feedback& feedback) {
  CoverageResult r;
  r.day = service.day;
  r.populationDate = populationDate;
  r.measure = o.measure;
  const bool minutes = o.measure == ReachMeasure::Minutes;

  // 1. The walking network.
  auto segments = demand::segmentsFromProject(project);
  const bool segmentsHaveHeights = std::any_of(segments.begin(), segments.end(), [](auto& s) { return s.hasZ; });
  auto netOptions = o.network;
  netOptions.mode = demand::NetworkMode::Walk;
  const auto street = demand::buildStreetNetwork(std::move(segments), netOptions, feedback);
  r.networkHasHeights = segmentsHaveHeights || street.report.heightsCopied > 0;
  r.slopeAware = minutes && r.networkHasHeights && o.network.walking.useSlope;
  const auto& built = street.built;
  r.barrierLines = street.report.barrierLines;
  r.linksRemovedByBarrier = street.report.linksRemovedByBarrier;
  if (netOptions.barriersPath.empty())
    r.notes.push_back("no barrier lines given: the rail tracks are not barriers in this run");
  if (minutes && !r.networkHasHeights)
    r.notes.push_back("the walking network has no heights: minutes are on the flat (not slope-aware)");
  if (minutes && r.networkHasHeights && !o.network.walking.useSlope)
    r.notes.push_back("slope-aware walking switched off: minutes are on the flat");
  if (!minutes) r.notes.push_back("reach in metres of walking distance (slope does not change distance)");
  feedback.setProgress(30);
  feedback.throwIfCancelled();

  const auto& net = built.network;
  std::vector<double> cost(static_cast<std::size_t>(net.linkCount()));
  for (int l = 0; l < net.linkCount(); ++l)
    cost[static_cast<std::size_t>(l)] = minutes ? net.link(l).freeFlowTime / 60.0 : net.link(l).length;
  const auto snapCost = [&](double m) { return minutes ? m / kWalkMPerMin : m; };
  const NodeIndex index(built);

  // 2. Cells with their stay population by hour.
  const auto cells = project.meshCells();
  std::vector<Snap> cellSnap;
  r.cells.reserve(cells.size());
  std::vector<std::pair<std::int64_t, int>> fidSlot;
  for (const auto& c : cells) {
    CellCoverage cc;
    cc.meshCode = c.meshCode;
    cc.lon = 0.5 * (c.west + c.east);
    cc.lat = 0.5 * (c.south + c.north);
    cc.population.fill(NAN);
    fidSlot.push_back({c.fid, static_cast<int>(r.cells.size())});
    r.cells.push_back(std::move(cc));
    cellSnap.push_back(index.nearest(r.cells.back().lon, r.cells.back().lat));
  }
  std::sort(fidSlot.begin(), fidSlot.end());
  const auto date = *core::parseDate(populationDate);
  for (int h = 0; h < kHours; ++h)
    for (const auto& v : project.meshPopulationSlice(core::hourKeyFromJst(date, h))) {
      const auto it = std::lower_bound(fidSlot.begin(), fidSlot.end(), std::pair<std::int64_t, int>{v.fid, -1});
      if (it != fidSlot.end() && it->first == v.fid) r.cells[static_cast<std::size_t>(it->second)].population[static_cast<std::size_t>(h)] = v.value;
    }
  feedback.setProgress(45);

  // 3. Stop catchments: one shortest-path tree per connected stop.
  std::vector<const StopService*> serviceOf(stops.size(), nullptr);
  for (const auto& s : service.stops) serviceOf[static_cast<std::size_t>(s.stop)] = &s;
  demand::ShortestPathSolver solver(net);
  auto reachCells = [&](int node, double start, double limit, auto&& onCell) {
    solver.run(node, cost);
    const auto& dist = solver.distance();
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      const auto& s = cellSnap[c];
      if (s.node < 0 || s.m > o.maxSnapM) continue;
      const double d = start + dist[static_cast<std::size_t>(s.node)] + snapCost(s.m);
      if (d <= limit) onCell(c, d);
    }
  };
  for (const auto& ss : service.stops) {
    if (feedback.isCancelled()) throw core::CancelledError();
    const auto& stop = stops[static_cast<std::size_t>(ss.stop)];
    StopCatchment sc;
    sc.stop = ss.stop;
    const Snap snap = index.nearest(stop.position.lon, stop.position.lat);
    if (ss.total() > 0 && snap.node >= 0 && snap.m <= o.maxSnapM) {  // stops served that day only
      sc.snapM = snap.m;
      reachCells(snap.node, snapCost(snap.m), o.stopReach, [&](std::size_t c, double d) {
        auto& cell = r.cells[c];
        cell.stopsInReach.push_back(ss.stop);
        for (int h = 0; h < kHours; ++h) cell.departuresInReach[static_cast<std::size_t>(h)] += ss.departures[static_cast<std::size_t>(h)];
        if (cell.nearestStop < 0 || d < cell.nearestStopReach) cell.nearestStop = ss.stop, cell.nearestStopReach = d;
        ++sc.cells;
      });
    }
    r.stops.push_back(sc);
  }
  feedback.setProgress(80);
  // 4. Rail stations.
  std::string farStations;
  int farCount = 0;
  for (const auto& st : project.stations()) {
    const Snap snap = index.nearest(st.position.lon, st.position.lat);
    if (snap.node < 0 || snap.m > o.maxSnapM) {
      farStations += (farCount++ ? ", " : "") + st.stationId;
      continue;
    }
    std::vector<double> best(r.cells.size(), kInf);
    reachCells(snap.node, snapCost(snap.m), o.stationReach, [&](std::size_t c, double d) {
      auto& cell = r.cells[c];
      if (!cell.stationInReach || d < best[c]) cell.nearestStation = st.stationId, best[c] = d;
      cell.stationInReach = true;
    });
  }
  if (farCount > 0)
    r.notes.push_back(std::to_string(farCount) + " station(s) farther than snap_max from the walking network, left out: " +
                      farStations);
  // 5. Hours and gaps.
  int peakHour = 0;
  for (int h = 0; h < kHours; ++h) {
    auto& hc = r.hours[static_cast<std::size_t>(h)];
    std::vector<double> populated;
    for (const auto& c : r.cells) {
      const double p = c.population[static_cast<std::size_t>(h)];
      if (std::isnan(p)) continue;
      hc.population += p;
      if (p > 0) populated.push_back(p);
      const bool bus = c.departuresInReach[static_cast<std::size_t>(h)] > 0;
      if (bus) hc.coveredBus += p;
      if (bus || c.stationInReach) hc.coveredAny += p;
    }
    hc.threshold = o.gapPopulation > 0 ? o.gapPopulation : percentile75(populated);
    if (hc.population > r.hours[static_cast<std::size_t>(peakHour)].population) peakHour = h;
    for (std::size_t c = 0; c < r.cells.size(); ++c) {
      const auto& cell = r.cells[c];
      const double p = cell.population[static_cast<std::size_t>(h)];
      if (std::isnan(p) || p <= 0 || p < hc.threshold) continue;
      if (cell.departuresInReach[static_cast<std::size_t>(h)] > 0) continue;
      if (o.countStations && cell.stationInReach) continue;
      r.gaps.push_back({static_cast<int>(c), h, p,
                        cell.stopsInReach.empty() ? "no stop within reach" : "no departure in this hour"});
      ++hc.gapCells;
      hc.gapPopulation += p;
    }
  }
  std::stable_sort(r.gaps.begin(), r.gaps.end(), [](auto& a, auto& b) {
    return a.hour != b.hour ? a.hour < b.hour : a.population > b.population;
  });
  for (auto& sc : r.stops)
    for (const auto& c : r.cells)
      if (std::find(c.stopsInReach.begin(), c.stopsInReach.end(), sc.stop) != c.stopsInReach.end()) {
        const double p = c.population[static_cast<std::size_t>(peakHour)];
        if (!std::isnan(p)) sc.peakPopulation += p;
      }
  feedback.setProgress(100);
  return r;
}

}  // namespace ekm::mobility
