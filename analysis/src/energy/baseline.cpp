// The rule-based baseline and the hour-by-hour re-dispatch of a plan on actual demand.
#include "ekm/energy/baseline.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace ekm::energy {
namespace {

constexpr double kTol = 1e-6;

bool isChargeHour(const Plant& plant, core::HourKey key) {
  const int h = core::jstFromHourKey(key).hour;
  return std::find(plant.baselineChargeHours.begin(), plant.baselineChargeHours.end(), h) !=
         plant.baselineChargeHours.end();
}

// Hours from t (inclusive) up to the next charge hour, at most 24.
int hoursToNextCharge(const Plant& plant, core::HourKey key) {
  int n = 0;
  while (n < 24 && !isChargeHour(plant, key + n)) ++n;
  return std::max(1, n);
}

// Performance of every unit in both modes at hour t.
struct HourUnits {
  std::vector<std::array<ModeHour, 2>> mh;
  std::vector<double> merit[2];  // full-load COP (heat per input) per unit and carrier
};

HourUnits hourUnits(const Plant& plant, const PlanInput& in, int t) {
  HourUnits h;
  h.mh.resize(plant.units.size());
  for (int c = 0; c < 2; ++c) h.merit[c].assign(plant.units.size(), 0.0);
  for (std::size_t u = 0; u < plant.units.size(); ++u)
    for (Carrier c : {Carrier::Cooling, Carrier::Heating})
      if (plant.units[u].serves(c)) {
        ModeHour m = modeHour(plant, plant.units[u], c, in.dryBulb(t), in.rh(t));
        h.merit[static_cast<int>(c)][u] = m.capacityKw > 0 ? m.copAt(m.capacityKw) : 0.0;
        h.mh[u][static_cast<int>(c)] = m;
      }
  return h;
}

// Units able to make carrier c at this hour, in merit order (heating-only units first for
// heating, then by full-load COP).
std::vector<std::size_t> meritOrder(const Plant& plant, const HourUnits& h, Carrier c) {
  std::vector<std::size_t> order;
  for (std::size_t u = 0; u < plant.units.size(); ++u)
    if (plant.units[u].serves(c) && h.mh[u][static_cast<int>(c)].capacityKw > kTol) order.push_back(u);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (c == Carrier::Heating) {
      const bool ha = !plant.units[a].serves(Carrier::Cooling), hb = !plant.units[b].serves(Carrier::Cooling);
      if (ha != hb) return ha;
    }
    return h.merit[static_cast<int>(c)][a] > h.merit[static_cast<int>(c)][b];
  });
  return order;
}

double capacityOf(const HourUnits& h, const std::vector<std::size_t>& units, Carrier c) {
  double s = 0;
  for (std::size_t u : units) s += h.mh[u][static_cast<int>(c)].capacityKw;
  return s;
}

// Runs `running` to make `load`: each at its minimum, the rest in small increments, each to the
// running unit whose input rises least for it (equal incremental cost: the economic-dispatch
// loading rule, optimal for convex part-load curves, so identical units share the load
// equally, as the plan's MILP does; filling one unit after another at their minimums would run
// the last ones at a poor part load). Returns the heat made beyond the load (false loading).
double loadUnits(const HourUnits& h, const std::vector<std::size_t>& running, Carrier c, double load, Dispatch& d,
                 int t) {
  const int ci = static_cast<int>(c);
  double made = 0;
  for (std::size_t u : running) {
    UnitHour& uh = d.units[u][static_cast<std::size_t>(t)];
    uh.on = true;
    uh.mode = c;
    uh.outputKw = h.mh[u][ci].minKw;
    made += uh.outputKw;
  }
  double rest = load - made;
  if (rest <= 0) return -rest;
  constexpr int kIncrements = 400;
  const double increment = rest / kIncrements;
  while (rest > kTol) {
    double amount = std::min(increment, rest);
    while (amount > kTol) {
      std::size_t best = running.size();
      double bestRate = 0, bestAdd = 0;
      for (std::size_t i = 0; i < running.size(); ++i) {
        const ModeHour& m = h.mh[running[i]][ci];
        const double q = d.units[running[i]][static_cast<std::size_t>(t)].outputKw;
        const double add = std::min(amount, m.capacityKw - q);
        if (add <= kTol) continue;
        const double rate = (m.inputKw(q + add) - m.inputKw(q)) / add;
        if (best == running.size() || rate < bestRate - 1e-12) best = i, bestRate = rate, bestAdd = add;
      }
      if (best == running.size()) return 0;  // no room left: the caller caps the load at the capacity
      d.units[running[best]][static_cast<std::size_t>(t)].outputKw += bestAdd;
      amount -= bestAdd;
      rest -= bestAdd;
    }
  }
  return 0;
}

