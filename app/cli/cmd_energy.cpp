// ekimachi-cli energy VERB: the energy operations (energy-import, energy-plan, ...) as verbs.
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kEnergy{opGroupCommand(
    "energy", "Energy (DHC): import buildings, weather and meters; demand models, plant plans, savings")};

}  // namespace
}  // namespace ekm::cli
