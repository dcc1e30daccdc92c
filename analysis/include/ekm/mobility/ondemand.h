#pragma once
// Fleet size of an on-demand (demand-responsive) service for a target mean wait, hour by
// hour, by an M/M/c queue on the vehicle's time per request (docs/route_demand.md):
//
//   - requests arrive at rate lambda (per hour, Poisson); each occupies one vehicle for
//     S = deadhead + ride + dwell minutes (no ride sharing, exponential service);
//   - deadhead (the drive to the pickup) = the mean right-angle distance between two
//     random points of a square of the area's size, (2/3) sqrt(A), at the vehicle speed
//     (Larson & Odoni, Urban Operations Research, 1981, ch. 3);
//   - with c vehicles the mean wait for a vehicle to become free is the M/M/c (Erlang C)
//     queue wait  Wq = C(c, a) / (c mu - lambda),  a = lambda / mu,  mu = 1 / S
//     (Erlang C: e.g. Kleinrock, Queueing Systems vol. 1, 1975, sec. 3.5; Larson & Odoni
//     ch. 4); the rider's mean wait = Wq + deadhead;
//   - vehicles needed = the smallest c > a with Wq + deadhead <= the target. None when the
//     deadhead alone exceeds the target.
#include <optional>

namespace ekm::mobility {

// Erlang C: the probability that a request waits, c servers, offered load a = lambda / mu
// (1 when c <= a).
double erlangC(int servers, double offeredLoad);
// M/M/c mean queue wait in minutes (+inf when c <= a).
double mmcQueueWaitMin(int servers, double requestsPerHour, double serviceMin);
// (2/3) sqrt(area) at speed, minutes.
double deadheadMin(double areaKm2, double speedKmh);

struct FleetHour {
  double requests = 0;    // per hour
  double serviceMin = 0;  // per request
  double deadheadMin = 0;
  std::optional<int> vehicles;  // none: the target cannot be met (or more than maxVehicles)
  double meanWaitMin = 0;       // with that many vehicles
  double utilisation = 0;       // a / c
};

FleetHour fleetForHour(double requestsPerHour, double meanRideMin, double deadheadMin, double dwellMin,
                       double targetWaitMin, int maxVehicles = 500);

}  // namespace ekm::mobility
