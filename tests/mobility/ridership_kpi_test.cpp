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
  ASSERT_EQ(rec.tables.size(), 4u);
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
  EXPECT_FALSE(k.months[0].ridersPerVehicleHour);
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
}
