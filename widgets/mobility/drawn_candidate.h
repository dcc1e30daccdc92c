#pragma once
// A candidate route drawn on the map (map/draw_route_tool.h) as the candidate route file the
// route-demand operations read (docs/route_demand.md, "Candidate route file"): a GeoJSON
// FeatureCollection with one LineString through the stops in the order drawn, carrying the
// route's properties (route_id, name, headway_min, start, end, speed_kmh, two_way), and one
// Point per stop (stop_id, name; an existing stop keeps its feed id and name, a new one is
// ROUTE_ID-N). The same file the CLI takes (--candidate / --candidates) and scenario files name.
#include <string>
#include <vector>

#include "ekm/ops/field_spec.h"
#include "map/draw_route_tool.h"

namespace ekm::widgets {

struct CandidateService {
  std::string routeId = "cand-1", name;
  double headwayMin = 15;
  std::string start = "07:00", end = "20:00";  // HH:MM
  double speedKmh = 12;                         // average including dwell
  bool twoWay = true;
};

ops::Json candidateGeoJson(const CandidateService& service, const std::vector<RouteStop>& stops);

// Writes the GeoJSON (UTF-8, indented) atomically; false with `error` set on failure.
bool writeCandidateFile(const QString& path, const ops::Json& candidate, QString* error);

}  // namespace ekm::widgets
