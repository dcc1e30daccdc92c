#pragma once
// The background work of the Scenarios dock: plain functions that the dock submits to the
// session's TaskManager (they run on a worker thread, read the project through the session's
// per-thread connection and touch no widget). Each calls the library functions the CLI's
// `run`, `runs list` and `compare` call, so the dock and the CLI store and compare alike.
#include <QPolygonF>
#include <QString>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/ops/result.h"
#include "ekm/scenario/run_compare.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
#include "session/project_session.h"

namespace ekm::widgets {

// Road segment lines by segment id, in the display CRS (for link difference layers).
using SegmentLines = std::unordered_map<std::string, QPolygonF>;

// Two stored runs compared (scenario::compareRuns), with what their map layers need.
struct RunComparison {
  store::RunRecord a, b;
  std::vector<scenario::TableComparison> tables;
  // Set when a table is keyed by road segment and the session has a display CRS.
  std::shared_ptr<const SegmentLines> segmentLines;
  // One per table: a table with its own line geometry ("wkt", e.g. route demand) has its
  // keys' lines (by the key's JSON array text, as TableComparison::wktByKey) in the display
  // CRS when the session has one; null for other tables.
  std::vector<std::shared_ptr<const SegmentLines>> keyLines;
};

// A stored run's tables that have a place on the map: keyed by mesh cell or road segment,
// one row per key (a table keyed also by hour or model, like a forecast's, is left out).
struct StoredRunTables {
  store::RunRecord run;
  struct Table {
    std::string stepId;
    ops::ResultTable table;
  };
  std::vector<Table> tables;
  std::shared_ptr<const SegmentLines> segmentLines;  // as in RunComparison
};

// The runs stored in the session's project, oldest first (store::listRuns).
std::vector<store::RunRecord> listStoredRuns(const ProjectSession& session);

// Runs a scenario on the session's project (its "project" is overridden, as the CLI's
// `run --project` does) and stores the run (scenario::runScenario with the global registry).
scenario::RunOutcome runScenarioOnProject(scenario::Scenario scenario, const ProjectSession& session,
                                          core::Feedback& feedback);

// Compares runs `a` and `b` (ids) step by step (scenario::compareRuns). Throws
// core::ValidationError naming the run when one is not stored.
RunComparison compareStoredRuns(const ProjectSession& session, std::int64_t a, std::int64_t b,
                                core::Feedback& feedback);

// Run `run`'s mappable tables (see StoredRunTables). Throws core::ValidationError naming the
// run when it is not stored.
StoredRunTables loadStoredRunTables(const ProjectSession& session, std::int64_t run, core::Feedback& feedback);

// Writes the comparison's CSV tables and GeoJSON difference layers into outDir (created when
// missing) with scenario::writeComparison; returns the files written.
std::vector<std::string> exportRunComparison(const ProjectSession& session,
                                             const std::vector<scenario::TableComparison>& tables,
                                             const std::string& outDir);

}  // namespace ekm::widgets
