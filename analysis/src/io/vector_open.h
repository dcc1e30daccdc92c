#pragma once
// Opening a vector source for an importer: geo::openVectorLayer plus the domain rule that
// a coordinate reference system which cannot be resolved is an error (GDAL reads an
// unknown EPSG code in GeoJSON as WGS 84 after logging a PROJ error, and a Shapefile
// whose .prj cannot be parsed as having no CRS) - never silently lon/lat.
#include <string>

#include "ekm/geo/vector_source.h"

namespace ekm::io::detail {

geo::VectorLayerSource openVectorSource(const std::string& source, const std::string& layerName,
                                        const std::string& expected);

}  // namespace ekm::io::detail
