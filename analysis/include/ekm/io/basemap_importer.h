#pragma once
// Imports a GDAL vector source (GeoJSON, GeoPackage, Shapefile...; any CRS, transformed to
// EPSG:4326) into the project's basemap_features table as one kind: rail, water,
// building, park or street. Lines (LineString, MultiLineString) for rail and street;
// polygons (Polygon, MultiPolygon) for building and park; either for water. Curves are
// linearised, Z/M dropped. Name from `nameField` (default: the first of name, name_ja,
// line_name, name_en present), height from `heightField` (default: height_m, height,
// measuredHeight; buildings only). All or nothing: one transaction, rolled back on any
// error or cancel; logged in ekm_import_log as kind "basemap-<kind>". Errors
// (GdalError/ValidationError) name the file, the feature id, the field, expected and found.
#include <cstdint>
#include <string>

#include "ekm/core/feedback.h"

namespace ekm::store {
class Project;
}

namespace ekm::io {

struct BasemapImportOptions {
  std::string kind;  // rail, water, building, park, street
  std::string layer;
  std::string nameField;
  std::string heightField;
};

struct BasemapImportResult {
  std::int64_t features = 0;
  std::int64_t parts = 0;
  std::string sha256;
};

BasemapImportResult importBasemap(store::Project& project, const std::string& source,
                                  const BasemapImportOptions& options, core::Feedback& feedback);

}  // namespace ekm::io
