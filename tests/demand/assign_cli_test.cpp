// End-to-end: ekimachi-cli assign on the Sioux Falls files; skims cross-checked with
// python3 networkx (if available).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "demand_cli_util.h"

using ekm_demand_test::cli;
using ekm_demand_test::run;
using ekm_test::TempDir;

namespace {

const std::string kDir = std::string(EKM_TEST_DATA_DIR) + "/tntp/";
}  // namespace

TEST(AssignCli, SiouxFallsWritesFlowsAndPrintsGap) {
  const TempDir tmp("assign");
  const std::string out = tmp.str("flows.csv");
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --algorithm b --gap 1e-5 --out " + out + " --compare " + kDir +
                     "SiouxFalls_flow.tntp");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("iteration 1: relative gap"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("converged after"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("TSTT 7480225.344921"), std::string::npos) << r.out;  // published, recomputed
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "link,init_node,term_node,volume,time,cost");
  int rows = 0;
  double volume1 = 0;
  while (std::getline(in, line)) {
    if (rows == 0) {
      std::stringstream ss(line);
      std::string f;
      for (int k = 0; k < 4 && std::getline(ss, f, ','); ++k) volume1 = std::stod(f);
    }
    ++rows;
  }
  EXPECT_EQ(rows, 76);
  EXPECT_NEAR(volume1, 4494.6576464564205, 0.01 * 4494.66);  // published volume of link 1 -> 2
}

std::string fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ekimachi-assign (app/assign: `assign` on TNTP files as a program of its own) runs the same
// operation: the same link results, skims and exit codes as `ekimachi-cli assign`; it needs no
// GDAL, Qt, CBC, XGBoost or HDF5 (so it starts small), and refuses a project clearly.
TEST(AssignCli, LeanAssignProgramMatchesTheCli) {
  const TempDir tmp("assign_lean");
  const std::string lean = ekm_test::quote(EKM_ASSIGN_PATH);
  const std::string files = " --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                            "SiouxFalls_trips.tntp --algorithm b --gap 1e-6 --quiet";
  const auto viaCli = cli("assign" + files + " --out " + tmp.str("cli.csv") + " --skims " + tmp.str("cli_skims.csv"));
  const auto viaLean = run(lean + files + " --out " + tmp.str("lean.csv") + " --skims " + tmp.str("lean_skims.csv"));
  ASSERT_EQ(viaCli.exitCode, 0) << viaCli.out;
  ASSERT_EQ(viaLean.exitCode, 0) << viaLean.out;
  EXPECT_NE(viaLean.out.find("converged after"), std::string::npos) << viaLean.out;
  EXPECT_EQ(fileText(tmp.str("lean.csv")), fileText(tmp.str("cli.csv")));
  EXPECT_EQ(fileText(tmp.str("lean_skims.csv")), fileText(tmp.str("cli_skims.csv")));
  EXPECT_GT(fileText(tmp.str("lean.csv")).size(), 1000u);
  // Same exit code when stopped short of the gap.
  EXPECT_EQ(run(lean + " --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                "SiouxFalls_trips.tntp --algorithm fw --gap 1e-9 --max-iter 3 --quiet")
                .exitCode,
            13);
  // A project is ekimachi-cli's: a usage error (2) saying so.
  const auto project = run(lean + " --project " + tmp.str("p.gpkg") + " --from 2025-01-01T08 --to 2025-01-01T09");
  EXPECT_EQ(project.exitCode, 2) << project.out;
  EXPECT_NE(project.out.find("TNTP files only"), std::string::npos) << project.out;
  // Its shared libraries (readelf, binutils): none of the heavy ones ekimachi-cli links.
  const auto needed = run("readelf -d " + lean);
  ASSERT_EQ(needed.exitCode, 0) << needed.out;
  EXPECT_NE(needed.out.find("libstdc++"), std::string::npos) << needed.out;
  for (const char* heavy : {"libgdal", "libQt6", "libCbc", "libxgboost", "libhdf5", "libproj", "libcurl"})
    EXPECT_EQ(needed.out.find(heavy), std::string::npos) << heavy;
}

TEST(AssignCli, FrankWolfeStopsAtIterationLimit) {
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --algorithm fw --gap 1e-9 --max-iter 5");
  EXPECT_EQ(r.exitCode, 13) << r.out;  // not converged
  EXPECT_NE(r.out.find("iteration 5:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("iteration 6:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stopped at the iteration limit"), std::string::npos) << r.out;
}

// Stopping at --max-iter short of --gap: exit 13 (not converged) with a warning on stderr
// naming the reached and the requested gap; the flows are still written.
TEST(AssignCli, IterationLimitShortOfTheGapWarnsAndExits13) {
  const TempDir tmp("assign");
  const std::string flows = tmp.str("unconverged.csv");
  const auto r =
      cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
              "SiouxFalls_trips.tntp --algorithm b --gap 1e-12 --max-iter 2 --quiet --out '" + flows + "'",
          ekm_test::Streams::Separate);
  EXPECT_EQ(r.exitCode, 13) << r.err;
  const std::string& out = r.out;
  // stdout: "stopped at the iteration limit after 2 iterations: relative gap G, ..."
  const std::string summary = "stopped at the iteration limit after 2 iterations: relative gap ";
  const auto pos = out.find(summary);
  ASSERT_NE(pos, std::string::npos) << out;
  const double reached = std::stod(out.substr(pos + summary.size()));
  EXPECT_GT(reached, 1e-12);
  // stderr: the warning, with the same reached gap, the requested one and the flows file.
  const std::string warning = "warning: not converged: relative gap ";
  const auto w = r.err.find(warning);
  ASSERT_NE(w, std::string::npos) << r.err;
  EXPECT_DOUBLE_EQ(std::stod(r.err.substr(w + warning.size())), reached) << r.err;
  EXPECT_NE(r.err.find("after 2 iterations (the --max-iter limit) is above the requested 1e-12"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("still written to " + flows), std::string::npos) << r.err;
  EXPECT_EQ(out.find("warning:"), std::string::npos) << "the warning belongs on stderr: " << out;
  std::ifstream in(flows);
  std::string line;
  int rows = -1;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 76);
  // Without --out the warning says nothing was written; a converged run exits 0.
  const auto none = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                        "SiouxFalls_trips.tntp --gap 1e-12 --max-iter 1 --quiet");
  EXPECT_EQ(none.exitCode, 13) << none.out;
  EXPECT_NE(none.out.find("no --out given"), std::string::npos) << none.out;
  EXPECT_EQ(cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                "SiouxFalls_trips.tntp --gap 1e-2 --max-iter 50 --quiet")
                .exitCode,
            0);
}

