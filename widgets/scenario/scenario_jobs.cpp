#include "scenario/scenario_jobs.h"

#include <filesystem>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/geo/transformer.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/result_geometry.h"
#include "ekm/scenario/difference_layers.h"

namespace ekm::widgets {
namespace {

store::RunRecord storedRun(store::Project& project, std::int64_t id) {
  const auto run = store::findRun(project, std::to_string(id));
  if (!run)
    throw core::ValidationError("no such run", core::ErrorContext{project.path(), {}, {}, "RUN", "a stored run id",
                                                                  std::to_string(id)});
  return *run;
}

std::shared_ptr<const SegmentLines> readSegmentLines(store::Project& project, int displayEpsg) {
  const geo::Transformer t(displayEpsg);
  auto lines = std::make_shared<SegmentLines>();
  for (const auto& s : project.segments()) {
    QPolygonF line;
    line.reserve(static_cast<qsizetype>(s.points.size()));
    for (const auto& p : s.points) {
      const auto [x, y] = t.forward(p.lon, p.lat);
      line << QPointF(x, y);
    }
    (*lines)[s.segmentId] = std::move(line);
  }
  return lines;
}

// A "wkt" table's lines by key in the display CRS (keys without a line left out).
std::shared_ptr<const SegmentLines> keyLinesOf(const scenario::TableComparison& table, const geo::Transformer& t) {
  auto lines = std::make_shared<SegmentLines>();
  for (const auto& [key, wkt] : table.wktByKey) {
    QPolygonF line;
    for (const auto& [lon, lat] : ops::wktLineVertices(wkt)) {
      const auto [x, y] = t.forward(lon, lat);
      line << QPointF(x, y);
    }
    if (line.size() >= 2) (*lines)[key] = std::move(line);
  }
  return lines;
}

// The segment lines in the display CRS when `needed` and the session has a display CRS.
std::shared_ptr<const SegmentLines> segmentLinesIfAny(const ProjectSession& session, bool needed) {
  const int epsg = session.layers() ? session.displayEpsg() : 0;
  return needed && epsg > 0 ? readSegmentLines(session.store(), epsg) : nullptr;
}

}  // namespace

std::vector<store::RunRecord> listStoredRuns(const ProjectSession& session) { return store::listRuns(session.store()); }

scenario::RunOutcome runScenarioOnProject(scenario::Scenario scenario, const ProjectSession& session,
                                          core::Feedback& feedback) {
  scenario.project = session.file();
  return scenario::runScenario(scenario, ops::Registry::global(), feedback);
}

RunComparison compareStoredRuns(const ProjectSession& session, std::int64_t a, std::int64_t b,
                                core::Feedback& feedback) {
  store::Project& project = session.store();
  RunComparison out;
  out.a = storedRun(project, a);
  out.b = storedRun(project, b);
  feedback.throwIfCancelled();
  out.tables = scenario::compareRuns(store::runSteps(project, out.a.fid), store::runSteps(project, out.b.fid));
  feedback.throwIfCancelled();
  bool segments = false;
  for (const auto& t : out.tables) segments = segments || t.geometry == "segment";
  out.segmentLines = segmentLinesIfAny(session, segments);
  out.keyLines.resize(out.tables.size());
  const int epsg = session.layers() ? session.displayEpsg() : 0;
  std::optional<geo::Transformer> toDisplay;
  for (std::size_t i = 0; i < out.tables.size() && epsg > 0; ++i) {
    if (out.tables[i].geometry != ops::kWktGeometry) continue;
    if (!toDisplay) toDisplay.emplace(epsg);
    out.keyLines[i] = keyLinesOf(out.tables[i], *toDisplay);
  }
  feedback.setProgress(100);
  return out;
}

StoredRunTables loadStoredRunTables(const ProjectSession& session, std::int64_t run, core::Feedback& feedback) {
  store::Project& project = session.store();
  StoredRunTables out;
  out.run = storedRun(project, run);
  bool segments = false;
  for (const auto& step : store::runSteps(project, out.run.fid)) {
    feedback.throwIfCancelled();
    const ops::OpResult result = ops::opResultFromJson(ops::Json::parse(step.resultJson));
    for (const auto& t : result.tables) {
      if ((t.geometry != "cell" && t.geometry != "segment") || t.keyColumns != 1) continue;
      segments = segments || t.geometry == "segment";
      out.tables.push_back({step.stepId, t});
    }
  }
  out.segmentLines = segmentLinesIfAny(session, segments);
  feedback.setProgress(100);
  return out;
}

std::vector<std::string> exportRunComparison(const ProjectSession& session,
                                             const std::vector<scenario::TableComparison>& tables,
                                             const std::string& outDir) {
  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  if (ec)
    throw core::IoError("cannot create the folder", core::ErrorContext{outDir, {}, {}, "", "a writable folder", ec.message()});
  return scenario::writeComparison(tables, session.store(), outDir);
}

}  // namespace ekm::widgets
