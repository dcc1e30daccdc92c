// The scenario runner: check everything, run the steps, keep results with provenance.
#include "ekm/scenario/runner.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <set>

#include "ekm/core/build_info.h"
#include "ekm/ops/params.h"
#include "ekm/ops/session.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/run_store.h"
#include "ekm/store/table_read.h"

namespace ekm::scenario {
namespace {

using ops::Json;

core::ErrorContext at(const std::string& file, const std::string& field, const std::string& expected,
                      const std::string& found) {
  return core::ErrorContext{file, std::nullopt, std::nullopt, field, expected, found};
}

std::string isoNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool isPathRole(ops::Role r) {
  return r == ops::Role::InputFile || r == ops::Role::OutputFile || r == ops::Role::OutputDir;
}

Json inheritedFrom(const Json& defaults, const Json& basePeriod, const Json& edits,
                   const std::vector<ops::FieldInfo>& fields) {
  Json out = Json::object();
  for (const auto& f : fields) {
    if (defaults.is_object() && defaults.contains(f.name)) out[f.name] = defaults[f.name];
    else if (basePeriod.is_object() && (f.name == "from" || f.name == "to") && basePeriod.contains(f.name))
      out[f.name] = basePeriod[f.name];
    else if (!edits.is_null() && f.name == "edits") out[f.name] = edits;
  }
  return out;
}

// The tables the run's operations read (Session::tablesRead) with their row counts and content
// hashes, and the import log (the SHA-256 of every file that made the data): what the run
// read, so a later reader can tell whether the project changed since.
Json projectProvenance(store::Project& project, const std::set<std::string>& tablesRead, bool hash) {
  Json tables = Json::object();
  for (const auto& t : tablesRead) {
    if (!hash) {
      tables[t] = {{"rows", project.rowCount(t)}};
      continue;
    }
    const auto read = store::tableRead(project, t);
    tables[t] = {{"rows", read.rows}, {"sha256", read.sha256}};
  }
  Json imports = Json::array();
  for (const auto& e : project.importLog())
    imports.push_back({{"kind", e.kind}, {"source", e.sourcePath}, {"sha256", e.sourceSha256}, {"rows", e.rows}});
  return {{"path", project.path()}, {"tables", tables}, {"imports", imports}};
}

// A warning once, in the order first given.
void addWarning(std::vector<std::string>& warnings, std::string text) {
  if (std::find(warnings.begin(), warnings.end(), text) == warnings.end()) warnings.push_back(std::move(text));
}

}  // namespace

Json inheritedParams(const Scenario& s, const std::vector<ops::FieldInfo>& fields) {
  return inheritedFrom(s.defaults, s.basePeriod, s.edits, fields);
}

Json inheritedParams(const Json& doc, const std::vector<ops::FieldInfo>& fields) {
  if (!doc.is_object()) return Json::object();
  auto part = [&](const char* key) { return doc.contains(key) ? doc[key] : Json(); };
  return inheritedFrom(part("defaults"), part("base_period"), part("edits"), fields);
}

Json mergedParams(const Scenario& s, const ScenarioStep& step, const std::vector<ops::FieldInfo>& fields) {
  Json p = step.params;
  const Json inherited = inheritedParams(s, fields);
  for (const auto& [key, value] : inherited.items())
    if (!p.contains(key)) p[key] = value;
  return p;
}

std::vector<CheckedStep> checkScenario(const Scenario& s, const ops::Registry& registry) {
  if (!store::isPostgresLocation(s.project) && !std::filesystem::exists(s.project))
    throw core::IoError("the scenario's project does not exist", at(s.file, "project", "an existing .gpkg", s.project));
  store::Project::open(s.project, store::OpenMode::ReadOnly);  // damaged or foreign: StoreError now
  std::vector<CheckedStep> out;
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const ScenarioStep& step = s.steps[i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    const ops::Operation* op = registry.find(step.op);
    if (!op) {
      std::string known;
      for (const auto* o : registry.all())
        if (!o->writesProject()) known += (known.empty() ? "" : ", ") + o->name();
      throw core::ValidationError("unknown operation", at(s.file, where + ".op", "one of " + known, step.op));
    }
    if (op->writesProject())
      throw core::ValidationError("a scenario step may not change the project (run '" + step.op +
                                      "' before, e.g. with ekimachi-cli); scenario runs only read it",
                                  at(s.file, where + ".op", "an operation that reads the project", step.op));
    const auto fields = op->fields();
    Json params = mergedParams(s, step, fields);
    for (const auto& f : fields)
      if (isPathRole(f.spec.role) && params.contains(f.name) && params[f.name].is_string()) {
        const std::string given = params[f.name].get<std::string>();
        try {  // against the scenario's folder; "project:NAME" beside the project run on
          params[f.name] = ops::resolveParamPath(given, s.baseDir, s.project);
        } catch (const ops::ParamError& e) {
          throw ops::ParamError(e.message(), at(s.file, where + ".params." + f.name, e.context().expected, given));
        }
      }
    ops::ParamSource src;
    src.file = s.file;
    src.prefix = where + ".params.";
    params = op->normalise(params, src);
    for (const auto& f : fields) {
      if (!params.contains(f.name) || !params[f.name].is_string()) continue;
      const std::string path = params[f.name].get<std::string>();
      if (path.empty()) continue;
      if (f.spec.role == ops::Role::InputFile && !std::filesystem::exists(path))
        throw core::IoError("input file not found", at(s.file, src.prefix + f.name, "an existing file", path));
      if (f.spec.role == ops::Role::OutputFile) {
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty() && !std::filesystem::is_directory(parent))
          throw core::IoError("output folder not found",
                              at(s.file, src.prefix + f.name, "a file in an existing folder", path));
      }
    }
    out.push_back({step.id, op, std::move(params)});
  }
  return out;
}

