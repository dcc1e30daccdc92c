#pragma once
// Aggregation of hourly series: cells to zones and to coarser JIS X 0410 mesh levels.
// At every hour the aggregate is the sum of the present members; an hour where no member
// is present is missing (NaN), never 0. With MissingPolicy::Strict an hour is missing as
// soon as any member is. Coverage (present member-hours / member-hours) is reported.
#include <map>
#include <string>
#include <vector>

#include "ekm/flow/series.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::flow {

enum class MissingPolicy { SumPresent, Strict };

struct AggregatedSeries {
  HourlySeries series;
  std::vector<int> presentMembers;  // per hour
  int members = 0;
  double coverage = 0;  // present member-hours / (members * hours)
};

// Sum of members over the union of their time spans.
AggregatedSeries aggregateSeries(const std::vector<const HourlySeries*>& members,
                                 MissingPolicy policy = MissingPolicy::SumPresent);

// Cell series keyed by mesh code -> series per parent code at `coarser`.
std::map<std::string, AggregatedSeries> aggregateToMesh(const std::map<std::string, HourlySeries>& cells,
                                                        mesh::MeshLevel coarser,
                                                        MissingPolicy policy = MissingPolicy::SumPresent);

// Zones: zone name -> member keys (cells, segments ...). Unknown members count as absent
// members (all hours missing) and are listed in `unknownMembers`.
struct ZoneAggregation {
  std::map<std::string, AggregatedSeries> zones;
  std::vector<std::string> unknownMembers;
};
ZoneAggregation aggregateToZones(const std::map<std::string, HourlySeries>& features,
                                 const std::map<std::string, std::vector<std::string>>& zoneMembers,
                                 MissingPolicy policy = MissingPolicy::SumPresent);

}  // namespace ekm::flow
