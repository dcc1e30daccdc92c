// The hourly demand model on a synthetic building whose law is known (model_synthetic.h):
// balance point found by the search, held-out G14 metrics, the occupancy term's gain,
// conformal coverage, forecasts from weather and occupancy forecasts, bad inputs.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/core/error.h"
#include "ekm/energy/demand_model.h"
#include "model_synthetic.h"

namespace ekm::energy {
namespace {

const flow::LocalCalendar& cal() { return flow::japanCalendar(); }

TEST(EnergyDemandModel, FindsTheCoolingBalancePointAndPredictsHeldOutHours) {
  const testing::SyntheticBuilding b = testing::syntheticBuilding(365 + 56);
  const core::HourKey s = b.load.start, trainTo = s + 365 * 24, end = b.load.end();
  const HeldOutScore h = scoreHeldOut(b.load, b.weather, &b.occupancy, s + 24, trainTo, trainTo, end, cal());
  EXPECT_NEAR(h.balance.coolingC, 18.0, 1.0);
  // The noise alone (sd 8 on a mean near 150) gives CV ~ 5-6%; the model must be near it.
  EXPECT_LT(h.heldOut.cvRmse, 0.09);
  EXPECT_LT(std::fabs(h.heldOut.nmbe), 0.03);
  EXPECT_TRUE(h.heldOut.meetsHourlyAim());
  // Split-conformal intervals cover about their level on the held-out weeks.
  ASSERT_EQ(h.coverage.size(), 2u);
  EXPECT_NEAR(h.coverage[0], 0.80, 0.06);
  EXPECT_NEAR(h.coverage[1], 0.95, 0.04);
}

TEST(EnergyDemandModel, OccupancyTermImprovesOnTheCalendarAlone) {
  const testing::SyntheticBuilding b = testing::syntheticBuilding(365 + 56);
  const core::HourKey s = b.load.start, trainTo = s + 365 * 24, end = b.load.end();
  const HeldOutScore with = scoreHeldOut(b.load, b.weather, &b.occupancy, s + 24, trainTo, trainTo, end, cal());
  const HeldOutScore without = scoreHeldOut(b.load, b.weather, nullptr, s + 24, trainTo, trainTo, end, cal());
  std::printf("held-out CV(RMSE) with occupancy %.4f, calendar only %.4f\n", with.heldOut.cvRmse,
              without.heldOut.cvRmse);
  // Occupancy varies from day to day by ~25% (lognormal); the calendar cannot know it.
  EXPECT_LT(with.heldOut.cvRmse, 0.7 * without.heldOut.cvRmse);
}

TEST(EnergyDemandModel, WeekAheadForecastFromForecastDrivers) {
  const testing::SyntheticBuilding b = testing::syntheticBuilding(120);
  const core::HourKey s = b.load.start, origin = s + 113 * 24;
  const DemandModel m = fitDemandModel(b.load, b.weather, &b.occupancy, s + 24, origin, cal());
  EXPECT_TRUE(m.withOccupancy);
  EXPECT_GT(m.training.n, 2000);
  // A weather forecast 1 C too warm and an occupancy forecast 10% high: the forecast rises
  // (by the fitted slopes), hour by hour never below 0.
  WeatherSeries warm = b.weather;
  for (double& v : warm.dryBulbC.values) v += 1.0;
  HourlySeries busy = b.occupancy;
  for (double& v : busy.values) v *= 1.1;
  const DemandPrediction base = predictDemand(m, b.weather, &b.occupancy, origin, origin + 168, cal());
  const DemandPrediction alt = predictDemand(m, warm, &busy, origin, origin + 168, cal());
  ASSERT_EQ(base.mean.size(), 168u);
  double sumBase = 0, sumAlt = 0, sumTruth = 0;
  for (std::size_t i = 0; i < 168; ++i) {
    EXPECT_GE(base.mean.values[i], 0.0);
    sumBase += base.mean.values[i];
    sumAlt += alt.mean.values[i];
    sumTruth += b.noiseFree.values[static_cast<std::size_t>(origin - s) + i];
  }
  EXPECT_GT(sumAlt, sumBase);
  EXPECT_NEAR(sumBase / sumTruth, 1.0, 0.03);
  // Day-ahead: the first 24 hours of the same model.
  const DemandPrediction day = predictDemand(m, b.weather, &b.occupancy, origin, origin + 24, cal());
  for (std::size_t i = 0; i < 24; ++i) EXPECT_DOUBLE_EQ(day.mean.values[i], base.mean.values[i]);
  // Fitted with occupancy, predicted without: refused.
  EXPECT_THROW(predictDemand(m, b.weather, nullptr, origin, origin + 24, cal()), core::Error);
}

TEST(EnergyDemandModel, MissingLoadStaysMissingAndTooLittleIsAnError) {
  testing::SyntheticBuilding b = testing::syntheticBuilding(60);
  const core::HourKey s = b.load.start;
  // A month of missing load is not read as zero: the fit equals the fit without those hours.
  for (std::size_t i = 24 * 10; i < 24 * 40; ++i) b.load.values[i] = kMissing;
  DemandModelOptions lenient;
  lenient.minTrainingShare = 0.3;
  const DemandModel m = fitDemandModel(b.load, b.weather, &b.occupancy, s + 24, b.load.end(), cal(), lenient);
  EXPECT_EQ(m.training.n, static_cast<std::int64_t>((60 - 30) * 24 - 24));
  EXPECT_LT(std::fabs(m.training.nmbe), 0.01);
  // Less than half of the window present (default minimum share): Error(Model).
  EXPECT_THROW(fitDemandModel(b.load, b.weather, &b.occupancy, s + 24, b.load.end(), cal()), core::Error);
  WeatherSeries none;
  EXPECT_THROW(fitDemandModel(b.load, none, nullptr, s, b.load.end(), cal()), core::Error);
}

TEST(EnergyDemandModel, PsychrometricsMatchTables) {
  // ASHRAE Fundamentals: saturation at 20 C: W = 0.014758 kg/kg; h(20 C, W) = 57.55 kJ/kg.
  EXPECT_NEAR(humidityRatioFromDewPoint(20.0), 0.014758, 2e-4);
  EXPECT_NEAR(moistAirEnthalpy(20.0, 0.014758), 57.55, 0.1);
  EXPECT_NEAR(humidityRatioFromRelHumidity(24.0, 50.0), 0.00935, 1.5e-4);
  EXPECT_NEAR(moistAirEnthalpy(24.0, 0.00935), kIndoorEnthalpyRef, 0.1);
}

}  // namespace
}  // namespace ekm::energy
