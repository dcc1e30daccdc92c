// Walking catchments and coverage gaps on a street drawn in the test, checked against
// networkx (an independent shortest-path computation over the same GeoJSON), with and
// without the rail barrier:
//
//   lon 139.7380 ... 139.7460, one street along the centre row of 1/8 mesh cells,
//   a node every 0.001 deg (~90 m):
//
//        S2                 S (stop, departs 08:10)  |rail          station
//        o----o----o----o----o----o----o----o----o   (barrier=1 at lon 139.7425)
//        |<- cells of the row: population 100 at 08:00 and 09:00 ->|
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/coverage.h"
#include "ekm/mobility/transit_network.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "two_stop_feed.h"

using namespace ekm;

namespace {

constexpr double kWest = 139.7380, kStep = 0.001, kBarrierLon = 139.7425, kStopLon = 139.7400;
constexpr int kNodes = 9;

struct Fixture {
  ekm_test::TempDir dir{"coverage"};
  double lat = 0;
  std::vector<std::pair<std::string, double>> cells;  // code, centre lon
  std::string project, segments, barriers, centres;
  store::GtfsFeed feed;

  Fixture() {
    const auto cell = mesh::decode(mesh::encode(35.6360, kStopLon, mesh::MeshLevel::Eighth));
    lat = 0.5 * (cell.south + cell.north);
    // streets
    std::string g = R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i + 1 < kNodes; ++i) {
      char b[400];
      std::snprintf(b, sizeof b,
                    R"(%s{"type":"Feature","properties":{"segment_id":"w%d","road_class":"residential","oneway":0},)"
                    R"("geometry":{"type":"LineString","coordinates":[[%.7f,%.7f],[%.7f,%.7f]]}})",
                    i ? "," : "", i, kWest + i * kStep, lat, kWest + (i + 1) * kStep, lat);
      g += b;
    }
    g += "]}";
    segments = dir.write("segments.geojson", g);
    char b[400];
    std::snprintf(b, sizeof b,
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"barrier":1},)"
                  R"("geometry":{"type":"LineString","coordinates":[[%.7f,%.7f],[%.7f,%.7f]]}}]})",
                  kBarrierLon, lat - 0.003, kBarrierLon, lat + 0.003);
    barriers = dir.write("rail.geojson", b);
    // cells of the row, population 100 at 08:00 and 09:00 on Wednesday 2026-04-08
    std::string csv = "mesh_code,date,hour,population\n", cen = "code,lon,lat\n";
    for (double lon = kWest; lon <= kWest + (kNodes - 1) * kStep + 1e-9; lon += 0.0005) {
      const auto code = mesh::encode(lat, lon, mesh::MeshLevel::Eighth);
      if (!cells.empty() && cells.back().first == code) continue;
      const auto c = mesh::decode(code);
      cells.push_back({code, 0.5 * (c.west + c.east)});
      csv += code + ",2026-04-08,8,100\n" + code + ",2026-04-08,9,100\n";
      std::snprintf(b, sizeof b, "%s,%.9f,%.9f\n", code.c_str(), 0.5 * (c.west + c.east), 0.5 * (c.south + c.north));
      cen += b;
    }
    centres = dir.write("centres.csv", cen);
    std::snprintf(b, sizeof b, "station_id,name_ja,name_en,operator,lines,lat,lon\neast,東,East,X,Y,%.7f,%.7f\n", lat,
                  kWest + (kNodes - 1) * kStep);
    const auto stations = dir.write("stations.csv", b);
    project = dir.str("p.gpkg");
    auto p = store::Project::create(project);
    core::Feedback fb;
    io::importFile(p, io::ImportKind::Segments, segments, {}, fb);
    io::importFile(p, io::ImportKind::MeshPopulation, dir.write("pop.csv", csv), {}, fb);
    io::importFile(p, io::ImportKind::Stations, stations, {}, fb);
    // the feed: stop S (08:10) to S2 at the west end
    feed = ekm_test::twoStopFeed("S", {kStopLon, lat + 0.0002}, "S2", {kWest, lat});
  }

  mobility::CoverageResult run(bool barrier, double gapPopulation = 50) {
    auto p = store::Project::open(project, store::OpenMode::ReadOnly);
    mobility::CoverageOptions o;
    o.stopReach = 300;
    o.stationReach = 100;
    o.gapPopulation = gapPopulation;
    if (barrier) o.network.barriersPath = barriers;
    core::Feedback fb;
    const auto service = mobility::serviceProfile(feed, mobility::serviceDayOf(feed, *core::parseDate("2026-04-08")));
    return mobility::coverage(p, feed, service, "2026-04-08", o, fb);
  }

  // The same with service edits (mobility-coverage's service_edits) applied to the stops.
  mobility::CoverageResult runEdited(const ops::Json& edits) {
    auto p = store::Project::open(project, store::OpenMode::ReadOnly);
    mobility::CoverageOptions o;
    o.stopReach = 300;
    o.stationReach = 100;
    o.gapPopulation = 50;
    o.network.barriersPath = barriers;
    core::Feedback fb;
    const auto service = mobility::serviceProfile(feed, mobility::serviceDayOf(feed, *core::parseDate("2026-04-08")));
    const auto edited = mobility::stopsWithServiceEdits(feed, service, edits);
    return mobility::coverage(p, edited.stops, edited.profile, "2026-04-08", o, fb);
  }

  // networkx: stop -> cell walking distances (nearest node snaps, haversine lengths).
  std::map<std::string, double> networkx(bool barrier) const {
    char args[200];
    std::snprintf(args, sizeof args, " %.7f %.9f %.7f %d", kStopLon, lat + 0.0002, barrier ? kBarrierLon : 0.0, 0);
    const auto r = ekm_test::run(
        "python3 - " + ekm_test::quote(segments) + " " + ekm_test::quote(centres) + args + " <<'EOF'\n"
        "import json, math, sys, csv, networkx as nx\n"
        "seg, cen, slon, slat, blon = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])\n"
        "def d(a, b):\n"
        "    R = 6371008.8; p1, p2 = math.radians(a[1]), math.radians(b[1])\n"
        "    h = math.sin((p2-p1)/2)**2 + math.cos(p1)*math.cos(p2)*math.sin(math.radians(b[0]-a[0])/2)**2\n"
        "    return 2*R*math.asin(math.sqrt(h))\n"
        "G = nx.Graph()\n"
        "for f in json.load(open(seg))['features']:\n"
        "    a, b = [tuple(p) for p in f['geometry']['coordinates']]\n"
        "    if blon and min(a[0], b[0]) < blon < max(a[0], b[0]): continue  # crosses the rail\n"
        "    G.add_edge(a, b, w=d(a, b))\n"
        "for a in list(G.nodes): G.add_node(a)\n"
        "near = lambda p: min(G.nodes, key=lambda n: d(n, p))\n"
        "s = near((slon, slat)); dist = nx.single_source_dijkstra_path_length(G, s, weight='w')\n"
        "for r in csv.DictReader(open(cen)):\n"
        "    p = (float(r['lon']), float(r['lat'])); n = near(p)\n"
        "    print(r['code'], d((slon, slat), s) + dist[n] + d(n, p) if n in dist else 'inf')\n"
        "EOF");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    std::map<std::string, double> out;
    std::istringstream in(r.out);
    std::string code, v;
    while (in >> code >> v) out[code] = v == "inf" ? INFINITY : std::stod(v);
    return out;
  }
};

}  // namespace

