// The route-demand model on a project (route_demand.h).
#include "ekm/mobility/route_demand.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/demand/shortest_path.h"
#include "ekm/mobility/node_snap.h"
#include "ekm/store/project.h"

namespace ekm::mobility {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kWalkMPerMin = 4.8 * 1000.0 / 60.0;

}  // namespace

DemandContext demandContext(ops::Session& session, const DemandContextOptions& o, core::Feedback& feedback) {
  const auto day = core::parseDate(o.date);
  if (!day) throw ops::ParamError("invalid date", {"", std::nullopt, std::nullopt, "demand_date", "YYYY-MM-DD", o.date});
  DemandContext c;
  c.date = o.date;
  core::MultiStepFeedback steps(feedback, 3);
  c.streets = demand::projectStreets(session, o.network, steps);
  c.warnings = c.streets.warnings;
  steps.setCurrentStep(1);
  const auto& zones = c.streets.network.network.zones;
  c.demand.walkMin = demand::freeFlowMinutes(c.streets.network.network.zoned.network, demand::CostWeights{}, steps);
  session.recordTableRead("mesh_population");
  session.recordTableRead("station_ridership");
  steps.setCurrentStep(2);
  demand::GravityOptions g;
  g.deterrence = o.deterrence.function();
  g.targetMeanMinutes = o.deterrence.mean_cost;
  int empty = 0;
  for (int h = 0; h < kDayHours; ++h) {
    steps.throwIfCancelled();
    demand::TripEndOptions te;
    te.from = core::hourKeyFromJst(*day, h);
    te.to = te.from + 1;
    core::Feedback quiet;
    auto ends = demand::projectTripEnds(session.project(), zones, te, quiet);
    for (std::size_t z = 0; z < ends.productions.size(); ++z)
      if (!c.streets.network.zoneConnected[z]) ends.productions[z] = ends.attractions[z] = 0;
    if (!(ends.totalProductions() > 0) || !(ends.totalAttractions() > 0)) {
      ++empty;
      continue;
    }
    try {
      auto od = demand::gravityOd(c.demand.walkMin, zones, std::move(ends), c.streets.network.zoneConnected, g, quiet);
      c.demand.trips[static_cast<std::size_t>(h)] = std::move(od.od.matrix);
    } catch (const core::Error& e) {
      // a trip-end pattern the gravity model cannot balance (e.g. productions only in zones
      // without a reachable attraction): that hour has no trips, said plainly
      if (e.code() != core::ErrorCode::Model && e.code() != core::ErrorCode::NotConverged) throw;
      c.warnings.push_back("hour " + std::to_string(h) + " has no trips: " + e.message());
      feedback.warning(c.warnings.back());
    }
    steps.setStepProgress(100.0 * (h + 1) / kDayHours);
  }
  if (empty == kDayHours)
    throw core::ValidationError("no trip ends on the demand day",
                                {session.projectPath(), std::nullopt, std::nullopt, "demand_date", "a day with stay population",
                                 o.date});
  if (empty > 0) {
    c.warnings.push_back(std::to_string(empty) + " hours of " + o.date + " have no trip ends (no trips then)");
    feedback.warning(c.warnings.back());
  }
  // cells and their mean stay population
  const auto& project = session.project();
  std::vector<std::pair<std::int64_t, std::size_t>> fidSlot;
  std::vector<int> counted;
  for (const auto& cell : project.meshCells()) {
    fidSlot.push_back({cell.fid, c.cells.size()});
    c.cells.push_back({cell.meshCode, 0.5 * (cell.west + cell.east), 0.5 * (cell.south + cell.north), 0.0});
  }
  counted.assign(c.cells.size(), 0);
  std::sort(fidSlot.begin(), fidSlot.end());
  for (int h = 0; h < kDayHours; ++h)
    for (const auto& v : project.meshPopulationSlice(core::hourKeyFromJst(*day, h))) {
      const auto it = std::lower_bound(fidSlot.begin(), fidSlot.end(), std::pair<std::int64_t, std::size_t>{v.fid, 0});
      if (it == fidSlot.end() || it->first != v.fid || std::isnan(v.value)) continue;
      c.cells[it->second].meanPopulation += v.value;
      ++counted[it->second];
    }
  for (std::size_t i = 0; i < c.cells.size(); ++i)
    if (counted[i]) c.cells[i].meanPopulation /= counted[i];
  return c;
}

