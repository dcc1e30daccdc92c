#pragma once
// How much room a project takes in its store (for benchmarks and the info command).
#include <cstdint>

#include "ekm/store/project.h"

namespace ekm::store {

// Bytes of a GeoPackage project's file (+ WAL), or of a PostgreSQL project's tables with
// their indexes and TOAST.
std::int64_t storedBytes(const Project& project);

}  // namespace ekm::store
