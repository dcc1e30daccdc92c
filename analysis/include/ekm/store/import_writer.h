#pragma once
// Typed writes of the importers: features (mesh cells, road segments, stations) with their
// id -> fid maps, basemap features in bulk, population breakdowns, the import log and the bulk-load settings. Use
// them inside a Transaction: an import is all or nothing.
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

enum class FeatureTable { MeshCells, RoadSegments, Stations };

// Natural id (mesh_code, segment_id, station_id) -> fid of every feature of the table.
std::unordered_map<std::string, std::int64_t> featureIds(const Project& project, FeatureTable table);

// Inserts features with prepared statements (fid of the records ignored). Each add returns
// the new fid, or nullopt when a feature with the same natural id exists (nothing written).
// Throws StoreError when the fid would pass kMaxFeatureFid (the series keys' limit).
class FeatureWriter {
 public:
  FeatureWriter(Project& project, FeatureTable table);
  ~FeatureWriter();
  FeatureWriter(const FeatureWriter&) = delete;
  FeatureWriter& operator=(const FeatureWriter&) = delete;
  std::optional<std::int64_t> add(const MeshCellRecord& cell);  // polygon from the bounds
  std::optional<std::int64_t> add(const SegmentRecord& segment);  // LineString; empty texts -> NULL
  std::optional<std::int64_t> add(const StationRecord& station);  // Point; empty texts -> NULL

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

// A basemap feature with a ready geometry: ISO/OGC WKB in EPSG:4326.
struct BasemapWkbFeature {
  std::string kind;  // rail, water, building, park, street
  std::string name;  // "" = NULL
  double heightM = std::nan("");
  std::vector<unsigned char> wkb;
};
// Appends basemap features in bulk (one prepared INSERT on SQLite, COPY on PostgreSQL) with
// new fids in order: `next` fills the next feature and returns false after the last; each is
// checked as by Project::addBasemapFeatureWkb (StoreError). Returns how many were added.
std::int64_t appendBasemapFeatures(Project& project, const std::function<bool(BasemapWkbFeature&)>& next);

// population_breakdowns: label -> id (0 = 'total', always present after this call on a
// writable project).
std::map<std::string, std::int64_t> populationBreakdowns(const Project& project);
void addPopulationBreakdown(Project& project, std::int64_t id, const std::string& label);

// The import log (ekm_import_log).
bool isImported(const Project& project, const std::string& sourceSha256);
void logImport(Project& project, const std::string& sourcePath, const std::string& sourceSha256,
               const std::string& kind, std::int64_t rows, const std::string& optionsJson);

// For the life of the object: a big page cache and, in WAL mode, synchronous = NORMAL (a
// crash may lose the last commit, never corrupt the file); restores the settings after.
class BulkLoad {
 public:
  explicit BulkLoad(Project& project);
  ~BulkLoad();
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

 private:
  Project& m_project;
  std::string m_sync, m_cache;
  bool m_wal = false;
};

}  // namespace ekm::store
