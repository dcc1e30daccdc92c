// End-to-end: `ekimachi-cli od trip-ends` on the generated sample district (one day, a
// morning range, 500 m mesh zones), with productions/attractions recomputed independently
// by python3 straight from the project's GeoPackage tables (sqlite3 module; station cells
// by the JIS X 0410 formula written out in the script), and its error cases.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "demand_cli_util.h"

using namespace ekm_demand_test;

namespace {

const std::string kFrom = "2025-04-01T07:00+09:00", kTo = "2025-04-01T10:00+09:00";

// Recomputes the trip ends of hours FROM..TO from the GeoPackage and compares them per
// zone with the CLI's CSVs for stays only (--no-stations) and stations only (--no-stays).
//  - zones: the 500 m parents (first 9 digits) of the project's 1/8 mesh cells;
//  - stays: per consecutive hour pair, a zone's change summed over the cells with a value
//    (population not NULL) in both hours; a rise is attraction, a fall production;
//  - stations: a station's 1/8 mesh cell from its point (the GeoPackage blob's WKB x, y);
//    stations whose cell is not a project cell have no zone; alightings are productions,
//    boardings attractions, NULLs skipped.
const char* kCheckScript = R"(import csv, math, sqlite3, struct, sys
from datetime import datetime
gpkg, t0, t1, stays_csv, stations_csv = sys.argv[1:6]
h0 = int(datetime.fromisoformat(t0).timestamp()) // 3600
h1 = int(datetime.fromisoformat(t1).timestamp()) // 3600
db = sqlite3.connect(gpkg)
cells = {fid: code for fid, code in db.execute("SELECT fid, mesh_code FROM mesh_cells WHERE level = '1/8'")}
zone_of = {fid: code[:9] for fid, code in cells.items()}
zones = sorted(set(zone_of.values()))
def mesh8(lat, lon):
    p = math.floor(lat * 1.5); r = lat * 1.5 - p
    u = math.floor(lon) - 100; s = lon - math.floor(lon)
    q = math.floor(r * 8); v = math.floor(s * 8); r = r * 8 - q; s = s * 8 - v
    a = math.floor(r * 10); w = math.floor(s * 10); r = r * 10 - a; s = s * 10 - w
    code = '%02d%02d%d%d%d%d' % (p, u, q, v, a, w)
    for _ in range(3):
        code += str(1 + (2 if r >= 0.5 else 0) + (1 if s >= 0.5 else 0))
        r = (r * 2) % 1; s = (s * 2) % 1
    return code
# stays
pop = {}
for cell, t, value in db.execute("SELECT cell_fid, t_hour, population FROM mesh_population "
                                 "WHERE breakdown_id = 0 AND t_hour BETWEEN ? AND ?", (h0, h1)):
    pop[(cell, t)] = value
stay_p = {z: 0.0 for z in zones}; stay_a = {z: 0.0 for z in zones}
for t in range(h0 + 1, h1 + 1):
    delta = {z: 0.0 for z in zones}
    for cell, z in zone_of.items():
        a, b = pop.get((cell, t - 1)), pop.get((cell, t))
        if a is not None and b is not None: delta[z] += b - a
    for z, d in delta.items():
        if d > 0: stay_a[z] += d
        else: stay_p[z] -= d
# stations
code_zone = {code: code[:9] for code in cells.values()}
st_p = {z: 0.0 for z in zones}; st_a = {z: 0.0 for z in zones}
in_zone = 0; stations = 0
for fid, blob in db.execute("SELECT fid, geom FROM stations"):
    stations += 1
    x, y = struct.unpack('<dd', bytes(blob)[-16:])
    z = code_zone.get(mesh8(y, x))
    if z is None: continue
    in_zone += 1
    for b, a in db.execute("SELECT boardings, alightings FROM station_ridership "
                           "WHERE station_fid = ? AND t_hour BETWEEN ? AND ?", (fid, h0, h1)):
        if a is not None: st_p[z] += a
        if b is not None: st_a[z] += b
def compare(path, p, a, what):
    rows = {r['zone']: r for r in csv.DictReader(open(path))}
    bad = 0
    if sorted(rows) != zones: print(what, 'zones differ', len(rows), len(zones)); bad += 1
    for z in zones:
        if z not in rows: continue
        cp, ca = float(rows[z]['production']), float(rows[z]['attraction'])
        if abs(cp - p[z]) > 1e-6 * max(1, p[z]) or abs(ca - a[z]) > 1e-6 * max(1, a[z]):
            print(what, 'mismatch', z, cp, p[z], ca, a[z]); bad += 1
    return bad
bad = compare(stays_csv, stay_p, stay_a, 'stays') + compare(stations_csv, st_p, st_a, 'stations')
print('zones %d; stations %d of %d in a zone' % (len(zones), in_zone, stations))
print('stays_total %.6f %.6f' % (sum(stay_p.values()), sum(stay_a.values())))
print('stations_total %.6f %.6f' % (sum(st_p.values()), sum(st_a.values())))
print('mismatches', bad)
sys.exit(1 if bad else 0)
)";

