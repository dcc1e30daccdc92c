#pragma once
// Mobility operations (CLI group `ekimachi-cli mobility VERB`):
//   mobility-service   departures and mean headway per stop and route by hour for a day
//                      or a day type (service.h)
//   mobility-coverage  walking catchments of stops and stations, population covered by
//                      hour and coverage gaps (coverage.h)
// Both read the project's GTFS feed (import --project P gtfs FEED).
#include <string>

#include "ekm/mobility/coverage.h"
#include "ekm/mobility/service.h"
#include "ekm/mobility/service_edits.h"
#include "ekm/mobility/transit_network.h"
#include "ekm/ops/operation.h"

namespace ekm::ops {
class Registry;
}

namespace ekm::mobility {

// The day: a date, or a day type's representative day.
struct ServiceDayParams {
  std::string day_type = "weekday";
  std::string date;

  template <class V>
  void fields(V& v) {
    v("day_type", day_type, {.help = "weekday, saturday or sunday_holiday (the feed's representative day of "
                                     "that type); ignored when date is given",
                             .choices = {"weekday", "saturday", "sunday_holiday"}});
    v("date", date, {.help = "a service date YYYY-MM-DD (its day type from the Japanese holiday calendar; a date "
                             "outside the feed's period gets the representative day of its day type)",
                     .format = "date"});
  }
  void validate() const;
  ServiceDay resolve(const store::GtfsFeed& feed) const;
};

struct ServiceParams {
  ServiceDayParams day;
  template <class V>
  void fields(V& v) {
    day.fields(v);
  }
  void validate() const { day.validate(); }
};

struct ServiceResult {
  store::GtfsFeedInfo feedInfo;
  std::vector<store::GtfsStop> stops;
  std::vector<store::GtfsRoute> routes;
  ServiceProfile profile;
};

struct ServiceOp {
  static constexpr const char* name = "mobility-service";
  static constexpr const char* summary =
      "GTFS service: departures and mean headway per stop and route by hour for a day or day type";
  static constexpr bool writesProject = false;
  using Params = ServiceParams;
  using Result = ServiceResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct CoverageParams {
  ServiceDayParams day;
  std::string measure = "distance";
  double stop_reach = 300;
  double station_reach = 800;
  double snap_max = 200;
  std::string population_date;
  double gap_population = 0;
  bool ignore_stations = false;
  std::string barriers;
  std::string barrier_field = "barrier";
  std::string crossings_from;
  bool split_crossings = false;
  std::string heights_from;
  bool slope_aware = true;
  std::optional<ServiceEdits> service_edits;

  template <class V>
  void fields(V& v) {
    day.fields(v);
    v("measure", measure, {.help = "reach as walking distance (metres) or walking time (minutes; slope-aware "
                                   "where the network has heights)",
                           .choices = {"distance", "minutes"}});
    v("stop_reach", stop_reach, {.help = "bus-stop catchment, metres or minutes", .min = 1e-3, .max = 1e5});
    v("station_reach", station_reach, {.help = "rail-station catchment, metres or minutes", .min = 1e-3, .max = 1e5});
    v("snap_max", snap_max, {.help = "farthest a stop, station or cell centre may be from the walking network "
                                     "(metres)", .min = 0, .max = 1e4});
    v("population_date", population_date,
      {.help = "date of the stay population (default: the service date when the population has it, "
                "else the project's latest date of the same day type)",
       .format = "date"});
    v("gap_population", gap_population, {.help = "a gap cell has at least this stay population (0 = the hour's "
                                                 "75th percentile of populated cells)", .min = 0, .max = 1e9});
    v("ignore_stations", ignore_stations, {.help = "cells near a rail station can be gaps too"});
    v("barriers", barriers, {.help = "barrier lines of the walking network (the rail tracks; e.g. the sample's "
                                     "basemap_rail.geojson)", .role = ops::Role::InputFile});
    v("barrier_field", barrier_field, {.help = "barrier flag field of the barrier lines"});
    v("crossings_from", crossings_from, {.help = "segments whose crossing=1 flags are copied by segment_id",
                                         .role = ops::Role::InputFile});
    v("split_crossings", split_crossings, {.help = "node X-crossings of segment interiors (the sample needs it)"});
    v("heights_from", heights_from, {.help = "segments with 3D lines whose elevations are copied by segment_id (the "
                                             "project's road segments keep no heights)",
                                     .role = ops::Role::InputFile});
    v("slope_aware", slope_aware, {.help = "walking minutes slowed uphill by Tobler's hiking function where the "
                                           "network has heights (off: minutes on the flat)"});
    v("service_edits", service_edits,
      {.help = "bus service edits as in mobility-route-demand (stops added or moved, headways, spans, routes "
               "added or removed) applied to the stops and their departures before the coverage"});
  }
  void validate() const;
};

struct CoverageOpResult {
  std::vector<store::GtfsStop> stops;
  std::vector<std::string> edits;  // the service edits applied
  CoverageResult coverage;
  CoverageOptions options;
};

struct CoverageOp {
  static constexpr const char* name = "mobility-coverage";
  static constexpr const char* summary =
      "walking catchments of stops and stations, stay population covered by hour, coverage gaps";
  static constexpr bool writesProject = false;
  using Params = CoverageParams;
  using Result = CoverageOpResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

void registerMobilityOperations(ops::Registry& registry);

// The project's GTFS feed, its tables recorded as read by the session; a ValidationError
// when the project has none.
store::GtfsFeed projectFeed(ops::Session& session);

}  // namespace ekm::mobility
