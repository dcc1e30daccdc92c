#pragma once
// The file formats of map exports (no Qt here: the operations layer and the CLI use it).
#include <optional>
#include <string>

namespace ekm::render {

enum class ExportFormat { Png, Svg, Pdf };

// From a file name's extension (png/svg/pdf, any case); Png when unknown.
ExportFormat exportFormatFromPath(const std::string& path);
// The format a file name's extension names; nullopt for none or another extension.
std::optional<ExportFormat> exportFormatOfExtension(const std::string& path);
// "png", "svg", "pdf" (any case) -> the format; nullopt otherwise.
std::optional<ExportFormat> parseExportFormat(const std::string& name);
const char* exportFormatName(ExportFormat format);

}  // namespace ekm::render
