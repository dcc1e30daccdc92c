// energy-fit, energy-forecast and energy-verify end to end through the registry, on a small
// project holding a synthetic building whose demand law is known (model_synthetic.h): its
// weather and cooling meter in the energy store, its occupancy as the mesh population of
// the 1/8 cell it stands on. B1 is metered as generated; B2 is the same building metered
// 20 % lower from 2025-06-01 (a change of known size).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/registry.h"
#include "ekm/store/energy_store.h"
#include "model_synthetic.h"
#include "support/temp_dir.h"

namespace ekm::energy {
namespace {

using ops::Json;
constexpr int kDays = 200;  // 2025-01-01 .. 2025-07-19
constexpr double kSaving = 0.20;

class EnergyModelOps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<ekm_test::TempDir>("energy_model_ops");
    s_project = s_dir->str("p.gpkg");
    s_building = testing::syntheticBuilding(kDays);
    auto p = store::Project::create(s_project);
    const mesh::MeshCell cell = mesh::decode(mesh::encode(35.6355, 139.7405, mesh::MeshLevel::Eighth));
    s_cell = cell.code;
    // The occupancy as the cell's hourly population (JST dates and hours).
    std::ostringstream csv;
    csv << "mesh_code,date,hour,population\n";
    const std::chrono::sys_days day0 = std::chrono::year{2025} / 1 / 1;
    for (std::size_t i = 0; i < s_building.occupancy.size(); ++i) {
      const std::chrono::year_month_day d{day0 + std::chrono::days(static_cast<int>(i / 24))};
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                    static_cast<unsigned>(d.day()));
      csv << s_cell << "," << date << "," << i % 24 << "," << std::round(s_building.occupancy.values[i]) << "\n";
    }
    s_dir->write("mesh.csv", csv.str());
    core::Feedback fb;
    io::importFile(p, io::ImportKind::MeshPopulation, s_dir->str("mesh.csv"), {}, fb);

    store::EnergyBatch batch;
    const double lat = cell.centerLat(), lon = cell.centerLon(), d = 0.0001;
    for (const char* id : {"B1", "B2"}) {
      Building b;
      b.buildingId = id;
      b.outerRingLonLat = {{lon - d, lat - d}, {lon + d, lat - d}, {lon + d, lat + d}, {lon - d, lat + d}, {lon - d, lat - d}};
      b.floor.office_m2 = 20000;
      batch.buildings.push_back(b);
    }
    WeatherSeries w = s_building.weather;
    w.site = "tokyo";
    batch.weather.push_back(w);
    MeterSeries m1{"B1", MeterKind::Cooling, false, s_building.load};
    m1.series.unit = "kWh";
    MeterSeries m2 = m1;
    m2.owner = "B2";
    const std::size_t change = changeIndex();
    for (std::size_t i = change; i < m2.series.size(); ++i) {
      s_trueAvoidedKwh += kSaving * m2.series.values[i];
      m2.series.values[i] *= 1 - kSaving;
    }
    batch.meters = {m1, m2};
    batch.source = "synthetic (tests/energy/model_synthetic.h)";
    store::writeEnergyBatch(p, batch);
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  // Index of 2025-06-01 00:00 JST in the synthetic series.
  static std::size_t changeIndex() {
    const std::chrono::sys_days day0 = std::chrono::year{2025} / 1 / 1, change = std::chrono::year{2025} / 6 / 1;
    return static_cast<std::size_t>((change - day0).count()) * 24;
  }

  static Json run(const std::string& op, const Json& params) {
    ops::Session session(s_project);
    core::Feedback fb;
    return ops::toJson(ops::Registry::global().at(op).run(session, params, fb));
  }
  // The field named by the error `op` throws for `params`.
  static std::string errorField(const std::string& op, const Json& params) {
    try {
      run(op, params);
    } catch (const core::Error& e) {
      return e.context().field;
    }
    return "(no error)";
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_dir;
  static inline std::string s_project, s_cell;
  static inline testing::SyntheticBuilding s_building;
  static inline double s_trueAvoidedKwh = 0;
};

TEST_F(EnergyModelOps, FitMeetsG14OnTheKnownLawAndOccupancyHelps) {
  const Json with = run("energy-fit", {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}});
  const Json& s = with["summary"];
  EXPECT_EQ(s["occupancy"], true);
  EXPECT_EQ(s["occupancy_cells"], s_cell);
  EXPECT_EQ(s["from"], "2025-01-02T00:00+09:00");
  EXPECT_GT(s["hours"].get<int>(), 175 * 24);  // Jan 2 .. Jun 30: 180 days (less any hour without features)
  EXPECT_LE(s["hours"].get<int>(), 180 * 24);
  // The noise alone (sd 8) gives CV(RMSE) ~ 8 %; G14 asks <= 30 % and |NMBE| <= 10 %, the aim
  // is 20 % and 5 %.
  EXPECT_LT(s["cv_rmse"].get<double>(), 0.15);
  EXPECT_LT(std::fabs(s["nmbe"].get<double>()), 0.01);
  EXPECT_EQ(s["g14_hourly"], "pass");
  EXPECT_NEAR(s["cooling_balance_c"].get<double>(), 18.0, 2.0);
  // Interval half-widths grow with the level.
  const Json& iv = with["tables"][0]["rows"];
  ASSERT_EQ(iv.size(), 2u);
  EXPECT_LT(iv[0][1].get<double>(), iv[1][1].get<double>());

