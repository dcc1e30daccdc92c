// Unit performance at an hour, piecewise-linear curves, evaluation of a dispatch and the
// MILP plan (COIN-OR CBC).
#include "ekm/energy/dispatch.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "CbcEventHandler.hpp"
#include "CbcModel.hpp"
#include "CbcSolver.hpp"
#include "CoinPackedMatrix.hpp"
#include "OsiClpSolverInterface.hpp"
#include "ekm/energy/baseline.h"

namespace ekm::energy {

double PlanInput::dryBulb(int t) const {
  return t >= 0 && t < static_cast<int>(dryBulbC.size()) ? dryBulbC[static_cast<std::size_t>(t)] : kMissing;
}
double PlanInput::rh(int t) const {
  return t >= 0 && t < static_cast<int>(rhPct.size()) ? rhPct[static_cast<std::size_t>(t)] : kMissing;
}

double ModeHour::inputKw(double q) const {
  if (capacityKw <= 0) return 0;
  const double made = std::min(std::max(q, minKw), capacityKw);
  if (!curves) return made / efficiency;
  return fullLoadScaleKw * curves->partLoadFactor(made / capacityKw, curveSourceC);
}

ModeHour modeHour(const Plant& plant, const PlantUnit& unit, Carrier carrier, double dryBulbC, double rhPct) {
  ModeHour m;
  if (unit.type == UnitType::Boiler) {
    m.capacityKw = unit.boilerCapacityKw;
    m.minKw = unit.minLoad * m.capacityKw;
    m.efficiency = unit.efficiency;
    return m;
  }
  const UnitMode& mode = unit.mode(carrier);
  if (!mode.present) return m;
  const CondenserModel& cm = plant.condenser;
  const double db = std::isnan(dryBulbC) ? cm.fallbackDryBulbC : dryBulbC;
  const double rh = std::isnan(rhPct) ? cm.defaultRhPct : rhPct;
  double source = 0;
  if (carrier == Carrier::Cooling) {
    if (mode.airSource) {
      source = db;
    } else {
      source = std::min(std::max(wetBulbC(db, rh) + cm.approachK, cm.minC), cm.maxC);
      if (mode.curves.reformulated) source += cm.rangeK;  // leaving condenser water
    }
  } else {
    source = mode.airSource ? db : mode.sourceC;
  }
  m.curves = &mode.curves;
  m.sourceC = source;
  m.curveSourceC = source;
  m.capacityKw = mode.capacityKw * std::max(0.0, mode.curves.capacityFactor(mode.supplyC, source));
  m.fullLoadScaleKw = m.capacityKw / mode.cop * std::max(0.0, mode.curves.eirFactor(mode.supplyC, source));
  m.minKw = unit.minLoad * m.capacityKw;
  return m;
}

bool PwlCurve::convex() const {
  for (std::size_t k = 1; k + 1 < q.size(); ++k) {
    const double s0 = (p[k] - p[k - 1]) / (q[k] - q[k - 1]);
    const double s1 = (p[k + 1] - p[k]) / (q[k + 1] - q[k]);
    if (s1 < s0 - 1e-9 * std::max(1.0, std::abs(s0))) return false;
  }
  return true;
}

double PwlCurve::operator()(double x) const {
  if (q.empty()) return 0;
  if (x <= q.front()) return p.front();
  for (std::size_t k = 1; k < q.size(); ++k)
    if (x <= q[k]) return p[k - 1] + (p[k] - p[k - 1]) * (x - q[k - 1]) / (q[k] - q[k - 1]);
  return p.back();
}

PwlCurve piecewiseLinear(const ModeHour& m, int segments) {
  PwlCurve c;
  segments = std::max(1, segments);
  for (int k = 0; k <= segments; ++k) {
    const double q = m.minKw + (m.capacityKw - m.minKw) * k / segments;
    c.q.push_back(q);
    c.p.push_back(m.inputKw(q));
  }
  return c;
}

Dispatch Dispatch::empty(const Plant& plant, int hours) {
  Dispatch d;
  d.units.assign(plant.units.size(), std::vector<UnitHour>(static_cast<std::size_t>(hours)));
  d.storage.assign(plant.storage.size(), std::vector<StorageHour>(static_cast<std::size_t>(hours)));
  for (auto& v : d.dumpKwh) v.assign(static_cast<std::size_t>(hours), 0.0);
  return d;
}

DispatchTotals evaluate(const Plant& plant, const PlanInput& in, Dispatch& d) {
  DispatchTotals r;
  const int T = in.hours();
  r.electricityByHourKwh.assign(static_cast<std::size_t>(T), 0.0);
  std::array<std::vector<double>, 2> supply;
  for (auto& v : supply) v.assign(static_cast<std::size_t>(T), 0.0);
  for (std::size_t u = 0; u < plant.units.size(); ++u) {
    const PlantUnit& unit = plant.units[u];
    bool wasOn = false;
    for (int t = 0; t < T; ++t) {
      UnitHour& h = d.units[u][static_cast<std::size_t>(t)];
      h.inputKw = 0;
      if (!h.on) {
        wasOn = false;
        continue;
      }
      const ModeHour m = modeHour(plant, unit, h.mode, in.dryBulb(t), in.rh(t));
      h.inputKw = m.inputKw(h.outputKw);
      supply[static_cast<int>(h.mode)][static_cast<std::size_t>(t)] += h.outputKw;
      double elec = unit.auxKw;
      if (unit.type == UnitType::Boiler && !unit.electricFuel) {
        r.fuelKwh += h.inputKw;
        r.energyCostYen += h.inputKw * unit.fuelYenPerKwh;
        r.co2Kg += h.inputKw * unit.fuelCo2KgPerKwh;
      } else {
        elec += h.inputKw;
      }
      if (!wasOn) {
        ++r.starts;
        r.startupCostYen += unit.startupCostYen;
        elec += unit.startupKwh;
      }
      wasOn = true;
      r.electricityByHourKwh[static_cast<std::size_t>(t)] += elec;
    }
  }
  for (std::size_t s = 0; s < plant.storage.size(); ++s) {
    const ThermalStorage& st = plant.storage[s];
    double level = st.initialLevel * st.capacityKwh;
    for (int t = 0; t < T; ++t) {
      StorageHour& h = d.storage[s][static_cast<std::size_t>(t)];
      level = level * (1 - st.lossPerHour) + st.chargeEfficiency * h.chargeKwh - h.dischargeKwh / st.dischargeEfficiency;
      h.levelKwh = level;
      supply[static_cast<int>(st.carrier)][static_cast<std::size_t>(t)] += h.dischargeKwh - h.chargeKwh;
      r.electricityByHourKwh[static_cast<std::size_t>(t)] += plant.pumps.storageKwhPerKwh * (h.chargeKwh + h.dischargeKwh);
    }
  }
  for (int t = 0; t < T; ++t) {
    const auto ts = static_cast<std::size_t>(t);
    for (Carrier c : {Carrier::Cooling, Carrier::Heating}) {
      const double demand = in.demand(c)[ts];
      const double met = supply[static_cast<int>(c)][ts] - d.dumpKwh[static_cast<int>(c)][ts];
      r.unmetKwh += std::max(0.0, demand - met - 1e-6 * std::max(1.0, demand));
      (c == Carrier::Cooling ? r.coolingKwh : r.heatingKwh) += demand;
      r.electricityByHourKwh[ts] += plant.pumps.distributionKwhPerKwh * demand;
    }
    const double e = r.electricityByHourKwh[ts];
    const core::HourKey key = in.start + t;
    r.electricityKwh += e;
    r.energyCostYen += e * plant.tariff.priceAt(key);
    r.co2Kg += e * plant.co2.at(key);
  }
  return r;
}

const char* objectiveName(Objective o) {
  switch (o) {
    case Objective::Energy: return "energy";
    case Objective::Cost: return "cost";
    case Objective::Co2: return "co2";
  }
  return "cost";
}

Objective objectiveFromName(const std::string& name) {
  if (name == "energy") return Objective::Energy;
  if (name == "cost") return Objective::Cost;
  if (name == "co2") return Objective::Co2;
  throw core::ValidationError("unknown objective", core::ErrorContext{{}, {}, {}, "objective", "energy, cost or co2", name});
}

namespace {

std::string describeShortfalls(const std::vector<ShortfallHour>& hours) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(0);
  double total = 0;
  for (const auto& h : hours) total += h.shortfallKwh;
  o << "the plant cannot meet the demand in " << hours.size() << (hours.size() == 1 ? " hour" : " hours")
    << " (shortfall " << total << " kWh in all): ";
  const std::size_t shown = std::min<std::size_t>(hours.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& h = hours[i];
    o << (i ? "; " : "") << "hour " << h.hour << " (" << core::formatHourKeyJst(h.key) << ") " << carrierName(h.carrier)
      << " demand " << h.demandKwh << " kWh, shortfall " << h.shortfallKwh << " kWh";
  }
  if (hours.size() > shown) o << "; ... and " << hours.size() - shown << " more";
  return o.str();
}

// A linear program under construction.
struct Lp {
  std::vector<double> lb, ub, obj;
  std::vector<int> ints;
  std::vector<int> ri, ci;
  std::vector<double> el, rlo, rhi;

