// Meter quality checks (ekm/energy/meter_quality.h): long zero runs become missing, and a
// change of the meter's scale across a long gap is found by comparing the same weeks a year
// apart — while a heating load's seasonal swing across a gap is not taken for a change.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <utility>

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

// Outages across meters (crossMeterOutagesToMissing) and whole-day zeros in a meter that never
// idles (steadyMeterZeroRunsToMissing). Series are 6 days of hours written as text, one
// character an hour: '.' a reading (gas: 5 at night, 50 by day; electricity 100), '0' a zero,
// '-' missing.
HourlySeries meter(const std::string& hours, double reading = 0) {
  HourlySeries s{480000, {}, "kWh"};  // 480000 = a UTC midnight (20000 days)
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const std::size_t hour = i % 24;
    const double v = reading > 0 ? reading : hour >= 7 && hour < 19 ? 50.0 : 5.0;
    s.values.push_back(hours[i] == '0' ? 0.0 : hours[i] == '-' ? kMissing : v);
  }
  return s;
}

std::string days(std::initializer_list<std::pair<std::size_t, std::string>> marks, std::size_t length = 144) {
  std::string out(length, '.');  // marks: (first hour, the hours' characters)
  for (const auto& [from, text] : marks) out.replace(from, text.size(), text);
  return out;
}

// Hours of s whose text is '0' (given) and are now missing / still zero.
std::pair<int, int> missingAndZeros(const HourlySeries& s) {
  int missing = 0, zeros = 0;
  for (double v : s.values) {
    missing += isMissing(v);
    zeros += v == 0.0;
  }
  return {missing, zeros};
}

TEST(MeterOutages, AZeroRunSharedWithTheBuildingsOtherMeterBecomesMissingAsAWhole) {
  // Gas: 30 h of zeros from hour 31; the building's electricity reads zero for 24 h from hour
  // 40 (21 h of overlap): one logging outage. Both runs go, as wholes.
  HourlySeries gas = meter(days({{31, std::string(30, '0')}}));
  HourlySeries elec = meter(days({{40, std::string(24, '0')}}), 100);
  const auto made = crossMeterOutagesToMissing({{"A", MeterKind::Gas, &gas}, {"A", MeterKind::Electricity, &elec}});
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].sameBuilding, 30u);
  EXPECT_EQ(made[0].site, 0u);
  EXPECT_EQ(made[1].sameBuilding, 24u);
  EXPECT_EQ(missingAndZeros(gas), std::make_pair(30, 0));
  EXPECT_EQ(missingAndZeros(elec), std::make_pair(24, 0));
  for (std::size_t i = 31; i < 61; ++i) EXPECT_TRUE(isMissing(gas.values[i])) << i;
  EXPECT_EQ(gas.values[30], 5.0);  // the hours next to the run are untouched
  EXPECT_EQ(gas.values[61], 50.0);
  // A gap (missing hours) in the other meter corroborates as well as zeros.
  HourlySeries gas2 = meter(days({{31, std::string(30, '0')}}));
  HourlySeries elec2 = meter(days({{31, std::string(12, '-')}}), 100);
  EXPECT_EQ(crossMeterOutagesToMissing({{"A", MeterKind::Gas, &gas2}, {"A", MeterKind::Electricity, &elec2}})[0].total(),
            30u);
}

TEST(MeterOutages, ASiteWideOutageNeedsTwoOtherBuildingsOfTheSameKind) {
  // 2018-06-04 in Cambridge: 23 h of zeros in three buildings' gas at once.
  const std::string outage = days({{25, std::string(23, '0')}});
  HourlySeries g1 = meter(outage), g2 = meter(outage), g3 = meter(outage);
  HourlySeries e1 = meter(days({}), 100);
  const auto made = crossMeterOutagesToMissing({{"b1", MeterKind::Gas, &g1},
                                                {"b1", MeterKind::Electricity, &e1},
                                                {"b2", MeterKind::Gas, &g2},
                                                {"b3", MeterKind::Gas, &g3}});
  for (std::size_t m : {0u, 2u, 3u}) {
    EXPECT_EQ(made[m].site, 23u) << m;
    EXPECT_EQ(made[m].sameBuilding, 0u) << m;
  }
  EXPECT_EQ(made[1].total(), 0u);
  EXPECT_EQ(missingAndZeros(g1), std::make_pair(23, 0));
  // One other building is not enough; neither is another building's meter of another kind.
  HourlySeries h1 = meter(outage), h2 = meter(outage), e3 = meter(outage, 100);
  const auto two = crossMeterOutagesToMissing(
      {{"b1", MeterKind::Gas, &h1}, {"b2", MeterKind::Gas, &h2}, {"b3", MeterKind::Electricity, &e3}});
  EXPECT_EQ(two[0].total(), 0u);
  EXPECT_EQ(two[1].total(), 0u);
  EXPECT_EQ(missingAndZeros(h1), std::make_pair(0, 23));
}

