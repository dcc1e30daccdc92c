// ekimachi-cli scenario: edit a TNTP network/demand, re-assign and report the differences.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/demand/corridors.h"
#include "ekm/demand/project_pipeline.h"
#include "ekm/demand/scenario.h"
#include "ekm/demand/tntp.h"
#include "project_network.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const std::string kUsageText = std::string(
    "usage: ekimachi-cli scenario run --project P --od OD --edits EDITS.json --out DIR\n"
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

double parseNumber(const std::string& s, const std::string& field) {
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad number",
                core::ErrorContext{"", std::nullopt, std::nullopt, field, "a number", s});
  return d;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, sep))
    if (!item.empty()) out.push_back(item);
  return out;
}

// "I-J" (1-based TNTP nodes) -> 0-based pair.
std::pair<int, int> nodePair(const std::string& s, const std::string& field) {
  const auto dash = s.find('-');
  if (dash == std::string::npos)
    throw Error(ErrorCode::Usage, "bad link",
                core::ErrorContext{"", std::nullopt, std::nullopt, field, "I-J", s});
  return {static_cast<int>(parseNumber(s.substr(0, dash), field)) - 1,
          static_cast<int>(parseNumber(s.substr(dash + 1), field)) - 1};
}

int runProjectScenario(const Args& args);

