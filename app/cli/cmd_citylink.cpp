// ekimachi-cli citylink pull|push: the City OS link's operations (citylink-pull,
// citylink-push; analysis/include/ekm/citylink/citylink_ops.h) as a verb group.
#include "command_registry.h"
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kCitylink{
    opGroupCommand("citylink", "City OS link (NGSI-LD): pull counts from a broker, publish forecasts",
                   {"matches", "partial_hours"})};  // the match report, also without --json

}  // namespace
}  // namespace ekm::cli
