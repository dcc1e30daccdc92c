#pragma once
// Print layout templates saved in a project (the JSON of render/layout_template.h), one per
// name, kept in ekm_meta under 'layout_template:NAME' so the GUI's layout dialog and
// `ekimachi-cli export-map --template NAME` share them.
#include <optional>
#include <string>
#include <vector>

#include "ekm/store/project.h"

namespace ekm::store {

// The names of the project's templates, sorted.
std::vector<std::string> layoutTemplateNames(const Project& project);
// The template's JSON text, or none.
std::optional<std::string> layoutTemplate(const Project& project, const std::string& name);
// Adds or replaces it. Throws core::Error (Usage) for an empty name.
void saveLayoutTemplate(Project& project, const std::string& name, const std::string& json);
// Removes it; false when there was none.
bool removeLayoutTemplate(Project& project, const std::string& name);

}  // namespace ekm::store
