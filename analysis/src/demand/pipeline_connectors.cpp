// Phase 2b of the project demand pipeline: centroid connectors and the unconnected-zone
// policy (see project_pipeline.h).
#include <map>

#include "ekm/core/error.h"
#include "ekm/demand/project_pipeline.h"

namespace ekm::demand {

namespace {

// Nodes of the largest strongly connected component (the lowest component id on a tie).
std::vector<NodePoint> mainComponentNodes(const BuiltNetwork& built) {
  const auto comp = strongComponents(built.network);
  std::map<int, int> sizes;
  for (int c : comp) ++sizes[c];
  int largest = -1, size = 0;
  for (const auto& [c, n] : sizes)
    if (n > size) largest = c, size = n;
  std::vector<NodePoint> out;
  for (const auto& p : nodePoints(built))
    if (comp[static_cast<std::size_t>(p.node)] == largest) out.push_back(p);
  return out;
}

std::string droppedMessage(const std::vector<std::string>& dropped, std::size_t zoneCount, double maxDistanceM) {
  std::string ids;
  for (const auto& id : dropped) ids += (ids.empty() ? "" : ", ") + id;
  return std::to_string(dropped.size()) + " of " + std::to_string(zoneCount) +
         " zones have no node of the main street network within " + std::to_string(static_cast<long>(maxDistanceM)) +
         " m and are left out (no trips to or from them): " + ids;
}

}  // namespace

double defaultConnectorSpeedKmh(NetworkMode mode) {
  return mode == NetworkMode::Walk ? kWalkConnectorSpeedKmh : kRoadConnectorSpeedKmh;
}

double defaultAddedLinkSpeedKmh(NetworkMode mode) {
  return mode == NetworkMode::Walk ? kWalkAddedLinkSpeedKmh : kRoadAddedLinkSpeedKmh;
}

const char* networkModeName(NetworkMode mode) { return mode == NetworkMode::Walk ? "walking" : "road"; }

ConnectedNetwork connectZones(BuiltNetwork streets, const ZoneSystem& zones, NetworkMode mode,
                              const ConnectorOptions& options, core::Feedback& feedback) {
  const auto candidates = mainComponentNodes(streets);
  const auto connectors = connectCentroids(zones, candidates, 1, options.maxDistanceM);
  ConnectedNetwork out;
  out.mainComponentNodes = static_cast<int>(candidates.size());
  out.zoneConnected.assign(zones.zones.size(), false);
  for (const auto& c : connectors) out.zoneConnected[static_cast<std::size_t>(c.zone)] = true;
  for (std::size_t z = 0; z < zones.zones.size(); ++z)
    if (!out.zoneConnected[z]) out.droppedZones.push_back(zones.zones[z].id);
  const std::size_t connected = zones.zones.size() - out.droppedZones.size();
  if (connected < 2)
    throw core::ValidationError(
        "fewer than two zones are within reach of the street network",
        core::ErrorContext{"", {}, {}, "zones connected", ">= 2 of " + std::to_string(zones.zones.size()) + " within " +
                                                              std::to_string(static_cast<long>(options.maxDistanceM)) + " m",
                           std::to_string(connected)});
  if (!out.droppedZones.empty())
    feedback.warning(droppedMessage(out.droppedZones, zones.zones.size(), options.maxDistanceM));
  const double speed = options.speedKmh > 0 ? options.speedKmh : defaultConnectorSpeedKmh(mode);
  out.network.zoned = withZones(streets, zones, connectors, speed);
  out.network.streets = std::move(streets);
  out.network.zones = zones;
  out.network.defaultSpeedKmh = defaultAddedLinkSpeedKmh(mode);
  return out;
}

ConnectedNetwork projectNetwork(const store::Project& project, const ZoneSystem& zones, const NetworkOptions& network,
                                const ConnectorOptions& connectors, core::Feedback& feedback) {
  auto streets = projectStreetNetwork(project, network, feedback);
  auto out = connectZones(std::move(streets.built), zones, network.mode, connectors, feedback);
  out.build = streets.report;
  return out;
}

}  // namespace ekm::demand
