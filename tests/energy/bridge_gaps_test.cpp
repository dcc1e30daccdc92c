// bridgeShortGaps: interior runs of at most N missing hours are filled on the straight line
// between their neighbours; longer runs and runs at either end stay missing.
#include <gtest/gtest.h>

#include "ekm/energy/hourly_series.h"

namespace ekm::energy {
namespace {

TEST(BridgeShortGaps, FillsShortInteriorRunsOnly) {
  const double m = kMissing;
  HourlySeries s{100, {m, 1, 2, m, m, 8, m, m, m, 0, 5, m}, "kWh"};
  EXPECT_EQ(bridgeShortGaps(s, 2), 2);
  EXPECT_TRUE(isMissing(s.values[0]));  // leading run: no left neighbour
  EXPECT_DOUBLE_EQ(s.values[3], 4);     // 2 -> 8 over three steps
  EXPECT_DOUBLE_EQ(s.values[4], 6);
  for (std::size_t i : {6u, 7u, 8u}) EXPECT_TRUE(isMissing(s.values[i]));  // 3 h > 2
  EXPECT_TRUE(isMissing(s.values[11]));  // trailing run
  EXPECT_EQ(bridgeShortGaps(s, 3), 3);
  EXPECT_DOUBLE_EQ(s.values[6], 6);  // 8 -> 0 over four steps
  EXPECT_DOUBLE_EQ(s.values[8], 2);
  EXPECT_EQ(bridgeShortGaps(s, 3), 0);
}

TEST(BridgeShortGaps, CountsOnlyHoursInsideTheWindow) {
  const double m = kMissing;
  HourlySeries s{10, {0, m, m, m, 4}, "kWh"};
  EXPECT_EQ(bridgeShortGaps(s, 3, 12, 20), 2);  // hours 12 and 13 of the filled 11..13
  EXPECT_DOUBLE_EQ(s.values[1], 1);
  EXPECT_EQ(bridgeShortGaps(s, 0), 0);
}

}  // namespace
}  // namespace ekm::energy
