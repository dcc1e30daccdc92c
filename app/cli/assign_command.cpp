// The `assign` command's body, shared by `ekimachi-cli assign` and the lean `ekimachi-assign`
// (TNTP files only): flags -> the `assign` operation's Params, the run, the printed results.
#include "assign_command.h"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "op_args.h"
#include "terminal_feedback.h"

namespace ekm::cli {

using core::ErrorCode;

const std::string& assignUsage() {
  static const std::string text =
    std::string(
        "usage: ekimachi-cli assign --project P (--od OD | --from T --to T) [--network walking|road] [--zones Z]\n"
        "                           [--edits EDITS.json] [--turns TURNS.csv] [--algorithm fw|bfw|b|aon] [--gap G]\n"
        "                           [--max-iter N] [--threads N] [--out LINKS.csv]\n"
        "   or: ekimachi-cli assign --tntp-net NET --tntp-trips TRIPS [--algorithm fw|bfw|b|aon]\n"
        "                           [--gap G] [--max-iter N] [--toll-factor F] [--distance-factor D]\n"
        "                           [--threads N] [--out FLOWS.csv] [--skims SKIMS.csv]\n"
        "                           [--select-link I,J --select-link-out OD.csv] [--compare FLOW.tntp] "
        "[--quiet]\n\n"
        "Static traffic assignment with BPR link costs on TNTP files. Link cost = BPR time\n"
        "+ F x toll + D x length (Chicago Sketch's published solution: F 0.02, D 0.04). F and D\n"
        "default to the net file's <TOLL FACTOR> and <DISTANCE FACTOR> (0 where absent).\n"
        "  --algorithm   b (Algorithm B, bush-based; default), bfw (bi-conjugate Frank-Wolfe),\n"
        "                fw (Frank-Wolfe), aon (all-or-nothing at free flow)\n"
        "  --gap         relative gap (TSTT - SPTT) / TSTT to stop at (default 1e-4)\n"
        "  --max-iter    iteration limit (default 1000)\n"
        "  --out         link results CSV: link,init_node,term_node,volume,time,cost\n"
        "  --skims       OD skims CSV along shortest cost paths: origin,destination,cost,time,distance\n"
        "  --select-link TNTP nodes I,J of a link; --select-link-out gets origin,destination,volume\n"
        "                of the OD pairs using it (needs --algorithm b)\n"
        "  --compare     a TNTP flow file (e.g. the published solution): prints its TSTT and the\n"
        "                largest link volume difference\n"
        "Prints one line per iteration (gap, TSTT, seconds) and a summary on stdout; progress on\n"
        "stderr; Ctrl-C cancels (exit 130). Exit codes (both forms): 0 converged to --gap, 2 usage,\n"
        "3 unreadable file, 4 malformed TNTP, 5 inconsistent data, 13 not converged: stopped at\n"
        "--max-iter with the gap above --gap (a warning on stderr names both gaps; --out and the\n"
        "other outputs are still written, at the last iteration's flows).\n\n"
        "On a project's street network (--project):\n"
        "  --edits       network and demand edits, a JSON file as for `scenario run --project` (close,\n"
        "                add, change, scale_demand) or the object inline: the edited network is assigned\n"
        "  --turns       turn rules CSV: from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]\n"
        "                (the junction is the node the two segments share, or the one nearest to\n"
        "                via_lon/via_lat); bans and penalties apply in both directions of travel\n"
        "                through the junction from from_segment into to_segment\n"
        "  --out         link results CSV: link,segment_id,from,to,volume,time_s\n");
  return text;
}

namespace {

// After a run that stopped at the iteration limit short of the requested gap: a warning on
// stderr (the outputs are written by then) and the "not converged" exit code; 0 otherwise.
int convergenceExitCode(const demand::AssignOutcome& r) {
  if (r.result.converged) return 0;
  std::fflush(stdout);  // after the summary when both streams go to one place
  std::fprintf(stderr,
               "warning: not converged: relative gap %.3e after %d iterations (the --max-iter limit) is above "
               "the requested %g; %s%s\n",
               r.result.relativeGap, r.iterations(), r.options.relativeGap,
               r.outPath.empty() ? "no --out given" : "the flows at the last iteration were still written to ",
               r.outPath.c_str());
  return static_cast<int>(ErrorCode::NotConverged);
}

void printSetup(const demand::AssignOutcome& o, const AssignRunner& runner) {
  if (o.onProject) {
    if (runner.printProjectOd) runner.printProjectOd(o.project);
    if (!o.addedNames.empty() || o.closedLinks > 0 || o.demand.total() != o.project.od.matrix.total())
      std::printf("edits: %d links closed, %zu links added, demand %.3f trips\n", o.closedLinks, o.addedNames.size(),
                  o.demand.total());
    if (!o.turnsPath.empty())
      std::printf("turn rules: %d movements (%d banned) from %s\n", o.turnRules, o.bannedTurns, o.turnsPath.c_str());
  } else {
    const auto& n = o.network;
    std::printf("network %s: %d nodes, %d links, %d zones, first thru node %d; demand %.6f trips\n",
                o.netPath.c_str(), n.nodeCount(), n.linkCount(), n.zoneCount(), o.firstThruNode, o.demand.total());
    std::printf("algorithm %s, target gap %g, toll factor %g, distance factor %g\n",
                demand::algorithmName(o.options.algorithm), o.options.relativeGap, o.options.weights.tollFactor,
                o.options.weights.distanceFactor);
  }
  std::fflush(stdout);
}

void printTntpResults(const demand::AssignOutcome& r) {
  const int iterations = r.iterations();
  std::printf("%s after %d iterations: relative gap %.3e, TSTT %.6f, %.3f s (%.2f ms per iteration; "
              "%.3f s CPU on all threads)\n",
              r.result.converged ? "converged" : "stopped at the iteration limit", iterations, r.result.relativeGap,
              r.result.tstt, r.result.seconds, iterations ? 1000.0 * r.result.seconds / iterations : 0.0,
              r.cpuSeconds);
  if (const auto& c = r.compare)
    std::printf("compare %s: TSTT %.6f (file costs), %.6f (recomputed), relative gap %.3e; TSTT difference %.4e%%, "
                "max |volume difference| %.6f\n",
                c->path.c_str(), c->fileTstt, c->tstt, c->relativeGap, c->tsttDifferencePercent,
                c->maxVolumeDifference);
  if (!r.outPath.empty()) std::printf("link results: %s\n", r.outPath.c_str());
  if (!r.skimsPath.empty()) std::printf("skims: %s\n", r.skimsPath.c_str());
  if (const auto& s = r.selectLink)
    std::printf("select link %s: %zu OD pairs, %.6f trips (link volume %.6f): %s\n", s->link.c_str(), s->flows.size(),
                s->trips, r.result.volume[static_cast<std::size_t>(s->linkIndex)], s->path.c_str());
}

void printProjectResults(const demand::AssignOutcome& r) {
  std::printf("%s after %d iterations: relative gap %.3e, total travel time %.1f s (%.2f h)\n",
              r.result.converged ? "converged" : "stopped at the iteration limit", r.iterations(), r.result.relativeGap,
              r.result.tstt, r.result.tstt / 3600);
  if (!r.outPath.empty()) std::printf("link results: %s\n", r.outPath.c_str());
}

}  // namespace

int runAssignCommand(const std::vector<std::string>& argv, const AssignRunner& runner) {
  auto args = parseOpArgs<demand::AssignOp>(runner.prepareArgs ? runner.prepareArgs(argv) : argv);
  const bool quiet = args.quiet;
  demand::AssignOutcome result;
  {
    TerminalFeedback fb("assigning", quiet);
    // Iteration lines go to stdout (clearing a progress bar drawn on a terminal's stderr).
    const bool tty = isatty(STDERR_FILENO) != 0;
    fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
      if (tty && !quiet) std::fputs("\r\033[K", stderr);
      if (level != core::LogLevel::Info) std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (!quiet) std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    demand::AssignHooks hooks;
    if (runner.streetsHook) hooks.streets = runner.streetsHook(fb);
    hooks.ready = [&](const demand::AssignOutcome& o) {
      fb.finish();
      printSetup(o, runner);
    };
    result = runner.run(args.session, args.params, fb, hooks);  // params checked by parseOpArgs
    fb.finish();
  }
  if (result.onProject)
    printProjectResults(result);
  else
    printTntpResults(result);
  return convergenceExitCode(result);
}

}  // namespace ekm::cli
