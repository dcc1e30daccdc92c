#pragma once
// Print layout templates: the layout part of a map export (paper or size, DPI, language,
// title, subtitle, layers, extent, legend, display CRS) as a JSON object, kept in a file or
// in the project (ekm_meta 'layout_template:NAME'), so a briefing's maps share one layout.
// `export-map --template T` starts from the template; flags given override it.
#include <string>
#include <vector>

#include "render/map_export.h"

namespace ekm::render {

// The template of a request (what `--save-template` keeps).
std::string layoutTemplateJson(const MapExportRequest& request);
// Fills the request from a template's JSON. Throws core::Error (Usage) naming the bad key.
void applyLayoutTemplate(MapExportRequest& request, const std::string& json, const std::string& source);
// The template T: a .json file, else a template saved in the project. Throws core::Error
// (Usage) listing the project's templates when there is none of that name.
std::string loadLayoutTemplate(const std::string& projectPath, const std::string& nameOrFile);
void saveLayoutTemplate(const std::string& projectPath, const std::string& name, const std::string& json);

}  // namespace ekm::render
