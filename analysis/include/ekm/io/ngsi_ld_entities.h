#pragma once
// NGSI-LD entities (ETSI GS CIM 009) of the FIWARE Smart Data Models' flow observations,
// read into plain count observations. Accepted forms, per attribute and mixed freely:
//   - normalized: {"type": "Property", "value": 12, "unitCode": "C62", "observedAt": ...},
//     relationships {"type": "Relationship", "object": "urn:..."}, GeoProperty;
//   - concise: {"value": 12} / {"object": "urn:..."} / a GeoJSON geometry;
//   - keyValues: plain values ("peopleCount": 12);
//   - temporal representation (what /ngsi-ld/v1/temporal/entities returns): an attribute
//     is an array of instances, each with observedAt, or {"type": "Property",
//     "values": [[12, "2025-03-27T01:00:00Z"], ...]} (the temporalValues option).
// Dates may be strings or {"@type": "DateTime", "@value": ...}. Attribute and type names
// may be expanded URIs (a broker answering without our @context): the last path segment
// is used.
//
// Types and what they count:
//   CrowdFlowObserved   peopleCount (or peopleCountTowards + peopleCountAway), direction
//                       inbound|outbound -> mode pedestrian
//   TrafficFlowObserved intensity, vehicleType (bicycle -> bicycle, anything else ->
//                       vehicle), laneId, laneDirection forward|backward, reversedLane
//   ItemFlowObserved    intensity, itemType (person/pedestrian, bicycle/bike, car/vehicle/
//                       bus/...), laneDirection forward|backward|inbound|outbound
// Period of an observation (one rule, whatever the number of readings):
//   1. dateObservedFrom/dateObservedTo (on a temporal instance, else on the entity), or
//      dateObserved as an ISO 8601 interval "A/B": that period;
//   2. an instant (a temporal instance's observedAt, or dateObserved) is the END of the
//      observation: the count observed in the period ending there. The period's length is
//      the sampling interval of the attribute's series (the most common step between its
//      instances); a lone instant with no series is taken as one hour
//      (kNgsiLoneInstantPeriodS) and must then lie on the hour.
//   So 100 people at 01:00Z is hour 00Z-01Z, alone or among hourly readings.
// Times without an offset are UTC (NGSI-LD's convention).
// Counts must be numbers >= 0; a unitCode, if given, must be a count (C62 "one", IE
// "person", H87 "piece"). Every error names the entity id and the attribute.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ekm/store/project.h"
#include "ekm/store/schema.h"

namespace ekm::io {

// The period of a lone instant reading (no series to infer the sampling interval from).
inline constexpr std::int64_t kNgsiLoneInstantPeriodS = 3600;

enum class NgsiFlowType { Crowd, Traffic, Item };
const char* ngsiFlowTypeName(NgsiFlowType t);  // "CrowdFlowObserved", ...

// Which way a count goes, as the entity says it.
enum class NgsiDirection { Unspecified, Forward, Backward };

struct NgsiObservation {
  std::string entityId;
  NgsiFlowType type = NgsiFlowType::Crowd;
  std::string attribute;   // "peopleCount", "intensity", "peopleCountTowards", ...
  std::string series;      // entityId + attribute (+ lane): one counting device stream
  store::TravelMode mode = store::TravelMode::Pedestrian;
  NgsiDirection direction = NgsiDirection::Unspecified;
  std::int64_t fromS = 0;  // observation period [fromS, toS), Unix seconds (UTC)
  std::int64_t toS = 0;
  double value = 0;
};

// The static part of an entity: where it is and what it refers to.
struct NgsiEntityInfo {
  std::string id;
  NgsiFlowType type = NgsiFlowType::Crowd;
  std::string refRoadSegment;    // as given (URN or plain id); empty if none
  std::string refStation;        // refStation / refPointOfInterest; empty if none
  std::vector<store::LonLat> location;  // Point: one; LineString(s): the vertices
  bool locationIsLine = false;
  std::size_t observations = 0;
};

struct NgsiDocument {
  std::vector<NgsiEntityInfo> entities;
  std::vector<NgsiObservation> observations;
};

// Reads one JSON value (an entity or an array of entities, or {"@graph": [...]}) and
// appends to `out`. `source` names the file or URL in errors. Throws ParseError /
// ValidationError naming the entity id and attribute.
void readNgsiLdEntities(const nlohmann::json& doc, const std::string& source, NgsiDocument& out);
// Reads a file (.json/.jsonld).
NgsiDocument readNgsiLdFile(const std::string& path);

// Keeps only the observations whose period lies inside [fromS, toS) (an unset bound does
// not limit); returns how many were dropped. A broker pull of a window stores exactly the
// periods inside it, so consecutive pulls ([a, b), then [b, c)) never both claim an hour.
std::int64_t keepObservationsWithin(NgsiDocument& doc, std::optional<std::int64_t> fromS,
                                    std::optional<std::int64_t> toS);

// ISO 8601 date-time "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM|+HHMM]" -> Unix seconds (UTC when
// no offset is given). nullopt on any deviation.
std::optional<std::int64_t> parseNgsiDateTime(const std::string& text);
// "2025-03-27T01:00:00Z"
std::string formatNgsiDateTime(std::int64_t unixSeconds);

// The last component of an id: "urn:ngsi-ld:RoadSegment:seg-12" -> "seg-12".
std::string ngsiShortId(const std::string& id);

}  // namespace ekm::io