// The fewest units from the front of `order` whose capacity covers the load.
std::vector<std::size_t> prefixFor(const HourUnits& h, const std::vector<std::size_t>& order, Carrier c, double load) {
  std::vector<std::size_t> out;
  double cap = 0;
  for (std::size_t u : order) {
    if (cap >= load - kTol && !out.empty()) break;
    if (load <= kTol) break;
    out.push_back(u);
    cap += h.mh[u][static_cast<int>(c)].capacityKw;
  }
  return out;
}

struct StorageState {
  std::vector<double> level;  // at the start of the hour
};

double room(const ThermalStorage& st, double level) {
  return std::max(0.0, (st.capacityKwh - level * (1 - st.lossPerHour)) / st.chargeEfficiency);
}
double available(const ThermalStorage& st, double level) {
  return std::max(0.0, level * (1 - st.lossPerHour) * st.dischargeEfficiency);
}

// Serves one carrier at hour t. `charge`/`discharge` per storage of that carrier are the
// intended amounts; they are adjusted (more discharge, less charge) when the units cannot
// make the load. `must` are units that stay on (a plan's commitment), `free` the units that
// may start. Returns the shortfall.
double serveCarrier(const Plant& plant, const HourUnits& h, Carrier c, double demand, std::vector<double>& charge,
                    std::vector<double>& discharge, const std::vector<double>& level, std::vector<std::size_t> must,
                    const std::vector<std::size_t>& free, Dispatch& d, int t, bool shedFromMust) {
  const int ci = static_cast<int>(c);
  double netStorage = 0;
  for (std::size_t s = 0; s < plant.storage.size(); ++s)
    if (plant.storage[s].carrier == c) netStorage += discharge[s] - charge[s];
  double load = demand - netStorage;
  // Too little capacity: discharge more / charge less first, then start units.
  const auto adjustStorageUp = [&](double need) {
    for (std::size_t s = 0; s < plant.storage.size() && need > kTol; ++s) {
      if (plant.storage[s].carrier != c) continue;
      const double cut = std::min(need, charge[s]);
      charge[s] -= cut, need -= cut, load -= cut;
      const double more = std::min({need, plant.storage[s].maxDischargeKw - discharge[s],
                                    available(plant.storage[s], level[s]) - discharge[s]});
      if (more > 0) discharge[s] += more, need -= more, load -= more;
    }
  };
  double mustCap = capacityOf(h, must, c);
  if (load > mustCap + kTol && !must.empty()) adjustStorageUp(load - mustCap);
  std::vector<std::size_t> running = must;
  if (load > mustCap + kTol) {
    std::vector<std::size_t> extra;
    for (std::size_t u : free)
      if (std::find(must.begin(), must.end(), u) == must.end()) extra.push_back(u);
    for (std::size_t u : extra) {
      if (capacityOf(h, running, c) >= load - kTol) break;
      running.push_back(u);
    }
    const double cap = capacityOf(h, running, c);
    if (load > cap + kTol) adjustStorageUp(load - cap);
  }
  // Too much: discharge less, then shed committed units from the worst.
  double minSum = 0;
  for (std::size_t u : running) minSum += h.mh[u][ci].minKw;
  if (load < minSum - kTol) {
    for (std::size_t s = 0; s < plant.storage.size() && load < minSum - kTol; ++s) {
      if (plant.storage[s].carrier != c) continue;
      const double cut = std::min(discharge[s], minSum - load);
      discharge[s] -= cut, load += cut;
    }
    if (shedFromMust) {
      while (running.size() > 1 && load < minSum - kTol) {
        const std::size_t worst = running.back();
        if (capacityOf(h, running, c) - h.mh[worst][ci].capacityKw < load - kTol) break;
        running.pop_back();
        minSum -= h.mh[worst][ci].minKw;
      }
      if (load <= kTol && running.size() == 1 && must.size() <= 1) running.clear();
    }
  }
  const double cap = capacityOf(h, running, c);
  const double shortfall = std::max(0.0, load - cap);
  if (load > kTol || !running.empty())
    d.dumpKwh[ci][static_cast<std::size_t>(t)] += loadUnits(h, running, c, std::min(load, cap), d, t);
  return shortfall;
}

void applyStorage(const Plant& plant, Dispatch& d, int t, const std::vector<double>& charge,
                  const std::vector<double>& discharge, std::vector<double>& level) {
  for (std::size_t s = 0; s < plant.storage.size(); ++s) {
    const ThermalStorage& st = plant.storage[s];
    StorageHour& sh = d.storage[s][static_cast<std::size_t>(t)];
    sh.chargeKwh = charge[s];
    sh.dischargeKwh = discharge[s];
    level[s] = std::clamp(level[s] * (1 - st.lossPerHour) + st.chargeEfficiency * charge[s] - discharge[s] / st.dischargeEfficiency,
                          0.0, st.capacityKwh);
    sh.levelKwh = level[s];
  }
}

