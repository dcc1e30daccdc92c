// M/M/c fleet sizing of an on-demand service (ondemand.h).
#include "ekm/mobility/ondemand.h"

#include <cmath>
#include <limits>

namespace ekm::mobility {

double erlangC(int c, double a) {
  if (c <= 0 || a >= c) return 1.0;
  if (a <= 0) return 0.0;
  double b = 1.0;  // Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1))
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return c * b / (c - a * (1.0 - b));
}

double mmcQueueWaitMin(int c, double lambdaPerHour, double serviceMin) {
  const double lambda = lambdaPerHour / 60.0, mu = 1.0 / serviceMin, a = lambda / mu;
  if (lambda <= 0) return 0.0;
  if (c <= a) return std::numeric_limits<double>::infinity();
  return erlangC(c, a) / (c * mu - lambda);
}

double deadheadMin(double areaKm2, double speedKmh) { return (2.0 / 3.0) * std::sqrt(areaKm2) / speedKmh * 60.0; }

FleetHour fleetForHour(double requests, double meanRideMin, double deadhead, double dwellMin, double targetWaitMin,
                       int maxVehicles) {
  FleetHour f;
  f.requests = requests;
  f.deadheadMin = deadhead;
  f.serviceMin = deadhead + meanRideMin + dwellMin;
  if (!(requests > 0)) {
    f.vehicles = 0;
    return f;
  }
  if (deadhead > targetWaitMin) return f;
  const double a = requests / 60.0 * f.serviceMin;
  for (int c = std::max(1, static_cast<int>(std::floor(a)) + 1); c <= maxVehicles; ++c) {
    const double w = mmcQueueWaitMin(c, requests, f.serviceMin) + deadhead;
    if (w <= targetWaitMin) {
      f.vehicles = c;
      f.meanWaitMin = w;
      f.utilisation = a / c;
      return f;
    }
  }
  return f;
}

}  // namespace ekm::mobility
