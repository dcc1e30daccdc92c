// Slope-aware stop catchments (coverage.h, measure minutes): a street up a hill, with heights
// copied from 3D lines (heights_from; the project's road segments keep none). Walking uphill
// is slower by Tobler's hiking function v(s) = 6 exp(-3.5 |s + 0.05|) km/h relative to its flat
// value at 4.8 km/h (walking_network.h). The minutes to every cell are computed here by hand
// from the sketch (haversine lengths, the function written out again), not by the network code.
//
//   height (m) 80.0 77.5 75.0      42.5 40.0 37.5       2.5  0.0
//               o----o----o-- ... --o----o----o-- ... --o----o     a node every 0.0005 deg lon
//               n0   n1   n2        n15  n16  n17       n31  n32   (~45 m; slope about 0.055)
//                                        S  (stop, departs 08:10, 11 m north of n16)
//               <- uphill from S                downhill from S ->
//   cells: the 1/8 mesh cells of the row (~140 m), each centre joining its nearest node.
// Tobler at slope +0.055 walks at 0.82 of the flat speed, at -0.055 at 1.17: a 9-minute reach
// takes 4 cells uphill and 6 downhill (5 and 5 on the flat).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/coverage.h"
#include "support/temp_dir.h"
#include "two_stop_feed.h"

using namespace ekm;

namespace {

constexpr double kWest = 139.7380, kStep = 0.0005, kReachMin = 9.0;
constexpr int kNodes = 33, kStopNode = 16;
double heightOf(int node) { return 2.5 * (kNodes - 1 - node); }

double haversineM(double lon1, double lat1, double lon2, double lat2) {
  constexpr double R = 6371008.8, rad = M_PI / 180;
  const double h = std::pow(std::sin((lat2 - lat1) * rad / 2), 2) +
                   std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::pow(std::sin((lon2 - lon1) * rad / 2), 2);
  return 2 * R * std::asin(std::sqrt(h));
}

struct Hill {
  ekm_test::TempDir dir{"coverage_slope"};
  double lat = 0, stopLat = 0;
  std::string project, segments3d;
  std::vector<std::pair<std::string, double>> cells;  // code, centre lon
  store::GtfsFeed feed;

  Hill() {
    const auto cell = mesh::decode(mesh::encode(35.6360, kWest + kStopNode * kStep, mesh::MeshLevel::Eighth));
    lat = 0.5 * (cell.south + cell.north);
    stopLat = lat + 0.0001;
    std::string g = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i + 1 < kNodes; ++i) {
      char b[400];
      std::snprintf(b, sizeof b,
                    R"(%s{"type":"Feature","properties":{"segment_id":"h%d","road_class":"residential","oneway":0},)"
                    R"("geometry":{"type":"LineString","coordinates":[[%.7f,%.7f,%.1f],[%.7f,%.7f,%.1f]]}})",
                    i ? "," : "", i, kWest + i * kStep, lat, heightOf(i), kWest + (i + 1) * kStep, lat, heightOf(i + 1));
      g += b;
    }
    segments3d = dir.write("hill.geojson", g + "]}");
    std::string csv = "mesh_code,date,hour,population\n";
    for (double lon = kWest; lon <= kWest + (kNodes - 1) * kStep + 1e-9; lon += 0.0005) {
      const auto code = mesh::encode(lat, lon, mesh::MeshLevel::Eighth);
      if (!cells.empty() && cells.back().first == code) continue;
      const auto c = mesh::decode(code);
      cells.push_back({code, 0.5 * (c.west + c.east)});
      csv += code + ",2026-04-08,8,100\n";
    }
    project = dir.str("p.gpkg");
    auto p = store::Project::create(project);
    core::Feedback fb;
    io::importFile(p, io::ImportKind::Segments, segments3d, {}, fb);
    io::importFile(p, io::ImportKind::MeshPopulation, dir.write("pop.csv", csv), {}, fb);
    feed = ekm_test::twoStopFeed("S", {kWest + kStopNode * kStep, stopLat}, "E", {kWest + (kNodes - 1) * kStep, lat});
  }

  mobility::CoverageResult run(bool slopeAware) {
    auto p = store::Project::open(project, store::OpenMode::ReadOnly);
    mobility::CoverageOptions o;
    o.measure = mobility::ReachMeasure::Minutes;
    o.stopReach = kReachMin;
    o.stationReach = 1;
    o.network.heightsFromPath = segments3d;
    o.network.walking.useSlope = slopeAware;
    core::Feedback fb;
    const auto service = mobility::serviceProfile(feed, mobility::serviceDayOf(feed, *core::parseDate("2026-04-08")));
    return mobility::coverage(p, feed, service, "2026-04-08", o, fb);
  }

