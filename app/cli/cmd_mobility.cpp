// ekimachi-cli mobility VERB: the mobility operations (mobility-service, mobility-coverage, ...).
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kMobility{opGroupCommand("mobility", "Mobility services: GTFS service, stop catchments, coverage, route demand, ridership KPIs and the operator report (mobility report [--lang ja|en|both], with the render library)")};

}  // namespace
}  // namespace ekm::cli
