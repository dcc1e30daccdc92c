#pragma once
// A small HTTP client (libcurl) for the City OS link: one request at a time, timeouts,
// cancel through a callback polled while the transfer runs. No Qt, no retries here (the
// broker client decides what to retry).
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ekm::io {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  double timeoutS = 60;         // whole transfer
  double connectTimeoutS = 10;
};

struct HttpResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  // The first value of a header (name in any case), or "".
  std::string header(const std::string& name) const;
};

// Thrown for transport failures (no HTTP status): connection refused or dropped, timeout,
// DNS. `transient` is true for the ones worth retrying.
struct HttpTransportError {
  std::string message;
  bool transient = true;
  bool cancelled = false;
};

// Performs the request. `cancelled` is polled during the transfer (return true to abort:
// HttpTransportError{cancelled = true}). Throws HttpTransportError; an HTTP error status
// is a normal response.
HttpResponse httpSend(const HttpRequest& request, const std::function<bool()>& cancelled = {});

// Percent-encodes a query parameter value.
std::string urlEncode(const std::string& text);

}  // namespace ekm::io
