#pragma once
// The composition of a map export request (map_export.h) from project layers already loaded:
// what exportMap writes, and what the GUI's layout dialog previews from the window's layers
// while the user edits the layout (off the GUI thread).
#include <QImage>

#include "ekm/core/feedback.h"
#include "render/map_composition.h"
#include "render/map_export.h"
#include "render/project_layers.h"

namespace ekm::render {

// Chooses the layers, extent, size, texts and legend (reads the project's attribution from
// request.projectPath). Throws core::Error (Usage) for a bad language, size, paper, layer or
// extent.
MapComposition composeMapExport(const ProjectLayers& project, const MapExportRequest& request);
// The composition drawn as the PNG export would be, scaled down to `longSidePx` on its longer
// side (the layout scales with the page, so the preview shows the page as printed).
QImage mapExportPreview(const ProjectLayers& project, const MapExportRequest& request, int longSidePx,
                        core::Feedback& feedback);

}  // namespace ekm::render
