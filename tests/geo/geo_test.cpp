// ekm::geo against pyproj reference values (tests/data/geo, made by
// make_pyproj_reference.py with Debian python3-pyproj) and against the definition of the
// plane rectangular zones (origin at (0, 0), scale 0.9999 on the central meridian).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/geo/length.h"
#include "ekm/geo/plane_rectangular.h"
#include "ekm/geo/transformer.h"

using namespace ekm::geo;
using ekm::core::Error;
using ekm::core::ErrorCode;

namespace {

struct RefPoint {
  std::string name;
  double lon, lat;
  int epsg;
  double x, y;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  return out;
}

std::vector<RefPoint> refPoints() {
  std::ifstream in(std::string(EKM_TEST_DATA_DIR) + "/geo/pyproj_points.csv");
  EXPECT_TRUE(in.good());
  std::vector<RefPoint> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto f = split(line, ',');  // names contain no commas
    if (f.size() != 6) {
      ADD_FAILURE() << "bad line " << line;
      continue;
    }
    out.push_back({f[0], std::stod(f[1]), std::stod(f[2]), std::stoi(f[3]), std::stod(f[4]), std::stod(f[5])});
  }
  return out;
}

}  // namespace

TEST(PlaneRectangular, ZoneOfEveryReferencePlace) {
  int n = 0;
  for (const auto& p : refPoints()) {
    if (!planeRectangularZone(p.epsg)) continue;
    EXPECT_EQ(planeRectangularEpsgFor(p.lon, p.lat), p.epsg) << p.name;
    ++n;
  }
  EXPECT_GE(n, 55);
}

TEST(PlaneRectangular, NamedExamplesAndHelpers) {
  EXPECT_EQ(planeRectangularEpsgFor(139.7671, 35.6812), 6677);  // Tokyo, zone IX
  EXPECT_EQ(planeRectangularEpsgFor(135.4959, 34.7025), 6674);  // Osaka, VI
  EXPECT_EQ(planeRectangularEpsgFor(141.3508, 43.0687), 6680);  // Sapporo, XII
  EXPECT_EQ(planeRectangularEpsgFor(127.6811, 26.2124), 6683);  // Naha, XV
  EXPECT_EQ(planeRectangularZone(6677), 9);
  EXPECT_EQ(planeRectangularZoneName(6677), "IX");
  EXPECT_EQ(planeRectangularZoneName(6687), "XIX");
  EXPECT_EQ(planeRectangularZone(4326), 0);
  EXPECT_EQ(planeRectangularZoneName(6668), "");
  EXPECT_NEAR(planeRectangularOrigin(6677).lon, 139.8333333333, 1e-9);
  EXPECT_THROW(planeRectangularOrigin(3857), ekm::core::ValidationError);
  EXPECT_THROW(planeRectangularEpsgFor(2.35, 48.85), ekm::core::ValidationError);  // Paris
  EXPECT_THROW(planeRectangularEpsgFor(std::nan(""), 35.0), ekm::core::ValidationError);
  // Every point of a grid over Japan gets a zone whose origin is near: within 6.5 degrees,
  // or the nearest of all for open-ocean points (no wild assignments).
  for (double lat = 24.0; lat <= 45.5; lat += 0.25)
    for (double lon = 123.0; lon <= 153.0; lon += 0.25) {
      const int epsg = planeRectangularEpsgFor(lon, lat);
      ASSERT_TRUE(planeRectangularZone(epsg)) << lon << " " << lat;
      const double d = planeRectangularOriginDistance(epsg, lon, lat);
      double nearest = 1e9;
      for (int z = kFirstPlaneRectangularEpsg; z <= kLastPlaneRectangularEpsg; ++z)
        nearest = std::min(nearest, planeRectangularOriginDistance(z, lon, lat));
      EXPECT_TRUE(d <= 6.5 || d == nearest) << lon << " " << lat << " EPSG:" << epsg;
    }
}

TEST(Transformer, MatchesPyprojToOneMillimetre) {
  std::map<int, Transformer> cache;
  for (const auto& p : refPoints()) {
    auto it = cache.find(p.epsg);
    if (it == cache.end()) it = cache.emplace(p.epsg, Transformer(p.epsg)).first;
    const auto [x, y] = it->second.forward(p.lon, p.lat);
    const double tol = p.epsg == 6668 ? 1e-8 : 1e-3;  // degrees for the geographic target
    EXPECT_NEAR(x, p.x, tol) << p.name << " EPSG:" << p.epsg;
    EXPECT_NEAR(y, p.y, tol) << p.name << " EPSG:" << p.epsg;
    const auto [lon, lat] = it->second.inverse(p.x, p.y);
    EXPECT_NEAR(lon, p.lon, 1e-8) << p.name;  // ~1 mm
    EXPECT_NEAR(lat, p.lat, 1e-8) << p.name;
  }
}

