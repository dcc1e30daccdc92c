#include "render/map_renderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <deque>
#include <exception>
#include <mutex>

#include "ekm/core/error.h"
#include "ekm/core/error_messages.h"

namespace ekm::render {

namespace {

// Recycles image buffers: a fresh 8 MB image per frame costs thousands of page faults (the
// allocator returns big blocks to the kernel), more than drawing 40,000 cells. The pool
// keeps a reference to the last images the renderer produced; one that nobody else holds
// any more (dropped by the canvas, evicted from the layer cache) is handed out again.
// Extra memory: at most kTracked idle images.
class ImageBufferPool {
 public:
  static ImageBufferPool& instance() {
    static ImageBufferPool pool;
    return pool;
  }
  // A writable, unshared image of this size (contents undefined).
  QImage acquire(QSize size) {
    {
      std::lock_guard lock(m_mutex);
      for (auto it = m_tracked.begin(); it != m_tracked.end(); ++it) {
        if (it->size() == size && it->isDetached()) {
          QImage image = std::move(*it);
          m_tracked.erase(it);
          return image;
        }
      }
    }
    return QImage(size, QImage::Format_ARGB32_Premultiplied);
  }
  // Remembers a finished image (shared, not copied) for reuse once it is released elsewhere.
  void track(const QImage& image) {
    if (image.isNull() || image.format() != QImage::Format_ARGB32_Premultiplied) return;
    std::lock_guard lock(m_mutex);
    for (const QImage& t : m_tracked)
      if (t.constBits() == image.constBits()) return;
    m_tracked.push_front(image);
    while (m_tracked.size() > kTracked) m_tracked.pop_back();
  }

 private:
  static constexpr std::size_t kTracked = 3;
  std::mutex m_mutex;
  std::deque<QImage> m_tracked;  // most recent first
};

}  // namespace

MapSettings LayerImageCache::keyOf(const MapLayer& layer, const MapSettings& settings) {
  MapSettings key = settings;
  if (!layer.dependsOnHour()) key.setHour(0);
  return key;
}

bool LayerImageCache::find(const MapLayer& layer, const MapSettings& settings, QImage& image) const {
  const MapSettings key = keyOf(layer, settings);
  std::lock_guard lock(m_mutex);
  for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
    if (it->revision == layer.revision() && it->settings == key) {
      image = it->image;
      // Least recently used goes first: the hour-independent layers, found at every frame
      // while the time slider moves, stay while old hours of the mesh layer are evicted.
      if (it != m_entries.begin()) m_entries.splice(m_entries.begin(), m_entries, it);
      return true;
    }
  }
  return false;
}

void LayerImageCache::insert(const MapLayer& layer, const MapSettings& settings, const QImage& image) {
  Entry entry{layer.revision(), keyOf(layer, settings), image};
  std::lock_guard lock(m_mutex);
  m_entries.push_front(std::move(entry));
  while (m_entries.size() > m_capacity) {
    ImageBufferPool::instance().track(m_entries.back().image);  // reusable once nobody shows it
    m_entries.pop_back();
  }
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
  image = ImageBufferPool::instance().acquire(settings.outputSize());
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
  QImage out = ImageBufferPool::instance().acquire(settings.outputSize());
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
      } catch (const core::Error& e) {
        // In the labels' language (the GUI shows Japanese labels when its UI is Japanese).
        const auto language = settings.labelLanguage() == LabelLanguage::Japanese ? core::Language::Japanese
                                                                                : core::Language::English;
        result.errors << QStringLiteral("%1: %2").arg(layer->name(), QString::fromStdString(core::renderError(e, language)));
        continue;
      } catch (const std::exception& e) {
        result.errors << QStringLiteral("%1: %2").arg(layer->name(), QString::fromUtf8(e.what()));
        continue;
      }
      if (cache) cache->insert(*layer, settings, layerImage);
    }
    composer.setOpacity(layer->opacity());
    composer.drawImage(0, 0, layerImage);
    ImageBufferPool::instance().track(layerImage);
    feedback.setProgress(100.0 * (i + 1) / count);
  }
  composer.end();
  result.cancelled = feedback.isCancelled();
  if (!result.cancelled) {
    ImageBufferPool::instance().track(out);
    result.image = std::move(out);
  }
  result.elapsedMs = timer.nsecsElapsed() / 1e6;
  return result;
}

}  // namespace ekm::render
