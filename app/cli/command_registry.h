#pragma once
// CLI sub-commands register themselves here (one file per command under app/cli/).
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ekm::cli {

struct Command {
  std::string name;      // e.g. "import"
  std::string summary;   // one line for `ekimachi-cli --help`
  std::string usage;     // full usage text for `ekimachi-cli NAME --help`
  // Receives the arguments after the command name (parse them with op_args.h's
  // parseArgsAs / parseOpArgs). Returns the process exit code. May throw
  // ekm::core::Error; main() prints it and exits with its code (CancelledError -> 130).
  std::function<int(const std::vector<std::string>& argv)> run;
  // True when run() answers --help itself (verb groups: the help depends on the verb).
  bool handlesHelp = false;
  // True when the command's options for these arguments include a --lang of their own
  // (export-map's ja|en|both): main() leaves `--lang` to it, and a ja or en value also sets
  // the message language. Otherwise (or unset) `--lang ja|en` is the message language only.
  std::function<bool(const std::vector<std::string>& argv)> ownsLang = {};
};

// ownsLang of a command whose options always include --lang.
inline bool ownsLangAlways(const std::vector<std::string>&) { return true; }

std::map<std::string, Command>& commandRegistry();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command);
};

}  // namespace ekm::cli
