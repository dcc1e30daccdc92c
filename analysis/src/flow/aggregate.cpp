#include "ekm/flow/aggregate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ekm::flow {

AggregatedSeries aggregateSeries(const std::vector<const HourlySeries*>& members, MissingPolicy policy) {
  AggregatedSeries out;
  out.members = static_cast<int>(members.size());
  bool any = false;
  HourKey lo = 0, hi = 0;
  for (const HourlySeries* m : members) {
    if (!m || m->empty()) continue;
    lo = any ? std::min(lo, m->start) : m->start;
    hi = any ? std::max(hi, m->end()) : m->end();
    any = true;
  }
  if (!any) return out;
  const auto n = static_cast<std::size_t>(hi - lo);
  out.series.start = lo;
  out.series.values.assign(n, 0.0);
  out.presentMembers.assign(n, 0);
  std::size_t presentTotal = 0;
  for (const HourlySeries* m : members) {
    if (!m) continue;
    for (std::size_t i = 0; i < m->size(); ++i) {
      const double v = m->values[i];
      if (std::isnan(v)) continue;
      const auto j = static_cast<std::size_t>(m->start - lo) + i;
      out.series.values[j] += v;
      ++out.presentMembers[j];
      ++presentTotal;
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    const int p = out.presentMembers[j];
    if (p == 0 || (policy == MissingPolicy::Strict && p < out.members))
      out.series.values[j] = std::numeric_limits<double>::quiet_NaN();
  }
  out.coverage =
      out.members ? static_cast<double>(presentTotal) / (static_cast<double>(out.members) * n) : 0.0;
  return out;
}

std::map<std::string, AggregatedSeries> aggregateToMesh(const std::map<std::string, HourlySeries>& cells,
                                                        mesh::MeshLevel coarser, MissingPolicy policy) {
  std::map<std::string, std::vector<const HourlySeries*>> groups;
  for (const auto& [code, s] : cells) groups[mesh::parent(code, coarser)].push_back(&s);
  std::map<std::string, AggregatedSeries> out;
  for (const auto& [code, members] : groups) out.emplace(code, aggregateSeries(members, policy));
  return out;
}

ZoneAggregation aggregateToZones(const std::map<std::string, HourlySeries>& features,
                                 const std::map<std::string, std::vector<std::string>>& zoneMembers,
                                 MissingPolicy policy) {
  ZoneAggregation out;
  for (const auto& [zone, keys] : zoneMembers) {
    std::vector<const HourlySeries*> members;
    for (const std::string& k : keys) {
      const auto it = features.find(k);
      if (it == features.end()) {
        out.unknownMembers.push_back(k);
        members.push_back(nullptr);
      } else {
        members.push_back(&it->second);
      }
    }
    AggregatedSeries a = aggregateSeries(members, policy);
    a.members = static_cast<int>(keys.size());
    if (!a.series.empty()) {
      std::size_t present = 0;
      for (int p : a.presentMembers) present += static_cast<std::size_t>(p);
      a.coverage = static_cast<double>(present) / (static_cast<double>(a.members) * a.series.size());
      if (policy == MissingPolicy::Strict)
        for (std::size_t j = 0; j < a.series.size(); ++j)
          if (a.presentMembers[j] < a.members) a.series.values[j] = std::numeric_limits<double>::quiet_NaN();
    }
    out.zones.emplace(zone, std::move(a));
  }
  return out;
}

}  // namespace ekm::flow