TEST(MobilityCoverage, CatchmentDistancesMatchNetworkxWithAndWithoutTheRailBarrier) {
  Fixture fx;
  ASSERT_GE(fx.cells.size(), 6u);
  for (const bool barrier : {false, true}) {
    SCOPED_TRACE(barrier ? "with the rail barrier" : "without barriers");
    const auto r = fx.run(barrier);
    const auto ref = fx.networkx(barrier);
    ASSERT_EQ(ref.size(), r.cells.size());
    int covered = 0, eastCovered = 0;
    for (const auto& c : r.cells) {
      const double expected = ref.at(c.meshCode);
      const bool inReach = expected <= 300;
      // Cells within 2 m of the reach may go either way (haversine vs GRS80, plane lengths).
      if (std::abs(expected - 300) > 2) {
        EXPECT_EQ(c.nearestStop >= 0, inReach) << c.meshCode << " " << expected;
      }
      if (c.nearestStop >= 0) {
        EXPECT_NEAR(c.nearestStopReach, expected, 0.005 * expected + 0.5) << c.meshCode << " lon " << c.lon << " lat " << c.lat << " stop lat " << fx.lat + 0.0002;
        ++covered;
        if (c.lon > kBarrierLon) ++eastCovered;
      }
    }
    EXPECT_GE(covered, 3);
    if (barrier) {
      EXPECT_EQ(eastCovered, 0);  // nothing across the tracks
      EXPECT_GT(r.linksRemovedByBarrier, 0);
      EXPECT_TRUE(r.notes.empty() || r.notes.front().find("barrier") == std::string::npos);
    } else {
      EXPECT_GT(eastCovered, 0);  // the catchment leaks across the tracks without the barrier
      EXPECT_NE(r.notes.front().find("not barriers"), std::string::npos);
    }
  }
}

