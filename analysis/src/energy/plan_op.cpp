// The energy-plan operation.
#include "ekm/energy/plan_op.h"

#include <cmath>
#include <map>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/energy/baseline.h"
#include "ekm/energy/forecast_op.h"
#include "ekm/store/energy_store.h"

namespace ekm::energy {
namespace {

ops::Json num(double v) { return std::isfinite(v) ? ops::Json(v) : ops::Json(nullptr); }

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

std::optional<core::HourKey> fromKey(const std::optional<std::string>& from) {
  if (!from) return std::nullopt;
  const auto d = core::parseDate(*from);
  if (!d) throw ops::ParamError("bad date", core::ErrorContext{{}, {}, {}, "from", "YYYY-MM-DD", *from});
  return core::hourKeyFromJst(*d, 0);
}

// The project's weather over the input's hours (its only site), when it has some.
void setProjectWeather(const store::Project& project, PlanInput& in) {
  if (const auto w = store::readWeather(project, "", in.start, in.start + in.hours())) {
    in.dryBulbC = w->dryBulbC.values;
    in.rhPct = w->relHumidityPct.values;
  }
}

// The buildings' metered cooling and heating summed per hour (a building without a meter
// of a kind adds nothing; an hour where a present meter is missing is missing), with the
// project's weather; with `buildings`, each building's part too. Gaps of at most `fillGaps`
// hours in a meter are bridged by linear interpolation; `filled` counts the bridged meter-hours.
PlanInput meteredInput(const store::Project& project, std::optional<core::HourKey> from, int hours,
                       std::vector<BuildingDemand>* buildings = nullptr, int fillGaps = 0, int* filled = nullptr) {
  if (!from) {
    // The first hour with cooling or heating meters.
    core::HourKey first = 0;
    bool any = false;
    for (const auto& s : store::energySeries(project, "building"))
      if ((s.quantity == "cooling" || s.quantity == "heating") && s.values > 0 && (!any || s.first < first))
        first = s.first, any = true;
    if (!any)
      throw core::ValidationError("the project has no cooling or heating meters",
                                  core::ErrorContext{{}, {}, {}, "demand", "a demand CSV or metered building demand", "none"});
    from = first - (first + core::kJstOffsetHours) % 24;  // local midnight
  }
  PlanInput in;
  in.start = *from;
  in.coolingKwh.assign(static_cast<std::size_t>(hours), 0.0);
  in.heatingKwh.assign(static_cast<std::size_t>(hours), 0.0);
  bool anyMeter = false;
  std::map<std::string, BuildingDemand> parts;
  if (filled) *filled = 0;
  for (auto& m : store::readMeters(project, *from - fillGaps, *from + hours + fillGaps)) {
    if (m.kind != MeterKind::Cooling && m.kind != MeterKind::Heating) continue;
    anyMeter = true;
    if (fillGaps > 0) {
      const int n = bridgeShortGaps(m.series, fillGaps, *from, *from + hours);
      if (filled) *filled += n;
    }
    auto& target = m.kind == MeterKind::Cooling ? in.coolingKwh : in.heatingKwh;
    BuildingDemand& part = parts[m.owner];
    part.buildingId = m.owner;
    auto& own = m.kind == MeterKind::Cooling ? part.coolingKwh : part.heatingKwh;
    own.assign(static_cast<std::size_t>(hours), 0.0);
    for (int t = 0; t < hours; ++t) {
      const double v = m.series.at(*from + t);
      target[static_cast<std::size_t>(t)] += v;  // NaN propagates
      own[static_cast<std::size_t>(t)] = v;
    }
  }
  if (buildings) {
    buildings->clear();
    for (auto& [id, part] : parts) {
      // A building without a meter of a kind adds nothing of it (as in the sums).
      for (auto* v : {&part.coolingKwh, &part.heatingKwh})
        if (v->empty()) v->assign(static_cast<std::size_t>(hours), 0.0);
      buildings->push_back(std::move(part));
    }
  }
  if (!anyMeter)
    throw core::ValidationError("the project has no cooling or heating meters in the plan's hours",
                                core::ErrorContext{{}, {}, {}, "demand", "metered building demand from " +
                                                   core::formatHourKeyJst(*from), "none"});
  setProjectWeather(project, in);
  return in;
}

// The plant's demand as the demand model forecasts it: every building's cooling and heating
// meter forecast from `from` for `hours` (the operation energy-forecast with its defaults:
// trained on the meter's hours before `from`, lags auto), summed; the project's weather.
// Progress runs from 2 % to 50 % of `feedback`.
PlanInput forecastInput(ops::Session& session, core::HourKey from, int hours, core::Feedback& feedback,
                        std::vector<std::string>& forecasts, std::vector<std::string>& warnings) {
  const store::Project& project = session.project();
  std::vector<store::EnergySeriesInfo> meters;
  for (const auto& s : store::energySeries(project, "building"))
    if ((s.quantity == "cooling" || s.quantity == "heating") && s.values > 0) meters.push_back(s);
  if (meters.empty())
    throw core::ValidationError("the project has no cooling or heating meters",
                                core::ErrorContext{{}, {}, {}, "demand_forecast", "building meters to forecast", "none"});
  PlanInput in;
  in.start = from;
  in.coolingKwh.assign(static_cast<std::size_t>(hours), 0.0);
  in.heatingKwh.assign(static_cast<std::size_t>(hours), 0.0);
  core::MultiStepFeedback steps(feedback, 100);
  for (std::size_t i = 0; i < meters.size(); ++i) {
    steps.setCurrentStep(2 + static_cast<int>(48 * i / meters.size()));
    EnergyForecastParams fp;
    fp.model.building = meters[i].owner;
    fp.model.meter = meters[i].quantity;
    fp.origin = core::formatDate(core::jstFromHourKey(from).date);
    fp.horizonDays = hours / 24;
    const std::string which = meters[i].owner + " " + meters[i].quantity;
    EnergyForecastResult f;
    try {
      f = EnergyForecastOp::run(session, fp, steps);
    } catch (const core::Error& e) {
      // The forecast's own parameter names (to, origin) are not this operation's.
      core::ErrorContext ctx = e.context();
      ctx.field = "demand_forecast (" + which + " meter" + (ctx.field.empty() ? "" : ", " + ctx.field) + ")";
      throw core::Error(e.code(), e.message(), ctx);
    }
    auto& target = meters[i].quantity == "cooling" ? in.coolingKwh : in.heatingKwh;
    for (int t = 0; t < hours; ++t) target[static_cast<std::size_t>(t)] += f.prediction.mean.at(from + t);
    forecasts.push_back(which + ": " + f.mode);
    for (const auto& w : f.fit.warnings) warnings.push_back(which + " forecast: " + w);
  }
  setProjectWeather(project, in);
  return in;
}

// A demand file without weather takes the project's weather over the same hours (when a
// project is open and has weather).
void addProjectWeather(ops::Session& session, PlanInput& in) {
  if (!in.dryBulbC.empty() || !session.hasProject()) return;
  session.recordTableRead("energy_weather_days");
  setProjectWeather(session.project(), in);
}

// With `buildings` (metered demand), the error names the building whose meter has the gap
// and how many hours the gap lasts inside the plan.
void checkComplete(const PlanInput& in, const std::string& what, const char* hint = "",
                   const std::vector<BuildingDemand>* buildings = nullptr) {
  for (Carrier c : {Carrier::Cooling, Carrier::Heating})
    for (int t = 0; t < in.hours(); ++t)
      if (std::isnan(in.demand(c)[static_cast<std::size_t>(t)])) {
        core::ErrorContext ctx;
        ctx.file = what;
        ctx.field = std::string(carrierName(c)) + "_kwh";
        ctx.expected = std::string("a value for every hour of the plan") + hint;
        ctx.found = "missing at " + core::formatHourKeyJst(in.start + t);
        if (buildings)
          for (const auto& b : *buildings) {
            const auto& v = c == Carrier::Cooling ? b.coolingKwh : b.heatingKwh;
            if (static_cast<std::size_t>(t) >= v.size() || !std::isnan(v[static_cast<std::size_t>(t)])) continue;
            std::size_t end = static_cast<std::size_t>(t);
            while (end < v.size() && std::isnan(v[end])) ++end;
            ctx.field = b.buildingId + " " + std::string(carrierName(c)) + " meter";
            ctx.found += " (" + std::to_string(end - static_cast<std::size_t>(t)) + " h missing)";
            break;
          }
        throw core::ValidationError("the demand has a gap", ctx);
      }
}

constexpr const char* kMeterGapHint = " (fill_gaps / --fill-gaps N bridges meter gaps of up to N hours)";

PlanFigures missing(const std::string& why) {
  PlanFigures f;
  f.status = why;
  return f;
}

ops::Json totalsJson(const PlanFigures& f) {
  if (!f.present) return {{"status", f.status}};
  const DispatchTotals& t = f.totals;
  return {{"status", f.status},
          {"electricity_kwh", round3(t.electricityKwh)},
          {"fuel_kwh", round3(t.fuelKwh)},
          {"energy_cost_yen", round3(t.energyCostYen)},
          {"startup_cost_yen", round3(t.startupCostYen)},
          {"co2_kg", round3(t.co2Kg)},
          {"starts", t.starts},
          {"cooling_kwh", round3(t.coolingKwh)},
          {"heating_kwh", round3(t.heatingKwh)},
          {"cop", round3(t.cop())},
          {"unmet_kwh", round3(t.unmetKwh)},
          {"stored_change_kwh", round3(f.storedChangeKwh)}};
}

// Savings of `better` against `base` (planSavings), rounded for the record.
ops::Json savingsJson(const PlanFigures& base, const PlanFigures& better) {
  const auto s = planSavings(base, better);
  if (!s) return nullptr;
  return {{"energy_kwh", round3(s->energyKwh)}, {"energy_pct", round3(s->energyPct)},
          {"cost_yen", round3(s->costYen)},     {"cost_pct", round3(s->costPct)},
          {"co2_kg", round3(s->co2Kg)},         {"co2_pct", round3(s->co2Pct)},
          {"starts", s->starts},
          {"tank_balance",
           {{"base_stored_change_kwh", round3(s->baseStoredChangeKwh)},
            {"stored_change_kwh", round3(s->storedChangeKwh)},
            {"energy_kwh_per_heat_kwh", round3(s->energyPerHeatKwh)},
            {"yen_per_heat_kwh", round3(s->costPerHeatKwh)},
            {"co2_kg_per_heat_kwh", round3(s->co2PerHeatKwh)}}}};
}

}  // namespace

PlanFigures planFigures(const Plant& plant, const PlanInput& in, Dispatch& d) {
  PlanFigures f;
  f.present = true;
  f.status = "ok";
  f.totals = evaluate(plant, in, d);
  // Fuel of the hour: the gas boilers' input (as evaluate counts it).
  std::vector<double> fuel(static_cast<std::size_t>(in.hours()), 0.0);
  for (std::size_t u = 0; u < plant.units.size(); ++u)
    if (plant.units[u].type == UnitType::Boiler && !plant.units[u].electricFuel)
      for (int t = 0; t < in.hours(); ++t) {
        const UnitHour& h = d.units[u][static_cast<std::size_t>(t)];
        if (h.on) fuel[static_cast<std::size_t>(t)] += h.inputKw;
      }
  for (int t = 0; t < in.hours(); ++t) {
    const auto ts = static_cast<std::size_t>(t);
    const double input = f.totals.electricityByHourKwh[ts] + fuel[ts];
    f.copByHour.push_back(input > 0 ? (in.coolingKwh[ts] + in.heatingKwh[ts]) / input : kMissing);
  }
  for (std::size_t s = 0; s < plant.storage.size() && in.hours() > 0; ++s) {
    const ThermalStorage& st = plant.storage[s];
    f.storedChangeKwh += (d.storage[s].back().levelKwh - st.initialLevel * st.capacityKwh) * st.dischargeEfficiency;
  }
  return f;
}

std::optional<PlanSavings> planSavings(const PlanFigures& base, const PlanFigures& better) {
  if (!base.present || !better.present) return std::nullopt;
  const DispatchTotals &a = base.totals, &b = better.totals;
  PlanSavings s;
  // The tank balance, credited at the two dispatches' mean figures per kWh of heat delivered.
  const double heat = a.coolingKwh + a.heatingKwh + b.coolingKwh + b.heatingKwh;
  if (heat > 0) {
    s.energyPerHeatKwh = (a.electricityKwh + a.fuelKwh + b.electricityKwh + b.fuelKwh) / heat;
    s.costPerHeatKwh = (a.energyCostYen + b.energyCostYen) / heat;
    s.co2PerHeatKwh = (a.co2Kg + b.co2Kg) / heat;
  }
  s.baseStoredChangeKwh = base.storedChangeKwh;
  s.storedChangeKwh = better.storedChangeKwh;
  const double ea = a.electricityKwh + a.fuelKwh - base.storedChangeKwh * s.energyPerHeatKwh;
  const double eb = b.electricityKwh + b.fuelKwh - better.storedChangeKwh * s.energyPerHeatKwh;
  const double ca = a.energyCostYen - base.storedChangeKwh * s.costPerHeatKwh;
  const double cb = b.energyCostYen - better.storedChangeKwh * s.costPerHeatKwh;
  const double qa = a.co2Kg - base.storedChangeKwh * s.co2PerHeatKwh;
  const double qb = b.co2Kg - better.storedChangeKwh * s.co2PerHeatKwh;
  const auto pct = [](double x, double of) { return of != 0 ? 100.0 * x / of : 0.0; };
  s.energyKwh = ea - eb;
  s.energyPct = pct(ea - eb, ea);
  s.costYen = ca - cb;
  s.costPct = pct(s.costYen, ca);
  s.co2Kg = qa - qb;
  s.co2Pct = pct(s.co2Kg, qa);
  s.starts = a.starts - b.starts;
  return s;
}

void PlanParams::validate() const {
  fromKey(from);
  if (actual && actual_metered)
    throw ops::ParamError("give one actual demand", core::ErrorContext{{}, {}, {}, "actual", "a file or actual_metered", "both"});
  if (demand && demand_forecast)
    throw ops::ParamError("give one demand", core::ErrorContext{{}, {}, {}, "demand", "a file or demand_forecast", "both"});
  if (demand_forecast && !from)
    throw ops::ParamError("a plan on the forecast needs its first day",
                          core::ErrorContext{{}, {}, {}, "from", "YYYY-MM-DD (the forecast's origin)", "none"});
  if (!demand && !demand_forecast && actual_metered)
    throw ops::ParamError("the plan needs a demand forecast file to compare with the metered demand",
                          core::ErrorContext{{}, {}, {}, "demand", "a demand CSV or demand_forecast with actual_metered", "none"});
}

PlanInput readPlanInputCsv(const std::string& path, std::optional<core::HourKey> from, int hours) {
  const HourlyColumns cols = readHourlyCsv(path, {"cooling_kwh"}, {"heating_kwh", "dry_bulb_c", "temp_c", "rh_pct"});
  if (cols.hours() == 0)
    throw core::ValidationError("the demand file has no rows", core::ErrorContext{path, {}, {}, {}, "hourly rows", "none"});
  PlanInput in;
  in.start = from.value_or(cols.start);
  const auto slice = [&](const std::string& name, bool zeroIfAbsent) {
    std::vector<double> out;
    const std::vector<double>* v = cols.column(name);
    if (!v && !zeroIfAbsent) return out;
    for (int t = 0; t < hours; ++t) {
      const core::HourKey k = in.start + t;
      const double x = v && k >= cols.start && k < cols.start + static_cast<core::HourKey>(v->size())
                           ? (*v)[static_cast<std::size_t>(k - cols.start)]
                           : (v ? kMissing : 0.0);
      out.push_back(x);
    }
    return out;
  };
  in.coolingKwh = slice("cooling_kwh", true);
  in.heatingKwh = slice("heating_kwh", true);
  in.dryBulbC = cols.column("dry_bulb_c") ? slice("dry_bulb_c", false) : slice("temp_c", false);
  in.rhPct = slice("rh_pct", false);
  checkComplete(in, path);
  return in;
}

PlanRunResult PlanOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const int hours = static_cast<int>(params.days * 24);
  const auto from = fromKey(params.from);
  const std::string plantPath = session.resolve(params.plant);
  session.recordInputFile(plantPath);
  const Plant plant = readPlant(plantPath);
  PlanRunResult r;
  r.plantName = plant.name;
  r.objective = params.objective;
  feedback.setProgress(2);
  if (params.demand) {
    const std::string path = session.resolve(*params.demand);
    session.recordInputFile(path);
    r.input = readPlanInputCsv(path, from, hours);
    addProjectWeather(session, r.input);
  } else if (params.demand_forecast) {
    session.recordTableRead("energy_meter_days");
    session.recordTableRead("energy_weather_days");
    r.input = forecastInput(session, *from, hours, feedback, r.forecasts, r.warnings);
    checkComplete(r.input, "the demand model's forecast", " (hours without weather cannot be forecast)");
  } else {
    session.recordTableRead("energy_meter_days");
    session.recordTableRead("energy_weather_days");
    int filled = 0;
    r.input = meteredInput(session.project(), from, hours, &r.buildings, static_cast<int>(params.fill_gaps), &filled);
    checkComplete(r.input, session.projectPath(), kMeterGapHint, &r.buildings);
    if (filled > 0)
      r.warnings.push_back(std::to_string(filled) + " missing meter hours bridged by linear interpolation (fill_gaps " +
                           std::to_string(params.fill_gaps) + ")");
  }
  r.start = r.input.start;
  r.hours = hours;
  if (r.input.dryBulbC.empty())
    r.warnings.push_back("no hourly weather: the condenser and source temperatures use the plant's fallback dry bulb (" +
                         std::to_string(plant.condenser.fallbackDryBulbC) + " C)");
  PlanOptions opt;
  opt.objective = objectiveFromName(params.objective);
  opt.timeLimitS = params.time_limit;
  opt.relativeGap = params.gap;
  opt.segments = static_cast<int>(params.segments);
  opt.threads = static_cast<int>(params.threads);

