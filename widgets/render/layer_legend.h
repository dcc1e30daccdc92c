#pragma once
// The legend of a layer list, as the legend dock and map exports show it: the layers' own
// groups, topmost layer first, the thematic groups (classes, ramps, graduated bubbles) before
// the others.
#include <QHash>
#include <QString>
#include <functional>
#include <vector>

#include "render/legend.h"
#include "render/map_layer.h"

namespace ekm::render {

using LegendExtras = QHash<QString, std::vector<LegendGroup>>;  // by layer id
using LegendAdjust = std::function<void(const MapLayer& layer, std::vector<LegendGroup>& groups)>;

// extra: the groups of layers that do not describe themselves; adjust: applied to each
// layer's groups before ordering (e.g. to change their language).
std::vector<LegendGroup> collectLegend(const LayerList& layers, const LegendExtras& extra = {},
                                       const LegendAdjust& adjust = {});

}  // namespace ekm::render
