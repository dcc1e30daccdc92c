#include "ekm/geo/plane_rectangular.h"

#include <array>
#include <cmath>
#include <numbers>
#include <sstream>

#include "ekm/core/error.h"

namespace ekm::geo {

namespace {

struct Zone {
  const char* name;
  double lat;
  double lon;
};
// Origins from the Notification of the Ministry of Land, Infrastructure, Transport and
// Tourism No. 9 (2002): 系I-XIX.
constexpr std::array<Zone, 19> kZones = {{
    {"I", 33.0, 129.5},
    {"II", 33.0, 131.0},
    {"III", 36.0, 132.0 + 10.0 / 60.0},
    {"IV", 33.0, 133.5},
    {"V", 36.0, 134.0 + 20.0 / 60.0},
    {"VI", 36.0, 136.0},
    {"VII", 36.0, 137.0 + 10.0 / 60.0},
    {"VIII", 36.0, 138.5},
    {"IX", 36.0, 139.0 + 50.0 / 60.0},
    {"X", 40.0, 140.0 + 50.0 / 60.0},
    {"XI", 44.0, 140.25},
    {"XII", 44.0, 142.25},
    {"XIII", 44.0, 144.25},
    {"XIV", 26.0, 142.0},
    {"XV", 26.0, 127.5},
    {"XVI", 26.0, 124.0},
    {"XVII", 26.0, 131.0},
    {"XVIII", 20.0, 136.0},
    {"XIX", 26.0, 154.0},
}};

constexpr int epsgOf(int zone) { return kFirstPlaneRectangularEpsg + zone - 1; }

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

// Distance in degrees of latitude (longitude scaled by cos(lat)) to a zone's origin.
double originDistance(int zone, double lon, double lat) {
  const double dx = (lon - kZones[zone - 1].lon) * std::cos(lat * std::numbers::pi / 180.0);
  const double dy = lat - kZones[zone - 1].lat;
  return std::hypot(dx, dy);
}

int zoneByRules(double lon, double lat) {
  // South-western islands and Tokyo's remote islands.
  if (lat < 27.0) {
    if (lon >= 150.0) return 19;
    if (lat < 22.0 && lon >= 135.0 && lon < 138.0) return 18;
    if (lon >= 140.5) return 14;
    if (lon < 126.0) return 16;
    if (lon < 130.0) return 15;
    // Daito islands and the open ocean between: the nearest of XVII, XVIII, XIV.
    int best = 17;
    double bestD = 1e300;
    for (int z : {17, 18, 14}) {
      if (originDistance(z, lon, lat) < bestD) {
        bestD = originDistance(z, lon, lat);
        best = z;
      }
    }
    return best;
  }
  if (lat < 28.0 && lon >= 140.5) return lon >= 150.0 ? 19 : 14;
  // Hokkaido, north of the Tsugaru strait.
  if (lon >= 139.0 && (lon < 140.6 ? lat >= 41.35 : lat >= 41.6)) {
    if (lon >= 142.9) return 13;
    if (lon < 141.2 && lat < 43.5) return 11;
    return 12;
  }
  // Zone I: Nagasaki and the Kagoshima islands west of 130E (Amami to 130 deg 13').
  if (lat < 32.0 && (lon < 130.0 || (lat < 29.0 && lon < 130.0 + 13.0 / 60.0))) return 1;
  if (lat >= 32.0 && lat < 34.8 && lon < 129.8) return 1;           // Tsushima, Iki, Goto, Hirado
  if (lat >= 32.55 && lat < 33.2 && lon < 130.2) return 1;          // Nagasaki peninsula, Sasebo
  if (lat >= 32.6 && lat < 32.95 && lon >= 130.1 && lon < 130.4) return 1;  // Shimabara
  // Kyushu.
  if (lon < 132.0 && (lon <= 131.0 ? lat < 33.93 : lat < 33.75)) return 2;
  // Shikoku.
  if (lat >= 32.6 && lon >= 132.0 && lon < 134.75) {
    const double north = lon < 132.5 ? 33.9 : lon < 133.5 ? 34.15 : 34.45;
    if (lat < north) return 4;
  }
  // Honshu, west to east.
  if (lon < (lat >= 35.2 ? 133.28 : 133.43)) return 3;
  {
    const double v = lat < 34.3 ? 134.95 : lat < 35.0 ? 135.45 : lat < 35.2 ? 135.3 : 135.0;
    if (lon < v) return 5;
  }
  if (lat < 36.25) {
    const double vi = lat < 34.65 ? 136.95 : lat < 35.3 ? 136.72 : lat < 35.8 ? 136.4 : 136.7;
    if (lon < vi) return 6;
  }
  if (lon < (lat < 35.2 ? 137.47 : 137.6)) return 7;
  if (lat >= 37.9) return (lon < 139.75 && lat < 38.6) ? 8 : 10;
  {
    const double viii = lat < 35.4 ? 139.1 : lat < 36.2 ? 139.0 : lat < 36.8 ? 138.6 : 139.5;
    if (lon < viii) return 8;
  }
  return 9;
}

// Every inhabited place of Japan lies within about 6 degrees of its zone's origin (the
// farthest: Yoron, zone I). A rule result farther than that is an open-ocean point: take
// the nearest origin instead.
constexpr double kMaxLandDistance = 6.5;

int zoneFor(double lon, double lat) {
  const int z = zoneByRules(lon, lat);
  if (originDistance(z, lon, lat) <= kMaxLandDistance) return z;
  int best = z;
  for (int k = 1; k <= 19; ++k)
    if (originDistance(k, lon, lat) < originDistance(best, lon, lat)) best = k;
  return best;
}

}  // namespace

double planeRectangularOriginDistance(int epsg, double lon, double lat) {
  const int z = planeRectangularZone(epsg);
  if (!z) throw core::ValidationError("EPSG:" + std::to_string(epsg) + " is not a JGD2011 plane rectangular zone");
  return originDistance(z, lon, lat);
}

int planeRectangularEpsgFor(double lon, double lat) {
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < 120.0 || lon > 160.0 || lat < 17.0 || lat > 50.0) {
    core::ErrorContext c;
    c.expected = "a point in or near Japan (lon 120-160E, lat 17-50N)";
    c.found = "lon " + fmt(lon) + ", lat " + fmt(lat);
    throw core::ValidationError("no Japan Plane Rectangular zone for this point", c);
  }
  return epsgOf(zoneFor(lon, lat));
}

int planeRectangularZone(int epsg) {
  return (epsg >= kFirstPlaneRectangularEpsg && epsg <= kLastPlaneRectangularEpsg)
             ? epsg - kFirstPlaneRectangularEpsg + 1
             : 0;
}

std::string planeRectangularZoneName(int epsg) {
  const int z = planeRectangularZone(epsg);
  return z ? kZones[z - 1].name : "";
}

ZoneOrigin planeRectangularOrigin(int epsg) {
  const int z = planeRectangularZone(epsg);
  if (!z) throw core::ValidationError("EPSG:" + std::to_string(epsg) + " is not a JGD2011 plane rectangular zone");
  return {kZones[z - 1].lat, kZones[z - 1].lon};
}

}  // namespace ekm::geo
