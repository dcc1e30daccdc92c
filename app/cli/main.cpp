// ekimachi-cli: the headless front-end. Each sub-command lives in its own file and
// registers itself in the command registry.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/build_info.h"
#include "ekm/core/error.h"
#include "ekm/core/error_messages.h"
#include "message_language.h"

namespace ekm::cli {

std::map<std::string, Command>& commandRegistry() {
  static std::map<std::string, Command> registry;
  return registry;
}

CommandRegistrar::CommandRegistrar(Command command) {
  const std::string name = command.name;
  commandRegistry().emplace(name, std::move(command));
}

namespace {

void printHelp() {
  std::cout << "ekimachi-cli — Ekimachi (駅まち) station-area analysis, headless\n\n"
               "usage: ekimachi-cli [--lang ja|en] COMMAND [options]\n\n"
               "  --lang ja|en  language of error messages (default: the locale; LC_ALL, LC_MESSAGES\n"
               "                or LANG starting with 'ja' gives Japanese)\n\ncommands:\n";
  for (const auto& [name, command] : commandRegistry())
    std::printf("  %-18s %s\n", name.c_str(), command.summary.c_str());
  std::cout << "\nRun 'ekimachi-cli COMMAND --help' for a command's options.\n\n"
               "exit codes (the error's code; every command):\n"
               "  0 ok, 1 error, 2 usage, 3 I/O (file; an HTTP error answer), 4 parse, 5 validation, 6 store,\n"
               "  7 mesh code, 8 encoding, 9 already imported, 10 GDAL, 11 PROJ, 12 model, 13 not converged,\n"
               "  14 network (a server cannot be reached: refused, timeout, dropped connection, TLS),\n"
               "  130 cancelled (Ctrl-C)\n";
}

}  // namespace
}  // namespace ekm::cli

int main(int argc, char** argv) {
  using namespace ekm;
  std::vector<std::string> args(argv + 1, argv + argc);
  core::Language language = core::languageFromEnvironment();
  const auto fail = [&](const std::string& command, const core::Error& e) {
    std::cerr << "ekimachi-cli" << (command.empty() ? "" : " " + command) << ": " << core::errorWord(language) << ": "
              << core::renderError(e, language) << "\n";
    return static_cast<int>(e.code());
  };
  try {
    if (const auto l = cli::takeLeadingLanguage(args)) language = *l;
  } catch (const core::Error& e) {
    return fail("", e);
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    cli::printHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "ekimachi-cli " << core::programVersion() << "\n";
    return 0;
  }
  auto& registry = cli::commandRegistry();
  const auto it = registry.find(args[0]);
  if (it == registry.end()) {
    std::cerr << "ekimachi-cli: unknown command '" << args[0] << "'\n";
    cli::printHelp();
    return 2;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest) {
    if ((a == "--help" || a == "-h") && !it->second.handlesHelp) {
      std::cout << it->second.usage << "\n";
      return 0;
    }
  }
  try {
    // Commands with a --lang of their own (export-map, briefing, mobility report: ja|en|both) keep it.
    const cli::Command& command = it->second;
    if (const auto l = cli::takeCommandLanguage(rest, command.ownsLang && command.ownsLang(rest))) language = *l;
    return it->second.run(rest);
  } catch (const core::CancelledError&) {
    std::cerr << core::cancelledNotice(language) << "\n";
    return static_cast<int>(core::ErrorCode::Cancelled);
  } catch (const core::Error& e) {
    const int code = fail(args[0], e);
    if (e.code() == core::ErrorCode::Usage) std::cerr << it->second.usage << "\n";
    return code;
  } catch (const std::exception& e) {
    std::cerr << "ekimachi-cli " << args[0] << ": internal error: " << e.what() << "\n";
    return 1;
  }
}
