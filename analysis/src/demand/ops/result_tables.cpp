// Keyed result tables of the demand operations (see result_tables.h).
#include "ekm/demand/ops/result_tables.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace ekm::demand {

namespace {

struct SegmentFlow {
  double volumeLength[2] = {0, 0};  // sum of volume x length per direction (0 = ab, 1 = ba)
  double length[2] = {0, 0};
  double time[2] = {0, 0};
  bool has[2] = {false, false};
  double volume(int d) const { return length[d] > 0 ? volumeLength[d] / length[d] : 0.0; }
  double total() const { return volume(0) + volume(1); }
};

// Segment flows in order of first appearance.
std::vector<std::pair<std::string, SegmentFlow>> bySegment(const std::vector<SegmentLinkFlow>& links) {
  std::vector<std::pair<std::string, SegmentFlow>> out;
  std::map<std::string, std::size_t> index;
  for (const auto& l : links) {
    if (l.segmentId.rfind("connector:", 0) == 0) continue;
    auto [it, added] = index.emplace(l.segmentId, out.size());
    if (added) out.emplace_back(l.segmentId, SegmentFlow{});
    SegmentFlow& f = out[it->second].second;
    const int d = l.reversed ? 1 : 0;
    // A zero-length piece still counts (weight 1e-9 m) so its volume is not lost.
    const double w = std::max(l.length, 1e-9);
    f.volumeLength[d] += l.volume * w;
    f.length[d] += w;
    f.time[d] += l.time;
    f.has[d] = true;
  }
  return out;
}

}  // namespace

ops::Json jsonNumber(double v) { return std::isfinite(v) ? ops::Json(v) : ops::Json(nullptr); }

std::string notConvergedWarning(const AssignmentResult& result, double requestedGap) {
  char text[200];
  std::snprintf(text, sizeof text,
                "not converged: relative gap %.3e after %d iterations (the iteration limit) is above the requested %g",
                result.relativeGap, result.iterations.empty() ? 0 : result.iterations.back().iteration, requestedGap);
  return text;
}

ops::Json scenarioSummary(const Scenario& s, const ScenarioResult& r) {
  return {{"closed_links", s.close.size()},
          {"added_links", s.add.size()},
          {"changed_links", s.change.size()},
          {"demand_scale", s.demandScale},
          {"base_demand", jsonNumber(r.baseDemand.total())},
          {"scenario_demand", jsonNumber(r.scenarioDemand.total())},
          {"base_tstt", jsonNumber(r.base.tstt)},
          {"scenario_tstt", jsonNumber(r.scenario.tstt)},
          {"tstt_change_percent",
           jsonNumber(r.base.tstt > 0 ? 100.0 * (r.scenario.tstt - r.base.tstt) / r.base.tstt : 0.0)},
          {"base_relative_gap", jsonNumber(r.base.relativeGap)},
          {"scenario_relative_gap", jsonNumber(r.scenario.relativeGap)},
          {"converged", r.base.converged && r.scenario.converged}};
}

std::vector<std::string> scenarioWarnings(const ScenarioResult& r, double requestedGap) {
  std::vector<std::string> out;
  if (!r.base.converged) out.push_back("base assignment " + notConvergedWarning(r.base, requestedGap));
  if (!r.scenario.converged) out.push_back("scenario assignment " + notConvergedWarning(r.scenario, requestedGap));
  return out;
}

std::vector<SegmentLinkFlow> segmentLinkFlows(const BuiltNetwork& built, const std::vector<double>& volume,
                                              const std::vector<double>& time) {
  std::vector<SegmentLinkFlow> out;
  for (int a = 0; a < built.network.linkCount(); ++a)
    out.push_back({built.linkSegmentId[a], static_cast<bool>(built.linkReversed[a]), built.network.link(a).length,
                   volume[a], time[a]});
  return out;
}

ops::ResultTable segmentFlowTable(const std::string& name, const std::vector<SegmentLinkFlow>& links) {
  ops::ResultTable t;
  t.name = name;
  t.geometry = "segment";
  t.columns = {"segment_id", "volume_ab", "volume_ba", "volume", "time_ab_s", "time_ba_s"};
  for (const auto& [id, f] : bySegment(links))
    t.rows.push_back({id, jsonNumber(f.volume(0)), jsonNumber(f.volume(1)), jsonNumber(f.total()),
                      f.has[0] ? jsonNumber(f.time[0]) : ops::Json(nullptr),
                      f.has[1] ? jsonNumber(f.time[1]) : ops::Json(nullptr)});
  return t;
}

ops::ResultTable segmentDifferenceTable(const std::string& name, const std::vector<SegmentLinkFlow>& base,
                                        const std::vector<SegmentLinkFlow>& scenario) {
  ops::ResultTable t;
  t.name = name;
  t.geometry = "segment";
  t.columns = {"segment_id",     "base_volume",        "scenario_volume",    "volume_diff",
               "base_volume_ab", "scenario_volume_ab", "base_volume_ba",     "scenario_volume_ba"};
  const auto b = bySegment(base), s = bySegment(scenario);
  std::map<std::string, const SegmentFlow*> inScenario;
  for (const auto& [id, f] : s) inScenario[id] = &f;
  const SegmentFlow none;
  auto row = [&](const std::string& id, const SegmentFlow& x, const SegmentFlow& y) {
    t.rows.push_back({id, jsonNumber(x.total()), jsonNumber(y.total()), jsonNumber(y.total() - x.total()),
                      jsonNumber(x.volume(0)), jsonNumber(y.volume(0)), jsonNumber(x.volume(1)),
                      jsonNumber(y.volume(1))});
  };
  std::map<std::string, bool> seen;
  for (const auto& [id, f] : b) {
    const auto it = inScenario.find(id);
    row(id, f, it == inScenario.end() ? none : *it->second);
    seen[id] = true;
  }
  for (const auto& [id, f] : s)
    if (!seen.count(id)) row(id, none, f);
  return t;
}

ops::ResultTable odTable(const NamedOdMatrix& od, const std::string& name) {
  ops::ResultTable t;
  t.name = name;
  t.geometry = "od";
  t.keyColumns = 2;
  t.columns = {"origin", "destination", "trips"};
  const int n = od.matrix.zoneCount();
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (const double v = od.matrix(i, j); v != 0)
        t.rows.push_back({od.zoneIds[static_cast<std::size_t>(i)], od.zoneIds[static_cast<std::size_t>(j)], jsonNumber(v)});
  return t;
}

}  // namespace ekm::demand
