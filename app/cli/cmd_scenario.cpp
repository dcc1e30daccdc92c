// ekimachi-cli scenario run: network and demand edits, re-assigned and compared with the
// base, on a project's street network or on TNTP files; a thin caller of the `scenario`
// and `scenario-tntp` operations (ekm/demand/ops/scenario_op.h, scenario_tntp_op.h).
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/demand/ops/scenario_op.h"
#include "ekm/demand/ops/scenario_tntp_op.h"
#include "op_args.h"
#include "project_network.h"
#include "subcommand.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const std::string kUsageText = std::string(
    "usage: ekimachi-cli scenario run --project P (--od OD | --from T --to T) --edits EDITS.json --out DIR\n"
    "                                 [--network walking|road] [--zones Z] [--turns TURNS.csv]\n"
    "                                 [--barriers F] [--crossings-from F] [--split-crossings]\n"
    "                                 [--algorithm b|bfw|fw|aon] [--gap G] [--max-iter N] [--quiet]\n"
    "   or: ekimachi-cli scenario run --tntp-net NET --tntp-trips TRIPS\n"
    "                                 [--close I-J[,I-J...]] [--add I-J:FFT:CAP[,...]]\n"
    "                                 [--change I-J:cap=C:fft=T[,...]] [--scale-demand F [--scale-zones "
    "Z,Z...]]\n"
    "                                 [--algorithm b|bfw|fw|aon] [--gap G] [--max-iter N]\n"
    "                                 [--out DIFF.csv] [--skims-out SKIMS.csv]\n"
    "                                 [--corridors OUT.geojson --tntp-node NODES [--corridor-share S]] "
    "[--quiet]\n\n"
    "Assigns the base (the TNTP files as they are) and the scenario, and compares them.\n"
    "  --close         close links given by TNTP node numbers (every parallel link)\n"
    "  --add           add links I -> J with free-flow time FFT and capacity CAP (BPR b 0.15,\n"
    "                  power 4; add J-I too for a two-way link)\n"
    "  --change        change capacity and/or free-flow time of existing links\n"
    "  --scale-demand  multiply the demand (e.g. 1.2 = +20%), only trips to --scale-zones if given\n"
    "  --out           per-link differences: link,from,to,status,base_volume,scenario_volume,\n"
    "                  volume_diff,base_time,scenario_time,time_diff\n"
    "  --skims-out     OD travel-time differences along shortest paths at the assigned volumes\n"
    "  --corridors     the scenario's main corridors (high-flow paths) as GeoJSON; node positions\n"
    "                  from a TNTP node file (written as given: lon/lat only if the file holds them)\n"
    "Prints the totals (demand, TSTT), the largest link changes and the demand-weighted mean OD\n"
    "time change. Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 usage, 3 unreadable file,\n"
    "4 malformed TNTP, 5 inconsistent data (e.g. a closure that cuts off demand).\n\n"
    "On a project's street network (--project): the edits come from a JSON file:\n"
    "  {\"close\": [\"SEGMENT_ID\", ...],\n"
    "   \"add\": [{\"name\": \"deck\", \"from\": [LON, LAT], \"to\": [LON, LAT], \"speed_kmh\": 4.8,\n"
    "            \"capacity\": 1e9, \"length_m\": 0}],   (ends snap to the nearest nodes; length in\n"
    "                                                  the plane-rectangular CRS unless given)\n"
    "   \"change\": [{\"segment_id\": \"ID\", \"capacity\": C, \"speed_kmh\": V}],\n"
    "   \"scale_demand\": 1.2, \"scale_zones\": [\"ZONE\", ...]}\n"
    "  --turns        turn rules CSV: from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]\n"
    "  --out DIR      link_differences.csv/.geojson (base and scenario volumes and times per\n"
    "                 link, with segment ids), od_differences.csv (zone-to-zone times)\n") +
    kProjectNetworkUsage;
const char* kUsage = kUsageText.c_str();