StopAccess stopAccess(const DemandContext& c, const std::vector<TransitStop>& stops, double maxMin,
                      core::Feedback& feedback) {
  const auto& zn = c.streets.network.network;
  const auto& net = zn.zoned.network;
  const int Z = static_cast<int>(zn.zones.zones.size());
  const NodeIndex index(zn.streets);
  std::vector<double> cost(static_cast<std::size_t>(net.linkCount()));
  for (int l = 0; l < net.linkCount(); ++l) cost[static_cast<std::size_t>(l)] = net.link(l).freeFlowTime / 60.0;
  std::vector<Snap> cellSnap;
  for (const auto& cell : c.cells) cellSnap.push_back(index.nearest(cell.lon, cell.lat));
  StopAccess a;
  demand::ShortestPathSolver solver(net);
  for (std::size_t s = 0; s < stops.size(); ++s) {
    feedback.throwIfCancelled();
    const auto snap = index.nearest(stops[s].lon, stops[s].lat);
    a.snapM.push_back(snap.m);
    auto& zr = a.zones.emplace_back(static_cast<std::size_t>(Z), kInf);
    auto& cr = a.cells.emplace_back(c.cells.size(), kInf);
    if (snap.node < 0 || snap.m / kWalkMPerMin > maxMin) continue;
    solver.run(snap.node + Z, cost);
    const auto& d = solver.distance();
    const double start = snap.m / kWalkMPerMin;
    for (int z = 0; z < Z; ++z) zr[static_cast<std::size_t>(z)] = start + d[static_cast<std::size_t>(z)];
    for (std::size_t k = 0; k < c.cells.size(); ++k) {
      if (cellSnap[k].node < 0) continue;
      const double m = start + d[static_cast<std::size_t>(cellSnap[k].node + Z)] + cellSnap[k].m / kWalkMPerMin;
      if (m <= maxMin) cr[k] = m;
    }
  }
  return a;
}

const RouteFigures* NetworkRun::route(const std::string& id) const {
  for (const auto& r : routes)
    if (r.id == id) return &r;
  return nullptr;
}

NetworkRun runNetwork(const DemandContext& c, TransitNetwork network, const ChoiceParams& params,
                      core::Feedback& feedback) {
  NetworkRun run;
  run.network = std::move(network);
  run.access = stopAccess(c, run.network.stops, params.maxAccessMin, feedback);
  run.choice = evaluateChoice(run.network, run.access.zones, c.demand, params);
  // coverage: the routes reaching each cell
  std::vector<std::vector<int>> reach(c.cells.size());
  for (std::size_t r = 0; r < run.network.routes.size(); ++r) {
    std::vector<bool> seen(c.cells.size(), false);
    for (const auto& p : run.network.routes[r].patterns)
      for (int s : p.stops)
        for (std::size_t k = 0; k < c.cells.size(); ++k)
          if (!seen[k] && std::isfinite(run.access.cells[static_cast<std::size_t>(s)][k])) {
            seen[k] = true;
            reach[k].push_back(static_cast<int>(r));
          }
  }
  for (std::size_t r = 0; r < run.network.routes.size(); ++r) {
    const auto& route = run.network.routes[r];
    RouteFigures f;
    f.id = route.id;
    f.name = route.name;
    f.candidate = route.candidate;
    f.riders = run.choice.routes[r].riders;
    f.ridersDay = run.choice.routes[r].total();
    for (double d : run.choice.routes[r].denied) f.deniedDay += d;
    for (int h = 0; h < kDayHours; ++h)
      if (f.riders[static_cast<std::size_t>(h)] > f.peakHourRiders) f.peakHourRiders = f.riders[static_cast<std::size_t>(h)], f.peakHour = h;
    f.tripsPerDay = route.tripsPerDay();
    f.vehicleHours = route.vehicleHours();
    f.ridersPerVehicleHour = f.vehicleHours > 0 ? f.ridersDay / f.vehicleHours : 0.0;
    std::vector<int> stops;
    for (const auto& p : route.patterns) stops.insert(stops.end(), p.stops.begin(), p.stops.end());
    std::sort(stops.begin(), stops.end());
    f.stops = static_cast<int>(std::unique(stops.begin(), stops.end()) - stops.begin());
    for (std::size_t k = 0; k < c.cells.size(); ++k) {
      if (std::find(reach[k].begin(), reach[k].end(), static_cast<int>(r)) == reach[k].end()) continue;
      f.coveredPopulation += c.cells[k].meanPopulation;
      if (reach[k].size() == 1) f.newlyCoveredPopulation += c.cells[k].meanPopulation;
    }
    run.routes.push_back(std::move(f));
  }
  for (std::size_t k = 0; k < c.cells.size(); ++k)
    if (!reach[k].empty()) run.coveredPopulation += c.cells[k].meanPopulation;
  return run;
}

}  // namespace ekm::mobility
