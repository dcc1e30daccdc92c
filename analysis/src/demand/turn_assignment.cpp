// Assignment and scenarios with turn rules; turn rules from a CSV naming street segments.
#include "ekm/demand/turn_assignment.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;

ErrorContext at(const std::string& file, std::int64_t line, const std::string& field, const std::string& expected,
                const std::string& found) {
  return ErrorContext{file, line, std::nullopt, field, expected, found};
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

double number(const std::string& s, const std::string& file, std::int64_t line, const std::string& field) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
    throw core::ParseError("not a number", at(file, line, field, "a number", s));
  return v;
}

bool flag(const std::string& s, const std::string& file, std::int64_t line) {
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (l.empty() || l == "0" || l == "false" || l == "no") return false;
  if (l == "1" || l == "true" || l == "yes" || l == "ban") return true;
  throw core::ParseError("not a yes/no value", at(file, line, "ban", "1/0, true/false or yes/no", s));
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::vector<TurnRule> readTurnRulesCsv(const std::string& path, const BuiltNetwork& built, double maxViaDistanceM) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  const std::string header = "from_segment,to_segment,penalty_s,ban[,via_lon,via_lat]";
  if (!csv.next()) throw core::ParseError("empty file", at(path, 1, "", header, "nothing"));
  std::map<std::string, int> col;
  for (std::size_t i = 0; i < csv.size(); ++i) col[trim(csv[i])] = static_cast<int>(i);
  for (const char* need : {"from_segment", "to_segment"})
    if (!col.count(need)) throw core::ParseError("missing column", at(path, 1, need, header, "no such column"));
  if (!col.count("penalty_s") && !col.count("ban"))
    throw core::ParseError("missing column", at(path, 1, "penalty_s", "penalty_s and/or ban", "neither"));
  if (col.count("via_lon") != col.count("via_lat"))
    throw core::ParseError("missing column", at(path, 1, col.count("via_lon") ? "via_lat" : "via_lon",
                                                "via_lon and via_lat together", "only one of them"));
  // Links of each segment (by id), and node lookups.
  std::map<std::string, std::vector<int>> segmentLinks;
  const Network& net = built.network;
  for (int a = 0; a < net.linkCount(); ++a) segmentLinks[built.linkSegmentId[a]].push_back(a);
  const int firstNode = net.zoneCount();  // centroids are never junctions

  std::vector<TurnRule> rules;
  auto field = [&](const char* name) -> std::string {
    const auto it = col.find(name);
    if (it == col.end() || static_cast<std::size_t>(it->second) >= csv.size()) return {};
    return trim(csv[static_cast<std::size_t>(it->second)]);
  };
  while (csv.next()) {
    const auto line = csv.line();
    const std::string fromId = field("from_segment"), toId = field("to_segment");
    const auto fromIt = segmentLinks.find(fromId);
    if (fromIt == segmentLinks.end())
      throw core::ValidationError("unknown segment", at(path, line, "from_segment", "a segment_id of the network", fromId));
    const auto toIt = segmentLinks.find(toId);
    if (toIt == segmentLinks.end())
      throw core::ValidationError("unknown segment", at(path, line, "to_segment", "a segment_id of the network", toId));
    const std::string penaltyText = field("penalty_s");
    const double penalty = penaltyText.empty() ? 0.0 : number(penaltyText, path, line, "penalty_s");
    if (penalty < 0) throw core::ValidationError("negative penalty", at(path, line, "penalty_s", ">= 0", penaltyText));
    const bool banned = flag(field("ban"), path, line);
    if (!banned && penaltyText.empty())
      throw core::ValidationError("rule without effect", at(path, line, "penalty_s", "a penalty or ban=1", "neither"));

    // The junction.
    std::set<int> heads, tails;
    for (int a : fromIt->second) heads.insert(net.link(a).to);
    for (int b : toIt->second) tails.insert(net.link(b).from);
    std::vector<int> shared;
    std::set_intersection(heads.begin(), heads.end(), tails.begin(), tails.end(), std::back_inserter(shared));
    int junction = -1;
    const std::string lonText = field("via_lon"), latText = field("via_lat");
    if (!lonText.empty() || !latText.empty()) {
      const double lon = number(lonText, path, line, "via_lon"), lat = number(latText, path, line, "via_lat");
      double best = std::numeric_limits<double>::infinity();
      for (int n : shared) {
        if (n < firstNode) continue;
        const double dx = (built.nodes[n].lon - lon) * 111320.0 * std::cos(lat * M_PI / 180.0);
        const double dy = (built.nodes[n].lat - lat) * 110540.0;
        const double d = std::hypot(dx, dy);
        if (d < best) best = d, junction = n;
      }
      if (junction < 0 || best > maxViaDistanceM)
        throw core::ValidationError(
            "the two segments do not meet near the given junction",
            at(path, line, "via_lon/via_lat",
               "a node shared by " + fromId + " and " + toId + " within " + std::to_string(maxViaDistanceM) + " m",
               junction < 0 ? "no shared node" : "nearest shared node " + std::to_string(std::lround(best)) + " m away"));
    } else {
      shared.erase(std::remove_if(shared.begin(), shared.end(), [&](int n) { return n < firstNode; }), shared.end());
      if (shared.size() != 1)
        throw core::ValidationError(
            shared.empty() ? "the two segments do not meet" : "the two segments meet at more than one node",
            at(path, line, "to_segment", "a segment meeting " + fromId + " at one node (or give via_lon, via_lat)",
               toId + " (" + std::to_string(shared.size()) + " shared nodes)"));
      junction = shared.front();
    }
    for (int a : fromIt->second) {
      if (net.link(a).to != junction) continue;
      for (int b : toIt->second) {
        if (net.link(b).from != junction) continue;
        if (a == b) continue;
        rules.push_back(TurnRule{a, b, banned ? 0.0 : penalty, banned});
      }
    }
  }
  return rules;
}

