#include "ekm/core/error.h"

namespace ekm::core {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::Ok: return "ok";
    case ErrorCode::Generic: return "error";
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Io: return "io";
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Validation: return "validation";
    case ErrorCode::Store: return "store";
    case ErrorCode::Mesh: return "mesh";
    case ErrorCode::Encoding: return "encoding";
    case ErrorCode::Duplicate: return "duplicate";
    case ErrorCode::Gdal: return "gdal";
    case ErrorCode::Proj: return "proj";
    case ErrorCode::Model: return "model";
    case ErrorCode::NotConverged: return "not converged";
    case ErrorCode::Cancelled: return "cancelled";
  }
  return "error";
}

Error::Error(ErrorCode code, std::string message, ErrorContext context)
    : std::runtime_error(format(message, context)),
      m_code(code),
      m_message(std::move(message)),
      m_context(std::move(context)) {}

std::string Error::format(const std::string& message, const ErrorContext& c) {
  std::string out;
  if (!c.file.empty()) {
    out += c.file;
    if (c.line) out += ":" + std::to_string(*c.line);
    if (c.feature) out += " feature " + std::to_string(*c.feature);
    out += ": ";
  } else if (c.line) {
    out += "line " + std::to_string(*c.line) + ": ";
  } else if (c.feature) {
    out += "feature " + std::to_string(*c.feature) + ": ";
  }
  if (!c.field.empty()) out += "column '" + c.field + "': ";
  out += message;
  if (!c.expected.empty() || !c.found.empty()) {
    out += " (";
    if (!c.expected.empty()) out += "expected " + c.expected;
    if (!c.expected.empty() && !c.found.empty()) out += ", ";
    if (!c.found.empty()) out += "found '" + c.found + "'";
    out += ")";
  }
  return out;
}

}  // namespace ekm::core
