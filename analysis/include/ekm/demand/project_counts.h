#pragma once
// Observed counts of a project for matrix estimation: the segment_counts table summed over
// an hour range per segment and direction, and matched to the links of a built network by
// segment_id.
//  - A (segment, direction) enters only if every hour of the range has a value; otherwise it
//    is reported as incomplete (a partial sum would understate the count).
//  - Direction along the segment's digitised order: forward = the links that follow it,
//    backward = the links against it, both = all links of the segment. Where a segment has
//    both a "both" total and directional totals, the directional ones are used.
//  - A segment split into several links (at junctions on its interior) is observed as the
//    length-weighted mean of its pieces' volumes per direction (the expected volume at a
//    counter placed anywhere on it).
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/demand/matrix_estimation.h"
#include "ekm/demand/network_builder.h"
#include "ekm/store/schema.h"

namespace ekm::store {
class Project;
}

namespace ekm::demand {

struct SegmentCountTotal {
  std::string segmentId;
  store::Direction direction = store::Direction::Both;
  double count = 0;  // sum over the hours of the range
  int hours = 0;     // hours with a value
};

struct ProjectCountTotals {
  std::vector<SegmentCountTotal> totals;  // complete ones, by segment id then direction
  std::vector<std::string> incomplete;    // "segment_id direction: N of M hours"
  int hoursInRange = 0;
};

// Totals over the hours from..to (inclusive) of one travel mode.
ProjectCountTotals segmentCountTotals(const store::Project& project, core::HourKey from, core::HourKey to,
                                      store::TravelMode mode);

struct MatchedCount {
  SegmentCountTotal total;
  LinkCount count;  // count.links: the weighted links observed
};

// Matches totals to `built`'s links by segment id; totals whose segment has no link in
// the direction (not in the network, or one-way the other way) go to `unmatched`
// ("segment_id direction").
std::vector<MatchedCount> matchCountsToLinks(const BuiltNetwork& built,
                                             const std::vector<SegmentCountTotal>& totals,
                                             std::vector<std::string>* unmatched);

}  // namespace ekm::demand
