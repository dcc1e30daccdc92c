// The scenario-tntp operation.
#include "ekm/demand/ops/scenario_tntp_op.h"

#include <cmath>
#include <cstdlib>
#include <tuple>

#include "ekm/core/error.h"
#include "ekm/demand/ops/result_tables.h"
#include "ekm/demand/tntp.h"

namespace ekm::demand {

namespace {

using core::Error;
using core::ErrorCode;

double parseNumber(const std::string& s, const std::string& field) {
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad number", core::ErrorContext{"", std::nullopt, std::nullopt, field, "a number", s});
  return d;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = s.find(sep, start);
    const std::string item = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!item.empty()) out.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// "I-J" (1-based TNTP nodes) -> 0-based pair.
std::pair<int, int> nodePair(const std::string& s, const std::string& field) {
  const auto dash = s.find('-');
  if (dash == std::string::npos)
    throw Error(ErrorCode::Usage, "bad link", core::ErrorContext{"", std::nullopt, std::nullopt, field, "I-J", s});
  return {static_cast<int>(parseNumber(s.substr(0, dash), field)) - 1,
          static_cast<int>(parseNumber(s.substr(dash + 1), field)) - 1};
}

}  // namespace

Scenario ScenarioTntpParams::scenario() const {
  Scenario s;
  for (const auto& item : close)
    if (!item.empty()) s.close.push_back(nodePair(item, "close"));
  for (const auto& item : add) {
    if (item.empty()) continue;
    const auto parts = split(item, ':');
    if (parts.size() != 3)
      throw Error(ErrorCode::Usage, "bad --add", core::ErrorContext{"", std::nullopt, std::nullopt, "add", "I-J:FFT:CAP", item});
    LinkAttributes l;
    std::tie(l.from, l.to) = nodePair(parts[0], "add");
    l.freeFlowTime = parseNumber(parts[1], "add");
    l.capacity = parseNumber(parts[2], "add");
    l.b = 0.15;
    l.power = 4;
    s.add.push_back(l);
  }
  for (const auto& item : change) {
    if (item.empty()) continue;
    const auto parts = split(item, ':');
    if (parts.size() < 2)
      throw Error(ErrorCode::Usage, "bad --change",
                  core::ErrorContext{"", std::nullopt, std::nullopt, "change", "I-J:cap=C:fft=T", item});
    LinkChange ch;
    std::tie(ch.from, ch.to) = nodePair(parts[0], "change");
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].rfind("cap=", 0) == 0)
        ch.capacity = parseNumber(parts[i].substr(4), "change");
      else if (parts[i].rfind("fft=", 0) == 0)
        ch.freeFlowTime = parseNumber(parts[i].substr(4), "change");
      else
        throw Error(ErrorCode::Usage, "bad --change",
                    core::ErrorContext{"", std::nullopt, std::nullopt, "change", "cap=C or fft=T", parts[i]});
    }
    s.change.push_back(ch);
  }
  s.demandScale = scale_demand;
  for (const auto& z : scale_zones)
    if (!z.empty()) s.scaleDestinations.push_back(static_cast<int>(parseNumber(z, "scale-zones")) - 1);
  return s;
}

void ScenarioTntpParams::validate() const {
  const Scenario s = scenario();
  if (s.close.empty() && s.add.empty() && s.change.empty() && s.demandScale == 1.0)
    throw Error(ErrorCode::Usage, "no scenario edit: give --close, --add, --change or --scale-demand");
  if (!corridors.empty() && tntp_node.empty())
    throw Error(ErrorCode::Usage, "--corridors needs --tntp-node (node positions)");
}

ScenarioTntpOutcome ScenarioTntpOp::run(ops::Session& session, const Params& params, core::Feedback& feedback,
                                        const ScenarioTntpHooks& hooks) {
  ScenarioTntpOutcome out;
  out.netPath = inputPath(session, params.tntp_net);
  const auto tntp = readTntpNetwork(out.netPath);
  const auto trips = readTntpTrips(inputPath(session, params.tntp_trips));
  out.network = Network::fromTntp(tntp);
  out.demand = OdMatrix::fromTntp(trips);
  out.scenario = params.scenario();
  out.options = params.assignment.options();
  out.options.weights = costWeightsFromTntp(tntp);  // <TOLL FACTOR>/<DISTANCE FACTOR>, 0 where absent
  if (hooks.ready) hooks.ready(out);

  out.result = runScenario(out.network, out.demand, out.scenario, out.options, feedback);
  const auto& r = out.result;
  double w = 0, dt = 0;
  for (int a = 0; a < out.demand.zoneCount(); ++a)
    for (int b = 0; b < out.demand.zoneCount(); ++b) {
      const double bt = r.baseSkims.time(a, b), st = r.scenarioSkims.time(a, b);
      if (a == b || !std::isfinite(bt) || !std::isfinite(st)) continue;
      w += r.baseDemand(a, b), dt += r.baseDemand(a, b) * (st - bt);
    }
  out.meanOdTimeChange = w > 0 ? dt / w : 0.0;
  out.warnings = scenarioWarnings(r, out.options.relativeGap);
  if (!params.out.empty()) {
    out.outputs.push_back(session.resolve(params.out));
    writeLinkDifferencesCsv(out.outputs.back(), r);
  }
  if (!params.skims_out.empty()) {
    out.outputs.push_back(session.resolve(params.skims_out));
    writeSkimDifferencesCsv(out.outputs.back(), r);
  }
  if (!params.corridors.empty()) {
    const auto tnodes = readTntpNodes(inputPath(session, params.tntp_node));
    std::vector<GeoPoint> nodes(static_cast<std::size_t>(out.network.nodeCount()));
    for (const auto& n : tnodes)
      if (n.id >= 1 && n.id <= out.network.nodeCount()) nodes[n.id - 1] = {n.x, n.y, 0};
    CorridorOptions co;
    if (params.corridor_share) co.minShareOfMax = *params.corridor_share;
    out.corridors = extractCorridors(r.network.network, r.scenario.volume, co);
    out.outputs.push_back(session.resolve(params.corridors));
    writeCorridorsGeoJson(out.outputs.back(), r.network.network, out.corridors, nodes);
  }
  return out;
}

ops::OpResult ScenarioTntpOp::record(const Result& o) {
  const auto& r = o.result;
  ops::OpResult out;
  out.summary = scenarioSummary(o.scenario, r);
  out.summary["mean_od_time_change"] = jsonNumber(o.meanOdTimeChange);
  ops::ResultTable t;
  t.name = "link_differences";
  t.columns = {"link", "from", "to", "status", "base_volume", "scenario_volume", "volume_diff", "base_time",
               "scenario_time", "time_diff"};
  int added = 0;
  for (const auto& d : r.links) {
    const ops::Json id = d.baseLink >= 0 ? ops::Json(d.baseLink + 1) : ops::Json("added:" + std::to_string(++added));
    const char* status = d.baseLink < 0 ? "added" : d.scenarioLink < 0 ? "closed" : "base";
    t.rows.push_back({id, d.from + 1, d.to + 1, status, jsonNumber(d.baseVolume), jsonNumber(d.scenarioVolume),
                      jsonNumber(d.scenarioVolume - d.baseVolume), jsonNumber(d.baseTime),
                      jsonNumber(d.scenarioTime), jsonNumber(d.scenarioTime - d.baseTime)});
  }
  out.tables.push_back(std::move(t));
  out.outputs = o.outputs;
  out.warnings = o.warnings;
  return out;
}

}  // namespace ekm::demand