  int col(double l, double u, double o, bool integer = false) {
    lb.push_back(l), ub.push_back(u), obj.push_back(o);
    if (integer) ints.push_back(static_cast<int>(lb.size()) - 1);
    return static_cast<int>(lb.size()) - 1;
  }
  int row(const std::vector<std::pair<int, double>>& terms, double lo, double hi) {
    const int r = static_cast<int>(rlo.size());
    for (const auto& [c, v] : terms)
      if (c >= 0 && v != 0) ri.push_back(r), ci.push_back(c), el.push_back(v);
    rlo.push_back(lo), rhi.push_back(hi);
    return r;
  }
};

constexpr double kInf = 1e30;

// The variables of one block (a unit, or identical units counted together) in one mode at
// one hour: y = how many of the block's units run in this mode (binary for a single unit),
// delta_k = heat made on PWL segment k above their minimum loads (delta_k <= width_k * y).
struct ModeVars {
  int y = -1;
  std::vector<int> delta;
  double minKw = 0;
};

// Identical units (one "count" entry of the plant file) with convex part-load curves are one
// block: an integer count per mode and hour instead of a binary per unit. Exact, not an
// approximation: with a convex curve k running units make a given output cheapest in equal
// shares, which is k times the one-unit PWL at output/k (what the scaled segments give), and
// a count sequence costs the fewest starts when the units run as a staircase (unit 1 the
// longest), so a per-unit plan can always be relabelled into the block's and back. The
// block also removes the symmetry between the identical units entirely.
struct Block {
  std::vector<std::size_t> units;  // indices into plant.units, in order
  int size() const { return static_cast<int>(units.size()); }
};

struct Model {
  Lp lp;
  std::vector<Block> blocks;
  std::vector<std::array<std::vector<ModeVars>, 2>> vars;  // [block][carrier][t]
  std::vector<std::vector<int>> start;                      // [block][t], -1 = none
  std::vector<std::vector<int>> charge, discharge, level;   // [s][t]
  std::array<std::vector<int>, 2> dump, unmet;              // [carrier][t]
  std::array<std::vector<int>, 2> balanceRow;
};

bool needsHour(const PlanInput& in, const PlantUnit& unit, Carrier c, int t, bool storageFor) {
  return unit.serves(c) && (in.demand(c)[static_cast<std::size_t>(t)] > 0 || storageFor);
}

// Splits the units into blocks: the units of one group (identical copies, consecutive) whose
// curves are convex at every hour they may run share a block when `aggregate`; every other
// unit is a block of its own.
std::vector<Block> makeBlocks(const Plant& plant, const PlanInput& in, const PlanOptions& opt, const bool storageFor[2],
                              bool aggregate) {
  const auto convexEverywhere = [&](const PlantUnit& unit) {
    if (unit.type == UnitType::Boiler) return true;
    for (Carrier c : {Carrier::Cooling, Carrier::Heating})
      for (int t = 0; t < in.hours(); ++t) {
        if (!needsHour(in, unit, c, t, storageFor[static_cast<int>(c)])) continue;
        const ModeHour mh = modeHour(plant, unit, c, in.dryBulb(t), in.rh(t));
        if (mh.capacityKw > 1e-9 && !piecewiseLinear(mh, std::max(1, opt.segments)).convex()) return false;
      }
    return true;
  };
  std::vector<Block> blocks;
  for (std::size_t u = 0; u < plant.units.size();) {
    Block b{{u}};
    const int g = plant.units[u].group;
    if (aggregate && g >= 0 && convexEverywhere(plant.units[u]))
      while (b.units.back() + 1 < plant.units.size() && plant.units[b.units.back() + 1].group == g)
        b.units.push_back(b.units.back() + 1);
    u = b.units.back() + 1;
    blocks.push_back(std::move(b));
  }
  return blocks;
}

// Builds the MILP. With `slack`, unmet demand is allowed at a cost of 1 per kWh and nothing
// else costs (the shortfall diagnosis).
Model buildModel(const Plant& plant, const PlanInput& in, const PlanOptions& opt, bool slack) {
  Model m;
  const int T = in.hours();
  const auto TS = static_cast<std::size_t>(T);
  std::vector<double> we(TS), price(TS), co2(TS);
  double meanPrice = 0, meanCo2 = 0;
  for (int t = 0; t < T; ++t) {
    price[static_cast<std::size_t>(t)] = plant.tariff.priceAt(in.start + t);
    co2[static_cast<std::size_t>(t)] = plant.co2.at(in.start + t);
    meanPrice += price[static_cast<std::size_t>(t)] / T;
    meanCo2 += co2[static_cast<std::size_t>(t)] / T;
    we[static_cast<std::size_t>(t)] = slack ? 0.0
                                            : opt.objective == Objective::Energy ? 1.0
                                              : opt.objective == Objective::Cost ? price[static_cast<std::size_t>(t)]
                                                                                 : co2[static_cast<std::size_t>(t)];
  }
  // Start-up costs (yen) in the objective's unit: at the period's mean price (and CO2 factor).
  const double yenWeight = slack ? 0.0
                                 : opt.objective == Objective::Cost ? 1.0
                                   : opt.objective == Objective::Energy ? 1.0 / std::max(meanPrice, 1e-9)
                                                                        : meanCo2 / std::max(meanPrice, 1e-9);
  bool storageFor[2] = {false, false};
  for (const auto& s : plant.storage) storageFor[static_cast<int>(s.carrier)] = true;
  Lp& lp = m.lp;
  m.blocks = makeBlocks(plant, in, opt, storageFor, opt.aggregateIdentical);
  const std::size_t B = m.blocks.size();
  m.vars.resize(B);
  m.start.assign(B, std::vector<int>(TS, -1));
  for (std::size_t b = 0; b < B; ++b) {
    const PlantUnit& unit = plant.units[m.blocks[b].units.front()];
    const int n = m.blocks[b].size();
    for (Carrier c : {Carrier::Cooling, Carrier::Heating}) {
      auto& vars = m.vars[b][static_cast<int>(c)];
      vars.resize(TS);
      const bool gas = unit.type == UnitType::Boiler && !unit.electricFuel;
      for (int t = 0; t < T; ++t) {
        const auto ts = static_cast<std::size_t>(t);
        if (!needsHour(in, unit, c, t, storageFor[static_cast<int>(c)])) continue;
        const ModeHour mh = modeHour(plant, unit, c, in.dryBulb(t), in.rh(t));
        if (mh.capacityKw <= 1e-9) continue;
        const int segs = unit.type == UnitType::Boiler ? 1 : std::max(1, opt.segments);
        const PwlCurve pwl = piecewiseLinear(mh, segs);
        const double wIn = slack ? 0.0
                           : !gas ? we[ts]
                           : opt.objective == Objective::Energy ? 1.0
                           : opt.objective == Objective::Cost ? unit.fuelYenPerKwh
                                                              : unit.fuelCo2KgPerKwh;
        ModeVars& v = vars[ts];
        v.minKw = mh.minKw;
        v.y = lp.col(0, n, wIn * pwl.p[0] + we[ts] * unit.auxKw, true);
        for (int k = 0; k < segs; ++k) {
          const double width = pwl.q[static_cast<std::size_t>(k) + 1] - pwl.q[static_cast<std::size_t>(k)];
          const double slope = width > 0 ? (pwl.p[static_cast<std::size_t>(k) + 1] - pwl.p[static_cast<std::size_t>(k)]) / width : 0;
          const int d = lp.col(0, n * width, wIn * slope);
          v.delta.push_back(d);
          lp.row({{d, 1.0}, {v.y, -width}}, -kInf, 0);
        }
        if (!pwl.convex()) {  // a single unit (blocks are convex)
          // Fill the segments in order: delta_k full before delta_{k+1} starts.
          for (int k = 0; k + 1 < segs; ++k) {
            const double wk = pwl.q[static_cast<std::size_t>(k) + 1] - pwl.q[static_cast<std::size_t>(k)];
            const double wk1 = pwl.q[static_cast<std::size_t>(k) + 2] - pwl.q[static_cast<std::size_t>(k) + 1];
            const int bin = lp.col(0, 1, 0, true);
            lp.row({{v.delta[static_cast<std::size_t>(k)], 1.0}, {bin, -wk}}, 0, kInf);
            lp.row({{v.delta[static_cast<std::size_t>(k) + 1], 1.0}, {bin, -wk1}}, -kInf, 0);
          }
        }
      }
    }
    // Units in both modes at most the block's size; start-ups.
    const auto onTerms = [&](int t, double sign) {
      std::vector<std::pair<int, double>> terms;
      if (t < 0) return terms;
      for (int c = 0; c < 2; ++c) {
        const int y = m.vars[b][c][static_cast<std::size_t>(t)].y;
        if (y >= 0) terms.push_back({y, sign});
      }
      return terms;
    };
    for (int t = 0; t < T; ++t) {
      auto on = onTerms(t, 1.0);
      if (on.size() > 1) lp.row(on, -kInf, n);
      if (on.empty() || (unit.startupCostYen <= 0 && unit.startupKwh <= 0)) continue;
      // Starts in hour t >= units on now - units on before (the plan starts with all off).
      const int s = lp.col(0, n, we[static_cast<std::size_t>(t)] * unit.startupKwh + yenWeight * unit.startupCostYen);
      m.start[b][static_cast<std::size_t>(t)] = s;
      auto terms = onTerms(t, -1.0);
      for (const auto& p : onTerms(t - 1, 1.0)) terms.push_back(p);
      terms.push_back({s, 1.0});
      lp.row(terms, 0, kInf);
    }
    // Identical units not in one block (non-convex curves): unit k is on whenever unit k+1
    // is (any solution can be relabelled so).
    if (opt.symmetryBreaking && b > 0 && unit.group >= 0 && plant.units[m.blocks[b - 1].units.back()].group == unit.group) {
      for (int t = 0; t < T; ++t) {
        std::vector<std::pair<int, double>> terms;
        for (int c = 0; c < 2; ++c) {
          const int y0 = m.vars[b - 1][c][static_cast<std::size_t>(t)].y;
          const int y1 = m.vars[b][c][static_cast<std::size_t>(t)].y;
          if (y0 >= 0) terms.push_back({y0, 1.0});
          if (y1 >= 0) terms.push_back({y1, -1.0});
        }
        if (!terms.empty()) lp.row(terms, 0, kInf);
      }
    }
  }
  // Storage.
  const std::size_t S = plant.storage.size();
  m.charge.assign(S, std::vector<int>(TS, -1));
  m.discharge = m.charge;
  m.level = m.charge;
  for (std::size_t s = 0; s < S; ++s) {
    const ThermalStorage& st = plant.storage[s];
    const double initial = st.initialLevel * st.capacityKwh;
    for (int t = 0; t < T; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      const double pump = we[ts] * plant.pumps.storageKwhPerKwh;
      const int ch = lp.col(0, st.maxChargeKw, pump);
      const int dis = lp.col(0, st.maxDischargeKw, pump);
      const int lv = lp.col(0, st.capacityKwh, 0);
      m.charge[s][ts] = ch, m.discharge[s][ts] = dis, m.level[s][ts] = lv;
      std::vector<std::pair<int, double>> terms = {{lv, 1.0}, {ch, -st.chargeEfficiency}, {dis, 1.0 / st.dischargeEfficiency}};
      double rhs = 0;
      if (t == 0) rhs = (1 - st.lossPerHour) * initial;
      else terms.push_back({m.level[s][ts - 1], -(1 - st.lossPerHour)});
      lp.row(terms, rhs, rhs);
    }
    if (T > 0) lp.row({{m.level[s][TS - 1], 1.0}}, initial * (1 - 1e-9), kInf);
  }
  // Balances.
  for (Carrier c : {Carrier::Cooling, Carrier::Heating}) {
    const int ci = static_cast<int>(c);
    m.dump[ci].assign(TS, -1);
    m.unmet[ci].assign(TS, -1);
    m.balanceRow[ci].assign(TS, -1);
    for (int t = 0; t < T; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      std::vector<std::pair<int, double>> terms;
      for (std::size_t b = 0; b < m.blocks.size(); ++b) {
        const ModeVars& v = m.vars[b][ci][ts];
        if (v.y < 0) continue;
        terms.push_back({v.y, v.minKw});
        for (int d : v.delta) terms.push_back({d, 1.0});
      }
      for (std::size_t s = 0; s < S; ++s)
        if (plant.storage[s].carrier == c) terms.push_back({m.discharge[s][ts], 1.0}), terms.push_back({m.charge[s][ts], -1.0});
      const double demand = std::max(0.0, in.demand(c)[ts]);
      if (terms.empty() && demand <= 0) continue;
      m.dump[ci][ts] = lp.col(0, kInf, 0);
      terms.push_back({m.dump[ci][ts], -1.0});
      if (slack) {
        m.unmet[ci][ts] = lp.col(0, kInf, 1.0);
        terms.push_back({m.unmet[ci][ts], 1.0});
      }
      m.balanceRow[ci][ts] = lp.row(terms, demand, demand);
    }
  }
  return m;
}

class CancelHandler : public CbcEventHandler {
 public:
  explicit CancelHandler(core::Feedback* fb) : m_fb(fb) {}
  CbcAction event(CbcEvent) override { return m_fb && m_fb->isCancelled() ? stop : noAction; }
  CbcEventHandler* clone() const override { return new CancelHandler(*this); }

