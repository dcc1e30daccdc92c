// ekimachi-assign: `ekimachi-cli assign` on TNTP files, as a program of its own. The same
// flags, operation Params, output and exit codes (app/cli/assign_command.h); it runs only the
// operation's TNTP run, so it links no project store, GDAL, Qt or solver libraries and starts
// small: for batch runs of the published test networks and for measuring the assignment alone.
#include <iostream>
#include <string>
#include <vector>

#include "assign_command.h"
#include "ekm/core/build_info.h"
#include "ekm/core/error.h"
#include "ekm/core/error_messages.h"
#include "message_language.h"

int main(int argc, char** argv) {
  using namespace ekm;
  std::vector<std::string> args(argv + 1, argv + argc);
  core::Language language = core::languageFromEnvironment();
  const auto fail = [&](const core::Error& e) {
    std::cerr << "ekimachi-assign: " << core::errorWord(language) << ": " << core::renderError(e, language) << "\n";
    if (e.code() == core::ErrorCode::Usage) std::cerr << cli::assignUsage() << "\n";
    return static_cast<int>(e.code());
  };
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "ekimachi-assign: ekimachi-cli assign on TNTP files (--tntp-net, --tntp-trips) only\n\n"
                << cli::assignUsage() << "\n";
      return 0;
    }
    if (a == "--version") {
      std::cout << "ekimachi-assign " << core::programVersion() << "\n";
      return 0;
    }
  }
  try {
    if (const auto l = cli::takeCommandLanguage(args, false)) language = *l;
    cli::AssignRunner runner;
    runner.run = &demand::AssignOp::runOnTntpFiles;
    return cli::runAssignCommand(args, runner);
  } catch (const core::CancelledError&) {
    std::cerr << core::cancelledNotice(language) << "\n";
    return static_cast<int>(core::ErrorCode::Cancelled);
  } catch (const core::Error& e) {
    return fail(e);
  } catch (const std::exception& e) {
    std::cerr << "ekimachi-assign: internal error: " << e.what() << "\n";
    return 1;
  }
}
