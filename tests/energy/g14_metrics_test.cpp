// ASHRAE Guideline 14 metrics against values computed independently (plain Python with the
// formulas of ../shared/ENERGY.md, see the comments) and Student-t against published tables.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/energy/g14_metrics.h"

namespace ekm::energy {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(G14Metrics, MatchesHandComputedValues) {
  // python3: cv = sqrt(sum((f-y)^2)/(n-p))/mean(y); nmbe = sum(y-f)/((n-p)*mean(y)); p = 2
  const std::vector<double> y{10, 12, 9, 15, 11, 13, 8, 14}, f{11, 11.5, 9.5, 13, 12, 12.5, 9, 13};
  const G14Metrics m = g14Metrics(y, f, 2);
  EXPECT_EQ(m.n, 8);
  EXPECT_NEAR(m.cvRmse, 0.105009976422, 1e-12);
  EXPECT_NEAR(m.nmbe, 0.007246376812, 1e-12);
  EXPECT_NEAR(m.wape, 0.081521739130, 1e-12);
  EXPECT_TRUE(m.passesHourly());
  EXPECT_TRUE(m.meetsHourlyAim());
  // p = 0 (a forecast): N in the denominators.
  const G14Metrics m0 = g14Metrics(y, f, 0);
  EXPECT_NEAR(m0.cvRmse, 0.105009976422 * std::sqrt(6.0 / 8.0), 1e-12);
  EXPECT_NEAR(m0.nmbe, 0.007246376812 * 6.0 / 8.0, 1e-12);
}

TEST(G14Metrics, MissingHoursAreLeftOutNotZero) {
  const std::vector<double> y{10, kNaN, 12, 14}, f{10, 50, kNaN, 13};
  const G14Metrics m = g14Metrics(y, f);
  EXPECT_EQ(m.n, 2);  // hours 0 and 3
  EXPECT_NEAR(m.meanActual, 12.0, 1e-12);
  EXPECT_NEAR(m.nmbe, 1.0 / (2 * 12.0), 1e-12);
}

TEST(G14Metrics, BiasSignAndThresholds) {
  std::vector<double> y(100, 100.0), f(100, 88.0);  // the model under-predicts by 12%
  const G14Metrics m = g14Metrics(y, f);
  EXPECT_NEAR(m.nmbe, 0.12, 1e-12);
  EXPECT_NEAR(m.cvRmse, 0.12, 1e-12);
  EXPECT_FALSE(m.passesHourly());  // |NMBE| > 10%
}

TEST(G14Metrics, RejectsTooFewHoursAndNonPositiveMean) {
  const std::vector<double> y{1, 2}, f{1, 2};
  EXPECT_THROW(g14Metrics(y, f, 2), core::Error);
  const std::vector<double> z{0, 0, 0}, g{1, 1, 1};
  EXPECT_THROW(g14Metrics(z, g), core::Error);
  const std::vector<double> shorter{1};
  EXPECT_THROW(g14Metrics(y, shorter), core::Error);
}

TEST(G14Metrics, WapeMaseAndAutocorrelation) {
  const std::vector<double> y{10, 20, 30}, f{12, 18, 33};
  EXPECT_NEAR(wape(y, f), 7.0 / 60.0, 1e-12);
  // training with season 2: |3-1|, |4-2|, |6-3| -> mean 7/3; MAE 7/3 -> MASE 1
  const std::vector<double> train{1, 2, 3, 4, 6};
  EXPECT_NEAR(mase(y, f, train, 2), 1.0, 1e-12);
  // python3: lag-1 autocorrelation of [1,-0.5,0.3,0.8,-1.2,0.1,0.4,-0.2]
  const std::vector<double> r{1, -0.5, 0.3, 0.8, -1.2, 0.1, 0.4, -0.2};
  EXPECT_NEAR(lag1Autocorrelation(r), -0.428415061296, 1e-12);
}

TEST(G14Metrics, StudentTMatchesTables) {
  EXPECT_NEAR(studentT(0.90, 20), 1.724718, 1e-6);  // t_{0.95, 20}
  EXPECT_NEAR(studentT(0.95, 5), 2.570582, 1e-6);   // t_{0.975, 5}
  EXPECT_NEAR(studentT(0.90, 1e6), 1.644854, 1e-5); // -> normal
}

TEST(G14Metrics, MonthlyTotalsSkipShortMonths) {
  // 2016-01-01T00 UTC .. 2016-02-10: January complete, February short.
  const std::int64_t start = 16801LL * 24;  // days from 1970-01-01 to 2016-01-01 = 16801
  const std::size_t hours = (31 + 10) * 24;
  std::vector<double> a(hours, 1.0), p(hours, 2.0);
  const MonthlyTotals m = monthlyTotals(start, a, p, 0);
  ASSERT_EQ(m.yearMonth.size(), 1u);
  EXPECT_EQ(m.yearMonth[0], 201601);
  EXPECT_DOUBLE_EQ(m.actual[0], 744.0);
  EXPECT_DOUBLE_EQ(m.predicted[0], 1488.0);
}

}  // namespace
}  // namespace ekm::energy
