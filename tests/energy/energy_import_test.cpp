// energy-import: real slices (GEPIII building 1298, Cambridge estates, JMA Tokyo), unit
// conversion, gaps, zero runs, timestamp-shift detection, and refused files that leave the
// project unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "ekm/core/error.h"
#include "ekm/energy/import_files.h"
#include "ekm/energy/import_op.h"
#include "ekm/store/energy_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

using namespace ekm;
using ekm_test::TempDir;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/energy/";

const char* kBuildingsJson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"building_id":"B1","block":"1","office_m2":16000,"retail_m2":500},
 "geometry":{"type":"Polygon","coordinates":[[[139.740,35.635],[139.741,35.635],[139.741,35.636],[139.740,35.636],[139.740,35.635]]]}},
{"type":"Feature","properties":{"building_id":"B2","block":"2","hotel_m2":8000},
 "geometry":{"type":"MultiPolygon","coordinates":[[[[139.742,35.635],[139.743,35.635],[139.743,35.636],[139.742,35.635]]],
 [[[139.744,35.635],[139.7441,35.635],[139.7441,35.6351],[139.744,35.635]]]]}}]})";

struct Fixture {
  TempDir dir{"energy_import"};
  std::string project = dir.str("p.gpkg");
  ops::Session session{project};
  core::Feedback fb;

  energy::EnergyImportResult import(energy::EnergyImportParams p) { return ops::run<energy::EnergyImportOp>(session, p, fb); }
  energy::EnergyImportResult buildings() {
    energy::EnergyImportParams p;
    p.kind = "buildings";
    p.file = dir.write("b.geojson", kBuildingsJson);
    return import(p);
  }
  store::Project& read() {
    session.closeProject();
    return session.project();
  }
};

energy::EnergyImportParams params(const char* kind, const std::string& file, const std::string& timezone = "JST",
                                  std::vector<std::string> columns = {}) {
  energy::EnergyImportParams p;
  p.kind = kind;
  p.file = file;
  p.timezone = timezone;
  p.columns = std::move(columns);
  return p;
}

core::HourKey utc(int y, unsigned m, unsigned d, int h) {
  return core::daysFromCivil(std::chrono::year{y} / m / d) * 24 + h;
}

template <class F>
core::Error expectError(F&& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return core::Error(core::ErrorCode::Ok, "");
}

}  // namespace

TEST(EnergyImport, BuildingsFromGeoJson) {
  Fixture f;
  const auto r = f.buildings();
  EXPECT_EQ(r.buildings, 2);
  ASSERT_EQ(r.warnings.size(), 0u);  // the MultiPolygon warning goes to the feedback
  const auto bs = store::readBuildings(f.read());
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_DOUBLE_EQ(bs[0].floor.total(), 16500);
  EXPECT_EQ(bs[1].block, "2");
  EXPECT_EQ(bs[1].outerRingLonLat.size(), 4u);  // the larger part of the MultiPolygon
  EXPECT_DOUBLE_EQ(bs[1].outerRingLonLat[1].first, 139.743);
}

