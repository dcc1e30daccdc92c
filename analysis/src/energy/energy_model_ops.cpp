// The energy-fit, energy-forecast and energy-verify operations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "ekm/core/error.h"
#include "ekm/energy/fit_op.h"
#include "ekm/energy/forecast_op.h"
#include "ekm/energy/verify_op.h"
#include "ekm/flow/forecast.h"
#include "ekm/flow/store_series.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/params.h"
#include "ekm/store/energy_store.h"

namespace ekm::energy {
namespace {

ops::Json num(double v) { return std::isnan(v) || std::isinf(v) ? ops::Json(nullptr) : ops::Json(v); }

ops::ParamError paramError(const std::string& field, const std::string& message, const std::string& expected,
                           const std::string& found) {
  core::ErrorContext c;
  c.field = field;
  c.expected = expected;
  c.found = found;
  return ops::ParamError(message, c);
}

std::optional<core::HourKey> dayStart(const std::string& field, const std::string& text, const flow::LocalCalendar& cal) {
  if (text.empty()) return std::nullopt;
  const auto d = core::parseDate(text);
  if (!d) throw paramError(field, "not a date", "YYYY-MM-DD", text);
  return cal.hourKey(*d, 0);
}

HourlySeries toEnergy(const flow::HourlySeries& s, const char* unit) {
  HourlySeries out;
  out.start = s.start;
  out.values = s.values;
  out.unit = unit;
  return out;
}

// Stored mesh cells holding the building's vertices or centroid, comma-separated.
std::string buildingCells(const store::Project& project, const Building& b) {
  std::vector<std::pair<double, double>> pts = b.outerRingLonLat;
  if (!pts.empty()) {
    double x = 0, y = 0;
    for (const auto& [lon, lat] : pts) {
      x += lon;
      y += lat;
    }
    pts.emplace_back(x / pts.size(), y / pts.size());
  }
  std::set<std::string> stored, levels, chosen;
  for (const store::MeshCellRecord& c : project.meshCells()) {
    stored.insert(c.meshCode);
    levels.insert(c.level);
  }
  for (mesh::MeshLevel l : {mesh::MeshLevel::Third, mesh::MeshLevel::Half, mesh::MeshLevel::Quarter, mesh::MeshLevel::Eighth}) {
    if (!levels.count(mesh::levelName(l))) continue;
    for (const auto& [lon, lat] : pts) {
      const std::string code = mesh::encode(lat, lon, l);
      if (stored.count(code)) chosen.insert(code);
    }
  }
  std::string out;
  for (const std::string& c : chosen) out += (out.empty() ? "" : ",") + c;
  return out;
}

// `history` before `from`, `forecast` over [from, to): one series for the lags' residuals.
HourlySeries spliced(const HourlySeries& history, const HourlySeries& forecast, core::HourKey from, core::HourKey to) {
  HourlySeries out;
  if (history.values.empty() && forecast.values.empty()) return out;
  out.start = history.values.empty() ? from : std::min(history.start, from);
  out.unit = history.unit;
  out.values.resize(static_cast<std::size_t>(to - out.start));
  for (core::HourKey t = out.start; t < to; ++t)
    out.values[static_cast<std::size_t>(t - out.start)] = t < from ? history.at(t) : forecast.at(t);
  return out;
}
WeatherSeries spliced(const WeatherSeries& history, const WeatherSeries& forecast, core::HourKey from, core::HourKey to) {
  WeatherSeries out = forecast;
  out.dryBulbC = spliced(history.dryBulbC, forecast.dryBulbC, from, to);
  out.relHumidityPct = spliced(history.relHumidityPct, forecast.relHumidityPct, from, to);
  out.dewPointC = spliced(history.dewPointC, forecast.dewPointC, from, to);
  out.solarWm2 = spliced(history.solarWm2, forecast.solarWm2, from, to);
  return out;
}

EnergyFitResult fitSummary(const DemandModelParams& p, const ProjectDemandModel& pm) {
  EnergyFitResult r;
  r.building = p.building;
  r.meter = p.meter;
  r.engine = p.engine;
  r.balance = pm.model.balance;
  r.training = pm.model.training;
  r.parameters = pm.model.parameterCount;
  r.occupancy = pm.model.withOccupancy;
  r.occupancyCells = pm.occupancyCells;
  r.from = core::formatHourKeyJst(pm.from);
  r.to = core::formatHourKeyJst(pm.to);
  r.intervalLevels = pm.model.intervals.levels;
  r.intervalHalfWidthsKwh = pm.model.intervals.q;
  r.warnings = pm.warnings;
  return r;
}

ops::Json fitJson(const EnergyFitResult& r) {
  return {{"building", r.building},
          {"meter", r.meter},
          {"engine", r.engine},
          {"from", r.from},
          {"to", r.to},
          {"hours", r.training.n},
          {"parameters", r.parameters},
          {"heating_balance_c", r.balance.heatingC},
          {"cooling_balance_c", r.balance.coolingC},
          {"heating_season_c", num(r.balance.heatingSeasonC)},
          {"cv_rmse", num(r.training.cvRmse)},
          {"nmbe", num(r.training.nmbe)},
          {"g14_hourly", r.training.passesHourly() ? "pass" : "fail"},
          {"occupancy", r.occupancy},
          {"occupancy_cells", r.occupancyCells}};
}

}  // namespace

void DemandModelParams::validate() const {
  if (!meterKindFromName(meter)) throw paramError("meter", "unknown meter kind", "cooling, heating, ...", meter);
  const flow::LocalCalendar cal = flow::calendarFromName(calendar);
  const auto f = dayStart("from", from, cal), t = dayStart("to", to, cal);
  if (f && t && *t < *f) throw paramError("to", "the training window ends before it starts", ">= from", to);
}

ProjectDemandModel fitProjectDemandModel(ops::Session& session, const DemandModelParams& p, core::Feedback& feedback,
                                         std::optional<core::HourKey> fitTo, int lagHorizonDays) {
  const flow::LocalCalendar cal = flow::calendarFromName(p.calendar);
  const store::Project& project = session.project();
  session.recordTableRead("energy_meter_days");
  session.recordTableRead("energy_weather_days");
  const MeterKind kind = *meterKindFromName(p.meter);
  const auto building = store::readBuilding(project, p.building);
  if (!building) throw paramError("building", "no such building in the project", "a building id of energy_buildings", p.building);
  std::optional<store::EnergySeriesInfo> info;
  for (const auto& s : store::energySeries(project, "building"))
    if (s.owner == p.building && s.quantity == meterKindName(kind)) info = s;
  if (!info || info->values == 0)
    throw paramError("meter", "the building has no such meter", "a stored meter of " + p.building, p.meter);
  ProjectDemandModel pm;
  pm.from = dayStart("from", p.from, cal).value_or(info->first);
  pm.to = fitTo ? *fitTo : dayStart("to", p.to, cal) ? *dayStart("to", p.to, cal) + 24 : info->last + 1;
  if (pm.to - pm.from < 14 * 24)
    throw paramError("to", "the training window is shorter than 14 days", ">= 14 days",
                     std::to_string((pm.to - pm.from) / 24) + " days");
  feedback.setProgress(5);
  pm.load = *store::readMeter(project, p.building, kind, pm.from, pm.to);
  const auto w = store::readWeather(project, p.site, pm.from - 7 * 24, pm.to + 15 * 24);
  if (!w) throw paramError("site", "no weather for the site", "a weather site of the project", p.site);
  pm.weather = *w;
  feedback.throwIfCancelled();
  if (p.occupancy == "cells") {
    pm.occupancyCells = buildingCells(project, *building);
    if (pm.occupancyCells.empty()) {
      pm.warnings.push_back("no stored mesh cell holds the building: fitted without the occupancy term");
    } else {
      session.recordTableRead("mesh_population");
      flow::SeriesQuery q;
      q.from = pm.from - 24 * 7 * 8;
      q.to = pm.to - 1;
      pm.occupancy = toEnergy(flow::loadSeries(project, flow::FeatureKind::Cell, pm.occupancyCells, q), "persons");
    }
  }
  feedback.setProgress(30);
  DemandModelOptions o;
  o.engine.engine = p.engine;
  o.lagHorizonDays = lagHorizonDays;
  pm.model = fitDemandModel(pm.load, pm.weather, pm.occupancy.size() ? &pm.occupancy : nullptr, pm.from, pm.to, cal, o);
  feedback.setProgress(90);
  return pm;
}

EnergyFitResult EnergyFitOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const ProjectDemandModel pm = fitProjectDemandModel(session, p, feedback);
  feedback.setProgress(100);
  return fitSummary(p, pm);
}

