// Operation `mobility-report` (mobility_report_op.h).
#include "render/mobility_report_op.h"

#include <nlohmann/json.hpp>

#include "ekm/mobility/ridership_ops.h"

namespace ekm::render {

void MobilityReportParams::validate() const { mobility::checkMonth(month, "month", false); }

MobilityReportResult MobilityReportOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  MobilityReportRequest r;
  r.projectPath = session.projectPath();
  r.outPath = session.resolve(p.out);
  r.month = p.month;
  r.language = p.lang;
  r.paper = p.paper;
  r.dpi = p.dpi;
  r.options.target = p.target;
  r.options.baseline = p.baseline;
  r.options.yearStartMonth = static_cast<int>(p.year_start_month);
  r.topStops = static_cast<int>(p.top_stops);
  for (const char* t : {"gtfs_feed", "gtfs_routes", "gtfs_stops", "gtfs_trips", "gtfs_stop_times", "ridership_records"})
    session.recordTableRead(t);
  return writeMobilityReport(r, feedback);
}

ops::OpResult MobilityReportOp::record(const Result& r) {
  ops::OpResult out;
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& p : r.pages) pages.push_back(p.kind);
  out.summary = {{"pages", r.pages.size()}, {"page_kinds", pages}, {"suppressed", r.suppressed},
                 {"synthetic_ridership", r.synthetic}};
  ops::ResultTable t;
  t.name = "figures";
  t.columns = {"id", "label", "text"};  // the KPI table as printed
  for (const auto& f : r.figures) t.rows.push_back({f.id, f.label, f.text});
  out.tables.push_back(std::move(t));
  // Where the charts, maps and tables are on each page (page pixels at the report's DPI).
  ops::ResultTable layout;
  layout.name = "layout";
  layout.columns = {"page", "kind", "element", "x", "y", "width", "height"};
  for (std::size_t i = 0; i < r.pages.size(); ++i) {
    const auto& p = r.pages[i];
    for (const auto& [element, rects] : {std::pair{"chart", &p.chartRects}, {"map", &p.mapRects}, {"table", &p.tableRects}})
      for (const auto& x : *rects) layout.rows.push_back({i + 1, p.kind, element, x[0], x[1], x[2], x[3]});
  }
  out.tables.push_back(std::move(layout));
  out.summary["width_px"] = r.widthPx;
  out.summary["height_px"] = r.heightPx;
  out.summary["dpi"] = r.dpi;
  out.outputs.push_back(r.outPath);
  return out;
}

}  // namespace ekm::render