TEST(EnergyImport, CambridgeMetersAndWeatherWithUnitsInTheHeader) {
  Fixture f;
  f.buildings();
  auto p = params("meters", kData + "cambridge_b19_electricity_2016-01-01_14.csv", "UTC",
                  {"equipment load=electricity"});  // unit [kWh] from the header
  p.building = "B1";
  auto r = f.import(p);
  EXPECT_EQ(r.rowsRead, 336);
  p.columns = {"heating load=gas"};
  p.file = kData + "cambridge_b19_gas_2016-01-01_14.csv";
  r = f.import(p);
  EXPECT_EQ(r.valuesStored, 336);
  energy::EnergyImportParams w;
  w.kind = "weather";
  w.site = "bedford";
  w.timezone = "UTC";
  w.file = kData + "cambridge_bedford_weather_2016-01-01_14.csv";
  r = f.import(w);
  EXPECT_EQ(r.series, 3);  // temperature, humidity, solar
  auto& project = f.read();
  const auto t0 = utc(2016, 1, 1, 0);
  const auto e = store::readMeter(project, "B1", energy::MeterKind::Electricity, t0, t0 + 2);
  ASSERT_TRUE(e);
  EXPECT_DOUBLE_EQ(e->values[0], 133.0);  // first rows of the file: 133.0, 264.5
  EXPECT_DOUBLE_EQ(e->values[1], 264.5);
  const auto g = store::readMeter(project, "B1", energy::MeterKind::Gas, t0, t0 + 2);
  ASSERT_TRUE(g);
  EXPECT_DOUBLE_EQ(g->values[0], 140.0);
  const auto wx = store::readWeather(project, "bedford", t0, t0 + 1);
  ASSERT_TRUE(wx);
  EXPECT_DOUBLE_EQ(wx->dryBulbC.values[0], 2.6);
  EXPECT_DOUBLE_EQ(wx->relHumidityPct.values[0], 92.7);
  EXPECT_TRUE(wx->dewPointC.values.empty());
}

TEST(EnergyImport, UnitsAreConvertedToKwhAndGapsStayMissing) {
  Fixture f;
  f.buildings();
  energy::EnergyImportParams p;
  p.kind = "meters";
  p.file = f.dir.write("m.csv",
                       "datetime,B1/cooling [MJ],B1/heating [GJ],B2/electricity [kBtu],B2/steam\n"
                       "2025-08-01 00:00,36,0.0036,100,1\n"
                       "2025-08-01 01:00,,0.0072,,2\n"
                       "2025-08-01 03:00,72,0,1000,3\n");
  p.units = {"B2/steam=MWh"};
  const auto r = f.import(p);
  EXPECT_EQ(r.rowsRead, 3);
  EXPECT_EQ(r.missingValues, 2 + 4);  // two blanks, one absent row of four columns
  auto& project = f.read();
  const auto t0 = core::hourKeyFromJst(std::chrono::year{2025} / 8 / 1, 0);
  const auto c = store::readMeter(project, "B1", energy::MeterKind::Cooling, t0, t0 + 4);
  EXPECT_DOUBLE_EQ(c->values[0], 10.0);
  EXPECT_TRUE(std::isnan(c->values[1]));  // blank
  EXPECT_TRUE(std::isnan(c->values[2]));  // absent row: a gap, not zero
  EXPECT_DOUBLE_EQ(c->values[3], 20.0);
  EXPECT_DOUBLE_EQ(store::readMeter(project, "B1", energy::MeterKind::Heating, t0, t0 + 1)->values[0], 1.0);
  EXPECT_NEAR(store::readMeter(project, "B2", energy::MeterKind::Electricity, t0, t0 + 1)->values[0], 29.307107, 1e-6);
  EXPECT_DOUBLE_EQ(store::readMeter(project, "B2", energy::MeterKind::Steam, t0, t0 + 1)->values[0], 1000.0);
}

TEST(EnergyImport, ProgressRisesOnceFromZeroToOneHundred) {
  Fixture f;
  f.buildings();
  // Three meters over 375 days: long enough for the reader to report progress while parsing
  // (every 4096 rows), and several series for the writer to report while writing.
  std::string csv = "datetime,B1/electricity [kWh],B1/cooling [kWh],B2/electricity [kWh]\n";
  const auto day0 = std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
  for (int d = 0; d < 375; ++d) {
    const std::chrono::year_month_day ymd{day0 + std::chrono::days{d}};
    for (int h = 0; h < 24; ++h) {
      char line[64];
      std::snprintf(line, sizeof line, "%04d-%02u-%02u %02d:00,%d,%d,%d\n", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), h, 100 + h, 50 + h, 80 + h);
      csv += line;
    }
  }
  std::vector<double> seen;
  f.fb.setThrottleInterval(std::chrono::milliseconds(0));
  f.fb.setProgressHandler([&](double pct) { seen.push_back(pct); });
  const auto r = f.import(params("meters", f.dir.write("year.csv", csv)));
  EXPECT_EQ(r.rowsRead, 375 * 24);
  EXPECT_EQ(r.series, 3);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), 0.0);
  EXPECT_EQ(seen.back(), 100.0);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i], seen[i - 1]) << "step " << i << " of " << seen.size();
  // Both the reading and the writing reported something in between.
  EXPECT_GE(std::count_if(seen.begin(), seen.end(), [](double v) { return v > 0 && v < 50; }), 2);
  EXPECT_GE(std::count_if(seen.begin(), seen.end(), [](double v) { return v > 50 && v < 100; }), 2);
}

