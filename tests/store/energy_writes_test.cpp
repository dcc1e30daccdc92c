// The energy imports on both backends: every kind (buildings, weather, weather-daily, meters,
// plant-meters) through the energy-import operation into a GeoPackage and a PostgreSQL
// schema, and every read of the energy store equal between them after each import; values
// checked against the files themselves. A refused file and a cancelled write leave the
// PostgreSQL schema byte for byte as it was.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/energy/import_op.h"
#include "ekm/ops/session.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/energy/";

const char* kBuildingsJson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"building_id":"B1","name_ja":"東棟","block":"1","office_m2":16000,"retail_m2":500,"height_m":80},
 "geometry":{"type":"Polygon","coordinates":[[[139.740,35.635],[139.741,35.635],[139.741,35.636],[139.740,35.636],[139.740,35.635]]]}},
{"type":"Feature","properties":{"building_id":"B2","block":"2","hotel_m2":8000},
 "geometry":{"type":"Polygon","coordinates":[[[139.742,35.635],[139.743,35.635],[139.743,35.636],[139.742,35.635]]]}}]})";

// B1 again with another floor area and outline (replaced in place), and a new B3.
const char* kBuildings2Json = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"building_id":"B1","block":"1b","office_m2":20000},
 "geometry":{"type":"Polygon","coordinates":[[[139.7401,35.6351],[139.7411,35.6351],[139.7411,35.6361],[139.7401,35.6351]]]}},
{"type":"Feature","properties":{"building_id":"B3","block":"3","residential_m2":3000},
 "geometry":{"type":"Polygon","coordinates":[[[139.744,35.635],[139.745,35.635],[139.745,35.636],[139.744,35.635]]]}}]})";

