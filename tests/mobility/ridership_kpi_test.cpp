// Ridership KPIs (mobility-kpi) on the hand-made feed and ridership files, every figure
// computed by hand below.
#include <gtest/gtest.h>

#include <filesystem>

#include "ekm/io/gtfs_import.h"
#include "ekm/mobility/ridership_ops.h"
#include "support/temp_dir.h"

using namespace ekm;
namespace fs = std::filesystem;

namespace {

const fs::path kFeed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
const fs::path kData = fs::path(EKM_TEST_DATA_DIR) / "ridership";

mobility::KpiResult kpis(const std::string& file, mobility::KpiParams params = {}) {
  ekm_test::TempDir dir("ridership-kpi");
  const std::string path = dir.str("p.gpkg");
  {
    auto project = store::Project::create(path);
    core::Feedback fb;
    io::importGtfs(project, kFeed.string(), {}, fb);
  }
  ops::Session session(path);
  core::Feedback fb;
  mobility::RidershipImportParams ip;
  ip.file = (kData / file).string();
  ops::run<mobility::RidershipImportOp>(session, ip, fb);
  return ops::run<mobility::KpiOp>(session, params, fb);
}

}  // namespace

// stop_trip.csv: Thursday 2026-01-15 (weekday service WK: T1, T2 of R1; T4 of R2) and
// Thursday 2026-02-12 (T1 and T4 recorded; T2 ran but has no records).
// Scheduled vehicle-hours per weekday: R1 = T1 06:28-06:50 (22 min) + T2 07:00-07:20
// (20 min) = 0.7 h; R2 = T4 24:50-25:10 = 1/3 h.
TEST(RidershipKpi, RouteMonthsVehicleHoursAndBusiestStops) {
  const auto r = kpis("stop_trip.csv");
  const auto& k = r.kpis;
  EXPECT_EQ(k.riders, 168);
  ASSERT_EQ(k.routeMonths.size(), 4u);
  const auto& r1jan = k.routeMonths[0];
  EXPECT_EQ(r1jan.routeId, "R1");
  EXPECT_EQ(r1jan.month, "2026-01");
  EXPECT_EQ(r1jan.riders, 80);  // T1 12+20+3, T2 15+25+5
  EXPECT_EQ(r1jan.days, 1);
  EXPECT_NEAR(r1jan.vehicleHours, 0.7, 1e-9);
  EXPECT_NEAR(*r1jan.ridersPerVehicleHour, 80 / 0.7, 1e-9);
  const auto& r1feb = k.routeMonths[1];
  EXPECT_EQ(r1feb.month, "2026-02");
  EXPECT_EQ(r1feb.riders, 30);
  EXPECT_NEAR(*r1feb.ridersPerVehicleHour, 30 / 0.7, 1e-9);  // scheduled hours, T2 included
  const auto& r2jan = k.routeMonths[2];
  EXPECT_EQ(r2jan.routeId, "R2");
  EXPECT_EQ(r2jan.riders, 30);
  EXPECT_NEAR(*r2jan.ridersPerVehicleHour, 90, 1e-9);
  EXPECT_NEAR(*k.routeMonths[3].ridersPerVehicleHour, 84, 1e-9);
  ASSERT_EQ(k.months.size(), 2u);
  EXPECT_EQ(k.months[0].riders, 110);
  EXPECT_NEAR(*k.months[0].ridersPerVehicleHour, 110 / (0.7 + 1.0 / 3), 1e-9);
  EXPECT_FALSE(k.months[0].trailing12);
  EXPECT_EQ(k.months[1].riders, 58);
  // Busiest stops by boardings + alightings: S1 121+23, S4 37+58, S3 0+60, S2 10+27.
  ASSERT_EQ(k.stops.size(), 4u);
  EXPECT_EQ(k.stops[0].stopId, "S1");
  EXPECT_EQ(k.stops[0].boardings, 121);
  EXPECT_EQ(k.stops[0].alightings, 23);
  EXPECT_EQ(k.stops[1].stopId, "S4");
  EXPECT_EQ(k.stops[2].stopId, "S3");
  EXPECT_EQ(k.stops[3].stopId, "S2");
  EXPECT_EQ(k.stops[3].rank, 4);
  // Both months in FY2025 (April 2025 - March 2026).
  ASSERT_EQ(k.years.size(), 1u);
  EXPECT_EQ(k.years[0].year, "FY2025");
  EXPECT_EQ(k.years[0].riders, 168);
  EXPECT_EQ(k.years[0].gap, 4.0e6 - 168);
  // Two months: the monthly trend. Mean 84 -> 1008 a year; line 110 - 52 x; next 12
  // months sum 12 x 110 - 52 x (2 + ... + 13) = -3360, shown as 0; slope 12 x -52.
  const auto& p = k.projection;
  EXPECT_EQ(p.method, "monthly-trend");
  EXPECT_EQ(p.basisMonths, 2);
  EXPECT_NEAR(p.annualNow, 1008, 1e-9);
  EXPECT_NEAR(p.slopePerMonth, -624, 1e-9);
  EXPECT_EQ(p.projectedAnnual, 0);
  EXPECT_FALSE(p.monthsToTarget);
  // The result tables, keyed (route_id, month).
  const auto rec = mobility::KpiOp::record(r);
  ASSERT_EQ(rec.tables.size(), 7u);
  EXPECT_EQ(rec.tables[2].name, "route_months");
  EXPECT_EQ(rec.tables[2].keyColumns, 2);
  EXPECT_EQ(rec.tables[2].rows[0][2], "高輪");
  EXPECT_EQ(rec.tables[3].rows[0][1], "高輪ゲートウェイ駅前");
}

