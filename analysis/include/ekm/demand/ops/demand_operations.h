#pragma once
// The demand module's operations: zones, trip-ends, od-gravity, od-furness, od-estimate,
// od-import, od-export, network-build, assign, scenario, scenario-tntp.
#include "ekm/ops/registry.h"

namespace ekm::demand {

void registerDemandOperations(ops::Registry& registry);

}  // namespace ekm::demand
