#pragma once
// Network failures: no (complete) answer from a server — connection refused, DNS, timeout, a
// connection dropped mid-answer, TLS handshake or certificate failure. Their own error code
// (exit code 14, "network"), apart from Io (3: files, and an HTTP error answer, which is the
// server's word). The request URL is in the context's file field.
#include "ekm/core/error.h"

namespace ekm::core {

inline constexpr ErrorCode kNetworkErrorCode = ErrorCode::Network;

class NetworkError : public Error {
 public:
  explicit NetworkError(std::string message, ErrorContext context = {})
      : Error(kNetworkErrorCode, std::move(message), std::move(context)) {}
};

}  // namespace ekm::core
