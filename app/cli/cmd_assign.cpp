// ekimachi-cli assign: static user-equilibrium assignment on TNTP files.
#include <unistd.h>

#include <cmath>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <set>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/tntp.h"
#include "ekm/demand/turn_assignment.h"
#include "project_network.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const std::string kUsageText =
    std::string(
        "usage: ekimachi-cli assign --project P --od OD [--network walking|road] [--zones Z]\n"
        "                           [--turns TURNS.csv] [--algorithm fw|bfw|b|aon] [--gap G] [--max-iter N]\n"
        "                           [--out LINKS.csv]\n"
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
        "  --turns       turn rules CSV: from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]\n"
        "                (the junction is the node the two segments share, or the one nearest to\n"
        "                via_lon/via_lat); bans and penalties apply in both directions of travel\n"
        "                through the junction from from_segment into to_segment\n"
        "  --out         link results CSV: link,segment_id,from,to,volume,time_s\n") +
    kProjectNetworkUsage;
const char* kUsage = kUsageText.c_str();

double number(const Args& args, const std::string& name, double fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad --" + name, core::ErrorContext{"", std::nullopt, std::nullopt, name, "a number", *v});
  return d;
}

// After a run that stopped at the iteration limit short of the requested gap: a warning on
// stderr (the outputs are written by then) and the "not converged" exit code; 0 otherwise.
int convergenceExitCode(const demand::AssignmentResult& result, double requestedGap, int iterations,
                        const std::optional<std::string>& out) {
  if (result.converged) return 0;
  std::fflush(stdout);  // after the summary when both streams go to one place
  std::fprintf(stderr,
               "warning: not converged: relative gap %.3e after %d iterations (the --max-iter limit) is above "
               "the requested %g; %s%s\n",
               result.relativeGap, iterations, requestedGap,
               out ? "the flows at the last iteration were still written to " : "no --out given",
               out ? out->c_str() : "");
  return static_cast<int>(ErrorCode::NotConverged);
}

std::ofstream openOut(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  out.precision(17);
  return out;
}

int runProjectAssign(const Args& args) {
  std::set<std::string> known = projectNetworkOptions();
  for (const char* k : {"turns", "algorithm", "gap", "max-iter", "threads", "out", "quiet"}) known.insert(k);
  args.checkKnown(known);
  if (!args.positionals().empty())
    throw Error(ErrorCode::Usage, "unexpected argument",
                core::ErrorContext{"", std::nullopt, std::nullopt, "", "options only", args.positionals()[0]});
  demand::AssignmentOptions options;
  options.algorithm = demand::algorithmFromName(args.value("algorithm").value_or("b"));
  options.relativeGap = number(args, "gap", 1e-4);
  options.maxIterations = static_cast<int>(number(args, "max-iter", 1000));
  options.threads = static_cast<int>(number(args, "threads", 0));
  const bool quiet = args.flag("quiet");
  const auto pn = loadProjectNetwork(args, quiet);
  const auto& net = pn.network.zoned;
  std::vector<demand::TurnRule> turns;
  if (const auto t = args.value("turns")) {
    turns = demand::readTurnRulesCsv(*t, net);
    int bans = 0;
    for (const auto& r : turns) bans += r.banned ? 1 : 0;
    std::printf("turn rules: %zu movements (%d banned) from %s\n", turns.size(), bans, t->c_str());
  }
  demand::AssignmentResult result;
  {
    TerminalFeedback fb("assigning", quiet);
    const bool tty = isatty(STDERR_FILENO) != 0;
    fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
      if (tty && !quiet) std::fputs("\r\033[K", stderr);
      if (level != core::LogLevel::Info) std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (!quiet) std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    result = turns.empty() ? demand::assign(net.network, pn.demand, options, fb)
                           : demand::assignWithTurns(net.network, pn.demand, turns, {}, options, fb).result;
    fb.finish();
  }
  const int iterations = result.iterations.empty() ? 0 : result.iterations.back().iteration;
  std::printf("%s after %d iterations: relative gap %.3e, total travel time %.1f s (%.2f h)\n",
              result.converged ? "converged" : "stopped at the iteration limit", iterations, result.relativeGap,
              result.tstt, result.tstt / 3600);
  if (const auto out = args.value("out")) {
    auto f = openOut(*out);
    f << "link,segment_id,from,to,volume,time_s\n";
    for (int a = 0; a < net.network.linkCount(); ++a) {
      const auto& l = net.network.link(a);
      f << a + 1 << ',' << net.linkSegmentId[a] << ',' << l.from + 1 << ',' << l.to + 1 << ',' << result.volume[a] << ','
        << result.time[a] << '\n';
    }
    std::printf("link results: %s\n", out->c_str());
  }
  return convergenceExitCode(result, options.relativeGap, iterations, args.value("out"));
}

