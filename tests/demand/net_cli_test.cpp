// End-to-end: `ekimachi-cli network build` and `ekimachi-cli scenario run`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"

#include "demand_cli_util.h"

using ekm_demand_test::cli;
using ekm_demand_test::run;
using ekm_test::TempDir;

namespace {

const std::string kTntp = std::string(EKM_TEST_DATA_DIR) + "/tntp/";
const std::string kNet = std::string(EKM_TEST_DATA_DIR) + "/network/";

}  // namespace

TEST(NetCli, NetworkBuildReportsTheSample) {
  const TempDir tmp("net");
  const auto json = tmp.str("report.json");
  const auto links = tmp.str("links.geojson");
  auto r = cli("network build --segments '" + kNet + "road_segments.geojson' --mode walk --barriers '" +
               kNet + "rail_lines.geojson' --split-crossings --report-json '" + json + "' --links-out '" +
               links + "' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("strongly connected components 4 (sizes 1141, 4, 2, 2)"), std::string::npos) << r.out;
  // Read back with Python's json module; the links file with ogrinfo's GeoJSON driver.
  const auto py =
      run("/usr/bin/python3 -c \"import json; r=json.load(open('" + json +
          "')); print(r['nodes'], r['links'], r['strong_component_sizes'][0], r['epsg'], r['mode'])\"");
  EXPECT_EQ(py.out, "1149 3732 1141 6677 walk\n");
  const auto ogr = run("ogrinfo -so -al '" + links + "' | grep 'Feature Count'");
  EXPECT_EQ(ogr.out, "Feature Count: 3732\n");
  std::remove(json.c_str());
  std::remove(links.c_str());

  // Without the crossings the walking network falls apart at the tracks.
  r = cli("network build --segments '" + kNet + "road_segments.geojson' --mode walk --barriers '" + kNet +
          "rail_lines.geojson' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;

  EXPECT_EQ(cli("network build --segments '" + kNet + "road_segments.geojson' --mode fly").exitCode, 2);
  const auto missing = cli("network build --segments /nonexistent.geojson");
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_NE(missing.out.find("/nonexistent.geojson"), std::string::npos) << missing.out;
  EXPECT_EQ(cli("network build").exitCode, 2);
}

TEST(NetCli, ScenarioClosureOnSiouxFalls) {
  const TempDir tmp("net");
  const auto out = tmp.str("diff.csv");
  const auto sk = tmp.str("skims.csv");
  const auto cor = tmp.str("corr.geojson");
  const auto r =
      cli("scenario run --tntp-net '" + kTntp + "SiouxFalls_net.tntp' --tntp-trips '" + kTntp +
          "SiouxFalls_trips.tntp' --close 10-16,16-10 --gap 1e-5 --out '" + out + "' --skims-out '" + sk +
          "' --corridors '" + cor + "' --tntp-node '" + kTntp + "SiouxFalls_node.tntp' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("scenario: demand 360600.000"), std::string::npos) << r.out;
  // Independent check in Python: closed links carry nothing, node balance holds in the
  // scenario (inflow - outflow = attractions - productions, from the trips file's totals).
  const std::string script = tmp.str("check.py");
  {
    std::ofstream f(script);
    f << "import csv,sys,re\n"
         "rows=list(csv.DictReader(open(sys.argv[1])))\n"
         "closed=[r for r in rows if r['status']=='closed']\n"
         "bal={}\n"
         "for r in rows:\n"
         "  v=float(r['scenario_volume']); bal[int(r['to'])]=bal.get(int(r['to']),0)+v; "
         "bal[int(r['from'])]=bal.get(int(r['from']),0)-v\n"
         "txt=open(sys.argv[2]).read().split('<END OF METADATA>')[1]\n"
         "o=None\n"
         "for tok in re.finditer(r'Origin\\s+(\\d+)|(\\d+)\\s*:\\s*([0-9.eE+-]+)', txt):\n"
         "  if tok.group(1): o=int(tok.group(1)); continue\n"
         "  d=int(tok.group(2)); q=float(tok.group(3))\n"
         "  if d!=o: bal[d]-=q; bal[o]+=q\n"
         "print(len(rows), len(closed), max(float(r['scenario_volume']) for r in closed), max(abs(x) for x "
         "in bal.values())<1e-3)\n";
  }
  const auto py = run("/usr/bin/python3 '" + script + "' '" + out + "' '" + kTntp + "SiouxFalls_trips.tntp'");
  EXPECT_EQ(py.out, "76 2 0.0 True\n");
  EXPECT_NE(ekm_test::readFile(sk).find(
                "origin,destination,base_demand,scenario_demand,base_time,scenario_time,time_diff"),
            std::string::npos);
  EXPECT_NE(ekm_test::readFile(cor).find("\"FeatureCollection\""), std::string::npos);
}

TEST(NetCli, ScenarioErrorsAndCancel) {
  const TempDir tmp("net");
  const std::string base = "scenario run --tntp-net '" + kTntp + "SiouxFalls_net.tntp' --tntp-trips '" +
                           kTntp + "SiouxFalls_trips.tntp' --quiet";
  EXPECT_EQ(cli(base).exitCode, 2);                        // no edit
  EXPECT_EQ(cli(base + " --close 1-24").exitCode, 5);      // no such link
  EXPECT_EQ(cli(base + " --add 1-99:1:100").exitCode, 5);  // node out of range
  EXPECT_EQ(cli(base + " --close 1-x").exitCode, 2);
  EXPECT_EQ(cli(base + " --scale-demand 1.2 --corridors x.geojson").exitCode, 2);  // needs --tntp-node
  // Ctrl-C during a long Frank-Wolfe run: exit 130, no output file. A background job of a
  // non-interactive shell starts with SIGINT ignored until the CLI installs its handler, so
  // on a loaded machine one early Ctrl-C can be lost: it is repeated until the run has ended
  // (a zombie waiting for `wait` has ended too).
  const auto out = tmp.str("cancel.csv");
  const auto r = run("( " + ekm_test::quote(ekm_test::cliPath()) + " " + base +
                     " --scale-demand 1.2 --algorithm fw --gap 1e-14 --max-iter 10000000 --out '" + out +
                     "' & pid=$!; sleep 0.5; n=0; while [ $n -lt 240 ] && [ -r /proc/$pid/status ] && "
                     "! grep -q '^State:.*Z' /proc/$pid/status; do kill -INT $pid; n=$((n+1)); "
                     "sleep 0.5; done; wait $pid )");
  EXPECT_EQ(r.exitCode, 130) << r.out;
  EXPECT_FALSE(std::filesystem::exists(out));
}

// From a project: segments imported into the store (which keeps no crossing field), the
// crossing flags copied back by segment_id; the same network as from the source file.
TEST(NetCli, NetworkBuildFromProject) {
  const TempDir tmp("net");
  const auto gpkg = tmp.str("project.gpkg");
  {
    auto project = ekm::store::Project::create(gpkg);
    ekm::core::Feedback fb;
    ekm::io::importFile(project, ekm::io::ImportKind::Segments, kNet + "road_segments.geojson", {}, fb);
  }
  const std::string common =
      " --mode walk --barriers '" + kNet + "rail_lines.geojson' --split-crossings --quiet";
  auto r = cli("network build --project '" + gpkg + "'" + common + " --crossings-from '" + kNet +
               "road_segments.geojson'");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("crossing flags: 11 segments"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("strongly connected components 4 (sizes 1141, 4, 2, 2)"), std::string::npos) << r.out;
  // Without the flags every link across the tracks is cut, with a warning.
  r = cli("network build --project '" + gpkg + "'" + common);
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("warning: no segment is flagged crossing=1"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("sizes 1141,"), std::string::npos) << r.out;
}
