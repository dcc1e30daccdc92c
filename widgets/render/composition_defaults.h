#pragma once
// The parts every export has in common, filled the same way for the GUI and the CLI: the
// legend of the layers, the period shown and the suppression note (when a layer shows data
// at an hour), and the sources of the project, all in the composition's language. A
// population layer with the project's default classes is classified on the hour shown
// (5 natural-breaks classes, rounded; the legend says so).
#include <string>

#include "render/layer_legend.h"
#include "render/map_composition.h"

namespace ekm::render {

// Reads the project's attribution (call it off the GUI thread). legend: draw a legend box.
// projectPopulationBreaks: the project's default population classes (ProjectLayers::
// meshBreaks); a population layer drawn with them is classified on the hour shown instead.
void completeComposition(MapComposition& composition, const std::string& projectPath, bool legend,
                         const LegendExtras& extraLegends = {}, const ClassBreaks* projectPopulationBreaks = nullptr);

}  // namespace ekm::render
