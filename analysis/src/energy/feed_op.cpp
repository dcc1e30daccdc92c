// Operation energy-feed: reads the project's aggregated data into EcoInputs, builds the
// feed (eco_feed.cpp) and writes its JSON and signage page.
#include "ekm/energy/feed_op.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/energy/building_cells.h"
#include "ekm/energy/plan_op.h"
#include "ekm/flow/store_series.h"
#include "ekm/geo/length.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/params.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/ridership_store.h"
#include "ekm/store/run_store.h"
#include "ekm/store/transit_store.h"

namespace ekm::energy {
namespace {

ops::ParamError paramError(const std::string& field, const std::string& message, const std::string& expected,
                           const std::string& found) {
  return ops::ParamError(message, core::ErrorContext{{}, {}, {}, field, expected, found});
}

std::optional<std::chrono::year_month_day> dateParam(const std::string& field, const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto d = core::parseDate(text);
  if (!d) throw paramError(field, "not a date", "YYYY-MM-DD", text);
  return d;
}

std::string isoDay(const flow::LocalCalendar& cal, core::HourKey t) {
  return core::formatHourKeyJst(cal.hourKey(cal.localDay(t), 0)).substr(0, 10);
}

double presentSum(const flow::HourlySeries& s) {
  double sum = 0;
  for (double v : s.values)
    if (!std::isnan(v)) sum += v;
  return sum;
}

// Person-km walked on the counted segments: pedestrian count x segment length.
EcoModeTotal walking(const store::Project& project, core::HourKey from, core::HourKey to, core::Feedback& feedback) {
  EcoModeTotal m;
  if (!project.timeRange("segment_counts")) return m;
  std::unordered_map<std::string, double> lengthM;
  for (const store::SegmentRecord& s : project.segments()) lengthM[s.segmentId] = s.lengthM;
  flow::SeriesQuery q;
  q.from = from;
  q.to = to - 1;
  q.mode = store::TravelMode::Pedestrian;
  int counted = 0;
  for (const auto& [id, series] : flow::loadAllSeries(project, flow::FeatureKind::Segment, q, feedback)) {
    if (series.presentCount() == 0) continue;
    const double n = presentSum(series);
    ++counted;
    m.people += n;
    m.personKm += n * lengthM[id] / 1000.0;
  }
  m.present = counted > 0;
  m.basis = "pedestrian counts x segment length on " + std::to_string(counted) + " counted segments";
  return m;
}

// Bus passenger-km: the on-board load between stops (boardings - alightings in the trip's
// stop order) x the geodesic stop-to-stop distance where alightings are recorded; else
// boardings x the assumed ride.
EcoModeTotal bus(const store::Project& project, const std::string& fromDay, const std::string& toDay, double rideKm) {
  EcoModeTotal m;
  std::vector<store::RidershipRecord> records;
  for (auto& r : store::readRidership(project))
    if (r.date >= fromDay && r.date <= toDay) records.push_back(std::move(r));
  if (records.empty()) return m;
  const store::GtfsFeed feed = store::readGtfsFeed(project);
  std::unordered_map<std::string, std::int32_t> tripIndex;
  for (std::size_t i = 0; i < feed.trips.size(); ++i) tripIndex[feed.trips[i].tripId] = static_cast<std::int32_t>(i);
  std::vector<std::pair<std::size_t, std::size_t>> tripTimes(feed.trips.size(), {0, 0});  // [first, last)
  for (std::size_t i = 0; i < feed.stopTimes.size(); ++i) {
    auto& [a, b] = tripTimes[static_cast<std::size_t>(feed.stopTimes[i].trip)];
    if (a == b) a = i;
    b = i + 1;
  }
  // (date, trip) -> stop id -> (boardings, alightings)
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::pair<double, double>>> loads;
  double assumedBoardings = 0;
  for (const auto& r : records) {
    m.people += static_cast<double>(r.boardings);
    if (r.layout == "stop-trip" && r.alightings && tripIndex.count(r.tripId)) {
      auto& s = loads[{r.date, r.tripId}][r.stopId];
      s.first += static_cast<double>(r.boardings);
      s.second += static_cast<double>(*r.alightings);
    } else {
      assumedBoardings += static_cast<double>(r.boardings);
    }
  }
  for (const auto& [key, stops] : loads) {
    const auto [a, b] = tripTimes[static_cast<std::size_t>(tripIndex.at(key.second))];
    double load = 0;
    for (std::size_t i = a; i < b; ++i) {
      const store::GtfsStop& stop = feed.stops[static_cast<std::size_t>(feed.stopTimes[i].stop)];
      if (const auto it = stops.find(stop.stopId); it != stops.end()) load += it->second.first - it->second.second;
      if (i + 1 < b && load > 0) {
        const store::GtfsStop& next = feed.stops[static_cast<std::size_t>(feed.stopTimes[i + 1].stop)];
        m.personKm += load * geo::geodesicDistanceM(stop.position.lon, stop.position.lat, next.position.lon,
                                                    next.position.lat) / 1000.0;
      }
    }
  }
  m.personKm += assumedBoardings * rideKm;
  m.present = true;
  m.basis = std::to_string(loads.size()) + " trips by on-board load x stop distance";
  if (assumedBoardings > 0) m.basis += "; other boardings x " + std::to_string(rideKm).substr(0, 4) + " km";
  return m;
}

// Stored mesh cells the DHC buildings stand on (any stored level).
std::string buildingsCells(const store::Project& project, const std::vector<Building>& buildings) {
  std::set<std::string> stored, levels, chosen;
  for (const store::MeshCellRecord& c : project.meshCells()) {
    stored.insert(c.meshCode);
    levels.insert(c.level);
  }
  for (const Building& b : buildings)
    for (mesh::MeshLevel l : {mesh::MeshLevel::Third, mesh::MeshLevel::Half, mesh::MeshLevel::Quarter, mesh::MeshLevel::Eighth}) {
      if (!levels.count(mesh::levelName(l))) continue;
      for (const CellShare& c : buildingCells(b, l))
        if (stored.count(c.meshCode)) chosen.insert(c.meshCode);
    }
  std::string out;
  for (const std::string& c : chosen) out += (out.empty() ? "" : ",") + c;
  return out;
}

// Hour-of-day means of a population series by day type.
EcoCrowding crowding(const flow::HourlySeries& pop, const flow::LocalCalendar& cal) {
  EcoCrowding c;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    if (std::isnan(pop.values[i])) continue;
    const core::HourKey t = pop.start + static_cast<core::HourKey>(i);
    const int d = cal.dayType(cal.localDay(t)) == core::DayType::Weekday ? 0 : 1;
    const auto h = static_cast<std::size_t>(cal.localHour(t));
    c.sum[static_cast<std::size_t>(d)][h] += pop.values[i];
    c.days[static_cast<std::size_t>(d)][h] += 1;
    c.present = true;
  }
  return c;
}

// Building energy by meter kind over the hours where every meter of the kind and the
// population are present, with the person-hours of those hours.
std::vector<EcoEnergyTotal> energyPerVisitor(const std::vector<MeterSeries>& meters, const flow::HourlySeries& pop,
                                             core::HourKey from, core::HourKey to) {
  std::map<std::string, std::vector<const MeterSeries*>> byKind;
  for (const MeterSeries& m : meters) byKind[meterKindName(m.kind)].push_back(&m);
  std::vector<EcoEnergyTotal> out;
  for (const auto& [kind, series] : byKind) {
    EcoEnergyTotal e;
    e.meter = kind;
    for (core::HourKey t = from; t < to; ++t) {
      const double p = pop.at(t);
      if (std::isnan(p)) continue;
      double sum = 0;
      bool complete = true;
      for (const MeterSeries* m : series) {
        const double v = m->series.at(t);
        complete = complete && !std::isnan(v);
        sum += std::isnan(v) ? 0 : v;
      }
      if (!complete) continue;
      e.energyKwh += sum;
      e.personHours += p;
      ++e.hours;
    }
    if (e.hours > 0) out.push_back(e);
  }
  return out;
}

EcoPlantHours plantFromRun(store::Project& project, const std::string& runName) {
  const auto run = store::findRun(project, runName);
  if (!run) throw paramError("plan_run", "no such stored run", "a run id or name (ekimachi-cli runs list)", runName);
  for (const store::RunStepRecord& s : store::runSteps(project, run->fid))
    if (s.op == "energy-plan")
      return ecoPlantHours(ops::opResultFromJson(ops::Json::parse(s.resultJson)),
                        "plan: run " + std::to_string(run->fid) + " (" + run->name + "), step " + s.stepId);
  throw paramError("plan_run", "the run has no energy-plan step", "a run with an energy-plan step", runName);
}

EcoPlantHours plantFromFile(ops::Session& session, const EnergyFeedParams& p, const flow::LocalCalendar& cal,
                            core::HourKey periodEnd, core::Feedback& feedback) {
  core::HourKey last = 0;
  for (const auto& s : store::energySeries(session.project(), "building"))
    if ((s.quantity == "cooling" || s.quantity == "heating") && s.values > 0) last = std::max(last, s.last + 1);
  if (last == 0) throw paramError("plant", "the project has no cooling or heating meters to plan for", "metered demand", p.plant);
  const core::HourKey end = std::min(periodEnd, last);
  PlanParams pp;
  pp.plant = p.plant;
  pp.days = p.plan_days;
  pp.from = isoDay(cal, cal.hourKey(cal.localDay(end - 1) - p.plan_days + 1, 0));
  pp.hindsight = false;
  const ops::OpResult plan = PlanOp::record(ops::run<PlanOp>(session, pp, feedback));
  return ecoPlantHours(plan, "plan: energy-plan of " + std::filesystem::path(p.plant).filename().string() + " from " + *pp.from + ", " + std::to_string(p.plan_days) +
                              " day(s), objective cost");
}

void writeText(const std::string& path, const std::string& text, const std::string& field) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw core::IoError("cannot write the feed", core::ErrorContext{path, {}, {}, field, "a writable file", ""});
}

}  // namespace