// route_day.csv: 2025-01 .. 2026-01, R1 10,000 a month (10,600 in 2026-01), R2 5,000.
// Trailing 12-month totals: 180,000 at 2025-12, 180,600 at 2026-01: slope 600 a month,
// projection 180,600 + 12 x 600 = 187,800; against 200,000: gap 19,400, reached in
// ceil(19,400 / 600) = 33 months. Days outside the feed's calendar (2025) have no
// scheduled vehicle-hours.
TEST(RidershipKpi, TrailingTwelveMonthProjectionAndYears) {
  mobility::KpiParams params;
  params.target = 200000;
  const auto r = kpis("route_day.csv", params);
  const auto& k = r.kpis;
  ASSERT_EQ(k.months.size(), 13u);
  EXPECT_FALSE(k.months[10].trailing12);
  EXPECT_EQ(*k.months[11].trailing12, 180000);
  EXPECT_EQ(*k.months[12].trailing12, 180600);
  // 2025 lies outside the feed's period (2026-01-05 .. 2026-12-31): its days take the
  // representative day of their type. 2025-01-15 is a Wednesday: R1 0.7 h, R2 1/3 h;
  // 2025-02-15 a Saturday: R1 T3 08:00-08:20 = 1/3 h, R2 no Saturday trip.
  EXPECT_NEAR(*k.months[0].ridersPerVehicleHour, 15000 / (0.7 + 1.0 / 3), 1e-6);
  EXPECT_NEAR(k.months[1].vehicleHours, 1.0 / 3, 1e-9);
  EXPECT_EQ(k.borrowedScheduleDays, 24);  // 12 dates of 2025 x 2 routes
  // 2026-01-15 is a weekday of the feed: R1 0.7 h, R2 1/3 h.
  EXPECT_NEAR(*k.months[12].ridersPerVehicleHour, 15600 / (0.7 + 1.0 / 3), 1e-6);
  const auto& p = k.projection;
  EXPECT_EQ(p.method, "trailing-12");
  EXPECT_EQ(p.basisMonths, 2);
  EXPECT_EQ(p.latestMonth, "2026-01");
  EXPECT_NEAR(p.annualNow, 180600, 1e-9);
  EXPECT_NEAR(p.slopePerMonth, 600, 1e-9);
  EXPECT_NEAR(p.projectedAnnual, 187800, 1e-9);
  EXPECT_NEAR(p.gapNow, 19400, 1e-9);
  EXPECT_NEAR(p.gapProjected, 12200, 1e-9);
  EXPECT_EQ(*p.monthsToTarget, 33);
  // Fiscal years: FY2024 = 2025-01..03 (3 months), FY2025 = 2025-04..2026-01 (10 months).
  ASSERT_EQ(k.years.size(), 2u);
  EXPECT_EQ(k.years[0].year, "FY2024");
  EXPECT_EQ(k.years[0].riders, 45000);
  EXPECT_EQ(k.years[0].months, 3);
  EXPECT_EQ(k.years[1].riders, 150600);
  EXPECT_EQ(k.years[1].gap, 200000 - 150600);
  // Calendar years.
  params.year_start_month = 1;
  const auto c = kpis("route_day.csv", params);
  ASSERT_EQ(c.kpis.years.size(), 2u);
  EXPECT_EQ(c.kpis.years[0].year, "2025");
  EXPECT_EQ(c.kpis.years[0].riders, 180000);
  EXPECT_EQ(c.kpis.years[0].months, 12);
  EXPECT_TRUE(c.kpis.stops.empty());  // no stop-level records
  EXPECT_TRUE(c.kpis.hourly.empty());
  // Calendar 2025 is complete: every month has one day of 15,000 riders, so every seasonal
  // index is 1; January 2026 is 15,600 against 15,000 a year before.
  ASSERT_EQ(c.kpis.seasonality.size(), 12u);
  for (const auto& x : c.kpis.seasonality) EXPECT_NEAR(x.index, 1.0, 1e-12) << x.month;
  EXPECT_NEAR(*c.kpis.months[12].changeOnYear, 0.04, 1e-12);
  EXPECT_FALSE(c.kpis.months[11].changeOnYear);
  // Fiscal years: none complete, no seasonality.
  EXPECT_TRUE(k.seasonality.empty());
}

