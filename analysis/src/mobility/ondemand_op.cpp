// The on-demand operation (route_demand_ops.h, ondemand.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/route_demand_ops.h"
#include "ekm/mobility/transit_network.h"
#include "ekm/store/project.h"
#include "ekm/store/transit_store.h"

namespace ekm::mobility {

namespace {

using Ring = std::vector<std::array<double, 2>>;
using Polygon = std::vector<Ring>;  // outer ring, then holes

bool inRing(const Ring& ring, double x, double y) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    if ((ring[i][1] > y) != (ring[j][1] > y) &&
        x < (ring[j][0] - ring[i][0]) * (y - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0])
      in = !in;
  return in;
}

bool inPolygons(const std::vector<Polygon>& ps, double x, double y) {
  for (const auto& p : ps) {
    if (p.empty() || !inRing(p[0], x, y)) continue;
    bool hole = false;
    for (std::size_t h = 1; h < p.size(); ++h) hole = hole || inRing(p[h], x, y);
    if (!hole) return true;
  }
  return false;
}

// Shoelace on a local equirectangular plane, km2.
double ringKm2(const Ring& r) {
  if (r.size() < 3) return 0;
  const double lat0 = r[0][1], kx = std::cos(lat0 * M_PI / 180.0) * 111.320, ky = 110.574;
  double s = 0;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
    s += (r[j][0] * kx) * (r[i][1] * ky) - (r[i][0] * kx) * (r[j][1] * ky);
  return std::abs(s) / 2;
}

std::vector<Polygon> readArea(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::IoError("cannot open the service area", {path, std::nullopt, std::nullopt, "area", "a readable file", "none"});
  std::stringstream ss;
  ss << in.rdbuf();
  ops::Json doc;
  try {
    doc = ops::Json::parse(ss.str());
  } catch (const std::exception& e) {
    throw core::ParseError(std::string("not GeoJSON: ") + e.what(), {path, std::nullopt, std::nullopt, "area", "GeoJSON", ""});
  }
  std::vector<ops::Json> geoms;
  if (doc.value("type", "") == "FeatureCollection")
    for (const auto& f : doc["features"]) geoms.push_back(f.is_object() ? f.value("geometry", ops::Json()) : ops::Json());
  else if (doc.value("type", "") == "Feature")
    geoms.push_back(doc.value("geometry", ops::Json()));
  else
    geoms.push_back(doc);
  std::vector<Polygon> out;
  auto polygon = [](const ops::Json& rings) {
    Polygon p;
    for (const auto& ring : rings) {
      Ring r;
      for (const auto& c : ring) r.push_back({c.at(0).get<double>(), c.at(1).get<double>()});
      p.push_back(std::move(r));
    }
    return p;
  };
  for (const auto& g : geoms) {
    const std::string type = g.is_object() ? g.value("type", "") : "";
    if (type == "Polygon")
      out.push_back(polygon(g.value("coordinates", ops::Json::array())));
    else if (type == "MultiPolygon")
      for (const auto& p : g.value("coordinates", ops::Json::array())) out.push_back(polygon(p));
  }
  if (out.empty())
    throw core::ValidationError("the service area has no polygon", {path, std::nullopt, std::nullopt, "area", "Polygon or MultiPolygon", "none"});
  return out;
}

}  // namespace

double OnDemandResult::requestsDay() const {
  double s = 0;
  for (const auto& h : hours) s += h.requests;
  return s;
}

std::optional<int> OnDemandResult::peakVehicles() const {
  int m = 0;
  for (const auto& h : hours) {
    if (!h.vehicles) return std::nullopt;
    m = std::max(m, *h.vehicles);
  }
  return m;
}

double OnDemandResult::vehicleHours() const {
  double s = 0;
  for (const auto& h : hours) s += h.vehicles.value_or(0);
  return s;
}

void OnDemandParams::validate() const {
  network.validate();
  if (area.empty() == zone_ids.empty())
    demand::throwParam("give the service area or its zones", "area", "area or zone_ids", area.empty() ? "neither" : "both");
  const auto a = clockMinutes(start), b = clockMinutes(end);
  if (!a) demand::throwParam("invalid time of day", "start", "HH:MM", start);
  if (!b || *b <= *a) demand::throwParam("the service must end after it starts", "end", "HH:MM after start", end);
  if (!demand_date.empty() && !core::parseDate(demand_date))
    demand::throwParam("invalid date", "demand_date", "YYYY-MM-DD", demand_date);
}