int runScenario(const std::vector<std::string>& argv) {
  std::set<std::string> flags = projectNetworkFlags();
  flags.insert("quiet");
  const Args args(argv, flags);
  if (args.value("project")) return runProjectScenario(args);
  args.checkKnown({"tntp-net", "tntp-trips", "tntp-node", "close", "add", "change", "scale-demand",
                   "scale-zones", "algorithm", "gap", "max-iter", "out", "skims-out", "corridors",
                   "corridor-share", "quiet"});
  const std::string sub = args.positional(0, "sub-command (run)");
  if (sub != "run")
    throw Error(ErrorCode::Usage, "unknown sub-command",
                core::ErrorContext{"", std::nullopt, std::nullopt, "", "run", sub});
  const bool quiet = args.flag("quiet");
  const auto tntp = demand::readTntpNetwork(args.required("tntp-net"));
  const auto trips = demand::readTntpTrips(args.required("tntp-trips"));
  const auto net = demand::Network::fromTntp(tntp);
  const auto od = demand::OdMatrix::fromTntp(trips);

  demand::Scenario s;
  if (const auto c = args.value("close"))
    for (const auto& item : split(*c, ',')) s.close.push_back(nodePair(item, "close"));
  if (const auto a = args.value("add"))
    for (const auto& item : split(*a, ',')) {
      const auto parts = split(item, ':');
      if (parts.size() != 3)
        throw Error(ErrorCode::Usage, "bad --add",
                    core::ErrorContext{"", std::nullopt, std::nullopt, "add", "I-J:FFT:CAP", item});
      demand::LinkAttributes l;
      std::tie(l.from, l.to) = nodePair(parts[0], "add");
      l.freeFlowTime = parseNumber(parts[1], "add");
      l.capacity = parseNumber(parts[2], "add");
      l.b = 0.15;
      l.power = 4;
      s.add.push_back(l);
    }
  if (const auto c = args.value("change"))
    for (const auto& item : split(*c, ',')) {
      const auto parts = split(item, ':');
      demand::LinkChange ch;
      std::tie(ch.from, ch.to) = nodePair(parts.at(0), "change");
      for (std::size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].rfind("cap=", 0) == 0)
          ch.capacity = parseNumber(parts[i].substr(4), "change");
        else if (parts[i].rfind("fft=", 0) == 0)
          ch.freeFlowTime = parseNumber(parts[i].substr(4), "change");
        else
          throw Error(
              ErrorCode::Usage, "bad --change",
              core::ErrorContext{"", std::nullopt, std::nullopt, "change", "cap=C or fft=T", parts[i]});
      }
      if (parts.size() < 2)
        throw Error(ErrorCode::Usage, "bad --change",
                    core::ErrorContext{"", std::nullopt, std::nullopt, "change", "I-J:cap=C:fft=T", item});
      s.change.push_back(ch);
    }
  if (const auto f = args.value("scale-demand")) s.demandScale = parseNumber(*f, "scale-demand");
  if (const auto z = args.value("scale-zones"))
    for (const auto& item : split(*z, ','))
      s.scaleDestinations.push_back(static_cast<int>(parseNumber(item, "scale-zones")) - 1);
  if (s.close.empty() && s.add.empty() && s.change.empty() && s.demandScale == 1.0)
    throw Error(ErrorCode::Usage, "no scenario edit: give --close, --add, --change or --scale-demand");
  if (args.value("corridors") && !args.value("tntp-node"))
    throw Error(ErrorCode::Usage, "--corridors needs --tntp-node (node positions)");

  demand::AssignmentOptions o;
  o.algorithm = demand::algorithmFromName(args.value("algorithm").value_or("b"));
  o.relativeGap = parseNumber(args.value("gap").value_or("1e-4"), "gap");
  o.maxIterations = static_cast<int>(parseNumber(args.value("max-iter").value_or("1000"), "max-iter"));
  o.weights = demand::costWeightsFromTntp(tntp);  // <TOLL FACTOR>/<DISTANCE FACTOR>, 0 where absent

  std::printf("network %s: %d nodes, %d links, %d zones; demand %.3f trips\n", tntp.file.c_str(),
              net.nodeCount(), net.linkCount(), net.zoneCount(), od.total());
  std::printf("scenario: %zu closed, %zu added, %zu changed link(s), demand x %g%s\n", s.close.size(),
              s.add.size(), s.change.size(), s.demandScale,
              s.scaleDestinations.empty() ? "" : " (chosen destinations)");
  std::fflush(stdout);
  demand::ScenarioResult r;
  {
    TerminalFeedback fb("scenario", quiet);
    const bool tty = isatty(STDERR_FILENO) != 0;
    fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
      if (tty && !quiet) std::fputs("\r\033[K", stderr);
      if (level != core::LogLevel::Info)
        std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (!quiet && (m.find("assignment") != std::string::npos))
        std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    r = demand::runScenario(net, od, s, o, fb);
    fb.finish();
  }
  std::printf("base:     demand %.3f, TSTT %.6f, relative gap %.3e\n", r.baseDemand.total(), r.base.tstt,
              r.base.relativeGap);
  std::printf("scenario: demand %.3f, TSTT %.6f, relative gap %.3e (TSTT %+.3f%%)\n",
              r.scenarioDemand.total(), r.scenario.tstt, r.scenario.relativeGap,
              100.0 * (r.scenario.tstt - r.base.tstt) / r.base.tstt);
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
  double w = 0, dt = 0;
  for (int a = 0; a < od.zoneCount(); ++a)
    for (int b = 0; b < od.zoneCount(); ++b) {
      const double bt = r.baseSkims.time(a, b), st = r.scenarioSkims.time(a, b);
      if (a == b || !std::isfinite(bt) || !std::isfinite(st)) continue;
      w += r.baseDemand(a, b), dt += r.baseDemand(a, b) * (st - bt);
    }
  std::printf("demand-weighted mean OD time change: %+.6f\n", w > 0 ? dt / w : 0.0);
  if (const auto out = args.value("out")) {
    demand::writeLinkDifferencesCsv(*out, r);
    std::printf("link differences: %s\n", out->c_str());
  }
  if (const auto sk = args.value("skims-out")) {
    demand::writeSkimDifferencesCsv(*sk, r);
    std::printf("OD time differences: %s\n", sk->c_str());
  }
  if (const auto cp = args.value("corridors")) {
    const auto tnodes = demand::readTntpNodes(*args.value("tntp-node"));
    std::vector<demand::GeoPoint> nodes(static_cast<std::size_t>(net.nodeCount()));
    for (const auto& n : tnodes)
      if (n.id >= 1 && n.id <= net.nodeCount()) nodes[n.id - 1] = {n.x, n.y, 0};
    demand::CorridorOptions co;
    if (const auto sh = args.value("corridor-share")) co.minShareOfMax = parseNumber(*sh, "corridor-share");
    const auto corridors = demand::extractCorridors(r.network.network, r.scenario.volume, co);
    demand::writeCorridorsGeoJson(*cp, r.network.network, corridors, nodes);
    std::printf("corridors: %zu (top: %zu links, peak volume %.1f): %s\n", corridors.size(),
                corridors.empty() ? 0 : corridors[0].links.size(),
                corridors.empty() ? 0.0 : corridors[0].peakVolume, cp->c_str());
  }
  return 0;
}

