#pragma once
// The project schema version this build writes and migrates to (ekm_meta 'schema_version').
// Version 6 stores the people-flow series as day rows (ekm/store/series.h); version 7 has
// od_matrices (ekm/store/od_store.h) in the schema; version 8 has the long views for QGIS on
// PostgreSQL too (a GeoPackage has had them since 6: nothing changes in the file); version 9
// has partial_hours (ekm/store/partial_hours.h). schema.h's
// kSchemaVersion is the version before that and is kept only for source compatibility.
namespace ekm::store {

inline constexpr int kProjectSchemaVersion = 9;

}  // namespace ekm::store
