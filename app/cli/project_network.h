#pragma once
// The street network of a project for `assign` and `scenario run`: road or walking network
// from road_segments, zones with connectors, the OD matrix from the project table or a CSV.
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "ekm/demand/project_scenario.h"

namespace ekm::cli {

// The options this helper reads (add them to checkKnown / the flag set).
const std::set<std::string>& projectNetworkOptions();
const std::set<std::string>& projectNetworkFlags();
// Usage lines for them.
extern const char* const kProjectNetworkUsage;

struct ProjectNetwork {
  demand::ZonedNetwork network;
  demand::OdMatrix demand;
  std::string odSource;
  std::string mode;  // "walking" or "road"
};

ProjectNetwork loadProjectNetwork(const Args& args, bool quiet);

}  // namespace ekm::cli
