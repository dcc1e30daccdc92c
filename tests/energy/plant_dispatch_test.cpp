// The MILP plan against optima found by brute-force enumeration, a plant that cannot meet
// a peak hour, storage that must be used, the baseline and the re-dispatch on actual demand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ekm/core/time.h"
#include "ekm/energy/baseline.h"
#include "ekm/energy/dispatch.h"
#include "ekm/energy/plant.h"

namespace ekm::energy {
namespace {

core::HourKey aug1(int h) {
  return core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::month{8}, std::chrono::day{1}}, h);
}

// Two chillers whose power is linear in the load (constant CAPFT/EIRFT, linear EIRFPLR
// 0.2 + 0.8 PLR), so the optimum can be enumerated by hand:
//   A: 1000 kW, COP 5, min 30 %: P = 40 + 0.16 q kW, aux 10 kW, start 500 yen
//   B:  600 kW, COP 4, min 20 %: P = 30 + 0.20 q kW,             start 100 yen
const char* kTwoUnits = R"([
  {"id": "A", "min_load": 0.3, "startup_cost_yen": 500, "aux_kw": 10,
   "cooling": {"capacity_kw": 1000, "cop": 5, "curves": {"capft": {"type": "constant", "coeffs": [1]},
     "eirft": {"type": "constant", "coeffs": [1]}, "eirfplr": {"type": "linear", "coeffs": [0.2, 0.8]}}}},
  {"id": "B", "min_load": 0.2, "startup_cost_yen": 100,
   "cooling": {"capacity_kw": 600, "cop": 4, "curves": {"capft": {"type": "constant", "coeffs": [1]},
     "eirft": {"type": "constant", "coeffs": [1]}, "eirfplr": {"type": "linear", "coeffs": [0.2, 0.8]}}}}])";

Plant plant(const std::string& units, const std::string& extra = "",
            const std::string& tariff = R"({"bands": [{"name": "flat", "yen_per_kwh": 20}]})") {
  return plantFromJsonText(R"({"name": "test", "units": )" + units + R"(, "tariff": )" + tariff + extra + "}", "test.json", "");
}

PlanInput demand(std::vector<double> cooling) {
  PlanInput in;
  in.start = aug1(8);
  in.heatingKwh.assign(cooling.size(), 0.0);
  in.coolingKwh = std::move(cooling);
  return in;
}

PlanOptions exact(Objective o = Objective::Cost) {
  PlanOptions opt;
  opt.objective = o;
  opt.relativeGap = 0;
  opt.timeLimitS = 60;
  return opt;
}

struct Lin {
  double cap, min, a, b, aux, start;
};

// The cost of the best dispatch over every on/off pattern of the two units (2^(2T)).
double bruteForceCost(const std::vector<Lin>& units, const std::vector<double>& d, double price) {
  const int T = static_cast<int>(d.size());
  const int U = static_cast<int>(units.size());
  double best = std::numeric_limits<double>::infinity();
  for (long mask = 0; mask < (1L << (U * T)); ++mask) {
    double cost = 0;
    bool ok = true;
    for (int t = 0; t < T && ok; ++t) {
      double cap = 0, minSum = 0, kw = 0;
      std::vector<int> on;
      for (int u = 0; u < U; ++u)
        if (mask >> (t * U + u) & 1) {
          on.push_back(u);
          cap += units[u].cap, minSum += units[u].min;
          kw += units[u].a + units[u].aux + units[u].b * units[u].min;
          const bool wasOn = t > 0 && (mask >> ((t - 1) * U + u) & 1);
          if (!wasOn) cost += units[u].start;
        }
      if (d[t] > cap + 1e-9) ok = false;
      // Fill above the minimums, cheapest marginal first.
      double rest = d[t] - minSum;
      std::sort(on.begin(), on.end(), [&](int x, int y) { return units[x].b < units[y].b; });
      for (int u : on) {
        if (rest <= 0) break;
        const double add = std::min(rest, units[u].cap - units[u].min);
        kw += units[u].b * add;
        rest -= add;
      }
      cost += price * kw;
    }
    if (ok) best = std::min(best, cost);
  }
  return best;
}

