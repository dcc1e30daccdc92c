#pragma once
// Ridership operations (CLI group `ekimachi-cli mobility VERB`; method in ridership.h):
//   mobility-ridership-import  a ridership CSV (stop-trip or route-day layout) into the
//                              project's ridership_records, all or nothing
//   mobility-kpi               riders per year against the target, per route and month,
//                              riders per vehicle-hour, busiest stops, gap and projection
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/mobility/ridership.h"
#include "ekm/ops/operation.h"

namespace ekm::ops {
class Registry;
}

namespace ekm::mobility {

struct RidershipImportParams {
  std::string file;
  bool replace = false;

  template <class V>
  void fields(V& v) {
    v("file", file, {.help = "ridership CSV: date,trip_id,stop_id,boardings[,alightings] or "
                             "date,route_id,boardings[,alightings]",
                     .required = true, .role = ops::Role::InputFile, .positional = 0});
    v("replace", replace, {.help = "replace the stored records of every date and route in the file"});
  }
  void validate() const {}
};

struct RidershipImportResult {
  std::string file, sha256, layout;
  std::int64_t records = 0, riders = 0;
  std::string firstDate, lastDate;
  std::vector<std::string> warnings;
};

// The import itself (the operation's body, also used by the sample generator): reads and
// checks the file against the feed and writes it into the project, all or nothing.
RidershipImportResult importRidership(store::Project& project, const store::GtfsFeed& feed, const std::string& file,
                                      bool replace);

struct RidershipImportOp {
  static constexpr const char* name = "mobility-ridership-import";
  static constexpr const char* summary =
      "import bus ridership records (boardings/alightings by stop and trip, or by route and day)";
  static constexpr bool writesProject = true;
  using Params = RidershipImportParams;
  using Result = RidershipImportResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

struct KpiParams {
  double target = 4.0e6;
  double baseline = 3.6e6;
  std::int64_t year_start_month = 4;
  std::int64_t top_stops = 10;
  std::string month;

  template <class V>
  void fields(V& v) {
    v("target", target, {.help = "target riders a year", .min = 1, .max = 1e10});
    v("baseline", baseline, {.help = "riders a year when the target was set (reported)", .min = 0, .max = 1e10});
    v("year_start_month", year_start_month,
      {.help = "first month of the year the KPI counts (4 = Japanese fiscal year, 1 = calendar year)", .min = 1,
       .max = 12});
    v("top_stops", top_stops, {.help = "busiest stops listed", .min = 1, .max = 10000});
    v("month", month, {.help = "YYYY-MM: busiest stops and load profiles of this month only (default: all records)"});
  }
  void validate() const;
};

// Throws ValidationError naming `field` unless `month` is "YYYY-MM" (or empty when allowed).
void checkMonth(const std::string& month, const std::string& field, bool allowEmpty);

struct KpiResult {
  store::GtfsFeedInfo feedInfo;
  std::vector<store::GtfsRoute> routes;
  std::vector<store::GtfsStop> stops;
  KpiOptions options;
  RidershipKpis kpis;
};

struct KpiOp {
  static constexpr const char* name = "mobility-kpi";
  static constexpr const char* summary =
      "ridership KPIs: riders per year against the target, per route and month, riders per vehicle-hour, "
      "busiest stops, gap to target and projection at the current trend";
  static constexpr bool writesProject = false;
  using Params = KpiParams;
  using Result = KpiResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

void registerRidershipOperations(ops::Registry& registry);

}  // namespace ekm::mobility
