// IPMVP Option C savings on a synthetic building where the true saving is known: after the
// change the building uses 15% less than its law would give; with no change the band
// holds zero. The G14 band formula against a hand computation.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/energy/verify.h"
#include "model_synthetic.h"

namespace ekm::energy {
namespace {

const flow::LocalCalendar& cal() { return flow::japanCalendar(); }

struct Case {
  testing::SyntheticBuilding b;
  core::HourKey from, change, to;
  double trueAvoided = 0;
};

Case makeCase(double saving) {
  Case c{testing::syntheticBuilding(365 + 181), 0, 0, 0};
  c.from = c.b.load.start + 24;
  c.change = c.b.load.start + 365 * 24;
  c.to = c.b.load.end();
  for (core::HourKey t = c.change; t < c.to; ++t) {
    double& v = c.b.load.values[static_cast<std::size_t>(t - c.b.load.start)];
    c.trueAvoided += saving * v;  // the metered use would have been v without the change
    v *= 1.0 - saving;
  }
  return c;
}

TEST(EnergyVerify, RecoversAKnownSavingWithinItsBand) {
  const Case c = makeCase(0.15);
  const SavingsResult r = verifySavings(c.b.load, c.b.weather, &c.b.occupancy, c.from, c.change, c.to, cal());
  std::printf("true %.0f kWh, estimated %.0f +- %.0f kWh (90%%), F %.3f, rho %.3f, n' %.0f, months %zu\n",
              c.trueAvoided, r.total.avoidedKwh, r.total.uncertaintyKwh, r.total.savingsFraction, r.rho, r.nEffective,
              r.months.size());
  EXPECT_NEAR(r.total.savingsFraction, 0.15, 0.02);
  EXPECT_NEAR(r.total.avoidedKwh, c.trueAvoided, 0.10 * c.trueAvoided);
  EXPECT_LT(std::fabs(r.total.avoidedKwh - c.trueAvoided), 2.0 * r.total.uncertaintyKwh + 0.02 * c.trueAvoided);
  EXPECT_LT(r.total.fractionalUncertainty, 0.5);  // G14: savings should exceed twice their uncertainty
  EXPECT_TRUE(r.baselineFit.passesHourly());
  // Six reporting months (the change on 2026-01-01 JST); the cumulative figures add up.
  ASSERT_GE(r.months.size(), 6u);
  double cum = 0;
  for (const SavingsPeriod& m : r.months) {
    cum += m.avoidedKwh;
    EXPECT_NEAR(m.cumulativeAvoidedKwh, cum, 1e-6 * std::fabs(cum) + 1e-9);
    EXPECT_GT(m.uncertaintyKwh, 0.0);
    EXPECT_GT(m.avoidedKwh, 0.0);
  }
  // The cumulative band grows more slowly than the cumulative savings (sqrt(m) vs m).
  EXPECT_LT(r.months.back().cumulativeUncertaintyKwh / r.months.back().cumulativeAvoidedKwh,
            r.months.front().uncertaintyKwh / r.months.front().avoidedKwh);
}

TEST(EnergyVerify, NoChangeGivesABandAroundZero) {
  const Case c = makeCase(0.0);
  const SavingsResult r = verifySavings(c.b.load, c.b.weather, &c.b.occupancy, c.from, c.change, c.to, cal());
  EXPECT_LT(std::fabs(r.total.avoidedKwh), 2.0 * r.total.uncertaintyKwh);
  EXPECT_LT(std::fabs(r.total.savingsFraction), 0.02);
}

TEST(EnergyVerify, BandFormulaByHand) {
  // t 1.645, CV 0.1, n 8760, rho 0.5 -> n' = 2920, m 720 hours, adjusted baseline 72,000 kWh:
  // 1.645 * 1.26 * 0.1 * sqrt((8760/2920) * (1 + 2/2920) / 720) * 72000 = 963.634 (python3)
  EXPECT_NEAR(savingsUncertaintyKwh(1.645, 0.1, 8760, 2920, 720, 72000), 963.6338, 0.01);
}

TEST(EnergyVerify, ChangeOutsideThePeriodsIsAUsageError) {
  const Case c = makeCase(0.0);
  EXPECT_THROW(verifySavings(c.b.load, c.b.weather, nullptr, c.change, c.from, c.to, cal()), core::Error);
}

}  // namespace
}  // namespace ekm::energy