TEST(PlantDispatch, StatusSaysWhetherTheSearchClosedOrStoppedAtTheRequestedGap) {
  // CBC calls a search that stopped at -ratioGap "optimal"; the plan must not.
  EXPECT_EQ(planStatus(true, 0.0), "optimal");
  EXPECT_EQ(planStatus(true, kOptimalGap), "optimal");
  EXPECT_EQ(planStatus(true, 0.004), "within-gap");
  EXPECT_EQ(planStatus(false, 0.004), "feasible");
  EXPECT_EQ(planStatus(false, 0.0), "feasible");
}

TEST(PlantDispatch, ReportedBoundAndGapAreTheSolversNotTheRequestedOnes) {
  // With a loose requested gap the reported bound must still be a valid lower bound on the
  // brute-force optimum, the objective an upper bound, and the gap their true distance.
  const Plant p = plant(kTwoUnits);
  const std::vector<Lin> lin = {{1000, 300, 40, 0.16, 10, 500}, {600, 120, 30, 0.20, 0, 100}};
  const std::vector<double> d = {100, 1500, 50, 1100, 700, 250};
  const double brute = bruteForceCost(lin, d, 20.0);
  PlanOptions loose = exact();
  loose.relativeGap = 0.2;
  const PlanSolution s = optimisePlan(p, demand(d), loose);
  EXPECT_LE(s.bestBound, brute * (1 + 1e-9));
  EXPECT_GE(s.objective, brute * (1 - 1e-9));
  EXPECT_NEAR(s.gap, (s.objective - s.bestBound) / s.objective, 1e-12);
  EXPECT_LE(s.gap, 0.2 + 1e-9);
  EXPECT_EQ(s.status, planStatus(true, s.gap));
  if (s.status == "optimal") {
    EXPECT_NEAR(s.objective, brute, 1e-6 * brute);
  }
}

TEST(PlantDispatch, MilpMatchesBruteForceEnumeration) {
  const Plant p = plant(kTwoUnits);
  const std::vector<Lin> lin = {{1000, 300, 40, 0.16, 10, 500}, {600, 120, 30, 0.20, 0, 100}};
  for (const std::vector<double>& d : {std::vector<double>{300, 900, 1400, 200}, std::vector<double>{100, 1500, 50, 1100, 700},
                                       std::vector<double>{650, 650, 0, 0, 1200}}) {
    const PlanInput in = demand(d);
    const PlanSolution s = optimisePlan(p, in, exact());
    const double brute = bruteForceCost(lin, d, 20.0);
    EXPECT_EQ(s.status, "optimal");
    EXPECT_NEAR(s.objective, brute, 1e-6 * brute) << "demand " << d[0] << "," << d[1];
    // The exact evaluation of the plan gives the same (linear curves) and meets the demand.
    Dispatch disp = s.dispatch;
    const DispatchTotals tot = evaluate(p, in, disp);
    EXPECT_NEAR(tot.energyCostYen + tot.startupCostYen, brute, 1e-6 * brute);
    EXPECT_NEAR(tot.unmetKwh, 0, 1e-6);
    // The baseline is never better than the optimum.
    Dispatch base = baselineDispatch(p, in);
    const DispatchTotals bt = evaluate(p, in, base);
    EXPECT_NEAR(bt.unmetKwh, 0, 1e-6);
    EXPECT_GE(bt.energyCostYen + bt.startupCostYen, brute - 1e-6 * brute);
  }
}

TEST(PlantDispatch, AnHourThePlantCannotMeetIsNamedWithItsShortfall) {
  const Plant p = plant(kTwoUnits);
  const PlanInput in = demand({800, 1200, 2000, 900});  // 1,600 kW in all
  try {
    optimisePlan(p, in, exact());
    FAIL() << "expected PlantInfeasibleError";
  } catch (const PlantInfeasibleError& e) {
    ASSERT_EQ(e.shortfalls().size(), 1u);
    EXPECT_EQ(e.shortfalls()[0].hour, 2);
    EXPECT_EQ(e.shortfalls()[0].key, aug1(10));
    EXPECT_NEAR(e.shortfalls()[0].shortfallKwh, 400, 1e-6);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("hour 2 (2025-08-01T10:00+09:00) cooling demand 2000 kWh, shortfall 400 kWh"), std::string::npos) << msg;
    EXPECT_EQ(e.code(), core::ErrorCode::Model);
  }
  EXPECT_THROW(baselineDispatch(p, in), PlantInfeasibleError);
}

