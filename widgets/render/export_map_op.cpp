// The export-map operation.
#include "render/export_map_op.h"

#include <nlohmann/json.hpp>

#include "render/briefing_op.h"
#include "render/mobility_report_op.h"

namespace ekm::render {

void ExportMapParams::validate() const {
  if (!core::parseIsoDateTimeToHourKey(at))
    throw ops::ParamError("bad hour", core::ErrorContext{"", std::nullopt, std::nullopt, "at",
                                                         "YYYY-MM-DDTHH:00 (JST)", at});
  if (!extent.empty() && extent.size() != 4)
    throw ops::ParamError("bad extent", core::ErrorContext{"", std::nullopt, std::nullopt, "extent",
                                                           "4 numbers: xmin,ymin,xmax,ymax",
                                                           std::to_string(extent.size()) + " numbers"});
}

MapExportResult ExportMapOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  MapExportRequest r;
  r.projectPath = session.projectPath();
  r.hour = *core::parseIsoDateTimeToHourKey(p.at);
  r.outPath = session.resolve(p.out);
  r.format = p.format;
  r.layers = p.layers;
  if (p.extent.size() == 4) r.extent = std::array<double, 4>{p.extent[0], p.extent[1], p.extent[2], p.extent[3]};
  r.widthPx = static_cast<int>(p.width);
  r.heightPx = static_cast<int>(p.height);
  r.paper = p.paper;
  r.dpi = p.dpi;
  r.language = p.lang;
  r.title = p.title;
  r.subtitle = p.subtitle;
  r.legend = !p.no_legend;
  r.rasterBasemapPath = session.resolve(p.raster_basemap);
  r.displayEpsg = static_cast<int>(p.display_epsg);
  for (const char* t : {"mesh_cells", "mesh_population", "road_segments", "stations"}) session.recordTableRead(t);
  return exportMap(r, feedback);
}

ExportMapParams exportMapParams(const MapExportRequest& r) {
  ExportMapParams p;
  p.at = core::formatHourKeyJst(r.hour).substr(0, 16);  // "2025-03-27T10:00"
  p.out = r.outPath;
  p.format = r.format;
  p.layers = r.layers;
  if (r.extent) p.extent.assign(r.extent->begin(), r.extent->end());
  p.width = r.widthPx;
  p.height = r.heightPx;
  p.paper = r.paper;
  p.dpi = r.dpi;
  p.lang = r.language;
  p.title = r.title;
  p.subtitle = r.subtitle;
  p.no_legend = !r.legend;
  p.raster_basemap = r.rasterBasemapPath;
  p.display_epsg = r.displayEpsg;
  return p;
}

ops::OpResult ExportMapOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"format", r.format}, {"width_px", r.widthPx}, {"height_px", r.heightPx}, {"title", r.title},
                 {"period", r.period}, {"layers", r.layers}, {"display_epsg", r.displayEpsg},
                 {"scale_bar_m", r.scaleBarMetres}};
  out.outputs.push_back(r.outPath);
  return out;
}

BriefingPackResult BriefingOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  BriefingPackRequest r;
  r.projectPath = session.projectPath();
  r.scenario = p.scenario;
  r.compare = p.compare;
  r.outPath = session.resolve(p.out);
  r.language = p.lang;
  r.paper = p.paper;
  r.dpi = p.dpi;
  for (const char* t : {"ekm_runs", "ekm_run_steps", "mesh_cells", "mesh_population", "road_segments", "stations"})
    session.recordTableRead(t);
  return writeBriefingPack(r, feedback);
}

ops::OpResult BriefingOp::record(const Result& r) {
  ops::OpResult out;
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& p : r.pages) pages.push_back(p.kind);
  out.summary = {{"pages", r.pages.size()}, {"page_kinds", pages}, {"run", r.summary.run.name},
                 {"figures", r.summary.figures.size()}};
  ops::ResultTable t;
  t.name = "figures";
  t.columns = {"id", "text", "suppressed", "source"};  // the printed numbers and their origin
  for (const auto& f : r.summary.figures) t.rows.push_back({f.id, f.text, f.suppressed, f.source});
  out.tables.push_back(std::move(t));
  out.outputs.push_back(r.outPath);
  return out;
}

void registerRenderOperations(ops::Registry& registry) {
  if (!registry.find(ExportMapOp::name)) registry.add<ExportMapOp>();
  if (!registry.find(BriefingOp::name)) registry.add<BriefingOp>();
  if (!registry.find(MobilityReportOp::name)) registry.add<MobilityReportOp>();
}

}  // namespace ekm::render
