// The assign operation on the project's street network, with edits and turn rules.
#include <limits>

#include "demand/ops/assign_runs.h"
#include "ekm/demand/turn_assignment.h"

namespace ekm::demand {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The links of `net` (the base network, or the edited one of `edited`) with their segments.
std::vector<SegmentLinkFlow> assignedLinks(const BuiltNetwork& base, const Network& net, const ScenarioNetwork* edited,
                                           const std::vector<std::string>& addedNames, const AssignmentResult& r) {
  std::vector<SegmentLinkFlow> links;
  std::size_t added = 0;
  for (int a = 0; a < net.linkCount(); ++a) {
    const int b = edited ? edited->baseLink[a] : a;
    if (b >= 0) {
      links.push_back({base.linkSegmentId[b], static_cast<bool>(base.linkReversed[b]), net.link(a).length,
                       r.volume[a], r.time[a]});
    } else {  // added links come in pairs, there and back
      const std::string name = added < addedNames.size() ? addedNames[added] : std::string();
      links.push_back({"added:" + name, added % 2 == 1, net.link(a).length, r.volume[a], r.time[a]});
      ++added;
    }
  }
  if (edited)
    for (int b = 0; b < base.network.linkCount(); ++b)
      if (edited->scenarioLink[b] < 0)  // closed: no flow
        links.push_back({base.linkSegmentId[b], static_cast<bool>(base.linkReversed[b]), base.network.link(b).length,
                         0.0, kNaN});
  return links;
}

}  // namespace

AssignOutcome assignProject(ops::Session& session, const AssignParams& params, core::Feedback& feedback,
                            const AssignHooks& hooks) {
  AssignOutcome out;
  out.onProject = true;
  out.options = params.assignment.options();
  const ScenarioEdits edits = params.edits.read(session);
  core::MultiStepFeedback steps(feedback, 2);
  out.project = projectDemand(session, params.network, params.demand, steps, hooks.streets);
  out.warnings = out.project.warnings;
  steps.throwIfCancelled();
  const ZonedNetwork& zoned = out.project.network.network;
  const BuiltNetwork& base = zoned.zoned;

  std::vector<TurnRule> turns;
  if (!params.turns.empty()) {
    out.turnsPath = inputPath(session, params.turns);
    turns = readTurnRulesCsv(out.turnsPath, base);
    out.turnRules = static_cast<int>(turns.size());
    for (const auto& r : turns) out.bannedTurns += r.banned ? 1 : 0;
  }
  std::optional<ScenarioNetwork> edited;
  out.demand = out.project.od.matrix;
  if (!edits.empty()) {
    const Scenario scenario = resolveEdits(edits, zoned, &out.addedNames);
    edited = applyScenario(base.network, scenario);
    out.demand = scaleDemand(out.demand, scenario);
    if (!turns.empty()) turns = scenarioTurnRules(turns, *edited);
    for (int b : edited->scenarioLink) out.closedLinks += b < 0 ? 1 : 0;
  }
  const Network& net = edited ? edited->network : base.network;
  if (hooks.ready) hooks.ready(out);

  steps.setCurrentStep(1);
  auto options = out.options;
  options.onIteration = hooks.iteration;
  out.result = turns.empty() ? assign(net, out.demand, options, steps)
                             : assignWithTurns(net, out.demand, turns, {}, options, steps).result;
  out.links = assignedLinks(base, net, edited ? &*edited : nullptr, out.addedNames, out.result);
  std::vector<bool> street(static_cast<std::size_t>(net.linkCount()));  // added links and streets
  for (int a = 0; a < net.linkCount(); ++a) {
    const int b = edited ? edited->baseLink[a] : a;
    street[static_cast<std::size_t>(a)] = b < 0 || base.linkSegment[static_cast<std::size_t>(b)] >= 0;
  }
  auto patterns = demandPatterns(net, street, out.result.volume, zoned.zones, out.demand);
  out.corridors = std::move(patterns.corridors);
  out.desireLines = std::move(patterns.desireLines);
  out.meanTripMinutes = meanTripCost(out.demand, freeFlowMinutes(net, out.options.weights, steps));
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    auto f = openResultFile(out.outPath);
    f << "link,segment_id,from,to,volume,time_s\n";
    for (int a = 0; a < net.linkCount(); ++a) {
      const auto& l = net.link(a);
      f << a + 1 << ',' << out.links[a].segmentId << ',' << l.from + 1 << ',' << l.to + 1 << ','
        << out.result.volume[a] << ',' << out.result.time[a] << '\n';
    }
  }
  return out;
}

}  // namespace ekm::demand
