#pragma once
// A project: one GeoPackage file (see schema.h). One Project = one SQLite connection;
// use it from one thread at a time (open another Project on the same file per thread).

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/store/schema.h"

namespace ekm::store {

enum class OpenMode { ReadOnly, ReadWrite };

struct LonLat {
  double lon = 0;
  double lat = 0;
};

struct MeshCellRecord {
  std::int64_t fid = 0;
  std::string meshCode;
  std::string level;  // "1/8" etc.
  double south = 0, west = 0, north = 0, east = 0;
};

struct SegmentRecord {
  std::int64_t fid = 0;
  std::string segmentId;
  std::string name;
  std::string roadClass;
  int oneway = 0;
  double lengthM = 0;
  std::vector<LonLat> points;
};

struct StationRecord {
  std::int64_t fid = 0;
  std::string stationId;
  std::string nameJa;
  std::string nameEn;
  std::string operatorName;
  std::string lines;
  LonLat position;
};

// A feature of the basemap (drawn under the analysis layers): rail lines, water,
// buildings, parks, streets. EPSG:4326.
//   polygon == false: each part is one line string (LineString / MultiLineString).
//   polygon == true:  each part is one closed ring; for a Polygon the first ring is the
//                     outer ring and the others are holes; a MultiPolygon lists the rings
//                     of all its polygons in order. Fill with the odd-even rule.
// heightM: building height in metres, NaN when unknown (and for non-buildings).
inline constexpr const char* kBasemapKinds[] = {"rail", "water", "building", "park", "street"};
bool isBasemapKind(const std::string& kind);

struct BasemapFeature { std::int64_t fid = 0; std::string kind; std::string name; bool polygon = false; std::vector<std::vector<LonLat>> parts; double heightM = std::nan(""); };

struct TimeRange {
  core::HourKey first = 0;
  core::HourKey last = 0;
  std::int64_t rows = 0;
};

struct ImportLogEntry {
  std::int64_t fid = 0;
  std::string sourcePath;
  std::string sourceSha256;
  std::string kind;
  std::int64_t rows = 0;
  std::string importedAt;
};

// A value that may be missing (suppressed by the vendor, or blank): missing is NaN in
// doubles returned here, never 0.
struct FeatureValue {
  std::int64_t fid = 0;
  double value = 0;  // NaN = missing
};
struct TimeValue {
  core::HourKey t = 0;
  double value = 0;  // NaN = missing
};

namespace detail {
struct ProjectAccess;  // the store's own code reaches the connection through it (project_internal.h)
class SqlTransaction;
}  // namespace detail

class Project {
 public:
  // Creates a new, empty project. Throws StoreError if the file exists.
  static Project create(const std::string& path);
  // Opens an existing project; checks it is a GeoPackage written by Ekimachi, runs
  // forward migrations when opened ReadWrite. Damaged or foreign files throw StoreError
  // with a clear message.
  static Project open(const std::string& path, OpenMode mode = OpenMode::ReadWrite);

  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;
  ~Project();

  const std::string& path() const;
  int schemaVersion() const;

  // Metadata (ekm_meta).
  std::optional<std::string> meta(const std::string& key) const;
  void setMeta(const std::string& key, const std::string& value);

  // Features.
  std::vector<MeshCellRecord> meshCells() const;
  std::vector<SegmentRecord> segments() const;
  std::vector<StationRecord> stations() const;
  // basemap_features, ordered by fid.
  std::vector<BasemapFeature> basemapFeatures() const;
  // Inserts one basemap feature (fid ignored; returns the new fid). Lines become a
  // LineString (one part) or MultiLineString; polygons one Polygon whose first part is
  // the outer ring and the others holes. Throws StoreError on an unknown kind or
  // degenerate geometry. Wrap many inserts in a Transaction.
  std::int64_t addBasemapFeature(const BasemapFeature& feature);
  // Same with a ready geometry (ISO/OGC WKB of a LineString, MultiLineString, Polygon
  // or MultiPolygon in EPSG:4326), e.g. from OGR.
  std::int64_t addBasemapFeatureWkb(const std::string& kind, const std::string& name, double heightM,
                                    const unsigned char* wkb, std::size_t size);

  // Time series reads. Missing values are NaN.
  std::vector<FeatureValue> meshPopulationSlice(core::HourKey t, std::int64_t breakdownId = 0) const;
  std::vector<TimeValue> meshPopulationSeries(std::int64_t cellFid, core::HourKey from, core::HourKey to,
                                              std::int64_t breakdownId = 0) const;
  // Sum over directions for the given mode.
  std::vector<FeatureValue> segmentCountSlice(core::HourKey t, TravelMode mode) const;
  std::vector<TimeValue> segmentCountSeries(std::int64_t segmentFid, core::HourKey from, core::HourKey to,
                                            TravelMode mode) const;
  // value = boardings + alightings (NaN if both missing)
  std::vector<FeatureValue> stationRidershipSlice(core::HourKey t) const;
  std::vector<std::pair<TimeValue, TimeValue>> stationRidershipSeries(std::int64_t stationFid, core::HourKey from,
                                                                      core::HourKey to) const;  // boardings, alightings

  // Time ranges of the time-series tables ("mesh_population", "segment_counts",
  // "station_ridership"); nullopt when the table is empty.
  std::optional<TimeRange> timeRange(const std::string& table) const;
  std::int64_t rowCount(const std::string& table) const;
  std::vector<ImportLogEntry> importLog() const;

  // Updates gpkg_contents (last_change; extent of feature tables from their R-tree) for
  // the tables changed through this Project. Also done automatically when a ReadWrite
  // Project is destroyed; call it after an import to have it at once.
  void refreshContents();

 private:
  friend struct detail::ProjectAccess;
  struct Impl;
  explicit Project(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// RAII transaction on a project (BEGIN IMMEDIATE ... COMMIT); rolls back unless committed.
// The store's typed writers called inside it join it: an import wraps its writes in one.
class Transaction {
 public:
  explicit Transaction(const Project& project);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  std::unique_ptr<detail::SqlTransaction> m_tx;
};

// GeoPackage binary geometry (GP header + ISO WKB), standard envelope [minx,maxx,miny,maxy].
std::vector<unsigned char> gpkgPolygonBlob(double west, double south, double east, double north,
                                           int srsId = kWgs84SrsId);
std::vector<unsigned char> gpkgPointBlob(LonLat p, int srsId = kWgs84SrsId);
std::vector<unsigned char> gpkgLineStringBlob(const std::vector<LonLat>& points, int srsId = kWgs84SrsId);
// Wraps ISO/OGC WKB (e.g. from OGR's exportToWkb) in a GeoPackage header with envelope.
std::vector<unsigned char> gpkgBlobFromWkb(const unsigned char* wkb, std::size_t size, int srsId = kWgs84SrsId);
// Decodes the points of a GeoPackage POINT/LINESTRING/POLYGON (outer ring) blob.
std::vector<LonLat> pointsFromGpkgBlob(const unsigned char* blob, std::size_t size);
// Decodes every line string / ring of a GeoPackage geometry blob; `polygon` tells whether
// they are polygon rings. Throws StoreError on malformed blobs.
std::vector<std::vector<LonLat>> partsFromGpkgBlob(const unsigned char* blob, std::size_t size, bool& polygon);
// GeoPackage blob of lines (LineString for one part, else MultiLineString) or of one
// polygon (parts = rings, first outer).
std::vector<unsigned char> gpkgPartsBlob(const std::vector<std::vector<LonLat>>& parts, bool polygon,
                                         int srsId = kWgs84SrsId);

}  // namespace ekm::store
