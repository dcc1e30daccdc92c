#include "ekm/geo/length.h"

#include <geodesic.h>

#include <cmath>

#include "ekm/core/error.h"

namespace ekm::geo {

namespace {

const geod_geodesic& grs80() {
  static const geod_geodesic g = [] {
    geod_geodesic x;
    geod_init(&x, 6378137.0, 1.0 / 298.257222101);
    return x;
  }();
  return g;
}

void check(double lon, double lat, std::size_t i) {
  if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lat) > 90.0)
    throw core::ValidationError("point " + std::to_string(i) + " is not a valid lon/lat coordinate");
}

}  // namespace

double geodesicDistanceM(double lon1, double lat1, double lon2, double lat2) {
  check(lon1, lat1, 0);
  check(lon2, lat2, 1);
  double s12 = 0;
  geod_inverse(&grs80(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
  return s12;
}

double geodesicLengthM(const std::vector<std::pair<double, double>>& lonLat) {
  double total = 0;
  for (std::size_t i = 0; i < lonLat.size(); ++i) check(lonLat[i].first, lonLat[i].second, i);
  for (std::size_t i = 1; i < lonLat.size(); ++i) {
    double s12 = 0;
    geod_inverse(&grs80(), lonLat[i - 1].second, lonLat[i - 1].first, lonLat[i].second, lonLat[i].first, &s12,
                 nullptr, nullptr);
    total += s12;
  }
  return total;
}

double planeLengthM(const std::vector<std::pair<double, double>>& xy) {
  double total = 0;
  for (std::size_t i = 1; i < xy.size(); ++i)
    total += std::hypot(xy[i].first - xy[i - 1].first, xy[i].second - xy[i - 1].second);
  return total;
}

}  // namespace ekm::geo