 private:
  core::Feedback* m_fb;
};

struct SolveOutcome {
  bool optimal = false, infeasible = false, hasSolution = false, cancelled = false;
  double objective = 0, bound = 0, seconds = 0;
  bool warmStarted = false;
  std::vector<double> x;
};

SolveOutcome solve(const Lp& lp, double timeLimitS, double gap, int threads, const std::vector<double>* start,
                   core::Feedback* fb) {
  const auto t0 = std::chrono::steady_clock::now();
  OsiClpSolverInterface osi;
  const CoinPackedMatrix matrix(false, lp.ri.data(), lp.ci.data(), lp.el.data(), static_cast<CoinBigIndex>(lp.el.size()));
  // The matrix has as many columns/rows as the largest index; pad to the model's size.
  CoinPackedMatrix full(matrix);
  full.setDimensions(static_cast<int>(lp.rlo.size()), static_cast<int>(lp.lb.size()));
  osi.loadProblem(full, lp.lb.data(), lp.ub.data(), lp.obj.data(), lp.rlo.data(), lp.rhi.data());
  for (int j : lp.ints) osi.setInteger(j);
  osi.messageHandler()->setLogLevel(0);
  CbcModel model(osi);
  CbcSolverUsefulData data;
  data.noPrinting_ = true;
  data.useSignalHandler_ = false;
  CbcMain0(model, data);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  CancelHandler handler(fb);
  model.passInEventHandler(&handler);
  SolveOutcome out;
  if (start && start->size() == lp.lb.size()) {
    std::vector<std::pair<std::string, double>> mip;
    for (int j : lp.ints) mip.emplace_back(osi.getColName(j), (*start)[static_cast<std::size_t>(j)]);
    model.setMIPStart(mip);
    out.warmStarted = true;
  }
  const std::string sec = std::to_string(std::max(0.01, timeLimitS));
  const std::string ratio = std::to_string(std::max(0.0, gap));
  const std::string thr = std::to_string(std::max(1, threads));
  std::vector<const char*> argv = {"ekimachi", "-log", "0", "-seconds", sec.c_str(), "-ratioGap", ratio.c_str()};
  if (threads > 1) argv.push_back("-threads"), argv.push_back(thr.c_str());
  argv.push_back("-solve");
  argv.push_back("-quit");
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model, [](CbcModel*, int) { return 0; }, data);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.cancelled = fb && fb->isCancelled();
  out.optimal = model.isProvenOptimal();
  out.infeasible = model.isProvenInfeasible();
  const double* x = model.bestSolution();
  if (x && !out.infeasible) {
    out.hasSolution = true;
    out.x.assign(x, x + lp.lb.size());
    out.objective = model.getObjValue();
    // The solver's own bound, also when it stopped because the gap reached -ratioGap (CBC then
    // reports isProvenOptimal too): the reported gap is the true one, never the requested one.
    const double bound = model.getBestPossibleObjValue();
    out.bound = std::isfinite(bound) ? std::min(bound, out.objective) : (out.optimal ? out.objective : -1e300);
  }
  return out;
}

