// The CLI's registry: analysis operations + render operations when built with them.
#include "operation_registry.h"

namespace ekm::cli {

const ops::Registry& operationRegistry() {
  ops::Registry& r = ops::Registry::global();
  // Libraries outside analysis register here (see widgets/render for export-map).
  return r;
}

bool hasField(const ops::Operation& op, const std::string& field) {
  for (const auto& f : op.fields())
    if (f.name == field) return true;
  return false;
}

}  // namespace ekm::cli
