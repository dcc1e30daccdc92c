// The scenario operation on a project's street network.
#include "ekm/demand/ops/scenario_op.h"

#include <cmath>
#include <filesystem>

#include "ekm/core/error.h"

namespace ekm::demand {

void ScenarioParams::validate() const {
  network.validate();
  demand.validate();
  edits.validate();
  if (!edits.given()) throwParam("missing parameter", "edits", "the edits (edits or edits_file)", "nothing");
}

namespace {

std::vector<SegmentLinkFlow> sideFlows(const ScenarioOutcome& o, bool scenario) {
  const auto& built = o.project.network.network.zoned;
  std::vector<SegmentLinkFlow> out;
  const auto& r = o.run.result;
  int added = 0;  // added links come in pairs, there and back
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    const auto& d = r.links[i];
    const bool reversed = d.baseLink >= 0 ? static_cast<bool>(built.linkReversed[d.baseLink]) : added++ % 2 == 1;
    const double length = d.baseLink >= 0 ? built.network.link(d.baseLink).length
                                          : r.network.network.link(d.scenarioLink).length;
    if (!scenario && d.baseLink < 0) continue;  // added: not in the base
    out.push_back({o.linkIds[i], reversed, length, scenario ? d.scenarioVolume : d.baseVolume,
                   scenario ? d.scenarioTime : d.baseTime});
  }
  return out;
}

}  // namespace

ScenarioOutcome ScenarioOp::run(ops::Session& session, const Params& params, core::Feedback& feedback,
                                const ScenarioHooks& hooks) {
  ScenarioOutcome out;
  const ScenarioEdits edits = params.edits.read(session);
  out.editsSource = edits.source.empty() ? "edits" : edits.source;
  if (edits.empty())
    throw core::Error(core::ErrorCode::Usage, "no scenario edit in the edits file",
                      core::ErrorContext{out.editsSource, std::nullopt, std::nullopt, "",
                                         "close, add, change or scale_demand", "none"});
  const auto options = params.assignment.options();
  core::MultiStepFeedback steps(feedback, 2);
  out.project = projectDemand(session, params.network, params.demand, steps, hooks.streets);
  out.warnings = out.project.warnings;
  if (hooks.ready) hooks.ready(out);
  steps.setCurrentStep(1);
  const auto& net = out.project.network.network;
  out.run = assignProjectScenario(net, out.project.od.matrix, edits, options, inputPath(session, params.turns), steps);

  const auto& r = out.run.result;
  std::size_t added = 0;
  for (const auto& d : r.links)
    out.linkIds.push_back(d.baseLink >= 0 ? net.zoned.linkSegmentId[d.baseLink]
                                          : "added:" + (added < out.run.addedNames.size()
                                                            ? out.run.addedNames[added++]
                                                            : std::string()));
  double w = 0, dt = 0;
  for (int a = 0; a < r.baseDemand.zoneCount(); ++a)
    for (int b = 0; b < r.baseDemand.zoneCount(); ++b) {
      const double bt = r.baseSkims.time(a, b), st = r.scenarioSkims.time(a, b);
      if (a == b || !std::isfinite(bt) || !std::isfinite(st)) continue;
      out.odFaster += st < bt - 1e-6 ? 1 : 0;
      out.odSlower += st > bt + 1e-6 ? 1 : 0;
      w += r.baseDemand(a, b), dt += r.baseDemand(a, b) * (st - bt);
    }
  out.meanOdTimeChange = w > 0 ? dt / w : 0.0;
  for (auto& w : scenarioWarnings(r, options.relativeGap)) out.warnings.push_back(std::move(w));

  if (!params.out.empty()) {
    out.outDir = session.resolve(params.out);
    std::error_code ec;
    std::filesystem::create_directories(out.outDir, ec);
    if (ec)
      throw core::IoError("cannot create the output folder: " + ec.message(),
                          core::ErrorContext{out.outDir, std::nullopt, std::nullopt, "", "", ""});
    const auto dir = std::filesystem::path(out.outDir);
    out.outputs = {(dir / "link_differences.csv").string(), (dir / "link_differences.geojson").string(),
                   (dir / "od_differences.csv").string()};
    writeProjectLinkDifferences(out.outputs[0], out.outputs[1], net, r, out.run.addedNames);
    writeProjectSkimDifferences(out.outputs[2], net, r);
  }
  return out;
}

ops::OpResult ScenarioOp::record(const Result& o) {
  const auto& r = o.run.result;
  const auto& s = o.run.scenario;
  ops::OpResult out;
  out.summary = {{"edits", o.editsSource}};
  out.summary.update(scenarioSummary(s, r));
  out.summary["od_faster"] = o.odFaster;
  out.summary["od_slower"] = o.odSlower;
  out.summary["mean_od_time_change_s"] = jsonNumber(o.meanOdTimeChange);
  out.tables.push_back(segmentDifferenceTable("link_differences", sideFlows(o, false), sideFlows(o, true)));
  ops::ResultTable od;  // the pairs with trips
  od.name = "od_differences";
  od.geometry = "od";
  od.keyColumns = 2;
  od.columns = {"origin", "destination", "base_demand", "scenario_demand", "base_time_s", "scenario_time_s",
                "time_diff_s"};
  const auto ids = o.project.network.network.zones.ids();
  for (int a = 0; a < r.baseDemand.zoneCount(); ++a)
    for (int b = 0; b < r.baseDemand.zoneCount(); ++b) {
      const double bt = r.baseSkims.time(a, b), st = r.scenarioSkims.time(a, b);
      if (a == b || !(r.baseDemand(a, b) > 0 || r.scenarioDemand(a, b) > 0)) continue;
      od.rows.push_back({ids[static_cast<std::size_t>(a)], ids[static_cast<std::size_t>(b)],
                         jsonNumber(r.baseDemand(a, b)), jsonNumber(r.scenarioDemand(a, b)), jsonNumber(bt),
                         jsonNumber(st), jsonNumber(st - bt)});
    }
  out.tables.push_back(std::move(od));
  out.outputs = o.outputs;
  out.warnings = o.warnings;
  return out;
}

}  // namespace ekm::demand