TEST(MeterOutages, GenuineZerosStayZeros) {
  // Building A: its boilers off for a night (12 h) and for a weekend (47 h), and a Christmas
  // closure with 22 h of zeros a day (the boilers run 2 h each morning), while the building's
  // electricity has a 23 h outage across the closure: nothing is corroborated (the night and
  // the closure are shorter than 23 h; the weekend coincides with no other meter).
  std::string gasText = days({{19, std::string(12, '0')}, {49, std::string(47, '0')}});
  std::string closure = days({}, 96);
  for (std::size_t d = 0; d < 3; ++d) closure.replace(d * 24 + 9, 22, std::string(22, '0'));
  gasText += closure;
  HourlySeries gas = meter(gasText);
  HourlySeries elec = meter(days({{144 + 10, std::string(23, '0')}}, 240), 100);
  // Two other buildings' gas have a 30 h zero run at once that shares only 11 h with A's
  // weekend (less than the 12 h needed).
  HourlySeries other = meter(days({{85, std::string(30, '0')}}, 240)), third = meter(days({{85, std::string(30, '0')}}, 240));
  const auto before = missingAndZeros(gas);
  const auto made = crossMeterOutagesToMissing({{"A", MeterKind::Gas, &gas},
                                                {"A", MeterKind::Electricity, &elec},
                                                {"B", MeterKind::Gas, &other},
                                                {"C", MeterKind::Gas, &third}});
  EXPECT_EQ(made[0].total(), 0u);
  EXPECT_EQ(missingAndZeros(gas), before);
  EXPECT_EQ(before.second, 12 + 47 + 3 * 22);
  // B's and C's runs have a second other building out (A) for the same 11 h only.
  EXPECT_EQ(made[2].total(), 0u);
  EXPECT_EQ(made[3].total(), 0u);
  // A's electricity outage coincides with A's closure zeros for 22 h, but those zeros are no
  // run of 23 h: not an outage of the gas meter, so the electricity run is not corroborated.
  EXPECT_EQ(made[1].total(), 0u);
}

TEST(MeterOutages, WholeDayZerosInAMeterThatNeverIdlesAreGaps) {
  // b27 gas: never zero at night, but 23 h and 47 h of zeros from 07 h.
  HourlySeries steady = meter(days({{31, std::string(23, '0')}, {79, std::string(47, '0')}}, 24 * 120));
  EXPECT_EQ(steadyMeterZeroRunsToMissing(steady), 70u);
  EXPECT_EQ(missingAndZeros(steady), std::make_pair(70, 0));
  // The same runs in a meter whose boilers are off for 2 h every night (2 x 114 h of 2,880 h =
  // 8 %, far above 0.1 %): zeros.
  std::string idleText = days({{31, std::string(23, '0')}, {79, std::string(47, '0')}}, 24 * 120);
  for (std::size_t d = 6; d < 120; ++d) idleText.replace(d * 24 + 1, 2, "00");
  HourlySeries idle = meter(idleText);
  EXPECT_EQ(steadyMeterZeroRunsToMissing(idle), 0u);
  EXPECT_EQ(missingAndZeros(idle).first, 0);
  // A single idle hour in 2,880 (0.03 %) keeps the meter steady; four (0.14 %) do not.
  std::string fewText = days({{79, std::string(47, '0')}}, 24 * 120);
  fewText[500] = '0';
  HourlySeries few = meter(fewText);
  EXPECT_EQ(steadyMeterZeroRunsToMissing(few), 47u);
  for (std::size_t i : {600u, 700u, 800u}) fewText[i] = '0';
  HourlySeries more = meter(fewText);
  EXPECT_EQ(steadyMeterZeroRunsToMissing(more), 0u);
}

}  // namespace
}  // namespace ekm::energy
