#pragma once
// The PostgreSQL/PostGIS side of Project, its transactions and the importers' typed writers
// (pg_project.cpp, pg_import_writer.cpp), declared without libpq so that project.cpp and
// import_writer.cpp hand work to it when a project is a postgresql:// location. Callers
// outside store/ never see which backend a Project has.
//
// A PostgreSQL project is a schema laid out as `project copy` writes it (every table of the
// GeoPackage schema with the same columns and primary keys, geometries as PostGIS geometry).
// Writers serialise on a transaction-scoped advisory lock of the schema (taken by BEGIN),
// as SQLite's BEGIN IMMEDIATE does: one import at a time, none lost.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ekm/store/import_writer.h"
#include "ekm/store/project.h"

namespace ekm::store {

struct PgProject;  // a connection and its schema (pg_project.h)
struct PgProjectDeleter {
  void operator()(PgProject* p) const;
};
using PgProjectPtr = std::unique_ptr<PgProject, PgProjectDeleter>;

namespace pgstore {

// The long views for QGIS of a PostgreSQL project in `quotedSchema` ("schema"): the
// GeoPackage's views (mesh_population, segment_counts, station_ridership,
// energy_weather_hourly, energy_meter_hourly) with the same names, columns and rows, made
// by `project copy` (so by create too) and by the 7 -> 8 migration. CREATE OR REPLACE.
std::string longViewsSql(const std::string& quotedSchema);

// A new project in the location's schema (which must hold no tables), made by copying an
// empty GeoPackage project, so both backends have the same tables.
PgProjectPtr create(const std::string& location);
// A new empty GeoPackage project in the temporary folder, removed with the object.
class ScratchGeoPackage {
 public:
  ScratchGeoPackage();
  ~ScratchGeoPackage();
  ScratchGeoPackage(const ScratchGeoPackage&) = delete;
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

// Makes on the schema's tables the GeoPackage schema's UNIQUE constraints and indexes (as
// project copy does since version 8; copies by version 7 had primary keys only).
void addGpkgIndexes(PgProject& p);

// PostgreSQL projects exist from schema version 7 (the first that project copy wrote).
inline constexpr int kFirstPgSchemaVersion = 7;
// An existing project. One at an older schema version (>= kFirstPgSchemaVersion) is migrated
// forward in one transaction holding the schema's writer lock when opened read-write (and
// refused read-only); a newer one, or one older than PostgreSQL projects, is refused.
PgProjectPtr open(const std::string& location, OpenMode mode);
int schemaVersion(const PgProject& p);

std::optional<std::string> meta(PgProject& p, const std::string& key);
void setMeta(PgProject& p, const std::string& key, const std::string& value);
std::vector<MeshCellRecord> meshCells(PgProject& p);
std::vector<SegmentRecord> segments(PgProject& p);
std::vector<StationRecord> stations(PgProject& p);
std::int64_t rowCount(PgProject& p, const std::string& table);  // table checked by the caller
std::string contentSha256(PgProject& p, const std::string& table);  // table checked by the caller
// True if the schema has a table or view of that name.
bool hasTable(PgProject& p, const std::string& name);
// The bounding box (min x, min y, max x, max y) of a feature table's `geom`; none when empty.
std::optional<std::tuple<double, double, double, double>> extent(PgProject& p, const std::string& table);
std::vector<ImportLogEntry> importLog(PgProject& p);
// Bytes of the schema's tables with their indexes and TOAST.
std::int64_t storedBytes(PgProject& p);

// BEGIN + the schema's advisory lock / COMMIT / ROLLBACK (never throws).
void begin(PgProject& p);
void commit(PgProject& p);
void rollback(PgProject& p) noexcept;

// The importers' writes (see ekm/store/import_writer.h).
std::unordered_map<std::string, std::int64_t> featureIds(PgProject& p, FeatureTable table);
std::map<std::string, std::int64_t> populationBreakdowns(PgProject& p, bool writable);
void addPopulationBreakdown(PgProject& p, std::int64_t id, const std::string& label);
bool isImported(PgProject& p, const std::string& sourceSha256);
void logImport(PgProject& p, const std::string& sourcePath, const std::string& sourceSha256, const std::string& kind,
               std::int64_t rows, const std::string& optionsJson);

// Inserts features with fids after the table's largest; nullopt for a natural id the table
// already has.
class FeatureInserter {
 public:
  FeatureInserter(PgProject& p, FeatureTable table);
  ~FeatureInserter();
  // `geometry` a GeoPackage blob; `fields` the table's columns after geom and the natural id
  // (nullopt = NULL).
  std::optional<std::int64_t> add(const std::string& naturalId, const std::vector<unsigned char>& geometry,
                                  const std::vector<std::optional<std::string>>& fields);

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace pgstore
}  // namespace ekm::store
