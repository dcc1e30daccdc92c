#pragma once
// Errors with context. Every failure that reaches a user carries where it happened
// (file, line or feature, field), what was expected and what was found, and a stable
// code that the CLI uses as its exit code.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace ekm::core {

// Stable error codes; the CLI exits with these values. Never renumber.
enum class ErrorCode : int {
  Ok = 0,
  Generic = 1,
  Usage = 2,
  Io = 3,             // file missing, unreadable, unwritable
  Parse = 4,          // malformed input (CSV, JSON, timestamps)
  Validation = 5,     // well-formed but invalid values (unknown id, negative count, duplicate)
  Store = 6,          // the project file: damaged, foreign, schema mismatch, SQLite failure
  Mesh = 7,           // invalid JIS X 0410 mesh code
  Encoding = 8,       // text not in the expected encoding
  Duplicate = 9,      // the same source file was already imported
  Gdal = 10,          // GDAL/OGR failure
  Proj = 11,          // PROJ failure
  Model = 12,         // a model could not be fitted/solved
  NotConverged = 13,  // stopped at the iteration limit short of the requested tolerance
  Network = 14,       // no (complete) answer from a server: refused, DNS, timeout, dropped, TLS (network_error.h)
  Cancelled = 130,    // not an error: the user cancelled (matches SIGINT convention)
};

const char* errorCodeName(ErrorCode code);

// Where and what. Empty fields are left out of the message.
struct ErrorContext {
  std::string file;
  std::optional<std::int64_t> line;     // 1-based line in a text file
  std::optional<std::int64_t> feature;  // feature id in a vector source
  std::string field;                    // column or attribute name
  std::string expected;
  std::string found;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, ErrorContext context = {});

  ErrorCode code() const noexcept { return m_code; }
  const std::string& message() const noexcept { return m_message; }
  const ErrorContext& context() const noexcept { return m_context; }

  // Full text: "file:line: field 'x': message (expected ..., found ...)".
  static std::string format(const std::string& message, const ErrorContext& context);

 private:
  ErrorCode m_code;
  std::string m_message;
  ErrorContext m_context;
};

// Domain subclasses, so callers can catch narrowly when they need to.
class IoError : public Error {
 public:
  explicit IoError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Io, std::move(message), std::move(context)) {}
};
class ParseError : public Error {
 public:
  explicit ParseError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Parse, std::move(message), std::move(context)) {}
};
class ValidationError : public Error {
 public:
  explicit ValidationError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Validation, std::move(message), std::move(context)) {}
};
class StoreError : public Error {
 public:
  explicit StoreError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Store, std::move(message), std::move(context)) {}
};
class MeshError : public Error {
 public:
  explicit MeshError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Mesh, std::move(message), std::move(context)) {}
};
class EncodingError : public Error {
 public:
  explicit EncodingError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Encoding, std::move(message), std::move(context)) {}
};
class GdalError : public Error {
 public:
  explicit GdalError(std::string message, ErrorContext context = {})
      : Error(ErrorCode::Gdal, std::move(message), std::move(context)) {}
};

// Thrown by operations that observed Feedback::isCancelled(). Runners turn it into
// a Cancelled status (not an error message) at the boundary.
class CancelledError : public Error {
 public:
  CancelledError() : Error(ErrorCode::Cancelled, "cancelled") {}
};

}  // namespace ekm::core
