// Matrix estimation from a project's own counts: `ekimachi-cli od estimate --project` with
// segment_counts generated from a known OD on a street line drawn by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "demand_cli_util.h"

using namespace ekm_demand_test;

namespace {

double gehOf(double modelled, double count) {
  return std::sqrt(2 * (modelled - count) * (modelled - count) / (modelled + count));
}

}  // namespace

//   W (0,0) ------ a ------+------------ M (300,0) ------ b ------ E (600,0)
//                          |  spur (ends on a at x = 100: a is split in two links)
//                     (100,-100)
//
// True OD (walkers over 07:00-09:00): W->E 100, W->M 50, M->E 30, E->W 20. The counts
// are its volumes: a forward (W->M, W->E) 150 = 70 + 80 in the two hours; a backward
// (E->W) 20 = 12 + 8; b in both directions (W->E, M->E; E->W) 150 = 75 + 75. Not used:
// a forward at 09:00 (outside the range), the spur (07:00 only: incomplete), a vehicle
// count on b. The prior has 10 trips on each of the 6 pairs, so its volumes are a
// forward 20, a backward 20, b both 40: GEH 14.1004, 0 and 11.2857, one in three < 5.
TEST(OdEstimateProject, ReproducesCountsFromAKnownOd) {
  TempDir dir("est");
  Sketch s;
  s.street("a", false, {{0, 0}, {300, 0}});
  s.street("b", false, {{300, 0}, {600, 0}});
  s.street("spur", false, {{100, -100}, {100, -0.4}});
  write(dir / "streets.geojson", s.geojson());
  write(dir / "zones.csv", s.zonesCsv({{"W", 0, 0}, {"M", 300, 0}, {"E", 600, 0}}));
  write(dir / "prior.csv", "origin,destination,trips\nW,M,10\nW,E,10\nM,W,10\nM,E,10\nE,W,10\nE,M,10\n");
  write(dir / "counts.csv",
        "segment_id,datetime,direction,mode,count\n"
        "a,2025-04-01T07:00+09:00,forward,pedestrian,70\n"
        "a,2025-04-01T08:00+09:00,forward,pedestrian,80\n"
        "a,2025-04-01T09:00+09:00,forward,pedestrian,999\n"
        "a,2025-04-01T07:00+09:00,backward,pedestrian,12\n"
        "a,2025-04-01T08:00+09:00,backward,pedestrian,8\n"
        "b,2025-04-01T07:00+09:00,both,pedestrian,75\n"
        "b,2025-04-01T08:00+09:00,both,pedestrian,75\n"
        "b,2025-04-01T07:00+09:00,both,vehicle,500\n"
        "spur,2025-04-01T07:00+09:00,forward,pedestrian,5\n");
  makeProject(dir.str("p.gpkg"), dir.str("streets.geojson"));
  {
    auto project = ekm::store::Project::open(dir.str("p.gpkg"));
    ekm::core::Feedback fb;
    ekm::io::importFile(project, ekm::io::ImportKind::SegmentCounts, dir.str("counts.csv"), {}, fb);
  }
  const auto r =
      cli("od estimate --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("prior.csv") +
          "' --zones 'points:" + dir.str("zones.csv") +
          "' --from 2025-04-01T07:00+09:00 --to 2025-04-01T08:00+09:00 --outer 5 --inner 200 --gap 1e-9"
          " --out '" +
          dir.str("od.csv") + "' --geh '" + dir.str("geh.csv") + "' --period est --quiet");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("counts: 3 segment directions with pedestrian counts in all 2 hours"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("incomplete: spur forward: 1 of 2 hours"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GEH < 5 share 33.3% -> 100.0%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("saved period 'est'"), std::string::npos) << r.out;

  const auto geh = readCsvBy(dir.str("geh.csv"), {"segment_id", "direction"});
  ASSERT_EQ(geh.size(), 3u);
  const std::map<std::string, std::pair<double, double>> expected{
      {"a forward", {150, 20}}, {"a backward", {20, 20}}, {"b both", {150, 40}}};
  for (const auto& [key, countPrior] : expected) {
    ASSERT_EQ(geh.count(key), 1u) << key;
    const auto& row = geh.at(key);
    EXPECT_DOUBLE_EQ(num(row, "count"), countPrior.first) << key;
    EXPECT_NEAR(num(row, "prior_volume"), countPrior.second, 1e-6) << key;
    EXPECT_NEAR(num(row, "prior_geh"), gehOf(countPrior.second, countPrior.first), 1e-6) << key;
    EXPECT_NEAR(num(row, "volume"), countPrior.first, 0.01 * countPrior.first) << key;  // reproduced
    EXPECT_LT(num(row, "geh"), 0.1) << key;
  }
  EXPECT_NEAR(gehOf(20, 150), 14.1004, 1e-4);  // the figures of the comment above
  EXPECT_NEAR(gehOf(40, 150), 11.2857, 1e-4);

  // The estimate assigned again by `assign --project` gives the counted volumes.
  const auto a = cli("assign --project '" + dir.str("p.gpkg") + "' --od period:est --zones 'points:" +
                     dir.str("zones.csv") + "' --gap 1e-9 --quiet --out '" + dir.str("links.csv") + "'");
  ASSERT_EQ(a.exitCode, 0) << a.out;
  // b (one link each way) carries 150 in all; each of a's two pieces per direction 170.
  double aAllPieces = 0, bBoth = 0;
  for (const auto& [key, row] : readCsvBy(dir.str("links.csv"), {"link"})) {
    if (row.at("segment_id") == "a") aAllPieces += num(row, "volume");
    if (row.at("segment_id") == "b") bBoth += num(row, "volume");
  }
  EXPECT_NEAR(bBoth, 150, 1.5);
  EXPECT_NEAR(aAllPieces, 2 * 170, 3.4);

  // No count in the range: a clear error.
  const auto none = cli("od estimate --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("prior.csv") +
                        "' --zones 'points:" + dir.str("zones.csv") +
                        "' --from 2025-04-02T07:00+09:00 --to 2025-04-02T08:00+09:00 --out '" +
                        dir.str("x.csv") + "' --quiet");
  EXPECT_EQ(none.exitCode, 5) << none.out;
  EXPECT_NE(none.out.find("no usable counts"), std::string::npos) << none.out;
  const auto badMode =
      cli("od estimate --project '" + dir.str("p.gpkg") + "' --od '" + dir.str("prior.csv") +
          "' --zones 'points:" + dir.str("zones.csv") +
          "' --from 2025-04-01T07:00+09:00 --to 2025-04-01T08:00+09:00 --count-mode horse --out '" +
          dir.str("x.csv") + "'");
  EXPECT_EQ(badMode.exitCode, 2) << badMode.out;
}
