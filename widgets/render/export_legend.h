#pragma once
// The legend of a map export, built from the layers' own legends: topmost layer first, the
// default stack's titles and terms in the export's language (whatever the UI language is),
// class colours as they appear on the map (composed with the layer's opacity over the
// background), so the GUI and the CLI draw the same legend for the same layers.
#include <QColor>
#include <vector>

#include "render/layer_legend.h"

namespace ekm::render {

// extra: legend groups of layers that do not describe themselves, by layer id.
std::vector<LegendGroup> exportLegend(const LayerList& layers, LabelLanguage language, QColor background,
                                      const LegendExtras& extra = {});

}  // namespace ekm::render
