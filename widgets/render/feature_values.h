#pragma once
// Values of the features of a layer at an hour, parallel to the layer's geometry (index i is
// feature i): segment counts, station ridership, heatmap weights. The contract is the mesh
// layer's (MeshValueSource): thread-safe, called from render jobs, NaN = missing.
#include <cstddef>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "render/mesh_population_layer.h"

namespace ekm::render {

using FeatureValueSource = MeshValueSource;
using InMemoryFeatureValues = InMemoryMeshValues;

struct BoardingsAlightings {
  double boardings = std::numeric_limits<double>::quiet_NaN();
  double alightings = std::numeric_limits<double>::quiet_NaN();
  // boardings + alightings; a missing side counts as 0, NaN when both are missing (as the store).
  double total() const;
};

// Station ridership: valuesAt() gives boardings + alightings per station; the split is read
// on demand for one station (identify, inspector).
class StationRidershipSource : public FeatureValueSource {
 public:
  virtual BoardingsAlightings boardingsAlightingsAt(std::size_t index, core::HourKey hour,
                                                    core::Feedback& feedback) const = 0;
};

// Ridership held in memory, hour by hour (tests, computed scenarios).
class InMemoryStationRidership : public StationRidershipSource {
 public:
  explicit InMemoryStationRidership(std::size_t stationCount) : m_count(stationCount) {}
  void setValues(core::HourKey hour, std::vector<BoardingsAlightings> values);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;
  BoardingsAlightings boardingsAlightingsAt(std::size_t index, core::HourKey hour, core::Feedback& feedback) const override;

 private:
  std::size_t m_count;
  mutable std::mutex m_mutex;
  std::map<core::HourKey, std::vector<BoardingsAlightings>> m_values;
};

}  // namespace ekm::render
