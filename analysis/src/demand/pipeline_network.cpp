// Phase 2a of the project demand pipeline: the street network (see project_pipeline.h).
#include <map>

#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/store/project.h"

namespace ekm::demand {

int copyCrossingFlags(std::vector<RoadSegment>& segments, const std::string& source) {
  std::map<std::string, bool> flags;
  for (const auto& s : readRoadSegments(source)) flags[s.segmentId] = s.crossing;
  int n = 0;
  for (auto& s : segments)
    if (const auto it = flags.find(s.segmentId); it != flags.end() && it->second) s.crossing = true, ++n;
  return n;
}

int copySegmentHeights(std::vector<RoadSegment>& segments, const std::string& source) {
  std::map<std::string, std::vector<GeoPoint>> heights;
  for (auto& s : readRoadSegments(source))
    if (s.hasZ && !s.points.empty()) heights[s.segmentId] = std::move(s.points);
  int n = 0;
  for (auto& s : segments) {
    const auto it = heights.find(s.segmentId);
    if (it == heights.end()) continue;
    for (auto& p : s.points) {
      const GeoPoint* best = &it->second.front();
      const auto d2 = [&p](const GeoPoint& q) { return (q.lon - p.lon) * (q.lon - p.lon) + (q.lat - p.lat) * (q.lat - p.lat); };
      for (const auto& q : it->second)
        if (d2(q) < d2(*best)) best = &q;
      p.z = best->z;
    }
    s.hasZ = true;
    ++n;
  }
  return n;
}

StreetNetwork buildStreetNetwork(std::vector<RoadSegment> segments, const NetworkOptions& options,
                                 core::Feedback& feedback) {
  if (segments.empty()) throw core::ValidationError("no road segments to build a network from");
  const bool walk = options.mode == NetworkMode::Walk;
  if (!walk && !options.barriersPath.empty())
    throw core::ValidationError("barriers apply to the walking network only",
                                core::ErrorContext{options.barriersPath, {}, {}, "network", "walking", "road"});
  StreetNetwork out;
  if (!options.crossingsFromPath.empty())
    out.report.crossingFlagsCopied = copyCrossingFlags(segments, options.crossingsFromPath);
  if (!options.heightsFromPath.empty()) out.report.heightsCopied = copySegmentHeights(segments, options.heightsFromPath);
  for (const auto& s : segments) out.report.crossingSegments += s.crossing ? 1 : 0;
  BuildOptions build;
  build.mode = options.mode;
  build.snapToleranceM = options.snapToleranceM;
  build.splitAtTouches = options.splitAtTouches;
  build.splitAtCrossings = options.splitAtCrossings;
  if (!walk) {
    out.built = buildNetwork(segments, build, feedback);
    return out;
  }
  std::vector<BarrierLine> barriers;
  if (!options.barriersPath.empty()) {
    barriers = readBarriers(options.barriersPath, options.barrierField);
    if (out.report.crossingSegments == 0)
      feedback.warning("no segment is flagged crossing=1: every link across a barrier is removed");
  }
  auto walking = buildWalkingNetwork(segments, barriers, build, options.walking, feedback);
  out.report.barrierLines = static_cast<int>(barriers.size());
  out.report.linksRemovedByBarrier = walking.linksRemovedByBarrier;
  out.report.crossingLinksKept = walking.crossingLinksKept;
  out.built = std::move(walking.built);
  return out;
}

StreetNetwork projectStreetNetwork(const store::Project& project, const NetworkOptions& options,
                                   core::Feedback& feedback) {
  return buildStreetNetwork(segmentsFromProject(project), options, feedback);
}

}  // namespace ekm::demand
