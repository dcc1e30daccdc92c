// The project demand pipeline's policy for zones without a connector (project_pipeline.h):
// connectors join only the largest strongly connected part of the street network within
// kMaxConnectorM; other zones are left out with one warning naming them, and the run goes
// on without their trips. In the library, the assign operation (what the Demand dock runs)
// and through `ekimachi-cli assign --project`.
#include <gtest/gtest.h>

#include "demand_cli_util.h"
#include "ekm/core/error.h"
#include "ekm/demand/ops/assign_op.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/ops/operation.h"

using namespace ekm_demand_test;
namespace demand = ekm::demand;

namespace {

// Plane metres (EPSG:6677):
//
//   D (0,3000)                                        zone far from every street
//
//   (0,300) +----- north -----+ (400,300) B          the main network: a 400 x 300 m loop
//           |                 |
//         west              east
//           |                 |
//   A (0,0) +----- south -----+ (400,0)     C (1550,20) by the stray street
//                                           (1500,0) ---- stray ---- (1600,0)
//
// Zone C is 30 m from the stray street but 1,150 m from the loop: the stray street is not
// the main network, so C is left out (the CLI used to hang it on the loop by a 1.15 km
// connector); D has no street within 800 m at all.
struct DroppedZonesProject {
  TempDir dir{"pipeline_dropped"};
  DroppedZonesProject() {
    Sketch s;
    s.street("south", false, {{0, 0}, {400, 0}});
    s.street("east", false, {{400, 0}, {400, 300}});
    s.street("north", false, {{400, 300}, {0, 300}});
    s.street("west", false, {{0, 300}, {0, 0}});
    s.street("stray", false, {{1500, 0}, {1600, 0}});
    write(dir / "streets.geojson", s.geojson());
    write(dir / "zones.csv", s.zonesCsv({{"A", -20, 0}, {"B", 420, 300}, {"C", 1550, 20}, {"D", 0, 3000}}));
    write(dir / "od.csv", "origin,destination,trips\nA,B,100\nB,A,40\nA,C,50\nD,B,20\nA,A,7\n");
    makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));
  }
  std::string project() const { return dir.str("p.gpkg"); }
  std::string zonesSpec() const { return "points:" + dir.str("zones.csv"); }
};

class CollectingFeedback : public ekm::core::Feedback {
 public:
  CollectingFeedback() {
    setLogHandler([this](ekm::core::LogLevel level, const std::string& m) {
      if (level == ekm::core::LogLevel::Warning) warnings.push_back(m);
    });
  }
  std::vector<std::string> warnings;
};

}  // namespace

