// ekimachi-cli bench energy: the DHC plant's week plan (168 h, MILP with CBC) for four
// buildings' demand against the rule-based baseline.
#include "bench_energy_plan.h"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/energy/baseline.h"
#include "ekm/energy/dispatch.h"
#include "ekm/energy/plan_op.h"
#include "ekm/energy/plant.h"
#include "op_args.h"

namespace ekm::cli {
namespace {

std::string fixed(double v, int digits) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", digits, v);
  return b;
}

// The bench's flags, read by the CLI's one typed flag layer (op_args.h).
struct BenchEnergyArgs {
  std::string plant;
  std::int64_t days = 7;
  double gap = 0.01;
  double time_limit = 60;
  std::int64_t threads = 1;
  std::int64_t segments = 4;
  bool compare = false;

  template <class V>
  void fields(V& v) {
    v("plant", plant, {.help = "plant JSON (default: data/samples/takanawa/plant.json)", .role = ops::Role::InputFile});
    v("days", days, {.help = "days planned", .min = 1, .max = 14});
    v("gap", gap, {.help = "relative MIP gap", .min = 0, .max = 0.5});
    v("time_limit", time_limit, {.help = "CBC time limit in seconds", .min = 0.1, .max = 3600});
    v("threads", threads, {.help = "CBC threads", .min = 1, .max = 16});
    v("segments", segments, {.help = "part-load segments per unit", .min = 1, .max = 8});
    v("compare", compare, {.help = "also solve with the previous formulation"});
  }
};

// Four buildings of blocks 1-4 (assumed floor areas by use) in a hot August week in Tokyo:
// cooling = floor area x use intensity x occupancy profile (weekday/weekend, hour) x weather
// factor; heating = domestic hot water of hotel and homes. Synthetic, deterministic (seed 7).
energy::PlanInput benchDemand(int days) {
  struct B {
    double office, retail, hotel, residential, culture;  // m2
  };
  const B buildings[4] = {{180000, 20000, 0, 0, 0}, {120000, 15000, 40000, 0, 0}, {0, 8000, 0, 90000, 0},
                          {0, 30000, 0, 0, 25000}};
  const auto start = core::hourKeyFromJst(
      std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::month{8}, std::chrono::day{4}}, 0);  // a Monday
  energy::PlanInput in;
  in.start = start;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 0.04);
  for (int t = 0; t < days * 24; ++t) {
    const int h = t % 24, d = t / 24;
    const bool weekend = (d % 7) >= 5;
    const double pi = 3.14159265358979;
    const double dry = 28.5 + 4.5 * std::sin((h - 9) * pi / 12) + 1.0 * std::sin(d * 0.9);
    const double rh = 72 - 15 * std::sin((h - 9) * pi / 12);
    const double weather = std::max(0.25, 1.0 + 0.06 * (dry - 30));
    const double officeOcc = weekend ? (h >= 9 && h < 18 ? 0.25 : 0.1) : (h >= 8 && h < 20 ? (h < 9 ? 0.6 : 1.0) : 0.15);
    const double retailOcc = h >= 10 && h < 22 ? (weekend ? 1.0 : 0.8) : 0.12;
    const double hotelOcc = 0.55 + 0.25 * (h >= 17 || h < 8);
    const double homeOcc = 0.35 + 0.5 * (h >= 18 || h < 7) + 0.15 * weekend;
    double cool = 0, heat = 0;
    for (const B& b : buildings) {
      cool += (b.office * 0.05 * officeOcc + b.retail * 0.065 * retailOcc + b.hotel * 0.04 * hotelOcc +
               b.residential * 0.025 * homeOcc + b.culture * 0.045 * retailOcc) *
              weather;
      const double dhw = (h >= 6 && h < 9) || (h >= 18 && h < 23) ? 1.6 : 0.6;
      heat += (b.hotel * 0.012 + b.residential * 0.008) * dhw;
    }
    in.coolingKwh.push_back(cool * (1 + noise(rng)));
    in.heatingKwh.push_back(heat * (1 + noise(rng)));
    in.dryBulbC.push_back(dry);
    in.rhPct.push_back(rh);
  }
  return in;
}

void printTotals(const char* label, const energy::PlanFigures& f) {
  const energy::DispatchTotals& t = f.totals;
  std::cout << "  " << label << fixed(t.electricityKwh, 0) << " kWh electricity, " << fixed(t.energyCostYen, 0)
            << " yen, " << fixed(t.co2Kg, 0) << " kg-CO2, " << t.starts << " starts, plant COP " << fixed(t.cop(), 2)
            << ", tanks " << (f.storedChangeKwh >= 0 ? "+" : "") << fixed(f.storedChangeKwh, 0) << " kWh at the end\n";
}

// The savings as energy-plan reports them (planSavings: on the same tank balance).
void printSavings(const energy::PlanFigures& base, const energy::PlanFigures& plan) {
  const auto s = energy::planSavings(base, plan);
  if (!s) return;
  std::cout << "  savings:  " << fixed(s->energyKwh, 0) << " kWh (" << fixed(s->energyPct, 1) << " %), "
            << fixed(s->costYen, 0) << " yen (" << fixed(s->costPct, 1) << " %), " << fixed(s->co2Kg, 0) << " kg-CO2 ("
            << fixed(s->co2Pct, 1) << " %) on the same tank balance\n";
}

// CPU seconds of this process (the machine may be shared: the wall clock also measures others).
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

}  // namespace

