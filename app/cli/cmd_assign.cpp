// ekimachi-cli assign: static user-equilibrium assignment on TNTP files or a project's
// street network; a thin caller of the `assign` operation (ekm/demand/ops/assign_op.h).
#include "assign_command.h"
#include "command_registry.h"
#include "project_network.h"

namespace ekm::cli {
namespace {

int runAssign(const std::vector<std::string>& argv) {
  AssignRunner runner;
  runner.run = [](ops::Session& s, const demand::AssignParams& p, core::Feedback& fb, const demand::AssignHooks& h) {
    return demand::AssignOp::run(s, p, fb, h);
  };
  runner.prepareArgs = withEditsFile;
  runner.streetsHook = printStreetsWhenReady;
  runner.printProjectOd = printProjectOd;
  return runAssignCommand(argv, runner);
}

const CommandRegistrar kRegistrar{Command{
    "assign", "user-equilibrium traffic assignment on TNTP networks (FW, BFW, Algorithm B)", assignUsage() + kProjectNetworkUsage, runAssign}};

}  // namespace
}  // namespace ekm::cli