  // By hand: minutes from S to each cell centre along the line.
  std::map<std::string, double> handMinutes(bool slopeAware) const {
    constexpr double flatMPerMin = 4800.0 / 60.0;
    const auto nodeLon = [](int i) { return kWest + i * kStep; };
    std::vector<double> toNode(kNodes);
    toNode[kStopNode] = haversineM(nodeLon(kStopNode), stopLat, nodeLon(kStopNode), lat) / flatMPerMin;
    const auto linkMin = [&](int from, int to) {
      const double length = haversineM(nodeLon(from), lat, nodeLon(to), lat);
      const double slope = (heightOf(to) - heightOf(from)) / length;
      const double tobler = 6 * std::exp(-3.5 * std::abs(slope + 0.05)) / (6 * std::exp(-3.5 * 0.05));
      return length / (flatMPerMin * (slopeAware ? tobler : 1.0));
    };
    for (int i = kStopNode - 1; i >= 0; --i) toNode[i] = toNode[i + 1] + linkMin(i + 1, i);
    for (int i = kStopNode + 1; i < kNodes; ++i) toNode[i] = toNode[i - 1] + linkMin(i - 1, i);
    std::map<std::string, double> out;
    for (const auto& [code, lon] : cells) {
      const int n = static_cast<int>(std::lround((lon - kWest) / kStep));
      const int node = std::clamp(n, 0, kNodes - 1);
      out[code] = toNode[node] + haversineM(lon, lat, nodeLon(node), lat) / flatMPerMin;
    }
    return out;
  }
};

}  // namespace

TEST(MobilityCoverageSlope, ReachShrinksUphillAndMatchesMinutesByHand) {
  Hill hill;
  ASSERT_GE(hill.cells.size(), 10u);
  const double stopLon = kWest + kStopNode * kStep;
  for (const bool slopeAware : {true, false}) {
    SCOPED_TRACE(slopeAware ? "slope-aware" : "on the flat");
    const auto r = hill.run(slopeAware);
    EXPECT_TRUE(r.networkHasHeights);
    EXPECT_EQ(r.slopeAware, slopeAware);
    const auto hand = hill.handMinutes(slopeAware);
    ASSERT_EQ(r.cells.size(), hand.size());
    std::set<std::string> reached, reachedByHand;
    int uphill = 0, downhill = 0;
    for (const auto& c : r.cells) {
      const double expected = hand.at(c.meshCode);
      if (expected <= kReachMin - 0.02) reachedByHand.insert(c.meshCode);
      if (std::abs(expected - kReachMin) <= 0.02) continue;  // too close to the reach to call either way
      if (c.nearestStop >= 0) {
        reached.insert(c.meshCode);
        EXPECT_NEAR(c.nearestStopReach, expected, 0.005 * expected + 0.01) << c.meshCode;
        (c.lon < stopLon ? uphill : downhill) += 1;
      }
    }
    EXPECT_EQ(reached, reachedByHand);
    if (slopeAware) {
      EXPECT_LT(uphill + 1, downhill) << "uphill " << uphill << ", downhill " << downhill;
    } else {
      EXPECT_LE(std::abs(uphill - downhill), 1) << "uphill " << uphill << ", downhill " << downhill;
    }
  }
}

// Cell by cell, slope-aware against the flat: slower uphill (Tobler 0.82 of the flat speed on
// the network part), faster downhill; and the run on the flat says slope-aware walking is off.
TEST(MobilityCoverageSlope, UphillCellsAreFartherAndDownhillCellsNearerThanOnTheFlat) {
  Hill hill;
  const auto slope = hill.run(true), flat = hill.run(false);
  ASSERT_EQ(slope.cells.size(), flat.cells.size());
  const double stopLon = kWest + kStopNode * kStep;
  int uphill = 0, downhill = 0;
  for (std::size_t i = 0; i < slope.cells.size(); ++i) {
    const auto &a = slope.cells[i], &b = flat.cells[i];
    ASSERT_EQ(a.meshCode, b.meshCode);
    if (a.nearestStop < 0 || b.nearestStop < 0) continue;
    if (a.lon < stopLon - 0.001) {
      EXPECT_GT(a.nearestStopReach, 1.1 * b.nearestStopReach) << a.meshCode;
      ++uphill;
    } else if (a.lon > stopLon + 0.001) {
      EXPECT_LT(a.nearestStopReach, b.nearestStopReach) << a.meshCode;
      ++downhill;
    }
  }
  EXPECT_GE(uphill, 2);
  EXPECT_GE(downhill, 2);
  EXPECT_NE(std::find(flat.notes.begin(), flat.notes.end(), "slope-aware walking switched off: minutes are on the flat"),
            flat.notes.end());
}
