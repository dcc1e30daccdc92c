#include "ekm/geo/vector_source.h"

#include <cpl_error.h>

#include <optional>

#include "ekm/core/error.h"

namespace ekm::geo {

using core::ErrorContext;
using core::GdalError;

VectorLayerSource openVectorLayer(const std::string& source, const std::string& layerName,
                                  const std::string& expected) {
  GDALAllRegister();
  CPLErrorReset();
  VectorLayerSource out;
  out.dataset.reset(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!out.dataset) {
    const std::string msg = CPLGetLastErrorMsg();
    throw GdalError("cannot open vector source" + (msg.empty() ? std::string() : ": " + msg),
                    ErrorContext{source, std::nullopt, std::nullopt, "", expected, ""});
  }
  out.layerCount = out.dataset->GetLayerCount();
  if (out.layerCount < 1) throw GdalError("the source has no layers", ErrorContext{source, {}, {}, "", "a layer", ""});
  out.layer = layerName.empty() ? out.dataset->GetLayer(0) : out.dataset->GetLayerByName(layerName.c_str());
  if (!out.layer) throw GdalError("no such layer", ErrorContext{source, {}, {}, "layer", layerName, ""});

  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* srs = out.layer->GetSpatialRef();
  out.hasCrs = srs != nullptr;
  if (srs) {
    std::unique_ptr<OGRSpatialReference> src(srs->Clone());
    src->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!src->IsSame(&wgs84)) {
      out.toWgs84.reset(OGRCreateCoordinateTransformation(src.get(), &wgs84));
      if (!out.toWgs84)
        throw GdalError("cannot transform the source's coordinates to EPSG:4326",
                        ErrorContext{source, {}, {}, "", "a CRS PROJ can transform",
                                     src->GetName() ? src->GetName() : "unknown CRS"});
    }
  }
  return out;
}

}  // namespace ekm::geo