ops::OpResult EnergyFitOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = fitJson(r);
  out.warnings = r.warnings;
  ops::ResultTable t;
  t.name = "intervals";
  t.columns = {"level", "half_width_kwh"};
  for (std::size_t i = 0; i < r.intervalLevels.size(); ++i)
    t.rows.push_back({r.intervalLevels[i], num(r.intervalHalfWidthsKwh[i])});
  out.tables.push_back(std::move(t));
  return out;
}

void EnergyForecastParams::validate() const {
  model.validate();
  dayStart("origin", origin, flow::calendarFromName(model.calendar));
}

EnergyForecastResult EnergyForecastOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const flow::LocalCalendar cal = flow::calendarFromName(p.model.calendar);
  const auto origin = dayStart("origin", p.origin, cal);
  core::MultiStepFeedback steps(feedback, 2);
  steps.setCurrentStep(0);
  const bool wantLags = p.lags != "none";
  ProjectDemandModel pm =
      fitProjectDemandModel(session, p.model, steps, origin, wantLags ? static_cast<int>(p.horizonDays) : 0);
  const core::HourKey from = pm.to, to = from + p.horizonDays * 24;
  steps.setCurrentStep(1);
  EnergyForecastResult r;
  r.fit = fitSummary(p.model, pm);
  WeatherSeries weather = pm.weather;
  if (!p.forecastSite.empty()) {
    const auto fw = store::readWeather(session.project(), p.forecastSite, from - 7 * 24, to);
    if (!fw) throw paramError("forecast_site", "no weather for the site", "a weather site of the project", p.forecastSite);
    weather = *fw;
  }
  HourlySeries occ;
  r.occupancySource = "none";
  if (pm.model.withOccupancy) {
    flow::HourlySeries hist;
    hist.start = pm.occupancy.start;
    hist.values = pm.occupancy.values;
    hist.values.resize(static_cast<std::size_t>(std::max<core::HourKey>(0, from - hist.start)));
    flow::ForecastOptions fo;
    fo.horizonHours = static_cast<int>(p.horizonDays * 24);
    occ = toEnergy(flow::forecast(hist, from, cal, fo).mean, "persons");
    r.occupancySource = "flow forecast (regression) of " + pm.occupancyCells;
  }
  r.mode = "lag-free (lags: none)";
  if (wantLags) {
    r.mode = "lag-free (the origin is not a local midnight)";
    if (cal.localHour(from) == 0) {
      // The lags' residuals need the hours before the origin: observed weather and occupancy
      // there, the forecasts from the origin on. pm.load holds the meter only before it.
      const WeatherSeries lagWeather = p.forecastSite.empty() ? weather : spliced(pm.weather, weather, from, to);
      HourlySeries lagOcc;
      if (pm.model.withOccupancy) lagOcc = spliced(pm.occupancy, occ, from, to);
      LagForecast lf =
          forecastWithLags(pm.model, pm.load, lagWeather, lagOcc.size() ? &lagOcc : nullptr, from, to,
                           static_cast<int>(p.horizonDays), cal);
      r.mode = "lag-free (no actuals in the days before the origin)";
      if (lf.lagHours > 0) {
        r.prediction = std::move(lf.prediction);
        r.lagged = true;
        r.lagHours = lf.lagHours;
        r.lagEngine = pm.model.lags.engine;
        r.lagValidation = pm.model.lags.validation;
        r.fallbackHours = lf.fallbackHours;
        r.mode = (p.horizonDays == 1   ? std::string("day-ahead")
                  : p.horizonDays == 7 ? std::string("week-ahead")
                                       : std::to_string(p.horizonDays) + "-day-ahead") +
                 " with lagged actuals";
        if (lf.fallbackHours)
          r.fit.warnings.push_back(std::to_string(lf.fallbackHours) +
                                   " forecast hours lack a lagged actual: forecast by the lag-free model");
      }
    }
  }
  if (!r.lagged) r.prediction = predictDemand(pm.model, weather, occ.size() ? &occ : nullptr, from, to, cal);
  if (auto actual = store::readMeter(session.project(), p.model.building, *meterKindFromName(p.model.meter), from, to))
    r.actual = std::move(*actual);
  std::size_t missing = 0;
  for (double v : r.prediction.mean.values) missing += std::isnan(v);
  if (missing)
    r.fit.warnings.push_back(std::to_string(missing) + " forecast hours have no weather: left missing");
  feedback.setProgress(100);
  return r;
}

