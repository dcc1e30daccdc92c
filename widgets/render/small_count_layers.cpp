#include "render/small_count_layers.h"

#include <limits>

#include "ekm/privacy/small_count.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"

namespace ekm::render {

std::vector<double> suppressSmallCounts(std::vector<double> values) {
  for (double& v : values)
    if (privacy::isSuppressed(v)) v = std::numeric_limits<double>::quiet_NaN();
  return values;
}

std::shared_ptr<const std::vector<double>> SuppressedValues::valuesAt(core::HourKey hour, core::Feedback& feedback) const {
  const auto values = m_inner ? m_inner->valuesAt(hour, feedback) : nullptr;
  if (!values) return values;
  return std::make_shared<const std::vector<double>>(suppressSmallCounts(*values));
}

LayerList withSmallCountsSuppressed(const LayerList& layers) {
  LayerList out;
  for (const auto& layer : layers) {
    std::shared_ptr<MapLayer> copy;
    if (const auto* mesh = dynamic_cast<const MeshPopulationLayer*>(layer.get()); mesh && mesh->values()) {
      if (dynamic_cast<const SuppressedValues*>(mesh->values().get())) {
        out.push_back(layer);
        continue;
      }
      copy = std::make_shared<MeshPopulationLayer>(mesh->id(), mesh->name(), mesh->geometry(),
                                                   std::make_shared<SuppressedValues>(mesh->values()), mesh->style());
    } else if (const auto* roads = dynamic_cast<const RoadSegmentsLayer*>(layer.get()); roads && roads->styledByValue()) {
      if (dynamic_cast<const SuppressedValues*>(roads->values().get())) {
        out.push_back(layer);
        continue;
      }
      copy = std::make_shared<RoadSegmentsLayer>(roads->id(), roads->name(), roads->geometry(),
                                                 std::make_shared<SuppressedValues>(roads->values()), roads->valueStyle());
    }
    if (!copy) {
      out.push_back(layer);
      continue;
    }
    copy->setOpacity(layer->opacity());
    out.push_back(copy);
  }
  return out;
}

}  // namespace ekm::render
