// ekimachi-cli compare: differences between two scenario runs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_args.h"
#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/scenario/run_compare.h"

namespace ekm::cli {
namespace {

using core::Error;
using core::ErrorCode;

const char* kUsage =
    "usage: ekimachi-cli compare --project P RUN_A RUN_B [--out DIR] [--top N]\n\n"
    "Compares two runs kept in project P (ids or scenario names) step by step (steps with\n"
    "the same id): each step's summary figures and every result table present in both,\n"
    "joined on its key columns (link flows by segment, OD pairs, population by cell).\n"
    "Prints per table the values compared, how many changed, the rows found in only one\n"
    "run and the N largest changes (default 5). --out DIR writes one CSV per table\n"
    "(keys, column, a, b, diff = b - a) and, for tables keyed by road segment or mesh\n"
    "cell, a GeoJSON difference layer (EPSG:4326) that QGIS opens.\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown run, 6 store.";

std::string keyText(const std::vector<ops::Json>& key) {
  std::string s;
  for (const auto& k : key) s += (s.empty() ? "" : "/") + (k.is_string() ? k.get<std::string>() : k.dump());
  return s;
}

int runCompare(const std::vector<std::string>& argv) {
  const Args args(argv, {});
  args.checkKnown({"project", "out", "top"});
  const std::string a = args.positional(0, "RUN_A"), b = args.positional(1, "RUN_B");
  int top = 5;
  if (const auto t = args.value("top")) {
    char* end = nullptr;
    top = static_cast<int>(std::strtol(t->c_str(), &end, 10));
    if (t->empty() || *end || top < 0)
      throw Error(ErrorCode::Usage, "bad --top", core::ErrorContext{"", {}, {}, "--top", "a count >= 0", *t});
  }
  store::Project project = store::Project::open(args.required("project"), store::OpenMode::ReadOnly);
  auto find = [&](const std::string& id) {
    const auto r = store::findRun(project, id);
    if (!r) throw core::ValidationError("no such run", core::ErrorContext{project.path(), {}, {}, "RUN", "a run id or scenario name", id});
    return *r;
  };
  const auto ra = find(a), rb = find(b);
  const auto tables = scenario::compareRuns(store::runSteps(project, ra.fid), store::runSteps(project, rb.fid));
  std::printf("run %lld (%s) -> run %lld (%s): %zu tables compared\n", static_cast<long long>(ra.fid), ra.name.c_str(),
              static_cast<long long>(rb.fid), rb.name.c_str(), tables.size());
  for (const auto& t : tables) {
    std::vector<const scenario::ValueChange*> changed;
    for (const auto& c : t.changes)
      if (!(c.a == c.b)) changed.push_back(&c);
    std::printf("\n%s / %s: %zu values, %zu changed, %d only in A, %d only in B\n", t.stepId.c_str(), t.table.c_str(),
                t.changes.size(), changed.size(), t.onlyInA, t.onlyInB);
    std::stable_sort(changed.begin(), changed.end(), [](auto* x, auto* y) {
      const double dx = std::isfinite(x->diff()) ? std::abs(x->diff()) : 0, dy = std::isfinite(y->diff()) ? std::abs(y->diff()) : 0;
      return dx > dy;
    });
    for (int i = 0; i < top && i < static_cast<int>(changed.size()); ++i)
      std::printf("  %-32s %-18s %14.6g -> %14.6g  (%+.6g)\n", keyText(changed[i]->key).c_str(),
                  changed[i]->column.c_str(), changed[i]->a, changed[i]->b, changed[i]->diff());
  }
  if (const auto out = args.value("out")) {
    std::filesystem::create_directories(*out);
    const auto files = scenario::writeComparison(tables, project, *out);
    std::printf("\n%zu files written to %s\n", files.size(), out->c_str());
  }
  return 0;
}

const CommandRegistrar kRegistrar{Command{"compare", "compare two scenario runs (tables and difference layers)", kUsage, runCompare}};

}  // namespace
}  // namespace ekm::cli