ops::OpResult EnergyForecastOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = fitJson(r.fit);
  out.summary["occupancy_source"] = r.occupancySource;
  out.summary["mode"] = r.mode;
  out.summary["lag_hours"] = r.lagHours;
  out.summary["fallback_hours"] = r.fallbackHours;
  out.summary["lag_engine"] = r.lagEngine.empty() ? "none" : r.lagEngine;
  for (const LagStage::Validation& v : r.lagValidation)
    out.summary["lag_validation_cv_" + v.engine] = num(v.cvRmse);
  out.summary["hours"] = r.prediction.mean.size();
  double total = 0;
  for (double v : r.prediction.mean.values) total += std::isnan(v) ? 0 : v;
  out.summary["forecast_total_kwh"] = total;
  out.warnings = r.fit.warnings;
  ops::ResultTable t;
  t.name = "forecast";
  t.columns = {"datetime", "demand_kwh"};
  for (const auto& pi : r.prediction.intervals) {
    const std::string lv = std::to_string(static_cast<int>(std::lround(pi.level * 100)));
    t.columns.push_back("lo" + lv);
    t.columns.push_back("hi" + lv);
  }
  t.columns.push_back("actual_kwh");
  for (std::size_t i = 0; i < r.prediction.mean.size(); ++i) {
    const core::HourKey hour = r.prediction.mean.start + static_cast<core::HourKey>(i);
    std::vector<ops::Json> row = {core::formatHourKeyJst(hour), num(r.prediction.mean.values[i])};
    for (const auto& pi : r.prediction.intervals) {
      row.push_back(num(pi.low[i]));
      row.push_back(num(pi.high[i]));
    }
    row.push_back(num(r.actual.at(hour)));
    t.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(t));
  return out;
}

