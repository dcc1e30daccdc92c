#pragma once
// Small planar geometry helpers for the sample generator: a local metric frame around a
// centre point (equirectangular; adequate over a few kilometres) and segment tests.
#include <vector>

#include "ekm/sample/reference_data.h"

namespace ekm::sample {

struct XY {
  double x = 0;  // metres east of the centre
  double y = 0;  // metres north of the centre
};

class LocalFrame {
 public:
  LocalFrame(double centerLon, double centerLat);
  XY toXY(double lon, double lat) const;
  LonLatPoint toLonLat(XY p) const;
  double distanceM(double lon1, double lat1, double lon2, double lat2) const;

 private:
  double m_lon0, m_lat0, m_mPerDegLon, m_mPerDegLat;
};

// Do the closed segments ab and cd intersect (touching counts)?
bool segmentsIntersect(XY a, XY b, XY c, XY d);
double pointSegmentDistance(XY p, XY a, XY b);
double segmentSegmentDistance(XY a, XY b, XY c, XY d);

}  // namespace ekm::sample
