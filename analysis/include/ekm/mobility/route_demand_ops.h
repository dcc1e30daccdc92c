#pragma once
// Route-demand operations (CLI group `ekimachi-cli mobility VERB`; docs/route_demand.md):
//   mobility-route-demand        riders by hour, load per segment and riders gained or lost
//                                of an existing GTFS route, a candidate route file, or
//                                the whole network under service edits
//   mobility-compare-candidates  candidates and existing routes side by side
//   mobility-ondemand            on-demand requests by hour and zone in an area and the
//                                vehicles needed for a target mean wait
#include <string>
#include <vector>

#include "ekm/demand/ops/demand_params.h"
#include "ekm/mobility/mobility_ops.h"
#include "ekm/mobility/ondemand.h"
#include "ekm/mobility/route_demand.h"

namespace ekm::mobility {

// The logit's parameters (route_choice.h; defaults and sources in docs/route_demand.md).
// The bus constant comes from, in order: the parameter, the project's calibration
// (mobility-calibrate-demand, route_demand_calibration.h), kDefaultBusConstantMin.
inline constexpr double kDefaultBusConstantMin = 5.0;
inline constexpr const char* kCalibratedConstantKey = "route_demand.bus_constant_min";  // ekm_meta
struct ChoiceFields {
  double walk_weight = 2.0, wait_weight = 2.0, wait_cap_min = 15, fare_yen = 100, value_of_time = 40;
  std::optional<double> bus_constant_min;
  double logit_scale = 0.1, max_access_min = 10;
  double vehicle_seats = 11, vehicle_standing = 25;  // a small community bus (Hino Poncho class, 36 persons)

  template <class V>
  void fields(V& v) {
    v("walk_weight", walk_weight, {.help = "a walking minute in in-vehicle minutes", .min = 0, .max = 10});
    v("wait_weight", wait_weight, {.help = "a waiting minute in in-vehicle minutes", .min = 0, .max = 10});
    v("wait_cap_min", wait_cap_min, {.help = "wait = min(headway / 2, this)", .min = 0, .max = 120});
    v("fare_yen", fare_yen, {.help = "flat fare in yen", .min = 0, .max = 10000});
    v("value_of_time", value_of_time, {.help = "yen per minute (turns the fare into minutes)", .min = 1e-3, .max = 1e4});
    v("bus_constant_min", bus_constant_min, {.help = "bus penalty in in-vehicle minutes (default: the project's "
                                                     "calibration by mobility-calibrate-demand, else 5)",
                                             .min = -120, .max = 120});
    v("logit_scale", logit_scale, {.help = "logit scale per generalized minute", .min = 1e-4, .max = 10});
    v("max_access_min", max_access_min, {.help = "longest walk to or from a stop, minutes (also the coverage reach)",
                                         .min = 0.1, .max = 60});
    v("vehicle_seats", vehicle_seats, {.help = "seats per bus (capacity = (seats + standing) x departures an hour)",
                                       .min = 0, .max = 200});
    v("vehicle_standing", vehicle_standing, {.help = "standing places per bus (0 and 0 seats: no capacity limit)",
                                             .min = 0, .max = 200});
  }
  // The model's parameters; `calibratedConstant` from the project (calibratedBusConstant).
  ChoiceParams params(std::optional<double> calibratedConstant = std::nullopt) const;
  // Where the constant of params() came from: "given", "calibrated" or "default".
  std::string constantSource(std::optional<double> calibratedConstant) const;
};

// The bus constant stored by mobility-calibrate-demand in the project, if any.
std::optional<double> calibratedBusConstant(const store::Project& project);

// The Chii-bus KPI projection under a change of service (docs/route_demand.md, "KPI
// projection"): a ratio on the calibrated model, not a forecast of its own. The KPI's
// current-trend annual riders (mobility-kpi's projection of the project's ridership records)
// are split into the part the project's area carries (areaShare: the calibration's share of
// the network's stop calls, 1 without a calibration) and the rest; the area's part is scaled
// by the modelled riders with the change over those without it, the rest is unchanged:
//   projected = trend x (1 - areaShare + areaShare x ridersWith / ridersWithout)
// gap = target - projected (negative: above the target).
inline constexpr const char* kCalibratedShareKey = "route_demand.area_share";  // ekm_meta
struct KpiProjection {
  bool available = false;  // false without ridership records (or a trend)
  std::string note;        // why not, or the trend's method
  double trendAnnual = 0, areaShare = 1, ridersWith = 0, ridersWithout = 0;
  double projectedAnnual = 0, target = 0, gap = 0;
};
KpiProjection projectKpi(double trendAnnual, double areaShare, double ridersWith, double ridersWithout, double target);

// What every route-demand operation reads: the day, the demand and the model.
struct RouteDemandCommon {
  ServiceDayParams day;
  std::string demand_date;
  demand::ProjectNetworkParams network;
  demand::DeterrenceParams deterrence;
  ChoiceFields choice;
  std::optional<ServiceEdits> service_edits;
  double kpi_target = 4.0e6;

