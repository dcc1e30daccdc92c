#pragma once
// New snapshots of a layer with another opacity or graduated style. Layers are immutable
// (render::MapLayer), so a change copies the concrete layer (dynamic_cast to each known type,
// since MapLayer has no virtual clone) and modifies the copy, which gets a new revision.
#include <memory>
#include <optional>

#include "render/classification.h"
#include "render/map_layer.h"

namespace ekm::widgets {

// A mutable copy of the layer (new revision), or null when its concrete type is not known here.
std::shared_ptr<render::MapLayer> cloneLayer(const render::MapLayer& layer);

// The graduated style of a layer that draws its features with one (mesh population), else nullopt.
std::optional<render::GraduatedStyle> graduatedStyleOf(const render::MapLayer& layer);

// A copy with another opacity (0..1, clamped); a graduated style's opacity follows. Null when
// the layer cannot be copied.
std::shared_ptr<const render::MapLayer> withOpacity(const render::MapLayer& layer, double opacity);

// A copy with another graduated style; the layer's opacity becomes style.opacity. Null when the
// layer has no graduated style.
std::shared_ptr<const render::MapLayer> withGraduatedStyle(const render::MapLayer& layer,
                                                           const render::GraduatedStyle& style);

}  // namespace ekm::widgets
