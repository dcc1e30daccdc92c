#include "render/export_format.h"

#include <cctype>
#include <filesystem>

namespace ekm::render {

namespace {
std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}
}  // namespace

std::optional<ExportFormat> parseExportFormat(const std::string& name) {
  const std::string n = lower(name);
  if (n == "png") return ExportFormat::Png;
  if (n == "svg") return ExportFormat::Svg;
  if (n == "pdf") return ExportFormat::Pdf;
  return std::nullopt;
}

std::optional<ExportFormat> exportFormatOfExtension(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext.size() > 1 ? parseExportFormat(ext.substr(1)) : std::nullopt;
}

ExportFormat exportFormatFromPath(const std::string& path) { return exportFormatOfExtension(path).value_or(ExportFormat::Png); }

const char* exportFormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png: return "png";
    case ExportFormat::Svg: return "svg";
    case ExportFormat::Pdf: return "pdf";
  }
  return "png";
}

}  // namespace ekm::render
