#include "ekm/demand/scenario.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "ekm/core/error.h"

namespace ekm::demand {

namespace {
core::ErrorContext linkContext(const std::string& field, int from, int to) {
  return core::ErrorContext{
      "",    std::nullopt,       std::nullopt,
      field, "an existing link", std::to_string(from + 1) + "-" + std::to_string(to + 1)};
}
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

ScenarioNetwork applyScenario(const Network& base, const Scenario& s) {
  std::set<std::pair<int, int>> closed(s.close.begin(), s.close.end());
  for (const auto& [f, t] : s.close)
    if (base.findLink(f, t) < 0)
      throw core::ValidationError("closed link not in the network", linkContext("close", f, t));
  std::vector<LinkAttributes> links;
  ScenarioNetwork out;
  out.scenarioLink.assign(static_cast<std::size_t>(base.linkCount()), -1);
  for (int a = 0; a < base.linkCount(); ++a) {
    LinkAttributes l = base.link(a);
    if (closed.count({l.from, l.to})) continue;
    for (const auto& c : s.change)
      if (c.from == l.from && c.to == l.to && (c.link < 0 || c.link == a)) {
        if (c.capacity) l.capacity = *c.capacity;
        if (c.freeFlowTime) l.freeFlowTime = *c.freeFlowTime;
      }
    out.scenarioLink[a] = static_cast<int>(links.size());
    out.baseLink.push_back(a);
    links.push_back(l);
  }
  for (const auto& c : s.change) {
    const bool exists = c.link >= 0 ? c.link < base.linkCount() && base.link(c.link).from == c.from &&
                                          base.link(c.link).to == c.to
                                    : base.findLink(c.from, c.to) >= 0;
    if (!exists)
      throw core::ValidationError("changed link not in the network", linkContext("change", c.from, c.to));
    if ((c.capacity && !(*c.capacity > 0)) || (c.freeFlowTime && !(*c.freeFlowTime >= 0)))
      throw core::ValidationError("bad link change (capacity must be > 0, free-flow time >= 0)",
                                  linkContext("change", c.from, c.to));
  }
  for (const auto& l : s.add) {
    if (l.from < 0 || l.from >= base.nodeCount() || l.to < 0 || l.to >= base.nodeCount() || l.from == l.to)
      throw core::ValidationError(
          "added link has nodes out of range",
          core::ErrorContext{"", std::nullopt, std::nullopt, "add",
                             "nodes 1.." + std::to_string(base.nodeCount()),
                             std::to_string(l.from + 1) + "-" + std::to_string(l.to + 1)});
    if (!(l.capacity > 0) || !(l.freeFlowTime >= 0))
      throw core::ValidationError("added link needs capacity > 0 and free-flow time >= 0",
                                  linkContext("add", l.from, l.to));
    out.baseLink.push_back(-1);
    links.push_back(l);
  }
  out.network = Network(base.nodeCount(), base.zoneCount(), base.firstThruNode(), std::move(links));
  return out;
}

OdMatrix scaleDemand(const OdMatrix& demand, const Scenario& s) {
  if (!(s.demandScale >= 0))
    throw core::ValidationError(
        "demand scale must be >= 0",
        core::ErrorContext{"", std::nullopt, std::nullopt, "scale", ">= 0", std::to_string(s.demandScale)});
  OdMatrix out = demand;
  const int Z = demand.zoneCount();
  std::vector<bool> scaled(static_cast<std::size_t>(Z), s.scaleDestinations.empty());
  for (int z : s.scaleDestinations) {
    if (z < 0 || z >= Z) throw core::ValidationError("scaled zone out of range");
    scaled[z] = true;
  }
  for (int o = 0; o < Z; ++o)
    for (int d = 0; d < Z; ++d)
      if (scaled[d]) out(o, d) *= s.demandScale;
  return out;
}

int nearestNode(const BuiltNetwork& built, GeoPoint p) {
  int best = -1;
  double bestD = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < built.nodes.size(); ++i) {
    const double dx = (built.nodes[i].lon - p.lon) * std::cos(p.lat * M_PI / 180),
                 dy = built.nodes[i].lat - p.lat;
    const double d = dx * dx + dy * dy;
    if (d < bestD) bestD = d, best = static_cast<int>(i);
  }
  if (best < 0) throw core::ValidationError("network has no nodes");
  return best;
}

std::vector<LinkAttributes> linksBetween(const BuiltNetwork& built, GeoPoint a, GeoPoint b, double speedKmh,
                                         double capacity, double lengthM) {
  const int na = nearestNode(built, a), nb = nearestNode(built, b);
  if (na == nb) throw core::ValidationError("both ends of the new link snap to the same node");
  const double len = lengthM > 0
                         ? lengthM
                         : std::hypot(built.nodeX[na] - built.nodeX[nb], built.nodeY[na] - built.nodeY[nb]);
  LinkAttributes l;
  l.capacity = capacity;
  l.length = len;
  l.speed = speedKmh;
  l.freeFlowTime = len / (speedKmh / 3.6);
  l.b = 0;
  l.power = 1;
  LinkAttributes r = l;
  l.from = na, l.to = nb, r.from = nb, r.to = na;
  return {l, r};
}

ScenarioResult runScenario(const Network& base, const OdMatrix& demand, const Scenario& scenario,
                           const AssignmentOptions& options, core::Feedback& feedback) {
  ScenarioResult r;
  r.network = applyScenario(base, scenario);
  r.baseDemand = demand;
  r.scenarioDemand = scaleDemand(demand, scenario);
  feedback.info("base assignment");
  r.base = assign(base, r.baseDemand, options, feedback);
  feedback.throwIfCancelled();
  feedback.info("scenario assignment");
  r.scenario = assign(r.network.network, r.scenarioDemand, options, feedback);
  feedback.throwIfCancelled();
  r.baseSkims = computeSkims(base, r.base.volume, options.weights, feedback);
  r.scenarioSkims = computeSkims(r.network.network, r.scenario.volume, options.weights, feedback);
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
  for (int s = 0; s < r.network.network.linkCount(); ++s) {
    if (r.network.baseLink[s] >= 0) continue;
    LinkDifference d;
    d.scenarioLink = s;
    d.from = r.network.network.link(s).from, d.to = r.network.network.link(s).to;
    d.baseTime = kNaN;
    d.scenarioVolume = r.scenario.volume[s];
    d.scenarioTime = r.scenario.time[s];
    r.links.push_back(d);
  }
  return r;
}

namespace {
std::ofstream openCsv(const std::string& path) {
  std::ofstream f(path);
  if (!f)
    throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  f.precision(12);
  return f;
}
void num(std::ofstream& f, double v) {
  if (std::isfinite(v)) f << v;
}
}  // namespace

void writeLinkDifferencesCsv(const std::string& path, const ScenarioResult& r) {
  const std::string tmp = path + ".tmp";
  {
    auto f = openCsv(tmp);
    f << "link,from,to,status,base_volume,scenario_volume,volume_diff,base_time,scenario_time,time_diff\n";
    int row = 0;
    for (const auto& d : r.links) {
      const char* status = d.baseLink < 0 ? "added" : d.scenarioLink < 0 ? "closed" : "base";
      f << ++row << ',' << d.from + 1 << ',' << d.to + 1 << ',' << status << ',' << d.baseVolume << ','
        << d.scenarioVolume << ',' << d.scenarioVolume - d.baseVolume << ',';
      num(f, d.baseTime);
      f << ',';
      num(f, d.scenarioTime);
      f << ',';
      num(f, d.scenarioTime - d.baseTime);
      f << '\n';
    }
    if (!f)
      throw core::IoError("write failed", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  std::filesystem::rename(tmp, path);
}

void writeSkimDifferencesCsv(const std::string& path, const ScenarioResult& r) {
  const std::string tmp = path + ".tmp";
  {
    auto f = openCsv(tmp);
    f << "origin,destination,base_demand,scenario_demand,base_time,scenario_time,time_diff\n";
    const int Z = r.baseDemand.zoneCount();
    for (int o = 0; o < Z; ++o)
      for (int d = 0; d < Z; ++d) {
        if (o == d) continue;
        const double bt = r.baseSkims.time(o, d), st = r.scenarioSkims.time(o, d);
        f << o + 1 << ',' << d + 1 << ',' << r.baseDemand(o, d) << ',' << r.scenarioDemand(o, d) << ',';
        num(f, bt);
        f << ',';
        num(f, st);
        f << ',';
        num(f, st - bt);
        f << '\n';
      }
    if (!f)
      throw core::IoError("write failed", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace ekm::demand
