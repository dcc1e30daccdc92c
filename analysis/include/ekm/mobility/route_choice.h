#pragma once
// Who would ride a bus route rather than walk: the route-choice model of the route-demand
// operations (docs/route_demand.md has the derivation and the sources of the defaults).
//
// For every OD pair (i, j) and hour h the alternatives are walking the whole way and each
// route of the network (one ride, no transfers). A route's generalized cost, in minutes of
// in-vehicle time, is that of its best boarding stop a and alighting stop b downstream on
// one of its patterns:
//
//   GC_route = walkWeight (access(i, a) + egress(b, j)) + waitWeight min(headway_h / 2, waitCap)
//              + ride(a, b) + fare / valueOfTime + constant
//   GC_walk  = walkWeight walk(i, j)
//
// (access and egress at most maxAccessMin each; a pattern without a departure in hour h is
// not available then). The share of each alternative is the multinomial logit
//   P_k = exp(-scale GC_k) / sum_l exp(-scale GC_l)
// (with one route, the binary logit against walking). Riders of a route = trips x P; each
// rides its best stops, which gives boardings, alightings and the load on every segment.
// The hourly trips are the walking OD of the demand operations (all trips in the
// district), so the model says how many of them a service would take.
//
// Capacity: a pattern carries at most departures_h x vehicleCapacity on any segment in hour h.
// When the riders choosing it would load a segment beyond that, every one of its riders of that
// hour is scaled by capacity / peak load (first come is not modelled: all OD pairs lose the same
// share); the rest is demand that could not board (`denied`), neither a rider nor a walker.
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "ekm/demand/network.h"

namespace ekm::mobility {

inline constexpr int kDayHours = 24;
using HourSeries = std::array<double, kDayHours>;

struct ChoiceParams {
  double walkWeight = 2.0;          // a walk minute in in-vehicle minutes
  double waitWeight = 2.0;          // a wait minute in in-vehicle minutes
  double waitCapMin = 15.0;         // wait = min(headway / 2, cap)
  double fareYen = 100.0;           // flat fare (Chii-bus: 100 yen)
  double valueOfTimeYenPerMin = 40.0;
  double constantMin = 5.0;         // bus alternative-specific penalty, minutes of in-vehicle time
  double scalePerMin = 0.1;         // logit scale per generalized minute
  double maxAccessMin = 10.0;       // longest walk to or from a stop
  double vehicleCapacity = 0.0;     // persons per vehicle (seats + standing); 0 = no limit
  double fareMin() const { return valueOfTimeYenPerMin > 0 ? fareYen / valueOfTimeYenPerMin : 0.0; }
  double waitMin(double headwayMin) const;  // min(headway / 2, cap)
};

struct TransitStop {
  std::string id, name;
  double lon = 0, lat = 0;
};

// One stop sequence of a route with its ride times and departures by hour.
struct TransitPattern {
  std::string id;
  std::vector<int> stops;        // indexes into TransitNetwork::stops
  std::vector<double> timeMin;   // ride minutes from the first stop (non-decreasing)
  HourSeries departures{};       // trips leaving the first stop in the hour
  double headwayMin(int hour) const;  // 60 / departures; 0 = no service that hour
  double tripMin() const { return timeMin.empty() ? 0.0 : timeMin.back(); }
  double tripsPerDay() const;
};

struct TransitRoute {
  std::string id, name;
  bool candidate = false;
  std::vector<TransitPattern> patterns;
  double vehicleHours() const;  // sum of trips x trip time
  double tripsPerDay() const;
};

struct TransitNetwork {
  std::vector<TransitStop> stops;
  std::vector<TransitRoute> routes;
  int routeIndex(const std::string& id) const;  // -1 when absent
};

// Walking minutes between stops and zones: minutes[stop][zone] (+inf when beyond reach).
using StopZoneMinutes = std::vector<std::vector<double>>;

struct ChoiceDemand {
  demand::OdMatrix walkMin;                        // zone to zone walking minutes (+inf: no path)
  std::array<demand::OdMatrix, kDayHours> trips;   // trips by hour (a matrix without zones = none)
};

struct PatternLoad {
  std::vector<double> boardings, alightings;  // per stop position, over the day
  std::vector<double> onBoard;                // leaving the stop (toward the next), over the day
  std::vector<double> peakOnBoard;            // the largest hourly on-board load leaving the stop
};

struct RouteRiders {
  HourSeries riders{};
  HourSeries denied{};                // chose the route but found it full (capacity)
  std::vector<PatternLoad> patterns;  // as TransitRoute::patterns
  double total() const;
};

struct ChoiceResult {
  std::vector<RouteRiders> routes;  // as TransitNetwork::routes
  HourSeries trips{}, walking{}, transit{}, denied{};
  double totalTrips() const;
  double totalTransit() const;
  double totalDenied() const;
};

// The model above. `access` has one row per stop of `network` with one value per zone.
ChoiceResult evaluateChoice(const TransitNetwork& network, const StopZoneMinutes& access, const ChoiceDemand& demand,
                            const ChoiceParams& params);

}  // namespace ekm::mobility
