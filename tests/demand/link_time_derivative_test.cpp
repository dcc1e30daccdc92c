// Network::linkTimeDerivative against finite differences of the BPR time for several
// powers, at zero and positive volumes; and assignments on a BPR power 0.5 network (whose
// slope is infinite at zero volume) against a hand-solved equilibrium.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/demand/assignment.h"
#include "ekm/demand/network.h"
#include "ekm/demand/tntp.h"

using namespace ekm::demand;

namespace {

constexpr double kT0 = 10, kB = 0.15, kCapacity = 100;

// One link 1 -> 2: t(v) = 10 (1 + 0.15 (v/100)^p).
Network oneLink(double power) {
  return Network::fromTntp(parseTntpNetwork(
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 1\n<END OF METADATA>\n"
      "1 2 100 1 10 0.15 " + std::to_string(power) + " 0 0 1 ;\n",
      "one-link"));
}

// The BPR polynomial written out here (not Network::linkTime), for whole powers defined at
// negative volumes too, so a central difference can straddle v = 0.
double bpr(double v, double power) { return kT0 * (1 + kB * std::pow(v / kCapacity, power)); }

double centralDifference(const Network& net, double v, double h) {
  return (net.linkTime(0, v + h) - net.linkTime(0, v - h)) / (2 * h);
}

}  // namespace

class LinkTimeDerivative : public ::testing::TestWithParam<double> {};

TEST_P(LinkTimeDerivative, MatchesCentralDifferenceAtPositiveVolumes) {
  const double p = GetParam();
  const auto net = oneLink(p);
  ASSERT_DOUBLE_EQ(net.link(0).power, p);
  for (const double v : {1e-3, 0.5, 10.0, 100.0, 250.0}) {
    const double h = 1e-4 * v;
    const double fd = centralDifference(net, v, h);
    const double roundoff = 4 * std::numeric_limits<double>::epsilon() * net.linkTime(0, v + h) / (2 * h);
    const double d = net.linkTimeDerivative(0, v);
    EXPECT_GT(d, 0) << "p " << p << " v " << v;
    EXPECT_NEAR(d, fd, 1e-6 * std::abs(fd) + roundoff) << "p " << p << " v " << v;
  }
}

