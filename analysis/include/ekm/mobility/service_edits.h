#pragma once
// Bus service edits (transit_network.h's format) as typed Params: each edit kind lists its
// fields once, so the registry's schema documents them and the JSON reader checks them before
// any work, naming a bad value by its path ("service_edits.headways[0].headway_min"). Routes
// and stops the network does not have are found when the edits are applied.
#include <optional>
#include <string>
#include <vector>

#include "ekm/ops/params.h"

namespace ekm::mobility {

// "move_stops": a stop of the feed at a new position (its ride times kept).
struct MovedStopEdit {
  std::string stop_id;
  double lon = 0, lat = 0;

  template <class V>
  void fields(V& v) {
    v("stop_id", stop_id, {.help = "stop_id of the stop moved", .required = true});
    v("lon", lon, {.help = "new longitude, EPSG:4326 degrees", .required = true, .min = -180, .max = 180});
    v("lat", lat, {.help = "new latitude, EPSG:4326 degrees", .required = true, .min = -90, .max = 90});
  }
};

// "add_stops": a new stop on a route, after one of its stops.
struct AddedStopEdit {
  std::string route_id, after, stop_id;
  std::optional<std::string> name;
  double lon = 0, lat = 0;

  template <class V>
  void fields(V& v) {
    v("route_id", route_id, {.help = "route the stop is added to", .required = true});
    v("after", after, {.help = "stop_id of the route's stop the new one follows", .required = true});
    v("stop_id", stop_id, {.help = "stop_id of the new stop (not one of the network's)", .required = true});
    v("name", name, {.help = "name of the new stop (default: its stop_id)"});
    v("lon", lon, {.help = "longitude, EPSG:4326 degrees", .required = true, .min = -180, .max = 180});
    v("lat", lat, {.help = "latitude, EPSG:4326 degrees", .required = true, .min = -90, .max = 90});
  }
};

// "headways": a route every headway_min minutes in from..to (default: its served hours).
struct HeadwayEdit {
  std::string route_id;
  double headway_min = 0;
  std::optional<std::string> from, to;

  template <class V>
  void fields(V& v) {
    v("route_id", route_id, {.help = "route whose headway changes", .required = true});
    v("headway_min", headway_min, {.help = "minutes between departures", .required = true, .above = 0});
    v("from", from, {.help = "start of the hours changed, HH:MM (default: the day's start)", .format = "time-of-day"});
    v("to", to, {.help = "end of the hours changed, HH:MM up to 30:00 (default: the day's end)", .format = "time-of-day"});
  }
  void validate(const ops::ParamSource& at) const;  // from and to are clock times
};

// "spans": a route's service hours start..end.
struct SpanEdit {
  std::string route_id, start, end;

  template <class V>
  void fields(V& v) {
    v("route_id", route_id, {.help = "route whose service hours change", .required = true});
    v("start", start, {.help = "first departure, HH:MM", .required = true, .format = "time-of-day"});
    v("end", end, {.help = "end of service, HH:MM up to 30:00", .required = true, .format = "time-of-day"});
  }
  void validate(const ops::ParamSource& at) const;  // start and end are clock times
};

struct ServiceEdits {
  std::vector<std::string> add_routes;
  std::vector<std::string> remove_routes;
  std::vector<MovedStopEdit> move_stops;
  std::vector<AddedStopEdit> add_stops;
  std::vector<HeadwayEdit> headways;
  std::vector<SpanEdit> spans;

  template <class V>
  void fields(V& v) {
    v("add_routes", add_routes, {.help = "candidate route files added (GeoJSON or JSON, docs/route_demand.md)"});
    v("remove_routes", remove_routes, {.help = "route_ids of routes removed"});
    v("move_stops", move_stops, {.help = "stops moved"});
    v("add_stops", add_stops, {.help = "stops added to routes"});
    v("headways", headways, {.help = "routes' headways changed"});
    v("spans", spans, {.help = "routes' service hours changed"});
  }
};

// The edits as JSON for applyServiceEdits/stopsWithServiceEdits (null when none are given).
ops::Json serviceEditsJson(const std::optional<ServiceEdits>& edits);

}  // namespace ekm::mobility