TEST(EnergyImport, BadInputIsRefusedWithFileLineAndFieldAndLeavesTheProjectUnchanged) {
  Fixture f;
  f.buildings();
  energy::EnergyImportParams ok;
  ok.kind = "meters";
  ok.file = f.dir.write("ok.csv", "datetime,B1/cooling [kWh]\n2025-08-01 00:00,5\n");
  f.import(ok);
  const auto before = store::energySeries(f.read());
  struct Case {
    const char* name;
    std::string csv;
    core::ErrorCode code;
    std::int64_t line;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {"unit", "datetime,B1/cooling\n2025-08-01 01:00,5\n", core::ErrorCode::Validation, 1, "B1/cooling", "unit missing"},
      {"badunit", "datetime,B1/cooling [kcal]\n2025-08-01 01:00,5\n", core::ErrorCode::Validation, 1, "B1/cooling [kcal]",
       "unknown unit"},
      {"time", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5\n2025-08-01 25:00,5\n", core::ErrorCode::Parse, 3, "datetime",
       "bad time"},
      {"minutes", "datetime,B1/cooling [kWh]\n2025-08-01 01:30,5\n", core::ErrorCode::Parse, 2, "datetime", "bad time"},
      {"dup", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5\n2025-08-01 02:00,5\n2025-08-01T01+09:00,6\n",
       core::ErrorCode::Validation, 4, "datetime", "duplicate hour"},
      {"negative", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5\n2025-08-01 02:00,-1\n", core::ErrorCode::Validation, 3,
       "B1/cooling [kWh]", "negative energy"},
      {"number", "datetime,B1/cooling [kWh]\n2025-08-01 01:00,5 kWh\n", core::ErrorCode::Parse, 2, "B1/cooling [kWh]",
       "not a number"},
      {"kind", "datetime,B1/coolth [kWh]\n2025-08-01 01:00,5\n", core::ErrorCode::Validation, 1, "B1/coolth [kWh]",
       "not a meter column"},
  };
  for (const auto& c : cases) {
    energy::EnergyImportParams p;
    p.kind = "meters";
    p.file = f.dir.write(std::string(c.name) + ".csv", c.csv);
    const auto e = expectError([&] { f.import(p); });
    EXPECT_EQ(e.code(), c.code) << c.name << ": " << e.what();
    EXPECT_EQ(e.context().file, p.file) << c.name;
    EXPECT_EQ(e.context().line.value_or(-1), c.line) << c.name << ": " << e.what();
    EXPECT_EQ(e.context().field, c.field) << c.name << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.name << ": " << e.what();
  }
  // A meter of an unknown building: refused as a whole, the good column is not stored either.
  energy::EnergyImportParams p;
  p.kind = "meters";
  p.file = f.dir.write("unknown.csv", "datetime,B1/heating [kWh],B9/cooling [kWh]\n2025-08-01 01:00,5,6\n");
  const auto e = expectError([&] { f.import(p); });
  EXPECT_NE(std::string(e.what()).find("B9"), std::string::npos) << e.what();
  auto& project = f.read();
  const auto after = store::energySeries(project);
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0].values, 1);
  EXPECT_EQ(project.importLog().size(), 2u);  // the buildings and ok.csv
  // The same file again: refused unless forced.
  EXPECT_EQ(expectError([&] { f.import(ok); }).code(), core::ErrorCode::Duplicate);
  ok.force = true;
  EXPECT_NO_THROW(f.import(ok));
}

