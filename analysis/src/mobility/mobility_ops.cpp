// The mobility operations (mobility_ops.h).
#include "ekm/mobility/mobility_ops.h"

#include <cmath>

#include "ekm/core/time.h"
#include "ekm/mobility/route_demand_ops.h"
#include "ekm/ops/registry.h"
#include "ekm/store/transit_store.h"

namespace ekm::mobility {

store::GtfsFeed projectFeed(ops::Session& session) {
  const auto& project = session.project();
  auto feed = store::readGtfsFeed(project);
  if (feed.info.sourceSha256.empty())
    throw core::ValidationError("the project has no GTFS feed (import --project P gtfs FEED.zip)",
                                {project.path(), std::nullopt, std::nullopt, "gtfs_feed", "a feed", "none"});
  for (const char* t : {"gtfs_feed", "gtfs_stops", "gtfs_routes", "gtfs_trips", "gtfs_stop_times", "gtfs_calendar",
                        "gtfs_calendar_dates"})
    session.recordTableRead(t);
  return feed;
}

namespace {


ops::Json optionalNumber(const std::optional<double>& v) { return v ? ops::Json(*v) : ops::Json(); }
ops::Json optionalTime(const std::optional<int>& s) { return s ? ops::Json(formatServiceTime(*s)) : ops::Json(); }
ops::Json number(double v) { return std::isnan(v) ? ops::Json() : ops::Json(v); }

ops::Json daySummary(const ServiceDay& d) {
  std::string services;
  for (const auto& s : d.services) services += (services.empty() ? "" : ",") + s;
  return {{"date", d.date}, {"day_type", core::dayTypeName(d.dayType)}, {"services", services},
          {"dates_of_type", d.datesOfType}, {"dates_like_this", d.datesLikeThis},
          {"requested_date", d.requestedDate}};
}

}  // namespace

void ServiceDayParams::validate() const {
  if (!date.empty() && !core::parseDate(date))
    throw ops::ParamError("invalid date", {"", std::nullopt, std::nullopt, "date", "YYYY-MM-DD", date});
}

ServiceDay ServiceDayParams::resolve(const store::GtfsFeed& feed) const {
  if (!date.empty()) {
    // A date the feed does not cover gets its day type's representative day, as ridership
    // records and KPIs do (a timetable renewed since, or last year's data against it).
    ServiceDay day = ScheduledDays(feed).of(*core::parseDate(date));
    if (day.date != date) day.requestedDate = date;
    return day;
  }
  return representativeDay(feed, *core::dayTypeFromName(day_type));
}

ServiceResult ServiceOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  auto feed = projectFeed(session);
  feedback.setProgress(50);
  ServiceResult r;
  r.profile = serviceProfile(feed, params.day.resolve(feed));
  r.feedInfo = feed.info;
  r.stops = std::move(feed.stops);
  r.routes = std::move(feed.routes);
  feedback.setProgress(100);
  return r;
}

ops::OpResult ServiceOp::record(const Result& r) {
  ops::OpResult out;
  const auto& p = r.profile;
  out.summary = daySummary(p.day);
  out.summary["trips"] = p.trips;
  out.summary["departures"] = p.departures;
  out.summary["attribution"] = r.feedInfo.attribution;
  ops::ResultTable stops{"stops", {"stop_id", "name", "name_en", "lon", "lat", "departures", "routes", "first", "last"}, 1, {}, "gtfs_stop"};
  ops::ResultTable stopHours{"stop_hours", {"stop_id", "hour", "departures", "headway_min"}, 2, {}, "gtfs_stop"};
  for (const auto& s : p.stops) {
    const auto& stop = r.stops[static_cast<std::size_t>(s.stop)];
    stops.rows.push_back({stop.stopId, stop.name, stop.nameEn, stop.position.lon, stop.position.lat, s.total(), s.routes,
                          optionalTime(s.firstS), optionalTime(s.lastS)});
    for (int h = 0; h < kHours; ++h) {
      const int n = s.departures[static_cast<std::size_t>(h)];
      stopHours.rows.push_back({stop.stopId, h, n, optionalNumber(meanHeadwayMin(n))});
    }
  }
  ops::ResultTable routes{"routes", {"route_id", "name", "name_en", "trips", "reference_stop", "first", "last"}, 1, {}, "gtfs_route"};
  ops::ResultTable routeHours{"route_hours", {"route_id", "hour", "trips", "departures", "headway_min"}, 2, {}, "gtfs_route"};
  for (const auto& rs : p.routes) {
    const auto& route = r.routes[static_cast<std::size_t>(rs.route)];
    routes.rows.push_back({route.routeId, route.displayName(), route.nameEn, rs.totalTrips(),
                           rs.referenceStop >= 0 ? ops::Json(r.stops[static_cast<std::size_t>(rs.referenceStop)].stopId) : ops::Json(),
                           optionalTime(rs.firstS), optionalTime(rs.lastS)});
    for (int h = 0; h < kHours; ++h) {
      const int n = rs.departures[static_cast<std::size_t>(h)];
      routeHours.rows.push_back({route.routeId, h, rs.trips[static_cast<std::size_t>(h)], n, optionalNumber(meanHeadwayMin(n))});
    }
  }
  out.tables = {std::move(stops), std::move(stopHours), std::move(routes), std::move(routeHours)};
  return out;
}

void CoverageParams::validate() const {
  day.validate();  // service_edits: checked field by field as read (service_edits.h)
}

