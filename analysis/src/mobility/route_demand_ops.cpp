// The route-demand and candidate-comparison operations (route_demand_ops.h).
#include "ekm/mobility/route_demand_ops.h"

#include <cmath>
#include <cstdio>
#include <fstream>

#include "ekm/ops/result_geometry.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mobility/ridership.h"
#include "ekm/mobility/route_demand_calibration.h"
#include "ekm/ops/registry.h"
#include "ekm/store/project.h"
#include "ekm/store/ridership_store.h"

namespace ekm::mobility {

namespace {

ops::Json num(double v) { return std::isfinite(v) ? ops::Json(v) : ops::Json(); }

// A number the calibration stored in the project (ekm_meta), if any.
std::optional<double> calibrationNumber(const store::Project& project, const char* key, const char* expected) {
  const auto v = project.meta(key);
  if (!v) return std::nullopt;
  try {
    return std::stod(*v);
  } catch (const std::exception&) {
    throw core::ValidationError("the project's bus constant calibration is not a number",
                                {project.path(), std::nullopt, std::nullopt, key, expected, *v});
  }
}

struct Prepared {
  ServiceDay day;
  TransitNetwork base;      // the feed's network on the day
  TransitNetwork edited;    // with the service edits
  std::vector<std::string> edits;
  DemandContext context;
  // The KPI's current trend (mobility-kpi) and the area's share of it.
  std::optional<double> trendAnnual;
  std::string trendNote;
  double areaShare = 1;
  double kpiTarget = 4.0e6;
  KpiProjection kpi(double with, double without) const {
    if (!trendAnnual) {
      KpiProjection k;
      k.note = trendNote;
      k.target = kpiTarget;
      return k;
    }
    auto k = projectKpi(*trendAnnual, areaShare, with, without, kpiTarget);
    k.note = trendNote;
    return k;
  }
};

// The KPI trend of the project's ridership records, when it has any.
void readKpiTrend(ops::Session& session, const store::GtfsFeed& feed, Prepared& out) {
  const auto& project = session.project();
  const auto share = calibrationNumber(project, kCalibratedShareKey, "a share");
  out.areaShare = share.value_or(1.0);
  const auto records = store::readRidership(project);
  session.recordTableRead("ridership_records");
  if (records.empty()) {
    out.trendNote = "no ridership records: no KPI projection (mobility ridership-import)";
    return;
  }
  const auto kpis = ridershipKpis(feed, records, KpiOptions{});
  if (kpis.projection.method.empty()) {
    out.trendNote = "fewer than 2 months of ridership records: no KPI trend";
    return;
  }
  out.trendAnnual = kpis.projection.projectedAnnual;
  out.trendNote = "trend " + kpis.projection.method + " to " + kpis.projection.latestMonth + "; area share " +
                  std::to_string(out.areaShare) + (share ? " (calibration)" : " (no calibration: 1)");
}

Prepared prepare(ops::Session& session, const RouteDemandCommon& p, core::MultiStepFeedback& steps) {
  Prepared out;
  const auto feed = projectFeed(session);
  out.day = p.day.resolve(feed);
  out.base = transitNetworkFromFeed(feed, out.day);
  out.edited = out.base;
  ServiceEditsOptions eo;
  eo.resolve = [&session](const std::string& f) {
    const auto path = session.resolve(f);
    session.recordInputFile(path);
    return path;
  };
  out.edits = applyServiceEdits(out.edited, serviceEditsJson(p.service_edits), eo).applied;  // before the long work
  DemandContextOptions o;
  o.date = populationDateFor(session.project(), out.day.dayType, p.demand_date, p.day.date);
  o.network = p.network;
  o.deterrence = p.deterrence;
  out.kpiTarget = p.kpi_target;
  readKpiTrend(session, feed, out);
  out.context = demandContext(session, o, steps);
  return out;
}

ops::Json kpiJson(const KpiProjection& k) {
  if (!k.available) return {{"kpi_projection", k.note}};
  return {{"kpi_trend_annual", k.trendAnnual},         {"kpi_area_share", k.areaShare},
          {"kpi_projected_annual", k.projectedAnnual}, {"kpi_target", k.target},
          {"kpi_gap_to_target", k.gap},                {"kpi_projection", k.note}};
}

TransitNetwork without(TransitNetwork n, const std::string& id) {
  const int r = n.routeIndex(id);
  if (r >= 0) n.routes.erase(n.routes.begin() + r);
  return n;
}

ops::Json figuresJson(const RouteFigures& f) {
  return {{"riders_day", f.ridersDay},          {"peak_hour", f.peakHour}, {"denied_day", f.deniedDay},
          {"peak_hour_riders", f.peakHourRiders}, {"trips_per_day", f.tripsPerDay},
          {"vehicle_hours", f.vehicleHours},     {"riders_per_vehicle_hour", f.ridersPerVehicleHour},
          {"stops", f.stops},                    {"covered_population", f.coveredPopulation},
          {"newly_covered_population", f.newlyCoveredPopulation}};
}

// EPSG:4326 WKT of a line through stops of the network (ops::kGeometryWktColumn).
ops::Json lineWkt(const TransitNetwork& n, const std::vector<int>& stops) {
  if (stops.size() < 2) return ops::Json();
  std::string s = "LINESTRING (";
  char b[64];
  for (std::size_t i = 0; i < stops.size(); ++i) {
    const auto& st = n.stops[static_cast<std::size_t>(stops[i])];
    std::snprintf(b, sizeof b, "%s%.7f %.7f", i ? ", " : "", st.lon, st.lat);
    s += b;
  }
  return s + ")";
}

// A route's line: its main pattern's stops (the one with most trips, patterns[0]).
ops::Json routeWkt(const TransitNetwork& n, const TransitRoute& r) {
  return r.patterns.empty() ? ops::Json() : lineWkt(n, r.patterns.front().stops);
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return s;
}

void writeLoads(const std::string& path, const NetworkRun& run, const std::vector<int>& routes) {
  ops::Json features = ops::Json::array();
  for (int r : routes) {
    const auto& route = run.network.routes[static_cast<std::size_t>(r)];
    for (std::size_t p = 0; p < route.patterns.size(); ++p) {
      const auto& pat = route.patterns[p];
      const auto& load = run.choice.routes[static_cast<std::size_t>(r)].patterns[p];
      for (std::size_t k = 0; k + 1 < pat.stops.size(); ++k) {
        const auto& a = run.network.stops[static_cast<std::size_t>(pat.stops[k])];
        const auto& b = run.network.stops[static_cast<std::size_t>(pat.stops[k + 1])];
        features.push_back({{"type", "Feature"},
                            {"properties",
                             {{"route_id", route.id}, {"pattern_id", pat.id}, {"seq", k + 1}, {"from_stop", a.id},
                              {"to_stop", b.id}, {"on_board", load.onBoard[k]}, {"peak_on_board", load.peakOnBoard[k]}}},
                            {"geometry", {{"type", "LineString"}, {"coordinates", {{a.lon, a.lat}, {b.lon, b.lat}}}}}});
      }
    }
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw core::IoError("cannot write the loads", {path, std::nullopt, std::nullopt, "out_loads", "a writable file", ""});
  out << ops::Json{{"type", "FeatureCollection"}, {"features", features}}.dump() << "\n";
}

}  // namespace

KpiProjection projectKpi(double trendAnnual, double areaShare, double ridersWith, double ridersWithout, double target) {
  KpiProjection k;
  k.trendAnnual = trendAnnual;
  k.areaShare = areaShare;
  k.ridersWith = ridersWith;
  k.ridersWithout = ridersWithout;
  k.target = target;
  k.available = ridersWithout > 0;
  const double ratio = k.available ? ridersWith / ridersWithout : 1.0;
  k.projectedAnnual = trendAnnual * (1 - areaShare + areaShare * ratio);
  k.gap = target - k.projectedAnnual;
  return k;
}

std::optional<double> calibratedBusConstant(const store::Project& project) {
  return calibrationNumber(project, kCalibratedConstantKey, "minutes");
}

std::string ChoiceFields::constantSource(std::optional<double> calibrated) const {
  return bus_constant_min ? "given" : calibrated ? "calibrated" : "default";
}

ChoiceParams ChoiceFields::params(std::optional<double> calibrated) const {
  ChoiceParams p;
  p.walkWeight = walk_weight;
  p.waitWeight = wait_weight;
  p.waitCapMin = wait_cap_min;
  p.fareYen = fare_yen;
  p.valueOfTimeYenPerMin = value_of_time;
  p.constantMin = bus_constant_min ? *bus_constant_min : calibrated ? *calibrated : kDefaultBusConstantMin;
  p.vehicleCapacity = vehicle_seats + vehicle_standing;
  p.scalePerMin = logit_scale;
  p.maxAccessMin = max_access_min;
  return p;
}

void RouteDemandCommon::validate() const {
  day.validate();
  network.validate();
  if (!demand_date.empty() && !core::parseDate(demand_date))
    demand::throwParam("invalid date", "demand_date", "YYYY-MM-DD", demand_date);
  // service_edits: checked field by field as read (service_edits.h)
}

void RouteDemandParams::validate() const {
  RouteDemandCommon::validate();
  if (!route_id.empty() && !candidate.empty())
    demand::throwParam("give a route or a candidate, not both", "candidate", "route_id or candidate", "both");
}

void CompareCandidatesParams::validate() const {
  RouteDemandCommon::validate();
  if (candidates.empty() && route_ids.empty())
    demand::throwParam("nothing to compare", "candidates", "candidate files or route ids", "none");
}

RouteDemandResult RouteDemandOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  core::MultiStepFeedback steps(feedback, 3);
  auto prep = prepare(session, params, steps);
  RouteDemandResult r;
  r.date = prep.day.date;
  r.demandDate = prep.context.date;
  r.edits = prep.edits;
  r.warnings = prep.context.warnings;
  auto net = prep.edited;
  if (!params.candidate.empty()) {
    const auto path = demand::inputPath(session, params.candidate);
    r.focus = net.routes[static_cast<std::size_t>(addCandidateRoute(net, path))].id;
  } else if (!params.route_id.empty()) {
    if (net.routeIndex(params.route_id) < 0)
      demand::throwParam("no such route running on " + prep.day.date, "route_id", "a route of the feed", params.route_id);
    r.focus = params.route_id;
  }
  const auto calibrated = calibratedBusConstant(session.project());
  const auto choice = params.choice.params(calibrated);
  r.busConstantMin = choice.constantMin;
  r.busConstantSource = params.choice.constantSource(calibrated);
  steps.setCurrentStep(1);
  r.with = runNetwork(prep.context, net, choice, steps);
  steps.setCurrentStep(2);
  r.without = runNetwork(prep.context, r.focus.empty() ? prep.base : without(net, r.focus), choice, steps);
  if (!params.out_loads.empty()) {
    r.outPath = session.resolve(params.out_loads);
    std::vector<int> routes;
    for (std::size_t i = 0; i < r.with.network.routes.size(); ++i)
      if (r.focus.empty() || r.with.network.routes[i].id == r.focus) routes.push_back(static_cast<int>(i));
    writeLoads(r.outPath, r.with, routes);
  }
  r.kpi = prep.kpi(r.with.transitRiders(), r.without.transitRiders());
  return r;
}

ops::OpResult RouteDemandOp::record(const Result& r) {
  ops::OpResult out;
  const double with = r.with.transitRiders(), wo = r.without.transitRiders();
  out.summary = {{"route", r.focus.empty() ? ops::Json("(network)") : ops::Json(r.focus)},
                 {"service_date", r.date},
                 {"demand_date", r.demandDate},
                 {"trips", r.with.choice.totalTrips()},
                 {"transit_riders_with", with},
                 {"transit_riders_without", wo},
                 {"gained", with - wo},
                 {"denied_capacity", r.with.choice.totalDenied()},
                 {"bus_constant_min", r.busConstantMin},
                 {"bus_constant_source", r.busConstantSource}};
  if (const auto* f = r.focus.empty() ? nullptr : r.with.route(r.focus)) {
    out.summary.update(figuresJson(*f));
    out.summary["abstracted"] = f->ridersDay - (with - wo);
  } else {
    double vh = 0, vhWo = 0;
    for (const auto& x : r.with.routes) vh += x.vehicleHours;
    for (const auto& x : r.without.routes) vhWo += x.vehicleHours;
    out.summary["vehicle_hours"] = vh;
    out.summary["vehicle_hours_without"] = vhWo;
    out.summary["covered_population"] = r.with.coveredPopulation;
    out.summary["covered_population_without"] = r.without.coveredPopulation;
  }
  out.summary["edits"] = joined(r.edits);
  out.summary.update(kpiJson(r.kpi));
  ops::ResultTable hours{"hours", {"hour", "riders", "transit_with", "transit_without", "trips", "denied"}, 1, {}, ""};
  const auto* f = r.focus.empty() ? nullptr : r.with.route(r.focus);
  for (int h = 0; h < kDayHours; ++h) {
    const auto i = static_cast<std::size_t>(h);
    hours.rows.push_back({h, f ? f->riders[i] : r.with.choice.transit[i], r.with.choice.transit[i],
                          r.without.choice.transit[i], r.with.choice.trips[i],
                          f ? r.with.choice.routes[static_cast<std::size_t>(r.with.network.routeIndex(r.focus))].denied[i]
                            : r.with.choice.denied[i]});
  }
  ops::ResultTable routes{"routes",
                          {"route_id", "name", "candidate", "riders_without", "riders_with", "change", "vehicle_hours",
                           "trips_per_day", "covered_population", "denied", ops::kGeometryWktColumn}, 1, {},
                          ops::kWktGeometry};
  for (std::size_t i = 0; i < r.with.routes.size(); ++i) {
    const auto& x = r.with.routes[i];
    const auto* b = r.without.route(x.id);
    const double before = b ? b->ridersDay : 0.0;
    routes.rows.push_back({x.id, x.name, x.candidate, before, x.ridersDay, x.ridersDay - before, x.vehicleHours,
                           x.tripsPerDay, x.coveredPopulation, x.deniedDay, routeWkt(r.with.network, r.with.network.routes[i])});
  }
  for (std::size_t i = 0; i < r.without.routes.size(); ++i) {
    const auto& x = r.without.routes[i];
    if (!r.with.route(x.id))
      routes.rows.push_back({x.id, x.name, x.candidate, x.ridersDay, 0.0, -x.ridersDay, 0.0, 0.0, 0.0, 0.0,
                             routeWkt(r.without.network, r.without.network.routes[i])});
  }
  ops::ResultTable loads{"segment_loads",
                         {"pattern_id", "seq", "stop_id", "stop_name", "boardings", "alightings", "on_board",
                          "peak_on_board", ops::kGeometryWktColumn}, 2, {}, ops::kWktGeometry};
  for (std::size_t ri = 0; ri < r.with.network.routes.size(); ++ri) {
    const auto& route = r.with.network.routes[ri];
    if (!r.focus.empty() && route.id != r.focus) continue;
    for (std::size_t p = 0; p < route.patterns.size(); ++p) {
      const auto& pat = route.patterns[p];
      const auto& l = r.with.choice.routes[ri].patterns[p];
      for (std::size_t k = 0; k < pat.stops.size(); ++k) {
        const auto& s = r.with.network.stops[static_cast<std::size_t>(pat.stops[k])];
        // the segment leaving the stop (the last stop has none)
        const auto line = k + 1 < pat.stops.size() ? lineWkt(r.with.network, {pat.stops[k], pat.stops[k + 1]}) : ops::Json();
        loads.rows.push_back(
            {pat.id, k + 1, s.id, s.name, l.boardings[k], l.alightings[k], l.onBoard[k], l.peakOnBoard[k], line});
      }
    }
  }
  out.tables = {std::move(hours), std::move(routes), std::move(loads)};
  if (!r.outPath.empty()) out.outputs.push_back(r.outPath);
  out.warnings = r.warnings;
  return out;
}

CompareCandidatesResult CompareCandidatesOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const int n = static_cast<int>(params.candidates.size() + params.route_ids.size());
  core::MultiStepFeedback steps(feedback, 2 + n);
  auto prep = prepare(session, params, steps);
  CompareCandidatesResult r;
  r.date = prep.day.date;
  r.demandDate = prep.context.date;
  r.edits = prep.edits;
  r.warnings = prep.context.warnings;
  for (const auto& id : params.route_ids)
    if (prep.edited.routeIndex(id) < 0)
      demand::throwParam("no such route running on " + prep.day.date, "route_ids", "routes of the feed", id);
  std::vector<std::string> paths;
  for (const auto& c : params.candidates) paths.push_back(demand::inputPath(session, c));
  const auto calibrated = calibratedBusConstant(session.project());
  const auto choice = params.choice.params(calibrated);
  r.busConstantMin = choice.constantMin;
  r.busConstantSource = params.choice.constantSource(calibrated);
  steps.setCurrentStep(1);
  const auto base = runNetwork(prep.context, prep.edited, choice, steps);
  r.baseRiders = base.transitRiders();
  // The KPI trend is of the network as it runs: with edits, its riders are needed too.
  r.feedRiders = prep.edits.empty() || !prep.trendAnnual ? r.baseRiders
                                                        : runNetwork(prep.context, prep.base, choice, steps).transitRiders();
  r.kpi = prep.kpi(r.baseRiders, r.feedRiders);
  int step = 2;
  for (const auto& path : paths) {
    steps.setCurrentStep(step++);
    auto net = prep.edited;
    const auto id = net.routes[static_cast<std::size_t>(addCandidateRoute(net, path))].id;
    const auto with = runNetwork(prep.context, std::move(net), choice, steps);
    CandidateRow row{*with.route(id), with.transitRiders() - r.baseRiders, 0, {}};
    row.abstracted = row.figures.ridersDay - row.gained;
    row.kpi = prep.kpi(with.transitRiders(), r.feedRiders);
    row.lineWkt = routeWkt(with.network, with.network.routes[static_cast<std::size_t>(with.network.routeIndex(id))]);
    r.rows.push_back(std::move(row));
  }
  for (const auto& id : params.route_ids) {
    steps.setCurrentStep(step++);
    const auto wo = runNetwork(prep.context, without(prep.edited, id), choice, steps);
    CandidateRow row{*base.route(id), r.baseRiders - wo.transitRiders(), 0, {}};
    row.abstracted = row.figures.ridersDay - row.gained;
    row.kpi = prep.kpi(wo.transitRiders(), r.feedRiders);
    row.lineWkt = routeWkt(base.network, base.network.routes[static_cast<std::size_t>(base.network.routeIndex(id))]);
    r.rows.push_back(std::move(row));
  }
  return r;
}

