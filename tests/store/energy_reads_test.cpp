// The energy store's reads on both backends: the small energy project (support/energy_project.h)
// copied to PostgreSQL reads back the same buildings, series catalogue, weather and meters as
// the GeoPackage, partial days at the edges of a range included; the heating meters hold the
// values the generator documents.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ekm/core/feedback.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "support/energy_project.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;

void expectSameValues(const std::vector<double>& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i])) EXPECT_TRUE(std::isnan(b[i])) << what << " at " << i;
    else EXPECT_EQ(a[i], b[i]) << what << " at " << i;
  }
}

TEST(EnergyReadsBackends, PostgresReadsWhatTheGeoPackageReads) {
  std::string whyNot;
  ekm_test::PgServer* server = store_test::sharedPgServer(whyNot);
  if (!server) GTEST_SKIP() << whyNot;
  ekm_test::TempDir dir("energy_reads");
  const std::string gpkgPath = dir.str("energy.gpkg");
  ekm_test::writeSmallEnergyProject(gpkgPath);
  const std::string location = server->location("energy_reads");
  store::copyProject(gpkgPath, location, core::nullFeedback());
  const store::Project gpkg = store::Project::open(gpkgPath, store::OpenMode::ReadOnly);
  const store::Project pg = store::Project::open(location, store::OpenMode::ReadOnly);

  const auto ba = store::readBuildings(gpkg), bb = store::readBuildings(pg);
  ASSERT_EQ(ba.size(), 2u);
  ASSERT_EQ(bb.size(), ba.size());
  for (std::size_t i = 0; i < ba.size(); ++i) {
    EXPECT_EQ(bb[i].buildingId, ba[i].buildingId);
    EXPECT_EQ(bb[i].nameJa, ba[i].nameJa);
    EXPECT_EQ(bb[i].nameEn, ba[i].nameEn);
    EXPECT_EQ(bb[i].block, ba[i].block);
    EXPECT_EQ(bb[i].outerRingLonLat, ba[i].outerRingLonLat);
    EXPECT_GE(bb[i].outerRingLonLat.size(), 4u);
    EXPECT_EQ(bb[i].floor.total(), ba[i].floor.total());
    EXPECT_EQ(bb[i].floor.office_m2, ba[i].floor.office_m2);
    EXPECT_EQ(std::isnan(bb[i].heightM), std::isnan(ba[i].heightM));
  }
  ASSERT_TRUE(store::readBuilding(pg, "B1"));
  EXPECT_EQ(store::readBuilding(pg, "B1")->outerRingLonLat, store::readBuilding(gpkg, "B1")->outerRingLonLat);
  EXPECT_FALSE(store::readBuilding(pg, "nope"));

  const auto sa = store::energySeries(gpkg, ""), sb = store::energySeries(pg, "");
  ASSERT_GE(sa.size(), 5u);
  ASSERT_EQ(sb.size(), sa.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    const std::string what = sa[i].scope + " " + sa[i].owner + " " + sa[i].quantity;
    EXPECT_EQ(sb[i].fid, sa[i].fid) << what;
    EXPECT_EQ(sb[i].owner, sa[i].owner) << what;
    EXPECT_EQ(sb[i].quantity, sa[i].quantity) << what;
    EXPECT_EQ(sb[i].unit, sa[i].unit) << what;
    EXPECT_EQ(sb[i].values, sa[i].values) << what;
    EXPECT_EQ(sb[i].first, sa[i].first) << what;
    EXPECT_EQ(sb[i].last, sa[i].last) << what;
    EXPECT_GT(sa[i].values, 0) << what;
  }
  EXPECT_EQ(store::energySeries(pg, "building").size(), store::energySeries(gpkg, "building").size());
  EXPECT_EQ(store::weatherSites(pg), store::weatherSites(gpkg));

  // A range that starts and ends inside days, and reaches past the data on both sides.
  const core::HourKey from = ekm_test::energyFirstHour() - 5, to = ekm_test::energyFirstHour() + ekm_test::kEnergyDays * 24 + 7;
  const auto wa = store::readWeather(gpkg, "", from, to), wb = store::readWeather(pg, "", from, to);
  ASSERT_TRUE(wa);
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->site, wa->site);
  expectSameValues(wa->dryBulbC.values, wb->dryBulbC.values, "dry bulb");
  expectSameValues(wa->relHumidityPct.values, wb->relHumidityPct.values, "humidity");
  const auto ma = store::readMeters(gpkg, from, to, false), mb = store::readMeters(pg, from, to, false);
  ASSERT_EQ(ma.size(), 4u);  // B1, B2 x cooling, heating
  ASSERT_EQ(mb.size(), ma.size());
  for (std::size_t i = 0; i < ma.size(); ++i) {
    EXPECT_EQ(mb[i].owner, ma[i].owner);
    EXPECT_EQ(mb[i].kind, ma[i].kind);
    expectSameValues(ma[i].series.values, mb[i].series.values, ma[i].owner);
  }
  // Heating = scale * (90 in 6-9 h and 18-22 h, else 25), scale 1 for B1: only those values.
  const auto heating = store::readMeter(pg, "B1", energy::MeterKind::Heating, from, to, false);
  ASSERT_TRUE(heating);
  std::set<double> seen;
  for (const double v : heating->values)
    if (!std::isnan(v)) seen.insert(v);
  EXPECT_EQ(seen, (std::set<double>{25.0, 90.0}));
  EXPECT_TRUE(std::isnan(heating->values.front()));  // before the data
  EXPECT_FALSE(store::readMeter(pg, "B9", energy::MeterKind::Heating, from, to, false));
}

}  // namespace
