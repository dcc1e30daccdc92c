// mapExportInfoJson(): what an export drew, as JSON (declared in map_export.h).
#include <nlohmann/json.hpp>

#include "render/map_export.h"

namespace ekm::render {

std::string mapExportInfoJson(const MapExportRequest& request, const MapExportResult& r) {
  nlohmann::ordered_json j;
  j["output"] = r.outPath;
  j["format"] = r.format;
  j["width"] = r.widthPx;
  j["height"] = r.heightPx;
  j["dpi"] = r.dpi;
  j["hour"] = core::formatHourKeyJst(request.hour);
  j["title"] = r.title;
  j["period"] = r.period;
  j["attribution"] = r.attribution;
  j["suppression_note"] = r.suppressionNote;
  j["display_epsg"] = r.displayEpsg;
  j["layers"] = r.layers;
  j["extent"] = r.extent;
  j["map_rect"] = r.mapRect;
  j["legend_rect"] = r.legendRect;
  j["scale_bar_rect"] = r.scaleBarRect;
  j["north_arrow_rect"] = r.northArrowRect;
  j["scale_bar_m"] = r.scaleBarMetres;
  j["north_angle_deg"] = r.northAngleDeg;
  j["legend"] = nlohmann::ordered_json::array();
  for (const MapExportLegendClass& c : r.legend) {
    nlohmann::ordered_json item;
    item["label"] = c.label;
    item["missing"] = c.missing;
    if (!c.missing) {
      item["lower"] = c.lower;
      item["upper"] = c.upper;
    }
    item["colour"] = c.colour;
    item["swatch"] = c.swatch;
    j["legend"].push_back(item);
  }
  return j.dump(2) + "\n";
}

}  // namespace ekm::render