TurnAssignment assignWithTurns(const Network& network, const OdMatrix& demand, const std::vector<TurnRule>& rules,
                               const TurnOptions& turnOptions, const AssignmentOptions& options,
                               core::Feedback& feedback) {
  TurnAssignment t;
  t.expanded = expandTurns(network, rules, turnOptions);
  t.expandedResult = assign(t.expanded.network, demand, options, feedback);
  auto& r = t.result;
  r.iterations = t.expandedResult.iterations;
  r.converged = t.expandedResult.converged;
  r.relativeGap = t.expandedResult.relativeGap;
  r.tstt = t.expandedResult.tstt;
  r.seconds = t.expandedResult.seconds;
  const auto n = static_cast<std::size_t>(network.linkCount());
  r.volume.assign(n, 0.0);
  r.time.assign(n, kNaN);
  r.cost.assign(n, kNaN);
  for (std::size_t a = 0; a < n; ++a) {
    const auto e = static_cast<std::size_t>(t.expanded.linkArc[a]);
    r.volume[a] = t.expandedResult.volume[e];
    r.time[a] = t.expandedResult.time[e];
    r.cost[a] = t.expandedResult.cost[e];
  }
  return t;
}

std::vector<TurnRule> scenarioTurnRules(const std::vector<TurnRule>& baseRules, const ScenarioNetwork& scenario) {
  std::vector<TurnRule> out;
  for (const auto& r : baseRules) {
    const int a = scenario.scenarioLink[static_cast<std::size_t>(r.fromLink)];
    const int b = scenario.scenarioLink[static_cast<std::size_t>(r.toLink)];
    if (a < 0 || b < 0) continue;
    out.push_back(TurnRule{a, b, r.penalty, r.banned});
  }
  return out;
}

ScenarioResult runScenarioWithTurns(const Network& base, const OdMatrix& demand, const Scenario& scenario,
                                    const std::vector<TurnRule>& baseRules, const TurnOptions& turnOptions,
                                    const AssignmentOptions& options, core::Feedback& feedback) {
  ScenarioResult r;
  r.network = applyScenario(base, scenario);
  r.baseDemand = demand;
  r.scenarioDemand = scaleDemand(demand, scenario);
  feedback.info("base assignment (with turn rules)");
  auto b = assignWithTurns(base, r.baseDemand, baseRules, turnOptions, options, feedback);
  feedback.throwIfCancelled();
  feedback.info("scenario assignment (with turn rules)");
  auto s = assignWithTurns(r.network.network, r.scenarioDemand, scenarioTurnRules(baseRules, r.network), turnOptions,
                           options, feedback);
  feedback.throwIfCancelled();
  r.baseSkims = computeSkims(b.expanded.network, b.expandedResult.volume, options.weights, feedback);
  r.scenarioSkims = computeSkims(s.expanded.network, s.expandedResult.volume, options.weights, feedback);
  r.base = std::move(b.result);
  r.scenario = std::move(s.result);
  for (int a = 0; a < base.linkCount(); ++a) {
    LinkDifference d;
    d.baseLink = a;
    d.scenarioLink = r.network.scenarioLink[a];
    d.from = base.link(a).from, d.to = base.link(a).to;
    d.baseVolume = r.base.volume[a];
    d.baseTime = r.base.time[a];
    d.scenarioVolume = d.scenarioLink >= 0 ? r.scenario.volume[d.scenarioLink] : 0;
    d.scenarioTime = d.scenarioLink >= 0 ? r.scenario.time[d.scenarioLink] : kNaN;
    r.links.push_back(d);
  }
  for (int k = 0; k < r.network.network.linkCount(); ++k) {
    if (r.network.baseLink[k] >= 0) continue;
    LinkDifference d;
    d.scenarioLink = k;
    d.from = r.network.network.link(k).from, d.to = r.network.network.link(k).to;
    d.baseTime = kNaN;
    d.scenarioVolume = r.scenario.volume[k];
    d.scenarioTime = r.scenario.time[k];
    r.links.push_back(d);
  }
  return r;
}

}  // namespace ekm::demand
