#pragma once
// The project schema version this build writes and migrates to (ekm_meta 'schema_version').
// Version 6 stores the people-flow series as day rows (ekm/store/series.h); version 7 has
// od_matrices (ekm/store/od_store.h) in the schema. schema.h's
// kSchemaVersion is the version before that and is kept only for source compatibility.
namespace ekm::store {

inline constexpr int kProjectSchemaVersion = 7;

}  // namespace ekm::store