// The dispatch a solution describes: a block's count in each mode becomes its first units
// (a staircase, so the starts are the count's increases) sharing the block's output equally.
Dispatch readDispatch(const Plant& plant, const PlanInput& in, const Model& m, const std::vector<double>& x) {
  const int T = in.hours();
  Dispatch d = Dispatch::empty(plant, T);
  const auto val = [&](int j) { return j >= 0 ? x[static_cast<std::size_t>(j)] : 0.0; };
  for (std::size_t b = 0; b < m.blocks.size(); ++b)
    for (int t = 0; t < T; ++t) {
      std::size_t next = 0;
      for (int c = 0; c < 2; ++c) {
        const ModeVars& v = m.vars[b][c][static_cast<std::size_t>(t)];
        const int count = v.y < 0 ? 0 : static_cast<int>(std::lround(val(v.y)));
        if (count <= 0) continue;
        double made = count * v.minKw;
        for (int j : v.delta) made += std::max(0.0, val(j));
        for (int k = 0; k < count && next < m.blocks[b].units.size(); ++k) {
          UnitHour& h = d.units[m.blocks[b].units[next++]][static_cast<std::size_t>(t)];
          h.on = true;
          h.mode = static_cast<Carrier>(c);
          h.outputKw = made / count;
        }
      }
    }
  for (std::size_t s = 0; s < plant.storage.size(); ++s)
    for (int t = 0; t < T; ++t) {
      StorageHour& h = d.storage[s][static_cast<std::size_t>(t)];
      h.chargeKwh = std::max(0.0, val(m.charge[s][static_cast<std::size_t>(t)]));
      h.dischargeKwh = std::max(0.0, val(m.discharge[s][static_cast<std::size_t>(t)]));
    }
  for (int c = 0; c < 2; ++c)
    for (int t = 0; t < T; ++t) d.dumpKwh[c][static_cast<std::size_t>(t)] = std::max(0.0, val(m.dump[c][static_cast<std::size_t>(t)]));
  return d;
}

