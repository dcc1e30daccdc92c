#include "render/feature_values.h"

#include <cmath>

namespace ekm::render {

double BoardingsAlightings::total() const {
  if (std::isnan(boardings) && std::isnan(alightings)) return std::numeric_limits<double>::quiet_NaN();
  return (std::isnan(boardings) ? 0 : boardings) + (std::isnan(alightings) ? 0 : alightings);
}

void InMemoryStationRidership::setValues(core::HourKey hour, std::vector<BoardingsAlightings> values) {
  values.resize(m_count);
  std::lock_guard lock(m_mutex);
  m_values[hour] = std::move(values);
}

std::shared_ptr<const std::vector<double>> InMemoryStationRidership::valuesAt(core::HourKey hour, core::Feedback&) const {
  auto out = std::make_shared<std::vector<double>>(m_count, std::numeric_limits<double>::quiet_NaN());
  std::lock_guard lock(m_mutex);
  auto it = m_values.find(hour);
  if (it != m_values.end())
    for (std::size_t i = 0; i < m_count; ++i) (*out)[i] = it->second[i].total();
  return out;
}

BoardingsAlightings InMemoryStationRidership::boardingsAlightingsAt(std::size_t index, core::HourKey hour,
                                                                    core::Feedback&) const {
  std::lock_guard lock(m_mutex);
  auto it = m_values.find(hour);
  if (it == m_values.end() || index >= it->second.size()) return {};
  return it->second[index];
}

}  // namespace ekm::render
