// The Scenarios dock (widgets/scenario/) on a small sample project (300 m around the station,
// 2025-03-13..2025-04-09, made with `ekimachi-cli sample`):
//  - a scenario file opened in the dock runs through the session's TaskManager, the new run
//    appears (selected) in the Runs list, and it stores exactly what scenario::runScenario
//    stores for the same file (same step ids, operations, params and result JSON);
//  - Cancel during a run leaves no run in the project;
//  - a bad parameter is shown at its step and field before any work;
//  - a scenario made from the registry's operations runs and saves as a scenario file;
//  - comparing two runs fills the differences table (largest |B − A| first), puts the cell
//    and segment difference layers in the Layers panel and exports the same files as
//    scenario::writeComparison;
//  - one run's cell and street results drawn on the map (Runs tab, Show on Map);
//  - route demand tables (their own line per row) compared and drawn as difference lines;
//  - in the main window it is in View > Panels, gets the window's session and its layers
//    land in the Layers dock and the legend.
// With EKM_SCENARIOS_SCREENSHOT_DIR set (run under Xvfb with QT_QPA_PLATFORM=xcb for the real
// look), the dock showing the comparison and the map of its layers are saved as PNGs there.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QTabWidget>
#include <QDir>
#include <QPushButton>
#include <QFile>
#include <QMenu>
#include <QPainter>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "ekm/geo/transformer.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/result_geometry.h"
#include "ekm/scenario/difference_layers.h"
#include "ekm/scenario/runner.h"
#include "ekm/store/run_store.h"
#include "layers/layers_panel.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "mobility_window.h"
#include "ops/params_form.h"
#include "render/legend.h"
#include "render/difference_layer.h"
#include "render/flow_band_layer.h"
#include "render/link_difference_layer.h"
#include "render/mesh_population_layer.h"
#include "render/map_renderer.h"
#include "render/project_layers.h"
#include "scenario/comparison_layers.h"
#include "scenario/comparison_panel.h"
#include "scenario/run_comparison_model.h"
#include "scenario/run_list_model.h"
#include "scenario/runs_panel.h"
#include "scenario/scenario_editor.h"
#include "scenario/scenarios_dock.h"
#include "session/project_session.h"
#include "support/cli_runner.h"
#include "tasks/task_manager.h"

using namespace ekm;
using widgets::ScenariosDock;

Q_DECLARE_METATYPE(ekm::widgets::ScenariosDock::RunStatus)

namespace {

// A scenario on the sample: four weeks around the opening split in two, every cell and
// counted street; `a` and `bootstrap` vary between the files.
std::string scenarioText(const std::string& name, const std::string& a, int bootstrap) {
  return R"({"scenario": ")" + name + R"(", "project": "sample.gpkg",
 "defaults": {"a": ")" + a + R"(", "b": "2025-03-27..2025-04-09", "bootstrap": )" + std::to_string(bootstrap) +
         R"(, "seed": 1},
 "steps": [
  {"id": "cells", "op": "compare-periods", "params": {"kind": "mesh-population"}},
  {"id": "streets", "op": "compare-periods", "params": {"kind": "segment-counts", "mode": "pedestrian"}}
 ]}
)";
}

