// The assign operation on TNTP files: assignment, comparison with a flow file, link
// results, skims and select-link analysis.
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "demand/ops/assign_runs.h"
#include "ekm/core/error.h"

namespace ekm::demand {

namespace {

TntpFlowComparison compareWithFlows(const std::string& path, const Network& network, const OdMatrix& od,
                                    const AssignmentResult& result, const CostWeights& weights) {
  const auto flows = readTntpFlows(path);
  std::vector<double> ref(static_cast<std::size_t>(network.linkCount()), 0.0);
  TntpFlowComparison c;
  c.path = path;
  for (const auto& f : flows) {
    const int a = network.findLink(f.from - 1, f.to - 1);
    if (a < 0)
      throw core::ValidationError("flow file names a link not in the network",
                                  core::ErrorContext{path, std::nullopt, std::nullopt, "From/To", "",
                                                     std::to_string(f.from) + " " + std::to_string(f.to)});
    ref[a] = f.volume;
    c.fileTstt += f.volume * f.cost;
  }
  for (int a = 0; a < network.linkCount(); ++a)
    c.maxVolumeDifference = std::max(c.maxVolumeDifference, std::abs(ref[a] - result.volume[a]));
  const auto e = evaluateVolumes(network, od, ref, weights);
  c.tstt = e.tstt;
  c.relativeGap = e.relativeGap;
  c.tsttDifferencePercent = 100.0 * (result.tstt - e.tstt) / e.tstt;
  return c;
}

void writeLinks(const std::string& path, const Network& network, const AssignmentResult& result) {
  auto f = openResultFile(path);
  f << "link,init_node,term_node,volume,time,cost\n";
  for (int a = 0; a < network.linkCount(); ++a) {
    const auto& l = network.link(a);
    f << a + 1 << ',' << l.from + 1 << ',' << l.to + 1 << ',' << result.volume[a] << ',' << result.time[a] << ','
      << result.cost[a] << '\n';
  }
}

void writeSkims(const std::string& path, const Network& network, const Skims& skims) {
  auto f = openResultFile(path);
  f << "origin,destination,cost,time,distance\n";
  for (int o = 0; o < network.zoneCount(); ++o)
    for (int d = 0; d < network.zoneCount(); ++d)
      if (std::isfinite(skims.cost(o, d)))
        f << o + 1 << ',' << d + 1 << ',' << skims.cost(o, d) << ',' << skims.time(o, d) << ','
          << skims.distance(o, d) << '\n';
}

int selectedLink(const Network& network, const std::string& text) {
  const auto comma = text.find(',');
  const int i = comma == std::string::npos ? 0 : std::atoi(text.substr(0, comma).c_str());
  const int j = comma == std::string::npos ? 0 : std::atoi(text.substr(comma + 1).c_str());
  const int a = network.findLink(i - 1, j - 1);
  if (a < 0) throwParam("no such link", "select_link", "I,J of a link in NET", text);
  return a;
}

}  // namespace

AssignOutcome assignTntp(ops::Session& session, const AssignParams& params, core::Feedback& feedback,
                         const AssignHooks& hooks) {
  AssignOutcome out;
  out.netPath = inputPath(session, params.tntp_net);
  out.options = params.assignment.options();
  {  // The parsed files are freed before the solve: only the network and matrix built from them stay.
    const auto tntp = readTntpNetwork(out.netPath);
    // The net file's <TOLL FACTOR>/<DISTANCE FACTOR> are the defaults; explicit params win.
    const auto fileWeights = costWeightsFromTntp(tntp);
    out.options.weights.tollFactor = params.toll_factor.value_or(fileWeights.tollFactor);
    out.options.weights.distanceFactor = params.distance_factor.value_or(fileWeights.distanceFactor);
    out.network = Network::fromTntp(tntp);
    out.firstThruNode = tntp.firstThruNode;
  }
  out.demand = OdMatrix::fromTntp(readTntpTrips(inputPath(session, params.tntp_trips)));
  int selected = -1;
  if (!params.select_link.empty()) {
    selected = selectedLink(out.network, params.select_link);
    out.options.keepOriginFlows = true;
  }
  if (hooks.ready) hooks.ready(out);

  const std::clock_t cpuStart = std::clock();
  auto options = out.options;
  options.onIteration = hooks.iteration;
  out.result = assign(out.network, out.demand, options, feedback);
  out.cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
  if (!params.compare.empty())
    out.compare = compareWithFlows(inputPath(session, params.compare), out.network, out.demand, out.result,
                                   out.options.weights);
  if (!params.out.empty()) {
    out.outPath = session.resolve(params.out);
    writeLinks(out.outPath, out.network, out.result);
  }
  if (!params.skims.empty()) {
    out.skimsPath = session.resolve(params.skims);
    writeSkims(out.skimsPath, out.network, computeSkims(out.network, out.result.volume, out.options.weights, feedback));
  }
  if (selected >= 0) {
    SelectLinkOutcome s;
    s.link = params.select_link;
    s.linkIndex = selected;
    s.flows = selectLink(out.network, out.demand, out.result, selected);
    s.path = session.resolve(params.select_link_out);
    auto f = openResultFile(s.path);
    f << "origin,destination,volume\n";
    for (const auto& x : s.flows) {
      f << x.origin + 1 << ',' << x.destination + 1 << ',' << x.volume << '\n';
      s.trips += x.volume;
    }
    out.selectLink = std::move(s);
  }
  out.result.originFlows.clear();  // large; select-link is done
  return out;
}

AssignOutcome AssignOp::runOnTntpFiles(ops::Session& session, const Params& params, core::Feedback& feedback,
                                       const AssignHooks& hooks) {
  if (!params.onTntp())
    throwParam("this program assigns TNTP files only; use ekimachi-cli assign --project for a project", "tntp_net",
               "tntp_net and tntp_trips", "nothing");
  return assignTntp(session, params, feedback, hooks);
}

}  // namespace ekm::demand