// A solution vector from a dispatch (the warm start): each block's count per mode from its
// units' states, its output above the minimum loads filled into the segments in order; CBC
// takes the integers and solves for the rest. Empty when a running unit has no variable.
std::vector<double> solutionFrom(const PlanInput& in, const Model& m, const Dispatch& d) {
  std::vector<double> x(m.lp.lb.size(), 0.0);
  const int T = in.hours();
  for (std::size_t b = 0; b < m.blocks.size(); ++b) {
    const double n = m.blocks[b].size();
    int before = 0;
    for (int t = 0; t < T; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      int total = 0;
      for (int c = 0; c < 2; ++c) {
        int count = 0;
        double made = 0;
        for (std::size_t u : m.blocks[b].units) {
          const UnitHour& h = d.units[u][ts];
          if (h.on && static_cast<int>(h.mode) == c) ++count, made += h.outputKw;
        }
        if (count == 0) continue;
        const ModeVars& v = m.vars[b][c][ts];
        if (v.y < 0) return {};
        x[static_cast<std::size_t>(v.y)] = count;
        double rest = std::max(0.0, made - count * v.minKw);
        for (int j : v.delta) {
          const double take = std::min(rest, m.lp.ub[static_cast<std::size_t>(j)] / n * count);
          x[static_cast<std::size_t>(j)] = take;
          rest -= take;
        }
        total += count;
      }
      const int s = m.start[b][ts];
      if (s >= 0) x[static_cast<std::size_t>(s)] = std::max(0, total - before);
      before = total;
    }
  }
  return x;
}

}  // namespace

