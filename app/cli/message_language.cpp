#include "message_language.h"

#include "ekm/core/error.h"

namespace ekm::cli {
namespace {

// The value of a `--lang` option at args[i] and how many arguments it spans (0 = not one).
std::size_t langOption(const std::vector<std::string>& args, std::size_t i, std::string& value) {
  const std::string& a = args[i];
  if (a.starts_with("--lang=")) {
    value = a.substr(7);
    return 1;
  }
  if (a == "--lang") {
    value = i + 1 < args.size() ? args[i + 1] : "";
    return i + 1 < args.size() ? 2 : 1;
  }
  return 0;
}

core::Language checked(const std::string& value) {
  if (value == "ja") return core::Language::Japanese;
  if (value == "en") return core::Language::English;
  throw core::Error(core::ErrorCode::Usage, "--lang takes ja or en",
                    core::ErrorContext{"", std::nullopt, std::nullopt, "lang", "ja or en", value});
}

}  // namespace

std::optional<core::Language> takeLeadingLanguage(std::vector<std::string>& args) {
  std::optional<core::Language> language;
  std::string value;
  while (!args.empty()) {
    const std::size_t n = langOption(args, 0, value);
    if (n == 0) break;
    args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(n));
    language = checked(value);
  }
  return language;
}

std::optional<core::Language> takeCommandLanguage(std::vector<std::string>& args, bool commandHasLang) {
  std::optional<core::Language> language;
  std::string value;
  for (std::size_t i = 0; i < args.size();) {
    const std::size_t n = langOption(args, i, value);
    if (n == 0) {
      ++i;
      continue;
    }
    if (commandHasLang) {
      if (value == "ja" || value == "en") language = checked(value);
      i += n;
    } else {
      language = checked(value);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i + n));
    }
  }
  return language;
}

}  // namespace ekm::cli