ops::OpResult CompareCandidatesOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"service_date", r.date}, {"demand_date", r.demandDate}, {"network_riders", r.baseRiders},
                 {"bus_constant_min", r.busConstantMin}, {"bus_constant_source", r.busConstantSource},
                 {"edits", joined(r.edits)}};
  out.summary.update(kpiJson(r.kpi));
  ops::ResultTable t{"candidates",
                     {"route_id", "name", "kind", "riders_day", "peak_hour", "peak_hour_riders", "gained", "abstracted",
                      "covered_population", "newly_covered_population", "vehicle_hours", "riders_per_vehicle_hour",
                      "trips_per_day", "stops", "denied_day", "kpi_projected_annual", "kpi_gap_to_target", ops::kGeometryWktColumn}, 1, {},
                     ops::kWktGeometry};
  for (const auto& row : r.rows) {
    const auto& f = row.figures;
    const auto kpi = [&](double v) { return row.kpi.available ? ops::Json(v) : ops::Json(); };
    t.rows.push_back({f.id, f.name, f.candidate ? "candidate" : "existing", f.ridersDay, f.peakHour, f.peakHourRiders,
                      row.gained, row.abstracted, f.coveredPopulation, f.newlyCoveredPopulation, f.vehicleHours,
                      num(f.ridersPerVehicleHour), f.tripsPerDay, f.stops, f.deniedDay, kpi(row.kpi.projectedAnnual),
                      kpi(row.kpi.gap), row.lineWkt});
    out.summary[f.id + ".riders_day"] = f.ridersDay;
    out.summary[f.id + ".gained"] = row.gained;
  }
  out.tables = {std::move(t)};
  out.warnings = r.warnings;
  return out;
}

void registerRouteDemandOperations(ops::Registry& registry) {
  registry.add<RouteDemandOp>();
  registry.add<CompareCandidatesOp>();
  registry.add<OnDemandOp>();
  registry.add<CalibrateDemandOp>();  // route_demand_calibration.cpp
}

}  // namespace ekm::mobility