std::string num(double v) {
  if (std::isnan(v)) return "nan";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void dumpValues(std::string& out, const std::vector<double>& values) {
  for (double v : values) out += num(v) + ",";
  out += "\n";
}

// Every read of the energy store as text: buildings, the series catalogue, each site's
// weather and every building and plant meter over the stored range, the import log's kinds.
std::string energyDump(const store::Project& p) {
  std::string out;
  for (const auto& b : store::readBuildings(p)) {
    out += "building " + b.buildingId + "|" + b.nameJa + "|" + b.nameEn + "|" + b.block + "|" + num(b.floor.office_m2) +
           "|" + num(b.floor.retail_m2) + "|" + num(b.floor.hotel_m2) + "|" + num(b.floor.residential_m2) + "|" +
           num(b.floor.culture_m2) + "|" + num(b.heightM) + "|";
    for (const auto& [lon, lat] : b.outerRingLonLat) out += num(lon) + " " + num(lat) + ";";
    out += "\n";
  }
  core::HourKey from = 0, to = 0;
  bool any = false;
  for (const auto& s : store::energySeries(p)) {
    out += "series " + std::to_string(s.fid) + " " + s.scope + " " + s.owner + " " + s.quantity + " " + s.unit + " " +
           s.source + " " + std::to_string(s.values) + " " + std::to_string(s.first) + " " + std::to_string(s.last) + "\n";
    if (!any || s.first < from) from = s.first;
    if (!any || s.last + 1 > to) to = s.last + 1;
    any = true;
  }
  for (const auto& site : store::weatherSites(p)) {
    const auto w = store::readWeather(p, site, from - 3, to + 3);
    out += "weather " + site + "\n";
    for (const auto* s : {&w->dryBulbC, &w->relHumidityPct, &w->dewPointC, &w->solarWm2}) dumpValues(out, s->values);
  }
  for (const bool plant : {false, true})
    for (const auto& m : store::readMeters(p, from - 3, to + 3, plant)) {
      out += std::string(plant ? "plant " : "meter ") + m.owner + " " + energy::meterKindName(m.kind) + "\n";
      dumpValues(out, m.series.values);
    }
  for (const auto& e : p.importLog()) out += "log " + e.kind + " " + e.sourceSha256 + " " + std::to_string(e.rows) + "\n";
  return out;
}

energy::EnergyImportParams params(const std::string& kind, const std::string& file, const std::string& timezone = "JST") {
  energy::EnergyImportParams p;
  p.kind = kind;
  p.file = file;
  p.timezone = timezone;
  return p;
}

core::HourKey utc(int y, unsigned m, unsigned d, int h) {
  return core::hourKeyFromJst(std::chrono::year{y} / m / d, 0) + 9 + h;
}

// The schema's energy tables and import log as one checksum per table (psql).
std::string schemaChecksum(const ekm_test::PgServer& server, const std::string& location) {
  const std::string schema = location.substr(location.rfind("schema=") + 7);
  std::string out;
  for (const char* t : {"energy_buildings", "energy_series", "energy_weather_days", "energy_meter_days", "ekm_import_log"})
    out += std::string(t) + " " +
           server.psql("SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM \"" +
                       schema + "\"." + t + " x") +
           "\n";
  return out;
}

class EnergyImportBackends : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = store_test::sharedPgServer(m_whyNot);
    if (!m_server) GTEST_SKIP() << m_whyNot;
    m_gpkg = m_dir.str("energy.gpkg");
    m_pg = m_server->location(std::string("energy_writes_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store::Project::create(m_gpkg);
    store::Project::create(m_pg);
  }

  // Imports into both projects; the results (but the time taken) must agree.
  energy::EnergyImportResult importBoth(const energy::EnergyImportParams& p) {
    energy::EnergyImportResult results[2];
    int i = 0;
    for (const std::string& location : {m_gpkg, m_pg}) {
      ops::Session session(location);
      core::Feedback fb;
      results[i++] = ops::run<energy::EnergyImportOp>(session, p, fb);
    }
    EXPECT_EQ(results[0].buildings, results[1].buildings) << p.kind;
    EXPECT_EQ(results[0].valuesStored, results[1].valuesStored) << p.kind;
    EXPECT_EQ(results[0].series, results[1].series) << p.kind;
    EXPECT_EQ(results[0].rowsRead, results[1].rowsRead) << p.kind;
    EXPECT_EQ(results[0].warnings, results[1].warnings) << p.kind;
    return results[1];
  }
  void expectSameReads(const std::string& after) {
    const store::Project gpkg = store::Project::open(m_gpkg, store::OpenMode::ReadOnly);
    const store::Project pg = store::Project::open(m_pg, store::OpenMode::ReadOnly);
    const std::string a = energyDump(gpkg), b = energyDump(pg);
    EXPECT_FALSE(a.empty()) << after;
    EXPECT_EQ(a, b) << "after " << after;
  }

  std::string m_whyNot;
  ekm_test::PgServer* m_server = nullptr;
  ekm_test::TempDir m_dir{"energy_writes"};
  std::string m_gpkg, m_pg;
};

TEST_F(EnergyImportBackends, EveryKindReadsTheSameOnBothBackends) {
  auto r = importBoth(params("buildings", m_dir.write("b.geojson", kBuildingsJson)));
  EXPECT_EQ(r.buildings, 2);
  expectSameReads("buildings");

  // Replacing B1 keeps one row per building id.
  importBoth(params("buildings", m_dir.write("b2.geojson", kBuildings2Json)));
  expectSameReads("buildings again");
  {
    const store::Project pg = store::Project::open(m_pg, store::OpenMode::ReadOnly);
    const auto bs = store::readBuildings(pg);
    ASSERT_EQ(bs.size(), 3u);
    EXPECT_EQ(bs[0].buildingId, "B1");
    EXPECT_EQ(bs[0].block, "1b");
    EXPECT_EQ(bs[0].floor.office_m2, 20000);
    EXPECT_EQ(bs[0].floor.retail_m2, 0);
    EXPECT_EQ(bs[0].outerRingLonLat.front().first, 139.7401);
    EXPECT_TRUE(std::isnan(bs[0].heightM));
  }

  auto e = params("meters", kData + "cambridge_b19_electricity_2016-01-01_14.csv", "UTC");
  e.columns = {"equipment load=electricity"};
  e.building = "B1";
  r = importBoth(e);
  EXPECT_EQ(r.valuesStored, 336);
  expectSameReads("meters");

  auto w = params("weather", kData + "cambridge_bedford_weather_2016-01-01_14.csv", "UTC");
  w.site = "bedford";
  r = importBoth(w);
  EXPECT_EQ(r.series, 3);
  expectSameReads("weather");

  auto d = params("weather-daily", kData + "jma_tokyo_daily_2022-07_08_eng.csv");
  d.site = "tokyo";
  r = importBoth(d);
  EXPECT_EQ(r.series, 4);
  expectSameReads("weather-daily");

  // Two meter files that overlap inside a day: the second replaces 02-04 h and keeps 00-01 h.
  auto m1 = params("meters", m_dir.write("m1.csv",
                                         "datetime,B2/cooling [kWh],B3/heating [MJ]\n"
                                         "2025-08-01 00:00,10,3.6\n2025-08-01 01:00,11,\n"
                                         "2025-08-01 02:00,12,7.2\n2025-08-01 03:00,13,0\n"));
  importBoth(m1);
  auto m2 = params("meters", m_dir.write("m2.csv",
                                         "datetime,B2/cooling [kWh]\n"
                                         "2025-08-01 02:00,22\n2025-08-01 03:00,\n2025-08-01 04:00,24\n"));
  importBoth(m2);
  expectSameReads("overlapping meters");

  auto plant = params("plant-meters", m_dir.write("plant.csv",
                                                  "datetime,DHC/cooling [kWh],DHC/electricity [kWh]\n"
                                                  "2025-08-01 00:00,500,90\n2025-08-01 01:00,520.5,91\n"));
  r = importBoth(plant);
  EXPECT_EQ(r.valuesStored, 4);
  expectSameReads("plant meters");

  // The values, against the files.
  const store::Project pg = store::Project::open(m_pg, store::OpenMode::ReadOnly);
  const auto t0 = utc(2016, 1, 1, 0);
  const auto el = store::readMeter(pg, "B1", energy::MeterKind::Electricity, t0, t0 + 2);
  ASSERT_TRUE(el);
  EXPECT_EQ(el->values[0], 133.0);  // first rows of the file: 133.0, 264.5
  EXPECT_EQ(el->values[1], 264.5);
  const auto wx = store::readWeather(pg, "bedford", t0, t0 + 1);
  ASSERT_TRUE(wx);
  EXPECT_EQ(wx->dryBulbC.values[0], 2.6);
  EXPECT_EQ(wx->relHumidityPct.values[0], 92.7);
  const core::HourKey aug1 = core::hourKeyFromJst(std::chrono::year{2025} / 8 / 1, 0);
  const auto cool = store::readMeter(pg, "B2", energy::MeterKind::Cooling, aug1, aug1 + 6);
  ASSERT_TRUE(cool);
  const std::vector<double> expected = {10, 11, 22, std::nan(""), 24, std::nan("")};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (std::isnan(expected[i])) EXPECT_TRUE(std::isnan(cool->values[i])) << i;
    else EXPECT_EQ(cool->values[i], expected[i]) << i;
  }
  const auto heat = store::readMeter(pg, "B3", energy::MeterKind::Heating, aug1, aug1 + 4);
  ASSERT_TRUE(heat);
  EXPECT_DOUBLE_EQ(heat->values[0], 1.0);  // 3.6 MJ
  EXPECT_TRUE(std::isnan(heat->values[1]));
  EXPECT_DOUBLE_EQ(heat->values[2], 2.0);
  const auto dhc = store::readMeter(pg, "DHC", energy::MeterKind::Cooling, aug1, aug1 + 2, true);
  ASSERT_TRUE(dhc);
  EXPECT_EQ(dhc->values[1], 520.5);
  EXPECT_EQ(pg.importLog().size(), 8u);
  EXPECT_TRUE(store::isSourceImported(pg, r.sha256, "energy-plant-meters"));
  EXPECT_FALSE(store::isSourceImported(pg, r.sha256, "energy-meters"));
}

