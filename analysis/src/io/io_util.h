#pragma once
// Small private helpers for the importers.
#include <cstdint>
#include <optional>
#include <string>

#include "ekm/core/error.h"

namespace ekm::io {

// ErrorContext without designated initialisers (which warn under -Wextra when partial).
inline core::ErrorContext ctx(std::string file, std::optional<std::int64_t> line = std::nullopt,
                              std::optional<std::int64_t> feature = std::nullopt, std::string field = {},
                              std::string expected = {}, std::string found = {}) {
  core::ErrorContext c;
  c.file = std::move(file);
  c.line = line;
  c.feature = feature;
  c.field = std::move(field);
  c.expected = std::move(expected);
  c.found = std::move(found);
  return c;
}

}  // namespace ekm::io
