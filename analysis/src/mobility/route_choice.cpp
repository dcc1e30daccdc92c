// The walk-versus-bus route-choice model (route_choice.h).
#include "ekm/mobility/route_choice.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ekm/core/error.h"

namespace ekm::mobility {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double sum(const HourSeries& s) { return std::accumulate(s.begin(), s.end(), 0.0); }

// The best boarding and alighting positions of one pattern for one OD pair, before waiting.
struct BestRide {
  double cost = kInf;  // walk + ride (+ fare and constant), in-vehicle minutes
  int board = -1, alight = -1;
};

struct PatternRef {
  int route = 0, pattern = 0;
};

// Riders of one OD pair on one pattern in the hour, before the capacity check.
struct Ride {
  int board = 0, alight = 0;
  double riders = 0;
};

}  // namespace

double ChoiceParams::waitMin(double headwayMin) const { return std::min(0.5 * headwayMin, waitCapMin); }

double TransitPattern::headwayMin(int hour) const {
  const double d = departures[static_cast<std::size_t>(hour)];
  return d > 0 ? 60.0 / d : 0.0;
}

double TransitPattern::tripsPerDay() const { return sum(departures); }

double TransitRoute::vehicleHours() const {
  double h = 0;
  for (const auto& p : patterns) h += p.tripsPerDay() * p.tripMin() / 60.0;
  return h;
}

double TransitRoute::tripsPerDay() const {
  double n = 0;
  for (const auto& p : patterns) n += p.tripsPerDay();
  return n;
}

int TransitNetwork::routeIndex(const std::string& id) const {
  for (std::size_t r = 0; r < routes.size(); ++r)
    if (routes[r].id == id) return static_cast<int>(r);
  return -1;
}

double RouteRiders::total() const { return sum(riders); }
double ChoiceResult::totalTrips() const { return sum(trips); }
double ChoiceResult::totalTransit() const { return sum(transit); }
double ChoiceResult::totalDenied() const { return sum(denied); }

