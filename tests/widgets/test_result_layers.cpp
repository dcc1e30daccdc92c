// Result layers read the scenario runs stored in a project once: each step's result JSON is
// parsed once for the street flows, the scenario differences and the bus-stop coverage, and
// each layer still comes from the newest run that has its table.
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "ekm/ops/result.h"
#include "ekm/store/project.h"
#include "ekm/store/run_store.h"
#include "render/project_layers.h"
#include "render/result_layers.h"
#include "render/stored_run_results.h"

using namespace ekm;

namespace {

ops::ResultTable table(const std::string& name, std::vector<std::string> columns, const std::string& geometry,
                       std::vector<std::vector<ops::Json>> rows) {
  ops::ResultTable t;
  t.name = name;
  t.columns = std::move(columns);
  t.geometry = geometry;
  t.rows = std::move(rows);
  return t;
}

// A run of `steps` steps; step i has the tables tables[i] (none when absent).
void storeRun(store::Project& project, const std::string& name, const std::vector<std::vector<ops::ResultTable>>& tables) {
  store::RunRecord run;
  run.name = name;
  run.status = "ok";
  std::vector<store::RunStepRecord> steps;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    ops::OpResult r;
    r.summary = {{"step", i}};
    r.tables = tables[i];
    steps.push_back({static_cast<int>(i), name + "-" + std::to_string(i), "echo", "{}", ops::toJson(r).dump(), 0.0});
  }
  store::writeRun(project, run, steps);
}

}  // namespace

class TestResultLayers : public QObject {
  Q_OBJECT

 private slots:
  void eachStoredResultIsParsedOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("p.gpkg")).toStdString();
    auto project = store::Project::create(path);
    // Oldest first: coverage in the oldest run, flows in the middle one, then a run of three
    // steps without any table the layers look for.
    const auto cells = table("cells", {"cell", "nearest_stop_m"}, "cell", {{"53393590", 120.0}});
    const auto gaps = table("gaps", {"cell", "hour", "population"}, "cell", {{"53393590", 8, 40.0}});
    storeRun(project, "coverage", {{cells, gaps}, {}});
    storeRun(project, "assign", {{}, {table("link_flows", {"segment_id", "volume"}, "segment", {{"S1", 50.0}})}});
    storeRun(project, "other", {{}, {}, {table("od", {"origin", "destination", "trips"}, "od", {})}});

    render::ProjectLayers layers;
    auto roads = std::make_shared<render::RoadGeometry>();
    roads->add(1, render::roadRankFromClass("primary"), QPolygonF({QPointF(0, 0), QPointF(1, 1)}));
    layers.roads = roads;
    auto mesh = std::make_shared<render::MeshGeometry>();
    mesh->add(1, "53393590", QPolygonF({QPointF(0, 0), QPointF(1, 0), QPointF(1, 1), QPointF(0, 1)}));
    layers.mesh = mesh;

    render::StoredRunResults runs(project);
    const render::ResultLayerData data = render::loadResultLayerData(project, layers, runs);
    // Three searches (flows, differences, coverage); differences are nowhere, so every step
    // of the seven is reached, and parsed once.
    QCOMPARE(runs.parsedResults(), std::size_t{7});
    QVERIFY(data.flows);
    QCOMPARE(data.flows->run, std::string("assign"));
    QCOMPARE(data.flows->step, std::string("assign-1"));
    QVERIFY(!data.differences);
    QVERIFY(data.coverage);
    QCOMPARE(data.coverage->run, std::string("coverage"));
    QCOMPARE(data.coverage->step, std::string("coverage-0"));
    QCOMPARE(data.coverage->reach.at(0), 120.0);
    QCOMPARE(data.coverage->gaps.at(8).at(0), 40.0);
    // A fourth search parses nothing more.
    QVERIFY(!runs.findNewest([](const render::StoredRunResults::Step&) { return false; }));
    QCOMPARE(runs.parsedResults(), std::size_t{7});
  }
};

QTEST_GUILESS_MAIN(TestResultLayers)
#include "test_result_layers.moc"
