#pragma once
// Paints a list of layer snapshots into a QImage. Usable from any thread (QImage + QPainter,
// never QPixmap). Each layer is drawn into its own transparent image, which is then composed
// over the background with the layer's opacity; an optional LayerImageCache keeps layer
// images so that, e.g., moving the time slider redraws only the layers that depend on the
// hour. The caller's Feedback cancels the job: layers poll it, and the result says so.
#include <QImage>
#include <QStringList>
#include <cstdint>
#include <list>
#include <mutex>

#include "ekm/core/feedback.h"
#include "render/map_layer.h"

namespace ekm::render {

// Thread-safe cache of per-layer images, shared by successive jobs of one canvas; the least
// recently used image is evicted first.
class LayerImageCache {
 public:
  explicit LayerImageCache(std::size_t capacity = 8) : m_capacity(capacity) {}
  bool find(const MapLayer& layer, const MapSettings& settings, QImage& image) const;
  void insert(const MapLayer& layer, const MapSettings& settings, const QImage& image);
  void clear();
  std::size_t size() const;

 private:
  struct Entry {
    std::uint64_t revision;
    MapSettings settings;  // hour normalised to 0 for hour-independent layers
    QImage image;
  };
  static MapSettings keyOf(const MapLayer& layer, const MapSettings& settings);
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  mutable std::list<Entry> m_entries;  // most recently used at the front
};

struct RenderResult {
  QImage image;            // ARGB32_Premultiplied, settings.outputSize(); null if cancelled
  MapSettings settings;    // what was rendered
  bool cancelled = false;
  QStringList errors;      // per-layer failures (the other layers are still drawn)
  double elapsedMs = 0;
  int layersFromCache = 0;
  std::int64_t featuresDrawn = 0;
};

class MapRenderer {
 public:
  static RenderResult render(const MapSettings& settings, const LayerList& layers, core::Feedback& feedback,
                             LayerImageCache* cache = nullptr);
  // One layer into a transparent image; returns false if cancelled.
  static bool renderLayer(const MapLayer& layer, const MapSettings& settings, core::Feedback& feedback,
                          QImage& image, std::int64_t* featuresDrawn = nullptr);
};

}  // namespace ekm::render
