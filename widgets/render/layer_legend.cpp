#include "render/layer_legend.h"

#include <algorithm>
#include <iterator>

namespace ekm::render {

namespace {
// Classes, ramps and graduated bubbles: groups that show the data.
bool isThematic(const LegendGroup& g) {
  return std::any_of(g.items.begin(), g.items.end(), [](const LegendItem& i) {
    using K = LegendItem::Kind;
    return i.kind == K::Range || i.kind == K::Ramp || i.kind == K::Bubble;
  });
}
}  // namespace

std::vector<LegendGroup> collectLegend(const LayerList& layers, const LegendExtras& extra, const LegendAdjust& adjust) {
  std::vector<LegendGroup> thematic, other;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    const MapLayer& layer = **it;
    std::vector<LegendGroup> groups = layer.legendGroups();
    if (groups.empty())
      if (auto e = extra.find(layer.id()); e != extra.end()) groups = *e;
    if (adjust) adjust(layer, groups);
    for (auto& g : groups) (isThematic(g) ? thematic : other).push_back(std::move(g));
  }
  thematic.insert(thematic.end(), std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
  return thematic;
}

}  // namespace ekm::render
