#pragma once
// Opening a GDAL vector layer for reading, with the transformation of its geometries to
// EPSG:4326 lon/lat (GIS axis order). One place for the open/layer/CRS checks every
// vector reader needs, so they all fail the same way with the same context.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace ekm::geo {

struct VectorLayerSource {
  GDALDatasetUniquePtr dataset;
  OGRLayer* layer = nullptr;
  int layerCount = 0;
  bool hasCrs = false;  // false: the layer has no CRS and is taken as EPSG:4326
  // Null when the layer is already EPSG:4326 (or has no CRS).
  std::unique_ptr<OGRCoordinateTransformation> toWgs84;
};

// Opens `source` read-only and picks `layerName` (empty: the first layer). Throws
// core::GdalError naming the source when it cannot be opened, has no such layer, or its
// CRS cannot be resolved or transformed to EPSG:4326: GDAL reads an unknown EPSG code in
// GeoJSON as WGS 84 after logging a PROJ error, and a Shapefile whose .prj it cannot parse
// as having no CRS - both are errors here, never silently lon/lat. A GeoJSON string with
// a NUL (\u0000, which GDAL would cut there) is a core::ValidationError naming the line.
// `expected` describes the source in the message.
VectorLayerSource openVectorLayer(const std::string& source, const std::string& layerName = "",
                                  const std::string& expected = "a GDAL vector source");

}  // namespace ekm::geo
