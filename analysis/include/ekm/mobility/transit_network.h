#pragma once
// The bus network the route-demand model rides on (route_choice.h's TransitNetwork), built
// from the project's GTFS feed, from candidate route files, and changed by service edits.
//
//  - From a feed (transitNetworkFromFeed): every route's trips running on the day, grouped
//    by their stop sequence; each distinct sequence is a pattern (id ROUTE:N, most trips
//    first), departures by hour of the first stop's departure, ride times from the
//    pattern's earliest trip.
//  - A candidate route file (docs/route_demand.md): GeoJSON, a LineString feature with the
//    route's properties and Point features for the stops, or plain JSON
//      {"route_id": "ew", "name": "East-west", "headway_min": 15, "start": "07:00", "end": "20:00",
//       "speed_kmh": 12, "two_way": true, "line": [[lon, lat], ...],
//       "stops": [{"stop_id": "ew1", "name": "...", "lon": 139.74, "lat": 35.63}, ...]}
//    Stops are ordered by their position along the line (the stops themselves when there is
//    no line); ride time = distance along the line / speed_kmh (which includes dwell);
//    departures per hour = minutes of the hour inside [start, end) / headway_min; two_way
//    adds the reverse pattern.
//  - Service edits (applyServiceEdits), the `service_edits` parameter of the route-demand
//    operations and of scenario files:
//      {"add_routes": ["candidate.geojson"], "remove_routes": ["ROUTE_ID"],
//       "move_stops": [{"stop_id", "lon", "lat"}],
//       "add_stops": [{"route_id", "after", "stop_id", "name", "lon", "lat"}],
//       "headways": [{"route_id", "headway_min", "from": "07:00", "to": "10:00"}],
//       "spans": [{"route_id", "start": "06:30", "end": "21:00"}]}
//    A moved stop keeps its ride times; an added stop gets the ride time interpolated by
//    distance between its neighbours, and every later stop of the pattern dwellMin more. A
//    headway applies to every pattern of the route in the hours from..to (default all day's
//    served hours). A span switches hours outside it off and serves hours inside it that
//    had no departure at the pattern's mean departures per served hour.
#include <functional>
#include <string>

#include "ekm/mobility/route_choice.h"
#include "ekm/ops/field_spec.h"
#include "ekm/mobility/service.h"

namespace ekm::mobility {

TransitNetwork transitNetworkFromFeed(const store::GtfsFeed& feed, const ServiceDay& day);

// Reads a candidate route file and adds its stops and route (candidate = true) to
// `network`; returns the route's index. ParseError / ValidationError naming the file and field.
int addCandidateRoute(TransitNetwork& network, const std::string& path);

// Minutes of the clock "HH:MM" (hours up to 30 allowed); nullopt when malformed.
std::optional<double> clockMinutes(const std::string& text);

// Departures in each hour of [startMin, endMin) at one every headwayMin.
HourSeries departuresInSpan(double startMin, double endMin, double headwayMin);

struct ServiceEditsOptions {
  double dwellMin = 0.5;  // added to every stop after an added stop
  // Resolves a file named in the edits (relative paths against the scenario or session).
  std::function<std::string(const std::string&)> resolve = [](const std::string& p) { return p; };
};

struct ServiceEditsReport {
  std::vector<std::string> applied;  // one line per edit, said plainly
};

// Applies the edits (format above). ValidationError naming the JSON path of a bad edit
// (an unknown route or stop, a missing field).
ServiceEditsReport applyServiceEdits(TransitNetwork& network, const ops::Json& edits,
                                     const ServiceEditsOptions& options = {});

// Checks the edits' structure without a network (service_edits.h's typed reader: known lists,
// objects with their required fields of the right type): ValidationError naming the JSON path. Scenario checks call it
// before any work; unknown routes and stops are found when the edits are applied.
void checkServiceEdits(const ops::Json& edits);

// The stops of a feed and their departures by hour on a day with service edits applied, for
// analyses that read stops rather than the network (coverage, mobility-coverage's
// service_edits). Stops keep the feed's order and indexes; a moved stop takes its new
// position, an added stop is appended (location_type 0). A stop's departures are the feed's
// plus the change the edits make to the network's departures there (edited minus as it is,
// rounded): a pattern's departures in hour h at its first stop leave a stop reached t
// minutes later in hours h + t/60 (spread over the two hours the shift straddles), and a
// pattern's last stop has no departure. Without edits the profile is the feed's.
struct EditedStops {
  std::vector<store::GtfsStop> stops;
  ServiceProfile profile;
  std::vector<std::string> applied;  // ServiceEditsReport::applied
};
EditedStops stopsWithServiceEdits(const store::GtfsFeed& feed, const ServiceProfile& profile, const ops::Json& edits,
                                  const ServiceEditsOptions& options = {});

}  // namespace ekm::mobility