  template <class V>
  void commonFields(V& v) {
    day.fields(v);
    v("demand_date", demand_date, {.help = "day of the trip ends and stay population (default: the service date when "
                                           "the population has it, else the project's latest date of the day type)", .format = "date"});
    network.fields(v);
    deterrence.fields(v);
    choice.fields(v);
    v("service_edits", service_edits,
      {.help = "bus service edits: add_routes, remove_routes, move_stops, add_stops, headways, spans"});
    v("kpi_target", kpi_target, {.help = "riders a year the KPI projection is set against (Chii-bus: 4.0 M)",
                                 .min = 1, .max = 1e10});
  }
  void validate() const;
};

struct RouteDemandParams : RouteDemandCommon {
  std::string route_id;
  std::string candidate;
  std::string out_loads;

  template <class V>
  void fields(V& v) {
    v("route_id", route_id, {.help = "an existing route of the project's GTFS feed (empty: the whole network)"});
    v("candidate", candidate, {.help = "a candidate route file (GeoJSON or JSON: line, stops, headway, span)",
                               .role = ops::Role::InputFile});
    commonFields(v);
    v("out_loads", out_loads, {.help = "GeoJSON of the load per segment (LineStrings stop to stop)",
                               .role = ops::Role::OutputFile});
  }
  void validate() const;
};

struct RouteDemandResult {
  std::string focus;  // route id, "" = the whole network
  std::string date, demandDate;
  double busConstantMin = 0;
  std::string busConstantSource;
  NetworkRun with, without;
  std::vector<std::string> edits, warnings;
  std::string outPath;
  KpiProjection kpi;  // with vs without
};

struct RouteDemandOp {
  static constexpr const char* name = "mobility-route-demand";
  static constexpr const char* summary =
      "riders by hour, load per segment, riders gained or lost of a GTFS route, a candidate or service edits";
  static constexpr bool writesProject = false;
  using Params = RouteDemandParams;
  using Result = RouteDemandResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct CompareCandidatesParams : RouteDemandCommon {
  std::vector<std::string> candidates;
  std::vector<std::string> route_ids;

  template <class V>
  void fields(V& v) {
    v("candidates", candidates, {.help = "candidate route files"});
    v("route_ids", route_ids, {.help = "existing routes of the feed to set beside them"});
    commonFields(v);
  }
  void validate() const;
};

struct CandidateRow {
  RouteFigures figures;
  double gained = 0;      // network riders with it minus without it
  double abstracted = 0;  // its riders that other routes lose
  // The KPI with this row's network (a candidate added; an existing route removed) against
  // the feed's network as it is.
  KpiProjection kpi;
  ops::Json lineWkt;  // the route's line (its main pattern's stops), EPSG:4326 WKT
};

struct CompareCandidatesResult {
  std::string date, demandDate;
  double busConstantMin = 0;
  std::string busConstantSource;
  double baseRiders = 0;
  double feedRiders = 0;  // the feed's network without the service edits
  KpiProjection kpi;      // the edited network against the feed's
  std::vector<CandidateRow> rows;
  std::vector<std::string> edits, warnings;
};

struct CompareCandidatesOp {
  static constexpr const char* name = "mobility-compare-candidates";
  static constexpr const char* summary =
      "candidate and existing routes side by side: riders, gained/lost, coverage, vehicle-hours";
  static constexpr bool writesProject = false;
  using Params = CompareCandidatesParams;
  using Result = CompareCandidatesResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct OnDemandParams {
  std::string area;
  std::vector<std::string> zone_ids;
  std::optional<double> area_km2;
  std::string start = "07:00", end = "22:00";
  double target_wait_min = 10, speed_kmh = 15, dwell_min = 1, ondemand_fare_yen = 300, ondemand_constant_min = 5;
  std::string day_type = "weekday";
  std::string demand_date;
  demand::ProjectNetworkParams network;
  demand::DeterrenceParams deterrence;
  ChoiceFields choice;

  template <class V>
  void fields(V& v) {
    v("area", area, {.help = "service area polygon (GeoJSON); zones whose centroid is inside are served",
                     .role = ops::Role::InputFile});
    v("zone_ids", zone_ids, {.help = "the served zones (instead of area)"});
    v("area_km2", area_km2, {.help = "area for the deadhead (default: the polygon's, or the zones' cells')",
                             .min = 1e-4, .max = 1e4});
    v("start", start, {.help = "service starts HH:MM"});
    v("end", end, {.help = "service ends HH:MM"});
    v("target_wait_min", target_wait_min, {.help = "target mean wait from request to pickup, minutes", .min = 0.1, .max = 120});
    v("speed_kmh", speed_kmh, {.help = "vehicle speed in the area", .min = 1, .max = 100});
    v("dwell_min", dwell_min, {.help = "boarding and alighting per request, minutes", .min = 0, .max = 30});
    v("ondemand_fare_yen", ondemand_fare_yen, {.help = "on-demand fare in yen", .min = 0, .max = 10000});
    v("ondemand_constant_min", ondemand_constant_min, {.help = "on-demand penalty in in-vehicle minutes",
                                                       .min = -120, .max = 120});
    v("day_type", day_type, {.help = "day type of the default demand date",
                             .choices = {"weekday", "saturday", "sunday_holiday"}});
    v("demand_date", demand_date, {.help = "day of the trip ends (default: the latest date of the day type)",
                                   .format = "date"});
    network.fields(v);
    deterrence.fields(v);
    choice.fields(v);
  }
  void validate() const;
};

struct OnDemandResult {
  std::string demandDate;
  double areaKm2 = 0;
  std::vector<std::string> zones;  // served zone ids
  std::array<FleetHour, kDayHours> hours{};
  std::array<double, kDayHours> meanRideMin{};
  std::vector<std::vector<double>> zoneHourRequests;  // [served zone][hour] requests starting there
  // Plausibility (docs/route_demand.md, "On-demand"): the trips between the served zones in the
  // hours of service, and the riders the project's bus network (its GTFS feed, the day type's
  // representative day, the same logit) takes of those trips; nullopt without a feed.
  double tripsInArea = 0;
  std::optional<double> busRidersInArea;
  double requestsDay() const;
  std::optional<int> peakVehicles() const;
  double vehicleHours() const;
  std::vector<std::string> warnings;
};

struct OnDemandOp {
  static constexpr const char* name = "mobility-ondemand";
  static constexpr const char* summary =
      "on-demand service area: requests by hour and zone, vehicles for a target mean wait (M/M/c)";
  static constexpr bool writesProject = false;
  using Params = OnDemandParams;
  using Result = OnDemandResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

void registerRouteDemandOperations(ops::Registry& registry);

}  // namespace ekm::mobility
