// ekimachi-cli bench provenance --project P [--runs N]: times scenario runs that read the
// project's mesh population (the sample's largest table) with and without the content SHA-256
// of the tables read (scenario::RunOptions::hashTables), and the hash of each table alone
// (store::tableRead). Runs are not stored, so the project is not changed.
#include "bench_provenance.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/ops/registry.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/table_read.h"
#include "op_args.h"

namespace ekm::cli {

const char* const kBenchProvenanceUsage =
    "bench provenance --project P [--runs N] [--a PERIOD] [--b PERIOD] [--cell CODE]\n"
    "  The cost of hashing the tables a scenario run reads (its provenance): runs that read the\n"
    "  project's mesh population - compare-periods mesh-population (bootstrap 1000, as the\n"
    "  sample's opening.json) and the hour-of-day profile of one cell - N times (3) each with\n"
    "  and without the tables' content SHA-256, not stored; prints the medians, the hashing's\n"
    "  share of the run and the time of store::tableRead of each table alone.";

namespace {

using Clock = std::chrono::steady_clock;

struct BenchProvenanceArgs {
  std::int64_t runs = 3;
  std::string a = "2025-02-27..2025-03-26";
  std::string b = "2025-03-27..2025-04-23";
  std::string cell = "53393569123";

  template <class V>
  void fields(V& v) {
    v("runs", runs, {.help = "runs to time of each kind", .min = 1, .max = 100});
    v("a", a, {.help = "period A of compare-periods (default: the sample's four weeks before the opening)"});
    v("b", b, {.help = "period B of compare-periods (default: the four weeks after)"});
    v("cell", cell, {.help = "the 1/8 mesh cell of the profile run (default: the sample's, beside the station)"});
  }
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Timing {
  double withHash = 0, withoutHash = 0;
  std::set<std::string> tables;
};

Timing timeRuns(const scenario::Scenario& s, int runs) {
  Timing t;
  std::vector<double> with, without;
  for (int i = 0; i < runs; ++i) {
    for (const bool hash : {true, false}) {  // interleaved, so that a drift hits both alike
      scenario::RunOptions options;
      options.store = false;
      options.hashTables = hash;
      core::Feedback fb;
      const auto t0 = Clock::now();
      const auto outcome = scenario::runScenario(s, ops::Registry::global(), fb, options);
      (hash ? with : without).push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      for (const auto& [table, v] : outcome.provenance.at("project").at("tables").items()) t.tables.insert(table);
    }
  }
  t.withHash = median(with);
  t.withoutHash = median(without);
  return t;
}

}  // namespace

int runBenchProvenance(const std::vector<std::string>& argv) {
  const auto args = parseArgsAs<BenchProvenanceArgs>(argv);
  const std::string project = std::filesystem::absolute(args.session.projectPath()).string();
  const int runs = static_cast<int>(args.params.runs);
  const std::string base = std::filesystem::path(project).parent_path().string();
  struct Case {
    const char* what;
    ops::Json step;
  };
  const Case cases[] = {
      {"compare-periods mesh-population (bootstrap 1000)",
       {{"id", "cells"},
        {"op", "compare-periods"},
        {"params",
         {{"kind", "mesh-population"}, {"a", args.params.a}, {"b", args.params.b}, {"bootstrap", 1000}, {"seed", 1}}}}},
      {"profile of one cell",
       {{"id", "cell"}, {"op", "profile"}, {"params", {{"cell", args.params.cell}, {"by", "daytype"}}}}}};
  std::printf("bench provenance on %s, %d runs of each (median wall clock)\n", project.c_str(), runs);
  std::set<std::string> tables;
  for (const auto& c : cases) {
    const ops::Json doc = {{"scenario", "bench-provenance"}, {"project", project}, {"steps", ops::Json::array({c.step})}};
    const auto s = scenario::scenarioFromJson(doc, "", base);
    const Timing t = timeRuns(s, runs);
    tables.insert(t.tables.begin(), t.tables.end());
    const double hash = t.withHash - t.withoutHash;
    std::printf("  %-48s with hashing %8.3f s, without %8.3f s: hashing %+.3f s = %5.1f %% of the run\n", c.what,
                t.withHash, t.withoutHash, hash, 100.0 * hash / t.withHash);
  }
  auto p = store::Project::open(project, store::OpenMode::ReadOnly);
  for (const auto& table : tables) {
    std::vector<double> seconds;
    store::TableReadRecord r;
    for (int i = 0; i < runs; ++i) {
      const auto t0 = Clock::now();
      r = store::tableRead(p, table);
      seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::printf("  tableRead(%s): %lld rows, %.3f s (sha256 %.12s...)\n", table.c_str(), static_cast<long long>(r.rows),
                median(seconds), r.sha256.c_str());
  }
  return 0;
}

}  // namespace ekm::cli