int runAssign(const std::vector<std::string>& argv) {
  std::set<std::string> flags = projectNetworkFlags();
  flags.insert("quiet");
  const Args args(argv, flags);
  if (args.value("project")) return runProjectAssign(args);
  args.checkKnown({"tntp-net", "tntp-trips", "algorithm", "gap", "max-iter", "toll-factor", "distance-factor",
                   "threads", "out", "skims", "select-link", "select-link-out", "compare", "quiet"});
  if (!args.positionals().empty())
    throw Error(ErrorCode::Usage, "unexpected argument",
                core::ErrorContext{"", std::nullopt, std::nullopt, "", "options only", args.positionals()[0]});
  const std::string netPath = args.required("tntp-net");
  const std::string tripsPath = args.required("tntp-trips");
  demand::AssignmentOptions options;
  options.algorithm = demand::algorithmFromName(args.value("algorithm").value_or("b"));
  options.relativeGap = number(args, "gap", 1e-4);
  options.maxIterations = static_cast<int>(number(args, "max-iter", 1000));
  options.threads = static_cast<int>(number(args, "threads", 0));
  const bool quiet = args.flag("quiet");

  const auto tntp = demand::readTntpNetwork(netPath);
  const auto trips = demand::readTntpTrips(tripsPath);
  // The net file's <TOLL FACTOR>/<DISTANCE FACTOR> are the defaults; explicit options win.
  const auto fileWeights = demand::costWeightsFromTntp(tntp);
  options.weights.tollFactor = number(args, "toll-factor", fileWeights.tollFactor);
  options.weights.distanceFactor = number(args, "distance-factor", fileWeights.distanceFactor);
  const auto network = demand::Network::fromTntp(tntp);
  const auto od = demand::OdMatrix::fromTntp(trips);

  int selected = -1;
  if (const auto sl = args.value("select-link")) {
    const auto comma = sl->find(',');
    const int i = comma == std::string::npos ? 0 : std::atoi(sl->substr(0, comma).c_str());
    const int j = comma == std::string::npos ? 0 : std::atoi(sl->substr(comma + 1).c_str());
    selected = network.findLink(i - 1, j - 1);
    if (selected < 0)
      throw Error(ErrorCode::Usage, "no such link",
                  core::ErrorContext{"", std::nullopt, std::nullopt, "select-link", "I,J of a link in NET", *sl});
    if (options.algorithm != demand::AssignmentAlgorithm::AlgorithmB)
      throw Error(ErrorCode::Usage, "--select-link needs --algorithm b");
    if (!args.value("select-link-out")) throw Error(ErrorCode::Usage, "--select-link needs --select-link-out");
    options.keepOriginFlows = true;
  }

  std::printf("network %s: %d nodes, %d links, %d zones, first thru node %d; demand %.6f trips\n", netPath.c_str(),
              network.nodeCount(), network.linkCount(), network.zoneCount(), tntp.firstThruNode, od.total());
  std::printf("algorithm %s, target gap %g, toll factor %g, distance factor %g\n",
              demand::algorithmName(options.algorithm), options.relativeGap, options.weights.tollFactor,
              options.weights.distanceFactor);
  std::fflush(stdout);
  demand::AssignmentResult result;
  const std::clock_t cpuStart = std::clock();
  {
    TerminalFeedback fb("assigning", quiet);
    // Iteration lines go to stdout (clearing a progress bar drawn on a terminal's stderr).
    const bool tty = isatty(STDERR_FILENO) != 0;
    fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
      if (tty && !quiet) std::fputs("\r\033[K", stderr);
      if (level != core::LogLevel::Info) std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (!quiet) std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    result = demand::assign(network, od, options, fb);
    fb.finish();
  }
  const int iterations = result.iterations.empty() ? 0 : result.iterations.back().iteration;
  const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
  std::printf("%s after %d iterations: relative gap %.3e, TSTT %.6f, %.3f s (%.2f ms per iteration; "
              "%.3f s CPU on all threads)\n",
              result.converged ? "converged" : "stopped at the iteration limit", iterations, result.relativeGap,
              result.tstt, result.seconds, iterations ? 1000.0 * result.seconds / iterations : 0.0, cpu);

  if (const auto cmp = args.value("compare")) {
    const auto flows = demand::readTntpFlows(*cmp);
    std::vector<double> ref(static_cast<std::size_t>(network.linkCount()), 0.0);
    double refTstt = 0, maxDiff = 0;
    for (const auto& f : flows) {
      const int a = network.findLink(f.from - 1, f.to - 1);
      if (a < 0)
        throw core::ValidationError("flow file names a link not in the network",
                                    core::ErrorContext{*cmp, std::nullopt, std::nullopt, "From/To", "",
                                                       std::to_string(f.from) + " " + std::to_string(f.to)});
      ref[a] = f.volume;
      refTstt += f.volume * f.cost;
    }
    for (int a = 0; a < network.linkCount(); ++a) maxDiff = std::max(maxDiff, std::abs(ref[a] - result.volume[a]));
    const auto e = demand::evaluateVolumes(network, od, ref, options.weights);
    std::printf("compare %s: TSTT %.6f (file costs), %.6f (recomputed), relative gap %.3e; TSTT difference %.4e%%, "
                "max |volume difference| %.6f\n",
                cmp->c_str(), refTstt, e.tstt, e.relativeGap, 100.0 * (result.tstt - e.tstt) / e.tstt, maxDiff);
  }

  if (const auto out = args.value("out")) {
    auto f = openOut(*out);
    f << "link,init_node,term_node,volume,time,cost\n";
    for (int a = 0; a < network.linkCount(); ++a) {
      const auto& l = network.link(a);
      f << a + 1 << ',' << l.from + 1 << ',' << l.to + 1 << ',' << result.volume[a] << ',' << result.time[a] << ','
        << result.cost[a] << '\n';
    }
    std::printf("link results: %s\n", out->c_str());
  }
  if (const auto sk = args.value("skims")) {
    demand::Skims skims;
    {
      TerminalFeedback fb("skims", quiet);
      skims = demand::computeSkims(network, result.volume, options.weights, fb);
      fb.finish();
    }
    auto f = openOut(*sk);
    f << "origin,destination,cost,time,distance\n";
    for (int o = 0; o < network.zoneCount(); ++o)
      for (int d = 0; d < network.zoneCount(); ++d)
        if (std::isfinite(skims.cost(o, d)))
          f << o + 1 << ',' << d + 1 << ',' << skims.cost(o, d) << ',' << skims.time(o, d) << ','
            << skims.distance(o, d) << '\n';
    std::printf("skims: %s\n", sk->c_str());
  }
  if (selected >= 0) {
    const auto flows = demand::selectLink(network, od, result, selected);
    auto f = openOut(*args.value("select-link-out"));
    f << "origin,destination,volume\n";
    double sum = 0;
    for (const auto& s : flows) {
      f << s.origin + 1 << ',' << s.destination + 1 << ',' << s.volume << '\n';
      sum += s.volume;
    }
    std::printf("select link %s: %zu OD pairs, %.6f trips (link volume %.6f): %s\n",
                args.value("select-link")->c_str(), flows.size(), sum, result.volume[selected],
                args.value("select-link-out")->c_str());
  }
  return convergenceExitCode(result, options.relativeGap, iterations, args.value("out"));
}

const CommandRegistrar kRegistrar{
    Command{"assign", "user-equilibrium traffic assignment on TNTP networks (FW, BFW, Algorithm B)", kUsage, runAssign}};

}  // namespace
}  // namespace ekm::cli
