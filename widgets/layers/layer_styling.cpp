#include "layers/layer_styling.h"

#include <algorithm>

#include "render/basemap_layer.h"
#include "render/coverage_layers.h"
#include "render/difference_layer.h"
#include "render/heatmap_layer.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

namespace ekm::widgets {

namespace {

template <typename Concrete>
std::shared_ptr<render::MapLayer> copyAs(const render::MapLayer& layer) {
  if (const auto* concrete = dynamic_cast<const Concrete*>(&layer)) return std::make_shared<Concrete>(*concrete);
  return nullptr;
}

}  // namespace

std::shared_ptr<render::MapLayer> cloneLayer(const render::MapLayer& layer) {
  // Subclasses first: a copy as the base would lose their legends and identify texts.
  if (auto copy = copyAs<render::GapReasonsLayer>(layer)) return copy;
  if (auto copy = copyAs<render::StopReachLayer>(layer)) return copy;
  if (auto copy = copyAs<render::CoverageGapsLayer>(layer)) return copy;
  if (auto copy = copyAs<render::MeshPopulationLayer>(layer)) return copy;
  if (auto copy = copyAs<render::DifferenceLayer>(layer)) return copy;
  if (auto copy = copyAs<render::RoadSegmentsLayer>(layer)) return copy;
  if (auto copy = copyAs<render::StationsLayer>(layer)) return copy;
  if (auto copy = copyAs<render::HeatmapLayer>(layer)) return copy;
  if (auto copy = copyAs<render::BasemapLayer>(layer)) return copy;
  return nullptr;
}

std::optional<render::GraduatedStyle> graduatedStyleOf(const render::MapLayer& layer) {
  if (const auto* mesh = dynamic_cast<const render::MeshPopulationLayer*>(&layer)) return mesh->style();
  return std::nullopt;
}

OpacityOverrideLayer::OpacityOverrideLayer(std::shared_ptr<const render::MapLayer> inner, double opacity)
    : render::MapLayer(inner->id(), inner->name()), m_inner(std::move(inner)) {
  setOpacity(std::clamp(opacity, 0.0, 1.0));
}

std::shared_ptr<const render::MapLayer> withOpacity(const std::shared_ptr<const render::MapLayer>& layer,
                                                    double opacity) {
  if (!layer) return nullptr;
  opacity = std::clamp(opacity, 0.0, 1.0);
  if (const auto* proxy = dynamic_cast<const OpacityOverrideLayer*>(layer.get()))
    return std::make_shared<OpacityOverrideLayer>(proxy->inner(), opacity);
  std::shared_ptr<render::MapLayer> copy = cloneLayer(*layer);
  if (!copy) return std::make_shared<OpacityOverrideLayer>(layer, opacity);
  copy->setOpacity(opacity);
  if (auto* mesh = dynamic_cast<render::MeshPopulationLayer*>(copy.get())) {
    render::GraduatedStyle style = mesh->style();
    style.opacity = opacity;
    mesh->setStyle(std::move(style));
  }
  return copy;
}

std::shared_ptr<const render::MapLayer> withGraduatedStyle(const render::MapLayer& layer,
                                                           const render::GraduatedStyle& style) {
  if (dynamic_cast<const render::MeshPopulationLayer*>(&layer)) {
    auto copy = std::static_pointer_cast<render::MeshPopulationLayer>(cloneLayer(layer));
    copy->setStyle(style);
    copy->setOpacity(std::clamp(style.opacity, 0.0, 1.0));
    return copy;
  }
  return nullptr;
}

}  // namespace ekm::widgets
