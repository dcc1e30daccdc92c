// The CLI's registry: analysis operations + render operations when built with them.
#include "operation_registry.h"

#ifdef EKM_WITH_RENDER
#include "render/export_map_op.h"
#endif

namespace ekm::cli {

const ops::Registry& operationRegistry() {
  static ops::Registry& r = [] () -> ops::Registry& {
    ops::Registry& global = ops::Registry::global();
    // Libraries outside analysis register their operations here.
#ifdef EKM_WITH_RENDER
    render::registerRenderOperations(global);
#endif
    return global;
  }();
  return r;
}

bool hasField(const ops::Operation& op, const std::string& field) {
  for (const auto& f : op.fields())
    if (f.name == field) return true;
  return false;
}

}  // namespace ekm::cli