PlantInfeasibleError::PlantInfeasibleError(std::vector<ShortfallHour> hours)
    : core::Error(core::ErrorCode::Model, describeShortfalls(hours)), m_hours(std::move(hours)) {}

std::vector<ShortfallHour> diagnoseShortfall(const Plant& plant, const PlanInput& in, double timeLimitS) {
  PlanOptions opt;
  opt.segments = 1;
  const Model m = buildModel(plant, in, opt, true);
  const SolveOutcome o = solve(m.lp, timeLimitS, 0.0, 1, nullptr, nullptr);
  std::vector<ShortfallHour> out;
  if (!o.hasSolution) return out;
  for (Carrier c : {Carrier::Cooling, Carrier::Heating})
    for (int t = 0; t < in.hours(); ++t) {
      const int j = m.unmet[static_cast<int>(c)][static_cast<std::size_t>(t)];
      const double demand = in.demand(c)[static_cast<std::size_t>(t)];
      if (j < 0 && demand > 0) {
        out.push_back({t, in.start + t, c, demand, demand});
        continue;
      }
      if (j >= 0 && o.x[static_cast<std::size_t>(j)] > 1e-6 * std::max(1.0, demand))
        out.push_back({t, in.start + t, c, demand, o.x[static_cast<std::size_t>(j)]});
    }
  std::sort(out.begin(), out.end(), [](const ShortfallHour& a, const ShortfallHour& b) {
    return a.hour != b.hour ? a.hour < b.hour : a.carrier < b.carrier;
  });
  return out;
}

