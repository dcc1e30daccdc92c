// ekimachi-cli briefing: the citizens' briefing pack of a scenario run (a thin caller of the
// render library's `briefing` operation). Registered only when the render library is built.
#ifdef EKM_WITH_RENDER
#include <cstdio>
#include <string>
#include <vector>

#include "command_registry.h"
#include "op_args.h"
#include "render/briefing_op.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli briefing --project P --scenario RUN_A [--compare RUN_B] --out pack.pdf\n"
    "                             [--lang ja|en|both] [--paper A4|A3|...] [--dpi N] [--quiet]\n\n"
    "Writes the briefing pack for a citizens' meeting as one PDF (landscape pages, vectors, fonts\n"
    "embedded): a cover with the scenario's description, the area, people flow in one hour of the\n"
    "run's period, before/after maps side by side and the difference map for mesh comparisons,\n"
    "one page per other result (streets, stations, walking flows; forecast, mobility and energy\n"
    "results where the run has them; RUN_A vs RUN_B with --compare), a summary in plain language\n"
    "(Japanese with English alongside) and a page saying where every number comes from (run,\n"
    "step, table, column). Every number is computed from the runs stored in the project; figures\n"
    "describing fewer than 10 people are printed as \"*\" and such cells are drawn as no data.\n"
    "Exit codes: 0 ok, 2 usage, 3 I/O, 5 unknown run, 6 store, 130 cancelled.";

int runBriefing(const std::vector<std::string>& argv) {
  auto args = parseOpArgs<render::BriefingOp>(argv);
  render::BriefingPackResult result;
  {
    TerminalFeedback fb("briefing", args.quiet);
    result = ops::run<render::BriefingOp>(args.session, args.params, fb);
    fb.finish();
  }
  std::printf("%s: %zu pages, %zu figures from run %lld '%s'\n", result.outPath.c_str(), result.pages.size(),
              result.summary.figures.size(), static_cast<long long>(result.summary.run.fid), result.summary.run.name.c_str());
  return 0;
}

const CommandRegistrar kRegistrar(Command{"briefing", render::BriefingOp::summary, kUsage, runBriefing, false,
                                          ownsLangAlways});

}  // namespace
}  // namespace ekm::cli
#endif