  const Json without = run("energy-fit", {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}, {"occupancy", "none"}});
  EXPECT_EQ(without["summary"]["occupancy"], false);
  EXPECT_LT(s["cv_rmse"].get<double>(), 0.8 * without["summary"]["cv_rmse"].get<double>());
}

TEST_F(EnergyModelOps, WeekAheadForecastHas168HoursWithOrderedIntervals) {
  const Json r = run("energy-forecast",
                     {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}, {"horizon_days", 7}});
  EXPECT_EQ(r["summary"]["hours"], 168);
  EXPECT_NE(r["summary"]["occupancy_source"].get<std::string>().find(s_cell), std::string::npos);
  const Json& t = r["tables"][0];
  ASSERT_EQ(t["columns"], Json::parse(R"(["datetime", "demand_kwh", "lo80", "hi80", "lo95", "hi95", "actual_kwh"])"));
  ASSERT_EQ(t["rows"].size(), 168u);
  EXPECT_EQ(t["rows"][0][0], "2025-07-01T00:00+09:00");
  EXPECT_EQ(t["rows"][167][0], "2025-07-07T23:00+09:00");
  const std::size_t first = changeIndex() + 30 * 24;  // 2025-07-01 in the synthetic series
  double forecast = 0, actual = 0;
  int inside80 = 0;
  for (std::size_t i = 0; i < 168; ++i) {
    const Json& row = t["rows"][i];
    const double mean = row[1], lo80 = row[2], hi80 = row[3], lo95 = row[4], hi95 = row[5];
    EXPECT_LE(lo95, lo80);
    EXPECT_LE(lo80, mean);
    EXPECT_LE(mean, hi80);
    EXPECT_LE(hi80, hi95);
    const double y = s_building.load.values[first + i];
    forecast += mean;
    actual += y;
    inside80 += y >= lo80 && y <= hi80;
  }
  // The occupancy is forecast (flow regression), not known: the week's total within 10 %,
  // and the 80 % interval (made on known occupancy) still holds at least half of the hours.
  EXPECT_NEAR(forecast / actual, 1.0, 0.10);
  EXPECT_GE(inside80, 168 / 2);
  // Day ahead: 24 hours.
  EXPECT_EQ(run("energy-forecast", {{"building", "B1"}, {"to", "2025-06-30"}})["tables"][0]["rows"].size(), 24u);
}

// energy forecast --horizon-days 1 with the meter metered up to the origin: the day-ahead mode
// with lagged actuals, and the result says so; --lags none and an origin with no actuals in
// the days before it (the meter ends earlier) give the lag-free model.
TEST_F(EnergyModelOps, DayAheadForecastUsesTheActualsUpToTheOriginAndSaysSo) {
  const Json da = run("energy-forecast", {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}});
  EXPECT_EQ(da["summary"]["mode"], "day-ahead with lagged actuals");
  EXPECT_EQ(da["summary"]["lag_hours"], 24);
  EXPECT_EQ(da["summary"]["fallback_hours"], 0);
  // The lag stage's variant chosen on the training window is reported with every variant's
  // inner-validation score; the one in use is the best or a simpler one (one-SE rule).
  const Json& ds = da["summary"];
  const std::vector<std::string> engines = {"ridge", "ridge-hour", "gbt"};
  std::size_t best = 0;
  for (std::size_t c = 0; c < engines.size(); ++c) {
    const Json& cv = ds["lag_validation_cv_" + engines[c]];
    ASSERT_TRUE(cv.is_number()) << engines[c];
    if (cv.get<double>() < ds["lag_validation_cv_" + engines[best]].get<double>()) best = c;
  }
  const auto used = std::find(engines.begin(), engines.end(), ds["lag_engine"].get<std::string>());
  ASSERT_NE(used, engines.end());
  EXPECT_LE(static_cast<std::size_t>(used - engines.begin()), best);
  const Json lf = run("energy-forecast", {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}, {"lags", "none"}});
  EXPECT_EQ(lf["summary"]["mode"], "lag-free (lags: none)");
  EXPECT_EQ(lf["summary"]["lag_hours"], 0);
  EXPECT_EQ(lf["summary"]["lag_engine"], "none");
  ASSERT_EQ(lf["tables"][0]["rows"].size(), 24u);
  int differ = 0;
  for (std::size_t i = 0; i < 24; ++i)
    differ += da["tables"][0]["rows"][i][1].get<double>() != lf["tables"][0]["rows"][i][1].get<double>();
  EXPECT_EQ(differ, 24);
  const Json wa = run("energy-forecast",
                      {{"building", "B1"}, {"from", "2025-01-02"}, {"to", "2025-06-30"}, {"horizon_days", 7}});
  EXPECT_EQ(wa["summary"]["mode"], "week-ahead with lagged actuals");
  EXPECT_EQ(wa["summary"]["lag_hours"], 168);
  // The meter (and the weather) end on 2025-07-19: no actual the day before 07-22.
  const Json late = run("energy-forecast", {{"building", "B1"}, {"from", "2025-01-02"}, {"origin", "2025-07-22"}});
  EXPECT_EQ(late["summary"]["mode"], "lag-free (no actuals in the days before the origin)");
  EXPECT_EQ(late["summary"]["lag_hours"], 0);
}

