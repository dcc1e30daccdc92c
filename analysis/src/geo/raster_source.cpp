#include "ekm/geo/raster_source.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <mutex>

#include "ekm/core/error.h"

namespace ekm::geo {

namespace {

core::GdalError rasterError(const std::string& path, const std::string& what, const std::string& expected = {}) {
  core::ErrorContext context;
  context.file = path;
  context.expected = expected;
  const std::string gdal = CPLGetLastErrorMsg();
  if (!gdal.empty()) context.found = gdal;
  return core::GdalError(what, context);
}

// A CPLStringList of options for the gdal_utils C API.
struct Options {
  CPLStringList list;
  Options& add(const std::string& s) {
    list.AddString(s.c_str());
    return *this;
  }
};

struct DatasetCloser {
  void operator()(GDALDatasetH h) const {
    if (h) GDALClose(h);
  }
};
using DatasetHandle = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;

}  // namespace

struct RasterSource::Impl {
  DatasetHandle source;    // the file as GDAL opened it
  DatasetHandle rgba;      // a VRT over it with Byte bands R, G, B[, A]
  bool sourceAlpha = false;
  OGRSpatialReference destination;
};

RasterSource::RasterSource(const std::string& path, int destinationEpsg) : m_impl(std::make_unique<Impl>()) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  CPLErrorReset();
  m_info.path = path;
  m_impl->source.reset(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  GDALDataset* ds = GDALDataset::FromHandle(m_impl->source.get());
  if (!ds) throw rasterError(path, "cannot open the file as a raster", "a GeoTIFF, MBTiles or other GDAL raster");
  m_info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
  m_info.width = ds->GetRasterXSize();
  m_info.height = ds->GetRasterYSize();
  m_info.bands = ds->GetRasterCount();
  if (m_info.bands < 1) throw rasterError(path, "the raster has no bands", "at least one band");
  double gt[6];
  if (ds->GetGeoTransform(gt) != CE_None)
    throw rasterError(path, "the raster is not georeferenced", "a geotransform (e.g. a GeoTIFF or MBTiles)");
  const OGRSpatialReference* crs = ds->GetSpatialRef();
  if (!crs) throw rasterError(path, "the raster has no coordinate reference system", "a CRS");
  m_info.crsName = crs->GetName() ? crs->GetName() : "";
  GDALRasterBand* first = ds->GetRasterBand(1);
  m_info.overviews = first->GetOverviewCount();

  // Bands -> R, G, B[, A] Byte bands, as an in-memory VRT.
  Options translate;
  translate.add("-of").add("VRT");
  const GDALDataType type = first->GetRasterDataType();
  const bool allByte = [&] {
    for (int b = 1; b <= m_info.bands; ++b)
      if (ds->GetRasterBand(b)->GetRasterDataType() != GDT_Byte) return false;
    return true;
  }();
  const bool lastIsAlpha = ds->GetRasterBand(m_info.bands)->GetColorInterpretation() == GCI_AlphaBand;
  if (m_info.bands == 1 && first->GetColorTable()) {
    translate.add("-expand").add("rgba");
    m_impl->sourceAlpha = true;
  } else if (allByte && m_info.bands >= 3) {
    for (int b = 1; b <= 3; ++b) translate.add("-b").add(std::to_string(b));
    if (m_info.bands >= 4 && (lastIsAlpha || m_info.bands == 4)) {
      translate.add("-b").add(std::to_string(m_info.bands)).add("-colorinterp").add("red,green,blue,alpha");
      m_impl->sourceAlpha = true;
    }
  } else {
    // Grey (any data type, stretched to 0..255 when not Byte), with alpha when the second band is one.
    translate.add("-b").add("1").add("-b").add("1").add("-b").add("1");
    if (m_info.bands == 2 && lastIsAlpha) {
      translate.add("-b").add("2").add("-colorinterp").add("red,green,blue,alpha");
      m_impl->sourceAlpha = true;
    } else {
      translate.add("-colorinterp").add("red,green,blue");
    }
    if (type != GDT_Byte) {
      double minMax[2] = {0, 0};
      if (first->ComputeRasterMinMax(TRUE, minMax) != CE_None)
        throw rasterError(path, "cannot compute the value range of band 1");
      if (!(minMax[1] > minMax[0])) minMax[1] = minMax[0] + 1;
      translate.add("-ot").add("Byte").add("-scale").add(std::to_string(minMax[0])).add(std::to_string(minMax[1]));
      translate.add("0").add("255");
    }
  }
  GDALTranslateOptions* options = GDALTranslateOptionsNew(translate.list.List(), nullptr);
  int usageError = 0;
  m_impl->rgba.reset(GDALTranslate("", m_impl->source.get(), options, &usageError));
  GDALTranslateOptionsFree(options);
  if (!m_impl->rgba) throw rasterError(path, "cannot map the raster's bands to RGB");

  m_impl->destination.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (m_impl->destination.importFromEPSG(destinationEpsg) != OGRERR_NONE)
    throw rasterError(path, "unknown destination CRS EPSG:" + std::to_string(destinationEpsg));
  OGRSpatialReference sourceCrs(*crs);
  sourceCrs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> toDestination(
      OGRCreateCoordinateTransformation(&sourceCrs, &m_impl->destination));
  if (!toDestination)
    throw rasterError(path, "cannot transform the raster's CRS (" + m_info.crsName + ") to EPSG:" +
                                std::to_string(destinationEpsg));
  const double x0 = gt[0], y0 = gt[3];
  const double x1 = gt[0] + gt[1] * m_info.width + gt[2] * m_info.height;
  const double y1 = gt[3] + gt[4] * m_info.width + gt[5] * m_info.height;
  double b[4];
  if (!toDestination->TransformBounds(std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1), &b[0],
                                      &b[1], &b[2], &b[3], 21))
    throw rasterError(path, "cannot transform the raster's bounds to EPSG:" + std::to_string(destinationEpsg));
  m_info.bounds = {b[0], b[1], b[2], b[3]};
}

