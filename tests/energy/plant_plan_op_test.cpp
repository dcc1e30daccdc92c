// The energy-plan operation through the registry and the CLI: a plant file and an hourly
// demand CSV in, the summary (solve time, gap, objective, baseline, savings) and the
// dispatch/storage tables out; forecast vs actual; errors.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.h"
#include "ekm/core/feedback.h"
#include "ekm/energy/plan_op.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/session.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project.h"
#include "support/energy_project.h"
#include "support/temp_dir.h"

namespace ekm::energy {
namespace {

// One day of demand: cooling peaking at 14 h, some heating in the morning and evening.
std::string demandCsv(double scale, bool gap = false) {
  std::ostringstream o;
  o << "date,hour,cooling_kwh,heating_kwh,dry_bulb_c,rh_pct\n";
  for (int h = 0; h < 24; ++h) {
    const double cool = scale * (300 + 1200 * std::exp(-std::pow((h - 14) / 4.0, 2)));
    const double heat = (h >= 6 && h < 9) || (h >= 18 && h < 22) ? 250 : 60;
    o << "2025-08-01," << h << ",";
    if (!(gap && h == 5)) o << cool;
    o << "," << heat << "," << 27 + 5 * std::sin((h - 9) * 3.14159 / 12) << ",70\n";
  }
  return o.str();
}

ops::Json runPlan(const ops::Json& params, ops::Session& session) {
  core::Feedback fb;
  const auto& op = ops::Registry::global().at("energy-plan");
  return ops::toJson(op.run(session, params, fb));
}

TEST(PlantPlanOp, PlansADayAgainstTheBaselineAndRecordsTables) {
  ekm_test::TempDir dir("plan_op");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "demand.csv", demandCsv(1.0));
  ops::Session session;
  session.setBaseDir(dir.path().string());
  const ops::Json r = runPlan({{"plant", "plant.json"}, {"demand", "demand.csv"}, {"gap", 0.0}}, session);
  const auto& s = r["summary"];
  EXPECT_EQ(s["status"], "optimal");
  EXPECT_EQ(s["hours"], 24);
  EXPECT_EQ(s["from"], "2025-08-01T00:00+09:00");
  EXPECT_GE(s["solve_time_s"].get<double>(), 0.0);
  EXPECT_LE(s["gap"].get<double>(), 1e-6);
  EXPECT_EQ(s["plan"]["unmet_kwh"], 0.0);
  EXPECT_EQ(s["baseline"]["status"], "ok");
  // The optimum costs no more than the baseline (both evaluated with the exact curves; the
  // PWL error is well below the margin here).
  EXPECT_GE(s["savings"]["cost_yen"].get<double>(), -1.0);
  EXPECT_GT(s["plan"]["cop"].get<double>(), 2.0);
  ASSERT_EQ(r["tables"].size(), 3u);
  EXPECT_EQ(r["tables"][0]["name"], "hours");
  EXPECT_EQ(r["tables"][0]["rows"].size(), 24u);
  EXPECT_EQ(r["tables"][1]["name"], "dispatch");
  EXPECT_EQ(r["tables"][1]["rows"].size(), 24u * 3u);
  EXPECT_EQ(r["tables"][2]["name"], "storage");
  // Heating is made by the heat pump in heating mode whenever there is heating demand.
  bool heating = false;
  for (const auto& row : r["tables"][1]["rows"])
    if (row[1] == "HP" && row[4] == "heating") heating = true;
  EXPECT_TRUE(heating);
  ASSERT_EQ(session.inputFiles().size(), 2u);
}

TEST(PlantPlanOp, ForecastAgainstActualShowsTheForecastError) {
  ekm_test::TempDir dir("plan_op_actual");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "forecast.csv", demandCsv(1.0));
  ekm_test::writeFile(dir.path() / "actual.csv", demandCsv(1.1));
  ops::Session session;
  session.setBaseDir(dir.path().string());
  const ops::Json r =
      runPlan({{"plant", "plant.json"}, {"demand", "forecast.csv"}, {"actual", "actual.csv"}, {"gap", 0.0}}, session);
  const auto& a = r["summary"]["actual"];
  EXPECT_EQ(a["plan_redispatched"]["status"], "ok");
  EXPECT_EQ(a["plan_redispatched"]["unmet_kwh"], 0.0);
  EXPECT_EQ(a["hindsight"]["status"], "ok");
  // Meeting 10 % more demand than planned costs at least what the plan in hindsight costs
  // (forecast_error_cost = re-dispatched - hindsight).
  EXPECT_GE(a["forecast_error_cost"]["cost_yen"].get<double>(), -1.0);
  EXPECT_GT(a["plan_redispatched"]["cooling_kwh"].get<double>(), r["summary"]["plan"]["cooling_kwh"].get<double>());
}

