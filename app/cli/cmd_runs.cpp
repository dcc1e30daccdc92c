// ekimachi-cli runs: the scenario runs kept in a project.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/ops/result.h"
#include "ekm/store/run_store.h"
#include "op_args.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli runs list --project P\n"
    "       ekimachi-cli runs show --project P RUN [--json]\n\n"
    "The scenario runs kept in project P ('ekimachi-cli run'). RUN is a run id or a\n"
    "scenario name (its latest run). 'show' prints the provenance (program version and\n"
    "commit, times, input files with SHA-256, tables read with row counts), each step's\n"
    "parameters and result summary, and the warnings; --json prints everything stored.\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown run, 6 store.";

// The command's arguments, read by the CLI's one typed flag layer (op_args.h).
struct RunsArgs {
  std::string verb;
  std::string run;
  bool json = false;

  template <class V>
  void fields(V& v) {
    v("verb", verb, {.help = "list or show", .required = true, .choices = {"list", "show"}, .positional = 0});
    v("run", run, {.help = "show: a run id or scenario name (its latest run)", .positional = 1});
    v("json", json, {.help = "show: print everything stored"});
  }
};

int runRuns(const std::vector<std::string>& argv) {
  auto args = parseArgsAs<RunsArgs>(argv);
  const RunsArgs& p = args.params;
  const std::string& verb = p.verb;
  store::Project& project = args.session.project();
  if (verb == "list") {
    std::printf("%-5s %-24s %-20s %9s %-14s %s\n", "run", "scenario", "started (UTC)", "seconds", "commit", "status");
    for (const auto& r : store::listRuns(project))
      std::printf("%-5lld %-24s %-20s %9.2f %-14s %s\n", static_cast<long long>(r.fid), r.name.c_str(),
                  r.startedAt.c_str(), r.durationS, r.programCommit.c_str(), r.status.c_str());
    return 0;
  }
  if (p.run.empty()) throw Error(ErrorCode::Usage, "runs show needs RUN (a run id or scenario name)");
  const std::string& id = p.run;
  const auto run = store::findRun(project, id);
  if (!run) throw core::ValidationError("no such run", core::ErrorContext{project.path(), {}, {}, "RUN", "a run id or scenario name", id});
  const auto steps = store::runSteps(project, run->fid);
  ops::Json j = {{"run", run->fid},
                 {"scenario", run->name},
                 {"scenario_file", run->scenarioFile},
                 {"scenario_sha256", run->scenarioSha256},
                 {"program_version", run->programVersion},
                 {"program_commit", run->programCommit},
                 {"started_at", run->startedAt},
                 {"finished_at", run->finishedAt},
                 {"duration_s", run->durationS},
                 {"status", run->status},
                 {"provenance", ops::Json::parse(run->provenanceJson)},
                 {"warnings", ops::Json::parse(run->warningsJson)}};
  ops::Json js = ops::Json::array();
  for (const auto& s : steps) {
    ops::Json result = ops::Json::parse(s.resultJson);
    if (!p.json) {
      // The table rows stay in the project; show their size only.
      for (auto& t : result["tables"]) {
        t["row_count"] = t["rows"].size();
        t.erase("rows");
      }
    }
    js.push_back({{"step", s.stepId}, {"op", s.op}, {"duration_s", s.durationS},
                  {"params", ops::Json::parse(s.paramsJson)}, {"result", result}});
  }
  j["steps"] = js;
  if (p.json) j["scenario_json"] = ops::Json::parse(run->scenarioJson);
  std::cout << j.dump(1) << "\n";
  return 0;
}

const CommandRegistrar kRegistrar{Command{"runs", "list the scenario runs kept in a project, or show one", kUsage, runRuns}};

}  // namespace
}  // namespace ekm::cli