OnDemandResult OnDemandOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  OnDemandResult r;
  std::vector<Polygon> area;
  if (!p.area.empty()) area = readArea(demand::inputPath(session, p.area));
  DemandContextOptions o;
  o.date = populationDateFor(session.project(), *core::dayTypeFromName(p.day_type), p.demand_date);
  o.network = p.network;
  o.deterrence = p.deterrence;
  core::MultiStepFeedback steps(feedback, 2);
  auto ctx = demandContext(session, o, steps);
  r.demandDate = ctx.date;
  r.warnings = ctx.warnings;
  const auto& zones = ctx.streets.network.network.zones;
  std::vector<int> served;
  double cellKm2 = 0;
  for (std::size_t z = 0; z < zones.zones.size(); ++z) {
    const auto& zone = zones.zones[z];
    const bool in = area.empty() ? std::find(p.zone_ids.begin(), p.zone_ids.end(), zone.id) != p.zone_ids.end()
                                 : inPolygons(area, zone.lon, zone.lat);
    if (!in) continue;
    served.push_back(static_cast<int>(z));
    r.zones.push_back(zone.id);
    for (const auto& code : zone.cells) {
      const auto c = mesh::decode(code);
      const double kx = std::cos(0.5 * (c.south + c.north) * M_PI / 180.0) * 111.320;
      cellKm2 += (c.east - c.west) * kx * (c.north - c.south) * 110.574;
    }
  }
  for (const auto& id : p.zone_ids)
    if (std::find(r.zones.begin(), r.zones.end(), id) == r.zones.end())
      demand::throwParam("no such zone", "zone_ids", "zones of " + p.network.zones, id);
  if (served.size() < 2)
    demand::throwParam("the service area holds fewer than two zones", "area", ">= 2 zone centroids inside",
                       std::to_string(served.size()));
  if (p.area_km2)
    r.areaKm2 = *p.area_km2;
  else if (!area.empty()) {
    for (const auto& poly : area) {
      r.areaKm2 += ringKm2(poly[0]);
      for (std::size_t h = 1; h < poly.size(); ++h) r.areaKm2 -= ringKm2(poly[h]);
    }
  } else {
    r.areaKm2 = cellKm2;
  }
  if (!(r.areaKm2 > 0)) demand::throwParam("the service area has no size", "area_km2", "> 0", "0");
  const auto choice = p.choice.params(calibratedBusConstant(session.project()));
  const double startMin = *clockMinutes(p.start), endMin = *clockMinutes(p.end);
  const auto open = departuresInSpan(startMin, endMin, 60.0);  // share of each hour in service
  const double deadhead = deadheadMin(r.areaKm2, p.speed_kmh);
  const double rideFactor = 4.8 / p.speed_kmh;  // walking minutes -> riding minutes on the same streets
  r.zoneHourRequests.assign(served.size(), std::vector<double>(kDayHours, 0.0));
  for (int h = 0; h < kDayHours; ++h) {
    const auto hi = static_cast<std::size_t>(h);
    const auto& T = ctx.demand.trips[hi];
    const double f = std::min(1.0, open[hi]);
    double requests = 0, rideSum = 0;
    if (T.zoneCount() > 0 && f > 0)
      for (std::size_t a = 0; a < served.size(); ++a)
        for (std::size_t b = 0; b < served.size(); ++b) {
          const int i = served[a], j = served[b];
          const double walk = ctx.demand.walkMin(i, j);
          if (i == j || !(T(i, j) > 0) || !std::isfinite(walk)) continue;
          const double ride = walk * rideFactor;
          const double gc = choice.waitWeight * p.target_wait_min + ride + p.ondemand_fare_yen / choice.valueOfTimeYenPerMin +
                            p.ondemand_constant_min;
          const double share = 1.0 / (1.0 + std::exp(-choice.scalePerMin * (choice.walkWeight * walk - gc)));
          const double x = T(i, j) * share * f;
          requests += x;
          rideSum += x * ride;
          r.zoneHourRequests[a][hi] += x;
        }
    r.meanRideMin[hi] = requests > 0 ? rideSum / requests : 0.0;
    r.hours[hi] = fleetForHour(requests, r.meanRideMin[hi], deadhead, p.dwell_min, p.target_wait_min);
    if (requests > 0 && !r.hours[hi].vehicles)
      r.warnings.push_back("hour " + std::to_string(h) + ": a mean wait of " + std::to_string(p.target_wait_min) +
                           " min cannot be met (the drive to the pickup alone takes " + std::to_string(deadhead) + " min)");
  }
  // Plausibility: the same trips (between served zones, in the hours of service) offered to the
  // bus network with the same logit. ondemand_constant_min is not calibrated; more on-demand
  // requests than bus riders in the same area says it is too small (docs/route_demand.md).
  std::vector<char> isServed(static_cast<std::size_t>(zones.zones.size()), 0);
  for (int z : served) isServed[static_cast<std::size_t>(z)] = 1;
  for (int h = 0; h < kDayHours; ++h) {
    auto& T = ctx.demand.trips[static_cast<std::size_t>(h)];
    const double f = std::min(1.0, open[static_cast<std::size_t>(h)]);
    for (int i = 0; i < T.zoneCount(); ++i)
      for (int j = 0; j < T.zoneCount(); ++j) {
        auto& x = T(i, j);
        x = isServed[static_cast<std::size_t>(i)] && isServed[static_cast<std::size_t>(j)] && i != j ? x * f : 0.0;
        r.tripsInArea += x;
      }
  }
  const auto feed = store::readGtfsFeed(session.project());
  steps.setCurrentStep(1);
  if (feed.info.sourceSha256.empty()) {
    r.warnings.push_back("the project has no GTFS feed: on-demand requests are not set against bus riders; "
                         "ondemand_constant_min (" + std::to_string(p.ondemand_constant_min) + " min) is not calibrated");
  } else {
    session.recordTableRead("gtfs_trips");
    const auto day = representativeDay(feed, *core::dayTypeFromName(p.day_type));
    r.busRidersInArea = runNetwork(ctx, transitNetworkFromFeed(feed, day), choice, steps).transitRiders();
    const double requests = r.requestsDay();
    if (requests > *r.busRidersInArea) {
      char b[400];
      std::snprintf(b, sizeof b,
                    "implausible: %.0f on-demand requests a day, more than the %.0f riders the bus network takes of "
                    "the same %.0f trips (%.1f %% of them); ondemand_constant_min (%g min) is not calibrated - raise it "
                    "or calibrate it to counts of a comparable service (docs/route_demand.md)",
                    requests, *r.busRidersInArea, r.tripsInArea, r.tripsInArea > 0 ? 100.0 * requests / r.tripsInArea : 0.0,
                    p.ondemand_constant_min);
      r.warnings.push_back(b);
    }
  }
  return r;
}

