// ekimachi-cli profile: totals and hour-of-day profiles of one cell, segment or station by
// day type, ISO week or month.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/flow/format.h"
#include "ekm/flow/link.h"
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
    "Linking views (same options for the feature and dates):\n"
    "  --station ID --catchment METRES   the project's cells whose centre is within METRES\n"
    "                                    (geodesic, GRS80) of the station: cell, distance_m\n"
    "  --xcorr KIND:ID [--max-lag H]     lagged cross-correlation with another feature, e.g.\n"
    "                                    --station X --xcorr cell:53393547411 (lag_h, r, pairs;\n"
    "                                    r(lag) = corr(x(t), y(t+lag)), missing hours skipped)\n"
    "  --agreement KIND                  every feature's normalised daily pattern against the\n"
    "                                    median of the others; flagged if r < 0.8 or distance > 0.25\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown feature, 6 store.";

// The linking views: a station's catchment cells, lagged cross-correlation of two features,
// and the agreement check across all features of a kind.
int runLink(const Args& args, FeatureKind kind, const std::string& id, const SeriesQuery& q,
            const LocalCalendar& cal, const std::string& format) {
  const store::Project p = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  TerminalFeedback fb("link", args.flag("quiet"));
  auto parseNumber = [&](const std::string& name, double lo, double hi) {
    const std::string v = *args.value(name);
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || !(x >= lo && x <= hi)) {
      core::ErrorContext c;
      c.field = name;
      c.expected = "a number in " + formatNumber(lo) + ".." + formatNumber(hi);
      c.found = v;
      throw Error(ErrorCode::Usage, "bad --" + name, c);
    }
    return x;
  };
  nlohmann::ordered_json j;
  if (args.value("catchment")) {
    if (kind != FeatureKind::Station) throw Error(ErrorCode::Usage, "--catchment needs --station");
    const double radius = parseNumber("catchment", 1, 50000);
    const auto stations = p.stations();
    const auto st =
        std::find_if(stations.begin(), stations.end(), [&](const auto& s) { return s.stationId == id; });
    if (st == stations.end()) {
      core::ErrorContext c;
      c.field = "station_id";
      c.found = id;
      throw core::ValidationError("unknown feature", c);
    }
    std::vector<CatchmentCandidate> cells;
    for (const auto& c : p.meshCells())
      cells.push_back({c.meshCode, 0.5 * (c.west + c.east), 0.5 * (c.south + c.north)});
    const auto members = catchment(st->position.lon, st->position.lat, radius, cells);
    fb.finish();
    if (format == "csv") {
      std::cout << "cell,distance_m\n";
      for (const auto& m : members) std::cout << m.id << ',' << formatNumber(m.distanceM, 1) << '\n';
    } else {
      j["station"] = id;
      j["radius_m"] = radius;
      j["cells"] = nlohmann::ordered_json::array();
      for (const auto& m : members) j["cells"].push_back({{"cell", m.id}, {"distance_m", m.distanceM}});
      std::cout << j.dump(1) << '\n';
    }
    return 0;
  }
  if (const auto other = args.value("xcorr")) {
    const auto colon = other->find(':');
    if (colon == std::string::npos)
      throw Error(ErrorCode::Usage, "--xcorr takes KIND:ID, e.g. cell:53393547411");
    const FeatureKind otherKind = featureKindFromName(other->substr(0, colon));
    const int maxLag = args.value("max-lag") ? static_cast<int>(parseNumber("max-lag", 0, 168)) : 6;
    const HourlySeries x = loadSeries(p, kind, id, q);
    const HourlySeries y = loadSeries(p, otherKind, other->substr(colon + 1), q);
    const auto cc = crossCorrelation(x, y, maxLag);
    const LagCorrelation best = bestLag(cc);
    fb.finish();
    if (format == "csv") {
      std::cout << "lag_h,r,pairs\n";
      for (const auto& c : cc) std::cout << c.lag << ',' << formatNumber(c.r, 5) << ',' << c.pairs << '\n';
    } else {
      j["x"] = id;
      j["y"] = *other;
      j["note"] = "r(lag) = corr(x(t), y(t + lag)); a positive lag means y follows x";
      j["best_lag_h"] = best.lag;
      j["best_r"] = std::isnan(best.r) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(best.r);
      for (const auto& c : cc)
        j["lags"].push_back(
            {{"lag_h", c.lag},
             {"r", std::isnan(c.r) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.r)},
             {"pairs", c.pairs}});
      std::cout << j.dump(1) << '\n';
    }
    return 0;
  }
  const FeatureKind agreeKind = featureKindFromName(*args.value("agreement"));
  const auto series = loadAllSeries(p, agreeKind, q, fb);
  const auto results = agreementCheck(series, cal);
  fb.finish();
  if (format == "csv") {
    std::cout << "feature,days,correlation,distance,flagged\n";
    for (const auto& r : results)
      std::cout << r.feature << ',' << r.days << ',' << formatNumber(r.correlation, 4) << ','
                << formatNumber(r.distance, 4) << ',' << (r.flagged ? "true" : "false") << '\n';
  } else {
    j["kind"] = featureKindTable(agreeKind);
    j["features"] = nlohmann::ordered_json::array();
    for (const auto& r : results) {
      nlohmann::ordered_json f;
      f["feature"] = r.feature;
      f["days"] = r.days;
      f["correlation"] =
          std::isnan(r.correlation) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.correlation);
      f["distance"] =
          std::isnan(r.distance) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.distance);
      f["flagged"] = r.flagged;
      for (double v : r.pattern) f["pattern"].push_back(v);
      j["features"].push_back(f);
    }
    std::cout << j.dump(1) << '\n';
  }
  return 0;
}

int runProfile(const std::vector<std::string>& argv) {
  const Args args(argv, {"quiet"});
  args.checkKnown({"project", "cell", "segment", "station", "by", "from", "to", "mode", "measure", "calendar",
                   "format", "quiet", "catchment", "xcorr", "max-lag", "agreement"});
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
  const bool agreement = args.value("agreement").has_value();
  if (given != 1 && !agreement)
    throw Error(ErrorCode::Usage, "give exactly one of --cell, --segment, --station");
  if (given != 0 && agreement)
    throw Error(ErrorCode::Usage, "--agreement compares all features of a kind: no feature");
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
  if (agreement || args.value("catchment") || args.value("xcorr"))
    return runLink(args, kind, id, q, cal, format);
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