// The arguments without the sub-command word, which must be `run`.
template <class Op>
std::vector<std::string> runArguments(std::vector<std::string> argv) {
  const std::string sub = takeSubcommand(argv, ops::fieldsOf<typename Op::Params>());
  if (sub.empty()) throw Error(ErrorCode::Usage, "missing argument: sub-command (run)");
  if (sub != "run")
    throw Error(ErrorCode::Usage, "unknown sub-command", core::ErrorContext{"", std::nullopt, std::nullopt, "", "run", sub});
  return argv;
}

// Assignment lines on stdout (unless quiet), warnings on stderr.
void logAssignments(TerminalFeedback& fb, bool quiet) {
  const bool tty = isatty(STDERR_FILENO) != 0;
  fb.setLogHandler([tty, quiet](core::LogLevel level, const std::string& m) {
    if (tty && !quiet) std::fputs("\r\033[K", stderr);
    if (level != core::LogLevel::Info)
      std::fprintf(stderr, "warning: %s\n", m.c_str());
    else if (!quiet && m.find("assignment") != std::string::npos)
      std::printf("%s\n", m.c_str()), std::fflush(stdout);
  });
}

int runTntpScenario(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::ScenarioTntpOp>(runArguments<demand::ScenarioTntpOp>(argv));
  demand::ScenarioTntpOutcome o;
  {
    TerminalFeedback fb("scenario", args.quiet);
    logAssignments(fb, args.quiet);
    demand::ScenarioTntpHooks hooks;
    hooks.ready = [&](const demand::ScenarioTntpOutcome& x) {
      fb.finish();
      std::printf("network %s: %d nodes, %d links, %d zones; demand %.3f trips\n", x.netPath.c_str(),
                  x.network.nodeCount(), x.network.linkCount(), x.network.zoneCount(), x.demand.total());
      const auto& s = x.scenario;
      std::printf("scenario: %zu closed, %zu added, %zu changed link(s), demand x %g%s\n", s.close.size(),
                  s.add.size(), s.change.size(), s.demandScale,
                  s.scaleDestinations.empty() ? "" : " (chosen destinations)");
      std::fflush(stdout);
    };
    o = demand::ScenarioTntpOp::run(args.session, args.params, fb, hooks);
    fb.finish();
  }
  const auto& r = o.result;
  std::printf("base:     demand %.3f, TSTT %.6f, relative gap %.3e\n", r.baseDemand.total(), r.base.tstt,
              r.base.relativeGap);
  std::printf("scenario: demand %.3f, TSTT %.6f, relative gap %.3e (TSTT %+.3f%%)\n", r.scenarioDemand.total(),
              r.scenario.tstt, r.scenario.relativeGap, 100.0 * (r.scenario.tstt - r.base.tstt) / r.base.tstt);
  auto diffs = r.links;
  std::stable_sort(diffs.begin(), diffs.end(), [](const auto& a, const auto& b) {
    return std::abs(a.scenarioVolume - a.baseVolume) > std::abs(b.scenarioVolume - b.baseVolume);
  });
  std::printf("largest volume changes (from-to: base -> scenario):\n");
  for (std::size_t i = 0; i < diffs.size() && i < 10; ++i) {
    const auto& d = diffs[i];
    std::printf("  %d-%d%s: %.1f -> %.1f (%+.1f)\n", d.from + 1, d.to + 1,
                d.baseLink < 0       ? " (added)"
                : d.scenarioLink < 0 ? " (closed)"
                                     : "",
                d.baseVolume, d.scenarioVolume, d.scenarioVolume - d.baseVolume);
  }
  std::printf("demand-weighted mean OD time change: %+.6f\n", o.meanOdTimeChange);
  const auto& p = args.params;
  if (!p.out.empty()) std::printf("link differences: %s\n", p.out.c_str());
  if (!p.skims_out.empty()) std::printf("OD time differences: %s\n", p.skims_out.c_str());
  if (!p.corridors.empty())
    std::printf("corridors: %zu (top: %zu links, peak volume %.1f): %s\n", o.corridors.size(),
                o.corridors.empty() ? 0 : o.corridors[0].links.size(),
                o.corridors.empty() ? 0.0 : o.corridors[0].peakVolume, p.corridors.c_str());
  return 0;
}