TEST(PlantDispatch, StorageMustBeUsedToMeetThePeak) {
  const std::string one = R"([{"id": "A", "min_load": 0.3, "cooling": {"capacity_kw": 1000, "cop": 5}}])";
  const PlanInput in = demand({200, 200, 1400, 200});
  EXPECT_THROW(optimisePlan(plant(one), in, exact()), PlantInfeasibleError);
  const Plant p = plant(one, R"(, "storage": [{"id": "TES", "capacity_kwh": 2000, "max_charge_kw": 500,
      "max_discharge_kw": 600, "charge_efficiency": 1, "discharge_efficiency": 1, "loss_per_day": 0, "initial_level": 0}])");
  const PlanSolution s = optimisePlan(p, in, exact(Objective::Energy));
  Dispatch d = s.dispatch;
  const DispatchTotals tot = evaluate(p, in, d);
  EXPECT_NEAR(tot.unmetKwh, 0, 1e-6);
  EXPECT_GE(d.storage[0][2].dischargeKwh, 400 - 1e-6);
  EXPECT_LE(d.units[0][2].outputKw, 1000 + 1e-6);
  EXPECT_GE(d.storage[0][0].chargeKwh + d.storage[0][1].chargeKwh, 400 - 1e-6);
  for (const auto& h : d.storage[0]) {
    EXPECT_GE(h.levelKwh, -1e-6);
    EXPECT_LE(h.levelKwh, 2000 + 1e-6);
  }
  // The baseline charges at night only, so with this morning peak it cannot (it starts empty).
  EXPECT_THROW(baselineDispatch(p, in), PlantInfeasibleError);
}

TEST(PlantDispatch, StorageShiftsLoadToCheapHours) {
  // Night (0-7 h) at 10 yen, day at 30 yen; one chiller and a lossless tank.
  const Plant p = plant(R"([{"id": "A", "min_load": 0.2, "cooling": {"capacity_kw": 1000, "cop": 5,
      "curves": {"capft": {"type": "constant", "coeffs": [1]}, "eirft": {"type": "constant", "coeffs": [1]},
                 "eirfplr": {"type": "linear", "coeffs": [0.2, 0.8]}}}}])",
                        R"(, "storage": [{"id": "TES", "capacity_kwh": 3000, "max_charge_kw": 800, "max_discharge_kw": 800,
      "charge_efficiency": 1, "discharge_efficiency": 1, "loss_per_day": 0, "initial_level": 0}])",
                        R"({"bands": [{"name": "night", "yen_per_kwh": 10, "hours": [0,1,2,3,4,5,6,7]},
                                      {"name": "day", "yen_per_kwh": 30}]})");
  PlanInput in;
  in.start = aug1(0);
  in.coolingKwh = {100, 100, 100, 100, 100, 100, 100, 100, 600, 700, 700, 600};
  in.heatingKwh.assign(in.coolingKwh.size(), 0.0);
  const PlanSolution s = optimisePlan(p, in, exact());
  Dispatch d = s.dispatch;
  const DispatchTotals opt = evaluate(p, in, d);
  double nightCharge = 0, dayUnits = 0;
  for (int t = 0; t < 8; ++t) nightCharge += d.storage[0][t].chargeKwh;
  for (int t = 8; t < 12; ++t) dayUnits += d.units[0][t].outputKw;
  EXPECT_GT(nightCharge, 2000);
  EXPECT_LT(dayUnits, 700);
  Dispatch base = baselineDispatch(p, in);
  const DispatchTotals bt = evaluate(p, in, base);
  EXPECT_LT(opt.energyCostYen, bt.energyCostYen);
  EXPECT_NEAR(opt.unmetKwh + bt.unmetKwh, 0, 1e-6);
}