  feedback.info("planning " + std::to_string(hours) + " h from " + core::formatHourKeyJst(r.start));
  r.solution = optimisePlan(plant, r.input, opt, &feedback);
  if (r.solution.status == "feasible")
    r.warnings.push_back("CBC stopped at the time limit with a gap of " + std::to_string(100 * r.solution.gap) + " %");
  r.plan = planFigures(plant, r.input, r.solution.dispatch);
  feedback.setProgress(60);
  try {
    Dispatch base = baselineDispatch(plant, r.input);
    r.baseline = planFigures(plant, r.input, base);
  } catch (const PlantInfeasibleError& e) {
    r.baseline = missing(std::string("the rule-based baseline cannot meet the demand: ") + e.what());
    r.warnings.push_back(r.baseline.status);
  }
  // Forecast vs actual.
  if (params.actual || params.actual_metered) {
    r.evaluated = true;
    if (params.actual) {
      const std::string path = session.resolve(*params.actual);
      session.recordInputFile(path);
      r.actualInput = readPlanInputCsv(path, r.start, hours);
      addProjectWeather(session, r.actualInput);
    } else {
      session.recordTableRead("energy_meter_days");
      int filled = 0;
      r.actualInput =
          meteredInput(session.project(), r.start, hours, &r.buildings, static_cast<int>(params.fill_gaps), &filled);
      checkComplete(r.actualInput, session.projectPath(), kMeterGapHint, &r.buildings);
      if (filled > 0)
        r.warnings.push_back(std::to_string(filled) + " missing actual meter hours bridged by linear interpolation");
    }
    if (r.actualInput.dryBulbC.empty()) r.actualInput.dryBulbC = r.input.dryBulbC, r.actualInput.rhPct = r.input.rhPct;
    feedback.throwIfCancelled();
    try {
      Dispatch re = redispatch(plant, r.actualInput, r.solution.dispatch);
      r.redispatched = planFigures(plant, r.actualInput, re);
    } catch (const PlantInfeasibleError& e) {
      r.redispatched = missing(std::string("the plant cannot meet the actual demand: ") + e.what());
      r.warnings.push_back(r.redispatched.status);
    }
    try {
      Dispatch base = baselineDispatch(plant, r.actualInput);
      r.baselineActual = planFigures(plant, r.actualInput, base);
    } catch (const PlantInfeasibleError& e) {
      r.baselineActual = missing(std::string("the baseline cannot meet the actual demand: ") + e.what());
    }
    if (params.hindsight) {
      feedback.setProgress(75);
      try {
        PlanSolution h = optimisePlan(plant, r.actualInput, opt, &feedback);
        r.hindsight = planFigures(plant, r.actualInput, h.dispatch);
      } catch (const PlantInfeasibleError& e) {
        r.hindsight = missing(e.what());
      }
    }
  }
  for (const auto& u : plant.units) {
    r.unitIds.push_back(u.id);
    r.unitModes.push_back(unitTypeName(u.type));
  }
  for (const auto& s : plant.storage) {
    r.storageIds.push_back(s.id);
    r.storageCarriers.push_back(s.carrier);
  }
  for (int t = 0; t < hours; ++t) {
    r.price.push_back(plant.tariff.priceAt(r.start + t));
    r.band.push_back(plant.tariff.bandAt(r.start + t));
    r.co2.push_back(plant.co2.at(r.start + t));
  }
  feedback.setProgress(100);
  return r;
}

