// ekimachi-cli project VERB: whole-project operations (project-new: an empty project; project-copy:
// GeoPackage <-> PostgreSQL/PostGIS).
#include "op_group.h"

namespace ekm::cli {
namespace {

const CommandRegistrar kProject{
    opGroupCommand("project", "Whole projects: a new empty project; copy between a GeoPackage file and a PostgreSQL/PostGIS schema")};

}  // namespace
}  // namespace ekm::cli
