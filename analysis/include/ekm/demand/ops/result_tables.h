#pragma once
// Result tables of the demand operations, in the keyed form `ekimachi-cli compare` joins
// two stored runs on:
//   segment flows  one row per street segment (geometry "segment"): the volume along and
//                  against its digitised direction (length-weighted means over the links
//                  of a segment split at junctions), their sum, and the time to walk or
//                  drive it each way (sums over its links); centroid connectors left out
//   OD             origin, destination, trips (non-zero cells; geometry "od")
// and the summary figures and warnings the assignment operations share.
#include <string>
#include <vector>

#include "ekm/demand/network_builder.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/scenario.h"
#include "ekm/ops/result.h"

namespace ekm::demand {

// One directed link with its street segment, as a segment flow table reads it.
struct SegmentLinkFlow {
  std::string segmentId;  // "connector:..." rows are skipped; "added:NAME" for links a scenario added
  bool reversed = false;  // runs against the segment's digitised direction
  double length = 0;      // metres
  double volume = 0;
  double time = 0;        // seconds; NaN where the link is closed
};

// The links of a built network (link a: its segment, direction and length) with volumes and times.
std::vector<SegmentLinkFlow> segmentLinkFlows(const BuiltNetwork& built, const std::vector<double>& volume,
                                              const std::vector<double>& time);

// Columns: segment_id, volume_ab, volume_ba, volume, time_ab_s, time_ba_s (null where the
// segment has no link in that direction). Rows in order of first appearance.
ops::ResultTable segmentFlowTable(const std::string& name, const std::vector<SegmentLinkFlow>& links);

// Columns: segment_id, base_volume, scenario_volume, volume_diff, base_volume_ab,
// scenario_volume_ab, base_volume_ba, scenario_volume_ba (two-way volumes as in
// segmentFlowTable; segments only in one run have 0 in the other).
ops::ResultTable segmentDifferenceTable(const std::string& name, const std::vector<SegmentLinkFlow>& base,
                                        const std::vector<SegmentLinkFlow>& scenario);

// Columns: origin, destination, trips (key: origin and destination).
ops::ResultTable odTable(const NamedOdMatrix& od, const std::string& name = "od");

// A finite number as JSON, null otherwise.
ops::Json jsonNumber(double v);

// The warning of an assignment that stopped at the iteration limit short of the gap.
std::string notConvergedWarning(const AssignmentResult& result, double requestedGap);
// The edits, demand, TSTT and gaps of a base and scenario assignment.
ops::Json scenarioSummary(const Scenario& scenario, const ScenarioResult& result);
// notConvergedWarning of the base and the scenario assignment, where they stopped short.
std::vector<std::string> scenarioWarnings(const ScenarioResult& result, double requestedGap);

}  // namespace ekm::demand
