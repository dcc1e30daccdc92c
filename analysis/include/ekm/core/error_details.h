#pragma once
// An error that reports several problems (a refused GTFS feed lists its first fatal problems)
// mixes in ErrorDetails beside its core::Error base: each problem keeps its own message and
// context, so renderError (error_messages.h) lays out every one in the user's language. The
// Error's English message() is text(): the summary, one line per problem, "..." when more.
#include <string>
#include <vector>

#include "ekm/core/error.h"

namespace ekm::core {

struct ErrorDetail {
  std::string message;
  ErrorContext context;
};

class ErrorDetails {
 public:
  virtual ~ErrorDetails() = default;

  const std::string& summary() const noexcept { return m_summary; }
  const std::vector<ErrorDetail>& details() const noexcept { return m_details; }
  bool moreDetails() const noexcept { return m_more; }

  // "summary\n  file:12: column 'x': message (...)\n  ..." (English, as Error::format).
  static std::string text(const std::string& summary, const std::vector<ErrorDetail>& details, bool more);

 protected:
  ErrorDetails(std::string summary, std::vector<ErrorDetail> details, bool more)
      : m_summary(std::move(summary)), m_details(std::move(details)), m_more(more) {}

 private:
  std::string m_summary;
  std::vector<ErrorDetail> m_details;
  bool m_more = false;
};

}  // namespace ekm::core