TEST(PlantPlanOp, PlansOnTheDemandModelsForecastAndRedispatchesOnTheMeters) {
  // Two buildings with cooling and heating meters: the plan's demand is the sum of the four
  // energy-forecast results (run here through the registry, one by one) and the actual demand
  // the sum of the meters read from the store.
  ekm_test::TempDir dir("plan_op_forecast");
  const std::string project = dir.str("p.gpkg");
  ekm_test::writeSmallEnergyProject(project);
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ops::Session session(project);
  session.setBaseDir(dir.path().string());
  const ops::Json r = runPlan({{"plant", "plant.json"}, {"demand_forecast", true}, {"actual_metered", true},
                               {"from", "2025-08-10"}, {"days", 2}},
                              session);
  const auto& s = r["summary"];
  EXPECT_EQ(s["demand"], "forecast");
  ASSERT_EQ(s["forecasts"].size(), 4u);
  EXPECT_EQ(s["actual"]["plan_redispatched"]["status"], "ok");
  std::vector<double> cooling(48, 0.0), heating(48, 0.0);
  core::Feedback fb;
  const auto& forecastOp = ops::Registry::global().at("energy-forecast");
  for (const char* building : {"B1", "B2"})
    for (const char* meter : {"cooling", "heating"}) {
      ops::Session own(project);
      const ops::Json f = ops::toJson(forecastOp.run(
          own, {{"building", building}, {"meter", meter}, {"origin", "2025-08-10"}, {"horizon_days", 2}}, fb));
      const auto& rows = f["tables"][0]["rows"];
      ASSERT_EQ(rows.size(), 48u) << f["tables"][0]["name"];
      for (std::size_t t = 0; t < 48; ++t) (std::string(meter) == "cooling" ? cooling : heating)[t] += rows[t][1].get<double>();
    }
  const auto project2 = store::Project::open(project, store::OpenMode::ReadOnly);
  const core::HourKey from = core::hourKeyFromJst(*core::parseDate("2025-08-10"), 0);
  std::vector<double> meteredCooling(48, 0.0);
  for (const char* building : {"B1", "B2"}) {
    const auto m = store::readMeter(project2, building, MeterKind::Cooling, from, from + 48);
    ASSERT_TRUE(m);
    for (std::size_t t = 0; t < 48; ++t) meteredCooling[t] += m->values[t];
  }
  const auto& hours = r["tables"][0];
  ASSERT_EQ(hours["rows"].size(), 48u);
  const auto column = [&](const std::string& name) {
    for (std::size_t c = 0; c < hours["columns"].size(); ++c)
      if (hours["columns"][c] == name) return c;
    ADD_FAILURE() << name;
    return std::size_t{0};
  };
  for (std::size_t t = 0; t < 48; ++t) {
    const auto& row = hours["rows"][t];
    EXPECT_NEAR(row[column("cooling_kwh")].get<double>(), cooling[t], 5e-3 + 1e-6 * cooling[t]) << t;
    EXPECT_NEAR(row[column("heating_kwh")].get<double>(), heating[t], 5e-3 + 1e-6 * heating[t]) << t;
    EXPECT_NEAR(row[column("actual_cooling_kwh")].get<double>(), meteredCooling[t], 5e-3) << t;
    EXPECT_TRUE(row[column("dry_bulb_c")].is_number()) << "the project's weather";
  }
}

TEST(PlantPlanOp, GapsAndTooMuchDemandAreClearErrors) {
  ekm_test::TempDir dir("plan_op_err");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "gap.csv", demandCsv(1.0, true));
  ekm_test::writeFile(dir.path() / "huge.csv", demandCsv(4.0));
  ops::Session session;
  session.setBaseDir(dir.path().string());
  try {
    runPlan({{"plant", "plant.json"}, {"demand", "gap.csv"}}, session);
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("2025-08-01T05:00+09:00"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cooling_kwh"), std::string::npos) << e.what();
  }
  try {
    runPlan({{"plant", "plant.json"}, {"demand", "huge.csv"}}, session);
    FAIL();
  } catch (const PlantInfeasibleError& e) {
    EXPECT_FALSE(e.shortfalls().empty());
    EXPECT_NE(std::string(e.what()).find("shortfall"), std::string::npos);
  }
  EXPECT_THROW(runPlan({{"plant", "plant.json"}, {"demand", "gap.csv"}, {"objective", "money"}}, session), ops::ParamError);
}

TEST(PlantPlanOp, CliEnergyPlanPrintsJson) {
  ekm_test::TempDir dir("plan_cli");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "demand.csv", demandCsv(1.0));
  const auto run = ekm_test::cliArgs({"energy", "plan", "--plant", (dir.path() / "plant.json").string(), "--demand",
                                      (dir.path() / "demand.csv").string(), "--objective", "energy", "--json"});
  ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["summary"]["objective"], "energy");
  EXPECT_TRUE(j["summary"].contains("savings"));
  const auto bad = ekm_test::cliArgs({"energy", "plan", "--plant", (dir.path() / "plant.json").string(), "--demand",
                                      (dir.path() / "demand.csv").string(), "--objective", "money"});
  EXPECT_EQ(bad.exitCode, 2);
}

