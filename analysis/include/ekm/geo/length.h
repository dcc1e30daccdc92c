#pragma once
// Lengths of polylines.
#include <utility>
#include <vector>

namespace ekm::geo {

// Geodesic distance in metres between two lon/lat points on the GRS80 ellipsoid (the
// ellipsoid of JGD2011; it differs from WGS84's by < 0.1 mm in the semi-minor axis), by
// Karney's algorithm (PROJ's geodesic library).
double geodesicDistanceM(double lon1, double lat1, double lon2, double lat2);
// Sum of the geodesic lengths of the segments of a lon/lat polyline; 0 for < 2 points.
// Throws core::ValidationError for non-finite coordinates or |lat| > 90.
double geodesicLengthM(const std::vector<std::pair<double, double>>& lonLat);
// Sum of the Euclidean lengths of a polyline in projected (metre) coordinates.
double planeLengthM(const std::vector<std::pair<double, double>>& xy);

}  // namespace ekm::geo
