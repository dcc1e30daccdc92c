// End-to-end: `ekimachi-cli scenario run --project` and `assign --project --turns` on tiny
// street networks drawn in the plane-rectangular CRS (EPSG:6677, metres), where every
// expected flow and time is known by hand, and on the sample district.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demand_cli_util.h"

using namespace ekm_demand_test;

namespace {

constexpr double kWalk = 4.8 / 3.6;  // m/s

}  // namespace

//   NW (0,400) ====bridge==== NE (300,400)      bridge: crossing=1 over the tracks
//      |              :             |
//    west             : tracks     east         tracks: x = 150, barrier=1
//      |              :             |
//   W (0,0)           :          E (300,0)      zones W and E
//       ........ new passage ........            scenario: W <-> E, 300 m
TEST(ProjectScenarioCli, NewPassageTakesAllTheWalkersOfAUShapedDetour) {
  TempDir dir("u");
  Sketch s;
  s.street("west", false, {{0, 0}, {0, 400}});
  s.street("bridge", true, {{0, 400}, {300, 400}});
  s.street("east", false, {{300, 400}, {300, 0}});
  write(dir / "streets.geojson", s.geojson());
  write(dir / "rail.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                              "{\"barrier\":1},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" +
                                  s.lonLat(150, -100) + "," + s.lonLat(150, 500) + "]}}]}\n");
  write(dir / "zones.csv", s.zonesCsv({{"W", 0, 0}, {"E", 300, 0}}));
  write(dir / "od.csv", "origin,destination,trips\nW,E,100\nE,W,50\n");
  const auto [w0, w1] = s.point(0, 0);
  const auto [e0, e1] = s.point(300, 0);
  char edits[256];
  std::snprintf(edits, sizeof edits,
                "{\"add\":[{\"name\":\"passage\",\"from\":[%.12f,%.12f],\"to\":[%.12f,%.12f]}],\"scale_demand\":1.2}",
                w0, w1, e0, e1);
  write(dir / "edits.json", edits);
  makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));

  const auto r = cli("scenario run --project '" + dir.str("p.gpkg") + "' --network walking --od '" +
                     dir.str("od.csv") + "' --zones 'points:" + dir.str("zones.csv") + "' --edits '" +
                     dir.str("edits.json") + "' --barriers '" + dir.str("rail.geojson") + "' --crossings-from '" +
                     dir.str("streets.geojson") + "' --gap 1e-6 --out '" + dir.str("out") + "' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // Base: 1100 m around the U at 4.8 km/h = 825 s for each of 150 walkers.
  // Scenario: 300 m = 225 s for each of 180 walkers (+20 %).
  EXPECT_NE(r.out.find("added passage: nodes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("300.0 m, 225.0 s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("total travel time 123750.0 s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("total travel time 40500.0 s"), std::string::npos) << r.out;

  const auto links = readCsvBy(dir.str("out/link_differences.csv"), {"segment_id", "status", "from", "to"});
  double onPassage = 0, onBridge = 0, onBridgeBase = 0;
  int added = 0;
  for (const auto& [key, row] : links) {
    if (row.at("status") == "added") {
      ++added;
      EXPECT_EQ(row.at("segment_id"), "added:passage");
      onPassage += num(row, "scenario_volume");
      EXPECT_NEAR(num(row, "scenario_time_s"), 300 / kWalk, 1e-6);
    }
    if (row.at("segment_id") == "bridge") {
      onBridge += num(row, "scenario_volume");
      onBridgeBase += num(row, "base_volume");
      EXPECT_NEAR(num(row, "base_time_s"), 300 / kWalk, 1e-6);
    }
  }
  EXPECT_EQ(added, 2);
  EXPECT_NEAR(onPassage, 180, 1e-6);
  EXPECT_NEAR(onBridgeBase, 150, 1e-6);
  EXPECT_NEAR(onBridge, 0, 1e-6);

  const auto od = readCsvBy(dir.str("out/od_differences.csv"), {"origin", "destination"});
  ASSERT_EQ(od.count("W E"), 1u);
  EXPECT_NEAR(num(od.at("W E"), "base_time_s"), 1100 / kWalk, 1e-6);
  EXPECT_NEAR(num(od.at("W E"), "scenario_time_s"), 300 / kWalk, 1e-6);
  EXPECT_NEAR(num(od.at("E W"), "scenario_demand"), 60, 1e-9);

  // The GeoJSON opens in GDAL with one feature per CSV row.
  const auto ogr = run("ogrinfo -ro -so -al '" + dir.str("out/link_differences.geojson") + "'");
  ASSERT_EQ(ogr.exitCode, 0) << ogr.out;
  EXPECT_NE(ogr.out.find("Feature Count: " + std::to_string(links.size())), std::string::npos) << ogr.out;
  EXPECT_NE(ogr.out.find("volume_diff: Real"), std::string::npos) << ogr.out;
  EXPECT_EQ(ogr.out.find("Warning"), std::string::npos) << ogr.out;

  // Closing the only crossing without a replacement cuts W off from E: a clear error.
  write(dir / "close.json", "{\"close\":[\"bridge\"]}");
  const auto cut = cli("scenario run --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") +
                       "' --zones 'points:" + dir.str("zones.csv") + "' --edits '" + dir.str("close.json") +
                       "' --out '" + dir.str("out2") + "' --quiet");
  EXPECT_EQ(cut.exitCode, 5) << cut.out;
  // Unknown segment ids and malformed edits name the file and the JSON path.
  write(dir / "bad.json", "{\"close\":[\"bridge\",\"no-such-street\"]}");
  auto bad = cli("scenario run --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") + "' --zones 'points:" +
                 dir.str("zones.csv") + "' --edits '" + dir.str("bad.json") + "' --out '" + dir.str("out3") + "' --quiet");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.out.find("bad.json: column '$.close[1]': unknown segment (expected a segment_id of the network, "
                         "found 'no-such-street')"),
            std::string::npos)
      << bad.out;
  write(dir / "bad2.json", "{\"add\":[{\"from\":[139.7,35.6],\"to\":\"east\"}]}");
  bad = cli("scenario run --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") + "' --zones 'points:" +
            dir.str("zones.csv") + "' --edits '" + dir.str("bad2.json") + "' --out '" + dir.str("out3") + "' --quiet");
  EXPECT_EQ(bad.exitCode, 5) << bad.out;
  EXPECT_NE(bad.out.find("bad2.json: column '$.add[0].to': bad parameter $.add[0].to (expected a number"),
            std::string::npos)
      << bad.out;
  write(dir / "bad3.json", "{\"add\":[{\"from\":[139.7,35.6],\"to\":[139.7,35.6,1]}]}");
  bad = cli("scenario run --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") + "' --zones 'points:" +
            dir.str("zones.csv") + "' --edits '" + dir.str("bad3.json") + "' --out '" + dir.str("out3") + "' --quiet");
  EXPECT_NE(bad.out.find("column '$.add[0].to': not a coordinate (expected [lon, lat]"), std::string::npos) << bad.out;
}

