#include "ekm/core/error.h"

#include "ekm/core/error_messages.h"

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
    case ErrorCode::Network: return "network";
    case ErrorCode::NotConverged: return "not converged";
    case ErrorCode::Cancelled: return "cancelled";
  }
  return "error";
}

namespace {

// At most kMaxFoundBytes of an offending value, cut at a UTF-8 boundary: a message never
// copies a 20 MB field (importers quote with io::domain::quoteValue; this is the backstop
// for every other thrower).
constexpr std::size_t kMaxFoundBytes = 200;

const ErrorContext& clip(ErrorContext& c) {
  if (c.found.size() <= kMaxFoundBytes + 32) return c;
  std::size_t cut = kMaxFoundBytes;
  while (cut > 0 && (static_cast<unsigned char>(c.found[cut]) & 0xC0) == 0x80) --cut;
  c.found = c.found.substr(0, cut) + "... (" + std::to_string(c.found.size()) + " bytes)";
  return c;
}

}  // namespace

Error::Error(ErrorCode code, std::string message, ErrorContext context)
    : std::runtime_error(format(message, clip(context))),
      m_code(code),
      m_message(std::move(message)),
      m_context(std::move(context)) {}

// The English layout of the message catalogue (error_messages.cpp).
std::string Error::format(const std::string& message, const ErrorContext& c) {
  return formatErrorContext(message, c, Language::English);
}

}  // namespace ekm::core
