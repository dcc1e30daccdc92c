#pragma once
// Commands made of operation verbs: `ekimachi-cli energy plan ...` runs the registered
// operation "energy-plan" with its Params parsed from the flags by the one typed argument
// layer. A programme (energy, mobility, citylink) registers its group in one line and gets
// its CLI from its operations; the usage text is generated from the registry.
#include <string>
#include <vector>

#include "command_registry.h"

namespace ekm::cli {

// A Command named `group` whose first word VERB runs the operation "group-VERB".
// Prints the result's summary as "key: value" lines, its warnings on stderr and the
// files written; --json prints the whole result (summary, tables, outputs, warnings) as JSON.
// `plainTables` names result tables also printed without --json (aligned columns), such as
// citylink's match report. `epilog` (such as the exit codes) ends the usage texts.
Command opGroupCommand(const std::string& group, const std::string& summary,
                       std::vector<std::string> plainTables = {}, std::string epilog = {});

}  // namespace ekm::cli
