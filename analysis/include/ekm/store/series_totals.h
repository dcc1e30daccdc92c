#pragma once
// Aggregates and feature lists over the people-flow series (see ekm/store/series.h).
#include <cstdint>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/store/series.h"

namespace ekm::store {

// Aggregate over the hours [from, to] of one channel (breakdown id / travel mode): per
// feature and direction with at least one row in range, the sum of the values present and
// how many hours had a value (missing ones are not counted). For station ridership the
// sum is boardings + alightings and `values` counts hours with either. Ordered by
// feature, then direction.
struct SeriesTotal {
  std::int64_t featureFid = 0;
  int direction = 0;
  double sum = 0;
  int values = 0;
};
std::vector<SeriesTotal> seriesTotals(const Project& project, SeriesKind kind, core::HourKey from, core::HourKey to,
                                      int channel = 0);

// The features that have at least one row of the kind, ascending.
std::vector<std::int64_t> seriesFeatures(const Project& project, SeriesKind kind);

}  // namespace ekm::store