RunOutcome runScenario(const Scenario& s, const ops::Registry& registry, core::Feedback& feedback,
                       const RunOptions& options) {
  const auto checked = checkScenario(s, registry);
  const auto t0 = std::chrono::steady_clock::now();
  const std::string startedAt = isoNow();
  ops::Session session(s.project);
  session.setBaseDir(s.baseDir);
  for (const auto& step : checked)
    for (const auto& f : step.op->fields())
      if (f.spec.role == ops::Role::InputFile && step.params.contains(f.name) && step.params[f.name].is_string() &&
          !step.params[f.name].get<std::string>().empty())
        session.recordInputFile(step.params[f.name].get<std::string>());

  RunOutcome outcome;
  core::MultiStepFeedback steps(feedback, static_cast<int>(checked.size()));
  // Warnings an operation sends through its feedback (not only those in its result) are the
  // run's warnings too; the log handler may be called from worker threads.
  std::mutex logged;
  std::vector<std::string> feedbackWarnings;
  std::string currentStep;
  steps.setLogHandler([&](core::LogLevel level, const std::string& message) {
    if (level == core::LogLevel::Warning) {
      std::lock_guard lock(logged);
      feedbackWarnings.push_back(currentStep + ": " + message);
    }
    feedback.log(level, message);
  });
  for (std::size_t i = 0; i < checked.size(); ++i) {
    feedback.throwIfCancelled();
    steps.setCurrentStep(static_cast<int>(i));
    const auto& step = checked[i];
    {
      std::lock_guard lock(logged);
      currentStep = step.id;
    }
    feedback.info("step " + std::to_string(i + 1) + "/" + std::to_string(checked.size()) + ": " + step.id + " (" +
                  step.op->name() + ")");
    const auto s0 = std::chrono::steady_clock::now();
    StepOutcome so;
    so.id = step.id;
    so.op = step.op->name();
    so.params = step.params;
    so.result = step.op->run(session, step.params, steps);
    so.durationS = std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
    {
      std::lock_guard lock(logged);
      for (auto& w : feedbackWarnings) addWarning(outcome.warnings, std::move(w));
      feedbackWarnings.clear();
    }
    for (const auto& w : so.result.warnings) addWarning(outcome.warnings, step.id + ": " + w);
    outcome.steps.push_back(std::move(so));
  }
  feedback.throwIfCancelled();

  Json inputs = Json::array();
  for (const auto& r : session.inputFiles())
    inputs.push_back({{"path", r.path}, {"sha256", r.sha256}, {"bytes", r.bytes}});
  outcome.provenance = {{"inputs", inputs}, {"project", projectProvenance(session.project(), session.tablesRead(), options.hashTables)}};
  session.closeProject();
  outcome.durationS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!options.store) return outcome;

  store::RunRecord run;
  run.name = s.name;
  run.scenarioFile = s.file;
  run.scenarioSha256 = s.sha256;
  run.scenarioJson = s.source.dump();
  run.programVersion = core::programVersion();
  run.programCommit = core::programCommit();
  run.startedAt = startedAt;
  run.finishedAt = isoNow();
  run.durationS = outcome.durationS;
  run.status = "ok";
  run.provenanceJson = outcome.provenance.dump();
  run.warningsJson = Json(outcome.warnings).dump();
  std::vector<store::RunStepRecord> records;
  for (std::size_t i = 0; i < outcome.steps.size(); ++i) {
    const auto& so = outcome.steps[i];
    records.push_back({static_cast<int>(i), so.id, so.op, so.params.dump(), ops::toJson(so.result).dump(),
                       so.durationS});
  }
  store::Project project = store::Project::open(s.project, store::OpenMode::ReadWrite);
  outcome.runId = store::writeRun(project, run, records);
  return outcome;
}

}  // namespace ekm::scenario
