// Meter quality checks (ekm/energy/meter_quality.h): long zero runs become missing, and a
// change of the meter's scale across a long gap is found by comparing the same weeks a year
// apart — while a heating load's seasonal swing across a gap is not taken for a change.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "ekm/energy/meter_quality.h"

namespace ekm::energy {
namespace {

TEST(MeterQuality, ZeroRunsOfTheGivenLengthBecomeMissing) {
  HourlySeries s{0, {1, 0, 0, 2, 0, 0, 0, 3, 0}, "kWh"};
  EXPECT_EQ(zeroRunsToMissing(s, 3), 3u);
  EXPECT_EQ(s.values[1], 0.0);  // a 2-hour run stays zeros
  EXPECT_EQ(s.values[2], 0.0);
  for (std::size_t i : {4u, 5u, 6u}) EXPECT_TRUE(isMissing(s.values[i]));
  EXPECT_EQ(s.values[8], 0.0);  // the trailing 1-hour run too
  EXPECT_EQ(zeroRunsToMissing(s, 3), 0u);
}

// Three years of a heating-like hourly load (high in winter, low in summer, a daily cycle),
// a gap of `gapDays` from `gapDay`, and the readings after the gap multiplied by `scale`.
HourlySeries heatingMeter(int gapDay, int gapDays, double scale) {
  HourlySeries s;
  s.start = 420000;  // any hour
  const int days = 3 * 364;
  for (int h = 0; h < days * 24; ++h) {
    const int day = h / 24;
    const double season = 60 + 50 * std::cos(2 * std::numbers::pi * day / 364.0);  // day 0 = mid-winter
    double v = season * (1 + 0.3 * std::sin(2 * std::numbers::pi * (h % 24) / 24.0));
    if (day >= gapDay + gapDays) v *= scale;
    if (day >= gapDay && day < gapDay + gapDays) v = kMissing;
    s.values.push_back(v);
  }
  return s;
}

TEST(MeterQuality, AScaleChangeAcrossAGapIsFoundWithItsFactor) {
  // Gap in late autumn of the second year, readings 1/31.6 of before (100 ft3 read as kWh).
  const HourlySeries s = heatingMeter(364 + 300, 30, 1 / 31.6);
  const auto changes = findMeterChanges(s);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].gapFrom, s.start + (364 + 300) * 24);
  EXPECT_EQ(changes[0].gapTo, s.start + (364 + 330) * 24);
  // The same weeks a year earlier are the same season: the ratio is the scale itself.
  EXPECT_NEAR(changes[0].ratio, 1 / 31.6, 1e-3 / 31.6);
}

TEST(MeterQuality, TheSeasonalSwingAcrossAGapIsNotAChange) {
  // A gap from mid-winter to early summer: the level after it is a small fraction of the one
  // before (the season), yet the same weeks a year earlier are as low — no change.
  const HourlySeries s = heatingMeter(364 + 350, 140, 1.0);
  EXPECT_TRUE(findMeterChanges(s).empty());
  // A gap shorter than a week is not judged, even with a scale change after it.
  EXPECT_TRUE(findMeterChanges(heatingMeter(364 + 100, 5, 0.1)).empty());
  // In the first year there is no year before: the weeks before the gap are compared with
  // the same weeks a year later (after the change).
  const HourlySeries early = heatingMeter(100, 14, 4.0);
  const auto changes = findMeterChanges(early);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NEAR(changes[0].ratio, 4.0, 1e-9);
  EXPECT_EQ(changes[0].gapFrom, early.start + 100 * 24);
}

}  // namespace
}  // namespace ekm::energy