// Steps through the hours: `hour` sets the storage's charge/discharge and the units of hour
// t (levels at the start of the hour given); storage levels follow; shortfalls are collected
// and thrown at the end.
using HourStep = std::function<void(int t, const HourUnits& h, const std::vector<double>& level,
                                    std::vector<double>& charge, std::vector<double>& discharge, Dispatch& d,
                                    std::vector<ShortfallHour>& shortfalls)>;
Dispatch hourByHour(const Plant& plant, const PlanInput& in, const HourStep& hour) {
  const int T = in.hours();
  Dispatch d = Dispatch::empty(plant, T);
  std::vector<double> level(plant.storage.size());
  for (std::size_t s = 0; s < plant.storage.size(); ++s) level[s] = plant.storage[s].initialLevel * plant.storage[s].capacityKwh;
  std::vector<ShortfallHour> shortfalls;
  for (int t = 0; t < T; ++t) {
    std::vector<double> charge(plant.storage.size(), 0.0), discharge(plant.storage.size(), 0.0);
    hour(t, hourUnits(plant, in, t), level, charge, discharge, d, shortfalls);
    applyStorage(plant, d, t, charge, discharge, level);
  }
  if (!shortfalls.empty()) throw PlantInfeasibleError(std::move(shortfalls));
  return d;
}

// The units running at hour t.
void addRunning(const Dispatch& d, int t, std::vector<std::size_t>& used) {
  for (std::size_t u = 0; u < d.units.size(); ++u)
    if (d.units[u][static_cast<std::size_t>(t)].on) used.push_back(u);
}

std::vector<std::size_t> without(const std::vector<std::size_t>& order, const std::vector<std::size_t>& used) {
  std::vector<std::size_t> out;
  for (std::size_t u : order)
    if (std::find(used.begin(), used.end(), u) == used.end()) out.push_back(u);
  return out;
}

}  // namespace

Dispatch baselineDispatch(const Plant& plant, const PlanInput& in) {
  return hourByHour(plant, in, [&](int t, const HourUnits& h, const std::vector<double>& level, std::vector<double>& charge,
                                   std::vector<double>& discharge, Dispatch& d, std::vector<ShortfallHour>& shortfalls) {
    const auto ts = static_cast<std::size_t>(t);
    const core::HourKey key = in.start + t;
    const bool chargeHour = isChargeHour(plant, key);
    std::vector<std::size_t> used;
    for (Carrier c : {Carrier::Heating, Carrier::Cooling}) {
      const double demand = in.demand(c)[ts];
      const auto order = without(meritOrder(plant, h, c), used);
      const double unitsCap = capacityOf(h, order, c);
      for (std::size_t s = 0; s < plant.storage.size(); ++s) {
        const ThermalStorage& st = plant.storage[s];
        if (st.carrier != c) continue;
        if (chargeHour) {
          charge[s] = std::max(0.0, std::min({st.maxChargeKw, room(st, level[s]), unitsCap - demand}));
        } else {
          const double share = available(st, level[s]) / hoursToNextCharge(plant, key);
          discharge[s] = std::min({st.maxDischargeKw, share, demand});
        }
      }
      double load = demand;
      for (std::size_t s = 0; s < plant.storage.size(); ++s)
        if (plant.storage[s].carrier == c) load += charge[s] - discharge[s];
      const auto running = prefixFor(h, order, c, load);
      const double shortfall = serveCarrier(plant, h, c, demand, charge, discharge, level, running, order, d, t, false);
      if (shortfall > kTol * std::max(1.0, demand)) shortfalls.push_back({t, key, c, demand, shortfall});
      addRunning(d, t, used);
    }
  });
}

Dispatch redispatch(const Plant& plant, const PlanInput& actual, const Dispatch& plan) {
  return hourByHour(plant, actual, [&](int t, const HourUnits& h, const std::vector<double>& level,
                                       std::vector<double>& charge, std::vector<double>& discharge, Dispatch& d,
                                       std::vector<ShortfallHour>& shortfalls) {
    const auto ts = static_cast<std::size_t>(t);
    for (std::size_t s = 0; s < plant.storage.size(); ++s) {
      const StorageHour& p = plan.storage[s][ts];
      charge[s] = std::min(p.chargeKwh, room(plant.storage[s], level[s]));
      discharge[s] = std::min(p.dischargeKwh, available(plant.storage[s], level[s]));
    }
    std::vector<std::size_t> used;
    for (Carrier c : {Carrier::Heating, Carrier::Cooling}) {
      const auto order = without(meritOrder(plant, h, c), used);
      std::vector<std::size_t> must;
      for (std::size_t u : order)
        if (plan.units[u][ts].on && plan.units[u][ts].mode == c) must.push_back(u);
      const double demand = actual.demand(c)[ts];
      const double shortfall = serveCarrier(plant, h, c, demand, charge, discharge, level, must, order, d, t, true);
      if (shortfall > kTol * std::max(1.0, demand)) shortfalls.push_back({t, actual.start + t, c, demand, shortfall});
      addRunning(d, t, used);
    }
  });
}

}  // namespace ekm::energy