EcoPlantHours ecoPlantHours(const ops::OpResult& plan, const std::string& source) {
  EcoPlantHours p;
  const ops::ResultTable* t = plan.table("hours");
  if (!t) return p;
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < t->columns.size(); ++i) col[t->columns[i]] = i;
  for (const char* c : {"hour", "cooling_kwh", "heating_kwh", "co2_kg_per_kwh", "plan_electricity_kwh"})
    if (!col.count(c)) return p;
  const auto val = [&](const std::vector<ops::Json>& row, const char* c) {
    const ops::Json& v = row[col[c]];
    return v.is_number() ? v.get<double>() : std::nan("");
  };
  // The tanks' charge, discharge and end-of-hour level per hour (summed over the tanks).
  struct TankHour {
    double charge = 0, discharge = 0, level = 0;
  };
  std::map<std::string, TankHour> tanks;
  if (const ops::ResultTable* st = plan.table("storage")) {
    std::map<std::string, std::size_t> sc;
    for (std::size_t i = 0; i < st->columns.size(); ++i) sc[st->columns[i]] = i;
    if (sc.count("hour") && sc.count("charge_kwh") && sc.count("discharge_kwh") && sc.count("level_kwh"))
      for (const auto& row : st->rows) {
        const auto num = [&](const char* c) { return row[sc[c]].is_number() ? row[sc[c]].get<double>() : 0.0; };
        TankHour& h = tanks[row[sc["hour"]].get<std::string>()];
        h.charge += num("charge_kwh");
        h.discharge += num("discharge_kwh");
        h.level += num("level_kwh");
      }
  }
  // The period's mean intensity of the heat the units made: the initial content's.
  double co2All = 0, madeAll = 0;
  for (const auto& row : t->rows) {
    const double e = val(row, "plan_electricity_kwh");
    if (std::isnan(e)) continue;
    const TankHour& f = tanks[row[col["hour"]].get<std::string>()];
    co2All += e * val(row, "co2_kg_per_kwh");
    madeAll += std::max(0.0, val(row, "cooling_kwh") + val(row, "heating_kwh") + f.charge - f.discharge);
  }
  const double meanIntensity = madeAll > 0 ? co2All / madeAll : 0;
  // The content before the first hour (its level plus what left minus what came in; the
  // efficiencies are not in the tables) at the mean intensity. Each hour the charge's CO2 is
  // mixed into the content; in an hour with a discharge the level left keeps its share of the
  // CO2 and the rest leaves with the heat delivered (so standing and efficiency losses ride on
  // it), and the period's CO2 is conserved up to what the tanks hold at its end.
  double content = 0;
  if (!t->rows.empty()) {
    const TankHour& f = tanks[t->rows.front()[col["hour"]].get<std::string>()];
    content = std::max(0.0, f.level - f.charge + f.discharge);
  }
  double embodied = content * meanIntensity;  // kg-CO2 in the tanks
  for (const auto& row : t->rows) {
    const std::string iso = row[col["hour"]].get<std::string>();
    const auto h = static_cast<std::size_t>(std::stoi(iso.substr(11, 2)));
    const double e = val(row, "plan_electricity_kwh");
    if (std::isnan(e)) continue;
    const double delivered = val(row, "cooling_kwh") + val(row, "heating_kwh");
    const TankHour& f = tanks[iso];
    const double co2 = e * val(row, "co2_kg_per_kwh");
    const double made = std::max(0.0, delivered + f.charge - f.discharge);
    const double intensity = made > 0 ? co2 / made : meanIntensity;
    // CO2 leaves the tanks only with a discharge, in the share of the content it takes; losses
    // in hours without one stay in and raise the content's intensity.
    const double mixed = embodied + f.charge * intensity;
    const double held = f.discharge <= 0 ? mixed
                        : content + f.charge > 0 ? mixed * std::clamp(f.level / (content + f.charge), 0.0, 1.0)
                                                 : 0.0;
    p.electricityKwh[h] += e;
    p.deliveredKwh[h] += delivered;
    p.co2Kg[h] += co2 - f.charge * intensity + (mixed - held);
    embodied = held;
    content = f.level;
    p.present = true;
  }
  p.source = source;
  return p;
}

