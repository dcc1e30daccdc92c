#include "render/layout_template.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/store/layout_templates.h"
#include "ekm/store/project.h"

namespace ekm::render {

namespace {

using nlohmann::json;

core::Error bad(const std::string& source, const std::string& key, const std::string& expected, const std::string& found) {
  return core::Error(core::ErrorCode::Usage, "bad layout template",
                     core::ErrorContext{source, std::nullopt, std::nullopt, key, expected, found});
}

}  // namespace

std::string layoutTemplateJson(const MapExportRequest& r) {
  nlohmann::ordered_json j;
  if (!r.paper.empty()) j["paper"] = r.paper;
  else j["size"] = {r.widthPx, r.heightPx};
  j["dpi"] = r.dpi;
  j["lang"] = r.language;
  if (!r.title.empty()) j["title"] = r.title;
  if (!r.subtitle.empty()) j["subtitle"] = r.subtitle;
  if (!r.layers.empty()) j["layers"] = r.layers;
  if (r.extent) j["extent"] = *r.extent;
  j["legend"] = r.legend;
  if (r.displayEpsg) j["display_epsg"] = r.displayEpsg;
  if (!r.format.empty()) j["format"] = r.format;
  return j.dump(2) + "\n";
}

void applyLayoutTemplate(MapExportRequest& r, const std::string& text, const std::string& source) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) throw bad(source, "", "a JSON object", "not one");
  try {
    for (const auto& [k, v] : j.items()) {
      if (k == "paper") r.paper = v.get<std::string>();
      else if (k == "size") {
        r.widthPx = v.at(0).get<int>();
        r.heightPx = v.at(1).get<int>();
      } else if (k == "dpi") r.dpi = v.get<double>();
      else if (k == "lang") r.language = v.get<std::string>();
      else if (k == "title") r.title = v.get<std::string>();
      else if (k == "subtitle") r.subtitle = v.get<std::string>();
      else if (k == "layers") r.layers = v.get<std::vector<std::string>>();
      else if (k == "extent") r.extent = v.get<std::array<double, 4>>();
      else if (k == "legend") r.legend = v.get<bool>();
      else if (k == "display_epsg") r.displayEpsg = v.get<int>();
      else if (k == "format") r.format = v.get<std::string>();
      else throw bad(source, k, "paper, size, dpi, lang, title, subtitle, layers, extent, legend, display_epsg, format", k);
    }
  } catch (const json::exception& e) {
    throw bad(source, "", "values of the right types", e.what());
  }
}

std::string loadLayoutTemplate(const std::string& projectPath, const std::string& t) {
  if (t.size() > 5 && t.ends_with(".json")) {
    std::ifstream f(t);
    if (!f) throw core::IoError("cannot read the layout template", core::ErrorContext{t, {}, {}, "", "", ""});
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  const store::Project project = store::Project::open(projectPath, store::OpenMode::ReadOnly);
  if (const auto j = store::layoutTemplate(project, t)) return *j;
  std::string saved;
  for (const std::string& name : store::layoutTemplateNames(project)) saved += (saved.empty() ? "" : ", ") + name;
  throw bad(projectPath, "template",
            "a .json file or a template saved in the project (export-map --save-template NAME)" +
                (saved.empty() ? std::string(": none saved") : ": " + saved),
            t);
}

void saveLayoutTemplate(const std::string& projectPath, const std::string& name, const std::string& json) {
  store::Project project = store::Project::open(projectPath, store::OpenMode::ReadWrite);
  store::saveLayoutTemplate(project, name, json);
}

}  // namespace ekm::render
