#pragma once
// Mesh or street values that do not change with the map's hour (a stored result, a distance).
#include <memory>
#include <vector>

#include "render/mesh_population_layer.h"

namespace ekm::render {

class StaticMeshValues : public MeshValueSource {
 public:
  explicit StaticMeshValues(std::vector<double> values)
      : m_values(std::make_shared<const std::vector<double>>(std::move(values))) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey, core::Feedback&) const override { return m_values; }

 private:
  std::shared_ptr<const std::vector<double>> m_values;
};

}  // namespace ekm::render
