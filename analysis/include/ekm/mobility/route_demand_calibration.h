#pragma once
// Calibration of the route-demand model's bus constant (docs/route_demand.md, "Calibration"):
// operation mobility-calibrate-demand (CLI `ekimachi-cli mobility calibrate-demand`).
//
// The walking OD holds every trip made in the district, so with the textbook constant the
// model sends far more of them to the bus than ride it. One published figure is known: the
// Chii-bus carries about 3.6 M riders a year on its whole network (Minato ward). The operation
// finds the bus constant for which the modelled boardings of the project's network over a
// fiscal year equal that target:
//
//   annual(c) = sum over day types t of days_t x riders_t(c)
//
// The project's zones usually cover part of the network only (the sample: 5 of the 8 Chii-bus
// routes reach its 1.5 km square); `target_share` "stop_calls" (default) then scales the target
// by the share of the feed's scheduled stop calls (weekday, stops within max_access_min of a
// zone) in the area — a figure of the timetable, not of ridership; "none" fits the whole target.
//
// riders_t = the network's modelled riders (after capacity) on the feed's representative day
// of type t against the demand of the project's latest date of that type; days_t = the days
// of type t in the fiscal year (Japanese holiday calendar). annual(c) falls as c grows, so the
// constant is found by bisection on [-120, 120] minutes. The logit scale is not identified by one
// total and keeps its value. The target is an input, never a number the sample generator made
// (the sample's synthetic ridership is not read). `store` writes the constant into the project,
// where the route-demand operations take it when bus_constant_min is not given.
#include <string>
#include <vector>

#include "ekm/mobility/route_demand_ops.h"

namespace ekm::mobility {

struct CalibrateDemandParams {
  double target_riders_year = 3.6e6;
  std::string target_share = "stop_calls";
  int fiscal_year = 0;  // April of this year to March of the next; 0 = that of the weekday demand date
  bool store = true;
  std::string weekday_date, saturday_date, sunday_holiday_date;
  double tolerance = 1e-4;  // relative
  demand::ProjectNetworkParams network;
  demand::DeterrenceParams deterrence;
  ChoiceFields choice;

  template <class V>
  void fields(V& v) {
    v("target_riders_year", target_riders_year,
      {.help = "boardings a year the network should carry (default: the Chii-bus's published ~3.6 M)", .min = 1,
       .max = 1e10});
    v("target_share", target_share, {.help = "part of the target the project's area carries: its share of the "
                                             "feed's weekday stop calls, or none (the whole target)",
                                     .choices = {"stop_calls", "none"}});
    v("fiscal_year", fiscal_year, {.help = "fiscal year (from April) whose days weigh the day types; 0: that of the "
                                           "weekday demand date", .min = 0, .max = 2099});
    v("store", store, {.help = "store the fitted constant in the project (route-demand uses it by default)"});
    v("weekday_date", weekday_date, {.help = "weekday demand date (default: the project's latest)", .format = "date"});
    v("saturday_date", saturday_date, {.help = "Saturday demand date (default: the latest)", .format = "date"});
    v("sunday_holiday_date", sunday_holiday_date, {.help = "Sunday/holiday demand date (default: the latest)",
                                                   .format = "date"});
    v("tolerance", tolerance, {.help = "relative tolerance on the annual total", .min = 1e-8, .max = 0.1});
    network.fields(v);
    deterrence.fields(v);
    choice.fields(v);
  }
  void validate() const;
};

struct CalibrationDay {
  std::string dayType, demandDate, serviceDate;
  int days = 0;                   // of this type in the fiscal year
  double ridersBefore = 0, ridersAfter = 0, deniedAfter = 0;  // per day
  std::vector<std::pair<std::string, double>> routeRidersBefore, routeRidersAfter;  // per day by route
};

struct CalibrateDemandResult {
  double target = 0;          // the target the fit aims at (after the share)
  double networkTarget = 0;   // the target given
  double share = 1;           // of stop calls in the area
  int fiscalYear = 0;
  double constantBefore = 0, constantAfter = 0;
  std::string constantBeforeSource;
  double annualBefore = 0, annualAfter = 0;
  int iterations = 0;
  bool stored = false;
  std::vector<CalibrationDay> days;
  std::vector<std::string> warnings;
};

struct CalibrateDemandOp {
  static constexpr const char* name = "mobility-calibrate-demand";
  static constexpr const char* summary =
      "fit the route-demand bus constant so the network's modelled boardings a year equal a known total (Chii-bus: 3.6 M)";
  static constexpr bool writesProject = true;
  using Params = CalibrateDemandParams;
  using Result = CalibrateDemandResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::mobility
