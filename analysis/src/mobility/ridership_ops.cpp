// The ridership operations (ridership_ops.h).
#include "ekm/mobility/ridership_ops.h"

#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/mobility/mobility_ops.h"
#include "ekm/io/sha256.h"
#include "ekm/ops/registry.h"
#include "ekm/store/ridership_store.h"
#include "ekm/store/transit_store.h"

namespace ekm::mobility {

namespace {

ops::Json optJson(const std::optional<double>& v) { return v ? ops::Json(*v) : ops::Json(); }

}  // namespace

void checkMonth(const std::string& month, const std::string& field, bool allowEmpty) {
  if (month.empty() && allowEmpty) return;
  const bool ok = month.size() == 7 && month[4] == '-' && core::parseDate(month + "-01").has_value();
  if (!ok) throw core::ValidationError("invalid month", {"", std::nullopt, std::nullopt, field, "YYYY-MM", month});
}

void KpiParams::validate() const { checkMonth(month, "month", true); }

RidershipImportResult importRidership(store::Project& project, const store::GtfsFeed& feed, const std::string& file,
                                      bool replace) {
  auto parsed = readRidershipCsv(file, feed);
  store::RidershipImport im;
  im.sourcePath = file;
  im.sourceSha256 = io::sha256File(file);
  im.layout = parsed.layout;
  im.replace = replace;
  im.records = std::move(parsed.records);
  RidershipImportResult r;
  r.file = file;
  r.sha256 = im.sourceSha256;
  r.layout = im.layout;
  r.records = store::writeRidership(project, im);
  for (const auto& rec : im.records) {
    r.riders += rec.boardings;
    if (r.firstDate.empty() || rec.date < r.firstDate) r.firstDate = rec.date;
    if (rec.date > r.lastDate) r.lastDate = rec.date;
  }
  r.warnings = std::move(parsed.warnings);
  return r;
}

RidershipImportResult RidershipImportOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const std::string file = session.resolve(p.file);
  const auto feed = projectFeed(session);
  feedback.setProgress(10);
  auto r = importRidership(session.projectForWriting(), feed, file, p.replace);
  session.recordInputFile(file);
  feedback.setProgress(100);
  return r;
}

ops::OpResult RidershipImportOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"file", r.file},     {"sha256", r.sha256},         {"layout", r.layout},
                 {"records", r.records}, {"riders", r.riders},        {"first_date", r.firstDate},
                 {"last_date", r.lastDate}};
  out.warnings = r.warnings;
  return out;
}

KpiResult KpiOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  KpiResult r;
  auto feed = projectFeed(session);
  const auto records = store::readRidership(session.project());
  session.recordTableRead("ridership_records");
  if (records.empty())
    throw core::ValidationError("the project has no ridership records (mobility ridership-import --project P FILE)",
                                {session.project().path(), std::nullopt, std::nullopt, "ridership_records",
                                 "ridership records", "none"});
  feedback.setProgress(30);
  r.options.target = p.target;
  r.options.baseline = p.baseline;
  r.options.yearStartMonth = static_cast<int>(p.year_start_month);
  r.options.topStops = static_cast<int>(p.top_stops);
  r.options.month = p.month;
  r.kpis = ridershipKpis(feed, records, r.options);
  r.feedInfo = feed.info;
  r.routes = std::move(feed.routes);
  r.stops = std::move(feed.stops);
  feedback.setProgress(100);
  return r;
}

