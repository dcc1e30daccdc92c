#pragma once
// Paints map layers straight onto a painter, so a PDF gets the layers' own vectors: the
// ground (the background and the basemap layers at the bottom of the stack) as one image,
// then each other layer with its opacity, clipped to the map.
#include <QPainter>
#include <QPointF>

#include "render/map_layer.h"

namespace ekm::render {

// `settings.outputSize()` pixels with the top-left at `origin` (painter units). A layer that
// throws is left out (the caller has rendered the same layers to an image before and knows).
void paintLayers(QPainter& painter, QPointF origin, const MapSettings& settings, const LayerList& layers);

}  // namespace ekm::render
