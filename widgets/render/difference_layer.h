#pragma once
// A static value per mesh cell drawn with a diverging ramp centred on zero: the comparison
// layer (period B - period A, absolute or percent) and any other signed map (e.g. a forecast
// minus the same hour last week). Values are fixed at construction (not hour-dependent);
// NaN cells are drawn hatched grey like missing population.
#include <memory>
#include <vector>

#include "render/diverging_ramp.h"
#include "render/mesh_population_layer.h"

namespace ekm::render {

class DifferenceLayer : public MapLayer {
 public:
  // values: parallel to geometry (NaN = missing).
  DifferenceLayer(QString id, QString name, std::shared_ptr<const MeshGeometry> geometry,
                  std::shared_ptr<const std::vector<double>> values, DivergingRamp ramp);

  const std::shared_ptr<const MeshGeometry>& geometry() const { return m_geometry; }
  const std::shared_ptr<const std::vector<double>>& values() const { return m_values; }
  const DivergingRamp& ramp() const { return m_ramp; }

  Extent extent() const override { return m_geometry ? m_geometry->extent : Extent(); }
  void render(RenderContext& context) const override;

 private:
  std::shared_ptr<const MeshGeometry> m_geometry;
  std::shared_ptr<const std::vector<double>> m_values;
  DivergingRamp m_ramp;
};

}  // namespace ekm::render