PlanSolution optimisePlan(const Plant& plant, const PlanInput& in, const PlanOptions& opt, core::Feedback* fb) {
  if (in.hours() <= 0) throw core::ValidationError("the plan has no hours");
  for (Carrier c : {Carrier::Cooling, Carrier::Heating})
    for (int t = 0; t < in.hours(); ++t) {
      const double v = in.demand(c)[static_cast<std::size_t>(t)];
      if (std::isnan(v) || v < 0) {
        core::ErrorContext ctx;
        ctx.field = std::string(carrierName(c)) + "_kwh";
        ctx.expected = "a demand >= 0 for every hour (missing hours must be filled, e.g. by a forecast)";
        ctx.found = (std::isnan(v) ? std::string("missing") : std::to_string(v)) + " at hour " + std::to_string(t) +
                    " (" + core::formatHourKeyJst(in.start + t) + ")";
        throw core::ValidationError("bad demand", ctx);
      }
    }
  const Model m = buildModel(plant, in, opt, false);
  std::vector<double> start;
  if (opt.warmStart) {
    try {
      const Dispatch base = baselineDispatch(plant, in);
      start = solutionFrom(in, m, base);
    } catch (const PlantInfeasibleError&) {
      // No rule-based start; the solver looks on its own.
    }
  }
  if (fb) fb->throwIfCancelled();
  const SolveOutcome o = solve(m.lp, opt.timeLimitS, opt.relativeGap, opt.threads, start.empty() ? nullptr : &start, fb);
  if (o.cancelled) throw core::CancelledError();
  if (!o.hasSolution) {
    auto shortfalls = diagnoseShortfall(plant, in, std::max(5.0, opt.timeLimitS));
    if (!shortfalls.empty()) throw PlantInfeasibleError(std::move(shortfalls));
    core::ErrorContext ctx;
    ctx.expected = "a feasible plan within the time limit";
    ctx.found = "none after " + std::to_string(o.seconds) + " s";
    throw core::Error(core::ErrorCode::Model, "CBC found no plan in the time limit (raise --time-limit)", ctx);
  }
  PlanSolution s;
  s.objective = o.objective;
  s.bestBound = o.bound;
  s.gap = std::abs(o.objective) > 1e-9 ? std::max(0.0, (o.objective - o.bound) / std::abs(o.objective)) : 0.0;
  s.status = planStatus(o.optimal, s.gap);
  s.solveSeconds = o.seconds;
  s.columns = static_cast<int>(m.lp.lb.size());
  s.rows = static_cast<int>(m.lp.rlo.size());
  s.binaries = static_cast<int>(m.lp.ints.size());
  s.warmStarted = o.warmStarted;
  s.dispatch = readDispatch(plant, in, m, o.x);
  return s;
}

}  // namespace ekm::energy
