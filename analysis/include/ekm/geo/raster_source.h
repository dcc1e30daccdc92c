#pragma once
// An offline raster basemap read through GDAL (GeoTIFF, MBTiles, or any raster GDAL opens
// without a network), warped on demand to a view in the display CRS as RGBA pixels.
//
// One RasterSource per thread (it owns a GDAL dataset handle; GDAL 3.6 datasets are not
// thread-safe). Bands are mapped to RGBA as a viewer would: RGB(A) Byte bands as they are,
// a palette band expanded through its colour table, one grey band (with an optional alpha
// band) as grey, other data types stretched linearly from the band's min/max to 0..255.
// Pixels the raster does not cover (and its nodata) come out fully transparent. Warping
// uses GDAL's overviews (MBTiles zoom levels) and bilinear resampling.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"

namespace ekm::geo {

struct RasterInfo {
  std::string path;
  std::string driver;      // GDAL short name, e.g. "GTiff", "MBTiles"
  int width = 0, height = 0, bands = 0;
  int overviews = 0;       // of band 1
  std::string crsName;     // e.g. "WGS 84 / Pseudo-Mercator"
  // Bounds of the raster in the destination CRS given to RasterSource (xMin, yMin, xMax, yMax).
  std::array<double, 4> bounds{};
};

// A view to warp to: its top-left corner and pixel size in the destination CRS (y up).
struct RasterView {
  double left = 0, top = 0, unitsPerPixel = 1;
  int width = 0, height = 0;
};

class RasterSource {
 public:
  // Opens `path` read-only for display in EPSG:destinationEpsg. Throws core::GdalError naming
  // the file when GDAL cannot open it as a raster, it has no georeferencing or CRS, or its
  // CRS cannot be transformed to the destination.
  RasterSource(const std::string& path, int destinationEpsg);
  ~RasterSource();
  RasterSource(const RasterSource&) = delete;
  RasterSource& operator=(const RasterSource&) = delete;

  const RasterInfo& info() const { return m_info; }

  // The view's pixels, row-major RGBA8888 (not premultiplied), width * height * 4 bytes;
  // empty when cancelled (the feedback's cancel flag is polled through GDAL's progress).
  // Throws core::GdalError when GDAL fails.
  std::vector<std::uint8_t> warpRgba(const RasterView& view, core::Feedback& feedback) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  RasterInfo m_info;
};

}  // namespace ekm::geo
