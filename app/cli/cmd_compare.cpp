// ekimachi-cli compare: differences between two scenario runs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "command_registry.h"
#include "ekm/core/error.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/scenario/run_compare.h"
#include "op_args.h"

namespace ekm::cli {
namespace {

const char* kUsage =
    "usage: ekimachi-cli compare --project P RUN_A RUN_B [--out DIR] [--top N]\n\n"
    "Compares two runs kept in project P (ids or scenario names) step by step (steps with\n"
    "the same id): each step's summary figures and every result table present in both,\n"
    "joined on its key columns (link flows by segment, OD pairs, population by cell).\n"
    "Prints per table the values compared, how many changed, the rows found in only one\n"
    "run and the N largest changes (default 5). --out DIR writes one CSV per table\n"
    "(keys, column, a, b, diff = b - a) and, for tables keyed by road segment or mesh\n"
    "cell or carrying their own lines (route demand: routes, segment loads, candidates),\n"
    "a GeoJSON difference layer (EPSG:4326) that QGIS opens.\n"
    "Exit codes: 0 ok, 2 usage, 5 unknown run, 6 store.";

std::string keyText(const std::vector<ops::Json>& key) {
  std::string s;
  for (const auto& k : key) s += (s.empty() ? "" : "/") + (k.is_string() ? k.get<std::string>() : k.dump());
  return s;
}

// The command's arguments, read by the CLI's one typed flag layer (op_args.h).
struct CompareArgs {
  std::string run_a, run_b;
  std::string out;
  std::int64_t top = 5;

  template <class V>
  void fields(V& v) {
    v("run_a", run_a, {.help = "the first run: id or scenario name", .required = true, .positional = 0});
    v("run_b", run_b, {.help = "the second run", .required = true, .positional = 1});
    v("out", out, {.help = "folder for the CSV tables and difference layers", .role = ops::Role::OutputDir});
    v("top", top, {.help = "largest changes printed per table", .min = 0, .max = 1000000});
  }
};

int runCompare(const std::vector<std::string>& argv) {
  auto args = parseArgsAs<CompareArgs>(argv);
  const CompareArgs& p = args.params;
  const int top = static_cast<int>(p.top);
  store::Project& project = args.session.project();
  auto find = [&](const std::string& id) {
    const auto r = store::findRun(project, id);
    if (!r) throw core::ValidationError("no such run", core::ErrorContext{project.path(), {}, {}, "RUN", "a run id or scenario name", id});
    return *r;
  };
  const auto ra = find(p.run_a), rb = find(p.run_b);
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
  if (!p.out.empty()) {
    std::filesystem::create_directories(p.out);
    const auto files = scenario::writeComparison(tables, project, p.out);
    std::printf("\n%zu files written to %s\n", files.size(), p.out.c_str());
  }
  return 0;
}

const CommandRegistrar kRegistrar{Command{"compare", "compare two scenario runs (tables and difference layers)", kUsage, runCompare}};

}  // namespace
}  // namespace ekm::cli