ChoiceResult evaluateChoice(const TransitNetwork& net, const StopZoneMinutes& access, const ChoiceDemand& demand,
                            const ChoiceParams& prm) {
  const int zones = demand.walkMin.zoneCount();
  const auto Z = static_cast<std::size_t>(zones);
  if (access.size() != net.stops.size())
    throw core::ValidationError("access minutes need one row per stop",
                                {"", std::nullopt, std::nullopt, "access", std::to_string(net.stops.size()),
                                 std::to_string(access.size())});
  for (const auto& row : access)
    if (row.size() != Z)
      throw core::ValidationError("access minutes need one value per zone",
                                  {"", std::nullopt, std::nullopt, "access", std::to_string(zones),
                                   std::to_string(row.size())});

  // Every pattern's best ride for every OD pair (the wait depends on the hour only).
  std::vector<PatternRef> refs;
  for (std::size_t r = 0; r < net.routes.size(); ++r)
    for (std::size_t p = 0; p < net.routes[r].patterns.size(); ++p) refs.push_back({static_cast<int>(r), static_cast<int>(p)});
  const double fixed = prm.fareMin() + prm.constantMin;
  std::vector<std::vector<BestRide>> best(refs.size(), std::vector<BestRide>(Z * Z));
  for (std::size_t q = 0; q < refs.size(); ++q) {
    const auto& pat = net.routes[static_cast<std::size_t>(refs[q].route)].patterns[static_cast<std::size_t>(refs[q].pattern)];
    const std::size_t n = pat.stops.size();
    if (pat.timeMin.size() != n)
      throw core::ValidationError("a pattern needs one ride time per stop",
                                  {"", std::nullopt, std::nullopt, pat.id, std::to_string(n), std::to_string(pat.timeMin.size())});
    auto walk = [&](std::size_t k, std::size_t zone) {
      const double m = access[static_cast<std::size_t>(pat.stops[k])][zone];
      return m <= prm.maxAccessMin ? prm.walkWeight * m : kInf;
    };
    std::vector<double> pre(n, kInf);
    std::vector<int> preArg(n, -1);
    for (std::size_t i = 0; i < Z; ++i) {
      double run = kInf;
      int arg = -1;
      for (std::size_t m = 0; m < n; ++m) {
        pre[m] = run, preArg[m] = arg;  // best boarding strictly before m
        const double v = walk(m, i) - pat.timeMin[m];
        if (v < run) run = v, arg = static_cast<int>(m);
      }
      for (std::size_t j = 0; j < Z; ++j) {
        if (i == j) continue;
        BestRide b;
        for (std::size_t m = 1; m < n; ++m) {
          if (preArg[m] < 0) continue;
          const double c = pre[m] + walk(m, j) + pat.timeMin[m];
          if (c < b.cost) b = {c, preArg[m], static_cast<int>(m)};
        }
        if (b.board >= 0) b.cost += fixed;
        best[q][i * Z + j] = b;
      }
    }
  }

  ChoiceResult out;
  out.routes.resize(net.routes.size());
  std::vector<std::vector<double>> hourLoad(refs.size());
  std::vector<std::vector<Ride>> rides(refs.size());
  for (std::size_t q = 0; q < refs.size(); ++q) {
    const auto& pat = net.routes[static_cast<std::size_t>(refs[q].route)].patterns[static_cast<std::size_t>(refs[q].pattern)];
    auto& rr = out.routes[static_cast<std::size_t>(refs[q].route)];
    rr.patterns.resize(net.routes[static_cast<std::size_t>(refs[q].route)].patterns.size());
    auto& pl = rr.patterns[static_cast<std::size_t>(refs[q].pattern)];
    const std::size_t n = pat.stops.size();
    pl.boardings.assign(n, 0.0), pl.alightings.assign(n, 0.0), pl.onBoard.assign(n, 0.0), pl.peakOnBoard.assign(n, 0.0);
  }
  std::vector<double> routeCost(net.routes.size()), share(net.routes.size());
  std::vector<int> routeChoice(net.routes.size());
  for (int h = 0; h < kDayHours; ++h) {
    const auto& T = demand.trips[static_cast<std::size_t>(h)];
    if (T.zoneCount() == 0) continue;
    if (T.zoneCount() != zones)
      throw core::ValidationError("the hour's trips need the walking matrix's zones",
                                  {"", std::nullopt, std::nullopt, "trips", std::to_string(zones), std::to_string(T.zoneCount())});
    for (std::size_t q = 0; q < refs.size(); ++q) {
      hourLoad[q].assign(net.routes[static_cast<std::size_t>(refs[q].route)].patterns[static_cast<std::size_t>(refs[q].pattern)].stops.size(), 0.0);
      rides[q].clear();
    }
    for (int i = 0; i < zones; ++i)
      for (int j = 0; j < zones; ++j) {
        const double trips = T(i, j);
        if (i == j || !(trips > 0)) continue;
        const std::size_t ij = static_cast<std::size_t>(i) * Z + static_cast<std::size_t>(j);
        std::fill(routeCost.begin(), routeCost.end(), kInf);
        std::fill(routeChoice.begin(), routeChoice.end(), -1);
        for (std::size_t q = 0; q < refs.size(); ++q) {
          const auto& b = best[q][ij];
          const auto& pat = net.routes[static_cast<std::size_t>(refs[q].route)].patterns[static_cast<std::size_t>(refs[q].pattern)];
          const double hw = pat.headwayMin(h);
          if (b.board < 0 || hw <= 0) continue;
          const double c = b.cost + prm.waitWeight * prm.waitMin(hw);
          auto r = static_cast<std::size_t>(refs[q].route);
          if (c < routeCost[r]) routeCost[r] = c, routeChoice[r] = static_cast<int>(q);
        }
        const double walkCost = prm.walkWeight * demand.walkMin(i, j);
        double lo = walkCost;
        for (double c : routeCost) lo = std::min(lo, c);
        out.trips[static_cast<std::size_t>(h)] += trips;
        if (!std::isfinite(lo)) continue;  // neither walkable nor served: left out
        const double walkW = std::isfinite(walkCost) ? std::exp(-prm.scalePerMin * (walkCost - lo)) : 0.0;
        double denom = walkW;
        for (std::size_t r = 0; r < routeCost.size(); ++r) {
          share[r] = std::isfinite(routeCost[r]) ? std::exp(-prm.scalePerMin * (routeCost[r] - lo)) : 0.0;
          denom += share[r];
        }
        out.walking[static_cast<std::size_t>(h)] += trips * walkW / denom;
        for (std::size_t r = 0; r < routeCost.size(); ++r) {
          if (routeChoice[r] < 0) continue;
          const double x = trips * share[r] / denom;
          const auto q = static_cast<std::size_t>(routeChoice[r]);
          const auto& b = best[q][ij];
          rides[q].push_back({b.board, b.alight, x});
          for (int k = b.board; k < b.alight; ++k) hourLoad[q][static_cast<std::size_t>(k)] += x;
        }
      }
    for (std::size_t q = 0; q < refs.size(); ++q) {
      const auto r = static_cast<std::size_t>(refs[q].route);
      const auto& pat = net.routes[r].patterns[static_cast<std::size_t>(refs[q].pattern)];
      auto& pl = out.routes[r].patterns[static_cast<std::size_t>(refs[q].pattern)];
      // capacity of the hour: the peak segment load at most departures x vehicle capacity
      const double peak = hourLoad[q].empty() ? 0.0 : *std::max_element(hourLoad[q].begin(), hourLoad[q].end());
      const double capacity = pat.departures[static_cast<std::size_t>(h)] * prm.vehicleCapacity;
      const double served = prm.vehicleCapacity > 0 && peak > capacity ? capacity / peak : 1.0;
      for (const auto& ride : rides[q]) {
        const double x = ride.riders * served;
        out.routes[r].riders[static_cast<std::size_t>(h)] += x;
        out.transit[static_cast<std::size_t>(h)] += x;
        out.routes[r].denied[static_cast<std::size_t>(h)] += ride.riders - x;
        out.denied[static_cast<std::size_t>(h)] += ride.riders - x;
        pl.boardings[static_cast<std::size_t>(ride.board)] += x;
        pl.alightings[static_cast<std::size_t>(ride.alight)] += x;
      }
      for (std::size_t k = 0; k < hourLoad[q].size(); ++k) {
        hourLoad[q][k] *= served;
        pl.onBoard[k] += hourLoad[q][k];
        pl.peakOnBoard[k] = std::max(pl.peakOnBoard[k], hourLoad[q][k]);
      }
    }
  }
  return out;
}

}  // namespace ekm::mobility
