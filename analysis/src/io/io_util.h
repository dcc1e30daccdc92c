#pragma once
// Small private helpers for the importers.
#include <cstdint>
#include <optional>
#include <string>

#include "ekm/core/error.h"
#include "ekm/io/domain_checks.h"

namespace ekm::io {

// ErrorContext without designated initialisers (which warn under -Wextra when partial).
// `found` is quoted by domain::quoteValue: at most ~200 bytes, control bytes escaped.
inline core::ErrorContext ctx(std::string file, std::optional<std::int64_t> line = std::nullopt,
                              std::optional<std::int64_t> feature = std::nullopt, std::string field = {},
                              std::string expected = {}, std::string found = {}) {
  core::ErrorContext c;
  c.file = std::move(file);
  c.line = line;
  c.feature = feature;
  c.field = std::move(field);
  c.expected = std::move(expected);
  c.found = found.size() > 200 || found.find_first_of(std::string_view("\0\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f", 30)) != std::string::npos
                ? domain::quoteValue(found)
                : std::move(found);
  return c;
}

}  // namespace ekm::io
