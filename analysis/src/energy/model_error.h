#pragma once
// The energy models' error (ErrorCode::Model) with what was expected and what was found.
#include <string>

#include "ekm/core/error.h"

namespace ekm::energy::detail {

inline core::Error modelError(const std::string& message, const std::string& expected, const std::string& found) {
  core::ErrorContext c;
  c.expected = expected;
  c.found = found;
  return core::Error(core::ErrorCode::Model, message, c);
}

}  // namespace ekm::energy::detail