// stop_trip.csv by hour: both dates are weekdays (Thursdays). Boardings by the hour of the
// stop's departure: T1 06:28-06:50 (35 + 30) in hour 6, T2 07:00-07:20 (45) in hour 7,
// T4 departs S1 at 24:50, hour 0 (30 + 28). Loads leaving each stop (boardings so far minus
// alightings so far, the last stop has no departure):
//   T1 01-15: S4 12, S1 12-5+20 = 27, S2 27-10+3 = 20;  T1 02-12: 10, 20, 20   -> hour 6
//   T2 01-15: 15, 30, 20                                                      -> hour 7
//   T4: S1 30 and 28                                                          -> hour 0
TEST(RidershipKpi, HourlyLoadProfileRouteYearsAndMonthFilter) {
  const auto r = kpis("stop_trip.csv");
  const auto& h = r.kpis.hourly;
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].dayType, "weekday");
  EXPECT_EQ(h[0].hour, 0);
  EXPECT_EQ(h[0].days, 2);
  EXPECT_EQ(h[0].boardings, 58);
  EXPECT_NEAR(h[0].boardingsPerDay, 29, 1e-12);
  EXPECT_EQ(h[0].calls, 2);
  EXPECT_NEAR(h[0].meanLoad, 29, 1e-12);
  EXPECT_EQ(h[0].maxLoad, 30);
  EXPECT_EQ(h[1].hour, 6);
  EXPECT_EQ(h[1].boardings, 65);
  EXPECT_NEAR(h[1].boardingsPerDay, 32.5, 1e-12);
  EXPECT_EQ(h[1].calls, 6);
  EXPECT_NEAR(h[1].meanLoad, 109.0 / 6, 1e-12);
  EXPECT_EQ(h[1].maxLoad, 27);
  EXPECT_EQ(h[2].hour, 7);
  EXPECT_EQ(h[2].boardings, 45);
  EXPECT_NEAR(h[2].meanLoad, 65.0 / 3, 1e-12);
  EXPECT_EQ(h[2].maxLoad, 30);
  // Route years (FY2025): R1 110 riders over 2 x 0.7 h; R2 58 over 2 x 1/3 h.
  ASSERT_EQ(r.kpis.routeYears.size(), 2u);
  EXPECT_EQ(r.kpis.routeYears[0].routeId, "R1");
  EXPECT_EQ(r.kpis.routeYears[0].riders, 110);
  EXPECT_EQ(r.kpis.routeYears[0].months, 2);
  EXPECT_NEAR(*r.kpis.routeYears[0].ridersPerVehicleHour, 110 / 1.4, 1e-9);
  EXPECT_NEAR(*r.kpis.routeYears[1].ridersPerVehicleHour, 87, 1e-9);
  EXPECT_EQ(r.kpis.borrowedScheduleDays, 0);
  EXPECT_EQ(r.kpis.months[0].days, 1);
  EXPECT_NEAR(r.kpis.months[0].ridersPerDay, 110, 1e-12);

  // February only: one weekday; T2 has no records that day. Busiest stops: S1 18+28 boardings
  // and 8 alightings = 54, S4 10 + 28 = 38, S3 20, S2 4.
  mobility::KpiParams feb;
  feb.month = "2026-02";
  const auto f = kpis("stop_trip.csv", feb);
  ASSERT_EQ(f.kpis.hourly.size(), 2u);
  EXPECT_EQ(f.kpis.hourly[0].hour, 0);
  EXPECT_EQ(f.kpis.hourly[0].days, 1);
  EXPECT_EQ(f.kpis.hourly[1].hour, 6);
  EXPECT_EQ(f.kpis.hourly[1].boardings, 30);
  EXPECT_NEAR(f.kpis.hourly[1].meanLoad, 50.0 / 3, 1e-12);
  ASSERT_EQ(f.kpis.stops.size(), 4u);
  EXPECT_EQ(f.kpis.stops[0].stopId, "S1");
  EXPECT_EQ(f.kpis.stops[0].boardings, 46);
  EXPECT_EQ(f.kpis.stops[0].alightings, 8);
  EXPECT_EQ(f.kpis.stops[1].stopId, "S4");
  EXPECT_EQ(f.kpis.stops[3].stopId, "S2");
  EXPECT_EQ(f.kpis.riders, 168);  // the other KPIs still cover every record
  feb.month = "2026-2";
  EXPECT_THROW(kpis("stop_trip.csv", feb), core::ValidationError);
}