TEST(PlantDispatch, NonConvexPartLoadCurveIsFilledInOrder) {
  // DOE-2 reciprocating EIRFPLR (0.088065, 1.137742, -0.225806) is concave: the LP alone
  // would fill the cheap last segments first; ordering binaries keep the PWL curve.
  const Plant p = plant(R"([{"id": "R", "min_load": 0.1, "cooling": {"capacity_kw": 1000, "cop": 3.67,
      "curves": {"capft": {"type": "constant", "coeffs": [1]}, "eirft": {"type": "constant", "coeffs": [1]},
                 "eirfplr": {"type": "quadratic", "coeffs": [0.088065, 1.137742, -0.225806]}}}}])");
  const PlanInput in = demand({150, 420, 777, 990});
  PlanOptions opt = exact(Objective::Energy);
  const PlanSolution s = optimisePlan(p, in, opt);
  const ModeHour m = modeHour(p, p.units[0], Carrier::Cooling, 30, 60);
  const PwlCurve pwl = piecewiseLinear(m, opt.segments);
  EXPECT_FALSE(pwl.convex());
  double expected = 0;
  for (double q : in.coolingKwh) expected += pwl(q);
  EXPECT_NEAR(s.objective, expected, 1e-6 * expected);
}

TEST(PlantDispatch, IdenticalUnitsSymmetryBreakingKeepsTheOptimum) {
  const std::string units = R"([{"id": "CH", "count": 3, "min_load": 0.3, "startup_cost_yen": 2000, "aux_kw": 15,
      "cooling": {"capacity_kw": 800, "cop": 5.5}}])";
  const Plant p = plant(units);
  const PlanInput in = demand({300, 900, 2100, 1500, 400, 1700});
  PlanOptions a = exact(), b = exact(), c = exact();
  b.symmetryBreaking = false;  // unit by unit, no symmetry rows
  b.aggregateIdentical = false;
  c.aggregateIdentical = false;  // unit by unit with the symmetry rows
  const double with = optimisePlan(p, in, a).objective;
  const double without = optimisePlan(p, in, b).objective;
  EXPECT_NEAR(with, without, 1e-6 * without);
  EXPECT_NEAR(optimisePlan(p, in, c).objective, without, 1e-6 * without);
}

TEST(PlantDispatch, WarmStartedAndColdSolvesReachTheSameOptimum) {
  // Three identical linear chillers (one block of the MILP: a count per hour), a smaller
  // fourth and a tank, with night and day prices: the rule-based warm start must not change
  // the optimum, and the plan read back from the block (a staircase of units sharing the
  // output equally) must cost exactly the MILP objective when evaluated unit by unit.
  // (IdenticalUnitsSymmetryBreakingKeepsTheOptimum compares the block with unit by unit.)
  const std::string lin = R"("curves": {"capft": {"type": "constant", "coeffs": [1]}, "eirft": {"type": "constant", "coeffs": [1]},
      "eirfplr": {"type": "linear", "coeffs": [0.2, 0.8]}})";
  const Plant p = plant(R"([{"id": "CH", "count": 3, "min_load": 0.3, "startup_cost_yen": 1500, "startup_kwh": 20, "aux_kw": 15,
      "cooling": {"capacity_kw": 800, "cop": 5.5, )" + lin + R"(}},
      {"id": "S", "min_load": 0.2, "startup_cost_yen": 300, "cooling": {"capacity_kw": 500, "cop": 4.5, )" + lin + R"(}}])",
                        R"(, "storage": [{"id": "TES", "capacity_kwh": 2500, "max_charge_kw": 700, "max_discharge_kw": 900,
      "charge_efficiency": 0.95, "discharge_efficiency": 0.95, "loss_per_day": 0.02, "initial_level": 0.2}])",
                        R"({"bands": [{"name": "night", "yen_per_kwh": 11, "hours": [0,1,2,3,4,5,6,7]},
                                      {"name": "day", "yen_per_kwh": 24}]})");
  PlanInput in;
  in.start = aug1(4);
  in.coolingKwh = {400, 350, 300, 500, 900, 1600, 2300, 2600, 2450, 1900, 1200, 700};
  in.heatingKwh.assign(in.coolingKwh.size(), 0.0);
  PlanOptions warm = exact(), cold = exact();
  cold.warmStart = false;
  const PlanSolution w = optimisePlan(p, in, warm), c = optimisePlan(p, in, cold);
  EXPECT_TRUE(w.warmStarted);
  EXPECT_FALSE(c.warmStarted);
  EXPECT_EQ(w.status, "optimal");
  EXPECT_EQ(c.status, "optimal");
  EXPECT_NEAR(w.objective, c.objective, 1e-6 * c.objective);
  Dispatch d = w.dispatch;
  const DispatchTotals tot = evaluate(p, in, d);
  EXPECT_NEAR(tot.unmetKwh, 0, 1e-6);
  EXPECT_NEAR(tot.energyCostYen + tot.startupCostYen, w.objective, 1e-6 * w.objective);
}