TEST_F(EnergyImportBackends, RefusedFileAndCancelledWriteLeaveThePostgresSchemaUnchanged) {
  importBoth(params("buildings", m_dir.write("b.geojson", kBuildingsJson)));
  const std::string before = schemaChecksum(*m_server, m_pg);

  // B1's column is valid and comes first; B9 is no building of the project.
  const std::string bad = m_dir.write("bad.csv",
                                      "datetime,B1/cooling [kWh],B9/cooling [kWh]\n"
                                      "2025-08-01 00:00,10,20\n2025-08-01 01:00,11,21\n");
  {
    ops::Session session(m_pg);
    core::Feedback fb;
    try {
      ops::run<energy::EnergyImportOp>(session, params("meters", bad), fb);
      ADD_FAILURE() << "a meter of an unknown building was imported";
    } catch (const core::ValidationError& e) {
      EXPECT_EQ(e.context().found, "B9");
    }
  }
  EXPECT_EQ(schemaChecksum(*m_server, m_pg), before);

  // Cancelled after its first series was written.
  store::EnergyBatch batch;
  batch.source = "test";
  for (const char* owner : {"B1", "B2"}) {
    energy::MeterSeries m;
    m.owner = owner;
    m.kind = energy::MeterKind::Cooling;
    m.series.start = utc(2025, 8, 1, 0);
    m.series.unit = "kWh";
    m.series.values.assign(72, 5.0);
    batch.meters.push_back(m);
  }
  {
    store::Project pg = store::Project::open(m_pg, store::OpenMode::ReadWrite);
    core::Feedback fb;
    fb.setThrottleInterval(std::chrono::milliseconds(0));
    int progressCalls = 0;
    fb.setProgressHandler([&](double percent) {
      if (percent > 0) ++progressCalls;
      if (percent > 0) fb.cancel();
    });
    EXPECT_THROW(store::writeEnergyBatch(pg, batch, fb), core::CancelledError);
    EXPECT_EQ(progressCalls, 1);
  }
  EXPECT_EQ(schemaChecksum(*m_server, m_pg), before);

  // The same batch not cancelled changes the schema (the checksum sees a write).
  {
    store::Project pg = store::Project::open(m_pg, store::OpenMode::ReadWrite);
    const auto counts = store::writeEnergyBatch(pg, batch);
    EXPECT_EQ(counts.dayRows, 6);
    EXPECT_EQ(counts.values, 144);
    EXPECT_EQ(counts.seriesCreated, 2);
  }
  EXPECT_NE(schemaChecksum(*m_server, m_pg), before);
}

}  // namespace
