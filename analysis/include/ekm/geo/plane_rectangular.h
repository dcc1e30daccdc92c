#pragma once
// The Japan Plane Rectangular Coordinate System (平面直角座標系, JGD2011, EPSG:6669-6687).
//
// Zones are assigned by law per prefecture (and, for Tokyo, Kagoshima, Okinawa and
// Hokkaido, per island group or sub-prefecture). planeRectangularEpsgFor() approximates
// that assignment from a coordinate alone, with a coarse partition of lon/lat into bands
// whose edges follow the prefectural borders to within roughly 0.1-0.3 degree:
//   - Okinawa (XV 126-130E, XVI west of 126E, XVII east of 130E), the Ogasawara islands
//     (XIV, south of 28N and east of 140.5E), Okinotorishima (XVIII), Minamitorishima (XIX);
//   - Hokkaido (north of the Tsugaru strait) split by longitude: XI west of 141.2E (south of
//     43.5N), XIII east of 142.9E, XII between;
//   - the Nagasaki / Kagoshima-island zone I, Kyushu II, Shikoku IV;
//   - Honshu split by longitude thresholds that change with latitude (III | V | VI | VII |
//     VIII | IX), with Tohoku (X) north of 37.9N except Niigata (VIII);
//   - open-ocean points whose rule zone's origin is more than 6.5 degrees away (no
//     inhabited place is) get the zone with the nearest origin instead.
// Near a prefectural border it may return the neighbouring zone. That is harmless for
// analysis: every zone is a conformal Transverse Mercator, and one zone off adds a scale
// error below about 1e-4 within the area a zone's neighbour covers; distances and areas
// stay metric. Use the official zone where survey-grade conformity matters.
// Throws core::ValidationError for non-finite values or points outside lon 120-160E,
// lat 17-50N.
#include <string>

namespace ekm::geo {

constexpr int kFirstPlaneRectangularEpsg = 6669;  // zone I
constexpr int kLastPlaneRectangularEpsg = 6687;   // zone XIX

int planeRectangularEpsgFor(double lon, double lat);

// Zone number 1..19 of a plane rectangular EPSG code; 0 if it is not one.
int planeRectangularZone(int epsg);
// Roman numeral of a zone EPSG ("IX" for 6677); "" if it is not one.
std::string planeRectangularZoneName(int epsg);
// Origin of a zone (latitude, longitude in degrees). Throws ValidationError if not a zone.
struct ZoneOrigin {
  double lat;
  double lon;
};
ZoneOrigin planeRectangularOrigin(int epsg);
// Distance in degrees (longitude scaled by cos(lat)) from (lon, lat) to a zone's origin.
double planeRectangularOriginDistance(int epsg, double lon, double lat);

}  // namespace ekm::geo
