#pragma once
// New snapshots of a layer with another opacity or graduated style. Layers are immutable
// (render::MapLayer), so a change copies the concrete layer (dynamic_cast to each known type,
// since MapLayer has no virtual clone) and modifies the copy, which gets a new revision; a
// layer of another type gets its opacity through a thin wrapper instead.
#include <memory>
#include <optional>

#include "render/classification.h"
#include "render/map_layer.h"

namespace ekm::widgets {

// A mutable copy of the layer (new revision), or null when its concrete type is not known here.
std::shared_ptr<render::MapLayer> cloneLayer(const render::MapLayer& layer);

// The graduated style of a layer that draws its features with one (mesh population), else nullopt.
std::optional<render::GraduatedStyle> graduatedStyleOf(const render::MapLayer& layer);

// A layer of a type not known here drawn with another opacity: it delegates everything else to
// the layer it wraps (same id, name, extent, picture, identify and legend).
class OpacityOverrideLayer : public render::MapLayer {
 public:
  OpacityOverrideLayer(std::shared_ptr<const render::MapLayer> inner, double opacity);
  const std::shared_ptr<const render::MapLayer>& inner() const { return m_inner; }

  bool dependsOnHour() const override { return m_inner->dependsOnHour(); }
  render::Extent extent() const override { return m_inner->extent(); }
  void render(render::RenderContext& context) const override { m_inner->render(context); }
  std::optional<render::IdentifyResult> identify(QPointF mapPoint, const render::MapSettings& settings,
                                                 core::Feedback& feedback) const override {
    return m_inner->identify(mapPoint, settings, feedback);
  }
  std::vector<render::LegendGroup> legendGroups() const override { return m_inner->legendGroups(); }

 private:
  std::shared_ptr<const render::MapLayer> m_inner;
};

// A snapshot with another opacity (0..1, clamped): a copy for the known types (a graduated
// style's opacity follows), else an OpacityOverrideLayer around it. Null for a null layer.
std::shared_ptr<const render::MapLayer> withOpacity(const std::shared_ptr<const render::MapLayer>& layer,
                                                    double opacity);

// A copy with another graduated style; the layer's opacity becomes style.opacity. Null when the
// layer has no graduated style.
std::shared_ptr<const render::MapLayer> withGraduatedStyle(const render::MapLayer& layer,
                                                           const render::GraduatedStyle& style);

}  // namespace ekm::widgets
