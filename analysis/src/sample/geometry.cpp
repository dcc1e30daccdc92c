#include "ekm/sample/geometry.h"

#include <algorithm>
#include <cmath>

namespace ekm::sample {

LocalFrame::LocalFrame(double centerLon, double centerLat)
    : m_lon0(centerLon),
      m_lat0(centerLat),
      m_mPerDegLon(111320.0 * std::cos(centerLat * M_PI / 180.0)),
      m_mPerDegLat(110950.0) {}

XY LocalFrame::toXY(double lon, double lat) const { return {(lon - m_lon0) * m_mPerDegLon, (lat - m_lat0) * m_mPerDegLat}; }

LonLatPoint LocalFrame::toLonLat(XY p) const { return {m_lon0 + p.x / m_mPerDegLon, m_lat0 + p.y / m_mPerDegLat}; }

double LocalFrame::distanceM(double lon1, double lat1, double lon2, double lat2) const {
  const XY a = toXY(lon1, lat1), b = toXY(lon2, lat2);
  return std::hypot(a.x - b.x, a.y - b.y);
}

namespace {
double cross(XY o, XY a, XY b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }
bool onSegment(XY p, XY a, XY b) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}
}  // namespace

bool segmentsIntersect(XY a, XY b, XY c, XY d) {
  const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 == 0 && onSegment(a, c, d)) return true;
  if (d2 == 0 && onSegment(b, c, d)) return true;
  if (d3 == 0 && onSegment(c, a, b)) return true;
  if (d4 == 0 && onSegment(d, a, b)) return true;
  return false;
}

double pointSegmentDistance(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double segmentSegmentDistance(XY a, XY b, XY c, XY d) {
  if (segmentsIntersect(a, b, c, d)) return 0.0;
  return std::min({pointSegmentDistance(a, c, d), pointSegmentDistance(b, c, d), pointSegmentDistance(c, a, b),
                   pointSegmentDistance(d, a, b)});
}

}  // namespace ekm::sample