TEST(PlantPlanOp, SavingsCompareBothDispatchesOnTheSameTankBalance) {
  // By hand: the baseline drew 200 kWh of heat out of the tanks that it never made; the plan
  // ended as it started. Credit rates = both dispatches' totals / both heats delivered:
  // energy 1900 / 8000 = 0.2375, cost 37000 / 8000 = 4.625 yen, CO2 850 / 8000 = 0.10625 kg.
  PlanFigures base, plan;
  base.present = plan.present = true;
  base.totals.electricityKwh = 1000, base.totals.energyCostYen = 20000, base.totals.co2Kg = 450;
  plan.totals.electricityKwh = 900, plan.totals.energyCostYen = 17000, plan.totals.co2Kg = 400;
  base.totals.coolingKwh = plan.totals.coolingKwh = 4000;
  base.storedChangeKwh = -200;
  const auto s = planSavings(base, plan);
  ASSERT_TRUE(s);
  EXPECT_NEAR(s->energyKwh, 1000 + 200 * 0.2375 - 900, 1e-9);  // 147.5, not 100
  EXPECT_NEAR(s->energyPct, 100 * 147.5 / 1047.5, 1e-9);
  EXPECT_NEAR(s->costYen, 20000 + 200 * 4.625 - 17000, 1e-9);
  EXPECT_NEAR(s->co2Kg, 450 + 200 * 0.10625 - 400, 1e-9);
  EXPECT_DOUBLE_EQ(s->baseStoredChangeKwh, -200);
  // The same stored change on both sides cancels: the plain differences.
  plan.storedChangeKwh = -200;
  const auto same = planSavings(base, plan);
  EXPECT_NEAR(same->energyKwh, 100, 1e-9);
  EXPECT_NEAR(same->costYen, 3000, 1e-9);
}

TEST(PlantPlanOp, TheRecordedTotalsCarryTheTankBalance) {
  ekm_test::TempDir dir("plan_op_tank");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "demand.csv", demandCsv(1.0));
  ops::Session session;
  session.setBaseDir(dir.path().string());
  const ops::Json r = runPlan({{"plant", "plant.json"}, {"demand", "demand.csv"}, {"gap", 0.0}}, session);
  const auto& s = r["summary"];
  // The plan ends at least as full as it started.
  EXPECT_GE(s["plan"]["stored_change_kwh"].get<double>(), -1e-3);
  ASSERT_TRUE(s["baseline"].contains("stored_change_kwh"));
  EXPECT_EQ(s["savings"]["tank_balance"]["stored_change_kwh"], s["plan"]["stored_change_kwh"]);
  EXPECT_EQ(s["savings"]["tank_balance"]["base_stored_change_kwh"], s["baseline"]["stored_change_kwh"]);
}

TEST(PlantPlanOp, CliJsonAnswersAFailureWithJsonToo) {
  // A script reading --json gets a JSON object on failure as well: the operation, the status,
  // the error's code, exit code, message and context; stderr and the exit code are unchanged.
  ekm_test::TempDir dir("plan_cli_fail");
  ekm_test::writeFile(dir.path() / "plant.json", ekm_test::kSmallPlantJson);
  ekm_test::writeFile(dir.path() / "huge.csv", demandCsv(4.0));
  ekm_test::writeFile(dir.path() / "gap.csv", demandCsv(1.0, true));
  const std::string plant = (dir.path() / "plant.json").string();
  const auto huge = ekm_test::cliArgs({"energy", "plan", "--plant", plant, "--demand", (dir.path() / "huge.csv").string(), "--json"});
  EXPECT_EQ(huge.exitCode, static_cast<int>(core::ErrorCode::Model));
  auto j = nlohmann::json::parse(huge.out);
  EXPECT_EQ(j["operation"], "energy-plan");
  EXPECT_EQ(j["status"], "failed");
  EXPECT_EQ(j["error"]["exit_code"], huge.exitCode);
  EXPECT_EQ(j["error"]["code"], core::errorCodeName(core::ErrorCode::Model));
  EXPECT_NE(j["error"]["message"].get<std::string>().find("shortfall"), std::string::npos) << huge.out;
  EXPECT_NE(huge.err.find("shortfall"), std::string::npos) << huge.err;

  const auto gap = ekm_test::cliArgs({"energy", "plan", "--plant", plant, "--demand", (dir.path() / "gap.csv").string(), "--json"});
  EXPECT_EQ(gap.exitCode, static_cast<int>(core::ErrorCode::Validation));
  j = nlohmann::json::parse(gap.out);
  EXPECT_EQ(j["error"]["field"], "cooling_kwh");
  EXPECT_NE(j["error"]["found"].get<std::string>().find("2025-08-01T05:00+09:00"), std::string::npos) << gap.out;

  // Without --json nothing is written to stdout on failure.
  const auto plain = ekm_test::cliArgs({"energy", "plan", "--plant", plant, "--demand", (dir.path() / "gap.csv").string()});
  EXPECT_EQ(plain.exitCode, gap.exitCode);
  EXPECT_TRUE(plain.out.empty()) << plain.out;
}

}  // namespace
}  // namespace ekm::energy