void EnergyFeedParams::validate() const {
  const auto f = dateParam("from", from), t = dateParam("to", to);
  if (f && t && std::chrono::sys_days(*t) < std::chrono::sys_days(*f))
    throw paramError("to", "the period ends before it starts", ">= from", to);
  if (open_to <= open_from)
    throw paramError("open_to", "the opening hours are empty", "> open_from (" + std::to_string(open_from) + ")",
                     std::to_string(open_to));
  if (!plan_run.empty() && !plant.empty())
    throw paramError("plant", "give plan_run or plant, not both", "one source of the plant's hours", plant);
}

EnergyFeedResult EnergyFeedOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const flow::LocalCalendar& cal = flow::japanCalendar();
  store::Project& project = session.project();
  core::HourKey from = 0, to = 0;
  const auto range = project.timeRange("mesh_population") ? project.timeRange("mesh_population")
                                                          : project.timeRange("segment_counts");
  if (const auto f = dateParam("from", p.from)) from = cal.hourKey(*f, 0);
  else if (range) from = range->first;
  if (const auto t = dateParam("to", p.to)) to = cal.hourKey(*t, 0) + 24;
  else if (range) to = range->last + 1;
  if (to <= from)
    throw paramError(p.from.empty() ? "to" : "from", "the period holds no hours (no people flow in the project?)",
                     "a period with people-flow data", p.from + ".." + p.to);

  EcoInputs in;
  in.title = p.title;
  in.from = core::formatHourKeyJst(from);
  in.to = core::formatHourKeyJst(to - 1);
  in.hours = to - from;
  in.openFrom = static_cast<int>(p.open_from);
  in.openTo = static_cast<int>(p.open_to);
  in.recommend = static_cast<int>(p.recommend);
  EcoFactors factors;
  factors.carGPerPkm = p.car_g_per_pkm;
  factors.busGPerPkm = p.bus_g_per_pkm;
  factors.carShare = p.car_share;
  if (p.car_share != EcoFactors{}.carShare) factors.carShareSource = "given (car_share)";
  factors.busRideKm = p.bus_ride_km;

  core::MultiStepFeedback steps(feedback, 4);
  steps.setCurrentStep(0);
  session.recordTableRead("segment_counts");
  session.recordTableRead("road_segments");
  in.walk = walking(project, from, to, steps);
  session.recordTableRead("ridership_records");
  in.bus = bus(project, isoDay(cal, from), isoDay(cal, to - 1), p.bus_ride_km);

  steps.setCurrentStep(1);
  session.recordTableRead("energy_buildings");
  session.recordTableRead("mesh_population");
  const std::vector<Building> buildings = store::readBuildings(project);
  std::string cells = buildingsCells(project, buildings);
  if (cells.empty()) {
    in.warnings.push_back("no stored mesh cell holds a DHC building: crowding over all the project's cells, no energy per visitor");
    for (const store::MeshCellRecord& c : project.meshCells()) cells += (cells.empty() ? "" : ",") + c.meshCode;
  }
  flow::HourlySeries pop;
  if (!cells.empty() && project.timeRange("mesh_population")) {
    flow::SeriesQuery q;
    q.from = from;
    q.to = to - 1;
    pop = flow::loadSeries(project, flow::FeatureKind::Cell, cells, q);
  }
  steps.throwIfCancelled();
  in.crowding = crowding(pop, cal);
  if (!buildings.empty() && !pop.empty()) {
    session.recordTableRead("energy_meter_days");
    in.energy = energyPerVisitor(store::readMeters(project, from, to), pop, from, to);
  }

  steps.setCurrentStep(2);
  if (!p.plan_run.empty()) {
    session.recordTableRead("ekm_runs");
    in.plant = plantFromRun(project, p.plan_run);
  } else if (!p.plant.empty()) {
    in.plant = plantFromFile(session, p, cal, to, steps);
  }

  steps.setCurrentStep(3);
  EnergyFeedResult r;
  r.feed = buildEcoFeed(in, factors, io::formatNgsiDateTime(static_cast<std::int64_t>(std::time(nullptr))));
  r.out = session.resolve(p.out);
  writeText(r.out, ecoFeedJson(r.feed).dump(2) + "\n", "out");
  if (!p.html.empty()) {
    r.html = session.resolve(p.html);
    writeText(r.html, ecoFeedHtml(r.feed), "html");
  }
  feedback.setProgress(100);
  return r;
}

ops::OpResult EnergyFeedOp::record(const Result& r) {
  const EcoFeed& f = r.feed;
  ops::OpResult out;
  const auto hours = [](const std::vector<int>& v) { return ops::Json(v); };
  out.summary = {{"from", f.from},
                 {"to", f.to},
                 {"hours", f.hours},
                 {"co2_avoided_total_kg", f.co2TotalKg},
                 {"quiet_hours_weekday", hours(f.quietWeekday)},
                 {"quiet_hours_holiday", hours(f.quietHoliday)},
                 {"clean_hours", hours(f.cleanHours)},
                 {"suppressed_values", f.suppressedValues}};
  out.tables = {f.co2, f.energy, f.crowding, f.plant};
  out.outputs.push_back(r.out);
  if (!r.html.empty()) out.outputs.push_back(r.html);
  out.warnings = f.warnings;
  for (const auto& n : f.notes) out.warnings.push_back(n);
  return out;
}

}  // namespace ekm::energy
