#include "render/vector_map.h"

#include <QImage>
#include <algorithm>
#include <exception>

#include "render/basemap_layer.h"
#include "render/raster_basemap_layer.h"
#include "render/road_segments_layer.h"

namespace ekm::render {

namespace {

constexpr int kGroundScale = 1;  // the ground image's pixels per map pixel

void paintLayer(QPainter& p, const MapSettings& settings, const MapLayer& layer, core::Feedback& feedback) {
  p.save();
  p.setOpacity(layer.opacity());
  RenderContext ctx{p, settings, settings.mapToPixel(), settings.visibleExtent(), feedback};
  try {
    layer.render(ctx);
  } catch (const std::exception&) {
    // Reported by the raster render of the same layers.
  }
  p.restore();
}

// Layers that belong to the ground of the map: the offline raster, the vector basemap's
// water, parks, buildings and streets (not its railways, drawn over the themes) and plain
// road segments (not styled by a value).
bool isGround(const MapLayer* layer) {
  if (dynamic_cast<const RasterBasemapLayer*>(layer)) return true;
  if (const auto* roads = dynamic_cast<const RoadSegmentsLayer*>(layer)) return !roads->styledByValue();
  const auto* basemap = dynamic_cast<const BasemapLayer*>(layer);
  if (!basemap) return false;
  const auto& rail = BasemapLayer::railKinds();
  return std::none_of(basemap->kinds().begin(), basemap->kinds().end(), [&](BasemapKind k) { return rail.count(k) > 0; });
}

}  // namespace

void paintLayers(QPainter& p, QPointF origin, const MapSettings& settings, const LayerList& layers) {
  const QRectF frame(QPointF(0, 0), QSizeF(settings.outputSize()));
  core::Feedback never;  // the same layers were rendered to an image already; nothing to cancel
  p.save();
  p.translate(origin);
  p.setClipRect(frame, Qt::IntersectClip);
  // The ground (the background and the basemap layers at the bottom of the stack) as one
  // image at the map's resolution times kGroundScale: a district's ~15,000 building outlines as
  // vectors were 1.2 MB of path operators per map (10 MB for the briefing pack); what is drawn
  // on the ground stays vectors.
  std::size_t first = 0;
  while (first < layers.size() && (!layers[first] || isGround(layers[first].get()))) ++first;
  if (first > 0) {
    MapSettings scaled = settings;
    scaled.setOutputSize(settings.outputSize() * kGroundScale);
    scaled.setDpi(settings.dpi() * kGroundScale);
    QImage ground(scaled.outputSize(), QImage::Format_RGB32);
    ground.fill(settings.backgroundColour());
    QPainter gp(&ground);
    gp.setRenderHint(QPainter::Antialiasing);
    for (std::size_t i = 0; i < first; ++i) paintLayer(gp, scaled, *layers[i], never);
    gp.end();
    p.drawImage(frame, ground);
  } else {
    p.fillRect(frame, settings.backgroundColour());
  }
  for (std::size_t i = first; i < layers.size(); ++i)
    if (layers[i]) paintLayer(p, settings, *layers[i], never);
  p.restore();
}

}  // namespace ekm::render
