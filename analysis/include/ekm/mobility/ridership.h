#pragma once
// Bus ridership records and their KPIs (issue 12, part 4).
//
// Records (CSV, UTF-8, header row; column names case-insensitive, any order):
//   stop-trip layout: date, trip_id, stop_id, boardings[, alightings][, route_id]
//     - boardings and alightings of one trip at one stop on one service day;
//       route_id, when given, must be the trip's route in the feed.
//   route-day layout: date, route_id, boardings[, alightings]
//     - the boardings (riders) of one route on one service day.
// date is YYYY-MM-DD (or YYYYMMDD); counts are whole numbers >= 0 (io/domain_checks.h).
// Ids must exist in the project's GTFS feed and a stop-trip record's trip must call at its
// stop. A key (date, route, trip, stop) appears once. Every error names the file, line and
// field; the file is imported whole or not at all. Warnings: a trip that does not run on
// the record's date by the feed's calendar; a trip-day whose boardings and alightings differ.
//
// KPIs (ridershipKpis): a rider is one boarding.
//   - per route and month: riders, days with records, scheduled vehicle-hours of those
//     (route, day)s and riders per vehicle-hour. Vehicle-hours of a trip = its last stop's
//     arrival minus its first stop's departure; a (route, day)'s vehicle-hours = the sum over
//     the route's trips whose service runs that day (calendar + calendar_dates). A day
//     outside the feed's period takes the representative day of its day type (service.h,
//     ScheduledDays); such (route, day)s are counted in borrowedScheduleDays.
//   - per route and year: the same summed over the year's months.
//   - per month: riders per day = riders / days with records (any route).
//   - seasonality: for every year (as below) with records in all 12 months, each month's
//     riders per day divided by the year's riders per day (its riders / its days with
//     records); a calendar month's index is the mean of these ratios over such years
//     (absent without a complete year). Month-on-month-of-last-year change = riders /
//     riders of the same month a year before - 1.
//   - load profile (stop-trip records only) per day type (weekday, Saturday, Sunday/holiday
//     by the Japanese calendar) and hour: boardings whose stop departure (the trip's first
//     call at the stop) falls in the hour of the clock, per day of that type with records;
//     and the mean on-board load leaving a stop in that hour over every call of the recorded
//     trip-days (load = boardings so far - alightings so far; a stop's boardings count at its
//     first call, its alightings at its last, so a loop's terminal works).
//     Busiest stops and load profiles cover KpiOptions::month only when it is set.
//   - per month: the same over all routes, and the trailing 12-month total (the sum of the
//     month and the 11 before it, when all 12 have records).
//   - per year (fiscal year from year_start_month; April = Japanese fiscal year, labelled by
//     the calendar year it starts in, "FY2025" = 2025-04 .. 2026-03): riders, months with
//     records, target, gap = target - riders.
//   - busiest stops: boardings + alightings over the stop-trip records, largest first.
//   - projection at the current trend: with 13 months or more, the least-squares slope of the
//     trailing 12-month totals over the last (up to) 12 of them; projected annual riders =
//     latest trailing total + 12 x slope (the 12 months after the latest month). With 2..12
//     months, method "monthly-trend": a least-squares line through the monthly totals,
//     annual now = 12 x their mean, projected = the line's sum over the next 12 months, slope
//     = 12 x the monthly slope. A projection below zero is shown as 0. Gap to target = target - annual now; months to target =
//     ceil(gap / slope) when the slope is positive and the target not yet reached.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/store/ridership_store.h"
#include "ekm/store/transit_store.h"

namespace ekm::mobility {

struct RidershipFile {
  std::string layout;  // "stop-trip" or "route-day"
  std::vector<store::RidershipRecord> records;
  std::vector<std::string> warnings;  // "file:line: field 'f': message"
};

// Reads and checks a ridership CSV against the feed. Throws core::ValidationError (file,
// line, field, expected, found) on the first error.
RidershipFile readRidershipCsv(const std::string& path, const store::GtfsFeed& feed);

struct KpiOptions {
  double target = 4.0e6;    // riders a year
  double baseline = 3.6e6;  // riders a year when the target was set (reported only)
  int yearStartMonth = 4;   // 1 = calendar years
  int topStops = 10;
  std::string month;  // "YYYY-MM": busiest stops and load profiles of this month only ("" = all)
};

struct RouteMonthKpi {
  std::string routeId, month;  // month "YYYY-MM"
  std::int64_t riders = 0;
  int days = 0;
  double vehicleHours = 0;
  std::optional<double> ridersPerVehicleHour;
};
struct RouteYearKpi {
  std::string routeId, year;
  std::int64_t riders = 0;
  int months = 0, days = 0;
  double vehicleHours = 0;
  std::optional<double> ridersPerVehicleHour;
};
struct MonthKpi {
  std::string month;
  std::int64_t riders = 0;
  int days = 0;  // dates with records
  double ridersPerDay = 0;
  std::optional<double> changeOnYear;  // riders / riders of the month a year before - 1
  double vehicleHours = 0;
  std::optional<double> ridersPerVehicleHour;
  std::optional<std::int64_t> trailing12;
};
struct YearKpi {
  std::string year;  // "FY2025" or "2025"
  std::int64_t riders = 0;
  int months = 0;
  double target = 0, gap = 0;
};
struct SeasonIndex {
  int month = 0;  // 1..12
  double index = 0;
  int years = 0;  // complete years it is the mean over
};
struct HourLoad {
  std::string dayType;  // "weekday", "saturday", "sunday_holiday"
  int hour = 0;
  int days = 0;               // days of this type with stop-trip records
  std::int64_t boardings = 0;
  double boardingsPerDay = 0;
  std::int64_t calls = 0;     // stop calls departing in the hour on recorded trip-days
  double meanLoad = 0;        // riders on board leaving a stop, mean over the calls
  std::int64_t maxLoad = 0;
};
struct StopKpi {
  std::string stopId;
  std::int64_t boardings = 0, alightings = 0;
  int rank = 0;
};
struct Projection {
  std::string method;  // "trailing-12" | "monthly-trend" | "" (fewer than 2 months)
  int basisMonths = 0;
  std::string latestMonth;
  double annualNow = 0;        // riders in the latest 12 months (or annualised)
  double slopePerMonth = 0;    // change of the annual total per month
  double projectedAnnual = 0;  // the 12 months after the latest month
  double gapNow = 0, gapProjected = 0;
  std::optional<int> monthsToTarget;
};
struct RidershipKpis {
  std::vector<RouteMonthKpi> routeMonths;  // by route, month
  std::vector<RouteYearKpi> routeYears;    // by route, year
  std::vector<MonthKpi> months;            // by month
  std::vector<YearKpi> years;
  std::vector<StopKpi> stops;              // busiest first, at most topStops
  std::vector<SeasonIndex> seasonality;    // calendar months 1..12 (empty without a complete year)
  std::vector<HourLoad> hourly;            // by day type, hour (only hours with calls or boardings)
  std::int64_t borrowedScheduleDays = 0;   // (route, day)s outside the feed's period
  Projection projection;
  std::int64_t records = 0, riders = 0;
};

RidershipKpis ridershipKpis(const store::GtfsFeed& feed, const std::vector<store::RidershipRecord>& records,
                            const KpiOptions& options);

}  // namespace ekm::mobility
