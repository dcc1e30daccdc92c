#pragma once
// Operation `mobility-report`: the bus operator's monthly report PDF (mobility_report.h). In
// the render library (QtGui) like `briefing`; registered by registerRenderOperations, so the
// CLI has it as `ekimachi-cli mobility report`.
#include <string>

#include "ekm/ops/operation.h"
#include "render/mobility_report.h"

namespace ekm::render {

struct MobilityReportParams {
  std::string month;
  std::string out;
  std::string lang = "ja";
  double target = 4.0e6;
  double baseline = 3.6e6;
  std::int64_t year_start_month = 4;
  std::int64_t top_stops = 15;
  std::string paper = "A4";
  double dpi = 150;

  template <class V>
  void fields(V& v) {
    v("month", month, {.help = "the month reported, YYYY-MM", .required = true});
    v("out", out, {.help = "output PDF", .required = true, .role = ops::Role::OutputFile});
    v("lang", lang, {.help = "ja (Japanese), en, or both (Japanese with English alongside)", .choices = {"ja", "en", "both"}});
    v("target", target, {.help = "target riders a year", .min = 1, .max = 1e10});
    v("baseline", baseline, {.help = "riders a year when the target was set", .min = 0, .max = 1e10});
    v("year_start_month", year_start_month,
      {.help = "first month of the year (4 = Japanese fiscal year, 1 = calendar year)", .min = 1, .max = 12});
    v("top_stops", top_stops, {.help = "rows of the busiest-stops table", .min = 1, .max = 40});
    v("paper", paper, {.help = "paper size, landscape pages (A4, A3, ...)"});
    v("dpi", dpi, {.help = "resolution of the page grid and the map's rasters", .min = 36, .max = 600});
  }
  void validate() const;
};

struct MobilityReportOp {
  static constexpr const char* name = "mobility-report";
  static constexpr const char* summary =
      "the bus operator's monthly ridership report: a multi-page PDF (KPIs against the target, trend, routes, "
      "hourly load, busiest stops, map), counts under 10 suppressed";
  static constexpr bool writesProject = false;
  using Params = MobilityReportParams;
  using Result = MobilityReportResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::render
