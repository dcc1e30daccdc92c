// ekimachi-cli citylink pull|push: the City OS link's operations (citylink-pull,
// citylink-push; analysis/include/ekm/citylink/citylink_ops.h) as a verb group.
#include "command_registry.h"
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kCitylink{
    opGroupCommand("citylink", "City OS link (NGSI-LD): pull counts from a broker, publish forecasts")};

}  // namespace
}  // namespace ekm::cli
