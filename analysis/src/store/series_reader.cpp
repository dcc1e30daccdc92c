// Reads of the people-flow series (day rows, see ekm/store/series.h), the same on every
// backend: the rows come from the project's SeriesRows (series_rows.h).
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/store/project.h"
#include "ekm/store/series_totals.h"
#include "store/series_layout.h"
#include "store/series_rows.h"

namespace ekm::store {

using core::StoreError;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The days of [from, to] that can hold rows of the channel (clamped to the table's days).
bool dayRange(SeriesRows& rows, const SeriesLayout& l, std::int64_t channel, core::HourKey from, core::HourKey to,
              std::int64_t& first, std::int64_t& last) {
  if (to < from) return false;
  const auto bounds = rows.dayBounds(l, channel);
  if (!bounds) return false;
  first = std::max(dayOf(from), bounds->first);
  last = std::min(dayOf(to), bounds->second);
  return first <= last;
}

// The 'both' row of a (feature, hour, mode) is the all-directions total when present;
// otherwise forward + backward (missing parts skipped; NaN only if every part is missing).
struct DirectionSum {
  double both = kNaN, sum = 0;
  bool any = false;
  void add(int direction, double v) {
    if (std::isnan(v)) return;
    if (direction == static_cast<int>(Direction::Both)) both = v;
    else {
      sum += v;
      any = true;
    }
  }
  double value() const { return !std::isnan(both) ? both : (any ? sum : kNaN); }
};

// Boardings + alightings; NaN only if both are missing.
double ridershipTotal(double boardings, double alightings) {
  if (std::isnan(boardings) && std::isnan(alightings)) return kNaN;
  return (std::isnan(boardings) ? 0 : boardings) + (std::isnan(alightings) ? 0 : alightings);
}

void checkHourRange(const Project& p, core::HourKey from, core::HourKey to) {
  if (to >= from && to - from > (std::int64_t{1} << 24))
    throw StoreError("series range too long", core::ErrorContext{p.path(), {}, {}, "to", "at most 2^24 hours",
                                                                 std::to_string(to - from + 1) + " hours"});
}

}  // namespace

std::vector<FeatureValue> Project::meshPopulationSlice(core::HourKey t, std::int64_t breakdownId) const {
  const auto& l = seriesLayout(SeriesKind::MeshPopulation);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  seriesRows(*this)->day(l, breakdownId, day, [&](const DayRow& r) {
    if ((r.present >> h) & 1u) out.push_back(FeatureValue{r.feature, r.value(h)});
  });
  return out;
}

std::vector<TimeValue> Project::meshPopulationSeries(std::int64_t cellFid, core::HourKey from, core::HourKey to,
                                                     std::int64_t breakdownId) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::MeshPopulation);
  std::vector<TimeValue> out;
  const auto rows = seriesRows(*this);
  std::int64_t first = 0, last = 0;
  if (!dayRange(*rows, l, breakdownId, from, to, first, last)) return out;
  out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(to - from + 1, (last - first + 1) * 24)));
  rows->feature(l, breakdownId, cellFid, first, last, [&](const DayRow& r) {
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = r.day * 24 + h;
      if ((r.present >> h) & 1u && t >= from && t <= to) out.push_back(TimeValue{t, r.value(h)});
    }
  });
  return out;
}

std::vector<FeatureValue> Project::segmentCountSlice(core::HourKey t, TravelMode mode) const {
  const auto& l = seriesLayout(SeriesKind::SegmentCounts);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  std::int64_t current = -1;
  DirectionSum sum;
  bool have = false;
  // Rows come ordered by segment, then direction.
  seriesRows(*this)->day(l, static_cast<int>(mode), day, [&](const DayRow& r) {
    if (!((r.present >> h) & 1u)) return;
    if (!have || r.feature != current) {
      if (have) out.push_back(FeatureValue{current, sum.value()});
      current = r.feature;
      sum = DirectionSum{};
      have = true;
    }
    sum.add(r.direction, r.value(h));
  });
  if (have) out.push_back(FeatureValue{current, sum.value()});
  return out;
}