// The same on a project's street network: two equal road detours W -> E (500 m each). One
// Frank-Wolfe iteration is the all-or-nothing start (everything on one detour), far from a
// gap of 1e-12; Algorithm B splits the flow evenly and converges.
//
//        (0,100) +------- north -------+ (300,100)
//        W (0,0) +                     + E (300,0)
//       (0,-100) +------- south -------+ (300,-100)
TEST(AssignCli, ProjectIterationLimitShortOfTheGapExits13) {
  ekm_demand_test::TempDir dir("assign_unconverged");
  ekm_demand_test::Sketch s;
  s.street("north", false, {{0, 0}, {0, 100}, {300, 100}, {300, 0}});
  s.street("south", false, {{0, 0}, {0, -100}, {300, -100}, {300, 0}});
  ekm_demand_test::write(dir / "streets.geojson", s.geojson());
  ekm_demand_test::write(dir / "zones.csv", s.zonesCsv({{"W", 0, 0}, {"E", 300, 0}}));
  ekm_demand_test::write(dir / "od.csv", "origin,destination,trips\nW,E,1000\n");
  ekm_demand_test::makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));
  const std::string base = "assign --project '" + dir.str("p.gpkg") + "' --network road --od '" + dir.str("od.csv") +
                           "' --zones 'points:" + dir.str("zones.csv") + "' --quiet --out '" + dir.str("links.csv") + "'";
  const auto r = cli(base + " --algorithm fw --gap 1e-12 --max-iter 1");
  EXPECT_EQ(r.exitCode, 13) << r.out;
  EXPECT_NE(r.out.find("warning: not converged: relative gap "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("is above the requested 1e-12; the flows at the last iteration were still written to " +
                       dir.str("links.csv")),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "links.csv"));
  const auto ok = cli(base + " --algorithm b --gap 1e-6 --max-iter 500");
  EXPECT_EQ(ok.exitCode, 0) << ok.out;
  EXPECT_EQ(ok.out.find("warning:"), std::string::npos) << ok.out;
}