//   A (0,0) --ab-- B (100,0) --bc-- C (200,0)
//                  |                |
//                  bd               ce
//                  |                |
//                D (100,-100) --de-- E (200,-100)
// 100 walkers A -> C, 40 C -> A. Banning ab -> bc at B forces A-B-D-E-C (400 m instead of
// 200 m); the reverse movement bc -> ab stays allowed. A 60 s penalty keeps the direct
// path (150 + 60 < 300 s), 200 s moves it (150 + 200 > 300 s).
TEST(ProjectScenarioCli, TurnBanForcesTheDetour) {
  TempDir dir("turns");
  Sketch s;
  s.street("ab", false, {{0, 0}, {100, 0}});
  s.street("bc", false, {{100, 0}, {200, 0}});
  s.street("bd", false, {{100, 0}, {100, -100}});
  s.street("de", false, {{100, -100}, {200, -100}});
  s.street("ce", false, {{200, 0}, {200, -100}});
  write(dir / "streets.geojson", s.geojson());
  write(dir / "zones.csv", s.zonesCsv({{"A", -10, 0}, {"C", 210, 0}}));
  write(dir / "od.csv", "origin,destination,trips\nA,C,100\nC,A,40\n");
  makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));
  const std::string base = "assign --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") +
                           "' --zones 'points:" + dir.str("zones.csv") + "' --gap 1e-6 --quiet";
  auto volumes = [&](const std::string& turnsCsv, const std::string& tag) {
    std::string args = base + " --out '" + dir.str(tag + ".csv") + "'";
    if (!turnsCsv.empty()) {
      write(dir / (tag + "_turns.csv"), turnsCsv);
      args += " --turns '" + dir.str(tag + "_turns.csv") + "'";
    }
    const auto r = cli(args);
    EXPECT_EQ(r.exitCode, 0) << r.out;
    // Volume per segment and direction (from < to is the digitised direction here).
    std::map<std::string, double> v;
    for (const auto& [key, row] : readCsvBy(dir.str(tag + ".csv"), {"link"}))
      v[row.at("segment_id") + (std::stoi(row.at("from")) < std::stoi(row.at("to")) ? "+" : "-")] +=
          num(row, "volume");
    return std::pair{v, r.out};
  };
  {
    auto [v, out] = volumes("", "free");
    EXPECT_NEAR(v["ab+"], 100, 1e-6);
    EXPECT_NEAR(v["bc+"], 100, 1e-6);
    EXPECT_NEAR(v["bd+"] + v["bd-"], 0, 1e-6);
  }
  {
    auto [v, out] = volumes("from_segment,to_segment,penalty_s,ban\nab,bc,,1\n", "ban");
    EXPECT_NE(out.find("turn rules: 1 movements (1 banned)"), std::string::npos) << out;
    EXPECT_NEAR(v["ab+"], 100, 1e-6);
    EXPECT_NEAR(v["bc+"], 0, 1e-6);
    EXPECT_NEAR(v["bd+"], 100, 1e-6);
    EXPECT_NEAR(v["de+"], 100, 1e-6);
    EXPECT_NEAR(v["ce-"], 100, 1e-6);  // E -> C against the digitised C -> E
    // C -> A still goes straight through B.
    EXPECT_NEAR(v["bc-"], 40, 1e-6);
    EXPECT_NEAR(v["ab-"], 40, 1e-6);
    // TSTT: 100 x (400 m + 2 x 10 m connectors) + 40 x (200 + 20 m), at 4.8 km/h.
    // (connectors are geodesic, streets plane lengths: equal to ~1e-4 here)
    const auto at = out.find("total travel time ");
    ASSERT_NE(at, std::string::npos) << out;
    EXPECT_NEAR(std::stod(out.substr(at + 18)), (100 * 420 + 40 * 220) / kWalk, 0.5) << out;
  }
  {
    auto [v, out] = volumes("from_segment,via_lon,via_lat,to_segment,penalty_s\nab," +
                                      s.lonLat(100, 0).substr(1, s.lonLat(100, 0).size() - 2) + ",bc,60\n",
                                  "p60");
    EXPECT_NEAR(v["bc+"], 100, 1e-6) << out;
  }
  {
    auto [v, out] = volumes("from_segment,to_segment,penalty_s\nab,bc,200\n", "p200");
    EXPECT_NEAR(v["bc+"], 0, 1e-6) << out;
    EXPECT_NEAR(v["de+"], 100, 1e-6) << out;
  }
  // Clear errors: file:line, column, expected, found.
  write(dir / "bad_turns.csv", "from_segment,to_segment,penalty_s,ban\nab,bc,,1\nab,no-such,10,0\n");
  auto r = cli(base + " --turns '" + dir.str("bad_turns.csv") + "'");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.out.find("bad_turns.csv:3: column 'to_segment': unknown segment (expected a segment_id of the "
                       "network, found 'no-such')"),
            std::string::npos)
      << r.out;
  write(dir / "bad_turns2.csv", "from_segment,to_segment,penalty_s\nab,de,10\n");
  r = cli(base + " --turns '" + dir.str("bad_turns2.csv") + "'");
  EXPECT_NE(r.out.find("bad_turns2.csv:2: column 'to_segment': the two segments do not meet"), std::string::npos)
      << r.out;
  write(dir / "bad_turns3.csv", "from_segment,to_segment,penalty_s\nab,bc,ten\n");
  r = cli(base + " --turns '" + dir.str("bad_turns3.csv") + "'");
  EXPECT_NE(r.out.find("bad_turns3.csv:2: column 'penalty_s': not a number (expected a number, found 'ten')"),
            std::string::npos)
      << r.out;

  // The same ban in a scenario run: the scenario closes nothing but doubles the demand;
  // the ban holds in both runs.
  write(dir / "ban.csv", "from_segment,to_segment,penalty_s,ban\nab,bc,,1\n");
  write(dir / "double.json", "{\"scale_demand\":2}");
  r = cli("scenario run --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("od.csv") + "' --zones 'points:" +
          dir.str("zones.csv") + "' --edits '" + dir.str("double.json") + "' --turns '" + dir.str("ban.csv") +
          "' --gap 1e-6 --out '" + dir.str("scen") + "' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  double de = 0, deBase = 0;
  for (const auto& [key, row] : readCsvBy(dir.str("scen/link_differences.csv"), {"link"}))
    if (row.at("segment_id") == "de") de += num(row, "scenario_volume"), deBase += num(row, "base_volume");
  EXPECT_NEAR(deBase, 100, 1e-6);
  EXPECT_NEAR(de, 200, 1e-6);
}