TEST(EnergyImport, LongZeroRunsAreReportedAndOnRequestStoredAsMissing) {
  Fixture f;
  f.buildings();
  auto p = params("meters", kData + "gepiii_1298_2016-09-25_10-03.csv", "UTC", {"m0=electricity [kWh]", "m1=cooling [kWh]"});
  p.building = "B1";
  auto r = f.import(p);
  // m0 is zero from 2016-09-28 08:00 (the outage noted in the SOURCE) to the end of the slice.
  EXPECT_EQ(r.zeroRuns, 1);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("B1/electricity"), std::string::npos) << r.warnings[0];
  const auto t = utc(2016, 10, 1, 0);
  EXPECT_DOUBLE_EQ(store::readMeter(f.read(), "B1", energy::MeterKind::Electricity, t, t + 1)->values[0], 0.0);
  p.zero_runs_missing = true;
  p.force = true;
  r = f.import(p);
  EXPECT_TRUE(std::isnan(store::readMeter(f.read(), "B1", energy::MeterKind::Electricity, t, t + 1)->values[0]));
  EXPECT_FALSE(std::isnan(store::readMeter(f.read(), "B1", energy::MeterKind::Cooling, t, t + 1)->values[0]));
}

TEST(EnergyImport, ALoggingOutageAcrossTheBuildingsMetersIsReportedAndOnRequestStoredAsMissing) {
  // Four days of B1 heating and electricity (UTC). Heating is off for 12 h every night from
  // 19 h (genuine zeros) and reads zero for 30 h from day 2 07 h; the electricity reads zero
  // for 24 h from day 2 16 h: one logging outage (21 h shared). Runs of 48 h are the reported
  // zero runs here, so only the outage rule speaks.
  Fixture f;
  f.buildings();
  std::string csv = "datetime,B1/heating [kWh],B1/electricity [kWh]\n";
  for (int h = 0; h < 96; ++h) {
    const int hour = h % 24;
    const bool heatingOut = h >= 31 && h < 61, elecOut = h >= 40 && h < 64;
    const bool night = hour >= 19 || hour < 7;
    char row[80];
    std::snprintf(row, sizeof row, "2018-02-%02d %02d:00,%s,%s\n", 5 + h / 24, hour,
                  heatingOut || night ? "0" : "40", elecOut ? "0" : "300");
    csv += row;
  }
  auto p = params("meters", f.dir.write("outage.csv", csv), "UTC");
  p.zero_run_hours = 48;
  auto r = f.import(p);
  EXPECT_EQ(r.zeroRuns, 0);
  ASSERT_EQ(r.warnings.size(), 2u);
  // The heating run is the 30 h plus the night before it: 19 h of day 1 to 12 h of day 3.
  EXPECT_NE(r.warnings[0].find("B1/heating: 42 h of zero runs"), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[1].find("B1/electricity: 24 h of zero runs"), std::string::npos) << r.warnings[1];
  EXPECT_NE(r.warnings[0].find("kept as zeros"), std::string::npos) << r.warnings[0];
  const auto at = [&](energy::MeterKind kind, int h) {
    const auto t = utc(2018, 2, 5, 0) + h;
    return store::readMeter(f.read(), "B1", kind, t, t + 1)->values[0];
  };
  EXPECT_DOUBLE_EQ(at(energy::MeterKind::Heating, 40), 0.0);
  p.zero_runs_missing = true;
  p.force = true;
  r = f.import(p);
  EXPECT_TRUE(std::isnan(at(energy::MeterKind::Heating, 40)));
  EXPECT_TRUE(std::isnan(at(energy::MeterKind::Heating, 25)));     // day 2 01 h: inside the run
  EXPECT_TRUE(std::isnan(at(energy::MeterKind::Electricity, 63)));
  EXPECT_DOUBLE_EQ(at(energy::MeterKind::Heating, 2), 0.0);        // a night of day 1: genuine
  EXPECT_DOUBLE_EQ(at(energy::MeterKind::Heating, 24 * 3 + 2), 0.0);  // and of day 4
  EXPECT_DOUBLE_EQ(at(energy::MeterKind::Heating, 24 * 3 + 12), 40.0);
  EXPECT_DOUBLE_EQ(at(energy::MeterKind::Electricity, 39), 300.0);
}

