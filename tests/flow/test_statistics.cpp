// Statistics cross-checked against independent references: closed forms of the incomplete
// beta function and of Student's t for 1 and 2 degrees of freedom, printed t tables, and the
// published Rosetta Code "Welch's t-test" results (which reproduce R's
// t.test(x, y, var.equal = FALSE)$p.value).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "ekm/core/error.h"
#include "ekm/flow/statistics.h"

namespace ekm::flow {
namespace {

TEST(FlowStatistics, IncompleteBetaClosedForms) {
  for (double x : {0.0, 0.01, 0.2, 0.5, 0.77, 0.999, 1.0}) {
    for (double b : {0.5, 1.0, 2.5, 7.0})
      EXPECT_NEAR(regularizedIncompleteBeta(1.0, b, x), 1.0 - std::pow(1.0 - x, b), 1e-13);
    for (double a : {0.5, 3.0, 10.0})
      EXPECT_NEAR(regularizedIncompleteBeta(a, 1.0, x), std::pow(x, a), 1e-13);
    // I_x(1/2, 1/2) = (2/pi) asin(sqrt x)
    EXPECT_NEAR(regularizedIncompleteBeta(0.5, 0.5, x), 2.0 / M_PI * std::asin(std::sqrt(x)), 1e-12);
  }
  // Symmetry I_x(a,b) = 1 - I_{1-x}(b,a) and I_0.5(a,a) = 0.5 for large parameters.
  EXPECT_NEAR(regularizedIncompleteBeta(30.0, 30.0, 0.5), 0.5, 1e-12);
  EXPECT_NEAR(regularizedIncompleteBeta(200.0, 3.5, 0.97), 1.0 - regularizedIncompleteBeta(3.5, 200.0, 0.03),
              1e-12);
  EXPECT_THROW(regularizedIncompleteBeta(-1.0, 1.0, 0.5), core::ValidationError);
  EXPECT_THROW(regularizedIncompleteBeta(1.0, 1.0, 1.5), core::ValidationError);
}

TEST(FlowStatistics, StudentTAgainstClosedFormsAndTables) {
  for (double t : {-5.0, -1.3, 0.0, 0.4, 2.0, 12.0}) {
    EXPECT_NEAR(studentTCdf(t, 1.0), 0.5 + std::atan(t) / M_PI, 1e-12);                 // Cauchy
    EXPECT_NEAR(studentTCdf(t, 2.0), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-12);  // df = 2
  }
  // Printed critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  EXPECT_NEAR(studentTCdf(2.228, 10), 0.975, 5e-5);
  EXPECT_NEAR(studentTCdf(2.042, 30), 0.975, 5e-5);
  EXPECT_NEAR(studentTCdf(1.812, 10), 0.95, 5e-5);
  EXPECT_NEAR(studentTCdf(3.169, 10), 0.995, 5e-5);
  EXPECT_NEAR(studentTCdf(1.96, 1e7), 0.9750021048517795, 1e-6);  // -> normal
}

TEST(FlowStatistics, WelchMatchesPublishedResults) {
  // Rosetta Code "Welch's t-test", data sets 1 and 5; expected p from R's t.test.
  const std::vector<double> d1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                                  21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
  const std::vector<double> d2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                                  24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
  const WelchResult r1 = welchTTest(d1, d2);
  EXPECT_NEAR(r1.pTwoSided, 0.021378001462867, 1e-9);
  EXPECT_GT(r1.t, 0);  // meanB > meanA
  const std::vector<double> x = {3.0, 4.0, 1.0, 2.1};
  const std::vector<double> y = {490.2, 340.0, 433.9};
  EXPECT_NEAR(welchTTest(x, y).pTwoSided, 0.0107515611497845, 1e-9);
  // NaN (missing) entries are ignored.
  std::vector<double> xn = x;
  xn.push_back(std::numeric_limits<double>::quiet_NaN());
  EXPECT_NEAR(welchTTest(xn, y).pTwoSided, 0.0107515611497845, 1e-9);
  EXPECT_EQ(welchTTest(xn, y).nA, 4);
  // Undefined with fewer than two values.
  EXPECT_TRUE(std::isnan(welchTTest({1.0}, y).pTwoSided));
}

TEST(FlowStatistics, BootstrapIsSeededAndSensible) {
  std::vector<double> a, b;
  for (int i = 0; i < 28; ++i) {
    a.push_back(1000 + 37 * ((i * 7) % 11));
    b.push_back(1400 + 41 * ((i * 5) % 13));
  }
  const BootstrapInterval c1 = bootstrapMeanDifference(a, b, 2000, 0.95, 42);
  const BootstrapInterval c2 = bootstrapMeanDifference(a, b, 2000, 0.95, 42);
  EXPECT_EQ(c1.low, c2.low);
  EXPECT_EQ(c1.high, c2.high);
  EXPECT_LT(c1.low, c1.estimate);
  EXPECT_GT(c1.high, c1.estimate);
  EXPECT_GT(c1.low, 0);  // a clear shift of ~+400 on a spread of ~130
  const BootstrapInterval c3 = bootstrapMeanDifference(a, a, 2000, 0.95, 7);
  EXPECT_LT(c3.low, 0);
  EXPECT_GT(c3.high, 0);
}

TEST(FlowStatistics, QuantileType7) {
  // numpy.quantile([1, 2, 3, 4], 0.25) == 1.75 (linear interpolation).
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2, std::numeric_limits<double>::quiet_NaN()}, 0.5), 2.5);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
}

}  // namespace
}  // namespace ekm::flow