std::vector<TimeValue> Project::segmentCountSeries(std::int64_t segmentFid, core::HourKey from, core::HourKey to,
                                                   TravelMode mode) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::SegmentCounts);
  std::vector<TimeValue> out;
  const auto rows = seriesRows(*this);
  std::int64_t first = 0, last = 0;
  if (!dayRange(*rows, l, static_cast<int>(mode), from, to, first, last)) return out;
  // Rows come by day, then direction: sum each day's directions, then emit the day.
  std::int64_t day = first - 1;
  DirectionSum sums[24];
  std::uint32_t any = 0;
  auto emit = [&] {
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = day * 24 + h;
      if ((any >> h) & 1u && t >= from && t <= to) out.push_back(TimeValue{t, sums[h].value()});
    }
  };
  rows->feature(l, static_cast<int>(mode), segmentFid, first, last, [&](const DayRow& r) {
    if (r.day != day) {
      emit();
      day = r.day;
      any = 0;
      for (auto& s : sums) s = DirectionSum{};
    }
    any |= r.present;
    for (int h = 0; h < 24; ++h)
      if ((r.present >> h) & 1u) sums[h].add(r.direction, r.value(h));
  });
  emit();
  return out;
}

std::vector<FeatureValue> Project::stationRidershipSlice(core::HourKey t) const {
  const auto& l = seriesLayout(SeriesKind::StationRidership);
  const std::int64_t day = dayOf(t);
  const int h = static_cast<int>(t - day * 24);
  std::vector<FeatureValue> out;
  seriesRows(*this)->day(l, 0, day, [&](const DayRow& r) {
    if ((r.present >> h) & 1u) out.push_back(FeatureValue{r.feature, ridershipTotal(r.value(h), r.value(24 + h))});
  });
  return out;
}

std::vector<std::pair<TimeValue, TimeValue>> Project::stationRidershipSeries(std::int64_t stationFid,
                                                                             core::HourKey from,
                                                                             core::HourKey to) const {
  checkHourRange(*this, from, to);
  const auto& l = seriesLayout(SeriesKind::StationRidership);
  std::vector<std::pair<TimeValue, TimeValue>> out;
  const auto rows = seriesRows(*this);
  std::int64_t first = 0, last = 0;
  if (!dayRange(*rows, l, 0, from, to, first, last)) return out;
  rows->feature(l, 0, stationFid, first, last, [&](const DayRow& r) {
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = r.day * 24 + h;
      if ((r.present >> h) & 1u && t >= from && t <= to)
        out.emplace_back(TimeValue{t, r.value(h)}, TimeValue{t, r.value(24 + h)});
    }
  });
  return out;
}

std::optional<TimeRange> Project::timeRange(const std::string& table) const {
  const SeriesLayout* l = seriesLayoutByName(table);
  if (!l)
    throw StoreError("not a time-series table: " + table,
                     core::ErrorContext{path(), {}, {}, "table", "mesh_population, segment_counts or station_ridership",
                                        table});
  TimeRange r;
  r.first = std::numeric_limits<core::HourKey>::max();
  r.last = std::numeric_limits<core::HourKey>::min();
  constexpr std::int64_t kAnyDay = std::int64_t{1} << 40;  // beyond every storable day (2^27)
  seriesRows(*this)->days(*l, std::nullopt, -kAnyDay, kAnyDay, false, [&](const DayRow& row) {
                            if (!row.present) return;
                            r.rows += std::popcount(row.present);
                            r.first = std::min(r.first, row.day * 24 + std::countr_zero(row.present));
                            r.last = std::max(r.last, row.day * 24 + 31 - std::countl_zero(row.present));
                          });
  if (r.rows == 0) return std::nullopt;
  return r;
}

std::vector<SeriesTotal> seriesTotals(const Project& project, SeriesKind kind, core::HourKey from, core::HourKey to,
                                      int channel) {
  const auto& l = seriesLayout(kind);
  std::vector<SeriesTotal> out;
  if (to < from) return out;
  std::map<std::pair<std::int64_t, int>, SeriesTotal> totals;
  seriesRows(project)->days(l, channel, dayOf(from), dayOf(to), true, [&](const DayRow& r) {
    std::uint32_t present = r.present;
    for (int h = 0; h < 24; ++h) {
      const core::HourKey t = r.day * 24 + h;
      if (t < from || t > to) present &= ~(std::uint32_t{1} << h);
    }
    if (!present) return;
    auto& t = totals[{r.feature, r.direction}];
    t.featureFid = r.feature;
    t.direction = r.direction;
    for (int h = 0; h < 24; ++h) {
      if (!((present >> h) & 1u)) continue;
      bool any = false;
      for (int v = 0; v < l.valueSets; ++v) {
        const double x = r.value(24 * v + h);
        if (std::isnan(x)) continue;
        t.sum += x;
        any = true;
      }
      if (any) ++t.values;
    }
  });
  for (auto& [k, t] : totals) out.push_back(t);
  return out;
}

std::vector<std::int64_t> seriesFeatures(const Project& project, SeriesKind kind) {
  return seriesRows(project)->features(seriesLayout(kind));
}

}  // namespace ekm::store
