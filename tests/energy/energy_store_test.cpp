// The energy tables: buildings as a GeoPackage feature table, weather and meters in day
// rows, readers over ranges, one transaction per batch.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/store/energy_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace ekm::store {
std::string energyTablesSql();  // store/gpkg_internal.h: the script the 3 -> 4 migration runs
}

using namespace ekm;
using namespace ekm::store;
using ekm_test::TempDir;

namespace {

std::int64_t queryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  std::int64_t v = -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}
double queryDouble(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  double v = -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_type(st, 0) == SQLITE_NULL ? std::nan("") : sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  return v;
}

energy::Building square(const std::string& id, double lon, double lat) {
  energy::Building b;
  b.buildingId = id;
  b.nameEn = "Tower " + id;
  b.block = "1";
  const double d = 0.0005;
  b.outerRingLonLat = {{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}};
  b.floor.office_m2 = 1000;
  b.floor.retail_m2 = 200;
  return b;
}

const core::HourKey kT0 = core::hourKeyFromJst(std::chrono::year{2025} / 8 / 1, 0);  // 2025-07-31T15Z

}  // namespace

TEST(EnergyStore, BuildingsWeatherMetersRoundTrip) {
  TempDir dir("energy_store");
  const auto path = dir.str("p.gpkg");
  {
    Project p = Project::create(path);
    EnergyBatch b;
    b.buildings = {square("B2", 139.741, 35.636), square("B1", 139.740, 35.635)};
    energy::WeatherSeries w;
    w.site = "tokyo";
    w.dryBulbC = {kT0, {30.0, 31.0, energy::kMissing, 33.0}, "degC"};
    w.solarWm2 = {kT0, {0, 0, 100, 400}, "W/m2"};
    b.weather.push_back(w);
    energy::MeterSeries m{"B1", energy::MeterKind::Cooling, false, {kT0 - 2, {1, 2, 3, energy::kMissing, 5}, "kWh"}};
    b.meters.push_back(m);
    b.meters.push_back({"DHC", energy::MeterKind::Electricity, true, {kT0, {7, 8}, "kWh"}});
    b.source = "test";
    b.logKind = "energy-test";
    b.logSha256 = "abc";
    const auto c = writeEnergyBatch(p, b);
    EXPECT_EQ(c.buildings, 2);
    EXPECT_EQ(c.seriesCreated, 4);
    EXPECT_EQ(c.values, 3 + 4 + 4 + 2);
    EXPECT_TRUE(isSourceImported(p, "abc"));
  }
  Project p = Project::open(path, OpenMode::ReadOnly);
  const auto bs = readBuildings(p);
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(bs[0].buildingId, "B1");
  EXPECT_DOUBLE_EQ(bs[0].floor.total(), 1200);
  EXPECT_EQ(bs[0].outerRingLonLat.size(), 5u);
  EXPECT_DOUBLE_EQ(bs[0].outerRingLonLat[1].first, 139.7405);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM rtree_energy_buildings_geom"), 2);
  EXPECT_NEAR(queryDouble(ekm_test::sql(p), "SELECT max_x FROM gpkg_contents WHERE table_name = 'energy_buildings'"), 139.7415,
              1e-9);

  const auto w = readWeather(p, "", kT0 - 1, kT0 + 5);
  ASSERT_TRUE(w);
  ASSERT_EQ(w->dryBulbC.size(), 6u);
  EXPECT_TRUE(std::isnan(w->dryBulbC.values[0]));
  EXPECT_DOUBLE_EQ(w->dryBulbC.values[1], 30.0);
  EXPECT_TRUE(std::isnan(w->dryBulbC.values[3]));  // missing stays missing
  EXPECT_DOUBLE_EQ(w->dryBulbC.values[4], 33.0);
  EXPECT_TRUE(w->relHumidityPct.values.empty());
  EXPECT_DOUBLE_EQ(w->solarWm2.values[4], 400);

  const auto m = readMeter(p, "B1", energy::MeterKind::Cooling, kT0 - 3, kT0 + 3);
  ASSERT_TRUE(m);
  const std::vector<double> expect = {NAN, 1, 2, 3, NAN, 5};
  for (std::size_t i = 0; i < expect.size(); ++i) {
    if (std::isnan(expect[i])) EXPECT_TRUE(std::isnan(m->values[i])) << i;
    else EXPECT_DOUBLE_EQ(m->values[i], expect[i]) << i;
  }
  EXPECT_FALSE(readMeter(p, "B1", energy::MeterKind::Heating, kT0, kT0 + 3));
  const auto plant = readMeters(p, kT0, kT0 + 2, true);
  ASSERT_EQ(plant.size(), 1u);
  EXPECT_EQ(plant[0].owner, "DHC");
  EXPECT_DOUBLE_EQ(plant[0].series.values[1], 8);

  const auto cat = energySeries(p, "building");
  ASSERT_EQ(cat.size(), 1u);
  EXPECT_EQ(cat[0].values, 4);
  EXPECT_EQ(cat[0].first, kT0 - 2);
  EXPECT_EQ(cat[0].last, kT0 + 2);

  // The long view: one row per hour of each stored day, NULL for missing.
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM energy_meter_hourly WHERE owner = 'B1' AND value IS NOT NULL"), 4);
  EXPECT_DOUBLE_EQ(queryDouble(ekm_test::sql(p), "SELECT value FROM energy_meter_hourly WHERE owner = 'B1' AND t_hour = " +
                                           std::to_string(kT0 + 2)),
                   5);
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(DISTINCT fid) - count(*) FROM energy_weather_hourly"), 0);
}

