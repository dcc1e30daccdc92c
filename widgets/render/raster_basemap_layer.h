#pragma once
// An optional offline raster basemap (a GeoTIFF, an MBTiles file or any raster GDAL reads
// locally; never a network service), warped to the display CRS by ekm::geo::RasterSource.
// The picture does not depend on the hour, so the layer image cache keeps it while the time
// slider moves. Each render thread opens its own GDAL dataset (GDAL datasets are not
// thread-safe); opening is cheap for these formats.
#include <QCoreApplication>
#include <QImage>
#include <QString>

#include "render/map_layer.h"

namespace ekm::render {

class RasterBasemapLayer : public MapLayer {
  Q_DECLARE_TR_FUNCTIONS(ekm::render::RasterBasemapLayer)

 public:
  // Opens the file once (on the calling thread) to check it and read its extent in the
  // display CRS. Throws core::GdalError naming the file when it is not a usable raster.
  RasterBasemapLayer(QString id, QString name, QString path, int displayEpsg);

  const QString& path() const { return m_path; }
  const QString& driver() const { return m_driver; }
  Extent extent() const override { return m_extent; }
  void render(RenderContext& context) const override;
  std::vector<LegendGroup> legendGroups() const override;

  // The warped view as an image (transparent where the raster has no data); null when
  // cancelled. Thread-safe (uses the calling thread's own dataset).
  QImage viewImage(const MapSettings& settings, core::Feedback& feedback) const;

 private:
  QString m_path;
  QString m_driver;
  int m_epsg;
  Extent m_extent;
};

}  // namespace ekm::render