int runProjectScenario(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<demand::ScenarioOp>(withEditsFile(runArguments<demand::ScenarioOp>(argv)));
  if (args.params.out.empty()) throw Error(ErrorCode::Usage, "missing required option --out");
  demand::ScenarioOutcome o;
  {
    TerminalFeedback fb("scenario", args.quiet);
    logAssignments(fb, args.quiet);
    demand::ScenarioHooks hooks;
    hooks.streets = printStreetsWhenReady(fb);
    hooks.ready = [&](const demand::ScenarioOutcome& x) {
      fb.finish();
      printProjectOd(x.project);
    };
    o = demand::ScenarioOp::run(args.session, args.params, fb, hooks);
    fb.finish();
  }
  const auto& run = o.run;
  if (!args.params.turns.empty())
    std::printf("turn rules: %d movements (%d banned) from %s\n", run.turnRules, run.bannedTurns,
                args.params.turns.c_str());
  const auto& s = run.scenario;
  const auto& addedNames = run.addedNames;
  std::printf("scenario %s: %zu closed, %zu added, %zu changed link(s), demand x %g%s\n", o.editsSource.c_str(),
              s.close.size(), s.add.size(), s.change.size(), s.demandScale,
              s.scaleDestinations.empty() ? "" : " (chosen destinations)");
  for (std::size_t i = 0; i < s.add.size(); i += 2) {
    const auto& l = s.add[i];
    std::printf("  added %s: nodes %d <-> %d, %.1f m, %.1f s\n", addedNames[i].c_str(), l.from + 1, l.to + 1, l.length,
                l.freeFlowTime);
  }
  const auto& r = run.result;
  std::printf("base:     demand %.3f, total travel time %.1f s (%.2f h), relative gap %.3e\n", r.baseDemand.total(),
              r.base.tstt, r.base.tstt / 3600, r.base.relativeGap);
  std::printf("scenario: demand %.3f, total travel time %.1f s (%.2f h), relative gap %.3e (%+.3f%%)\n",
              r.scenarioDemand.total(), r.scenario.tstt, r.scenario.tstt / 3600, r.scenario.relativeGap,
              r.base.tstt > 0 ? 100.0 * (r.scenario.tstt - r.base.tstt) / r.base.tstt : 0.0);
  std::vector<std::size_t> order(r.links.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto change = [&](std::size_t i) { return std::abs(r.links[i].scenarioVolume - r.links[i].baseVolume); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return change(a) > change(b); });
  std::printf("largest volume changes (segment, from-to: base -> scenario):\n");
  for (std::size_t k = 0; k < order.size() && k < 10; ++k) {
    const auto& d = r.links[order[k]];
    if (change(order[k]) < 1e-9) break;
    std::printf("  %s %d-%d%s: %.1f -> %.1f (%+.1f)\n", o.linkIds[order[k]].c_str(), d.from + 1, d.to + 1,
                d.scenarioLink < 0 ? " (closed)" : "", d.baseVolume, d.scenarioVolume, d.scenarioVolume - d.baseVolume);
  }
  std::printf("OD pairs: %d faster, %d slower; demand-weighted mean OD time change %+.3f s\n", o.odFaster, o.odSlower,
              o.meanOdTimeChange);
  std::printf("written: %s/{link_differences.csv, link_differences.geojson, od_differences.csv}\n",
              args.params.out.c_str());
  return 0;
}

int runScenario(const std::vector<std::string>& argv) {
  return hasOption(argv, "project") ? runProjectScenario(argv) : runTntpScenario(argv);
}

const CommandRegistrar kRegistrar{Command{
    "scenario", "scenario edits (close/add/change links, scale demand): re-assign and compare with the base",
    kUsage, runScenario}};

}  // namespace
}  // namespace ekm::cli
