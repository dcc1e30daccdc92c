#include "ekm/demand/project_counts.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <set>
#include <tuple>

#include "ekm/store/project.h"
#include "ekm/store/series.h"
#include "ekm/store/series_totals.h"

namespace ekm::demand {

ProjectCountTotals segmentCountTotals(const store::Project& project, core::HourKey from, core::HourKey to,
                                      store::TravelMode mode) {
  ProjectCountTotals out;
  out.hoursInRange = to >= from ? static_cast<int>(to - from + 1) : 0;
  std::unordered_map<std::int64_t, std::string> ids;
  for (const auto& seg : project.segments()) ids.emplace(seg.fid, seg.segmentId);
  std::vector<SegmentCountTotal> all;
  for (const auto& total : store::seriesTotals(project, store::SeriesKind::SegmentCounts, from, to, static_cast<int>(mode))) {
    const auto id = ids.find(total.featureFid);
    if (id == ids.end()) continue;  // counts of a segment no longer in road_segments
    SegmentCountTotal t;
    t.segmentId = id->second;
    t.direction = static_cast<store::Direction>(total.direction);
    t.count = total.sum;
    t.hours = total.values;  // missing values are not counted
    all.push_back(std::move(t));
  }
  std::sort(all.begin(), all.end(), [](const SegmentCountTotal& a, const SegmentCountTotal& b) {
    return std::tie(a.segmentId, a.direction) < std::tie(b.segmentId, b.direction);
  });

  std::set<std::string> directional;
  for (const auto& t : all)
    if (t.direction != store::Direction::Both && t.hours == out.hoursInRange) directional.insert(t.segmentId);
  for (auto& t : all) {
    if (t.hours != out.hoursInRange) {
      out.incomplete.push_back(t.segmentId + " " + store::directionName(t.direction) + ": " +
                               std::to_string(t.hours) + " of " + std::to_string(out.hoursInRange) +
                               " hours");
      continue;
    }
    if (t.direction == store::Direction::Both && directional.count(t.segmentId)) continue;
    out.totals.push_back(std::move(t));
  }
  return out;
}

std::vector<MatchedCount> matchCountsToLinks(const BuiltNetwork& built,
                                             const std::vector<SegmentCountTotal>& totals,
                                             std::vector<std::string>* unmatched) {
  // segment id -> reversed? -> links, with the direction's total length.
  struct Pieces {
    std::vector<int> links;
    double lengthM = 0;
  };
  std::map<std::pair<std::string, bool>, Pieces> pieces;
  for (int a = 0; a < built.network.linkCount(); ++a) {
    auto& p = pieces[{built.linkSegmentId[a], built.linkReversed[a]}];
    p.links.push_back(a);
    p.lengthM += built.network.link(a).length;
  }
  std::vector<MatchedCount> out;
  for (const auto& t : totals) {
    MatchedCount m;
    m.total = t;
    m.count.count = t.count;
    for (const bool reversed : {false, true}) {
      if (t.direction == store::Direction::Forward && reversed) continue;
      if (t.direction == store::Direction::Backward && !reversed) continue;
      const auto it = pieces.find({t.segmentId, reversed});
      if (it == pieces.end()) continue;
      for (int a : it->second.links) {
        const double share = it->second.lengthM > 0 ? built.network.link(a).length / it->second.lengthM
                                                    : 1.0 / static_cast<double>(it->second.links.size());
        m.count.links.emplace_back(a, share);
      }
    }
    if (m.count.links.empty()) {
      if (unmatched) unmatched->push_back(t.segmentId + " " + store::directionName(t.direction));
      continue;
    }
    m.count.link = m.count.links.front().first;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ekm::demand
