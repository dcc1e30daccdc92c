// The small-count rule (ekm/privacy/small_count.h): what is suppressed and what is not.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/privacy/small_count.h"

using ekm::ops::Json;
using ekm::ops::ResultTable;
namespace privacy = ekm::privacy;

TEST(SmallCount, CountsUnderTenAreSuppressedZeroIncluded) {
  for (double v : {0.0, 0.4, 1.0, 9.0, 9.999, -3.0}) EXPECT_TRUE(privacy::isSuppressed(v)) << v;
  for (double v : {10.0, 10.5, 1234.0, -10.0}) EXPECT_FALSE(privacy::isSuppressed(v)) << v;
  EXPECT_FALSE(privacy::isSuppressed(std::nan("")));  // missing, not suppressed
  EXPECT_EQ(privacy::formatCount(9.6), "*");
  EXPECT_EQ(privacy::formatCount(12.4), "12");
  EXPECT_EQ(privacy::formatCount(std::nan("")), "");
}

TEST(SmallCount, ColumnsAreClassifiedByName) {
  using R = privacy::ColumnRole;
  for (const char* c : {"population", "mean_a", "mean_b", "volume", "trips", "boardings", "h07", "base_volume", "a", "b",
                        "some_new_count"})
    EXPECT_EQ(privacy::columnRole(c), R::People) << c;
  for (const char* c : {"abs_change", "rel_change", "ci_low", "ci_high", "volume_diff", "diff", "person_km",
                        "co2_avoided_kg", "kwh_per_person_hour", "crowding_share"})
    EXPECT_EQ(privacy::columnRole(c), R::Derived) << c;
  for (const char* c : {"p_value", "days_a", "significant", "length_m", "time_ab_s", "p07", "lag_h", "heat_kwh",
                        "speed_kmh", "co2_g_per_kwh"})
    EXPECT_EQ(privacy::columnRole(c), R::Other) << c;
  for (const char* c : {"feature", "segment_id", "origin", "destination"}) EXPECT_EQ(privacy::columnRole(c), R::Key) << c;
  // Run comparisons' columns (COLUMN_a, COLUMN_b, COLUMN_diff) take their column's role.
  for (const char* c : {"mean_a_a", "mean_b_b", "volume_a"}) EXPECT_EQ(privacy::columnRole(c), R::People) << c;
  for (const char* c : {"mean_a_diff", "abs_change_a", "rel_change_diff"}) EXPECT_EQ(privacy::columnRole(c), R::Derived) << c;
  for (const char* c : {"days_a_a", "p_value_b", "p_value_diff", "significant_a", "time_ab_s_diff"})
    EXPECT_EQ(privacy::columnRole(c), R::Other) << c;
}

// A comparison table with small counts: the counts under 10 and the changes of their rows
// go; large counts, their changes and the p-values stay.
TEST(SmallCount, TablesLoseSmallCountsAndTheirChanges) {
  ResultTable t;
  t.name = "comparison";
  t.columns = {"feature", "days_a", "mean_a", "mean_b", "abs_change", "rel_change", "p_value", "significant"};
  t.rows = {{"A", 4, 3.0, 250.0, 247.0, 82.3, 0.01, true},
            {"B", 4, 120.0, 130.0, 10.0, 0.083, 0.4, false},
            {"C", 4, 0.0, 0.0, 0.0, nullptr, nullptr, false},
            {"D", 4, 15.0, 9.5, -5.5, -0.37, 0.2, false}};
  ASSERT_FALSE(privacy::obeysRule(t));
  privacy::SuppressionStats stats;
  const ResultTable s = privacy::suppressTable(t, Json("*"), true, &stats);
  EXPECT_TRUE(privacy::obeysRule(s));
  EXPECT_EQ(s.columns.back(), "suppressed");
  EXPECT_EQ(s.rows[0][2], "*");
  EXPECT_EQ(s.rows[0][3], 250.0);  // the other period's count is shown
  EXPECT_EQ(s.rows[0][4], "*");    // 250 - change would give the small count back
  EXPECT_EQ(s.rows[0][5], "*");
  EXPECT_EQ(s.rows[0][6], 0.01);  // not about people
  EXPECT_EQ(s.rows[0][8], "mean_a,abs_change,rel_change");
  EXPECT_EQ(s.rows[1], (std::vector<Json>{"B", 4, 120.0, 130.0, 10.0, 0.083, 0.4, false, ""}));
  EXPECT_EQ(s.rows[2][2], "*");
  EXPECT_EQ(s.rows[2][3], "*");
  EXPECT_EQ(s.rows[3][3], "*");
  EXPECT_EQ(s.rows[3][4], "*");
  EXPECT_EQ(stats.rowsAffected, 3);
  EXPECT_EQ(stats.suppressed, 3 + 3 + 3);  // A: mean_a + 2 changes; C: 2 counts + abs_change; D: mean_b + 2 changes
}

// Key columns are identifiers even when they look like numbers under 10.
TEST(SmallCount, KeysAreNeverSuppressed) {
  ResultTable t;
  t.columns = {"zone", "production"};
  t.rows = {{3, 500.0}, {4, 2.0}};
  const ResultTable s = privacy::suppressTable(t, nullptr, false);
  EXPECT_EQ(s.rows[0][0], 3);
  EXPECT_EQ(s.rows[1][0], 4);
  EXPECT_TRUE(s.rows[1][1].is_null());
  EXPECT_TRUE(privacy::obeysRule(s));
}

// One figure in a sentence (the briefing pack's summary): only counts of people under 10 print
// as "*"; energy, percentages, times and counts of stops, departures or cells are shown.
TEST(SmallCount, OnlyFiguresAboutPeopleAreSuppressed) {
  for (const char* c : {"forecast_total_kwh", "heat_kwh", "day_kwh", "tstt_change_percent", "cost_pct", "mean_ride_min",
                        "mean_od_time_change_s", "departures", "stops", "routes", "gaps", "buildings", "stops_in_reach",
                        "departures_in_reach", "vehicle_hours", "rank", "length_m", "iterations"})
    EXPECT_FALSE(privacy::suppressFigure(c, 7.0)) << c;
  for (const char* c : {"population", "riders", "trips", "visitors", "covered_population", "peak_volume", "mean_volume",
                        "person_hours", "gap_population", "some_new_figure"})
    EXPECT_TRUE(privacy::suppressFigure(c, 7.0)) << c;
  EXPECT_FALSE(privacy::suppressFigure("riders", 12.0));
  EXPECT_FALSE(privacy::suppressFigure(privacy::ColumnRole::Other, 3.0));
  EXPECT_FALSE(privacy::suppressFigure(privacy::ColumnRole::Derived, 3.0));  // suppressed with its counts, not alone
  EXPECT_TRUE(privacy::suppressFigure(privacy::ColumnRole::People, 0.0));
}
