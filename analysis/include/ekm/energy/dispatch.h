#pragma once
// Hourly plant dispatch: what each unit makes in each hour, what the storage does, and the
// optimal plan as a MILP solved with COIN-OR CBC (unit commitment with minimum loads and
// start-up costs, piecewise-linear part-load power at the hour's temperatures, storage).
#include <array>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/energy/plant.h"

namespace ekm::energy {

// The demand a plan meets: heat delivered to the buildings per hour (kWh in the hour) and
// the hour's weather (NaN = missing: the plant's defaults are used).
struct PlanInput {
  core::HourKey start = 0;
  std::vector<double> coolingKwh, heatingKwh;
  std::vector<double> dryBulbC, rhPct;  // optional (empty or per hour)

  int hours() const { return static_cast<int>(coolingKwh.size()); }
  const std::vector<double>& demand(Carrier c) const { return c == Carrier::Cooling ? coolingKwh : heatingKwh; }
  double dryBulb(int t) const;  // NaN when missing
  double rh(int t) const;
};

// A unit's performance in one mode at one hour's temperatures (exact curves).
struct ModeHour {
  double capacityKw = 0;   // available capacity (Q_ref * CAPFT)
  double minKw = 0;        // minimum load
  double sourceC = 0;      // condenser (cooling) or source (heating) temperature used
  // Input power (electricity; fuel for a gas boiler) in kW when making q kW; below the
  // minimum load the unit runs false-loaded at the minimum (as EnergyPlus does).
  double inputKw(double q) const;
  double copAt(double q) const { return q > 0 ? q / inputKw(q) : 0.0; }

  const ChillerCurveSet* curves = nullptr;  // null for a boiler
  double fullLoadScaleKw = 0;               // Q_avail / COP_ref * EIRFT
  double curveSourceC = 0;                  // temperature for a bicubic EIRFPLR
  double efficiency = 1;                    // boiler
};
ModeHour modeHour(const Plant& plant, const PlantUnit& unit, Carrier carrier, double dryBulbC, double rhPct);

// Piecewise-linear input power over [minKw, capacityKw] with `segments` equal PLR steps:
// breakpoints q_k and p_k (k = 0..segments).
struct PwlCurve {
  std::vector<double> q, p;
  bool convex() const;
  double operator()(double q) const;  // linear interpolation (clamped)
};
PwlCurve piecewiseLinear(const ModeHour& m, int segments);

struct UnitHour {
  bool on = false;
  Carrier mode = Carrier::Cooling;
  double outputKw = 0;   // heat made (kWh in the hour)
  double inputKw = 0;    // electricity (or fuel) with the exact curves (filled by evaluate)
};
struct StorageHour {
  double chargeKwh = 0, dischargeKwh = 0;  // heat in from the units / out to the buildings
  double levelKwh = 0;                      // at the end of the hour
};

struct Dispatch {
  std::vector<std::vector<UnitHour>> units;       // [unit][hour]
  std::vector<std::vector<StorageHour>> storage;  // [storage][hour]
  std::array<std::vector<double>, 2> dumpKwh;     // [carrier][hour]: made but not needed (false loading)

  static Dispatch empty(const Plant& plant, int hours);
};

struct DispatchTotals {
  double electricityKwh = 0;   // units, auxiliaries, pumps
  double fuelKwh = 0;          // gas boilers
  double energyCostYen = 0;    // electricity at the tariff + fuel
  double startupCostYen = 0;
  double co2Kg = 0;
  int starts = 0;
  double coolingKwh = 0, heatingKwh = 0;  // delivered to the buildings
  double unmetKwh = 0;                    // demand not met (0 for a valid dispatch)
  std::vector<double> electricityByHourKwh;
  double cop() const { return (coolingKwh + heatingKwh) / std::max(1e-9, electricityKwh + fuelKwh); }
};

// Recomputes every unit's input with the exact curves, the storage levels from the charge
// and discharge, and the totals.
DispatchTotals evaluate(const Plant& plant, const PlanInput& input, Dispatch& dispatch);

enum class Objective { Energy, Cost, Co2 };
const char* objectiveName(Objective o);  // "energy", "cost", "co2"
Objective objectiveFromName(const std::string& name);  // throws core::ValidationError

struct PlanOptions {
  Objective objective = Objective::Cost;
  double timeLimitS = 30;
  double relativeGap = 0.01;
  int segments = 4;         // PWL segments of the part-load curve (3-5)
  int threads = 1;
  bool warmStart = true;    // the rule-based baseline as the first incumbent
  // Identical units (a "count" in the plant file) with convex part-load curves as one block:
  // an integer count per mode and hour instead of a binary per unit (exact; no symmetry).
  bool aggregateIdentical = true;
  bool symmetryBreaking = true;  // identical units not aggregated: unit k on whenever unit k+1 is
};

struct ShortfallHour {
  int hour = 0;                 // index in the plan
  core::HourKey key = 0;
  Carrier carrier = Carrier::Cooling;
  double demandKwh = 0, shortfallKwh = 0;
};

// The plant cannot meet the demand: names the hours and the shortfalls (core::ErrorCode::Model).
class PlantInfeasibleError : public core::Error {
 public:
  explicit PlantInfeasibleError(std::vector<ShortfallHour> hours);
  const std::vector<ShortfallHour>& shortfalls() const { return m_hours; }

 private:
  std::vector<ShortfallHour> m_hours;
};

struct PlanSolution {
  std::string status;        // planStatus(): "optimal", "within-gap" or "feasible"
  double objective = 0;      // MILP objective (PWL), in the objective's unit
  double bestBound = 0;
  double gap = 0;            // (objective - bound) / |objective|
  double solveSeconds = 0;
  int columns = 0, rows = 0, binaries = 0;  // binaries: integer columns (binaries and block counts)
  bool warmStarted = false;
  Dispatch dispatch;
};

// A solve's status from CBC's verdict and the true relative gap: "optimal" when the search
// closed (gap <= kOptimalGap), "within-gap" when it stopped because the gap reached the
// requested relative gap (CBC calls that optimal too), "feasible" when it stopped at the time
// limit with a solution.
inline constexpr double kOptimalGap = 1e-6;
inline std::string planStatus(bool cbcOptimal, double gap) {
  return cbcOptimal ? (gap <= kOptimalGap ? "optimal" : "within-gap") : "feasible";
}

// Optimises the hourly dispatch. Throws PlantInfeasibleError (after a slack solve that
// finds the hours and the shortfalls) when the demand cannot be met, core::Error(Model)
// when CBC finds no solution in the time limit, core::CancelledError when cancelled.
PlanSolution optimisePlan(const Plant& plant, const PlanInput& input, const PlanOptions& options,
                          core::Feedback* feedback = nullptr);

// The smallest shortfall per hour (a MILP with slack variables); empty when the plant can
// meet the demand.
std::vector<ShortfallHour> diagnoseShortfall(const Plant& plant, const PlanInput& input, double timeLimitS = 30);

}  // namespace ekm::energy
