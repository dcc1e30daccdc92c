#pragma once
// People-flow time series in the project store (schema version 6).
//
// Layout: one row per (channel, UTC day, feature[, direction]) holding the 24 hourly values
// of that day in columns h00..h23 (REAL, NULL = missing) and a 24-bit `present` mask (bit h
// set = hour h has a row, whose value may still be missing). Tables are WITHOUT ROWID,
// keyed day-major so that a time slice is one range scan and a series one probe per day:
//   mesh_population_days   (breakdown_id, day, cell_fid, present, h00..h23)
//   segment_count_days     (mode, day, segment_fid, direction, present, h00..h23)
//   station_ridership_days (day, station_fid, present, b00..b23 -- boardings,
//                           a00..a23 -- alightings)
// day = floor(t_hour / 24), t_hour = hours since 1970-01-01T00:00Z.
// The long views mesh_population, segment_counts and station_ridership (the names and
// columns of the one-row-per-hour tables of schema version 5) give QGIS users and plain
// SQL one row per present hour.
#include <cstdint>
#include <memory>

#include "ekm/core/time.h"

namespace ekm::store {

class Project;

enum class SeriesKind { MeshPopulation, SegmentCounts, StationRidership };

// The long view's (= the kind's public table) name: "mesh_population", "segment_counts",
// "station_ridership".
const char* seriesKindTable(SeriesKind kind);

// Bulk writer of one series kind. Buffers values in memory and writes whole day rows in
// key order; use it inside a Transaction (an import is all or nothing) and call finish()
// before committing. Values already in the project for the same day rows are kept.
class SeriesWriter {
 public:
  SeriesWriter(Project& project, SeriesKind kind);
  ~SeriesWriter();
  SeriesWriter(const SeriesWriter&) = delete;
  SeriesWriter& operator=(const SeriesWriter&) = delete;

  // One hourly value (NaN = missing). `channel` is the breakdown id (mesh population, 0 =
  // total, < 256) or the travel mode (segment counts); `direction` the Direction of a
  // segment count (0 otherwise). `second` is the alightings of a station ridership row
  // (`value` its boardings). Returns false, writing nothing, when the key already has a
  // row in this writer or in the project: the caller reports the duplicate.
  bool add(std::int64_t featureFid, core::HourKey t, int channel, int direction, double value,
           double second = 0);
  // Writes what is buffered. Throws StoreError on failure.
  void finish();

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace ekm::store
