// Registers the demand module's operations.
#include "ekm/demand/ops/demand_operations.h"

#include "ekm/demand/ops/assign_op.h"
#include "ekm/demand/ops/network_build_op.h"
#include "ekm/demand/ops/od_estimate_op.h"
#include "ekm/demand/ops/od_furness_op.h"
#include "ekm/demand/ops/od_gravity_op.h"
#include "ekm/demand/ops/od_io_op.h"
#include "ekm/demand/ops/scenario_op.h"
#include "ekm/demand/ops/scenario_tntp_op.h"
#include "ekm/demand/ops/trip_ends_op.h"
#include "ekm/demand/ops/zones_op.h"

namespace ekm::demand {

void registerDemandOperations(ops::Registry& r) {
  r.add<ZonesOp>();
  r.add<TripEndsOp>();
  r.add<OdGravityOp>();
  r.add<OdFurnessOp>();
  r.add<OdEstimateOp>();
  r.add<OdImportOp>();
  r.add<OdExportOp>();
  r.add<NetworkBuildOp>();
  r.add<AssignOp>();
  r.add<ScenarioOp>();
  r.add<ScenarioTntpOp>();
}

}  // namespace ekm::demand
