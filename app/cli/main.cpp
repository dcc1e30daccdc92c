// ekimachi-cli: the headless front-end. Each sub-command lives in its own file and
// registers itself in the command registry.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"

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
               "usage: ekimachi-cli COMMAND [options]\n\ncommands:\n";
  for (const auto& [name, command] : commandRegistry())
    std::printf("  %-18s %s\n", name.c_str(), command.summary.c_str());
  std::cout << "\nRun 'ekimachi-cli COMMAND --help' for a command's options.\n";
}

}  // namespace
}  // namespace ekm::cli

int main(int argc, char** argv) {
  using namespace ekm;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    cli::printHelp();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "ekimachi-cli 0.1.0\n";
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
    return it->second.run(rest);
  } catch (const core::CancelledError&) {
    std::cerr << "cancelled\n";
    return static_cast<int>(core::ErrorCode::Cancelled);
  } catch (const core::Error& e) {
    std::cerr << "ekimachi-cli " << args[0] << ": error: " << e.what() << "\n";
    if (e.code() == core::ErrorCode::Usage) std::cerr << it->second.usage << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << "ekimachi-cli " << args[0] << ": internal error: " << e.what() << "\n";
    return 1;
  }
}