void EnergyVerifyParams::validate() const {
  model.validate();
  const flow::LocalCalendar cal = flow::calendarFromName(model.calendar);
  const auto c = dayStart("change", change, cal);
  const auto f = dayStart("from", model.from, cal), t = dayStart("to", model.to, cal);
  if (c && f && *c <= *f) throw paramError("change", "the change must come after the baseline start", "> from", change);
  if (c && t && *c > *t) throw paramError("change", "the change must come before the reporting end", "<= to", change);
}

EnergyVerifyResult EnergyVerifyOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const flow::LocalCalendar cal = flow::calendarFromName(p.model.calendar);
  const core::HourKey change = *dayStart("change", p.change, cal);
  // Read everything over the whole span (fitProjectDemandModel reads; the fit itself is
  // redone by verifySavings on the baseline period only).
  DemandModelParams all = p.model;
  ProjectDemandModel pm = fitProjectDemandModel(session, all, feedback);
  EnergyVerifyResult r;
  r.building = p.model.building;
  r.meter = p.model.meter;
  r.warnings = pm.warnings;
  if (!(change > pm.from && change < pm.to))
    throw paramError("change", "the change date is outside the meter's data", "inside the data", p.change);
  VerifyOptions o;
  o.model.engine.engine = p.model.engine;
  o.confidence = p.confidence;
  r.savings = verifySavings(pm.load, pm.weather, pm.occupancy.size() ? &pm.occupancy : nullptr, pm.from, change, pm.to,
                            cal, o);
  if (!r.savings.baselineFit.passesHourly())
    r.warnings.push_back("the baseline model does not meet G14's hourly criteria (CV(RMSE) <= 30%, |NMBE| <= 10%)");
  if (change - pm.from < 365 * 24)
    r.warnings.push_back("the baseline period covers " + std::to_string((change - pm.from) / 24) +
                         " days, less than a year: IPMVP asks for a full cycle of operating conditions");
  if (!r.savings.monthsOutsideBaselineWeather.empty()) {
    std::string months;
    for (const auto& [ym, mean] : r.savings.monthsOutsideBaselineWeather) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%s%04d-%02d (%.1f C)", months.empty() ? "" : ", ", ym / 100, ym % 100, mean);
      months += buf;
    }
    char range[64];
    std::snprintf(range, sizeof range, "%.1f-%.1f C", r.savings.baselineMonthlyMinC, r.savings.baselineMonthlyMaxC);
    r.warnings.push_back("reporting months outside the baseline's weather (monthly mean dry bulb " + std::string(range) +
                         "), their savings are extrapolated: " + months);
  }
  if (!(r.savings.fractionalUncertainty68 <= 0.5))
    r.warnings.push_back("the fractional savings uncertainty at 68 % confidence is above G14's 50 %: the savings are "
                         "not distinguishable from the model's error");
  feedback.setProgress(100);
  return r;
}

