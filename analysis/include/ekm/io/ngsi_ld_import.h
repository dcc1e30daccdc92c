#pragma once
// NGSI-LD flow observations -> the project's hourly segment counts and station ridership.
//
// Matching an entity to the project (reported per entity):
//   - a station: refStation (or refPointOfInterest) naming a project station_id (the full
//     value or its last ':'-component); the counts become station ridership: inbound /
//     towards = boardings, outbound / away = alightings (a count without a direction is
//     refused, it cannot be split);
//   - match "auto" (default): refRoadSegment when it names a project segment_id (full value
//     or last component), else the nearest segment to the entity's location;
//   - match "refRoadSegment": only by reference (an entity without one is an error);
//   - match "nearest": only by location, refRoadSegment ignored.
//   Nearest: distance from a Point, or the mean distance of a line's vertices and
//   midpoints, to the segment polyline (local equirectangular metres; < 0.1% error at
//   district scale); it must be <= maxDistanceM (default 30 m, about a street's width plus
//   GPS error), else the entity is an error. The runner-up's distance is reported so that
//   ambiguous matches (parallel streets) are visible.
// Directions: forward/backward along the segment's digitised order; inbound/towards =
// forward, outbound/away = backward (a documented convention: Smart Data Models defines
// them relative to the observing device); none = both.
// Hours: observations are summed per JST hour (stored as UTC hour keys). A period must lie
// within one hour (a period crossing an hour boundary or longer than an hour is refused:
// splitting it would invent the within-period profile). An hour whose periods do not
// cover all of it (per counting stream) is stored with the sum of what was observed and
// flagged partial in the result, the import log and the store (store/partial_hours.h: the
// seconds covered and the periods observed per stream). A later import that brings the rest
// of a stored partial hour completes it: its sum is added to the stored one, the coverage
// summed, and the flag cleared once every stream covers the hour (periods overlapping the
// stored ones are refused as double counting). Overlapping periods of one stream are an
// error (double counting). Existing rows for the same key are an error unless that hour is
// flagged partial.
// All-or-nothing: one transaction with the import log row.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ekm/core/feedback.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/store/project.h"

namespace ekm::io {

inline constexpr double kDefaultNgsiMaxDistanceM = 30.0;

struct NgsiMatchOptions {
  std::string match = "auto";  // "auto", "refRoadSegment", "nearest"
  double maxDistanceM = kDefaultNgsiMaxDistanceM;
  // Previews only: an entity that cannot be matched is listed (method "unmatched", the
  // reason in `problem`, its observations left out) instead of failing the plan. An import
  // never stores with it: importNgsiDocument refuses unmatched entities whatever this says.
  bool keepUnmatched = false;
};

struct NgsiEntityMatch {
  std::string entityId;
  std::string entityType;
  std::string target;    // "segment" or "station"
  std::string targetId;  // segment_id / station_id
  std::int64_t targetFid = 0;
  std::string method;    // "refRoadSegment", "nearest", "refStation"
  double distanceM = -1; // nearest: the distance; else -1
  double runnerUpM = -1; // nearest: the second nearest segment's distance (-1 if none)
  std::int64_t observations = 0;
  std::string problem;   // method "unmatched": why (the error the import would give)
  std::vector<store::LonLat> location;  // the entity's location (EPSG:4326): a point or a line's vertices
  bool locationIsLine = false;
};

struct NgsiHourRow {
  std::string target;  // "segment" / "station"
  std::string targetId;
  std::int64_t targetFid = 0;
  core::HourKey hour = 0;
  int direction = 0;   // segments: store::Direction
  int mode = 0;        // segments: store::TravelMode
  double value = 0;    // segments: the count; stations: boardings
  double value2 = -1;  // stations: alightings (-1 = none)
  bool hasValue = true;// stations: boardings present
  std::int64_t coveredS = 0;  // seconds of the hour observed (the least-covered stream)
  bool partial = false;
  std::vector<std::string> entities;
  // The periods observed per counting stream ([fromS, toS), Unix seconds).
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> periods;
  // Set by the import: this row was added to an hour the project held as partial (coveredS
  // and partial are then those of the hour as stored after the import).
  bool completedStored = false;
  double storedValue = -1;  // completedStored: the hour's count (stations: boardings) as stored after the import
};

struct NgsiImportPlan {
  std::vector<NgsiEntityMatch> matches;
  std::vector<NgsiHourRow> rows;  // sorted by target, hour
  std::int64_t observations = 0;
  std::int64_t partialHours = 0;
  std::int64_t unmatched = 0;  // keepUnmatched: entities listed as unmatched
};

// Matches and aggregates (reads the project's segments and stations; writes nothing).
// Throws ValidationError naming the entity and attribute.
NgsiImportPlan planNgsiImport(const store::Project& project, const NgsiDocument& doc, const NgsiMatchOptions& options,
                              core::Feedback& feedback);

struct NgsiImportResult {
  NgsiImportPlan plan;
  std::int64_t entities = 0;
  std::int64_t segmentRows = 0;
  std::int64_t stationRows = 0;
  std::int64_t completedHours = 0;  // stored partial hours this import added to (complete now or not)
  std::string sha256;
  double seconds = 0;
};

// The import log row of a source: what and where from.
struct NgsiSource {
  std::string path;      // file path or query URL
  std::string sha256;    // of the file / of the responses
  std::string kind = "ngsi-ld";  // "ngsi-ld" (file) or "ngsi-ld-pull" (broker)
  nlohmann::json options = nlohmann::json::object();  // logged (query, entity count, ...)
  bool force = false;    // store although the sha256 is in the import log
};

// Plans and writes in one transaction (with the import log row). Throws (project unchanged).
NgsiImportResult importNgsiDocument(store::Project& project, const NgsiDocument& doc, const NgsiSource& source,
                                    const NgsiMatchOptions& options, core::Feedback& feedback);
// Reads a file and imports it.
NgsiImportResult importNgsiLdFile(store::Project& project, const std::string& path, const NgsiMatchOptions& options,
                                  bool force, core::Feedback& feedback);

// The match report as log lines ("match: ENTITY -> segment S by nearest at 4.2 m (next 31.0 m)"),
// at most `maxLines` entities and a summary line of the partial hours.
void logNgsiMatches(const NgsiImportPlan& plan, core::Feedback& feedback, std::size_t maxLines = 50);

}  // namespace ekm::io
