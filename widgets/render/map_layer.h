#pragma once
// A map layer as the renderer sees it: an immutable snapshot, shared between the GUI thread
// and render jobs through std::shared_ptr<const MapLayer>. Changing a style means making a
// new snapshot (copy, modify): copies get a new revision, which keys the layer image cache.
// render() is const and must be safe to call from any thread; it polls the feedback's cancel
// flag in its loops and returns early (or throws core::CancelledError) when cancelled.
#include <QPainter>
#include <QString>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "render/legend.h"
#include "render/map_settings.h"

namespace ekm::render {

struct RenderContext {
  QPainter& painter;
  const MapSettings& settings;
  MapToPixel mapToPixel;
  Extent visibleExtent;
  core::Feedback& feedback;
  std::int64_t featuresDrawn = 0;  // statistics, for tests and benchmarks
};

// What a click or hover at a map point finds on a layer (identify, QGIS's "Identify features").
struct IdentifyResult {
  enum class FeatureKind { MeshCell, Segment, Station, Other };
  QString layerId;
  QString layerName;
  FeatureKind kind = FeatureKind::Other;
  std::int64_t fid = -1;      // store feature id (mesh_cells / road_segments / stations .fid)
  QString title;              // e.g. the mesh code, the street name, the station name
  double value = 0;           // the styled value at the map's hour; NaN when missing / none
  QString valueText;          // value formatted for a tooltip ("1,234 人 / people", "No data")
  std::vector<std::pair<QString, QString>> attributes;  // label -> text, for the Inspector
  // The feature's bounds in the display CRS (a point feature: zero width and height), for
  // "Zoom to Selection"; empty when unknown.
  Extent bounds = Extent::empty();
};

class MapLayer {
 public:
  MapLayer(QString id, QString name) : m_id(std::move(id)), m_name(std::move(name)), m_revision(nextRevision()) {}
  MapLayer(const MapLayer& o) : m_id(o.m_id), m_name(o.m_name), m_opacity(o.m_opacity), m_revision(nextRevision()) {}
  MapLayer& operator=(const MapLayer&) = delete;
  virtual ~MapLayer() = default;

  const QString& id() const { return m_id; }
  const QString& name() const { return m_name; }
  double opacity() const { return m_opacity; }
  void setOpacity(double opacity) { m_opacity = opacity; }
  // Unique per snapshot (process-wide): two snapshots with the same revision draw the same.
  std::uint64_t revision() const { return m_revision; }

  // True when the picture depends on MapSettings::hour().
  virtual bool dependsOnHour() const { return false; }
  virtual Extent extent() const = 0;
  virtual void render(RenderContext& context) const = 0;

  // The feature at a map point (display CRS) at the settings' hour and scale, or nullopt.
  // Thread-safe like render(); may read the store (values at the hour). Default: nothing.
  virtual std::optional<IdentifyResult> identify(QPointF mapPoint, const MapSettings& settings,
                                                 core::Feedback& feedback) const {
    (void)mapPoint, (void)settings, (void)feedback;
    return std::nullopt;
  }
  // The legend groups that describe exactly this layer's style (empty: not in the legend).
  virtual std::vector<LegendGroup> legendGroups() const { return {}; }

 private:
  static std::uint64_t nextRevision() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
  }
  QString m_id;
  QString m_name;
  double m_opacity = 1.0;
  std::uint64_t m_revision;
};

using LayerList = std::vector<std::shared_ptr<const MapLayer>>;

}  // namespace ekm::render
