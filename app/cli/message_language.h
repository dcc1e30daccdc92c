#pragma once
// The language of the CLI's error messages: `--lang ja|en` (before the command, or after it
// for commands without a --lang of their own), else the locale (LC_ALL, LC_MESSAGES, LANG).
#include <string>
#include <vector>

#include "ekm/core/error_messages.h"

namespace ekm::cli {

// Removes the leading `--lang X` / `--lang=X` options from `args` (those before the command)
// and returns the language they name; nullopt when there are none. Throws a Usage error for a
// value other than ja or en.
std::optional<core::Language> takeLeadingLanguage(std::vector<std::string>& args);

// The command's own arguments: a `--lang ja|en` among them sets the message language; it is
// removed unless the command has a --lang option of its own (`commandHasLang`, e.g.
// export-map's ja|en|both), whose other values leave the language as it was.
std::optional<core::Language> takeCommandLanguage(std::vector<std::string>& args, bool commandHasLang);

}  // namespace ekm::cli