TEST_P(LinkTimeDerivative, AtZeroVolume) {
  const double p = GetParam();
  const auto net = oneLink(p);
  const double d0 = net.linkTimeDerivative(0, 0);
  EXPECT_DOUBLE_EQ(net.linkTimeDerivative(0, -5), d0) << "a negative volume counts as 0";
  if (p < 1) {
    // Infinite slope at 0: reported as the (finite) one at v/c = kDerivativeMinVolumeRatio.
    const double vMin = Network::kDerivativeMinVolumeRatio * kCapacity;
    EXPECT_TRUE(std::isfinite(d0));
    EXPECT_DOUBLE_EQ(d0, net.linkTimeDerivative(0, vMin));
    EXPECT_DOUBLE_EQ(d0, net.linkTimeDerivative(0, vMin / 100));
    EXPECT_NEAR(d0, centralDifference(net, vMin, 1e-4 * vMin), 1e-6 * d0);
    EXPECT_GT(d0, net.linkTimeDerivative(0, 2 * vMin));
    // t0 b p (v/c)^(p-1) / c at v/c = 1e-6 for p = 0.5: 0.0075 x 1000.
    EXPECT_NEAR(d0, kT0 * kB * p * std::pow(Network::kDerivativeMinVolumeRatio, p - 1) / kCapacity, 1e-9 * d0);
    return;
  }
  // The right-hand derivative: a central difference of the BPR polynomial across v = 0 ...
  const double h = 1e-3;
  const double central = (bpr(h, p) - bpr(-h, p)) / (2 * h);
  EXPECT_NEAR(d0, central, 1e-9) << "p " << p;
  // ... and a second-order one-sided difference of Network::linkTime itself.
  const double forward = (-3 * net.linkTime(0, 0) + 4 * net.linkTime(0, h) - net.linkTime(0, 2 * h)) / (2 * h);
  EXPECT_NEAR(d0, forward, 1e-9) << "p " << p;
  if (p == 1) EXPECT_DOUBLE_EQ(d0, kT0 * kB / kCapacity);  // 0.015, not 0
  else EXPECT_EQ(d0, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Powers, LinkTimeDerivative, ::testing::Values(1.0, 2.0, 4.0, 0.5),
                         [](const auto& info) {
                           return info.param == 0.5 ? std::string("p0_5")
                                                    : "p" + std::to_string(static_cast<int>(info.param));
                         });

TEST(LinkTimeDerivativeFlat, NoCongestionTermMeansNoSlope) {
  // b = 0, free-flow time 0, power 0: the time does not change with volume (v > 0).
  const auto net = Network::fromTntp(parseTntpNetwork(
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 3\n<END OF METADATA>\n"
      "1 2 100 1 10 0 4 0 0 1 ;\n"
      "1 2 100 1 0 0.15 4 0 0 1 ;\n"
      "1 2 100 1 10 0.15 0 0 0 1 ;\n",
      "flat"));
  for (int a = 0; a < 3; ++a)
    for (const double v : {0.0, 50.0, 300.0}) EXPECT_EQ(net.linkTimeDerivative(a, v), 0.0) << a << " " << v;
}

// Two parallel links with BPR power 0.5 (slope infinite at zero volume):
//
//        link 0: t0 = 10 (1 + 1.0 (v/100)^0.5) = 10 + sqrt(v)
//      +------------------------------------------+
//   (1)                                            (2)      demand 1 -> 2: 200
//      +------------------------------------------+
//        link 1: t1 = 20 (1 + 0.5 (v/100)^0.5) = 20 + sqrt(v)
//
// Equilibrium: sqrt(v0) = sqrt(v1) + 10, v0 + v1 = 200. With s = sqrt(v1):
// s^2 + 10 s - 50 = 0, s = 5 (sqrt 3 - 1), v1 = 25 (4 - 2 sqrt 3) = 13.397..., both times
// 20 + s = 15 + 5 sqrt 3 = 23.660...
class SquareRootLinks : public ::testing::TestWithParam<AssignmentAlgorithm> {};

TEST_P(SquareRootLinks, ReachTheHandSolvedEquilibrium) {
  const auto net = Network::fromTntp(parseTntpNetwork(
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 2\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n"
      "1 2 100 1 10 1.0 0.5 0 0 1 ;\n"
      "1 2 100 2 20 0.5 0.5 0 0 1 ;\n",
      "square-root"));
  OdMatrix od(2);
  od(0, 1) = 200;
  AssignmentOptions o;
  o.algorithm = GetParam();
  o.relativeGap = 1e-10;
  o.maxIterations = 5000;
  const auto r = assign(net, od, o, ekm::core::nullFeedback());
  const double v1 = 25 * (4 - 2 * std::sqrt(3.0)), time = 15 + 5 * std::sqrt(3.0);
  EXPECT_TRUE(r.converged) << algorithmName(GetParam()) << " gap " << r.relativeGap;
  EXPECT_NEAR(r.volume[1], v1, 1e-3) << algorithmName(GetParam());
  EXPECT_NEAR(r.volume[0], 200 - v1, 1e-3) << algorithmName(GetParam());
  EXPECT_NEAR(r.time[0], time, 1e-4);
  EXPECT_NEAR(r.time[1], time, 1e-4);
  for (const double v : r.volume) EXPECT_TRUE(std::isfinite(v));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, SquareRootLinks,
                         ::testing::Values(AssignmentAlgorithm::BiconjugateFrankWolfe, AssignmentAlgorithm::AlgorithmB),
                         [](const auto& info) { return std::string(algorithmName(info.param)); });