TEST(PlantDispatch, RedispatchOnActualDemandMeetsItAndCostsNoLessThanHindsight) {
  const Plant p = plant(kTwoUnits, R"(, "storage": [{"id": "TES", "capacity_kwh": 1500, "max_charge_kw": 400,
      "max_discharge_kw": 500, "loss_per_day": 0.02, "initial_level": 0.5}])");
  const PlanInput forecast = demand({300, 900, 1400, 200, 600, 1000});
  PlanInput actual = forecast;
  for (double& v : actual.coolingKwh) v *= 1.12;
  const PlanSolution plan = optimisePlan(p, forecast, exact());
  Dispatch re = redispatch(p, actual, plan.dispatch);
  const DispatchTotals rt = evaluate(p, actual, re);
  EXPECT_NEAR(rt.unmetKwh, 0, 1e-6);
  Dispatch hind = optimisePlan(p, actual, exact()).dispatch;
  const DispatchTotals ht = evaluate(p, actual, hind);
  EXPECT_GE(rt.energyCostYen + rt.startupCostYen, ht.energyCostYen + ht.startupCostYen - 1e-6);
  // With a perfect forecast the re-dispatch repeats the plan.
  Dispatch same = redispatch(p, forecast, plan.dispatch);
  Dispatch planned = plan.dispatch;
  EXPECT_NEAR(evaluate(p, forecast, same).energyCostYen, evaluate(p, forecast, planned).energyCostYen, 1e-6 * 1e5);
}

TEST(PlantDispatch, RunningUnitsShareTheLoadAtEqualIncrementalInput) {
  // Three identical chillers with a convex part-load curve (EIR(PLR) = 0.2 + 0.2 PLR + 0.6 PLR^2):
  // by Jensen's inequality the least input for a load on n running units is each making
  // load / n. The rule-based baseline runs the fewest units that cover the load (1500 kWh: 2,
  // 2100 kWh: 3) and must share it so; the old rule (all at their minimum, then one filled
  // after another) made 800 + 700 at 1500 kWh.
  const Plant p = plant(R"([{"id": "CH", "count": 3, "min_load": 0.3,
      "cooling": {"capacity_kw": 800, "cop": 5, "curves": {"capft": {"type": "constant", "coeffs": [1]},
        "eirft": {"type": "constant", "coeffs": [1]}, "eirfplr": {"type": "quadratic", "coeffs": [0.2, 0.2, 0.6]}}}}])");
  const PlanInput in = demand({1500, 2100, 700});
  Dispatch base = baselineDispatch(p, in);
  for (int t = 0; t < in.hours(); ++t) {
    std::vector<double> outputs;
    for (const auto& unit : base.units)
      if (unit[static_cast<std::size_t>(t)].on) outputs.push_back(unit[static_cast<std::size_t>(t)].outputKw);
    const double load = in.coolingKwh[static_cast<std::size_t>(t)];
    ASSERT_EQ(outputs.size(), static_cast<std::size_t>(std::ceil(load / 800))) << "hour " << t;
    for (double q : outputs) EXPECT_NEAR(q, load / outputs.size(), load / 400) << "hour " << t;
  }
  // With a perfect forecast the re-dispatch of the plan (same units, same storage) costs what
  // the plan costs, within the plan's piecewise-linear approximation.
  const PlanSolution plan = optimisePlan(p, in, exact(Objective::Energy));
  Dispatch planned = plan.dispatch, same = redispatch(p, in, plan.dispatch);
  const double planKwh = evaluate(p, in, planned).electricityKwh, reKwh = evaluate(p, in, same).electricityKwh;
  EXPECT_NEAR(reKwh, planKwh, 0.005 * planKwh);
}

TEST(PlantDispatch, MissingOrNegativeDemandIsAnError) {
  const Plant p = plant(kTwoUnits);
  PlanInput in = demand({300, std::nan(""), 200});
  try {
    optimisePlan(p, in, exact());
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("hour 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ekm::energy