TEST(Transformer, BatchEqualsSinglePoints) {
  const Transformer t(6677);
  std::vector<double> xs, ys;
  std::vector<std::pair<double, double>> pts;
  for (const auto& p : refPoints())
    if (p.epsg == 6677) {
      xs.push_back(p.lon);
      ys.push_back(p.lat);
      pts.emplace_back(p.lon, p.lat);
    }
  ASSERT_GE(xs.size(), 5u);
  t.forwardInPlace(xs, ys);
  const auto fwd = t.forward(pts);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto [x, y] = t.forward(pts[i].first, pts[i].second);
    EXPECT_DOUBLE_EQ(xs[i], x);
    EXPECT_DOUBLE_EQ(ys[i], y);
    EXPECT_DOUBLE_EQ(fwd[i].first, x);
    EXPECT_DOUBLE_EQ(fwd[i].second, y);
  }
  t.inverseInPlace(xs, ys);
  const auto back = t.inverse(fwd);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_NEAR(xs[i], pts[i].first, 1e-10);
    EXPECT_NEAR(ys[i], pts[i].second, 1e-10);
    EXPECT_NEAR(back[i].first, pts[i].first, 1e-10);
  }
  std::vector<double> a(3), b(2);
  EXPECT_THROW(t.forwardInPlace(a, b), ProjError);
  std::vector<double> e1, e2;
  EXPECT_NO_THROW(t.forwardInPlace(e1, e2));
}

TEST(Transformer, ZoneDefinition) {
  // Origin -> (0, 0); along the central meridian the northing is 0.9999 x the meridian arc.
  for (int epsg = kFirstPlaneRectangularEpsg; epsg <= kLastPlaneRectangularEpsg; ++epsg) {
    const Transformer t(epsg);
    const ZoneOrigin o = planeRectangularOrigin(epsg);
    const auto [x0, y0] = t.forward(o.lon, o.lat);
    EXPECT_NEAR(x0, 0.0, 1e-6) << epsg;
    EXPECT_NEAR(y0, 0.0, 1e-6) << epsg;
    const auto [x1, y1] = t.forward(o.lon, o.lat + 0.5);
    EXPECT_NEAR(x1, 0.0, 1e-6) << epsg;
    EXPECT_NEAR(y1, 0.9999 * geodesicDistanceM(o.lon, o.lat, o.lon, o.lat + 0.5), 1e-3) << epsg;
  }
}

TEST(Transformer, OnePerThread) {
  auto work = [](int epsg, double* out) {
    const Transformer t(epsg);
    double sum = 0;
    for (int i = 0; i < 2000; ++i) sum += t.forward(139.7 + i * 1e-5, 35.6).first;
    *out = sum;
  };
  double a = 0, b = 0, ref = 0;
  std::thread ta(work, 6677, &a), tb(work, 6677, &b);
  ta.join();
  tb.join();
  work(6677, &ref);
  EXPECT_EQ(a, ref);
  EXPECT_EQ(b, ref);
}

TEST(Transformer, ErrorsAreProjErrors) {
  try {
    Transformer t(999999);
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Proj);
    EXPECT_NE(std::string(e.what()).find("EPSG:999999"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Transformer("EPSG:4326", "not a crs"), ProjError);
  const Transformer t(6677);
  EXPECT_THROW(t.forward(std::nan(""), 35.0), ProjError);
  EXPECT_THROW(t.forward(139.0, 95.0), ProjError);  // latitude beyond the pole
  Transformer generic("EPSG:6677", "EPSG:4326");
  const auto [lon, lat] = generic.forward(0.0, 0.0);
  EXPECT_NEAR(lon, 139.0 + 50.0 / 60.0, 1e-12);
  EXPECT_NEAR(lat, 36.0, 1e-12);
  Transformer moved(std::move(generic));
  EXPECT_EQ(moved.targetCrs(), "EPSG:4326");
}

TEST(Length, MatchesPyprojGeod) {
  std::ifstream in(std::string(EKM_TEST_DATA_DIR) + "/geo/pyproj_lines.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);
  int n = 0;
  while (std::getline(in, line)) {
    const auto f = split(line, ',');
    ASSERT_EQ(f.size(), 3u) << line;
    std::vector<std::pair<double, double>> pts;
    for (const auto& c : split(f[2], ';')) {
      const auto xy = split(c, ' ');
      pts.emplace_back(std::stod(xy[0]), std::stod(xy[1]));
    }
    EXPECT_NEAR(geodesicLengthM(pts), std::stod(f[1]), 1e-3) << f[0];
    ++n;
  }
  EXPECT_EQ(n, 4);
  EXPECT_EQ(geodesicLengthM({}), 0.0);
  EXPECT_EQ(geodesicLengthM({{139.7, 35.6}}), 0.0);
  EXPECT_THROW(geodesicLengthM({{139.7, 95.0}, {139.7, 35.6}}), ekm::core::ValidationError);
}

TEST(Length, PlaneLengthAgreesWithGeodesicLocally) {
  // A Yamanote segment projected to zone IX: the plane length equals the geodesic length
  // times the local scale factor (0.9999 + a few 1e-6 at ~8-40 km from the origin).
  const std::vector<std::pair<double, double>> ll = {
      {139.73876, 35.62847}, {139.7407, 35.6355}, {139.74758, 35.64579}, {139.75705, 35.65546}};
  const Transformer t(6677);
  const double plane = planeLengthM(t.forward(ll));
  const double geod = geodesicLengthM(ll);
  EXPECT_NEAR(plane / geod, 0.9999, 2e-5);
  EXPECT_DOUBLE_EQ(planeLengthM({{0, 0}, {3, 4}, {3, 0}}), 9.0);
  EXPECT_EQ(planeLengthM({}), 0.0);
}