// "P A" after a label in the script's output.
std::pair<double, double> totalsAfter(const std::string& out, const std::string& label) {
  const auto pos = out.find(label + " ");
  if (pos == std::string::npos) return {NAN, NAN};
  std::size_t used = 0;
  const double p = std::stod(out.substr(pos + label.size() + 1), &used);
  const double a = std::stod(out.substr(pos + label.size() + 1 + used));
  return {p, a};
}

// The CLI's summary: "N zones; productions P, attractions A; coverage ...".
std::pair<double, double> summaryTotals(const std::string& out) {
  const auto p = out.find(" zones; productions ");
  const auto a = p == std::string::npos ? p : out.find(", attractions ", p);
  if (a == std::string::npos) return {NAN, NAN};
  return {std::stod(out.substr(p + 20)), std::stod(out.substr(a + 14))};
}

using Rows = std::map<std::string, std::map<std::string, std::string>>;
double columnSum(const Rows& rows, const std::string& column) {
  double s = 0;
  for (const auto& [zone, row] : rows) s += num(row, column);
  return s;
}

}  // namespace

TEST(OdTripEndsCli, SampleMorningMatchesTheProjectTables) {
  ASSERT_EQ(run("/usr/bin/python3 -c 'import sqlite3'").exitCode, 0) << "python3 with sqlite3 missing";
  TempDir dir("trip_ends_sample");
  // One day keeps the sample small (about a second to generate).
  const auto gen = cli("sample --out '" + dir.str("s") + "' --from 2025-04-01 --to 2025-04-01 --quiet");
  ASSERT_EQ(gen.exitCode, 0) << gen.out;
  const std::string base = "od trip-ends --project '" + dir.str("s/sample.gpkg") + "' --from " + kFrom + " --to " +
                           kTo + " --zones mesh:500m";
  auto tripEnds = [&](const std::string& tag, const std::string& options) {
    const auto r = cli(base + " --out '" + dir.str(tag + ".csv") + "' " + options);
    EXPECT_EQ(r.exitCode, 0) << tag << ": " << r.out;
    return r;
  };
  const auto both = tripEnds("both", "");
  const auto stays = tripEnds("stays", "--no-stations");
  const auto stations = tripEnds("stations", "--no-stays");
  const auto balanced = tripEnds("balanced", "--balance");
  const Rows b = readCsvBy(dir.str("both.csv"), {"zone"}), s = readCsvBy(dir.str("stays.csv"), {"zone"}),
             t = readCsvBy(dir.str("stations.csv"), {"zone"}), bal = readCsvBy(dir.str("balanced.csv"), {"zone"});

  // Independent recomputation of each source from the GeoPackage.
  const std::string script = dir.str("check.py");
  std::ofstream(script) << kCheckScript;
  const auto py = run("/usr/bin/python3 '" + script + "' '" + dir.str("s/sample.gpkg") + "' " + kFrom + " " + kTo +
                      " '" + dir.str("stays.csv") + "' '" + dir.str("stations.csv") + "'");
  ASSERT_EQ(py.exitCode, 0) << py.out;
  EXPECT_NE(py.out.find("mismatches 0"), std::string::npos) << py.out;
  const auto [stayP, stayA] = totalsAfter(py.out, "stays_total");
  const auto [stationP, stationA] = totalsAfter(py.out, "stations_total");
  ASSERT_TRUE(std::isfinite(stayP) && std::isfinite(stationP)) << py.out;
  // The sample's 784 1/8 cells make 49 500 m zones; some of its stations lie outside them.
  EXPECT_NE(py.out.find("zones 49;"), std::string::npos) << py.out;
  EXPECT_EQ(b.size(), 49u);
  const auto inZone = py.out.find("stations "), of = py.out.find(" of ", inZone);
  ASSERT_NE(of, std::string::npos) << py.out;
  const std::string count = py.out.substr(inZone + 9, of - inZone - 9) + " of 29 stations in a zone";
  EXPECT_NE(stations.out.find("station ridership: " + count), std::string::npos) << count << "\n" << stations.out;

  // The totals the CLI prints are those of its CSV and of the recomputation.
  const auto [cliStationP, cliStationA] = summaryTotals(stations.out);
  EXPECT_NEAR(cliStationP, stationP, 1e-3) << stations.out;
  EXPECT_NEAR(cliStationA, stationA, 1e-3) << stations.out;
  EXPECT_NEAR(columnSum(t, "production"), stationP, 1e-6 * stationP);
  EXPECT_NEAR(columnSum(t, "attraction"), stationA, 1e-6 * stationA);
  const auto [cliStayP, cliStayA] = summaryTotals(stays.out);
  EXPECT_NEAR(cliStayP, stayP, 1e-3) << stays.out;
  EXPECT_NEAR(cliStayA, stayA, 1e-3) << stays.out;
  const auto [cliP, cliA] = summaryTotals(both.out);
  EXPECT_NEAR(cliP, stayP + stationP, 1e-3) << both.out;
  EXPECT_NEAR(cliA, stayA + stationA, 1e-3) << both.out;
  EXPECT_GT(stationP, 0);
  EXPECT_GT(stationA, 0);
  // Mornings fill the district: the stay population rises far more than it falls.
  EXPECT_GT(stayA, 10 * stayP) << py.out;

  // Both sources are the sum of the two one-source runs, zone by zone.
  ASSERT_EQ(s.size(), b.size());
  ASSERT_EQ(t.size(), b.size());
  for (const auto& [zone, row] : b) {
    ASSERT_TRUE(s.count(zone) && t.count(zone)) << zone;
    EXPECT_NEAR(num(row, "production"), num(s.at(zone), "production") + num(t.at(zone), "production"), 1e-6) << zone;
    EXPECT_NEAR(num(row, "attraction"), num(s.at(zone), "attraction") + num(t.at(zone), "attraction"), 1e-6) << zone;
  }

  // --balance: productions as they were; attractions scaled by one factor to the same total.
  EXPECT_NE(balanced.out.find("attractions scaled to the productions' total"), std::string::npos) << balanced.out;
  const double pTotal = columnSum(b, "production"), aTotal = columnSum(b, "attraction");
  EXPECT_NEAR(columnSum(bal, "attraction"), columnSum(bal, "production"), 1e-9 * pTotal);
  EXPECT_NEAR(columnSum(bal, "production"), pTotal, 1e-9 * pTotal);
  ASSERT_EQ(bal.size(), b.size());
  for (const auto& [zone, row] : b) {
    EXPECT_DOUBLE_EQ(num(bal.at(zone), "production"), num(row, "production")) << zone;
    EXPECT_NEAR(num(bal.at(zone), "attraction"), num(row, "attraction") * pTotal / aTotal, 1e-9 * pTotal) << zone;
  }
}

