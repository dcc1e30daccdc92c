// The sample's street network looks like streets (issue 13, part 4): it is noded — wherever a
// street's end touches another street, or a local street crosses another street, the two share
// a vertex — and local streets run straight: where one local street continues another
// (a turn under 45 degrees at their shared node) it turns by less than 1 degree (no zig-zags
// from jittered nodes).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/sample/sample_generator.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

struct P {
  double x, y;  // metres, local frame around the district
};
struct Street {
  std::string id;
  bool local = false;
  std::vector<P> points;
};

double dist(P a, P b) { return std::hypot(a.x - b.x, a.y - b.y); }

double pointSegment(P p, P a, P b) {
  const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
  return dist(p, {a.x + t * dx, a.y + t * dy});
}

// Interiors of ab and cd cross (not at an end of either).
bool properCross(P a, P b, P c, P d) {
  auto orient = [](P o, P p, P q) { return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x); };
  const double d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0 && pointSegment(a, c, d) > 0.05 && pointSegment(b, c, d) > 0.05 &&
         pointSegment(c, a, b) > 0.05 && pointSegment(d, a, b) > 0.05;
}

std::vector<Street> readStreets(const fs::path& file) {
  std::ifstream in(file);
  const auto j = nlohmann::json::parse(in);
  const double lon0 = 139.7406575, lat0 = 35.6353954;
  const double kx = 111320.0 * std::cos(lat0 * M_PI / 180), ky = 110950.0;
  std::vector<Street> out;
  for (const auto& f : j["features"]) {
    Street s;
    s.id = f["properties"]["segment_id"].get<std::string>();
    s.local = f["properties"]["source"].get<std::string>().rfind("generated", 0) == 0;
    for (const auto& c : f["geometry"]["coordinates"])
      s.points.push_back({(c[0].get<double>() - lon0) * kx, (c[1].get<double>() - lat0) * ky});
    out.push_back(std::move(s));
  }
  return out;
}

class StreetShape : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("street_shape");
    ekm::sample::SampleSpec spec;
    spec.from = year_month_day{year{2025}, month{3}, day{27}};
    spec.to = spec.from;
    spec.radiusM = 800;
    spec.countedLocalSegments = 4;
    ekm::sample::generateSampleFiles(spec, s_tmp->path().string(), ekm::core::nullFeedback());
    s_streets = readStreets(s_tmp->path() / "road_segments.geojson");
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline std::vector<Street> s_streets;
};

}  // namespace

TEST_F(StreetShape, EndsThatTouchAnotherStreetAreSharedVertices) {
  int locals = 0, touching = 0;
  for (const Street& s : s_streets) {
    locals += s.local;
    for (const P end : {s.points.front(), s.points.back()})
      for (const Street& t : s_streets) {
        if (&t == &s) continue;
        double nearest = 1e9, nearestVertex = 1e9;
        for (std::size_t i = 0; i + 1 < t.points.size(); ++i) nearest = std::min(nearest, pointSegment(end, t.points[i], t.points[i + 1]));
        for (const P v : t.points) nearestVertex = std::min(nearestVertex, dist(end, v));
        if (nearest > 0.5) continue;
        ++touching;
        EXPECT_LT(nearestVertex, 0.02) << "the end of " << s.id << " touches " << t.id << " " << nearest
                                       << " m away but is no vertex of it (nearest vertex " << nearestVertex << " m)";
      }
  }
  EXPECT_GT(locals, 150);
  EXPECT_GT(touching, 300);  // the test sees a network, not loose lines
}

TEST_F(StreetShape, LocalStreetsCrossOtherStreetsOnlyAtSharedVertices) {
  for (std::size_t a = 0; a < s_streets.size(); ++a)
    for (std::size_t b = a + 1; b < s_streets.size(); ++b) {
      const Street &s = s_streets[a], &t = s_streets[b];
      if (!s.local && !t.local) continue;
      for (std::size_t i = 0; i + 1 < s.points.size(); ++i)
        for (std::size_t k = 0; k + 1 < t.points.size(); ++k)
          EXPECT_FALSE(properCross(s.points[i], s.points[i + 1], t.points[k], t.points[k + 1]))
              << s.id << " crosses " << t.id << " without a shared vertex";
    }
}

TEST_F(StreetShape, LocalStreetsRunStraightThroughTheirNodes) {
  // Directions of the local street pieces leaving each node (rounded to 1 cm).
  std::map<std::pair<long, long>, std::vector<std::pair<P, std::string>>> leaving;
  auto key = [](P p) { return std::pair{std::lround(p.x * 100), std::lround(p.y * 100)}; };
  for (const Street& s : s_streets) {
    if (!s.local) continue;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      if (i + 1 < s.points.size()) leaving[key(s.points[i])].push_back({{s.points[i + 1].x - s.points[i].x, s.points[i + 1].y - s.points[i].y}, s.id});
      if (i > 0) leaving[key(s.points[i])].push_back({{s.points[i - 1].x - s.points[i].x, s.points[i - 1].y - s.points[i].y}, s.id});
    }
  }
  int continuations = 0;
  for (const auto& [node, dirs] : leaving)
    for (std::size_t a = 0; a < dirs.size(); ++a)
      for (std::size_t b = a + 1; b < dirs.size(); ++b) {
        const P u = dirs[a].first, v = dirs[b].first;
        // The turn from arriving along -u to leaving along v.
        const double cosTurn = -(u.x * v.x + u.y * v.y) / (std::hypot(u.x, u.y) * std::hypot(v.x, v.y));
        const double turnDeg = std::acos(std::clamp(cosTurn, -1.0, 1.0)) * 180 / M_PI;
        if (turnDeg >= 45) continue;  // a corner, not a continuation
        ++continuations;
        EXPECT_LT(turnDeg, 1.0) << dirs[a].second << " -> " << dirs[b].second << " turns by " << turnDeg << " degrees";
      }
  EXPECT_GT(continuations, 100);
}
