// End-to-end: ekimachi-cli assign on the Sioux Falls files; skims cross-checked with
// python3 networkx (if available).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "demand_cli_util.h"

using ekm_demand_test::cli;
using ekm_demand_test::run;

namespace {

const std::string kDir = std::string(EKM_TEST_DATA_DIR) + "/tntp/";
std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("ekm_demand_" + std::to_string(::getpid()) + "_" + name)).string();
}

}  // namespace

TEST(AssignCli, SiouxFallsWritesFlowsAndPrintsGap) {
  const std::string out = tempPath("flows.csv");
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
  std::filesystem::remove(out);
}

TEST(AssignCli, FrankWolfeStopsAtIterationLimit) {
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --algorithm fw --gap 1e-9 --max-iter 5");
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("iteration 5:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("iteration 6:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stopped at the iteration limit"), std::string::npos) << r.out;
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
  const std::string out = tempPath("sl.csv");
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
  std::filesystem::remove(out);
}

TEST(AssignCli, SkimsMatchNetworkx) {
  // Debian's python3-networkx is installed by scripts/setup-deps.sh: a missing module is a failure.
  ASSERT_EQ(run("/usr/bin/python3 -c 'import networkx'").exitCode, 0) << "python3-networkx missing";
  const std::string skims = tempPath("skims.csv");
  const auto r = cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                     "SiouxFalls_trips.tntp --algorithm aon --skims " + skims + " --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // The skims are at the costs of the AON volumes; networkx gets the same link costs
  // from --out of the same run and computes every OD shortest path independently.
  const std::string flows = tempPath("aon.csv");
  ASSERT_EQ(cli("assign --tntp-net " + kDir + "SiouxFalls_net.tntp --tntp-trips " + kDir +
                "SiouxFalls_trips.tntp --algorithm aon --quiet --out " + flows)
                .exitCode,
            0);
  const std::string script = tempPath("nx.py");
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
  for (const auto& f : {skims, flows, script}) std::filesystem::remove(f);
}
