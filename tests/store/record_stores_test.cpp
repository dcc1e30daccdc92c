// The OD matrix store and the scenario-run store on both backends (backend_fixture.h): what
// is written reads back exactly (order, doubles, awkward text), a period is replaced and
// deleted, run ids count up, a failed write leaves nothing; and `ekimachi-cli od`, `run` and
// `runs` on a PostgreSQL --project give what they give on the GeoPackage.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/store/od_store.h"
#include "ekm/store/project.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/run_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace {

using namespace ekm;
using namespace ekm::store;
using store_test::Backend;

class RecordStores : public store_test::OnEachBackend {
 protected:
  RecordStores() : OnEachBackend("records") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, RecordStores, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         store_test::backendName);

// Text that trips up a careless encoder: COPY's delimiters and escapes, quotes, non-ASCII.
const std::string kAwkward = "a\tb\\N\nc'd\"e\\\\ 高輪|,";

TEST_P(RecordStores, OdRowsReadBackExactlyInOrder) {
  Project p = Project::create(m_location);
  std::vector<OdRow> am;
  for (int i = 0; i < 3000; ++i)  // not in key order: the order written is the order read
    am.push_back({"z" + std::to_string((i * 7919) % 3000), "z" + std::to_string(i % 13), 0.1 * i + 1e-9 * (i % 5)});
  am.push_back({kAwkward, "高輪ゲートウェイ", std::numeric_limits<double>::denorm_min()});
  am.push_back({"x", "y", 1.0 / 3.0});
  saveOdRows(p, "am", am);
  saveOdRows(p, "pm", {{"a", "b", 2.5}});
  const auto back = odRows(p, "am");
  ASSERT_EQ(back.size(), am.size());
  for (std::size_t i = 0; i < am.size(); ++i) {
    EXPECT_EQ(back[i].origin, am[i].origin) << i;
    EXPECT_EQ(back[i].destination, am[i].destination) << i;
    EXPECT_EQ(back[i].trips, am[i].trips) << i;  // bit for bit
  }
  EXPECT_EQ(odPeriods(p), (std::vector<std::string>{"am", "pm"}));
  // Replacing a period keeps the others; deleting one leaves the rest.
  saveOdRows(p, "am", {{"c", "d", 4}});
  ASSERT_EQ(odRows(p, "am").size(), 1u);
  EXPECT_EQ(odRows(p, "am")[0].trips, 4);
  EXPECT_EQ(odRows(p, "pm").size(), 1u);
  deleteOdPeriod(p, "pm");
  EXPECT_EQ(odPeriods(p), (std::vector<std::string>{"am"}));
  EXPECT_TRUE(odRows(p, "nope").empty());
  // A duplicate pair breaks UNIQUE (period, origin, destination): nothing of it is kept.
  EXPECT_ANY_THROW(saveOdRows(p, "am", {{"e", "f", 1}, {"e", "f", 2}}));
  ASSERT_EQ(odRows(p, "am").size(), 1u);
  EXPECT_EQ(odRows(p, "am")[0].origin, "c");
}

RunRecord runRecord(const std::string& name) {
  RunRecord r;
  r.name = name;
  r.scenarioFile = "/tmp/" + name + ".json";
  r.scenarioSha256 = "0123abcd";
  r.scenarioJson = "{\"scenario\":\"" + name + "\",\"text\":\"a\\tb\"}";
  r.programVersion = "1.2.3";
  r.programCommit = "abc";
  r.startedAt = "2026-12-06T16:00:00Z";
  r.finishedAt = "2026-12-06T16:00:02Z";
  r.durationS = 2.0 / 3.0;
  r.status = "ok";
  r.provenanceJson = "{\"path\":\"" + kAwkward + "\"}";
  r.warningsJson = "[]";
  return r;
}

