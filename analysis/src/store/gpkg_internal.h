#pragma once
// Internal helpers of the store: GeoPackage header parsing, SQL functions, schema DDL.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ekm::store {

struct Envelope {
  double minX = 0, maxX = 0, minY = 0, maxY = 0;
  bool empty = true;
};

struct GpkgHeader {
  std::int32_t srsId = 0;
  bool empty = false;
  bool hasEnvelope = false;
  Envelope envelope;
  const unsigned char* wkb = nullptr;
  std::size_t wkbSize = 0;
};

bool parseGpkgHeader(const unsigned char* blob, std::size_t size, GpkgHeader& header);
bool wkbEnvelope(const unsigned char* wkb, std::size_t size, Envelope& env);
// Envelope from the header, or computed from the WKB when the header has none.
bool gpkgBlobEnvelope(const unsigned char* blob, std::size_t size, Envelope& env);

// Registers ST_MinX/ST_MaxX/ST_MinY/ST_MaxY/ST_IsEmpty (used by the GeoPackage R-tree
// triggers) on a connection, as GDAL does on its own connections.
void registerGpkgFunctions(sqlite3* db);

// Feature tables with an R-tree spatial index on `geom`.
inline const char* const kFeatureTables[] = {"mesh_cells", "road_segments", "stations", "basemap_features"};

// Full schema DDL for a new project (GeoPackage core + Ekimachi tables), one script.
std::string createSchemaSql();
// Schema parts that are idempotent (CREATE ... IF NOT EXISTS), used by migrations.
// The covering indexes of the one-row-per-hour series tables of schema versions 0-5.
std::string ensureSeriesIndexesSql();
std::string rtreeSql(const std::string& table, const std::string& column);
// The basemap_features feature table, its registration and R-tree (schema version 2).
std::string basemapFeaturesSql();
// ekm_runs and ekm_run_steps (schema version 3).
std::string runTablesSql();
// Energy tables: buildings, weather, meters (schema version 4; schema_energy.cpp).
std::string energyTablesSql();
// Transit tables: GTFS / GTFS-JP feed, ridership records (schema version 5; schema_transit.cpp).
std::string transitTablesSql();
// Ridership records (part of schema version 5; schema_ridership.cpp).
std::string ridershipTablesSql();

}  // namespace ekm::store
