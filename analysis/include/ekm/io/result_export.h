#pragma once
// Result exports: any result table (an operation's ops::ResultTable, a stored run's step
// table, a comparison of two runs) or a project layer to GeoPackage, GeoJSON, CSV or
// Shapefile through GDAL, so results open in QGIS with the right CRS (EPSG:4326, the
// store's), field names and types. Tables keyed by road segment, mesh cell or station get
// the project's geometry; others are written without geometry (GeoPackage attribute table,
// CSV, GeoJSON with null geometry; a Shapefile then is its .dbf). The small-count rule
// (ekm/privacy/small_count.h) is applied to every row on the way out: suppressed values are
// NULL and named in the `suppressed` field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/ops/result.h"
#include "ekm/privacy/small_count.h"
#include "ekm/scenario/run_compare.h"
#include "ekm/store/project.h"

namespace ekm::io {

enum class ResultFormat { GeoPackage, GeoJson, Csv, Shapefile };

// "gpkg", "geojson", "csv", "shp" (also "shapefile", "json"); nullopt otherwise.
std::optional<ResultFormat> parseResultFormat(const std::string& name);
// From the file's extension (.gpkg, .geojson/.json, .csv, .shp); nullopt when unknown.
std::optional<ResultFormat> resultFormatFromPath(const std::string& path);
const char* resultFormatName(ResultFormat format);
const char* gdalDriverName(ResultFormat format);

struct ExportedField {
  std::string name;  // as written (a Shapefile's are at most 10 characters)
  std::string type;  // GDAL's: "Integer64", "Real", "String", "Integer(Boolean)"
};

struct ResultExportSummary {
  std::string path;
  std::string format;
  std::string layer;
  std::string geometryType;  // "LineString", "Polygon", "Point" or "None"
  int epsg = 0;              // 4326 with geometry, 0 without
  std::int64_t features = 0;
  std::int64_t withoutGeometry = 0;  // rows whose key has no feature in the project
  std::vector<ExportedField> fields;
  privacy::SuppressionStats suppression;
};

// A comparison of two runs' table as one result table: the keys, then for every compared
// column `COLUMN_a`, `COLUMN_b`, `COLUMN_diff` (the shape of `compare`'s GeoJSON layers).
ops::ResultTable comparisonTable(const scenario::TableComparison& comparison);

// Writes `table` (the rule applied) to `path` as one layer named `layerName` (empty: the
// table's name). `project` gives the geometry of segment/cell/station tables (may be null:
// no geometry). Overwrites the file. Throws core::Error: Usage (bad format), IoError
// (unwritable), GdalError.
ResultExportSummary exportResultTable(const ops::ResultTable& table, const store::Project* project,
                                      const std::string& path, ResultFormat format, const std::string& layerName,
                                      core::Feedback& feedback);

// Several tables as layers of one GeoPackage (layer names: the tables' names).
std::vector<ResultExportSummary> exportResultTables(const std::vector<ops::ResultTable>& tables,
                                                    const store::Project* project, const std::string& path,
                                                    ResultFormat format, const std::string& layerName,
                                                    core::Feedback& feedback);

// A project layer (mesh_cells, road_segments, stations, basemap, zones, any feature or
// attribute table of the GeoPackage) copied with GDAL in its own CRS. Count columns of
// attribute tables are not touched: project layers are geometry and metadata, not counts.
ResultExportSummary exportProjectLayer(const std::string& projectPath, const std::string& layer,
                                       const std::string& path, ResultFormat format, core::Feedback& feedback);

}  // namespace ekm::io
