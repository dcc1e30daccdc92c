// ekimachi-cli profile: totals and hour-of-day profiles of one cell, segment or station by
// day type, ISO week or month.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/format.h"
#include "ekm/flow/profile.h"
#include "ekm/flow/store_series.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;
using namespace ekm::flow;

const char* kUsage =
    "usage: ekimachi-cli profile --project FILE (--cell CODE|--segment ID|--station ID)\n"
    "                            [--by daytype|week|month] [--from DATE] [--to DATE]\n"
    "                            [--mode pedestrian|bicycle|vehicle] [--measure total|boardings|alightings]\n"
    "                            [--calendar japan|none+H] [--format csv|json]\n\n"
    "Hour-of-day profiles (mean per local hour over the present hours) and totals of one feature,\n"
    "grouped by day type (weekday, saturday, sunday_holiday with the Japanese holiday calendar\n"
    "incl. substitute holidays), ISO week (2025-W13) or month (2025-03). Dates are local (JST by\n"
    "default), inclusive. Missing hours are not counted as zero: each group reports the present\n"
    "and expected hours, the coverage, the sum of the present hours (total), and the mean daily\n"
    "total over complete days (all 24 hours present).\n"
    "CSV columns: group, hours_present, hours_expected, coverage, total, complete_days,\n"
    "mean_daily_total, h00..h23 (empty = no data).\n"
    "A zone: --cell A,B,C (or --segment/--station lists) sums the members; a coarser mesh code\n"
    "than the stored cells (e.g. the 1/2 mesh 533935961) sums the stored cells inside it. An\n"
    "hour counts as present when any member is; the member coverage is printed on stderr.\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown feature, 6 store.";

int runProfile(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet"});
  args.checkKnown({"project", "cell", "segment", "station", "by", "from", "to", "mode", "measure", "calendar",
                   "format", "quiet"});
  if (!args.positionals().empty())
    throw Error(ErrorCode::Usage, "unexpected argument '" + args.positionals()[0] + "'");
  const std::string format = args.value("format").value_or("csv");
  if (format != "csv" && format != "json") throw Error(ErrorCode::Usage, "bad --format (csv or json)");
  const ProfileBy by = profileByFromName(args.value("by").value_or("daytype"));
  const LocalCalendar cal = calendarFromName(args.value("calendar").value_or("japan"));
  int given = 0;
  FeatureKind kind = FeatureKind::Cell;
  std::string id;
  for (const auto& [opt, k] : {std::pair{"cell", FeatureKind::Cell},
                               {"segment", FeatureKind::Segment},
                               {"station", FeatureKind::Station}})
    if (const auto v = args.value(opt)) {
      ++given;
      kind = k;
      id = *v;
    }
  if (given != 1) throw Error(ErrorCode::Usage, "give exactly one of --cell, --segment, --station");
  SeriesQuery q;
  auto date = [&](const char* name) -> std::optional<std::chrono::year_month_day> {
    const auto v = args.value(name);
    if (!v) return std::nullopt;
    const auto d = core::parseDate(*v);
    if (!d) {
      core::ErrorContext c;
      c.field = name;
      c.expected = "YYYY-MM-DD";
      c.found = *v;
      throw Error(ErrorCode::Usage, std::string("bad --") + name, c);
    }
    return d;
  };
  if (const auto d = date("from")) q.from = cal.hourKey(*d, 0);
  if (const auto d = date("to")) q.to = cal.hourKey(*d, 23);
  if (const auto m = args.value("mode")) {
    if (*m == "pedestrian")
      q.mode = store::TravelMode::Pedestrian;
    else if (*m == "bicycle")
      q.mode = store::TravelMode::Bicycle;
    else if (*m == "vehicle")
      q.mode = store::TravelMode::Vehicle;
    else
      throw Error(ErrorCode::Usage, "bad --mode (pedestrian, bicycle or vehicle)");
  }
  if (const auto m = args.value("measure")) {
    if (*m == "total")
      q.station = StationMeasure::Total;
    else if (*m == "boardings")
      q.station = StationMeasure::Boardings;
    else if (*m == "alightings")
      q.station = StationMeasure::Alightings;
    else
      throw Error(ErrorCode::Usage, "bad --measure (total, boardings or alightings)");
  }
  std::vector<HourProfile> profiles;
  {
    TerminalFeedback fb("profile", args.flag("quiet"));
    const store::Project p = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
    fb.setProgress(10);
    double coverage = 1.0;
    const HourlySeries s = loadSeries(p, kind, id, q, &coverage);
    if (coverage < 1.0)
      std::cerr << "note: " << formatNumber(100.0 * coverage, 1)
                << "% of the (member-)hours are present; missing hours are left out, never counted as 0\n";
    fb.throwIfCancelled();
    profiles = hourProfiles(s, cal, by);
    fb.setProgress(100);
    fb.finish();
  }
  if (format == "csv") {
    std::cout << "group,hours_present,hours_expected,coverage,total,complete_days,mean_daily_total";
    for (int h = 0; h < 24; ++h) std::cout << ",h" << (h < 10 ? "0" : "") << h;
    std::cout << '\n';
    for (const HourProfile& p : profiles) {
      std::cout << p.label << ',' << p.hoursPresent << ',' << p.hoursExpected << ','
                << formatNumber(p.coverage(), 4) << ',' << formatNumber(p.total) << ',' << p.completeDays
                << ',' << formatNumber(p.meanDailyTotal, 2);
      for (double m : p.mean) std::cout << ',' << formatNumber(m, 2);
      std::cout << '\n';
    }
  } else {
    nlohmann::ordered_json j;
    j["feature"] = id;
    j["kind"] = featureKindTable(kind);
    j["by"] = profileByName(by);
    j["calendar"] = cal.name();
    for (const HourProfile& p : profiles) {
      nlohmann::ordered_json g;
      g["group"] = p.label;
      g["hours_present"] = p.hoursPresent;
      g["hours_expected"] = p.hoursExpected;
      g["coverage"] = p.coverage();
      g["total"] = p.total;
      g["complete_days"] = p.completeDays;
      g["mean_daily_total"] = std::isnan(p.meanDailyTotal) ? nlohmann::ordered_json(nullptr)
                                                           : nlohmann::ordered_json(p.meanDailyTotal);
      for (double m : p.mean)
        g["hourly_mean"].push_back(std::isnan(m) ? nlohmann::ordered_json(nullptr)
                                                 : nlohmann::ordered_json(m));
      j["profiles"].push_back(g);
    }
    std::cout << j.dump(1) << '\n';
  }
  return 0;
}

const CommandRegistrar kRegistrar{
    Command{"profile", "hour-of-day profiles and totals of a cell, segment or station by day type/week/month",
            kUsage, runProfile}};

}  // namespace
}  // namespace ekm::cli
