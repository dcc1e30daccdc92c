#include "render/vector_map.h"

#include <exception>

namespace ekm::render {

void paintLayers(QPainter& p, QPointF origin, const MapSettings& settings, const LayerList& layers) {
  const QRectF frame(QPointF(0, 0), QSizeF(settings.outputSize()));
  core::Feedback never;  // the same layers were rendered to an image already; nothing to cancel
  p.save();
  p.translate(origin);
  p.setClipRect(frame, Qt::IntersectClip);
  p.fillRect(frame, settings.backgroundColour());
  for (const auto& layer : layers) {
    if (!layer) continue;
    p.save();
    p.setOpacity(layer->opacity());
    RenderContext ctx{p, settings, settings.mapToPixel(), settings.visibleExtent(), never};
    try {
      layer->render(ctx);
    } catch (const std::exception&) {
      // Reported by the raster render of the same layers.
    }
    p.restore();
  }
  p.restore();
}

}  // namespace ekm::render
