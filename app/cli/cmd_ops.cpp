// ekimachi-cli ops: the operation registry — list, schema, run one with JSON params.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/ops/registry.h"
#include "op_args.h"
#include "operation_registry.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli ops list [--json]\n"
    "       ekimachi-cli ops schema NAME\n"
    "       ekimachi-cli ops run NAME [--project P] [--params PARAMS.json] [--FIELD VALUE ...]\n"
    "                             [--out RESULT.json] [--quiet]\n\n"
    "Every user-facing operation of Ekimachi is one registered operation with typed\n"
    "parameters; the CLI commands, the GUI's docks and scenario files all run them.\n"
    "  list     names and one-line descriptions (--json: with the JSON schema of each one's\n"
    "           parameters)\n"
    "  schema   the JSON schema of one operation's parameters\n"
    "  run      runs one operation; parameters from a JSON file (--params) and/or flags\n"
    "           (flags win); prints the result as JSON (summary, tables, outputs, warnings)\n"
    "           or writes it to --out. Ctrl-C cancels (exit 130).\n"
    "Exit codes: 0 ok, 2 usage or bad parameter (the field is named), others as the operation.";

ops::Json readJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot read parameters file", core::ErrorContext{path, {}, {}, "", "", ""});
  try {
    return ops::Json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw core::ParseError(std::string("not JSON: ") + e.what(),
                           core::ErrorContext{path, std::nullopt, std::nullopt, "", "a JSON object", ""});
  }
}

int runOps(const std::vector<std::string>& argv) {
  const auto& registry = operationRegistry();
  if (argv.empty()) throw Error(ErrorCode::Usage, "ops needs list, schema or run");
  const std::string verb = argv[0];
  if (verb == "list") {
    if (argv.size() > 1 && argv[1] == "--json") {
      std::cout << registry.describe().dump(1) << "\n";
      return 0;
    }
    for (const auto* op : registry.all())
      std::printf("  %-20s %s%s\n", op->name().c_str(), op->summary().c_str(),
                  op->writesProject() ? " [writes project]" : "");
    return 0;
  }
  if (argv.size() < 2) throw Error(ErrorCode::Usage, "ops " + verb + " needs an operation NAME");
  const ops::Operation& op = registry.at(argv[1]);
  if (verb == "schema") {
    std::cout << op.paramsSchema().dump(1) << "\n";
    return 0;
  }
  if (verb != "run") throw Error(ErrorCode::Usage, "unknown ops verb '" + verb + "'");
  std::vector<std::string> rest(argv.begin() + 2, argv.end());
  // --params FILE and --out FILE belong to `ops run`, the rest to the operation.
  std::string paramsFile, outFile;
  for (std::size_t i = 0; i < rest.size();) {
    if ((rest[i] == "--params" || rest[i] == "--out") && i + 1 < rest.size() &&
        !(rest[i] == "--out" && hasField(op, "out"))) {
      (rest[i] == "--params" ? paramsFile : outFile) = rest[i + 1];
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i), rest.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    } else {
      ++i;
    }
  }
  OpArgs a = parseOpArgs(op.fields(), rest);
  ops::Json params = paramsFile.empty() ? ops::Json::object() : readJsonFile(paramsFile);
  for (const auto& [k, v] : a.params.items()) params[k] = v;
  ops::ParamSource src;
  src.file = paramsFile;
  const ops::Json normalised = op.normalise(params, src);
  TerminalFeedback fb(op.name(), a.quiet);
  const ops::OpResult result = op.run(a.session, normalised, fb);
  fb.finish();
  const std::string text = ops::toJson(result).dump(1);
  if (outFile.empty()) {
    std::cout << text << "\n";
  } else {
    std::ofstream out(outFile);
    out << text << "\n";
    if (!out) throw core::IoError("cannot write the result", core::ErrorContext{outFile, {}, {}, "", "", ""});
  }
  return 0;
}

// `ops run NAME --lang X` is the operation's lang when it has one (export-map, briefing).
bool runOwnsLang(const std::vector<std::string>& argv) {
  const ops::Operation* op = argv.size() >= 2 && argv[0] == "run" ? operationRegistry().find(argv[1]) : nullptr;
  return op && hasField(*op, "lang");
}

const CommandRegistrar kRegistrar{Command{"ops", "list the operations, show their parameters, run one", kUsage, runOps,
                                          false, runOwnsLang}};

}  // namespace
}  // namespace ekm::cli
