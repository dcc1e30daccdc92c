#pragma once
// Operation `energy-plan` (CLI: `ekimachi-cli energy plan`): the DHC plant's hourly
// operation plan over a day or a week, optimised with CBC, against the rule-based
// baseline; with actual demand, the plan made on the forecast is re-dispatched on the
// actual demand so the forecast error shows (and compared with the plan in hindsight).
//
// Demand: a CSV of hourly plant demand (time or date+hour, cooling_kwh, heating_kwh,
// optional dry_bulb_c and rh_pct; the project's weather where the file has none), the demand
// model's forecast of every building's cooling and heating meters (demand_forecast), or —
// without either — the project's metered building demand (cooling and heating meters summed
// over the buildings) with the project's weather; a gap in a meter stops the plan unless `fill_gaps` allows bridging it.
#include <optional>
#include <string>
#include <vector>

#include "ekm/energy/dispatch.h"
#include "ekm/ops/operation.h"

namespace ekm::energy {

struct PlanParams {
  std::string plant;
  std::optional<std::string> demand;
  bool demand_forecast = false;
  std::optional<std::string> actual;
  bool actual_metered = false;
  std::optional<std::string> from;
  std::int64_t days = 1;
  std::string objective = "cost";
  double time_limit = 30;
  double gap = 0.01;
  std::int64_t segments = 4;
  std::int64_t threads = 1;
  bool hindsight = true;
  std::int64_t fill_gaps = 0;

  template <class V>
  void fields(V& v) {
    v("plant", plant, {.help = "plant file (JSON: units, storage, pumps, tariff, CO2)", .required = true,
                       .role = ops::Role::InputFile});
    v("demand", demand, {.help = "hourly plant demand CSV: time (or date,hour), cooling_kwh, heating_kwh "
                                 "[, dry_bulb_c, rh_pct] (default: the project's metered building demand)",
                         .role = ops::Role::InputFile});
    v("demand_forecast", demand_forecast,
      {.help = "plan on the demand model's forecast (energy-forecast, lags auto) of every building's cooling and "
               "heating meters from `from`, each trained on its meter before it; with actual_metered the plan is "
               "re-dispatched on the metered demand (forecast vs actual)"});
    v("actual", actual, {.help = "actual demand CSV (same columns): re-dispatch the plan made on --demand on it",
                         .role = ops::Role::InputFile});
    v("actual_metered", actual_metered, {.help = "the actual demand is the project's metered building demand"});
    v("from", from, {.help = "first local day of the plan, YYYY-MM-DD (default: the demand's first)", .format = "date"});
    v("days", days, {.help = "days planned", .min = 1, .max = 14});
    v("objective", objective, {.help = "what the plan minimises", .choices = {"energy", "cost", "co2"}});
    v("time_limit", time_limit, {.help = "CBC time limit per solve, seconds", .min = 0.1, .max = 3600});
    v("gap", gap, {.help = "relative optimality gap at which CBC stops", .min = 0, .max = 0.5});
    v("segments", segments, {.help = "piecewise-linear segments of each part-load curve", .min = 1, .max = 8});
    v("threads", threads, {.help = "CBC threads", .min = 1, .max = 16});
    v("hindsight", hindsight, {.help = "with actual demand, also plan on it (the optimum in hindsight)"});
    v("fill_gaps", fill_gaps, {.help = "metered demand: bridge gaps of up to this many hours in a building's meter by "
                                       "linear interpolation (reported as a warning); 0 refuses a plan over a gap",
                               .min = 0, .max = 24});
  }
  void validate() const;
};

// The figures of one dispatch.
struct PlanFigures {
  bool present = false;
  std::string status;  // "ok", or why it is missing (e.g. the baseline cannot meet the demand)
  DispatchTotals totals;
  // The plant's COP of each hour: heat delivered / (electricity + fuel) of the hour.
  std::vector<double> copByHour;
  // Heat the tanks hold at the end beyond what they held at the start, as it could be
  // delivered (level change x discharge efficiency, kWh; negative: the dispatch drew down
  // heat it did not make). The plan ends at least as full as it started; the rule-based
  // baseline ends wherever its rules leave it.
  double storedChangeKwh = 0;
};

// Savings of `better` against `base`: energy (electricity + fuel), energy cost and CO2,
// each in its unit and in % of the base's; start-ups avoided. nullopt when either is missing.
// The two are compared on the same tank balance: each dispatch's storedChangeKwh is credited
// at the mean energy, cost and CO2 per kWh of heat delivered by the two dispatches together
// (what making that heat costs this plant on average), so a dispatch that leaves its tanks
// emptier than it found them does not look cheaper for it.
struct PlanSavings {
  double energyKwh = 0, energyPct = 0;
  double costYen = 0, costPct = 0;
  double co2Kg = 0, co2Pct = 0;
  int starts = 0;
  // The tank balance: each side's stored change and the credit per kWh of heat applied.
  double baseStoredChangeKwh = 0, storedChangeKwh = 0;
  double energyPerHeatKwh = 0, costPerHeatKwh = 0, co2PerHeatKwh = 0;
};
std::optional<PlanSavings> planSavings(const PlanFigures& base, const PlanFigures& better);

// A dispatch's figures (evaluate() with the exact curves, the fuel, the COP of each hour and
// the tanks' stored change); `d`'s inputs and levels are filled in.
PlanFigures planFigures(const Plant& plant, const PlanInput& in, Dispatch& d);

// One building's metered demand over the plan's hours (NaN = missing), when the plan's
// demand is the project's metered building demand: the parts of PlanInput's sums.
struct BuildingDemand {
  std::string buildingId;
  std::vector<double> coolingKwh, heatingKwh;
};

struct PlanRunResult {
  std::string plantName;
  std::string objective;
  core::HourKey start = 0;
  int hours = 0;
  PlanSolution solution;
  PlanFigures plan, baseline;
  // Forecast vs actual.
  bool evaluated = false;
  PlanInput input, actualInput;
  PlanFigures redispatched, baselineActual, hindsight;
  // Per building (ordered by id), when the plan's demand (or else the actual) is metered.
  std::vector<BuildingDemand> buildings;
  // With demand_forecast: each forecast's building, meter and mode (e.g. "TGW-1 cooling:
  // week-ahead with lagged actuals").
  std::vector<std::string> forecasts;
  std::vector<std::string> unitIds, unitModes, storageIds;
  std::vector<Carrier> storageCarriers;  // parallel to storageIds
  std::vector<double> price, co2;
  std::vector<std::string> band;
  std::vector<std::string> warnings;
};

struct PlanOp {
  static constexpr const char* name = "energy-plan";
  static constexpr const char* summary =
      "DHC plant operation plan (MILP, CBC) vs the rule-based baseline; forecast vs actual re-dispatch";
  static constexpr bool writesProject = false;
  using Params = PlanParams;
  using Result = PlanRunResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

// The plan's input from an hourly demand CSV over [from, from + hours) (from = the file's
// first hour when nullopt). Throws core::ValidationError naming the file and a missing hour.
PlanInput readPlanInputCsv(const std::string& path, std::optional<core::HourKey> from, int hours);

}  // namespace ekm::energy