TEST_P(RecordStores, RunsCountUpAndReadBack) {
  Project p = Project::create(m_location);
  EXPECT_TRUE(listRuns(p).empty());
  EXPECT_FALSE(findRun(p, "1").has_value());
  const std::vector<RunStepRecord> steps = {{0, "cells", "compare-periods", "{\"a\":1}", kAwkward, 0.25},
                                            {1, "stations", "compare-periods", "{}", "{\"b\":[1,2]}", 1e-7}};
  const auto first = writeRun(p, runRecord("opening"), steps);
  const auto second = writeRun(p, runRecord("opening"), {steps[0]});
  const auto third = writeRun(p, runRecord("other"), {});
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  EXPECT_EQ(third, 3);
  const auto runs = listRuns(p);
  ASSERT_EQ(runs.size(), 3u);
  const RunRecord want = runRecord("opening");
  EXPECT_EQ(runs[0].fid, 1);
  EXPECT_EQ(runs[0].name, want.name);
  EXPECT_EQ(runs[0].scenarioFile, want.scenarioFile);
  EXPECT_EQ(runs[0].scenarioSha256, want.scenarioSha256);
  EXPECT_EQ(runs[0].scenarioJson, want.scenarioJson);
  EXPECT_EQ(runs[0].programVersion, want.programVersion);
  EXPECT_EQ(runs[0].programCommit, want.programCommit);
  EXPECT_EQ(runs[0].startedAt, want.startedAt);
  EXPECT_EQ(runs[0].finishedAt, want.finishedAt);
  EXPECT_EQ(runs[0].durationS, want.durationS);
  EXPECT_EQ(runs[0].status, want.status);
  EXPECT_EQ(runs[0].provenanceJson, want.provenanceJson);
  EXPECT_EQ(runs[0].warningsJson, want.warningsJson);
  // By id, and by name the latest of that name.
  EXPECT_EQ(findRun(p, "3")->name, "other");
  EXPECT_EQ(findRun(p, "opening")->fid, 2);
  EXPECT_FALSE(findRun(p, "missing").has_value());
  const auto back = runSteps(p, first);
  ASSERT_EQ(back.size(), 2u);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(back[i].index, steps[i].index);
    EXPECT_EQ(back[i].stepId, steps[i].stepId);
    EXPECT_EQ(back[i].op, steps[i].op);
    EXPECT_EQ(back[i].paramsJson, steps[i].paramsJson);
    EXPECT_EQ(back[i].resultJson, steps[i].resultJson);
    EXPECT_EQ(back[i].durationS, steps[i].durationS);
  }
  EXPECT_EQ(runSteps(p, second).size(), 1u);
  EXPECT_TRUE(runSteps(p, third).empty());
  // Two steps with the same index break UNIQUE (run_fid, step_index): no run is kept.
  EXPECT_ANY_THROW(writeRun(p, runRecord("broken"), {steps[0], steps[0]}));
  EXPECT_EQ(listRuns(p).size(), 3u);
  EXPECT_EQ(writeRun(p, runRecord("after"), {}), 4);
}

// ---- The CLI on a PostgreSQL project, against the same commands on the GeoPackage -------

std::string q(const std::string& s) { return ekm_test::quote(s); }

TEST(RecordStoresCli, OdRunAndRunsOnPostgresAnswerAsOnAGeoPackage) {
  std::string whyNot;
  ekm_test::PgServer* server = store_test::sharedPgServer(whyNot);
  if (!server) GTEST_SKIP() << whyNot;
  ekm_test::TempDir dir("record_cli");
  const std::string gpkg = dir.str("p.gpkg");
  {
    Project p = Project::create(gpkg);
    store_test::fillTyped(p);
  }
  const std::string pg = server->location("record_cli");
  copyProject(gpkg, pg, core::nullFeedback());

  std::ofstream(dir.str("od.csv")) << "origin,destination,trips\nA,B,12.5\nB,A,3\nA,A,0.125\n";
  // The fixture's 48 hours from 2025-03-27 08:00 JST: two days to compare.
  std::ofstream(dir.str("s.json")) << R"({"scenario": "two days", "project": "unused.gpkg", "steps": [
    {"id": "cells", "op": "compare-periods", "params": {"kind": "mesh-population",
     "a": "2025-03-27..2025-03-27", "b": "2025-03-28..2025-03-28", "bootstrap": 50, "seed": 3}}]})";
  std::string out[2];
  const std::string locations[2] = {gpkg, pg};
  for (int b = 0; b < 2; ++b) {
    const std::string p = q(locations[b]);
    auto r = ekm_test::cli("od import --project " + p + " --period am --in " + q(dir.str("od.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    r = ekm_test::cli("od list --project " + p);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("am"), std::string::npos) << r.out;
    const std::string csv = dir.str("back" + std::to_string(b) + ".csv");
    r = ekm_test::cli("od export --project " + p + " --period am --out " + q(csv));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ifstream in(csv);
    const std::string exported((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(exported.find("12.5"), std::string::npos) << exported;
    EXPECT_NE(exported.find("0.125"), std::string::npos) << exported;
    out[b] = exported;

    r = ekm_test::cli("run " + q(dir.str("s.json")) + " --project " + p, ekm_test::Streams::Separate);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    r = ekm_test::cli("runs list --project " + p, ekm_test::Streams::Separate);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("two days"), std::string::npos) << r.out;
    r = ekm_test::cli("runs show --project " + p + " 1 --json", ekm_test::Streams::Separate);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    out[b] += r.out;
  }
  ASSERT_FALSE(out[0].empty());
  // Same matrix and same stored run, but for the project path and times in the provenance.
  Project a = Project::open(gpkg, OpenMode::ReadOnly), b = Project::open(pg, OpenMode::ReadOnly);
  EXPECT_EQ(odRows(b, "am").size(), odRows(a, "am").size());
  EXPECT_GE(odRows(b, "am").size(), 3u);
  const auto sa = runSteps(a, 1), sb = runSteps(b, 1);
  ASSERT_EQ(sa.size(), 1u);
  ASSERT_EQ(sb.size(), 1u);
  EXPECT_EQ(sb[0].paramsJson, sa[0].paramsJson);
  EXPECT_EQ(sb[0].resultJson, sa[0].resultJson);
  EXPECT_GT(sa[0].resultJson.size(), 50u);
}

}  // namespace
