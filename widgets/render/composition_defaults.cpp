#include "render/composition_defaults.h"

#include <algorithm>

#include "render/export_legend.h"
#include "render/export_texts.h"
#include "render/small_count_layers.h"

namespace ekm::render {

void completeComposition(MapComposition& c, const std::string& projectPath, bool legend,
                         const LegendExtras& extraLegends) {
  // Exports never show a count under 10 (ekm/privacy/small_count.h): such cells and streets
  // are drawn as "no data".
  c.layers = withSmallCountsSuppressed(c.layers);
  const bool timed = std::any_of(c.layers.begin(), c.layers.end(), [](const auto& l) { return l && l->dependsOnHour(); });
  c.legend = legend ? exportLegend(c.layers, c.language, c.view.backgroundColour(), extraLegends) : std::vector<LegendGroup>{};
  c.period = timed ? periodShown(c.view.hour(), c.language) : QString();
  c.suppressionNote = timed ? suppressionNote(c.language) : QString();
  c.sources = projectPath.empty() ? QString() : projectAttribution(projectPath, c.language);
}

}  // namespace ekm::render
