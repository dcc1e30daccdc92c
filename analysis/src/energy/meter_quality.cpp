#include "ekm/energy/meter_quality.h"

#include <algorithm>
#include <cmath>

namespace ekm::energy {

namespace {

// Runs of exact zeros [a, b) (indices) of at least minHours.
std::vector<std::pair<std::size_t, std::size_t>> zeroRuns(const HourlySeries& s, std::size_t minHours) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s.values[i] != 0.0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s.values[j] == 0.0) ++j;
    if (j - i >= minHours) out.emplace_back(i, j);
    i = j;
  }
  return out;
}

}  // namespace

std::size_t zeroRunsToMissing(HourlySeries& s, std::size_t minHours) {
  std::size_t changed = 0;
  for (const auto& [a, b] : zeroRuns(s, minHours)) {
    for (std::size_t k = a; k < b; ++k) s.values[k] = kMissing;
    changed += b - a;
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

std::vector<OutageHours> crossMeterOutagesToMissing(const std::vector<SiteMeter>& meters,
                                                    const OutageRule& rule) {
  const std::size_t minRun = static_cast<std::size_t>(std::max<std::int64_t>(1, rule.minRunHours));
  // Each meter's outage hours before any change: missing, or zero inside a long zero run.
  std::vector<std::vector<char>> out(meters.size());
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> runs(meters.size());
  for (std::size_t m = 0; m < meters.size(); ++m) {
    const HourlySeries& s = *meters[m].series;
    out[m].assign(s.size(), 0);
    for (std::size_t i = 0; i < s.size(); ++i) out[m][i] = isMissing(s.values[i]);
    runs[m] = zeroRuns(s, minRun);
    for (const auto& [a, b] : runs[m])
      for (std::size_t i = a; i < b; ++i) out[m][i] = 1;
  }
  auto isOut = [&](std::size_t m, core::HourKey t) {
    const HourlySeries& s = *meters[m].series;
    return t >= s.start && t < s.end() && out[m][static_cast<std::size_t>(t - s.start)];
  };
  std::vector<OutageHours> made(meters.size());
  for (std::size_t m = 0; m < meters.size(); ++m) {
    HourlySeries& s = *meters[m].series;
    for (const auto& [a, b] : runs[m]) {
      std::int64_t building = 0, site = 0;
      for (std::size_t i = a; i < b; ++i) {
        const core::HourKey t = s.start + static_cast<core::HourKey>(i);
        bool same = false;
        std::vector<const std::string*> others;
        for (std::size_t k = 0; k < meters.size(); ++k) {
          if (k == m || !isOut(k, t)) continue;
          if (meters[k].building == meters[m].building)
            same = true;
          else if (meters[k].kind == meters[m].kind &&
                   std::none_of(others.begin(), others.end(),
                                [&](const std::string* b) { return *b == meters[k].building; }))
            others.push_back(&meters[k].building);
        }
        building += same;
        site += !same && static_cast<int>(others.size()) >= rule.minOtherBuildings;
      }
      if (building + site < rule.minOverlapHours) continue;
      for (std::size_t i = a; i < b; ++i) s.values[i] = kMissing;
      (building >= site ? made[m].sameBuilding : made[m].site) += b - a;
    }
  }
  return made;
}

std::size_t steadyMeterZeroRunsToMissing(HourlySeries& s, std::size_t minRunHours, double maxIdleShare) {
  std::size_t present = 0, zeros = 0;
  for (double v : s.values) {
    present += !isMissing(v);
    zeros += v == 0.0;
  }
  const auto runs = zeroRuns(s, std::max<std::size_t>(1, minRunHours));
  std::size_t inRuns = 0;
  for (const auto& [a, b] : runs) inRuns += b - a;
  if (present == 0 || static_cast<double>(zeros - inRuns) > maxIdleShare * static_cast<double>(present))
    return 0;
  for (const auto& [a, b] : runs)
    for (std::size_t i = a; i < b; ++i) s.values[i] = kMissing;
  return inRuns;
}

}  // namespace ekm::energy