ops::OpResult PlanOp::record(const Result& r) {
  ops::OpResult out;
  const PlanSolution& s = r.solution;
  out.summary = {{"plant", r.plantName},
                 {"from", core::formatHourKeyJst(r.start)},
                 {"hours", r.hours},
                 {"objective", r.objective},
                 {"status", s.status},
                 {"solve_time_s", round3(s.solveSeconds)},
                 {"gap", num(s.gap)},
                 {"objective_value", num(s.objective)},
                 {"best_bound", num(s.bestBound)},
                 {"milp", {{"columns", s.columns}, {"rows", s.rows}, {"binaries", s.binaries}, {"warm_start", s.warmStarted}}},
                 {"plan", totalsJson(r.plan)},
                 {"baseline", totalsJson(r.baseline)},
                 {"savings", savingsJson(r.baseline, r.plan)}};
  out.summary["demand"] = r.forecasts.empty() ? "given" : "forecast";
  if (!r.forecasts.empty()) out.summary["forecasts"] = r.forecasts;
  if (r.evaluated) {
    ops::Json ev = {{"plan_redispatched", totalsJson(r.redispatched)},
                    {"baseline", totalsJson(r.baselineActual)},
                    {"savings", savingsJson(r.baselineActual, r.redispatched)}};
    if (r.hindsight.present || !r.hindsight.status.empty()) {
      ev["hindsight"] = totalsJson(r.hindsight);
      // What the forecast error cost: the re-dispatched plan against the plan in hindsight.
      ev["forecast_error_cost"] = savingsJson(r.redispatched, r.hindsight);
    }
    out.summary["actual"] = std::move(ev);
  }
  out.warnings = r.warnings;

  const Dispatch& d = s.dispatch;
  ops::ResultTable hoursT;
  hoursT.name = "hours";
  hoursT.columns = {"hour", "cooling_kwh", "heating_kwh", "band", "yen_per_kwh", "co2_kg_per_kwh", "dry_bulb_c",
                    "plan_electricity_kwh", "baseline_electricity_kwh", "dump_kwh", "plan_cop", "baseline_cop"};
  if (r.evaluated) {
    hoursT.columns.insert(hoursT.columns.end(), {"actual_cooling_kwh", "actual_heating_kwh",
                                                 "redispatch_electricity_kwh"});
  }
  const auto byHour = [](const PlanFigures& f, int t) {
    return f.present ? num(round3(f.totals.electricityByHourKwh[static_cast<std::size_t>(t)])) : ops::Json(nullptr);
  };
  const auto copAt = [](const PlanFigures& f, int t) {
    return f.present ? num(round3(f.copByHour[static_cast<std::size_t>(t)])) : ops::Json(nullptr);
  };
  for (int t = 0; t < r.hours; ++t) {
    const auto ts = static_cast<std::size_t>(t);
    std::vector<ops::Json> row = {core::formatHourKeyJst(r.start + t),
                                  round3(r.input.coolingKwh[ts]),
                                  round3(r.input.heatingKwh[ts]),
                                  r.band[ts],
                                  r.price[ts],
                                  r.co2[ts],
                                  num(r.input.dryBulb(t)),
                                  byHour(r.plan, t),
                                  byHour(r.baseline, t),
                                  round3(d.dumpKwh[0][ts] + d.dumpKwh[1][ts]),
                                  copAt(r.plan, t),
                                  copAt(r.baseline, t)};
    if (r.evaluated) {
      row.push_back(round3(r.actualInput.coolingKwh[ts]));
      row.push_back(round3(r.actualInput.heatingKwh[ts]));
      row.push_back(byHour(r.redispatched, t));
    }
    hoursT.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(hoursT));

  ops::ResultTable disp;
  disp.name = "dispatch";
  disp.keyColumns = 2;
  disp.columns = {"hour", "unit", "type", "on", "mode", "output_kwh", "input_kwh", "cop"};
  for (int t = 0; t < r.hours; ++t)
    for (std::size_t u = 0; u < r.unitIds.size(); ++u) {
      const UnitHour& h = d.units[u][static_cast<std::size_t>(t)];
      disp.rows.push_back({core::formatHourKeyJst(r.start + t), r.unitIds[u], r.unitModes[u], h.on,
                           h.on ? ops::Json(carrierName(h.mode)) : ops::Json(nullptr), round3(h.outputKw),
                           round3(h.inputKw), h.on && h.inputKw > 0 ? num(round3(h.outputKw / h.inputKw)) : ops::Json(nullptr)});
    }
  out.tables.push_back(std::move(disp));

  ops::ResultTable st;
  st.name = "storage";
  st.keyColumns = 2;
  st.columns = {"hour", "storage", "charge_kwh", "discharge_kwh", "level_kwh"};
  for (int t = 0; t < r.hours; ++t)
    for (std::size_t k = 0; k < r.storageIds.size(); ++k) {
      const StorageHour& h = d.storage[k][static_cast<std::size_t>(t)];
      st.rows.push_back({core::formatHourKeyJst(r.start + t), r.storageIds[k], round3(h.chargeKwh), round3(h.dischargeKwh),
                         round3(h.levelKwh)});
    }
  out.tables.push_back(std::move(st));

  if (!r.buildings.empty()) {
    ops::ResultTable bt;
    bt.name = "building_demand";
    bt.keyColumns = 2;
    bt.columns = {"hour", "building", "cooling_kwh", "heating_kwh"};
    for (int t = 0; t < r.hours; ++t)
      for (const BuildingDemand& b : r.buildings) {
        const auto ts = static_cast<std::size_t>(t);
        bt.rows.push_back({core::formatHourKeyJst(r.start + t), b.buildingId, num(round3(b.coolingKwh[ts])),
                           num(round3(b.heatingKwh[ts]))});
      }
    out.tables.push_back(std::move(bt));
  }
  return out;
}

}  // namespace ekm::energy
