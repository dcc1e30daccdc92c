// The export-map operation.
#include "render/export_map_op.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "render/briefing_op.h"
#include "render/layout_template.h"
#include "render/mobility_report_op.h"

namespace ekm::render {

MapExportResult ExportMapOp::run(ops::Session& session, const Params& p, core::Feedback& feedback) {
  const MapExportRequest r = exportMapRequest(p, session);
  for (const char* t : {"mesh_cells", "mesh_population", "road_segments", "stations"}) session.recordTableRead(t);
  MapExportResult result = exportMap(r, feedback);
  if (!p.info_json.empty()) {
    const std::string path = session.resolve(p.info_json);
    std::ofstream f(path);
    f << mapExportInfoJson(r, result);
    if (!f) throw core::IoError("cannot write the info JSON", core::ErrorContext{path, {}, {}, "", "", ""});
    result.infoPath = path;
  }
  if (!p.save_template.empty()) saveLayoutTemplate(r.projectPath, p.save_template, layoutTemplateJson(r));
  return result;
}

ops::OpResult ExportMapOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"format", r.format}, {"width_px", r.widthPx}, {"height_px", r.heightPx}, {"title", r.title},
                 {"period", r.period}, {"layers", r.layers}, {"display_epsg", r.displayEpsg},
                 {"scale_bar_m", r.scaleBarMetres}};
  out.outputs.push_back(r.outPath);
  if (!r.infoPath.empty()) out.outputs.push_back(r.infoPath);
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
