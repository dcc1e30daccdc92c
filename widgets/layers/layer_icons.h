#pragma once
// Small pictures for the Layers dock and the style dialog: a colour ramp as a gradient strip,
// a set of class colours as adjacent blocks, and a layer's icon from its own style.
#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QSize>
#include <vector>

#include "render/colour_ramp.h"
#include "render/map_layer.h"

namespace ekm::widgets {

QPixmap rampPixmap(const render::ColourRamp& ramp, QSize size);
QPixmap swatchPixmap(const std::vector<QColor>& colours, QSize size);
// The "no data" swatch: fill with a diagonal hatch, as the map and the legend draw it.
QPixmap missingPixmap(const QColor& fill, const QColor& hatch, QSize size);
// The class colours of the layer's graduated style, else the colours of its legend items;
// an empty icon when it has neither.
QIcon layerIcon(const render::MapLayer& layer, QSize size = QSize(28, 14));

}  // namespace ekm::widgets
