// What the Energy dock reads from the operations' results, on a small generated project
// (support/energy_project.h): the plan on metered demand carries each building's part of
// the demand (summing to the plan's input, equal to the store's meters) and the plant's
// COP per hour (heat delivered / electricity of the hour, from the hourly totals); the
// forecast carries the meter over the forecast hours; the CLI's JSON has the same figures.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "ekm/core/feedback.h"
#include "ekm/energy/forecast_op.h"
#include "ekm/energy/plan_op.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/result.h"
#include "ekm/ops/session.h"
#include "ekm/store/energy_store.h"
#include "support/energy_project.h"
#include "support/temp_dir.h"

namespace ekm::energy {
namespace {

class PlanOpMetered : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new ekm_test::TempDir("plan_op_metered");
    ekm_test::writeSmallEnergyProject(s_dir->str("p.gpkg"));
    ekm_test::writeFile(s_dir->path() / "plant.json", ekm_test::kSmallPlantJson);
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }
  static ekm_test::TempDir* s_dir;
};
ekm_test::TempDir* PlanOpMetered::s_dir = nullptr;

TEST_F(PlanOpMetered, BuildingPartsAndHourlyCop) {
  ops::Session session(s_dir->str("p.gpkg"));
  PlanParams p;
  p.plant = s_dir->str("plant.json");
  p.from = "2025-08-01";
  p.days = 1;
  core::Feedback fb;
  const PlanRunResult r = ops::run<PlanOp>(session, p, fb);
  ASSERT_EQ(r.hours, 24);
  ASSERT_EQ(r.buildings.size(), 2u);
  EXPECT_EQ(r.buildings[0].buildingId, "B1");
  EXPECT_EQ(r.buildings[1].buildingId, "B2");
  const auto project = store::Project::open(s_dir->str("p.gpkg"), store::OpenMode::ReadOnly);
  for (const auto& b : r.buildings) {
    const auto cool = store::readMeter(project, b.buildingId, MeterKind::Cooling, r.start, r.start + 24);
    const auto heat = store::readMeter(project, b.buildingId, MeterKind::Heating, r.start, r.start + 24);
    ASSERT_TRUE(cool && heat);
    EXPECT_EQ(b.coolingKwh, cool->values);
    EXPECT_EQ(b.heatingKwh, heat->values);
  }
  // The generator's law at 2025-08-01 14:00 JST (day 31 from 2025-07-01): B1's cooling.
  const double temp = 27 + 4 * std::sin((14 - 9) * 3.14159 / 12) + 1.5 * std::sin(31 * 0.7);
  EXPECT_NEAR(r.buildings[0].coolingKwh[14], 150 + 25 * (temp - 20) + 250, 1e-6);
  for (std::size_t t = 0; t < 24; ++t) {
    EXPECT_NEAR(r.buildings[0].coolingKwh[t] + r.buildings[1].coolingKwh[t], r.input.coolingKwh[t], 1e-9);
    EXPECT_NEAR(r.buildings[0].heatingKwh[t] + r.buildings[1].heatingKwh[t], r.input.heatingKwh[t], 1e-9);
    for (const PlanFigures* f : {&r.plan, &r.baseline}) {
      ASSERT_EQ(f->copByHour.size(), 24u);
      EXPECT_NEAR(f->copByHour[t], (r.input.coolingKwh[t] + r.input.heatingKwh[t]) / f->totals.electricityByHourKwh[t],
                  1e-9);
    }
  }
  const auto s = planSavings(r.baseline, r.plan);
  ASSERT_TRUE(s);
  // On the same tank balance: each side's stored change credited at the mean energy per kWh
  // of heat delivered by both.
  const auto& bt = r.baseline.totals;
  const auto& pt = r.plan.totals;
  const double rate = (bt.electricityKwh + bt.fuelKwh + pt.electricityKwh + pt.fuelKwh) /
                      (bt.coolingKwh + bt.heatingKwh + pt.coolingKwh + pt.heatingKwh);
  EXPECT_DOUBLE_EQ(s->energyPerHeatKwh, rate);
  const double base = bt.electricityKwh + bt.fuelKwh - r.baseline.storedChangeKwh * rate;
  EXPECT_NEAR(s->energyKwh, base - (pt.electricityKwh + pt.fuelKwh - r.plan.storedChangeKwh * rate), 1e-9);
  EXPECT_NEAR(s->energyPct, 100 * s->energyKwh / base, 1e-9);
  EXPECT_FALSE(planSavings(PlanFigures{}, r.plan));

  // The record: COP columns in the hours table and the building_demand table.
  const ops::Json j = ops::toJson(PlanOp::record(r));
  const auto& hours = j["tables"][0];
  ASSERT_EQ(hours["columns"][10], "plan_cop");
  EXPECT_NEAR(hours["rows"][14][10].get<double>(), r.plan.copByHour[14], 1e-3);
  const auto& bd = j["tables"][3];
  EXPECT_EQ(bd["name"], "building_demand");
  EXPECT_EQ(bd["rows"].size(), 48u);
  EXPECT_EQ(bd["rows"][1][1], "B2");
  EXPECT_NEAR(j["summary"]["savings"]["energy_kwh"].get<double>(), s->energyKwh, 1e-3);
}

TEST_F(PlanOpMetered, ForecastCarriesTheActualMeter) {
  ops::Session session(s_dir->str("p.gpkg"));
  EnergyForecastParams p;
  p.model.building = "B2";
  p.model.meter = "heating";
  p.origin = "2025-08-10";
  p.horizonDays = 2;
  core::Feedback fb;
  const EnergyForecastResult r = ops::run<EnergyForecastOp>(session, p, fb);
  ASSERT_EQ(r.prediction.mean.size(), 48u);
  ASSERT_EQ(r.actual.size(), 48u);
  EXPECT_EQ(r.actual.start, r.prediction.mean.start);
  // B2's heating: 0.6 * 90 at 7 h, 0.6 * 25 at 3 h.
  EXPECT_NEAR(r.actual.values[7], 54, 1e-9);
  EXPECT_NEAR(r.actual.values[3], 15, 1e-9);
  const ops::Json j = ops::toJson(EnergyForecastOp::record(r));
  const auto& cols = j["tables"][0]["columns"];
  EXPECT_EQ(cols.back(), "actual_kwh");
  EXPECT_NEAR(j["tables"][0]["rows"][7].back().get<double>(), 54, 1e-9);
}

}  // namespace
}  // namespace ekm::energy