// A project with one street and no mesh cells or stations is enough for the errors, which
// come before (or regardless of) the data: exit code, a message naming the problem, and no
// output file.
TEST(OdTripEndsCli, BadZonesPeriodAndBalanceAreClearErrors) {
  TempDir dir("trip_ends_errors");
  Sketch sk;
  sk.street("a", false, {{0, 0}, {100, 0}});
  write(dir / "streets.geojson", sk.geojson());
  makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));
  const std::string out = dir.str("ends.csv");
  const std::string base = "od trip-ends --project '" + dir.str("p.gpkg") + "' --out '" + out + "' --quiet";
  const std::string morning = " --from " + kFrom + " --to " + kTo;
  struct Case {
    std::string options;
    int exitCode;
    std::string message;
  };
  for (const Case& c : {
           Case{morning + " --zones hexagon:3", 2,
                "bad --zones (expected mesh:LEVEL, polygons:FILE:FIELD, stations:RADIUS_M or points:FILE.csv, found "
                "'hexagon:3')"},
           Case{morning + " --zones mesh:300m", 2, "unknown mesh level"},
           Case{morning + " --zones polygons:zones.geojson", 2, "--zones polygons:FILE:FIELD needs the id field"},
           Case{morning + " --zones 'polygons:" + dir.str("missing.geojson") + ":id'", 10, "cannot open vector source"},
           Case{" --from " + kTo + " --to " + kFrom, 2, "the period ends before it starts"},
           Case{" --from morning --to " + kTo, 2, "bad --from (expected an ISO date-time on the hour"},
           Case{morning + " --no-stays --no-stations --balance", 12,
                "cannot balance trip ends: there are no attractions"},
       }) {
    std::filesystem::remove(out);
    const auto r = cli(base + c.options);
    EXPECT_EQ(r.exitCode, c.exitCode) << c.options << "\n" << r.out;
    EXPECT_NE(r.out.find("error"), std::string::npos) << c.options << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.options << "\n" << r.out;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.options;
  }
  // Without --balance, no sources is not an error: every zone gets 0 (here: no zones).
  const auto none = cli(base + morning + " --no-stays --no-stations");
  EXPECT_EQ(none.exitCode, 0) << none.out;
  EXPECT_NE(none.out.find("0 zones; productions 0.000, attractions 0.000"), std::string::npos) << none.out;
}
