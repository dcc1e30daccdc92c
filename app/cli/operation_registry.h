#pragma once
// The operation registry as the CLI sees it: the analysis library's operations plus
// those of the libraries the CLI links (the render library's export-map).
#include <string>

#include "ekm/ops/registry.h"

namespace ekm::cli {

const ops::Registry& operationRegistry();
bool hasField(const ops::Operation& op, const std::string& field);

}  // namespace ekm::cli
