// ekimachi-cli run: run scenario files offline; results kept in the project with provenance.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/project_copy.h"
#include "op_args.h"
#include "operation_registry.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli run SCENARIO.json [SCENARIO.json ...] [--project P] [--check] [--no-store]\n"
    "                        [--quiet]\n"
    "       ekimachi-cli run --schema\n\n"
    "Runs each scenario file (a project, a base period, edits and a sequence of operations\n"
    "with their parameters; see data/samples/scenarios/) offline and deterministically.\n"
    "Every step is checked before any work (operation, parameters, input files, project):\n"
    "a problem is reported with the file, the field and what was expected. The results go\n"
    "into the scenario's project under a new run id, with provenance (input files' SHA-256,\n"
    "tables read with row counts and content hashes, every step's parameters, program\n"
    "version and commit, start, end, duration, warnings), in one transaction after the last\n"
    "step: a failed, cancelled or killed run leaves the project as it was. See them with\n"
    "'runs list|show' and 'compare'.\n"
    "  --project P run on project P instead of the file's \"project\" (e.g. the examples in\n"
    "              data/samples/scenarios/ on a sample made by 'ekimachi-cli sample');\n"
    "              a relative P is relative to the current folder\n"
    "  --check     only check the scenarios\n"
    "  --no-store  run but do not keep the results (prints them)\n"
    "  --schema    print the JSON schema of scenario files (from the operation registry)\n"
    "Ctrl-C cancels (exit 130). Exit codes: 0 ok, 2 bad parameter, 3 missing file, 4 not\n"
    "JSON, 5 invalid scenario, 6 store; others as the failing operation.";

// The command's arguments, read by the CLI's one typed flag layer (op_args.h); --project
// and --quiet are the layer's own.
struct RunArgs {
  std::vector<std::string> scenarios;
  bool check = false;
  bool no_store = false;
  bool schema = false;

  template <class V>
  void fields(V& v) {
    v("scenarios", scenarios, {.help = "scenario files", .positional = 0});
    v("check", check, {.help = "only check the scenarios"});
    v("no_store", no_store, {.help = "run but do not keep the results (prints them)"});
    v("schema", schema, {.help = "print the JSON schema of scenario files"});
  }
};

int runRun(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<RunArgs>(argv);
  if (args.params.schema) {
    std::cout << scenario::scenarioSchema(operationRegistry()).dump(1) << "\n";
    return 0;
  }
  const bool check = args.params.check, store = !args.params.no_store, quiet = args.quiet;
  const std::vector<std::string>& files = args.params.scenarios;
  std::string project = args.session.hasProject() ? args.session.projectPath() : std::string();
  if (files.empty()) throw Error(ErrorCode::Usage, "run needs a SCENARIO.json");
  // --project is relative to the current folder: absolute before the scenario's own paths
  // ("project:NAME" beside the project) are resolved, which the run then reads from the
  // scenario's folder.
  if (!project.empty() && !ekm::store::isPostgresLocation(project))
    project = std::filesystem::absolute(project).lexically_normal().string();
  // Check every file of a batch before running the first.
  std::vector<scenario::Scenario> scenarios;
  for (const auto& f : files) {
    scenarios.push_back(scenario::loadScenario(f));
    if (!project.empty()) scenarios.back().project = project;
    scenario::checkScenario(scenarios.back(), operationRegistry());
  }
  if (check) {
    for (const auto& s : scenarios)
      std::printf("%s: scenario '%s', %zu steps: ok\n", s.file.c_str(), s.name.c_str(), s.steps.size());
    return 0;
  }
  for (const auto& s : scenarios) {
    TerminalFeedback fb("run " + s.name, quiet);
    scenario::RunOptions options;
    options.store = store;
    const auto outcome = scenario::runScenario(s, operationRegistry(), fb, options);
    fb.finish();
    if (store)
      std::printf("run %lld: scenario '%s', %zu steps, %.2f s, %zu warnings (project %s)\n",
                  static_cast<long long>(outcome.runId), s.name.c_str(), outcome.steps.size(), outcome.durationS,
                  outcome.warnings.size(), s.project.c_str());
    for (const auto& w : outcome.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (!store) {
      ops::Json j = ops::Json::array();
      for (const auto& st : outcome.steps)
        j.push_back({{"id", st.id}, {"op", st.op}, {"params", st.params}, {"result", ops::toJson(st.result)}});
      std::cout << j.dump(1) << "\n";
    }
  }
  return 0;
}

const CommandRegistrar kRegistrar{Command{"run", "run scenario files offline; results kept with provenance", kUsage, runRun}};

}  // namespace
}  // namespace ekm::cli
