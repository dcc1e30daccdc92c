// The project demand pipeline's options from the command line (see project_network.h).
#include "project_network.h"

#include <cmath>
#include <cstdio>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "terminal_feedback.h"

namespace ekm::cli {

using core::Error;
using core::ErrorCode;
using core::ErrorContext;

const char* const kProjectNetworkUsage =
    "  --project P        the project (road_segments, mesh cells, stations, od_matrices)\n"
    "  --network M        walking (default; 4.8 km/h, uncongested) or road (capacity/speed by class)\n"
    "  --od OD            an OD CSV (origin,destination,trips) or a period of the project's\n"
    "                     od_matrices (`--od period:NAME`, or just NAME when no such file exists)\n"
    "  --zones Z          mesh:LEVEL (default mesh:500m), polygons:FILE:FIELD, stations:RADIUS_M\n"
    "                     or points:FILE.csv (zone,lon,lat); zone ids must match the OD's\n"
    "  --barriers FILE    barrier lines (walking; e.g. data/samples/reference/rail_lines.geojson)\n"
    "  --barrier-field F  barrier flag field (default barrier)\n"
    "  --crossings-from F crossing=1 flags by segment_id (the store keeps none)\n"
    "  --split-crossings  node X-crossings of segment interiors\n"
    "  --snap M           end-point snapping tolerance in metres (default 1)\n"
    "  --connector-speed  km/h on centroid connectors (default: walking 4.8, road 20)\n"
    "  --connector-max M  longest centroid connector in metres (default 800); connectors join\n"
    "                     the largest strongly connected part of the street network, and a zone\n"
    "                     without a node of it in reach is left out (no trips) with a warning\n";

const std::set<std::string>& projectNetworkOptions() {
  static const std::set<std::string> o = {"project",        "network",         "od",   "zones",
                                          "barriers",       "barrier-field",   "crossings-from",
                                          "split-crossings", "snap",           "connector-speed",
                                          "connector-max"};
  return o;
}
const std::set<std::string>& projectNetworkFlags() {
  static const std::set<std::string> f = {"split-crossings"};
  return f;
}

namespace {

double numberArg(const Args& args, const std::string& name, double fallback) {
  const auto v = args.value(name);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || !std::isfinite(d))
    throw Error(ErrorCode::Usage, "bad --" + name, ErrorContext{"", std::nullopt, std::nullopt, name, "a number", *v});
  return d;
}

void printNetwork(const std::string& projectPath, const demand::ProjectDemandOptions& options,
                  const demand::ConnectedNetwork& net) {
  const auto& b = net.build;
  if (!options.network.crossingsFromPath.empty())
    std::printf("crossing flags: %d segments from %s\n", b.crossingFlagsCopied, options.network.crossingsFromPath.c_str());
  if (b.barrierLines > 0)
    std::printf("barriers: %d lines, %d links removed, %d crossing links kept\n", b.barrierLines,
                b.linksRemovedByBarrier, b.crossingLinksKept);
  const auto& streets = net.network.streets;
  std::printf("%s network of %s: %d nodes, %d links, %d components (largest %d nodes), EPSG:%d\n",
              demand::networkModeName(options.network.mode), projectPath.c_str(), streets.network.nodeCount(),
              streets.network.linkCount(), streets.report.strong.count,
              streets.report.strong.sizes.empty() ? 0 : streets.report.strong.sizes[0], streets.epsg);
  std::printf("zones: %zu (%s), %zu connected, %zu left out\n", net.network.zones.zones.size(),
              demand::zoneSpec(options.zones).c_str(), net.network.zones.zones.size() - net.droppedZones.size(),
              net.droppedZones.size());
}

}  // namespace

demand::ProjectDemandOptions projectDemandOptions(const Args& args) {
  demand::ProjectDemandOptions o;
  o.zones = demand::zoneOptionsFromSpec(args.value("zones").value_or("mesh:500m"));
  const std::string mode = args.value("network").value_or("walking");
  if (mode != "walking" && mode != "road")
    throw Error(ErrorCode::Usage, "bad --network",
                ErrorContext{"", std::nullopt, std::nullopt, "network", "walking or road", mode});
  auto& n = o.network;
  n.mode = mode == "walking" ? demand::NetworkMode::Walk : demand::NetworkMode::Drive;
  n.snapToleranceM = numberArg(args, "snap", n.snapToleranceM);
  n.splitAtCrossings = args.flag("split-crossings");
  if (const auto b = args.value("barriers")) {
    if (n.mode != demand::NetworkMode::Walk) throw Error(ErrorCode::Usage, "--barriers needs --network walking");
    n.barriersPath = *b;
  }
  n.barrierField = args.value("barrier-field").value_or(n.barrierField);
  n.crossingsFromPath = args.value("crossings-from").value_or("");
  o.connectors.speedKmh = numberArg(args, "connector-speed", o.connectors.speedKmh);
  o.connectors.maxDistanceM = numberArg(args, "connector-max", o.connectors.maxDistanceM);
  if (!(o.connectors.maxDistanceM > 0))
    throw Error(ErrorCode::Usage, "bad --connector-max",
                ErrorContext{"", std::nullopt, std::nullopt, "connector-max", "metres > 0",
                             *args.value("connector-max")});
  return o;
}

demand::ConnectedNetwork buildProjectNetwork(const store::Project& project, const demand::ProjectDemandOptions& options,
                                             bool quiet) {
  const auto zones = demand::projectZones(project, options.zones);
  TerminalFeedback fb("building network", quiet);
  auto net = demand::projectNetwork(project, zones, options.network, options.connectors, fb);
  fb.finish();
  printNetwork(project.path(), options, net);
  return net;
}

ProjectNetwork loadProjectNetwork(const Args& args, bool quiet) {
  ProjectNetwork out;
  auto options = projectDemandOptions(args);
  const auto project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  demand::setOdFromSpec(options.od, project, args.required("od"));
  auto net = buildProjectNetwork(project, options, quiet);
  auto od = demand::loadOd(project, options.od, net.network.zones);
  TerminalFeedback fb("OD", quiet);
  auto assignable = demand::assignableOd(od.od.matrix, net, fb);
  fb.finish();
  std::printf("OD %s: %.3f trips (%.3f intrazonal and %.3f of zones left out not assigned)\n", od.description.c_str(),
              assignable.matrix.total(), assignable.intrazonalTrips, assignable.unconnectedTrips);
  std::fflush(stdout);
  out.network = std::move(net.network);
  out.demand = std::move(assignable.matrix);
  out.odSource = std::move(od.description);
  out.mode = demand::networkModeName(options.network.mode);
  out.droppedZones = std::move(net.droppedZones);
  return out;
}

}  // namespace ekm::cli