CoverageOpResult CoverageOp::run(ops::Session& session, const Params& params, core::Feedback& feedback) {
  const auto feed = projectFeed(session);
  const auto& project = session.project();
  for (const char* t : {"road_segments", "mesh_cells", "mesh_population", "stations"}) session.recordTableRead(t);
  CoverageOpResult r;
  auto& o = r.options;
  o.measure = params.measure == "minutes" ? ReachMeasure::Minutes : ReachMeasure::Distance;
  o.stopReach = params.stop_reach;
  o.stationReach = params.station_reach;
  o.maxSnapM = params.snap_max;
  o.gapPopulation = params.gap_population;
  o.countStations = !params.ignore_stations;
  o.network.mode = demand::NetworkMode::Walk;
  o.network.barriersPath = params.barriers.empty() ? "" : session.resolve(params.barriers);
  o.network.barrierField = params.barrier_field;
  o.network.crossingsFromPath = params.crossings_from.empty() ? "" : session.resolve(params.crossings_from);
  o.network.splitAtCrossings = params.split_crossings;
  o.network.heightsFromPath = params.heights_from.empty() ? "" : session.resolve(params.heights_from);
  o.network.walking.useSlope = params.slope_aware;
  for (const auto* path : {&o.network.barriersPath, &o.network.crossingsFromPath, &o.network.heightsFromPath})
    if (!path->empty()) session.recordInputFile(*path);
  const auto day = params.day.resolve(feed);
  ServiceEditsOptions eo;
  eo.resolve = [&session](const std::string& f) {
    const auto path = session.resolve(f);
    session.recordInputFile(path);
    return path;
  };
  auto edited = stopsWithServiceEdits(feed, serviceProfile(feed, day), serviceEditsJson(params.service_edits), eo);  // before the long work
  const auto popDate = populationDateFor(project, day.dayType, params.population_date, params.day.date);
  r.coverage = coverage(project, edited.stops, edited.profile, popDate, o, feedback);
  r.stops = std::move(edited.stops);
  r.edits = std::move(edited.applied);
  return r;
}

ops::OpResult CoverageOp::record(const Result& r) {
  ops::OpResult out;
  const auto& c = r.coverage;
  const bool minutes = c.measure == ReachMeasure::Minutes;
  out.summary = daySummary(c.day);
  out.summary["population_date"] = c.populationDate;
  out.summary["measure"] = minutes ? "minutes" : "distance";
  out.summary["stop_reach"] = r.options.stopReach;
  out.summary["station_reach"] = r.options.stationReach;
  out.summary["slope_aware"] = c.slopeAware;
  out.summary["network_has_heights"] = c.networkHasHeights;
  out.summary["barrier_lines"] = c.barrierLines;
  out.summary["links_removed_by_barrier"] = c.linksRemovedByBarrier;
  out.summary["gaps"] = c.gaps.size();
  std::string edits;
  for (const auto& e : r.edits) edits += (edits.empty() ? "" : "; ") + e;
  out.summary["edits"] = edits;
  out.warnings = c.notes;
  ops::ResultTable hours{"coverage_hours",
                         {"hour", "population", "covered_bus", "covered_bus_share", "covered_bus_or_rail", "gap_threshold",
                          "gap_cells", "gap_population"}, 1, {}, ""};
  for (int h = 0; h < kHours; ++h) {
    const auto& x = c.hours[static_cast<std::size_t>(h)];
    hours.rows.push_back({h, x.population, x.coveredBus, x.population > 0 ? ops::Json(x.coveredBus / x.population) : ops::Json(),
                          x.coveredAny, x.threshold, x.gapCells, x.gapPopulation});
  }
  const std::string unit = minutes ? "min" : "m";
  ops::ResultTable cells{"cells",
                         {"cell", "nearest_stop", "nearest_stop_" + unit, "stops_in_reach", "station_in_reach",
                          "departures_in_reach"}, 1, {}, "cell"};
  for (const auto& cell : c.cells) {
    int deps = 0;
    for (int v : cell.departuresInReach) deps += v;
    cells.rows.push_back({cell.meshCode,
                          cell.nearestStop >= 0 ? ops::Json(r.stops[static_cast<std::size_t>(cell.nearestStop)].stopId) : ops::Json(),
                          number(cell.nearestStopReach), cell.stopsInReach.size(), cell.stationInReach
                              ? ops::Json(cell.nearestStation) : ops::Json(), deps});
  }
  ops::ResultTable stops{"stop_catchments", {"stop_id", "snap_m", "cells", "peak_population"}, 1, {}, "gtfs_stop"};
  for (const auto& s : c.stops)
    stops.rows.push_back({r.stops[static_cast<std::size_t>(s.stop)].stopId, number(s.snapM), s.cells, s.peakPopulation});
  ops::ResultTable gaps{"gaps", {"cell", "hour", "population", "reason"}, 2, {}, "cell"};
  for (const auto& g : c.gaps)
    gaps.rows.push_back({c.cells[static_cast<std::size_t>(g.cell)].meshCode, g.hour, g.population, g.reason});
  out.tables = {std::move(hours), std::move(cells), std::move(stops), std::move(gaps)};
  return out;
}

void registerMobilityOperations(ops::Registry& registry) {
  registry.add<ServiceOp>();
  registry.add<CoverageOp>();
  registerRouteDemandOperations(registry);
}

}  // namespace ekm::mobility