// seasonal_route_day.csv, calendar 2025 (R1 only): January has two days of 900 riders, the
// other months one day each (Feb 1,000, Mar 1,100, Jul 1,200, Aug 800, the rest 1,000).
// The year: 12,900 riders on 13 days = 992.3077 a day; index = month per day / that.
TEST(RidershipKpi, SeasonalIndexFromCompleteYears) {
  mobility::KpiParams params;
  params.year_start_month = 1;
  const auto r = kpis("seasonal_route_day.csv", params);
  const auto& s = r.kpis.seasonality;
  ASSERT_EQ(s.size(), 12u);
  const double perDay = 12900.0 / 13;
  EXPECT_EQ(s[0].month, 1);
  EXPECT_EQ(s[0].years, 1);  // 2026 has January only
  EXPECT_NEAR(s[0].index, 900 / perDay, 1e-12);
  EXPECT_NEAR(s[2].index, 1100 / perDay, 1e-12);
  EXPECT_NEAR(s[6].index, 1200 / perDay, 1e-12);
  EXPECT_NEAR(s[7].index, 800 / perDay, 1e-12);
  EXPECT_EQ(r.kpis.months[0].days, 2);
  EXPECT_NEAR(r.kpis.months[0].ridersPerDay, 900, 1e-12);
  EXPECT_NEAR(*r.kpis.months[12].changeOnYear, 990.0 / 1800 - 1, 1e-12);
}
