#pragma once
// The `assign` command (flags, run, printed results, exit codes), written once for
// `ekimachi-cli assign` and the lean `ekimachi-assign` (app/assign/), which differ only in the
// run they call: the whole `assign` operation, or its TNTP run alone (so that program links
// no project store, GDAL or Qt).
#include <functional>
#include <string>
#include <vector>

#include "ekm/demand/ops/assign_op.h"
#include "terminal_feedback.h"

namespace ekm::cli {

// The usage text, without the project network options (ekimachi-cli appends those).
const std::string& assignUsage();

struct AssignRunner {
  std::function<demand::AssignOutcome(ops::Session&, const demand::AssignParams&, core::Feedback&,
                                      const demand::AssignHooks&)>
      run;
  // For a project's street network (ekimachi-cli; empty in ekimachi-assign): the arguments with
  // --edits FILE spelled for the Params, the hook printing the built network, the OD printer.
  std::function<std::vector<std::string>(std::vector<std::string>)> prepareArgs;
  std::function<demand::StreetsReady(TerminalFeedback&)> streetsHook;
  std::function<void(const demand::ProjectDemand&)> printProjectOd;
};

// Parses argv into the operation's Params, runs, prints; returns the exit code (0 converged,
// 13 stopped at --max-iter short of --gap). Throws core::Error like every command.
int runAssignCommand(const std::vector<std::string>& argv, const AssignRunner& runner);

}  // namespace ekm::cli