int runProjectScenario(const Args& args) {
  std::set<std::string> known = projectNetworkOptions();
  for (const char* k : {"edits", "turns", "algorithm", "gap", "max-iter", "out", "quiet"}) known.insert(k);
  args.checkKnown(known);
  const std::string sub = args.positional(0, "sub-command (run)");
  if (sub != "run")
    throw Error(ErrorCode::Usage, "unknown sub-command",
                core::ErrorContext{"", std::nullopt, std::nullopt, "", "run", sub});
  const bool quiet = args.flag("quiet");
  const std::string editsPath = args.required("edits");
  const std::string outDir = args.required("out");
  const auto edits = demand::readScenarioEditsJson(editsPath);
  if (edits.empty())
    throw Error(ErrorCode::Usage, "no scenario edit in the edits file",
                core::ErrorContext{editsPath, std::nullopt, std::nullopt, "", "close, add, change or scale_demand", "none"});
  demand::AssignmentOptions o;
  o.algorithm = demand::algorithmFromName(args.value("algorithm").value_or("b"));
  o.relativeGap = parseNumber(args.value("gap").value_or("1e-4"), "gap");
  o.maxIterations = static_cast<int>(parseNumber(args.value("max-iter").value_or("1000"), "max-iter"));

  const auto pn = loadProjectNetwork(args, quiet);
  const auto& net = pn.network;
  demand::ProjectScenario run;
  {
    TerminalFeedback fb("scenario", quiet);
    const bool tty = isatty(STDERR_FILENO) != 0;
    fb.setLogHandler([&](core::LogLevel level, const std::string& m) {
      if (tty && !quiet) std::fputs("\r\033[K", stderr);
      if (level != core::LogLevel::Info) std::fprintf(stderr, "warning: %s\n", m.c_str());
      else if (!quiet && m.find("assignment") != std::string::npos) std::printf("%s\n", m.c_str()), std::fflush(stdout);
    });
    run = demand::assignProjectScenario(net, pn.demand, edits, o, args.value("turns").value_or(""), fb);
    fb.finish();
  }
  if (const auto t = args.value("turns"))
    std::printf("turn rules: %d movements (%d banned) from %s\n", run.turnRules, run.bannedTurns, t->c_str());
  const auto& s = run.scenario;
  const auto& addedNames = run.addedNames;
  std::printf("scenario %s: %zu closed, %zu added, %zu changed link(s), demand x %g%s\n", editsPath.c_str(),
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
  std::size_t added = 0;
  std::vector<std::string> idOf(r.links.size());
  for (std::size_t i = 0; i < r.links.size(); ++i)
    idOf[i] = r.links[i].baseLink >= 0 ? net.zoned.linkSegmentId[r.links[i].baseLink]
                                       : "added:" + (added < addedNames.size() ? addedNames[added++] : std::string());
  for (std::size_t k = 0; k < order.size() && k < 10; ++k) {
    const auto& d = r.links[order[k]];
    if (change(order[k]) < 1e-9) break;
    std::printf("  %s %d-%d%s: %.1f -> %.1f (%+.1f)\n", idOf[order[k]].c_str(), d.from + 1, d.to + 1,
                d.scenarioLink < 0 ? " (closed)" : "", d.baseVolume, d.scenarioVolume, d.scenarioVolume - d.baseVolume);
  }
  double w = 0, dt = 0;
  int shorter = 0, longer = 0;
  for (int a = 0; a < r.baseDemand.zoneCount(); ++a)
    for (int b = 0; b < r.baseDemand.zoneCount(); ++b) {
      const double bt = r.baseSkims.time(a, b), st = r.scenarioSkims.time(a, b);
      if (a == b || !std::isfinite(bt) || !std::isfinite(st)) continue;
      shorter += st < bt - 1e-6 ? 1 : 0;
      longer += st > bt + 1e-6 ? 1 : 0;
      w += r.baseDemand(a, b), dt += r.baseDemand(a, b) * (st - bt);
    }
  std::printf("OD pairs: %d faster, %d slower; demand-weighted mean OD time change %+.3f s\n", shorter, longer,
              w > 0 ? dt / w : 0.0);
  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  if (ec)
    throw core::IoError("cannot create the output folder: " + ec.message(),
                        core::ErrorContext{outDir, std::nullopt, std::nullopt, "", "", ""});
  const auto dir = std::filesystem::path(outDir);
  demand::writeProjectLinkDifferences((dir / "link_differences.csv").string(), (dir / "link_differences.geojson").string(),
                                      net, r, addedNames);
  demand::writeProjectSkimDifferences((dir / "od_differences.csv").string(), net, r);
  std::printf("written: %s/{link_differences.csv, link_differences.geojson, od_differences.csv}\n", outDir.c_str());
  return 0;
}

const CommandRegistrar kRegistrar{Command{
    "scenario", "scenario edits (close/add/change links, scale demand): re-assign and compare with the base",
    kUsage, runScenario}};

}  // namespace
}  // namespace ekm::cli
