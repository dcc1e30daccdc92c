#include "render/map_renderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <exception>

#include "ekm/core/error.h"

namespace ekm::render {

MapSettings LayerImageCache::keyOf(const MapLayer& layer, const MapSettings& settings) {
  MapSettings key = settings;
  if (!layer.dependsOnHour()) key.setHour(0);
  return key;
}

bool LayerImageCache::find(const MapLayer& layer, const MapSettings& settings, QImage& image) const {
  const MapSettings key = keyOf(layer, settings);
  std::lock_guard lock(m_mutex);
  for (const Entry& e : m_entries) {
    if (e.revision == layer.revision() && e.settings == key) {
      image = e.image;
      return true;
    }
  }
  return false;
}

void LayerImageCache::insert(const MapLayer& layer, const MapSettings& settings, const QImage& image) {
  Entry entry{layer.revision(), keyOf(layer, settings), image};
  std::lock_guard lock(m_mutex);
  m_entries.push_front(std::move(entry));
  while (m_entries.size() > m_capacity) m_entries.pop_back();
}

void LayerImageCache::clear() {
  std::lock_guard lock(m_mutex);
  m_entries.clear();
}

std::size_t LayerImageCache::size() const {
  std::lock_guard lock(m_mutex);
  return m_entries.size();
}

bool MapRenderer::renderLayer(const MapLayer& layer, const MapSettings& settings, core::Feedback& feedback,
                              QImage& image, std::int64_t* featuresDrawn) {
  image = QImage(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  RenderContext ctx{painter, settings, settings.mapToPixel(), settings.visibleExtent(), feedback};
  layer.render(ctx);
  painter.end();
  if (featuresDrawn) *featuresDrawn += ctx.featuresDrawn;
  return !feedback.isCancelled();
}

RenderResult MapRenderer::render(const MapSettings& settings, const LayerList& layers, core::Feedback& feedback,
                                 LayerImageCache* cache) {
  QElapsedTimer timer;
  timer.start();
  RenderResult result;
  result.settings = settings;
  if (!settings.hasValidSettings()) {
    result.errors << QCoreApplication::translate("ekm::render::MapRenderer", "Nothing to render: empty extent or size");
    return result;
  }
  QImage out(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
  out.fill(settings.backgroundColour());
  QPainter composer(&out);
  const int count = static_cast<int>(layers.size());
  for (int i = 0; i < count; ++i) {
    const MapLayer* layer = layers[i].get();
    if (!layer) continue;
    if (feedback.isCancelled()) break;
    QImage layerImage;
    bool fromCache = cache && cache->find(*layer, settings, layerImage);
    if (fromCache) {
      ++result.layersFromCache;
    } else {
      try {
        if (!renderLayer(*layer, settings, feedback, layerImage, &result.featuresDrawn)) break;
      } catch (const core::CancelledError&) {
        break;
      } catch (const std::exception& e) {
        result.errors << QStringLiteral("%1: %2").arg(layer->name(), QString::fromUtf8(e.what()));
        continue;
      }
      if (cache) cache->insert(*layer, settings, layerImage);
    }
    composer.setOpacity(layer->opacity());
    composer.drawImage(0, 0, layerImage);
    feedback.setProgress(100.0 * (i + 1) / count);
  }
  composer.end();
  result.cancelled = feedback.isCancelled();
  if (!result.cancelled) result.image = std::move(out);
  result.elapsedMs = timer.nsecsElapsed() / 1e6;
  return result;
}

}  // namespace ekm::render