// GEPIII's SOURCE note suspects its weather is in UTC while the meters are local. Importing
// the meters as local time (UTC-5) and the weather as UTC, as that note suggests, makes the
// shift visible: the detector finds +5 h; applied, the weather lines up again. Importing
// both with the same clock finds no shift — in this building the weather and the chilled
// water follow the same clock.
TEST(EnergyImport, TimestampShiftBetweenWeatherAndMetersIsDetectedAndCorrectedOnRequest) {
  const std::string file = kData + "gepiii_1298_2016-07-01_21.csv";
  for (const bool apply : {false, true}) {
    Fixture f;
    f.buildings();
    auto m = params("meters", file, "-05:00", {"m0=electricity [kWh]", "m1=cooling [kWh]"});
    m.building = "B1";
    f.import(m);
    auto w = params("weather", file, "UTC");
    w.site = "gepiii";
    w.units = {"air_temperature=degC", "dew_temperature=degC"};
    w.apply_detected_shift = apply;
    const auto r = f.import(w);
    ASSERT_TRUE(r.shiftChecked);
    EXPECT_EQ(r.shiftAgainst, "B1/cooling");
    EXPECT_EQ(r.shift.shiftHours, 5);
    EXPECT_GT(r.shift.correlation, r.shift.correlationAtZero + 0.2);
    EXPECT_EQ(r.shiftApplied, apply ? 5 : 0);
    const bool warned = std::any_of(r.warnings.begin(), r.warnings.end(),
                                    [](const std::string& w) { return w.find("looks shifted") != std::string::npos; });
    EXPECT_EQ(warned, !apply);
    // The stored weather: its first hour is 2016-07-01 00:00 UTC (+5 h when applied).
    const auto wx = store::readWeather(f.read(), "gepiii", utc(2016, 7, 1, 0), utc(2016, 7, 1, 6));
    ASSERT_TRUE(wx);
    EXPECT_EQ(std::isnan(wx->dryBulbC.values[0]), apply);
    EXPECT_EQ(std::isnan(wx->dryBulbC.values[5]), false);
    // Checked again by importing the meters once more: aligned now when corrected.
    m.force = true;
    const auto again = f.import(m);
    ASSERT_TRUE(again.shiftChecked);
    EXPECT_EQ(again.shift.shiftHours, apply ? 0 : 5);
  }
  // Same clock for both: no shift.
  Fixture f;
  f.buildings();
  auto m = params("meters", file, "UTC", {"m1=cooling [kWh]"});
  m.building = "B1";
  f.import(m);
  auto w = params("weather", file, "UTC");
  w.units = {"air_temperature=degC", "dew_temperature=degC"};
  const auto r = f.import(w);
  EXPECT_EQ(r.shift.shiftHours, 0);
  EXPECT_GT(r.shift.correlation, 0.3);
  // The weather's own clock: in UTC its mean day peaks at 19-20 h, i.e. 04-05 JST — far from a
  // Japanese afternoon, which the import reports.
  EXPECT_GE(r.tempPeakHourJst, 3);
  EXPECT_LE(r.tempPeakHourJst, 6);
}

