#include "render/raster_basemap_layer.h"

#include <QFileInfo>
#include <cstring>
#include <map>
#include <memory>
#include <utility>

#include "ekm/geo/raster_source.h"

namespace ekm::render {

namespace {

// The calling thread's open rasters, by (path, display EPSG).
geo::RasterSource& threadLocalRaster(const QString& path, int epsg) {
  thread_local std::map<std::pair<QString, int>, std::unique_ptr<geo::RasterSource>> open;
  auto& slot = open[{path, epsg}];
  if (!slot) slot = std::make_unique<geo::RasterSource>(path.toStdString(), epsg);
  return *slot;
}

}  // namespace

RasterBasemapLayer::RasterBasemapLayer(QString id, QString name, QString path, int displayEpsg)
    : MapLayer(std::move(id), std::move(name)), m_path(std::move(path)), m_epsg(displayEpsg) {
  const geo::RasterInfo& info = threadLocalRaster(m_path, m_epsg).info();
  m_driver = QString::fromStdString(info.driver);
  m_extent = Extent{info.bounds[0], info.bounds[1], info.bounds[2], info.bounds[3]};
}

QImage RasterBasemapLayer::viewImage(const MapSettings& settings, core::Feedback& feedback) const {
  const QSize size = settings.outputSize();
  const MapToPixel m2p = settings.mapToPixel();
  const QPointF topLeft = m2p.toMap(QPointF(0, 0));
  geo::RasterView view{topLeft.x(), topLeft.y(), m2p.mapUnitsPerPixel(), size.width(), size.height()};
  std::vector<std::uint8_t> rgba = threadLocalRaster(m_path, m_epsg).warpRgba(view, feedback);
  if (rgba.empty()) return {};
  QImage image(size, QImage::Format_RGBA8888);
  for (int y = 0; y < size.height(); ++y)
    std::memcpy(image.scanLine(y), rgba.data() + static_cast<std::size_t>(y) * size.width() * 4,
                static_cast<std::size_t>(size.width()) * 4);
  return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

void RasterBasemapLayer::render(RenderContext& ctx) const {
  if (!m_extent.intersects(ctx.visibleExtent)) return;
  const QImage image = viewImage(ctx.settings, ctx.feedback);
  if (image.isNull()) return;
  ctx.painter.drawImage(QRectF(QPointF(0, 0), QSizeF(ctx.settings.outputSize())), image);
  ++ctx.featuresDrawn;
}

std::vector<LegendGroup> RasterBasemapLayer::legendGroups() const {
  LegendGroup group;
  group.title = name();
  LegendItem item;
  item.kind = LegendItem::Kind::Fill;
  item.colour = QColor(0xe8, 0xe4, 0xdc);
  item.stroke = QColor(0xa0, 0xa0, 0xa0);
  item.label = tr("Offline raster: %1 (%2)").arg(QFileInfo(m_path).fileName(), m_driver);
  group.items.push_back(item);
  return {group};
}

}  // namespace ekm::render