ops::OpResult OnDemandOp::record(const Result& r) {
  ops::OpResult out;
  const auto peak = r.peakVehicles();
  out.summary = {{"demand_date", r.demandDate},
                 {"zones", r.zones.size()},
                 {"area_km2", r.areaKm2},
                 {"deadhead_min", r.hours[0].deadheadMin},
                 {"requests_day", r.requestsDay()},
                 {"peak_vehicles", peak ? ops::Json(*peak) : ops::Json()},
                 {"vehicle_hours", r.vehicleHours()},
                 {"trips_in_area", r.tripsInArea},
                 {"bus_riders_in_area", r.busRidersInArea ? ops::Json(*r.busRidersInArea) : ops::Json()},
                 {"requests_per_bus_rider",
                  r.busRidersInArea && *r.busRidersInArea > 0 ? ops::Json(r.requestsDay() / *r.busRidersInArea) : ops::Json()}};
  ops::ResultTable hours{"hours", {"hour", "requests", "mean_ride_min", "service_min", "vehicles", "mean_wait_min",
                                   "utilisation"}, 1, {}, ""};
  for (int h = 0; h < kDayHours; ++h) {
    const auto& x = r.hours[static_cast<std::size_t>(h)];
    hours.rows.push_back({h, x.requests, r.meanRideMin[static_cast<std::size_t>(h)], x.serviceMin,
                          x.vehicles ? ops::Json(*x.vehicles) : ops::Json(), x.meanWaitMin, x.utilisation});
  }
  ops::ResultTable zones{"zone_hours", {"zone", "hour", "requests"}, 2, {}, ""};
  for (std::size_t z = 0; z < r.zones.size(); ++z)
    for (int h = 0; h < kDayHours; ++h)
      if (r.zoneHourRequests[z][static_cast<std::size_t>(h)] > 0)
        zones.rows.push_back({r.zones[z], h, r.zoneHourRequests[z][static_cast<std::size_t>(h)]});
  out.tables = {std::move(hours), std::move(zones)};
  out.warnings = r.warnings;
  return out;
}

}  // namespace ekm::mobility
