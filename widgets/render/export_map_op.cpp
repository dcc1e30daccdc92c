// The export-map operation.
#include "render/export_map_op.h"

#include <nlohmann/json.hpp>

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

ops::OpResult ExportMapOp::record(const Result& r) {
  ops::OpResult out;
  out.summary = {{"format", r.format}, {"width_px", r.widthPx}, {"height_px", r.heightPx}, {"title", r.title},
                 {"period", r.period}, {"layers", r.layers}, {"display_epsg", r.displayEpsg},
                 {"scale_bar_m", r.scaleBarMetres}};
  out.outputs.push_back(r.outPath);
  return out;
}

void registerRenderOperations(ops::Registry& registry) {
  if (!registry.find(ExportMapOp::name)) registry.add<ExportMapOp>();
}

}  // namespace ekm::render