ops::OpResult EnergyVerifyOp::record(const Result& r) {
  ops::OpResult out;
  const SavingsResult& s = r.savings;
  out.summary = {{"building", r.building},
                 {"meter", r.meter},
                 {"baseline_cv_rmse", num(s.baselineFit.cvRmse)},
                 {"baseline_nmbe", num(s.baselineFit.nmbe)},
                 {"baseline_hours", s.baselineFit.n},
                 {"rho", num(s.rho)},
                 {"n_effective", num(s.nEffective)},
                 {"t", num(s.t)},
                 {"adjusted_baseline_kwh", num(s.total.adjustedBaselineKwh)},
                 {"actual_kwh", num(s.total.actualKwh)},
                 {"avoided_kwh", num(s.total.avoidedKwh)},
                 {"savings_fraction", num(s.total.savingsFraction)},
                 {"uncertainty_kwh", num(s.total.uncertaintyKwh)},
                 {"fractional_savings_uncertainty", num(s.total.fractionalUncertainty)},
                 {"fractional_savings_uncertainty_68", num(s.fractionalUncertainty68)},
                 {"g14_savings_reportable", s.fractionalUncertainty68 <= 0.5}};
  out.warnings = r.warnings;
  ops::ResultTable t;
  t.name = "savings";
  t.columns = {"month", "hours", "adjusted_baseline_kwh", "actual_kwh", "avoided_kwh", "uncertainty_kwh",
               "cumulative_avoided_kwh", "cumulative_uncertainty_kwh"};
  for (const SavingsPeriod& m : s.months)
    t.rows.push_back({std::to_string(m.yearMonth / 100) + "-" + (m.yearMonth % 100 < 10 ? "0" : "") +
                          std::to_string(m.yearMonth % 100),
                      m.hours, num(m.adjustedBaselineKwh), num(m.actualKwh), num(m.avoidedKwh), num(m.uncertaintyKwh),
                      num(m.cumulativeAvoidedKwh), num(m.cumulativeUncertaintyKwh)});
  out.tables.push_back(std::move(t));
  return out;
}

}  // namespace ekm::energy
