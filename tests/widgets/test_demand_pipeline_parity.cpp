// One demand pipeline: the same demand::AssignParams through the Demand dock (its form filled
// by setParams, read back by params() and run on the session's TaskManager: what Run does)
// and through `ekimachi-cli ops run assign --params` (the CLI's assign operation) on the
// sample district give the same link flows, bit for bit; `ekimachi-cli ops run od-gravity`
// of the same Params (its fields of them) writes the dock's OD matrix, bit for bit.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <fstream>
#include <map>
#include <sstream>

#include "demand/demand_dock.h"
#include "ekm/demand/ops/od_gravity_op.h"
#include "render/project_layers.h"
#include "session/project_session.h"
#include "support/cli_runner.h"
#include "tasks/task_manager.h"

using namespace ekm;
using widgets::DemandDock;

namespace {

std::string local(const QString& path) { return QFile::encodeName(path).toStdString(); }

// Rows of a CSV with a header, as column -> text.
std::vector<std::map<std::string, std::string>> readCsv(const QString& path) {
  std::ifstream f(local(path));
  std::string line;
  std::getline(f, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(f, line)) {
    std::stringstream ls(line);
    std::map<std::string, std::string> row;
    std::size_t i = 0;
    for (std::string v; std::getline(ls, v, ',') && i < header.size();) row[header[i++]] = v;
    rows.push_back(std::move(row));
  }
  return rows;
}

QString text(double v) { return QString::number(v, 'g', 17); }

// `ekimachi-cli ops run OP --project PROJECT --params DIR/OP.json` of `params` with "out" =
// DIR/OUT; the path of the output.
QString opsRun(const std::string& op, const QString& project, ops::Json params, const QTemporaryDir& dir,
               const QString& out) {
  const QString output = dir.filePath(out), json = dir.filePath(QString::fromStdString(op + ".json"));
  params["out"] = local(output);
  std::ofstream(local(json)) << params.dump(2);
  const auto run = ekm_test::cliArgs({"ops", "run", op, "--project", local(project), "--params", local(json), "--quiet"},
                                     ekm_test::Streams::Merged);
  if (run.exitCode != 0) qWarning("%s", run.out.c_str());
  return run.exitCode == 0 ? output : QString();
}

}  // namespace

class TestDemandPipelineParity : public QObject {
  Q_OBJECT

 private slots:
  void cliAndDockGiveTheSameOdAndFlows() {
    QTemporaryDir dir;
    const auto sample = ekm_test::cliArgs({"sample", "--out", local(dir.path()), "--seed", "1", "--quiet"});
    QVERIFY2(sample.exitCode == 0, sample.err.c_str());
    const QString project = dir.filePath(QStringLiteral("sample.gpkg"));

    // 500 m mesh zones, the walking network with X-crossings noded (the dock's default), the
    // gravity model of the morning's trip ends (default deterrence), Algorithm B to 1e-6.
    demand::AssignParams p = DemandDock::defaultParams();
    QVERIFY(p.network.split_crossings);
    p.network.zones = "mesh:500m";
    p.network.network = "walking";
    p.demand.hours.from = "2025-04-01T07:00+09:00";
    p.demand.hours.to = "2025-04-01T10:00+09:00";
    p.assignment.algorithm = "b";
    p.assignment.gap = 1e-6;
    p.assignment.max_iter = 500;

    core::Feedback fb;
    auto layers = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(local(project), fb));
    widgets::TaskManager tasks;
    DemandDock dock;
    dock.setSession(std::make_shared<const widgets::ProjectSession>(project, layers, &tasks));
    dock.setParams(p);
    const ops::Json params = ops::toJson(dock.params());
    QVERIFY2(params == ops::toJson(p), params.dump().c_str());
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    QVERIFY(finished.wait(280000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    const auto run = dock.lastRun();
    QVERIFY(run);
    QVERIFY(run->assignment().converged);
    QVERIFY(ops::toJson(run->params) == params);

    // The link flows of `ops run assign` with those Params: link by link.
    const QString links = opsRun("assign", project, params, dir, QStringLiteral("links.csv"));
    QVERIFY(!links.isEmpty());
    const auto rows = readCsv(links);
    const auto& network = run->network();
    QCOMPARE(static_cast<int>(rows.size()), network.network.linkCount());
    double total = 0;
    for (std::size_t a = 0; a < rows.size(); ++a) {
      QCOMPARE(rows[a].at("segment_id"), network.linkSegmentId[a]);
      const double cli = std::stod(rows[a].at("volume")), gui = run->assignment().volume[a];
      QVERIFY2(gui == cli, qPrintable(QStringLiteral("link %1 (%2): dock %3, CLI %4")
                                          .arg(a + 1)
                                          .arg(QString::fromStdString(network.linkSegmentId[a]), text(gui), text(cli))));
      total += gui;
    }
    QVERIFY(total > run->od().matrix.total());  // every trip uses at least its two connectors

    // The OD of `ops run od-gravity` with the Params it shares with assign (not max_iter: the
    // Furness limit there, the assignment's here): every pair.
    const ops::Json gravityFields = ops::toJson(demand::OdGravityParams{});
    ops::Json gravity = ops::Json::object();
    for (const auto& [key, value] : params.items())
      if (gravityFields.contains(key) && key != "max_iter" && key != "out") gravity[key] = value;
    QVERIFY(gravity.contains("zones") && gravity.contains("from") && gravity.contains("split_crossings"));
    const QString odCsv = opsRun("od-gravity", project, gravity, dir, QStringLiteral("od.csv"));
    QVERIFY(!odCsv.isEmpty());
    std::map<std::pair<std::string, std::string>, double> cliOd;
    for (const auto& row : readCsv(odCsv)) cliOd[{row.at("origin"), row.at("destination")}] = std::stod(row.at("trips"));
    const auto& ids = run->od().zoneIds;
    QCOMPARE(ids.size(), run->zones().zones.size());
    int pairs = 0;
    for (std::size_t i = 0; i < ids.size(); ++i)
      for (std::size_t j = 0; j < ids.size(); ++j) {
        const double gui = run->od().matrix(static_cast<int>(i), static_cast<int>(j));
        const auto it = cliOd.find({ids[i], ids[j]});
        const double cli = it == cliOd.end() ? 0.0 : it->second;
        QVERIFY2(gui == cli, qPrintable(QStringLiteral("%1 -> %2: dock %3, CLI %4")
                                            .arg(QString::fromStdString(ids[i]), QString::fromStdString(ids[j]),
                                                 text(gui), text(cli))));
        pairs += gui > 0 ? 1 : 0;
      }
    QVERIFY(pairs > 100);
    QCOMPARE(static_cast<int>(cliOd.size()), pairs);
    QVERIFY(run->od().matrix.total() > 1000);
  }
};

QTEST_MAIN(TestDemandPipelineParity)
#include "test_demand_pipeline_parity.moc"