TEST_F(EnergyModelOps, VerifyFindsAKnownSavingWithinItsBandAndNoneWhereNothingChanged) {
  const Json r = run("energy-verify", {{"building", "B2"}, {"from", "2025-01-02"}, {"change", "2025-06-01"}});
  const Json& s = r["summary"];
  const double avoided = s["avoided_kwh"], band = s["uncertainty_kwh"];
  EXPECT_GT(avoided, 0.0);  // savings are positive
  EXPECT_GT(band, 0.0);
  EXPECT_NEAR(s["savings_fraction"].get<double>(), kSaving, 0.03);
  EXPECT_LT(std::fabs(avoided - s_trueAvoidedKwh), 0.1 * s_trueAvoidedKwh);
  EXPECT_GT(avoided, band);  // the saving is significant at the band's level
  // Monthly rows: June and July; the cumulative column ends at the total.
  const Json& rows = r["tables"][0]["rows"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "2025-06");
  EXPECT_EQ(rows[1][0], "2025-07");
  EXPECT_NEAR(rows[1][6].get<double>(), avoided, 1e-6 * std::fabs(avoided) + 1e-6);

  // G14's reporting test (FSU at 68 % below 50 %) passes for a real saving, not for none; a
  // baseline of five months is named as shorter than IPMVP's full cycle.
  EXPECT_EQ(s["g14_savings_reportable"], true) << s["fractional_savings_uncertainty_68"];
  EXPECT_LT(s["fractional_savings_uncertainty_68"].get<double>(), s["fractional_savings_uncertainty"].get<double>());
  bool shortBaseline = false;
  for (const auto& w : r["warnings"]) shortBaseline |= w.get<std::string>().find("less than a year") != std::string::npos;
  EXPECT_TRUE(shortBaseline) << r["warnings"];

  const Json none = run("energy-verify", {{"building", "B1"}, {"from", "2025-01-02"}, {"change", "2025-06-01"}});
  EXPECT_LT(std::fabs(none["summary"]["savings_fraction"].get<double>()), 0.03);
  EXPECT_EQ(none["summary"]["g14_savings_reportable"], false);
}

TEST_F(EnergyModelOps, BadParamsNameTheirField) {
  EXPECT_EQ(errorField("energy-fit", {{"building", "NOPE"}}), "building");
  EXPECT_EQ(errorField("energy-fit", {{"building", "B1"}, {"meter", "heating"}}), "meter");
  EXPECT_EQ(errorField("energy-fit", {{"building", "B1"}, {"from", "2025-03-10"}, {"to", "2025-03-01"}}), "to");
  EXPECT_EQ(errorField("energy-fit", {{"building", "B1"}, {"from", "2025-03-01"}, {"to", "2025-03-05"}}), "to");
  EXPECT_EQ(errorField("energy-forecast", {{"building", "NOPE"}, {"horizon_days", 7}}), "building");
  EXPECT_EQ(errorField("energy-forecast", {{"building", "B1"}, {"horizon_days", 30}}), "horizon_days");
  EXPECT_EQ(errorField("energy-verify", {{"building", "B1"}, {"from", "2025-03-01"}, {"change", "2025-02-01"}}), "change");
  EXPECT_EQ(errorField("energy-verify", {{"building", "B1"}, {"change", "2024-06-01"}}), "change");
  EXPECT_EQ(errorField("energy-verify", {{"building", "NOPE"}, {"change", "2025-06-01"}}), "building");
}

}  // namespace
}  // namespace ekm::energy
