#pragma once
// Partly observed hours of the people-flow series (schema version 9): an hour whose
// sub-hour observations did not cover all of it is stored in its series (segment counts or
// station ridership) with the sum observed, and flagged here with the seconds covered and
// the periods observed, so that readers can tell it from a complete hour and a later import
// that brings the rest of the hour adds to it (the periods must not overlap) instead of
// colliding with it.
//
// Table partial_hours (a GeoPackage attribute table; PostgreSQL: the same columns):
//   series TEXT ('segment_counts' / 'station_ridership'), feature_fid, t_hour (UTC hours
//   since the epoch), channel (travel mode of a segment count; 0), direction (0 for stations),
//   covered_s (seconds of the hour observed by its least-covered counting stream),
//   periods TEXT (JSON {"stream": [[from_s, to_s], ...]}: the observed periods, Unix seconds),
//   UNIQUE (series, feature_fid, t_hour, channel, direction).
// A row exists only while the hour is partial: completing it removes the row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/store/series.h"

namespace ekm::store {

class Project;

struct PartialHour {
  SeriesKind kind = SeriesKind::SegmentCounts;
  std::int64_t featureFid = 0;
  core::HourKey hour = 0;
  int channel = 0;
  int direction = 0;
  std::int64_t coveredS = 0;
  std::string periods = "{}";  // JSON, see above
};

// The flag of one hour, if it is partial.
std::optional<PartialHour> partialHour(const Project& project, SeriesKind kind, std::int64_t featureFid,
                                       core::HourKey hour, int channel, int direction);
// Every partial hour of a kind, ordered by feature, hour, channel, direction.
std::vector<PartialHour> partialHours(const Project& project, SeriesKind kind);
// Flags an hour as partial, or updates its flag (inside the caller's Transaction).
void savePartialHour(Project& project, const PartialHour& hour);
// Clears the flag (the hour is complete). No-op when it is not flagged.
void clearPartialHour(Project& project, SeriesKind kind, std::int64_t featureFid, core::HourKey hour, int channel,
                      int direction);
// Adds to the value of an hour already stored (completing a partial hour): `value` to the
// count (station ridership: boardings), `second` to a station's alightings; NaN adds
// nothing, a missing stored value counts as 0. Returns the first value as stored now (NaN if
// missing). Throws StoreError when the hour has no row.
double addToStoredHour(Project& project, SeriesKind kind, std::int64_t featureFid, core::HourKey hour, int channel,
                     int direction, double value, double second);

// The DDL of the table (idempotent; new projects and the 8 -> 9 migration).
std::string partialHoursTableSql();

}  // namespace ekm::store