TEST(ProjectPipeline, ZonesOffTheMainNetworkAreLeftOutWithAWarning) {
  DroppedZonesProject p;
  const auto project = ekm::store::Project::open(p.project(), ekm::store::OpenMode::ReadOnly);
  const auto zones = demand::projectZones(project, demand::zoneOptionsFromSpec(p.zonesSpec()));
  ASSERT_EQ(zones.ids(), (std::vector<std::string>{"A", "B", "C", "D"}));
  CollectingFeedback fb;
  const auto net = demand::projectNetwork(project, zones, {}, {}, fb);
  EXPECT_EQ(net.droppedZones, (std::vector<std::string>{"C", "D"}));
  EXPECT_EQ(net.zoneConnected, (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(net.mainComponentNodes, 4);
  ASSERT_EQ(fb.warnings.size(), 1u);
  EXPECT_NE(fb.warnings[0].find("2 of 4 zones have no node of the main street network within 800 m"),
            std::string::npos)
      << fb.warnings[0];
  EXPECT_NE(fb.warnings[0].find(": C, D"), std::string::npos) << fb.warnings[0];
  // The dropped zones keep their centroid nodes (the zone numbering) but have no connector.
  const auto& zoned = net.network.zoned;
  EXPECT_EQ(zoned.network.zoneCount(), 4);
  for (int a = 0; a < zoned.network.linkCount(); ++a) {
    const auto& l = zoned.network.link(a);
    EXPECT_FALSE(l.from == 2 || l.to == 2 || l.from == 3 || l.to == 3) << "a connector of C or D: link " << a;
  }

  // The OD without intrazonal trips and the trips of C and D; the run goes on.
  demand::OdOptions od;
  od.source = demand::OdSource::Csv;
  od.csvPath = p.dir.str("od.csv");
  const auto loaded = demand::loadOd(project, od, zones);
  const auto assignable = demand::assignableOd(loaded.od.matrix, net, fb);
  EXPECT_DOUBLE_EQ(assignable.intrazonalTrips, 7);
  EXPECT_DOUBLE_EQ(assignable.unconnectedTrips, 70);
  EXPECT_DOUBLE_EQ(assignable.matrix.total(), 140);
  ASSERT_EQ(fb.warnings.size(), 2u);
  EXPECT_NE(fb.warnings[1].find("70.000 trips from or to the 2 zones left out are not assigned"), std::string::npos)
      << fb.warnings[1];
  const auto assigned = demand::assign(zoned.network, assignable.matrix, {}, fb);
  double intoB = 0;  // every trip A -> B ends on B's connector
  for (int a = 0; a < zoned.network.linkCount(); ++a)
    if (zoned.network.link(a).to == 1) intoB += assigned.volume[a];
  EXPECT_NEAR(intoB, 100, 1e-9);
}

TEST(ProjectPipeline, AssignOperationCarriesTheDroppedZonesAndTrips) {
  DroppedZonesProject p;
  demand::AssignParams params;
  params.network.zones = p.zonesSpec();
  params.demand.od = p.dir.str("od.csv");
  params.assignment.gap = 1e-9;
  std::vector<ekm::demand::IterationRecord> live;
  demand::AssignHooks hooks;
  hooks.iteration = [&live](const ekm::demand::IterationRecord& r) { live.push_back(r); };
  CollectingFeedback fb;
  ekm::ops::Session session(p.project());
  ekm::ops::validate(params);
  const auto run = demand::AssignOp::run(session, params, fb, hooks);
  EXPECT_EQ(run.project.network.droppedZones, (std::vector<std::string>{"C", "D"}));
  EXPECT_DOUBLE_EQ(run.project.intrazonalTrips, 7);
  EXPECT_DOUBLE_EQ(run.project.unconnectedTrips, 70);
  EXPECT_EQ(run.project.od.zoneIds, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_DOUBLE_EQ(run.project.od.matrix(0, 1), 100);
  EXPECT_DOUBLE_EQ(run.project.od.matrix(0, 2), 0);
  EXPECT_TRUE(run.result.converged);
  EXPECT_EQ(fb.warnings.size(), 2u);
  // Every iteration's record reached the hook as it was made.
  ASSERT_EQ(live.size(), run.result.iterations.size());
  for (std::size_t i = 0; i < live.size(); ++i) EXPECT_EQ(live[i].relativeGap, run.result.iterations[i].relativeGap);
  // Walking: every trip walks one of the loop's 700 m routes plus two 20 m connectors.
  EXPECT_NEAR(run.result.tstt, 140 * 740 / (4.8 / 3.6), 0.5);
  // Free-flow: the same 740 m at 4.8 km/h for every trip.
  EXPECT_NEAR(run.meanTripMinutes, 740 / (4.8 / 3.6) / 60, 1e-4);
  // Desire lines: A-B with 140 trips both ways; corridors run along streets only (a
  // connector's links never belong to one).
  ASSERT_EQ(run.desireLines.size(), 1u);
  EXPECT_EQ(run.desireLines[0].origin, 0);
  EXPECT_EQ(run.desireLines[0].destination, 1);
  EXPECT_DOUBLE_EQ(run.desireLines[0].volume, 140);
  ASSERT_FALSE(run.corridors.empty());
  const auto& zoned = run.project.network.network.zoned;
  for (const auto& c : run.corridors)
    for (int a : c.links) EXPECT_GE(zoned.linkSegment[static_cast<std::size_t>(a)], 0) << "connector link " << a;
}

TEST(ProjectPipeline, CliAssignGoesOnWithoutTheDroppedZones) {
  DroppedZonesProject p;
  const auto r = cli("assign --project '" + p.project() + "' --od '" + p.dir.str("od.csv") + "' --zones '" +
                     p.zonesSpec() + "' --gap 1e-9 --out '" + p.dir.str("links.csv") + "' --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("warning: 2 of 4 zones have no node of the main street network within 800 m and are left "
                       "out (no trips to or from them): C, D"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("warning: 70.000 trips from or to the 2 zones left out are not assigned"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("zones: 4 (points:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 connected, 2 left out"), std::string::npos) << r.out;
  // Every trip between A and B walks the loop's south or north side once (two equal routes).
  double southOrNorth = 0, stray = 0;
  for (const auto& [key, row] : readCsvBy(p.dir.str("links.csv"), {"link"})) {
    if (row.at("segment_id") == "south" || row.at("segment_id") == "north") southOrNorth += num(row, "volume");
    if (row.at("segment_id") == "stray") stray += num(row, "volume");
  }
  EXPECT_NEAR(southOrNorth, 140, 1e-9);
  EXPECT_DOUBLE_EQ(stray, 0);

  // A longer connector reach (--connector-max) takes C in: 1,150 m to the loop's corner
  // (the stray street still carries nothing), and only D is left out.
  const auto wide = cli("assign --project '" + p.project() + "' --od '" + p.dir.str("od.csv") + "' --zones '" +
                        p.zonesSpec() + "' --connector-max 1200 --gap 1e-9 --quiet");
  ASSERT_EQ(wide.exitCode, 0) << wide.out;
  EXPECT_NE(wide.out.find("1 of 4 zones have no node of the main street network within 1200 m"), std::string::npos)
      << wide.out;
  EXPECT_NE(wide.out.find(": D\n"), std::string::npos) << wide.out;

  // Fewer than two zones in reach is an error (exit 5), not a run without trips.
  const auto none = cli("assign --project '" + p.project() + "' --od '" + p.dir.str("od.csv") + "' --zones '" +
                        p.zonesSpec() + "' --connector-max 10 --quiet");
  EXPECT_EQ(none.exitCode, 5) << none.out;
  EXPECT_NE(none.out.find("fewer than two zones are within reach of the street network"), std::string::npos)
      << none.out;
}

TEST(ProjectPipeline, ZoneSpecsRoundTrip) {
  for (const std::string spec : {"mesh:500m", "mesh:125m", "stations:650", "polygons:/x/z.geojson:ward", "points:z.csv"})
    EXPECT_EQ(demand::zoneSpec(demand::zoneOptionsFromSpec(spec)), spec);
  EXPECT_EQ(demand::zoneOptionsFromSpec("mesh:1/2").meshLevel, ekm::mesh::MeshLevel::Half);
  for (const std::string bad : {"hexagon:3", "stations:-5", "stations:x", "polygons:nofield"}) {
    try {
      demand::zoneOptionsFromSpec(bad);
      ADD_FAILURE() << bad;
    } catch (const ekm::core::Error& e) {
      EXPECT_EQ(e.code(), ekm::core::ErrorCode::Usage) << bad;
    }
  }
}
