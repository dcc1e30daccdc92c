#pragma once
// The project schema version this build writes and migrates to (ekm_meta 'schema_version').
// Version 6 stores the people-flow series as day rows (ekm/store/series.h); schema.h's
// kSchemaVersion is the version before that and is kept only for source compatibility.
namespace ekm::store {

inline constexpr int kProjectSchemaVersion = 6;

}  // namespace ekm::store