TEST(AssignCli, ErrorsHaveExitCodes) {
  EXPECT_EQ(cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp").exitCode, 2);  // missing --tntp-trips
  EXPECT_EQ(cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                "SiouxFalls_trips.tntp --algorithm xyz")
                .exitCode,
            2);
  // A trips file given as the network: no NUMBER OF NODES tag -> parse error (4).
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_trips.tntp --tntp-trips " + kDir + "SiouxFalls_trips.tntp");
  EXPECT_EQ(r.exitCode, 4) << r.out;
  EXPECT_NE(r.out.find("NUMBER OF NODES"), std::string::npos) << r.out;
  EXPECT_EQ(cli("assign --tntp-net /nonexistent_net.tntp --tntp-trips " + kDir + "SiouxFalls_trips.tntp").exitCode, 3);
}

TEST(AssignCli, SelectLinkAddsUpToLinkVolume) {
  const TempDir tmp("assign");
  const std::string out = tmp.str("sl.csv");
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --gap 1e-6 --select-link 10,15 --select-link-out " + out);
  ASSERT_EQ(r.exitCode, 0) << r.out;
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "origin,destination,volume");
  double sum = 0;
  while (std::getline(in, line)) sum += std::stod(line.substr(line.rfind(',') + 1));
  // The summary line prints the link volume; the OD volumes must add up to it.
  const auto pos = r.out.find("(link volume ");
  ASSERT_NE(pos, std::string::npos) << r.out;
  const double linkVolume = std::stod(r.out.substr(pos + 13));
  EXPECT_NEAR(sum, linkVolume, 1e-6 * linkVolume);
}

TEST(AssignCli, SkimsMatchNetworkx) {
  const TempDir tmp("assign");
  // Debian's python3-networkx is installed by scripts/setup-deps.sh: a missing module is a failure.
  ASSERT_EQ(run("/usr/bin/python3 -c 'import networkx'").exitCode, 0) << "python3-networkx missing";
  const std::string skims = tmp.str("skims.csv");
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --algorithm aon --skims " + skims + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // The skims are at the costs of the AON volumes; networkx gets the same link costs
  // from --out of the same run and computes every OD shortest path independently.
  const std::string flows = tmp.str("aon.csv");
  ASSERT_EQ(cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                "SiouxFalls_trips.tntp --algorithm aon --quiet --out " + flows)
                .exitCode,
            0);
  const std::string script = tmp.str("nx.py");
  std::ofstream(script) << R"(import csv, sys, networkx as nx
flows, skims = sys.argv[1], sys.argv[2]
G = nx.DiGraph()
for row in csv.DictReader(open(flows)):
    u, v, c = int(row['init_node']), int(row['term_node']), float(row['cost'])
    if G.has_edge(u, v): c = min(c, G[u][v]['w'])
    G.add_edge(u, v, w=c)
bad = 0; n = 0
for row in csv.DictReader(open(skims)):
    o, d, c = int(row['origin']), int(row['destination']), float(row['cost'])
    ref = nx.dijkstra_path_length(G, o, d, weight='w') if o != d else 0.0
    n += 1
    if abs(ref - c) > 1e-9 * max(1.0, ref): bad += 1; print('mismatch', o, d, c, ref)
print('checked', n, 'mismatches', bad)
sys.exit(1 if bad or n != 576 else 0)
)";
  const auto nx = run("/usr/bin/python3 '" + script + "' '" + flows + "' '" + skims + "'");
  EXPECT_EQ(nx.exitCode, 0) << nx.out;
  EXPECT_NE(nx.out.find("checked 576 mismatches 0"), std::string::npos) << nx.out;
}