RasterSource::~RasterSource() = default;

std::vector<std::uint8_t> RasterSource::warpRgba(const RasterView& view, core::Feedback& feedback) const {
  if (view.width <= 0 || view.height <= 0 || !(view.unitsPerPixel > 0)) return {};
  if (feedback.isCancelled()) return {};
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (!mem) throw rasterError(m_info.path, "GDAL's MEM driver is missing");
  CPLErrorReset();
  DatasetHandle target(GDALDataset::ToHandle(mem->Create("", view.width, view.height, 4, GDT_Byte, nullptr)));
  if (!target) throw rasterError(m_info.path, "cannot allocate the view raster");
  GDALDataset* dst = GDALDataset::FromHandle(target.get());
  double gt[6] = {view.left, view.unitsPerPixel, 0, view.top, 0, -view.unitsPerPixel};
  dst->SetGeoTransform(gt);
  dst->SetSpatialRef(&m_impl->destination);
  dst->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);

  Options warp;
  warp.add("-r").add("bilinear").add("-dstalpha");
  if (m_impl->sourceAlpha) warp.add("-srcalpha");
  GDALWarpAppOptions* options = GDALWarpAppOptionsNew(warp.list.List(), nullptr);
  GDALWarpAppOptionsSetProgress(options, &core::Feedback::gdalProgress, &feedback);
  GDALDatasetH sources[1] = {m_impl->rgba.get()};
  int usageError = 0;
  GDALDatasetH result = GDALWarp(nullptr, target.get(), 1, sources, options, &usageError);
  GDALWarpAppOptionsFree(options);
  if (feedback.isCancelled()) return {};
  if (!result) throw rasterError(m_info.path, "cannot warp the raster to the view");

  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(view.width) * view.height * 4);
  int bandMap[4] = {1, 2, 3, 4};
  if (dst->RasterIO(GF_Read, 0, 0, view.width, view.height, rgba.data(), view.width, view.height, GDT_Byte, 4,
                    bandMap, 4, static_cast<GSpacing>(view.width) * 4, 1, nullptr) != CE_None)
    throw rasterError(m_info.path, "cannot read the warped view");
  return rgba;
}

}  // namespace ekm::geo