TEST(EnergyStore, PartialOverwriteKeepsHoursOutsideTheRange) {
  TempDir dir("energy_store");
  Project p = Project::create(dir.str("p.gpkg"));
  EnergyBatch b;
  b.buildings = {square("B1", 139.74, 35.635)};
  b.meters = {{"B1", energy::MeterKind::Electricity, false, {kT0, std::vector<double>(48, 1.0), "kWh"}}};
  writeEnergyBatch(p, b);
  EnergyBatch b2;
  b2.meters = {{"B1", energy::MeterKind::Electricity, false, {kT0 + 10, {2, energy::kMissing, 2}, "kWh"}}};
  writeEnergyBatch(p, b2);
  const auto m = readMeter(p, "B1", energy::MeterKind::Electricity, kT0, kT0 + 48);
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->values[9], 1);
  EXPECT_DOUBLE_EQ(m->values[10], 2);
  EXPECT_TRUE(std::isnan(m->values[11]));
  EXPECT_DOUBLE_EQ(m->values[12], 2);
  EXPECT_DOUBLE_EQ(m->values[13], 1);
  EXPECT_DOUBLE_EQ(m->values[47], 1);
}

TEST(EnergyStore, RefusedBatchLeavesTheStoreUnchanged) {
  TempDir dir("energy_store");
  Project p = Project::create(dir.str("p.gpkg"));
  EnergyBatch b;
  b.buildings = {square("B1", 139.74, 35.635)};
  b.meters = {{"B1", energy::MeterKind::Cooling, false, {kT0, {1, 2}, "kWh"}},
              {"NOPE", energy::MeterKind::Cooling, false, {kT0, {1, 2}, "kWh"}}};
  try {
    writeEnergyBatch(p, b);
    FAIL() << "expected a ValidationError";
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("NOPE"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(readBuildings(p).empty());
  EXPECT_TRUE(energySeries(p).empty());
  EXPECT_EQ(queryInt(ekm_test::sql(p), "SELECT count(*) FROM energy_meter_days"), 0);
}

TEST(EnergyStore, SchemaScriptIsIdempotentAndGdalSeesTheLayers) {
  TempDir dir("energy_store");
  const auto path = dir.str("p.gpkg");
  {
    Project p = Project::create(path);
    exec(ekm_test::sql(p), energyTablesSql());  // the migration's script on a new project: harmless
    EnergyBatch b;
    b.buildings = {square("B1", 139.74, 35.635)};
    writeEnergyBatch(p, b);
  }
  const auto r = ekm_test::run("ogrinfo -ro -so " + ekm_test::quote(path) + " energy_buildings 2>&1");
  EXPECT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("Feature Count: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Polygon"), std::string::npos) << r.out;
  const auto v = ekm_test::run("ogrinfo -ro -so " + ekm_test::quote(path) + " 2>&1");
  EXPECT_NE(v.out.find("energy_meter_hourly"), std::string::npos) << v.out;
}