ops::OpResult KpiOp::record(const Result& r) {
  ops::OpResult out;
  const auto& k = r.kpis;
  const auto& pr = k.projection;
  out.summary = {{"records", k.records},
                 {"riders", k.riders},
                 {"target", r.options.target},
                 {"baseline", r.options.baseline},
                 {"latest_month", pr.latestMonth},
                 {"projection_method", pr.method},
                 {"projection_basis_months", pr.basisMonths},
                 {"riders_last_12_months", pr.method.empty() ? ops::Json() : ops::Json(pr.annualNow)},
                 {"trend_per_month", pr.method.empty() ? ops::Json() : ops::Json(pr.slopePerMonth)},
                 {"projected_next_12_months", pr.method.empty() ? ops::Json() : ops::Json(pr.projectedAnnual)},
                 {"gap_to_target", pr.method.empty() ? ops::Json() : ops::Json(pr.gapNow)},
                 {"projected_gap_to_target", pr.method.empty() ? ops::Json() : ops::Json(pr.gapProjected)},
                 {"months_to_target", pr.monthsToTarget ? ops::Json(*pr.monthsToTarget) : ops::Json()},
                 {"month", r.options.month},
                 {"route_days_on_representative_schedule", k.borrowedScheduleDays},
                 {"attribution", r.feedInfo.attribution}};
  std::unordered_map<std::string, const store::GtfsRoute*> routes;
  for (const auto& x : r.routes) routes[x.routeId] = &x;
  std::unordered_map<std::string, const store::GtfsStop*> stops;
  for (const auto& x : r.stops) stops[x.stopId] = &x;

  ops::ResultTable years{"years", {"year", "riders", "months", "target", "gap"}, 1, {}, ""};
  for (const auto& y : k.years) years.rows.push_back({y.year, y.riders, y.months, y.target, y.gap});
  ops::ResultTable months{"months",
                          {"month", "riders", "days", "riders_per_day", "vehicle_hours", "riders_per_vehicle_hour",
                           "trailing_12m", "change_on_year"},
                          1, {}, ""};
  for (const auto& m : k.months)
    months.rows.push_back({m.month, m.riders, m.days, m.ridersPerDay, m.vehicleHours, optJson(m.ridersPerVehicleHour),
                           m.trailing12 ? ops::Json(*m.trailing12) : ops::Json(), optJson(m.changeOnYear)});
  ops::ResultTable routeMonths{
      "route_months", {"route_id", "month", "name", "riders", "days", "vehicle_hours", "riders_per_vehicle_hour"}, 2,
      {}, "gtfs_route"};
  for (const auto& x : k.routeMonths) {
    const auto it = routes.find(x.routeId);
    routeMonths.rows.push_back({x.routeId, x.month, it == routes.end() ? "" : it->second->displayName(), x.riders,
                                x.days, x.vehicleHours, optJson(x.ridersPerVehicleHour)});
  }
  ops::ResultTable busiest{"busiest_stops", {"stop_id", "name", "rank", "boardings", "alightings"}, 1, {}, "gtfs_stop"};
  for (const auto& s : k.stops) {
    const auto it = stops.find(s.stopId);
    busiest.rows.push_back({s.stopId, it == stops.end() ? "" : it->second->name, s.rank, s.boardings, s.alightings});
  }
  ops::ResultTable routeYears{
      "route_years", {"route_id", "year", "name", "riders", "months", "vehicle_hours", "riders_per_vehicle_hour"}, 2,
      {}, "gtfs_route"};
  for (const auto& x : k.routeYears) {
    const auto it = routes.find(x.routeId);
    routeYears.rows.push_back({x.routeId, x.year, it == routes.end() ? "" : it->second->displayName(), x.riders,
                               x.months, x.vehicleHours, optJson(x.ridersPerVehicleHour)});
  }
  ops::ResultTable season{"seasonality", {"month", "index", "years"}, 1, {}, ""};
  for (const auto& x : k.seasonality) season.rows.push_back({x.month, x.index, x.years});
  ops::ResultTable hourly{"load_profile",
                          {"day_type", "hour", "days", "boardings", "boardings_per_day", "calls", "mean_load",
                           "max_load"},
                          2, {}, ""};
  for (const auto& x : k.hourly)
    hourly.rows.push_back({x.dayType, x.hour, x.days, x.boardings, x.boardingsPerDay, x.calls, x.meanLoad, x.maxLoad});
  out.tables = {std::move(years),      std::move(months), std::move(routeMonths), std::move(busiest),
                std::move(routeYears), std::move(season), std::move(hourly)};
  return out;
}

void registerRidershipOperations(ops::Registry& registry) {
  registry.add<RidershipImportOp>();
  registry.add<KpiOp>();
}

}  // namespace ekm::mobility
