#include "render/ground_geometry.h"

#include <cmath>
#include <numbers>
#include <string>

#include "ekm/core/error.h"

namespace ekm::render {

namespace {
constexpr double kDeg = std::numbers::pi / 180;
// GRS80 (JGD2011's ellipsoid).
constexpr double kA = 6378137.0;
constexpr double kF = 1 / 298.257222101;

// Ground distance in metres of a small lon/lat displacement at latitude lat (degrees).
double smallDistance(double lat, double dLon, double dLat) {
  const double e2 = kF * (2 - kF);
  const double s = std::sin(lat * kDeg);
  const double w = std::sqrt(1 - e2 * s * s);
  const double m = kA * (1 - e2) / (w * w * w);  // meridian radius of curvature
  const double n = kA / w;                       // prime vertical radius of curvature
  const double dx = n * std::cos(lat * kDeg) * dLon * kDeg, dy = m * dLat * kDeg;
  return std::hypot(dx, dy);
}
}  // namespace

std::optional<GroundGeometry> groundGeometry(const geo::Transformer& toLonLat, const Extent& extent) {
  if (!extent.isValid()) return std::nullopt;
  try {
    const QPointF c = extent.centre();
    const double d = extent.width() / 100;
    const auto [lon, lat] = toLonLat.forward(c.x(), c.y());
    const auto [lonE, latE] = toLonLat.forward(c.x() + d, c.y());
    GroundGeometry g;
    g.metresPerMapUnit = smallDistance(lat, lonE - lon, latE - lat) / d;
    const auto [xn, yn] = toLonLat.inverse(lon, lat + 0.001);
    g.northAngleDeg = std::atan2(xn - c.x(), yn - c.y()) / kDeg;
    if (!std::isfinite(g.metresPerMapUnit) || !(g.metresPerMapUnit > 0) || !std::isfinite(g.northAngleDeg))
      return std::nullopt;
    return g;
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

std::optional<GroundGeometry> groundGeometry(int displayEpsg, const Extent& extent) {
  try {
    const geo::Transformer toLonLat("EPSG:" + std::to_string(displayEpsg), "EPSG:4326");
    return groundGeometry(toLonLat, extent);
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

}  // namespace ekm::render
