// On-demand fleet sizing against the M/M/c formulas worked by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/mobility/ondemand.h"

using namespace ekm::mobility;

TEST(OnDemand, ErlangCAndQueueWaitByHand) {
  // M/M/1: P(wait) = rho; lambda 6/h = 0.1/min, S = 6 min: rho = 0.6, Wq = rho / (mu - lambda) = 9 min
  EXPECT_NEAR(erlangC(1, 0.6), 0.6, 1e-12);
  EXPECT_NEAR(mmcQueueWaitMin(1, 6, 6), 9.0, 1e-9);
  // c = 2, a = 0.6: C = (a^2/2 * 2/(2-a)) / (1 + a + a^2/2 * 2/(2-a)) = 0.2571429 / 1.8571429 = 0.1384615
  //   Wq = C / (2 mu - lambda) = 0.1384615 / (1/3 - 0.1) = 0.5934066 min
  EXPECT_NEAR(erlangC(2, 0.6), 0.13846153846153847, 1e-12);
  EXPECT_NEAR(mmcQueueWaitMin(2, 6, 6), 0.5934065934065935, 1e-9);
  EXPECT_EQ(erlangC(2, 2.5), 1.0);  // overloaded
  EXPECT_TRUE(std::isinf(mmcQueueWaitMin(1, 12, 6)));
}

TEST(OnDemand, DeadheadIsTwoThirdsOfTheSquareSide) {
  // 1 km2 at 20 km/h: (2/3) km / 20 km/h = 2 min
  EXPECT_NEAR(deadheadMin(1.0, 20.0), 2.0, 1e-12);
  EXPECT_NEAR(deadheadMin(4.0, 20.0), 4.0, 1e-12);
}

TEST(OnDemand, SmallestFleetMeetingTheTarget) {
  // 6 requests/h, ride 3 + deadhead 2 + dwell 1 = S 6 min; target 5 min:
  //   c = 1: 9 + 2 = 11 > 5; c = 2: 0.5934 + 2 = 2.5934 <= 5 -> 2 vehicles, utilisation 0.3
  const auto f = fleetForHour(6, 3, 2, 1, 5);
  ASSERT_TRUE(f.vehicles);
  EXPECT_EQ(*f.vehicles, 2);
  EXPECT_NEAR(f.meanWaitMin, 2.5934065934065935, 1e-9);
  EXPECT_NEAR(f.utilisation, 0.3, 1e-12);
  // a target of 11.5 min is met by one vehicle (9 + 2 = 11)
  EXPECT_EQ(*fleetForHour(6, 3, 2, 1, 11.5).vehicles, 1);
  // the drive to the pickup alone exceeds the target: no fleet meets it
  EXPECT_FALSE(fleetForHour(6, 3, 6, 1, 5).vehicles);
  EXPECT_EQ(*fleetForHour(0, 3, 2, 1, 5).vehicles, 0);
}
