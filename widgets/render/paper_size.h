#pragma once
// Paper sizes for map exports: "A4", "A3-portrait", "JisB4", "Letter-landscape" (Qt's page
// size keys, any case; landscape unless "-portrait") in pixels at a DPI.
#include <QSize>
#include <optional>
#include <string>

namespace ekm::render {

std::optional<QSize> paperPixels(const std::string& name, double dpi);

}  // namespace ekm::render
