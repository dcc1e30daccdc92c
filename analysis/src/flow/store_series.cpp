#include "ekm/flow/store_series.h"

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/aggregate.h"
#include "ekm/store/series.h"
#include "ekm/mesh/mesh_code.h"

namespace ekm::flow {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Span {
  HourKey from = 0, to = -1;
};
Span span(const store::Project& p, FeatureKind kind, const SeriesQuery& q) {
  const auto range = p.timeRange(featureKindTable(kind));
  Span s;
  if (range) {
    s.from = range->first;
    s.to = range->last;
  }
  if (q.from) s.from = *q.from;
  if (q.to) s.to = *q.to;
  return s;
}

HourlySeries readOne(const store::Project& p, FeatureKind kind, std::int64_t fid, Span sp,
                     const SeriesQuery& q) {
  HourlySeries s;
  s.start = sp.from;
  if (sp.to < sp.from) return s;
  s.values.assign(static_cast<std::size_t>(sp.to - sp.from + 1), kNaN);
  auto put = [&](HourKey t, double v) {
    if (t >= sp.from && t <= sp.to) s.values[static_cast<std::size_t>(t - sp.from)] = v;
  };
  switch (kind) {
    case FeatureKind::Cell:
      for (const store::TimeValue& tv : p.meshPopulationSeries(fid, sp.from, sp.to, q.breakdownId))
        put(tv.t, tv.value);
      break;
    case FeatureKind::Segment:
      for (const store::TimeValue& tv : p.segmentCountSeries(fid, sp.from, sp.to, q.mode))
        put(tv.t, tv.value);
      break;
    case FeatureKind::Station:
      for (const auto& [b, a] : p.stationRidershipSeries(fid, sp.from, sp.to)) {
        double v = kNaN;
        if (q.station == StationMeasure::Boardings)
          v = b.value;
        else if (q.station == StationMeasure::Alightings)
          v = a.value;
        else if (!std::isnan(b.value) || !std::isnan(a.value))
          v = (std::isnan(b.value) ? 0.0 : b.value) + (std::isnan(a.value) ? 0.0 : a.value);
        put(b.t, v);
      }
      break;
  }
  return s;
}

std::vector<std::pair<std::string, std::int64_t>> features(const store::Project& p, FeatureKind kind) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  switch (kind) {
    case FeatureKind::Cell:
      for (const auto& c : p.meshCells()) out.emplace_back(c.meshCode, c.fid);
      break;
    case FeatureKind::Segment:
      for (const auto& c : p.segments()) out.emplace_back(c.segmentId, c.fid);
      break;
    case FeatureKind::Station:
      for (const auto& c : p.stations()) out.emplace_back(c.stationId, c.fid);
      break;
  }
  return out;
}
}  // namespace

FeatureKind featureKindFromName(const std::string& name) {
  if (name == "mesh-population" || name == "cell" || name == "mesh") return FeatureKind::Cell;
  if (name == "segment-counts" || name == "segment") return FeatureKind::Segment;
  if (name == "station-ridership" || name == "station") return FeatureKind::Station;
  core::ErrorContext c;
  c.field = "kind";
  c.expected = "mesh-population, segment-counts or station-ridership";
  c.found = name;
  throw core::Error(core::ErrorCode::Usage, "unknown feature kind", c);
}

const char* featureKindTable(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::Cell:
      return store::seriesKindTable(store::SeriesKind::MeshPopulation);
    case FeatureKind::Segment:
      return store::seriesKindTable(store::SeriesKind::SegmentCounts);
    case FeatureKind::Station:
      return store::seriesKindTable(store::SeriesKind::StationRidership);
  }
  return "";
}

HourlySeries loadSeries(const store::Project& project, FeatureKind kind, const std::string& id,
                        const SeriesQuery& query, double* coverage) {
  const auto list = features(project, kind);
  const Span sp = span(project, kind, query);
  std::vector<std::int64_t> members;
  std::vector<std::string> unknown;
  const bool isList = id.find(',') != std::string::npos;
  for (std::size_t pos = 0; pos <= id.size();) {
    const std::size_t comma = std::min(id.find(',', pos), id.size());
    const std::string one = id.substr(pos, comma - pos);
    pos = comma + 1;
    if (one.empty()) continue;
    bool found = false;
    for (const auto& [name, fid] : list)
      if (name == one) {
        members.push_back(fid);
        found = true;
      }
    if (!found && kind == FeatureKind::Cell && mesh::isValidCode(one)) {
      const mesh::MeshLevel level = mesh::levelOf(one);
      for (const auto& [name, fid] : list)
        if (mesh::isValidCode(name) && static_cast<int>(mesh::levelOf(name)) > static_cast<int>(level) &&
            mesh::parent(name, level) == one) {
          members.push_back(fid);
          found = true;
        }
    }
    if (!found) unknown.push_back(one);
  }
  if (unknown.empty() && members.size() == 1 && !isList) {
    HourlySeries s = readOne(project, kind, members.front(), sp, query);
    if (coverage) *coverage = s.coverage();
    return s;
  }
  if (unknown.empty() && !members.empty()) {
    std::vector<HourlySeries> parts;
    parts.reserve(members.size());
    for (std::int64_t fid : members) parts.push_back(readOne(project, kind, fid, sp, query));
    std::vector<const HourlySeries*> ptrs;
    for (const HourlySeries& s : parts) ptrs.push_back(&s);
    AggregatedSeries a = aggregateSeries(ptrs);
    if (coverage) *coverage = a.coverage;
    if (a.series.empty())
      a.series = missingSeries(sp.from, sp.to >= sp.from ? static_cast<std::size_t>(sp.to - sp.from + 1) : 0);
    return std::move(a.series);
  }
  core::ErrorContext c;
  c.file = project.path();
  c.field = kind == FeatureKind::Cell      ? "mesh_code"
            : kind == FeatureKind::Segment ? "segment_id"
                                           : "station_id";
  c.expected = "an id present in the project";
  c.found = unknown.empty() ? id : unknown.front();
  throw core::ValidationError("unknown feature", c);
}

std::vector<std::pair<std::string, HourlySeries>> loadAllSeries(const store::Project& project,
                                                                FeatureKind kind, const SeriesQuery& query,
                                                                core::Feedback& feedback) {
  const Span sp = span(project, kind, query);
  const auto list = features(project, kind);
  std::vector<std::pair<std::string, HourlySeries>> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    feedback.throwIfCancelled();
    out.emplace_back(list[i].first, readOne(project, kind, list[i].second, sp, query));
    feedback.setProgress(100.0 * (i + 1) / list.size());
  }
  return out;
}

}  // namespace ekm::flow