TEST(MobilityCoverage, PopulationCoveredByHourAndGaps) {
  Fixture fx;
  const auto r = fx.run(true);
  int inReach = 0, station = 0;
  for (const auto& c : r.cells) {
    inReach += c.nearestStop >= 0;
    station += c.stationInReach;
  }
  ASSERT_GT(inReach, 0);
  ASSERT_GT(station, 0);
  const double all = 100.0 * static_cast<double>(r.cells.size());
  // 08:00: the stop departs at 08:10, its catchment is covered; gaps are the cells out of
  // reach and away from the station.
  const auto& h8 = r.hours[8];
  EXPECT_DOUBLE_EQ(h8.population, all);
  EXPECT_DOUBLE_EQ(h8.coveredBus, 100.0 * inReach);
  EXPECT_EQ(h8.gapCells, static_cast<int>(r.cells.size()) - inReach - station);
  // 09:00: no departure, so the stop's catchment is a gap too, with that reason.
  const auto& h9 = r.hours[9];
  EXPECT_DOUBLE_EQ(h9.coveredBus, 0.0);
  EXPECT_EQ(h9.gapCells, static_cast<int>(r.cells.size()) - station);
  int noDeparture = 0;
  for (const auto& g : r.gaps)
    if (g.hour == 9 && g.reason == "no departure in this hour") ++noDeparture;
  EXPECT_EQ(noDeparture, inReach);
  for (const auto& g : r.gaps) EXPECT_TRUE(g.hour == 8 || g.hour == 9);
  // A threshold above every cell: no gaps at all.
  EXPECT_TRUE(fx.run(true, 1000).gaps.empty());
  // Distance reach is never slope-aware; the network here has no heights anyway.
  EXPECT_FALSE(r.slopeAware);
  EXPECT_FALSE(r.networkHasHeights);
}

// Part 5 of issue 12: coverage re-estimated under service edits. A stop added on route R in
// a gap cell east of the tracks (the bus passes it about 2 minutes after S, so it departs in
// hour 8) removes that gap; cutting the route's span to 09:00-22:00 leaves S without its
// 08:10 departure, so every cell of its catchment becomes a "no departure" gap at 08:00.
TEST(MobilityCoverage, ServiceEditsAddAStopInAGapAndCutTheSpan) {
  Fixture fx;
  const auto before = fx.run(true);
  const double newLon = 139.7440;
  const auto newCell = mesh::encode(fx.lat, newLon, mesh::MeshLevel::Eighth);
  const auto gapAt = [&](const mobility::CoverageResult& r, const std::string& cell, int hour) {
    for (const auto& g : r.gaps)
      if (g.hour == hour && r.cells[static_cast<std::size_t>(g.cell)].meshCode == cell) return g.reason;
    return std::string();
  };
  ASSERT_EQ(gapAt(before, newCell, 8), "no stop within reach");
  char edit[300];
  std::snprintf(edit, sizeof edit,
                R"({"add_stops": [{"route_id": "R", "after": "S", "stop_id": "N", "lon": %.7f, "lat": %.7f}]})", newLon,
                fx.lat);
  const auto added = fx.runEdited(ops::Json::parse(edit));
  EXPECT_EQ(gapAt(added, newCell, 8), "");  // covered by the new stop
  // Gaps at 08:00 fall by the cells the new stop reaches that were gaps, and no others change.
  int newlyCovered = 0;
  for (const auto& c : added.cells)
    if (c.departuresInReach[8] > 0 && !gapAt(before, c.meshCode, 8).empty()) ++newlyCovered;
  EXPECT_GE(newlyCovered, 1);
  EXPECT_EQ(added.hours[8].gapCells, before.hours[8].gapCells - newlyCovered);
  // Hour 9 has no departure anywhere: the new stop's cell is still a gap, now for want of a bus.
  EXPECT_EQ(gapAt(added, newCell, 9), "no departure in this hour");
  // The edits are not applied without edits: the same result as the feed's.
  EXPECT_EQ(fx.runEdited(ops::Json()).gaps.size(), before.gaps.size());

  int inReach = 0, noDepartureBefore = 0;
  for (const auto& c : before.cells) inReach += c.nearestStop >= 0;
  for (const auto& g : before.gaps) noDepartureBefore += g.hour == 8 && g.reason == "no departure in this hour";
  ASSERT_GT(inReach, 0);
  EXPECT_EQ(noDepartureBefore, 0);
  const auto cut = fx.runEdited(ops::Json::parse(R"({"spans": [{"route_id": "R", "start": "09:00", "end": "22:00"}]})"));
  int noDeparture = 0;
  for (const auto& g : cut.gaps) noDeparture += g.hour == 8 && g.reason == "no departure in this hour";
  EXPECT_EQ(noDeparture, inReach);
  EXPECT_DOUBLE_EQ(cut.hours[8].coveredBus, 0.0);
  EXPECT_EQ(cut.hours[8].gapCells, before.hours[8].gapCells + inReach);
}