// The district: a new east-west passage across the rail tracks north of Takanawa Gateway
// (where the sample has no crossing for ~1 km) shortens the walk between a zone west and
// a zone east of the tracks, and the walkers use it.
TEST(ProjectScenarioCli, SamplePassageAcrossTheTracks) {
  TempDir dir("sample");
  const auto gen = cli("sample --out '" + dir.str("s") + "' --seed 1 --quiet");
  ASSERT_EQ(gen.exitCode, 0) << gen.out;
  write(dir / "zones.csv", "zone,lon,lat\nW,139.7380,35.6400\nE,139.7500,35.6400\n");
  write(dir / "od.csv", "origin,destination,trips\nW,E,100\nE,W,50\n");
  write(dir / "edits.json",
        "{\"add\":[{\"name\":\"north passage\",\"from\":[139.7395,35.6400],\"to\":[139.7490,35.6400]}]}");
  const auto r = cli("scenario run --project '" + dir.str("s/sample.gpkg") + "' --network walking --od '" +
                     dir.str("od.csv") + "' --zones 'points:" + dir.str("zones.csv") + "' --edits '" +
                     dir.str("edits.json") + "' --barriers '" + std::string(EKM_TEST_DATA_DIR) +
                     "/network/rail_lines.geojson' --crossings-from '" + dir.str("s/road_segments.geojson") +
                     "' --split-crossings --gap 1e-4 --out '" + dir.str("out") + "' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto od = readCsvBy(dir.str("out/od_differences.csv"), {"origin", "destination"});
  ASSERT_EQ(od.count("W E"), 1u) << r.out;
  const double before = num(od.at("W E"), "base_time_s"), after = num(od.at("W E"), "scenario_time_s");
  // Before: around via a crossing, at least the straight 1.09 km (12 x 0.0001 deg lon at
  // 35.64 N = 1086 m) at 4.8 km/h; after: shorter.
  EXPECT_GT(before, 1086 / kWalk) << r.out;
  EXPECT_LT(after, before - 60) << r.out;
  double onPassage = 0;
  for (const auto& [key, row] : readCsvBy(dir.str("out/link_differences.csv"), {"link"}))
    if (row.at("status") == "added") onPassage += num(row, "scenario_volume");
  EXPECT_NEAR(onPassage, 150, 1e-6) << r.out;
}
