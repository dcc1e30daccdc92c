#pragma once
// Feature values read from a project file's time series at an hour: segment counts (one
// travel mode) and station ridership. Each render thread reads through its own connection
// (threadLocalProject); an LRU cache of recent hours makes scrubbing back and forth cheap.
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ekm/store/project.h"
#include "render/feature_values.h"

namespace ekm::render {

// Values of features given by their store fids (index i = fids[i]) from one slice per hour.
class StoreSliceValues : public FeatureValueSource {
 public:
  using SliceReader = std::function<std::vector<store::FeatureValue>(const store::Project&, core::HourKey)>;
  StoreSliceValues(std::string path, const std::vector<std::int64_t>& fids, SliceReader reader,
                   std::size_t cacheHours = 64);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;
  const std::string& path() const { return m_path; }
  std::size_t featureCount() const { return m_count; }

 private:
  std::string m_path;
  std::size_t m_count;
  std::unordered_map<std::int64_t, std::size_t> m_indexOfFid;
  SliceReader m_reader;
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  mutable std::list<std::pair<core::HourKey, std::shared_ptr<const std::vector<double>>>> m_cache;
};

// Counts on road segments (sum over directions) for one travel mode.
std::shared_ptr<StoreSliceValues> storeSegmentCounts(std::string path, const std::vector<std::int64_t>& segmentFids,
                                                     store::TravelMode mode);

// Boardings + alightings per station; the split per station from the series table.
class StoreStationRidership : public StationRidershipSource {
 public:
  StoreStationRidership(std::string path, std::vector<std::int64_t> stationFids, std::size_t cacheHours = 64);
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& feedback) const override;
  BoardingsAlightings boardingsAlightingsAt(std::size_t index, core::HourKey hour, core::Feedback& feedback) const override;

 private:
  std::vector<std::int64_t> m_fids;
  StoreSliceValues m_totals;
};

}  // namespace ekm::render