TEST(EnergyImport, WeatherUnitMissingIsRefused) {
  Fixture f;
  energy::EnergyImportParams w;
  w.kind = "weather";
  w.timezone = "UTC";
  w.file = kData + "gepiii_1298_2016-07-01_21.csv";
  const auto e = expectError([&] { f.import(w); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_EQ(e.context().field, "air_temperature");
  EXPECT_NE(std::string(e.what()).find("unit missing"), std::string::npos) << e.what();
  EXPECT_FALSE(std::filesystem::exists(f.project));  // the project it would have created is gone again
}

TEST(EnergyImport, JmaDownloadFormatWithQualityFlags) {
  const auto parsed = energy::readJmaDailyCsv(kData + "jma_raw_tokyo_daily_2022-10-20_11-19_utf-8.csv");
  EXPECT_EQ(parsed.format, "jma-download");
  ASSERT_EQ(parsed.days.size(), 30u);
  const auto& d = parsed.days[0];  // 2022/10/20: max 20.7, min 9.7, mean 14.7, vapour 9.4 hPa, RH 58 %, 17.46 MJ/m2
  EXPECT_EQ(d.date, std::chrono::year{2022} / 10 / 20);
  EXPECT_DOUBLE_EQ(d.tMaxC, 20.7);
  EXPECT_DOUBLE_EQ(d.tMinC, 9.7);
  EXPECT_DOUBLE_EQ(d.tMeanC, 14.7);
  EXPECT_DOUBLE_EQ(d.vapourHpa, 9.4);
  EXPECT_DOUBLE_EQ(d.rhMeanPct, 58);
  EXPECT_DOUBLE_EQ(d.solarMjM2, 17.46);
  // A value whose quality is below 5 (here 1 = 欠測, missing) is missing.
  TempDir dir("energy_jma");
  std::string text = ekm_test::readFile(kData + "jma_raw_tokyo_daily_2022-10-20_11-19_utf-8.csv");
  const std::string row = "2022/10/20,10.2,0,8,1,0,1,8,,,,1,2.1,8,1,9.4,8,1,58,8,1,1025.8,8,1,1022.8,8,1,0.0,8,1,14.7,8,1,17.46,8,1";
  const auto at = text.find(row);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, row.size(), "2022/10/20,10.2,0,8,1,0,1,8,,,,1,2.1,8,1,9.4,8,1,58,8,1,1025.8,8,1,1022.8,8,1,0.0,8,1,14.7,8,1,17.46,1,1");
  const auto bad = energy::readJmaDailyCsv(dir.write("q.csv", text));
  EXPECT_TRUE(std::isnan(bad.days[0].solarMjM2));
  EXPECT_DOUBLE_EQ(bad.days[0].tMeanC, 14.7);
}

TEST(EnergyImport, CliExitCodesAndMessages) {
  TempDir dir("energy_cli");
  const auto project = dir.str("p.gpkg");
  const auto b = dir.write("b.geojson", kBuildingsJson);
  auto r = ekm_test::cliArgs({"energy", "import", "--project", project, "--kind", "buildings", b, "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("buildings: 2"), std::string::npos) << r.out;
  const auto bad = dir.write("bad.csv", "datetime,B1/cooling\n2025-08-01 01:00,5\n");
  r = ekm_test::cliArgs({"energy", "import", "--project", project, "--kind", "meters", bad, "--quiet"});
  EXPECT_EQ(r.exitCode, 5) << r.err;
  EXPECT_NE(r.err.find("bad.csv:1: column 'B1/cooling': unit missing"), std::string::npos) << r.err;
  r = ekm_test::cliArgs({"energy", "import", "--project", project, "--kind", "meters", "--units", "B1/cooling=MJ", bad,
                         "--json", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("\"values_stored\": 1"), std::string::npos) << r.out;
  r = ekm_test::cliArgs({"energy", "import", "--project", project, "--kind", "meters", "--units", "B1/cooling=MJ", bad,
                         "--quiet"});
  EXPECT_EQ(r.exitCode, 9) << r.err;  // already imported
}
