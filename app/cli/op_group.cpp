// Operation-verb command groups (see op_group.h).
#include "op_group.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "ekm/core/error.h"
#include "op_args.h"
#include "operation_registry.h"
#include "terminal_feedback.h"

namespace ekm::cli {
namespace {

std::vector<const ops::Operation*> groupOps(const std::string& group) {
  std::vector<const ops::Operation*> out;
  const std::string prefix = group + "-";
  for (const auto* op : operationRegistry().all())
    if (op->name().rfind(prefix, 0) == 0) out.push_back(op);
  return out;
}

std::string groupUsage(const std::string& group, const std::string& summary, const std::string& epilog) {
  std::string u = "usage: ekimachi-cli " + group + " VERB [--project P] [options] [--json] [--quiet]\n\n" + summary +
                  "\n\nVerbs (each is the operation " + group + "-VERB; `ekimachi-cli " + group +
                  " VERB --help` lists its options):\n";
  for (const auto* op : groupOps(group)) {
    char line[512];
    std::snprintf(line, sizeof line, "  %-14s %s\n", op->name().substr(group.size() + 1).c_str(), op->summary().c_str());
    u += line;
  }
  u += "\n--json prints the whole result (summary, tables, outputs, warnings) as JSON.";
  if (!epilog.empty()) u += "\n" + epilog;
  return u;
}

void printSummary(const ops::Json& summary, const std::string& indent) {
  for (const auto& [k, v] : summary.items()) {
    if (v.is_object()) {
      std::cout << indent << k << ":\n";
      printSummary(v, indent + "  ");
    } else {
      std::cout << indent << k << ": " << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
    }
  }
}

// A result table as aligned columns under its name (blank line before).
void printTable(const ops::ResultTable& t) {
  auto cell = [](const ops::Json& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
  };
  std::vector<std::size_t> width(t.columns.size(), 0);
  for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = t.columns[c].size();
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], cell(row[c]).size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      out += cells[c];
      if (c + 1 < cells.size()) out += std::string(width[c] - cells[c].size() + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::cout << "  " << out << "\n";
  };
  std::cout << "\n" << t.name << " (" << t.rows.size() << " rows):\n";
  if (t.rows.empty()) return;
  line(t.columns);
  for (const auto& row : t.rows) {
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < t.columns.size(); ++c) cells.push_back(c < row.size() ? cell(row[c]) : std::string());
    line(cells);
  }
}

// {"operation", "status": "failed" | "cancelled", "error": {code, exit_code, message, file,
// line, feature, field, expected, found}} (empty context fields left out).
ops::Json failureJson(const std::string& operation, const core::Error& e) {
  const bool cancelled = e.code() == core::ErrorCode::Cancelled;
  ops::Json err = {{"code", core::errorCodeName(e.code())}, {"exit_code", static_cast<int>(e.code())}, {"message", e.message()}};
  const core::ErrorContext& c = e.context();
  if (!c.file.empty()) err["file"] = c.file;
  if (c.line) err["line"] = *c.line;
  if (c.feature) err["feature"] = *c.feature;
  if (!c.field.empty()) err["field"] = c.field;
  if (!c.expected.empty()) err["expected"] = c.expected;
  if (!c.found.empty()) err["found"] = c.found;
  return {{"operation", operation}, {"status", cancelled ? "cancelled" : "failed"}, {"error", std::move(err)}};
}

int runGroup(const std::string& group, const std::string& summary, const std::string& epilog,
             const std::vector<std::string>& argv,
             const std::vector<std::string>& plainTables) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    std::cout << groupUsage(group, summary, epilog) << "\n";
    return argv.empty() ? 2 : 0;
  }
  const std::string verb = argv[0];
  const ops::Operation* op = operationRegistry().find(group + "-" + verb);
  if (!op) throw core::Error(core::ErrorCode::Usage, "unknown " + group + " verb '" + verb + "'\n" + groupUsage(group, summary, epilog));
  std::vector<std::string> rest(argv.begin() + 1, argv.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      std::cout << usageFromFields(group + " " + verb, op->summary(), op->fields(), true) << "\n";
      return 0;
    }
  CliExtras extras;
  extras.flags.insert("json");
  OpArgs a = parseOpArgs(op->fields(), rest, extras);
  ops::ParamSource src;
  src.cliFlags = true;
  ops::Json params;
  try {
    params = op->normalise(a.params, src);
  } catch (const ops::ParamError& e) {
    rethrowNamingFlag(e, op->fields());
  }
  TerminalFeedback fb(op->name(), a.quiet);
  const bool json = a.flags.count("json") > 0;
  ops::OpResult result;
  try {
    result = op->run(a.session, params, fb);
  } catch (const core::Error& e) {
    // A script reading --json gets a JSON answer on failure too; the message on stderr and
    // the exit code stay as they are.
    if (json) std::cout << failureJson(op->name(), e).dump(1) << "\n";
    throw;
  }
  fb.finish();
  if (json) {
    std::cout << ops::toJson(result).dump(1) << "\n";
  } else {
    printSummary(result.summary, "");
    for (const auto& name : plainTables)
      if (const ops::ResultTable* t = result.table(name)) printTable(*t);
    for (const auto& f : result.outputs) std::cout << "wrote " << f << "\n";
  }
  for (const auto& w : result.warnings) std::cerr << "warning: " << w << "\n";
  return 0;
}

}  // namespace

Command opGroupCommand(const std::string& group, const std::string& summary, std::vector<std::string> plainTables,
                       std::string epilog) {
  // The verbs are listed at run time (`GROUP --help`): the registry is not built yet while
  // commands register themselves during static initialisation.
  const std::string usage = "usage: ekimachi-cli " + group + " VERB [--project P] [options] [--json] [--quiet]\n" +
                            summary + "\n`ekimachi-cli " + group + " --help` lists the verbs." +
                            (epilog.empty() ? std::string() : "\n" + epilog);
  // A verb's --lang is its own when its operation has a lang field (mobility report), else
  // the message language (mobility kpi --lang en).
  const auto ownsLang = [group](const std::vector<std::string>& argv) {
    const ops::Operation* op = argv.empty() ? nullptr : operationRegistry().find(group + "-" + argv[0]);
    return op && hasField(*op, "lang");
  };
  return Command{group, summary, usage,
                 [group, summary, plainTables, epilog](const std::vector<std::string>& argv) {
                   return runGroup(group, summary, epilog, argv, plainTables);
                 },
                 true, ownsLang};
}

}  // namespace ekm::cli
