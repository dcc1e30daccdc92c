#pragma once
// How `assign`, `scenario run`, `od gravity|estimate --project` print the street network
// with zones and the demand of a project (the operations prepare them:
// ekm/demand/ops/project_demand.h), and the usage lines of their network options.
#include <string>
#include <vector>

#include "ekm/demand/ops/project_demand.h"
#include "terminal_feedback.h"

namespace ekm::cli {

// Usage lines for the project network options (ekm/demand/ops/demand_params.h's fields).
extern const char* const kProjectNetworkUsage;

// `assign` and `scenario run` take --edits FILE (the operations' edits_file) or the edits
// object inline, --edits '{...}' (their edits): the arguments with --edits FILE spelled
// --edits-file FILE.
std::vector<std::string> withEditsFile(std::vector<std::string> argv);

// Crossing flags, barriers, the network's size and components, the zones kept and left out.
void printProjectNetwork(const demand::ProjectStreets& streets);
// The OD as it is assigned: its source and trips, those not assigned.
void printProjectOd(const demand::ProjectDemand& demand);
// An operation hook that prints the network once it is built (ending the progress line first).
demand::StreetsReady printStreetsWhenReady(TerminalFeedback& feedback);

}  // namespace ekm::cli
