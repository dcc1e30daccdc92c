// How the CLI prints a project's street network and demand (see project_network.h).
#include "project_network.h"

#include <cstdio>

namespace ekm::cli {

const char* const kProjectNetworkUsage =
    "  --project P        the project (road_segments, mesh cells, stations, od_matrices)\n"
    "  --network M        walking (default; 4.8 km/h, uncongested) or road (capacity/speed by class)\n"
    "  --od OD            an OD CSV (origin,destination,trips) or a period of the project's\n"
    "                     od_matrices (`--od period:NAME`, or just NAME when no such file exists)\n"
    "  --from T --to T    without --od: the gravity model on the trip ends of hours T..T (ISO, e.g.\n"
    "                     2025-04-01T07:00+09:00) with [--deterrence exp|power|combined] [--alpha A]\n"
    "                     [--beta B] [--mean-cost MIN] [--no-stays] [--no-stations]\n"
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

namespace {

bool inlineJson(const std::string& value) {
  const auto first = value.find_first_not_of(" \t\r\n");
  return first != std::string::npos && value[first] == '{';
}

}  // namespace

std::vector<std::string> withEditsFile(std::vector<std::string> argv) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--edits" && i + 1 < argv.size() && !inlineJson(argv[i + 1]))
      argv[i] = "--edits-file";
    else if (argv[i].rfind("--edits=", 0) == 0 && !inlineJson(argv[i].substr(8)))
      argv[i] = "--edits-file=" + argv[i].substr(8);
  }
  return argv;
}

void printProjectNetwork(const demand::ProjectStreets& s) {
  const auto& net = s.network;
  const auto& b = net.build;
  const auto& options = s.options;
  if (!options.network.crossingsFromPath.empty())
    std::printf("crossing flags: %d segments from %s\n", b.crossingFlagsCopied, options.network.crossingsFromPath.c_str());
  if (b.barrierLines > 0)
    std::printf("barriers: %d lines, %d links removed, %d crossing links kept\n", b.barrierLines,
                b.linksRemovedByBarrier, b.crossingLinksKept);
  const auto& streets = net.network.streets;
  std::printf("%s network of %s: %d nodes, %d links, %d components (largest %d nodes), EPSG:%d\n",
              demand::networkModeName(options.network.mode), s.projectPath.c_str(), streets.network.nodeCount(),
              streets.network.linkCount(), streets.report.strong.count,
              streets.report.strong.sizes.empty() ? 0 : streets.report.strong.sizes[0], streets.epsg);
  std::printf("zones: %zu (%s), %zu connected, %zu left out\n", net.network.zones.zones.size(),
              demand::zoneSpec(options.zones).c_str(), net.network.zones.zones.size() - net.droppedZones.size(),
              net.droppedZones.size());
  std::fflush(stdout);  // before warnings on stderr when both go to one place
}

demand::StreetsReady printStreetsWhenReady(TerminalFeedback& feedback) {
  return [&feedback](const demand::ProjectStreets& streets) {
    feedback.finish();
    printProjectNetwork(streets);
  };
}

void printProjectOd(const demand::ProjectDemand& d) {
  std::printf("OD %s: %.3f trips (%.3f intrazonal and %.3f of zones left out not assigned)\n", d.odDescription.c_str(),
              d.od.matrix.total(), d.intrazonalTrips, d.unconnectedTrips);
  std::fflush(stdout);
}

}  // namespace ekm::cli
