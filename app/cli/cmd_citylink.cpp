// ekimachi-cli citylink pull|push: the City OS link's operations (citylink-pull,
// citylink-push; analysis/include/ekm/citylink/citylink_ops.h) as a verb group.
#include "command_registry.h"
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kCitylink{
    opGroupCommand("citylink", "City OS link (NGSI-LD): pull counts from a broker, publish forecasts",
                   {"matches", "partial_hours"},  // the match report, also without --json
                   "Exit codes: 0 ok, 2 usage, 3 I/O (an HTTP error answer of the broker, a file), 4 parse,\n"
                   "5 invalid entities or values, 6 store, 9 already imported, 14 network (the broker cannot be\n"
                   "reached: connection refused, timeout, dropped connection, TLS), 130 cancelled.")};

}  // namespace
}  // namespace ekm::cli
