#pragma once
// Random series values for store tests: a few thousand keys over 40 days with gaps, missing
// values (NaN) and zeros, in random order.
#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "ekm/store/series.h"
#include "store_fixture.h"

namespace store_test {

using ekm::core::HourKey;
using ekm::store::SeriesKind;

struct Value {
  SeriesKind kind;
  std::int64_t fid;
  HourKey t;
  int channel, dir;
  double v, v2;
};

// A few thousand random values over 40 days with gaps (absent hours), missing values
// (NaN) and zeros, in random order; keys unique.
inline std::vector<Value> randomValues(std::uint64_t seed, int n) {
  std::mt19937_64 rng(seed);
  std::map<std::tuple<int, std::int64_t, HourKey, int, int>, Value> unique;
  const HourKey t0 = fixture::kT0 - 30;
  while (static_cast<int>(unique.size()) < n) {
    const auto kind = static_cast<SeriesKind>(rng() % 3);
    const std::int64_t fid = 11 + static_cast<std::int64_t>(rng() % (kind == SeriesKind::MeshPopulation ? 3 : 2));
    const HourKey t = t0 + static_cast<HourKey>(rng() % (40 * 24));
    const int channel = kind == SeriesKind::MeshPopulation ? static_cast<int>(rng() % 2)
                        : kind == SeriesKind::SegmentCounts ? static_cast<int>(rng() % 3) : 0;
    const int dir = kind == SeriesKind::SegmentCounts ? static_cast<int>(rng() % 3) : 0;
    auto pick = [&] {
      const auto r = rng() % 10;
      return r == 0 ? fixture::kNaN : r == 1 ? 0.0 : static_cast<double>(rng() % 5000) / (r == 2 ? 4.0 : 1.0);
    };
    unique.emplace(std::make_tuple(static_cast<int>(kind), fid, t, channel, dir),
                   Value{kind, fid, t, channel, dir, pick(), kind == SeriesKind::StationRidership ? pick() : 0.0});
  }
  std::vector<Value> out;
  for (auto& [k, v] : unique) out.push_back(v);
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

}  // namespace store_test
