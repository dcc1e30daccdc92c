#pragma once
// The project demand pipeline's options from the command line, and the street network of a
// project with zones and an OD for `assign`, `scenario run` and `od estimate|gravity
// --project` (the phases of ekm/demand/project_pipeline.h, which the Demand dock runs too).
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "ekm/demand/project_pipeline.h"

namespace ekm::store {
class Project;
}

namespace ekm::cli {

// The options this helper reads (add them to checkKnown / the flag set).
const std::set<std::string>& projectNetworkOptions();
const std::set<std::string>& projectNetworkFlags();
// Usage lines for them.
extern const char* const kProjectNetworkUsage;

// Zones (--zones), network (--network, --barriers, ...) and connectors (--connector-*) of
// the pipeline's options from the flags; the OD and assignment parts keep their defaults.
demand::ProjectDemandOptions projectDemandOptions(const Args& args);

// Phases 1 and 2 (zones, street network, connectors) with a summary on stdout; zones left
// out are warned about on stderr.
demand::ConnectedNetwork buildProjectNetwork(const store::Project& project, const demand::ProjectDemandOptions& options,
                                             bool quiet);

struct ProjectNetwork {
  demand::ZonedNetwork network;
  demand::OdMatrix demand;  // --od as it can be assigned (demand::assignableOd)
  std::string odSource;
  std::string mode;  // "walking" or "road"
  std::vector<std::string> droppedZones;
};

ProjectNetwork loadProjectNetwork(const Args& args, bool quiet);

}  // namespace ekm::cli