const char* kBenchEnergyUsage =
    "bench energy [--plant FILE] [--days D] [--gap G] [--time-limit S] [--threads N] [--segments K] [--compare]\n"
    "  The DHC plant's plan over D days (default 7 = 168 h) for four buildings' synthetic demand (a hot\n"
    "  August week, assumed floor areas by use; seed 7): MILP solve time to the gap (default 0.01) with\n"
    "  CBC, its status and gap, and the savings in kWh, yen and CO2 against the rule-based baseline;\n"
    "  then the plan re-dispatched on an actual demand 8 % off the forecast. Plant: data/samples/\n"
    "  takanawa/plant.json (8 units, 150 MWh chilled- and 40 MWh hot-water tanks) unless --plant.\n"
    "  --compare also solves each objective with the previous formulation (a binary per identical\n"
    "  unit with symmetry rows instead of one integer count per group) in the same run.";

int runBenchEnergyPlan(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<BenchEnergyArgs>(argv);
  const BenchEnergyArgs& p = args.params;
  const std::string plantPath =
      p.plant.empty() ? ekm::core::sourceDir() + "/data/samples/takanawa/plant.json" : p.plant;
  const int days = static_cast<int>(p.days);
  energy::PlanOptions opt;
  opt.relativeGap = p.gap;
  opt.timeLimitS = p.time_limit;
  opt.threads = static_cast<int>(p.threads);
  opt.segments = static_cast<int>(p.segments);
  const energy::Plant plant = energy::readPlant(plantPath);
  const energy::PlanInput in = benchDemand(days);
  double peak = 0, total = 0;
  for (double v : in.coolingKwh) peak = std::max(peak, v), total += v;
  std::cout << "bench energy: plant '" << plant.name << "' (" << plant.units.size() << " units, " << plant.storage.size()
            << " storage), " << in.hours() << " h from " << core::formatHourKeyJst(in.start) << "\n"
            << "  demand:   4 buildings (synthetic), cooling " << fixed(total / 1000, 0) << " MWh, peak "
            << fixed(peak, 0) << " kW\n";
  const bool compare = p.compare;
  // Solves and prints one line: status, gap, CBC time, wall and CPU time, the model's size.
  const auto timedSolve = [&](const energy::PlanOptions& o, const char* label) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    energy::PlanSolution s = energy::optimisePlan(plant, in, o);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds() - c0;
    std::cout << label << energy::objectiveName(o.objective) << ": " << s.status << ", gap " << fixed(100 * s.gap, 2)
              << " % (target " << fixed(100 * o.relativeGap, 1) << " %), objective " << fixed(s.objective, 0) << ", CBC "
              << fixed(s.solveSeconds, 2) << " s, total " << fixed(wall, 2) << " s wall, " << fixed(cpu, 2)
              << " s CPU (target < 5 s); " << s.binaries << " integer columns, " << s.columns << " columns, " << s.rows
              << " rows, " << o.threads << " thread(s)\n";
    return s;
  };
  for (energy::Objective o : {energy::Objective::Cost, energy::Objective::Energy}) {
    opt.objective = o;
    if (compare) {
      energy::PlanOptions before = opt;
      before.aggregateIdentical = false;
      timedSolve(before, "previous formulation, objective ");
    }
    energy::PlanSolution s = timedSolve(opt, "objective ");
    const energy::PlanFigures plan = energy::planFigures(plant, in, s.dispatch);
    energy::Dispatch base = energy::baselineDispatch(plant, in);
    const energy::PlanFigures bt = energy::planFigures(plant, in, base);
    printTotals("plan:     ", plan);
    printTotals("baseline: ", bt);
    printSavings(bt, plan);
    if (o != energy::Objective::Cost) continue;
    // Forecast error: the actual demand is 8 % higher in the afternoons and 8 % lower at night.
    energy::PlanInput actual = in;
    for (int t = 0; t < actual.hours(); ++t) {
      const int h = t % 24;
      actual.coolingKwh[static_cast<std::size_t>(t)] *= h >= 12 && h < 18 ? 1.08 : (h < 7 ? 0.92 : 1.0);
    }
    energy::Dispatch re = energy::redispatch(plant, actual, s.dispatch);
    const energy::PlanFigures rt = energy::planFigures(plant, actual, re);
    energy::Dispatch baseActual = energy::baselineDispatch(plant, actual);
    const energy::PlanFigures ba = energy::planFigures(plant, actual, baseActual);
    energy::PlanSolution hind = energy::optimisePlan(plant, actual, opt);
    const energy::PlanFigures ht = energy::planFigures(plant, actual, hind.dispatch);
    std::cout << "forecast vs actual (actual +8 % 12-18 h, -8 % 0-7 h):\n";
    printTotals("re-dispatched plan: ", rt);
    printTotals("baseline on actual: ", ba);
    printTotals("plan in hindsight:  ", ht);
    printSavings(ba, rt);
    if (const auto err = energy::planSavings(rt, ht))  // what the forecast error cost, on the same tank balance
      std::cout << "  forecast error cost: " << fixed(err->costYen, 0) << " yen (" << fixed(err->costPct, 2)
                << " % of the re-dispatched plan's cost; hindsight stopped at status '" << hind.status << "', gap "
                << fixed(100 * hind.gap, 2) << " %)\n";
  }
  return 0;
}

}  // namespace ekm::cli
