#include "render/store_feature_values.h"

#include <algorithm>
#include <cmath>

#include "render/project_layers.h"

namespace ekm::render {

StoreSliceValues::StoreSliceValues(std::string path, const std::vector<std::int64_t>& fids, SliceReader reader,
                                   std::size_t cacheHours)
    : m_path(std::move(path)),
      m_count(fids.size()),
      m_reader(std::move(reader)),
      m_capacity(std::max<std::size_t>(1, cacheHours)) {
  m_indexOfFid.reserve(fids.size());
  for (std::size_t i = 0; i < fids.size(); ++i) m_indexOfFid.emplace(fids[i], i);
}

std::shared_ptr<const std::vector<double>> StoreSliceValues::valuesAt(core::HourKey hour, core::Feedback& feedback) const {
  {
    std::lock_guard lock(m_mutex);
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
      if (it->first == hour) {
        m_cache.splice(m_cache.begin(), m_cache, it);
        return m_cache.front().second;
      }
    }
  }
  if (feedback.isCancelled()) return nullptr;
  auto values = std::make_shared<std::vector<double>>(m_count, std::nan(""));
  for (const store::FeatureValue& fv : m_reader(threadLocalProject(m_path), hour)) {
    auto it = m_indexOfFid.find(fv.fid);
    if (it != m_indexOfFid.end()) (*values)[it->second] = fv.value;
  }
  std::shared_ptr<const std::vector<double>> result = std::move(values);
  std::lock_guard lock(m_mutex);
  m_cache.emplace_front(hour, result);
  while (m_cache.size() > m_capacity) m_cache.pop_back();
  return result;
}

std::shared_ptr<StoreSliceValues> storeSegmentCounts(std::string path, const std::vector<std::int64_t>& segmentFids,
                                                     store::TravelMode mode) {
  return std::make_shared<StoreSliceValues>(
      std::move(path), segmentFids,
      [mode](const store::Project& project, core::HourKey t) { return project.segmentCountSlice(t, mode); });
}

StoreStationRidership::StoreStationRidership(std::string path, std::vector<std::int64_t> stationFids,
                                             std::size_t cacheHours)
    : m_fids(std::move(stationFids)),
      m_totals(std::move(path), m_fids,
               [](const store::Project& project, core::HourKey t) { return project.stationRidershipSlice(t); },
               cacheHours) {}

std::shared_ptr<const std::vector<double>> StoreStationRidership::valuesAt(core::HourKey hour,
                                                                           core::Feedback& feedback) const {
  return m_totals.valuesAt(hour, feedback);
}

BoardingsAlightings StoreStationRidership::boardingsAlightingsAt(std::size_t index, core::HourKey hour,
                                                                 core::Feedback& feedback) const {
  if (index >= m_fids.size() || feedback.isCancelled()) return {};
  const auto series = threadLocalProject(m_totals.path()).stationRidershipSeries(m_fids[index], hour, hour);
  if (series.empty()) return {};
  return {series.front().first.value, series.front().second.value};
}

}  // namespace ekm::render
