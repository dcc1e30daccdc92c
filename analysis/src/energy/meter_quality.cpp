#include "ekm/energy/meter_quality.h"

#include <cmath>

namespace ekm::energy {

std::size_t zeroRunsToMissing(HourlySeries& s, std::size_t minHours) {
  std::size_t changed = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s.values[i] != 0.0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s.values[j] == 0.0) ++j;
    if (j - i >= minHours) {
      for (std::size_t k = i; k < j; ++k) s.values[k] = kMissing;
      changed += j - i;
    }
    i = j;
  }
  return changed;
}

namespace {

// Mean over [from, from + hours) and its share of present hours.
std::pair<double, double> windowMean(const HourlySeries& s, core::HourKey from, std::int64_t hours) {
  double sum = 0;
  std::int64_t n = 0;
  for (core::HourKey t = from; t < from + hours; ++t) {
    const double v = s.at(t);
    if (isMissing(v)) continue;
    sum += v;
    ++n;
  }
  return {n ? sum / static_cast<double>(n) : kMissing, static_cast<double>(n) / static_cast<double>(hours)};
}

}  // namespace

std::vector<MeterChange> findMeterChanges(const HourlySeries& s, std::int64_t minGapHours, int windowDays,
                                          double factor) {
  std::vector<MeterChange> out;
  const std::int64_t window = static_cast<std::int64_t>(windowDays) * 24;
  constexpr std::int64_t kYear = 364 * 24;  // whole weeks: the same weekdays a year away
  for (std::size_t i = 0; i < s.size();) {
    if (!isMissing(s.values[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && isMissing(s.values[j])) ++j;
    const core::HourKey from = s.start + static_cast<core::HourKey>(i), to = s.start + static_cast<core::HourKey>(j);
    i = j;
    if (to - from < minGapHours || from == s.start || i == s.size()) continue;
    // After the gap against the same weeks a year earlier; else the weeks before the gap
    // against the same weeks a year later. Either pair straddles the gap within one season.
    double ratio = kMissing;
    const auto [after, afterShare] = windowMean(s, to, window);
    const auto [yearBefore, yearBeforeShare] = windowMean(s, to - kYear, window);
    if (afterShare >= 0.5 && yearBeforeShare >= 0.5 && yearBefore > 0 && to - kYear + window <= from) {
      ratio = after / yearBefore;
    } else {
      const auto [before, beforeShare] = windowMean(s, from - window, window);
      const auto [yearAfter, yearAfterShare] = windowMean(s, from - window + kYear, window);
      if (beforeShare >= 0.5 && yearAfterShare >= 0.5 && before > 0 && from - window + kYear >= to)
        ratio = yearAfter / before;
    }
    if (std::isnan(ratio)) continue;
    if (ratio > factor || ratio < 1.0 / factor) out.push_back({from, to, ratio});
  }
  return out;
}

}  // namespace ekm::energy