void writeText(const QString& path, const std::string& text) {
  std::ofstream out(QFile::encodeName(path).toStdString(), std::ios::binary);
  out << text;
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class ScenariosDockTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  QString m_project;
  std::shared_ptr<const render::ProjectLayers> m_layers;
  widgets::TaskManager m_tasks;
  qint64 m_baseRun = 0;  // stored by the dock in the first test

  QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
  std::string file() const { return QFile::encodeName(m_project).toStdString(); }
  widgets::SessionPtr session() { return std::make_shared<const widgets::ProjectSession>(m_project, m_layers, &m_tasks); }
  std::size_t storedRunCount() {
    store::Project p = store::Project::open(file(), store::OpenMode::ReadOnly);
    return store::listRuns(p).size();
  }
  // A dock on the sample session, its first run list read.
  void attach(ScenariosDock& dock) {
    QSignalSpy listed(&dock, &ScenariosDock::runsListed);
    dock.setSession(session());
    QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 20000);
  }
  // The base run, through the library when the test that stores it in the dock did not run.
  void ensureBaseRun() {
    if (m_baseRun != 0) return;
    scenario::Scenario s = scenario::loadScenario(QFile::encodeName(path("base.json")).toStdString());
    s.project = file();
    core::Feedback fb;
    m_baseRun = scenario::runScenario(s, ops::Registry::global(), fb).runId;
  }
  // Runs the dock's scenario; returns the finished status and run id.
  std::pair<ScenariosDock::RunStatus, qint64> runAndWait(ScenariosDock& dock) {
    QSignalSpy finished(&dock, &ScenariosDock::runFinished);
    dock.run();
    if (!dock.isRunning()) return {ScenariosDock::RunStatus::Failed, 0};
    if (!QTest::qWaitFor([&] { return finished.count() >= 1; }, 120000)) return {ScenariosDock::RunStatus::Failed, -1};
    return {finished.front().at(0).value<ScenariosDock::RunStatus>(), finished.front().at(1).toLongLong()};
  }

 private slots:
  void initTestCase() {
    qRegisterMetaType<ScenariosDock::RunStatus>();
    QVERIFY(m_dir.isValid());
    const std::string out = QFile::encodeName(m_dir.path()).toStdString();
    const auto made = ekm_test::cliArgs({"sample", "--out", out, "--radius", "300", "--from", "2025-03-13", "--to",
                                         "2025-04-09", "--quiet"});
    QVERIFY2(made.exitCode == 0, made.err.c_str());
    m_project = path("sample.gpkg");
    core::Feedback fb;
    m_layers = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(file(), fb));
    writeText(path("base.json"), scenarioText("base", "2025-03-13..2025-03-26", 200));
    writeText(path("later.json"), scenarioText("later", "2025-03-20..2025-03-26", 200));
    writeText(path("slow.json"), scenarioText("slow", "2025-03-13..2025-03-26", 100000));
    writeText(path("bad.json"), R"({"scenario": "bad", "project": "sample.gpkg", "defaults": {"alpha": 7},
      "steps": [{"id": "cells", "op": "compare-periods",
                 "params": {"kind": "mesh-population", "a": "2025-03-13..2025-03-26", "b": "2025-03-27..2025-04-09"}}]})");
  }

  void aRunAppearsAndStoresWhatTheRunnerStores() {
    ScenariosDock dock;
    attach(dock);
    QCOMPARE(dock.runsPanel()->model()->rowCount(), 0);
    QVERIFY(dock.openScenario(path("base.json")));
    QCOMPARE(dock.editor()->stepCount(), 2);
    QVERIFY(!dock.editor()->isModified());
    // The step's form shows what the file sets and what its defaults give the step.
    widgets::ParamsForm* form = dock.editor()->form();
    QCOMPARE(form->operation()->name(), std::string("compare-periods"));
    QCOMPARE(form->params().dump(), ops::Json({{"kind", "mesh-population"}}).dump());
    QCOMPARE(form->inherited()["bootstrap"].get<int>(), 200);

    QSignalSpy listed(&dock, &ScenariosDock::runsListed);
    QSignalSpy added(&m_tasks, &widgets::TaskManager::taskAdded);
    const auto [status, runId] = runAndWait(dock);
    QCOMPARE(status, ScenariosDock::RunStatus::Completed);
    QVERIFY(runId > 0);
    QCOMPARE(dock.lastRunId(), runId);
    QVERIFY(dock.runButton()->isEnabled());
    QVERIFY(!dock.cancelButton()->isEnabled());
    QCOMPARE(added.count(), 1);  // one listed task of the window's TaskManager
    // The new run appears in the list, selected.
    QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 20000);
    widgets::RunListModel* runs = dock.runsPanel()->model();
    QCOMPARE(runs->rowCount(), 1);
    QCOMPARE(runs->run(0).fid, runId);
    QCOMPARE(runs->data(runs->index(0, widgets::RunListModel::Scenario)).toString(), QStringLiteral("base"));
    QCOMPARE(dock.runsPanel()->selectedRuns(), std::vector<std::int64_t>{runId});
    m_baseRun = runId;

    // The same file through the library, as `ekimachi-cli run base.json --project P` does.
    scenario::Scenario s = scenario::loadScenario(QFile::encodeName(path("base.json")).toStdString());
    s.project = file();
    core::Feedback fb;
    const auto outcome = scenario::runScenario(s, ops::Registry::global(), fb);
    store::Project p = store::Project::open(file(), store::OpenMode::ReadOnly);
    const auto viaDock = store::findRun(p, std::to_string(runId));
    const auto viaLibrary = store::findRun(p, std::to_string(outcome.runId));
    QVERIFY(viaDock && viaLibrary);
    QCOMPARE(viaDock->name, viaLibrary->name);
    QCOMPARE(viaDock->scenarioSha256, viaLibrary->scenarioSha256);
    QCOMPARE(viaDock->scenarioJson, viaLibrary->scenarioJson);
    const auto a = store::runSteps(p, runId), b = store::runSteps(p, outcome.runId);
    QCOMPARE(a.size(), std::size_t(2));
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      QCOMPARE(a[i].stepId, b[i].stepId);
      QCOMPARE(a[i].op, b[i].op);
      QCOMPARE(a[i].paramsJson, b[i].paramsJson);
      QVERIFY(a[i].resultJson == b[i].resultJson);  // whole result JSON, byte for byte
    }
    QVERIFY(a[0].resultJson.size() > 1000);  // the cells' table is in it
  }

  void cancelLeavesNoRun() {
    ScenariosDock dock;
    attach(dock);
    const std::size_t before = storedRunCount();
    QVERIFY(dock.openScenario(path("slow.json")));
    // Cancel once the worker reports progress (it is running the first step).
    QMetaObject::Connection c = connect(&m_tasks, &widgets::TaskManager::taskProgress, &dock, [&dock](quint64, double p) {
      if (p > 0) dock.cancel();
    });
    const auto [status, runId] = runAndWait(dock);
    disconnect(c);
    QCOMPARE(status, ScenariosDock::RunStatus::Cancelled);
    QCOMPARE(runId, qint64(0));
    QVERIFY(!dock.isRunning());
    QVERIFY(dock.statusText().contains(QStringLiteral("nothing was stored")));
    QCOMPARE(storedRunCount(), before);
  }

  void aBadParameterIsShownAtItsStepAndField() {
    ScenariosDock dock;
    attach(dock);
    const std::size_t before = storedRunCount();
    QVERIFY(dock.openScenario(path("bad.json")));
    QSignalSpy added(&m_tasks, &widgets::TaskManager::taskAdded);
    dock.run();
    QVERIFY(!dock.isRunning());
    QCOMPARE(added.count(), 0);  // checked before any work
    QCOMPARE(dock.editor()->currentStep(), 0);
    QCOMPARE(dock.editor()->form()->errorField(), QStringLiteral("alpha"));
    QVERIFY(dock.editor()->errorText().contains(QStringLiteral("steps[0].params.alpha")));
    QCOMPARE(storedRunCount(), before);
    // Setting it in the step fixes it (the step's own value wins over the defaults).
    widgets::ParamsForm* form = dock.editor()->form();
    ops::Json p = form->params();
    p["alpha"] = 0.01;
    p["bootstrap"] = 50;
    form->setParams(p);
    emit form->edited();
    QVERIFY(dock.editor()->isModified());
    QVERIFY(dock.editor()->validateSteps());
  }

  void aScenarioFromTheRegistryRunsAndSaves() {
    ScenariosDock dock;
    attach(dock);
    dock.newScenario(QStringLiteral("compare-periods"));
    widgets::ScenarioEditor* editor = dock.editor();
    QCOMPARE(editor->stepCount(), 1);
    QVERIFY(editor->isModified());
    // The new step has no params yet: its required fields are named.
    QVERIFY(!editor->validateSteps());
    QCOMPARE(editor->form()->errorField(), QStringLiteral("kind"));
    editor->form()->setParams({{"kind", "station-ridership"},
                               {"a", "2025-03-13..2025-03-26"},
                               {"b", "2025-03-27..2025-04-09"},
                               {"bootstrap", 100}});
    emit editor->form()->edited();
    editor->addStep(QStringLiteral("compare-periods"));
    QCOMPARE(editor->stepCount(), 2);
    QCOMPARE(editor->currentStep(), 1);
    editor->removeStep(1);
    QCOMPARE(editor->stepCount(), 1);
    const auto [status, runId] = runAndWait(dock);
    QCOMPARE(status, ScenariosDock::RunStatus::Completed);
    store::Project p = store::Project::open(file(), store::OpenMode::ReadOnly);
    const auto run = store::findRun(p, std::to_string(runId));
    QVERIFY(run);
    QCOMPARE(run->name, std::string("new-scenario"));
    QCOMPARE(run->scenarioFile, std::string());  // not saved yet: the document itself is recorded
    QVERIFY(run->scenarioJson.find("station-ridership") != std::string::npos);
    // Saved, it is a scenario file the CLI's `run --check` accepts, the project relative to it.
    QDir().mkpath(path("saved"));
    QVERIFY(editor->save(path("saved/new.json")));
    QVERIFY(!editor->isModified());
    const std::string saved = readText(QFile::encodeName(path("saved/new.json")).toStdString());
    QVERIFY2(saved.find("\"../sample.gpkg\"") != std::string::npos, saved.c_str());
    const auto check = ekm_test::cliArgs({"run", "--check", QFile::encodeName(path("saved/new.json")).toStdString()});
    QVERIFY2(check.exitCode == 0, (check.out + check.err).c_str());
  }

  void comparingTwoRunsFillsTheTableAndTheMap() {
    ensureBaseRun();
    ScenariosDock dock;
    widgets::LayersPanel panel;
    dock.setLayersPanel(&panel);
    attach(dock);
    QVERIFY(dock.openScenario(path("later.json")));
    const auto [status, laterRun] = runAndWait(dock);
    QCOMPARE(status, ScenariosDock::RunStatus::Completed);

    QSignalSpy ready(&dock, &ScenariosDock::comparisonReady);
    dock.compare(m_baseRun, laterRun);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    QCOMPARE(dock.tabs()->currentWidget(), static_cast<QWidget*>(dock.comparisonPanel()));
    widgets::RunComparisonModel* model = dock.comparisonPanel()->model();
    QVERIFY(model->rowCount() > 100);
    // Largest |B − A| first.
    for (int r = 1; r < model->rowCount(); ++r) {
      const double prev = model->data(model->index(r - 1, widgets::RunComparisonModel::Diff), Qt::UserRole).toDouble();
      const double cur = model->data(model->index(r, widgets::RunComparisonModel::Diff), Qt::UserRole).toDouble();
      if (std::isfinite(cur)) QVERIFY2(std::abs(prev) >= std::abs(cur), qPrintable(QString::number(r)));
    }
    // The same tables as scenario::compareRuns gives, and mean_a changed (period A differs).
    store::Project p = store::Project::open(file(), store::OpenMode::ReadOnly);
    const auto tables = scenario::compareRuns(store::runSteps(p, m_baseRun), store::runSteps(p, laterRun));
    QCOMPARE(model->tables().size(), tables.size());
    const QStringList names = model->tableNames();
    const int cells = static_cast<int>(names.indexOf(QStringLiteral("cells / comparison")));
    const int streets = static_cast<int>(names.indexOf(QStringLiteral("streets / comparison")));
    QVERIFY2(cells >= 0 && streets >= 0, qPrintable(names.join(u',')));
    int changedMeanA = 0;
    for (int r = 0; r < model->rowCount(); ++r)
      changedMeanA += model->data(model->index(r, widgets::RunComparisonModel::ValueColumn)).toString() == "mean_a";
    QVERIFY(changedMeanA > 100);
    // One table only: its rows.
    dock.comparisonPanel()->tableBox()->setCurrentIndex(cells + 1);
    QCOMPARE(model->rowCount(), model->changedCount(cells));
    QCOMPARE(dock.comparisonPanel()->mapTable(), cells);
    // The map column offered first: the one of the largest change (the table's top row).
    QCOMPARE(dock.comparisonPanel()->columnBox()->currentText(),
             model->data(model->index(0, widgets::RunComparisonModel::ValueColumn)).toString());

    // On the map: the cell and the segment difference layers, in the Layers panel.
    QVERIFY(dock.showOnMap(cells, QStringLiteral("mean_a")));
    QVERIFY(dock.showOnMap(streets, QStringLiteral("mean_a")));
    const auto cellLayer = panel.layer(widgets::ComparisonLayers::kCellLayerId);
    const auto segmentLayer =
        std::dynamic_pointer_cast<const render::LinkDifferenceLayer>(panel.layer(widgets::ComparisonLayers::kSegmentLayerId));
    QVERIFY(cellLayer && segmentLayer);
    QVERIFY(panel.isLayerVisible(widgets::ComparisonLayers::kCellLayerId));
    QCOMPARE(cellLayer->legendGroups().size(), std::size_t(1));
    QVERIFY(!segmentLayer->links().empty());
    QVERIFY(!segmentLayer->legendGroups().empty());
    // A second time replaces the layer (same id), it does not add one.
    const std::size_t layerCount = panel.allLayers().size();
    QVERIFY(dock.showOnMap(cells, QStringLiteral("mean_b")));
    QCOMPARE(panel.allLayers().size(), layerCount);
    QVERIFY(dock.showOnMap(cells, QStringLiteral("mean_a")));
    // Station tables have no geometry here.
    const int stations = -1;
    QVERIFY(!dock.showOnMap(stations, QStringLiteral("mean_a")));

    // Export: the files scenario::writeComparison writes, byte for byte.
    QSignalSpy exported(&dock, &ScenariosDock::comparisonExported);
    dock.exportComparison(path("export/dock"));
    QTRY_VERIFY_WITH_TIMEOUT(exported.count() == 1, 30000);
    QCOMPARE(exported.front().at(1).toString(), QString());
    const QStringList files = exported.front().at(0).toStringList();
    QDir().mkpath(path("export/library"));
    const auto expected = scenario::writeComparison(tables, p, QFile::encodeName(path("export/library")).toStdString());
    QCOMPARE(static_cast<std::size_t>(files.size()), expected.size());
    bool geojson = false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const std::filesystem::path mine = QFile::encodeName(files[static_cast<int>(i)]).toStdString();
      QCOMPARE(QString::fromStdString(mine.filename().string()),
               QString::fromStdString(std::filesystem::path(expected[i]).filename().string()));
      QVERIFY(readText(mine) == readText(expected[i]));
      geojson = geojson || mine.extension() == ".geojson";
    }
    QVERIFY(geojson);

    saveScreenshots(dock, {cellLayer, segmentLayer});
  }

  // One run's results on the map: its cell and street tables drawn from the stored result
  // (the values checked against the run's result JSON read here), one column at a time.
  void aRunsResultsShowOnTheMap() {
    ensureBaseRun();
    ScenariosDock dock;
    widgets::LayersPanel panel;
    dock.setLayersPanel(&panel);
    attach(dock);
    dock.runsPanel()->selectRuns({m_baseRun});
    QVERIFY(dock.runsPanel()->showButton()->isEnabled());
    QSignalSpy ready(&dock, &ScenariosDock::runLayersReady);
    dock.runsPanel()->showButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);

    // Both geometries drawn, with the default column mean_b.
    const auto cells = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(
        panel.layer(widgets::ComparisonLayers::kRunCellLayerId));
    const auto streets = std::dynamic_pointer_cast<const render::FlowBandLayer>(
        panel.layer(widgets::ComparisonLayers::kRunSegmentLayerId));
    QVERIFY(cells && streets);
    QVERIFY(cells->name().contains(QStringLiteral("mean_b")));
    QVERIFY(!streets->data()->bands.empty());
    QVERIFY(!cells->legendGroups().empty());

    // The cell values are the stored table's mean_b, cell by cell.
    store::Project p = store::Project::open(file(), store::OpenMode::ReadOnly);
    std::map<std::string, double> stored;
    bool negativeChange = false;  // abs_change (column 5) below zero somewhere
    for (const auto& step : store::runSteps(p, m_baseRun)) {
      if (step.stepId != "cells") continue;
      const auto result = ops::Json::parse(step.resultJson);
      for (const auto& row : result["tables"][0]["rows"]) {
        if (row[4].is_number()) stored[row[0].get<std::string>()] = row[4].get<double>();
        negativeChange = negativeChange || (row[5].is_number() && row[5].get<double>() < 0);
      }
    }
    QVERIFY(stored.size() > 10);
    core::Feedback fb;
    const auto shown = cells->values()->valuesAt(0, fb);
    int compared = 0;
    for (std::size_t i = 0; i < m_layers->mesh->size(); ++i) {
      const auto it = stored.find(m_layers->mesh->codes[i]);
      if (it == stored.end()) {
        QVERIFY(std::isnan((*shown)[i]));
        continue;
      }
      QCOMPARE((*shown)[i], it->second);
      ++compared;
    }
    QCOMPARE(compared, static_cast<int>(stored.size()));

    // Another column from the box replaces the layer of its geometry; a column with values
    // below zero draws diverging around zero, one without in classes.
    QComboBox* box = dock.runsPanel()->runLayerBox();
    QVERIFY(!box->isHidden());
    const int absChange = box->findText(QStringLiteral("cells / comparison: abs_change"));
    QVERIFY(absChange >= 0);
    const std::size_t layerCount = panel.allLayers().size();
    QVERIFY(dock.showRunLayer(absChange));
    QCOMPARE(panel.allLayers().size(), layerCount);
    const auto changeLayer = panel.layer(widgets::ComparisonLayers::kRunCellLayerId);
    QVERIFY(changeLayer->name().contains(QStringLiteral("abs_change")));
    QCOMPARE(static_cast<bool>(std::dynamic_pointer_cast<const render::DifferenceLayer>(changeLayer)), negativeChange);
    QCOMPARE(static_cast<bool>(std::dynamic_pointer_cast<const render::MeshPopulationLayer>(changeLayer)), !negativeChange);
    QVERIFY(dock.showRunLayer(box->findText(QStringLiteral("cells / comparison: mean_b"))));
    saveScreenshots(dock, {panel.layer(widgets::ComparisonLayers::kRunCellLayerId), streets}, QStringLiteral("run"));
  }

  // Route demand results carry their own lines (ops::kWktGeometry, a geometry_wkt column): the
  // Comparison tab draws B − A along them, by the whole key (also a key of two columns), gained
  // riders and lost riders in the two colours of the diverging ramp. Two runs stored as the
  // runner stores them, with the tables of mobility-route-demand (routes by route_id,
  // segment_loads by pattern_id and seq): route R1 gains riders, R2 loses some, R3 is only in
  // A (removed), R4 only in B (added), R5 has no line. The expectations below are the numbers
  // and vertices written here, not what the comparison or the layer computes.
  void routeDemandLinesAreDrawnAsDifferences() {
    using Vertices = std::vector<std::pair<double, double>>;
    const Vertices v1{{139.7380, 35.6350}, {139.7400, 35.6360}, {139.7420, 35.6355}};
    const Vertices v2{{139.7390, 35.6330}, {139.7395, 35.6370}};
    const Vertices v3{{139.7370, 35.6340}, {139.7410, 35.6340}};
    const Vertices v4{{139.7360, 35.6365}, {139.7430, 35.6368}};
    const std::string l1 = "LINESTRING (139.7380 35.6350,139.7400 35.6360,139.7420 35.6355)";
    const std::string l2 = "LINESTRING (139.7390 35.6330,139.7395 35.6370)";
    const std::string l3 = "LINESTRING (139.7370 35.6340,139.7410 35.6340)";
    const std::string l4 = "MULTILINESTRING ((139.7360 35.6365,139.7430 35.6368))";
    using Row = std::tuple<std::string, double, std::string>;
    auto stored = [&](const char* name, const std::vector<Row>& routes, const std::vector<Row>& loads) {
      ops::OpResult r;
      r.tables.push_back({"routes", {"route_id", "riders_with", ops::kGeometryWktColumn}, 1, {}, ops::kWktGeometry});
      for (const auto& [id, riders, wkt] : routes)
        r.tables[0].rows.push_back({ops::Json(id), ops::Json(riders), wkt.empty() ? ops::Json() : ops::Json(wkt)});
      r.tables.push_back(
          {"segment_loads", {"pattern_id", "seq", "on_board", ops::kGeometryWktColumn}, 2, {}, ops::kWktGeometry});
      for (const auto& [id, riders, wkt] : loads)
        r.tables[1].rows.push_back({ops::Json(id), ops::Json(1), ops::Json(riders), ops::Json(wkt)});
      store::Project p = store::Project::open(file(), store::OpenMode::ReadWrite);
      store::RunRecord run;
      run.name = name;
      run.status = "ok";
      run.scenarioJson = ops::Json({{"scenario", name}}).dump();
      run.provenanceJson = "{}";
      run.warningsJson = "[]";
      return store::writeRun(p, run, {{0, "routes", "mobility-route-demand", "{}", ops::toJson(r).dump(), 1.0}});
    };
    const qint64 a = stored("routes-a", {{"R1", 100, l1}, {"R2", 300, l2}, {"R3", 50, l3}, {"R5", 10, ""}},
                            {{"R1:0", 80, l1}, {"R2:0", 200, l2}});
    const qint64 b = stored("routes-b", {{"R1", 160, l1}, {"R2", 220, l2}, {"R4", 40, l4}, {"R5", 12, ""}},
                            {{"R1:0", 90, l1}, {"R2:0", 150, l2}});

    ScenariosDock dock;
    widgets::LayersPanel panel;
    dock.setLayersPanel(&panel);
    attach(dock);
    QSignalSpy ready(&dock, &ScenariosDock::comparisonReady);
    dock.compare(a, b);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    const QStringList names = dock.comparisonPanel()->model()->tableNames();
    QVERIFY(session()->displayEpsg() > 0);
    const geo::Transformer toDisplay(session()->displayEpsg());

    // What each table's layer must draw: label -> (A, B, vertices); NaN where the run has no row.
    struct Expected {
      double a, b;
      Vertices line;
    };
    const double none = std::nan("");
    const std::map<QString, Expected> routesExpected{
        {QStringLiteral("R1"), {100, 160, v1}}, {QStringLiteral("R2"), {300, 220, v2}},
        {QStringLiteral("R3"), {50, none, v3}}, {QStringLiteral("R4"), {none, 40, v4}}};
    const std::map<QString, Expected> loadsExpected{{QStringLiteral("R1:0 / 1"), {80, 90, v1}},
                                                    {QStringLiteral("R2:0 / 1"), {200, 150, v2}}};
    const std::vector<std::tuple<QString, QString, const std::map<QString, Expected>*>> cases{
        {QStringLiteral("routes / routes"), QStringLiteral("riders_with"), &routesExpected},
        {QStringLiteral("routes / segment_loads"), QStringLiteral("on_board"), &loadsExpected}};
    for (const auto& [tableName, column, expected] : cases) {
      const int t = static_cast<int>(names.indexOf(tableName));
      QVERIFY2(t >= 0, qPrintable(names.join(u',')));
      QVERIFY(widgets::ComparisonLayers::canMap(dock.comparisonPanel()->model()->tables()[static_cast<std::size_t>(t)]));
      QVERIFY(dock.showOnMap(t, column));
      const auto layer = std::dynamic_pointer_cast<const render::LinkDifferenceLayer>(
          panel.layer(widgets::ComparisonLayers::kLineLayerId));
      QVERIFY(layer);
      QVERIFY(panel.isLayerVisible(widgets::ComparisonLayers::kLineLayerId));
      QVERIFY(layer->name().contains(column));
      QVERIFY(!layer->legendGroups().empty());
      // One drawn line per key that has a line, with the two runs' values and its vertices in
      // the display CRS.
      QCOMPARE(layer->links().size(), expected->size());
      for (const auto& link : layer->links()) {
        const auto it = expected->find(link.segmentId);
        QVERIFY2(it != expected->end(), qPrintable(link.segmentId));
        const Expected& e = it->second;
        QCOMPARE(link.added, std::isnan(e.a));
        QCOMPARE(link.closed, std::isnan(e.b));
        QCOMPARE(link.baseVolume, std::isnan(e.a) ? 0.0 : e.a);
        QCOMPARE(link.scenarioVolume, std::isnan(e.b) ? 0.0 : e.b);
        QCOMPARE(static_cast<std::size_t>(link.line.size()), e.line.size());
        for (std::size_t k = 0; k < e.line.size(); ++k) {
          const auto [x, y] = toDisplay.forward(e.line[k].first, e.line[k].second);
          QVERIFY(std::abs(link.line[static_cast<qsizetype>(k)].x() - x) < 1e-6);
          QVERIFY(std::abs(link.line[static_cast<qsizetype>(k)].y() - y) < 1e-6);
        }
        QVERIFY2(layer->isDrawn(link), qPrintable(link.segmentId));
      }
    }
    // The routes again: R1 gained 60, R2 lost 80, R3 removed (−50), R4 added (+40).
    QVERIFY(dock.showOnMap(static_cast<int>(names.indexOf(QStringLiteral("routes / routes"))),
                           QStringLiteral("riders_with")));
    const auto routes =
        std::dynamic_pointer_cast<const render::LinkDifferenceLayer>(panel.layer(widgets::ComparisonLayers::kLineLayerId));
    QVERIFY(routes);
    std::map<QString, const render::LinkVolumeDifference*> byRoute;
    for (const auto& l : routes->links()) byRoute[l.segmentId] = &l;
    QCOMPARE(byRoute.at(QStringLiteral("R1"))->difference(), 60.0);
    QCOMPARE(byRoute.at(QStringLiteral("R2"))->difference(), -80.0);
    QCOMPARE(byRoute.at(QStringLiteral("R3"))->difference(), -50.0);
    QCOMPARE(byRoute.at(QStringLiteral("R4"))->difference(), 40.0);
    // Diverging: gains red, losses blue (RdBu), each as the ramp gives its difference.
    const QColor gained = routes->colourFor(*byRoute.at(QStringLiteral("R1")));
    const QColor lost = routes->colourFor(*byRoute.at(QStringLiteral("R2")));
    QCOMPARE(gained, routes->ramp().colourFor(60.0));
    QCOMPARE(lost, routes->ramp().colourFor(-80.0));
    QVERIFY(gained.red() > gained.blue());
    QVERIFY(lost.blue() > lost.red());
    // Wider for the larger change.
    QVERIFY(routes->widthPt(*byRoute.at(QStringLiteral("R2"))) > routes->widthPt(*byRoute.at(QStringLiteral("R1"))));
    saveScreenshots(dock, {routes}, QStringLiteral("routes"));
  }

  // In the main window: View > Panels lists the dock, it gets the window's session, and a
  // difference layer it shows lands in the Layers dock, on the canvas and in the legend.
  void theMainWindowHandsItTheSessionAndTakesItsLayers() {
    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(1000, 700);
    window.show();
    auto* dock = window.findChild<ScenariosDock*>();
    QVERIFY(dock);
    QVERIFY(!dock->session());
    bool listed = false;
    for (QMenu* menu : window.viewMenu()->findChildren<QMenu*>())
      listed = listed || menu->actions().contains(dock->toggleViewAction());
    QVERIFY(listed);
    QSignalSpy runsListed(dock, &ScenariosDock::runsListed);
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(m_project);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 && runsListed.count() >= 1, 60000);
    QCOMPARE(dock->session(), window.session());
    QVERIFY(dock->runsPanel()->model()->rowCount() >= 2);
    // The latest "base" and "later" runs (the Runs list is newest first).
    qint64 base = 0, later = 0;
    for (const auto& r : dock->runsPanel()->model()->runs()) {
      if (r.name == "base" && !base) base = r.fid;
      if (r.name == "later" && !later) later = r.fid;
    }
    QVERIFY(base > 0 && later > 0);
    QSignalSpy ready(dock, &ScenariosDock::comparisonReady);
    dock->compare(base, later);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    const int table = dock->comparisonPanel()->mapTable();
    QVERIFY(table >= 0);
    QVERIFY(dock->showOnMap(table, dock->comparisonPanel()->mapColumn()));
    widgets::LayersPanel* panel = window.layersPanel();
    const auto layer = panel->layer(widgets::ComparisonLayers::kCellLayerId)
                           ? panel->layer(widgets::ComparisonLayers::kCellLayerId)
                           : panel->layer(widgets::ComparisonLayers::kSegmentLayerId);
    QVERIFY(layer);
    QVERIFY(panel->isLayerVisible(layer->id()));
    bool inLegend = false;
    for (const auto& g : window.legendFor(panel->visibleLayers()))
      inLegend = inLegend || g.title.contains(QStringLiteral("B − A"));
    QVERIFY(inLegend);
    // Closing the project takes the session away.
    window.closeProject();
    QVERIFY(!dock->session());
    QCOMPARE(dock->runsPanel()->model()->rowCount(), 0);
  }

  // With EKM_SCREENSHOT_DIR and EKM_ROUTES_PROJECT set (a sample project with runs of
  // data/samples/scenarios/bus_network.json and bus_network_edits.json; under Xvfb with
  // -platform xcb): docs/screenshots/scenarios-compare-routes.png, the main window in Japanese
  // with the Comparison tab on two whole-network runs of mobility-route-demand, "routes-as-run"
  // and "routes-without-00008" (service_edits: route 00008 removed, 00007 every 10 min
  // 07:00-10:00; docs/route_demand.md has the commands): each route's riders B − A drawn
  // along its line over the streets and stations, the population and counts hidden.
  void screenshotOfTheRouteDemandComparison() {
    const QByteArray project = qgetenv("EKM_ROUTES_PROJECT"), shots = qgetenv("EKM_SCREENSHOT_DIR");
    if (project.isEmpty() || shots.isEmpty()) QSKIP("EKM_ROUTES_PROJECT and EKM_SCREENSHOT_DIR not set");
    ekm_test::JapaneseUi ui;
    QVERIFY(ui.loaded);
    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(1600, 1000);
    window.show();
    auto* dock = window.findChild<ScenariosDock*>();
    QVERIFY(dock);
    QSignalSpy runsListed(dock, &ScenariosDock::runsListed);
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(QString::fromUtf8(project));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 && runsListed.count() >= 1, 120000);
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {620}, Qt::Horizontal);
    qint64 base = 0, edits = 0;  // the latest of each (the Runs list is newest first)
    for (const auto& r : dock->runsPanel()->model()->runs()) {
      if (r.name == "routes-as-run" && !base) base = r.fid;
      if (r.name == "routes-without-00008" && !edits) edits = r.fid;
    }
    QVERIFY2(base > 0 && edits > 0, "no routes-as-run and routes-without-00008 runs in EKM_ROUTES_PROJECT");
    QSignalSpy ready(dock, &ScenariosDock::comparisonReady);
    dock->compare(base, edits);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 60000);
    const int table =
        static_cast<int>(dock->comparisonPanel()->model()->tableNames().indexOf(QStringLiteral("network / routes")));
    QVERIFY(table >= 0);
    dock->comparisonPanel()->tableBox()->setCurrentIndex(table + 1);
    dock->comparisonPanel()->columnBox()->setCurrentText(QStringLiteral("riders_with"));
    QVERIFY(dock->showOnMap(table, QStringLiteral("riders_with")));
    const auto lines = window.layersPanel()->layer(widgets::ComparisonLayers::kLineLayerId);
    QVERIFY(lines);
    for (const char* hidden : {"mesh_population", "pedestrian_counts", "vehicle_counts"})
      window.layersPanel()->setLayerVisible(QString::fromLatin1(hidden), false);
    dock->comparisonPanel()->view()->resizeColumnsToContents();
    // The map on the routes' lines, with a margin.
    render::Extent e = lines->extent();
    const double margin = 0.08 * std::max(e.xMax - e.xMin, e.yMax - e.yMin);
    window.canvas()->setExtent({e.xMin - margin, e.yMin - margin, e.xMax + margin, e.yMax + margin});
    QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 30000);
    QTest::qWait(500);
    QVERIFY2(window.height() <= 1000, qPrintable(QString::number(window.height())));
    QVERIFY(window.grab().save(QDir(QString::fromUtf8(shots)).filePath(QStringLiteral("scenarios-compare-routes.png"))));
  }

 private:
  // With EKM_SCENARIOS_SCREENSHOT_DIR set: the dock on its comparison and the map of the
  // difference layers (over roads and stations, legend at the top left).
  // `what` names the files: "comparison" (the Comparison tab), "routes" (the Comparison tab on
  // route lines) or "run" (the Runs tab).
  void saveScreenshots(ScenariosDock& dock, const render::LayerList& layers, const QString& what = QStringLiteral("comparison")) {
    const QString dir = qEnvironmentVariable("EKM_SCENARIOS_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    dock.comparisonPanel()->tableBox()->setCurrentIndex(0);
    dock.resize(720, 760);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    dock.comparisonPanel()->view()->resizeColumnsToContents();
    QTest::qWait(100);
    if (what == QStringLiteral("run")) dock.tabs()->setCurrentWidget(dock.runsPanel());
    dock.grab().save(dir + QStringLiteral("/scenarios_dock_%1.png").arg(what));
    render::MapSettings settings;
    settings.setExtent(m_layers->fullExtent);
    settings.setOutputSize(QSize(1200, 1000));
    settings.setDestinationEpsg(m_layers->displayEpsg);
    render::LayerList all = m_layers->makeLayers(QStringLiteral("mesh"), QStringLiteral("roads"), QStringLiteral("stations"));
    all.erase(all.begin());  // the cell differences replace the population
    if (what == QStringLiteral("routes")) {  // lines only: over the roads, under the stations
      all.insert(all.end() - 1, layers.begin(), layers.end());
    } else {
      all.insert(all.begin(), layers.front());
      all.insert(all.end() - 1, layers.begin() + 1, layers.end());
    }
    core::Feedback fb;
    QImage image = render::MapRenderer::render(settings, all, fb).image;
    std::vector<render::LegendGroup> legend;
    for (const auto& l : layers)
      for (auto& g : l->legendGroups()) legend.push_back(g);
    QPainter painter(&image);
    render::LegendPainter lp;
    const QSizeF size = lp.size(legend);
    painter.fillRect(QRectF(QPointF(8, 8), size + QSizeF(16, 16)), QColor(255, 255, 255, 230));
    lp.paint(painter, QPointF(16, 16), legend);
    painter.end();
    image.save(dir + QStringLiteral("/scenarios_%1_map.png").arg(what));
  }
};

QTEST_MAIN(ScenariosDockTest)
#include "test_scenarios_dock.moc"
