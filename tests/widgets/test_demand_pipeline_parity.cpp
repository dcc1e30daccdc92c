// One demand pipeline (ekm/demand/project_pipeline.h): the same parameters through
// ekimachi-cli (`od gravity --project`, then `assign --project` with that OD) and through the
// Demand dock's code path (widgets::runDemandPipeline, what DemandDock::run calls) on the
// sample district give the same zones left out, the same OD matrix and the same link flows.
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "demand/demand_pipeline.h"
#include "ekm/core/time.h"
#include "support/cli_runner.h"

using namespace ekm;

namespace {

std::string local(const QString& path) { return QFile::encodeName(path).toStdString(); }

// Rows of a CSV with a header, as column -> text.
std::vector<std::map<std::string, std::string>> readCsv(const QString& path) {
  std::ifstream f(QFile::encodeName(path).toStdString());
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

bool same(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }

// "zones: 49 (mesh:500m), 47 connected, 2 left out" -> 2.
int leftOutOf(const QString& out) {
  const QRegularExpression re(QStringLiteral("zones: \\d+ \\([^)]*\\), \\d+ connected, (\\d+) left out"));
  const auto m = re.match(out);
  return m.hasMatch() ? m.captured(1).toInt() : -1;
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
    const QString from = QStringLiteral("2025-04-01T07:00+09:00"), to = QStringLiteral("2025-04-01T10:00+09:00");

    // The dock's settings: 500 m mesh zones, walking network with X-crossings noded, gravity
    // model of the morning's trip ends (default deterrence), Algorithm B to 1e-6.
    widgets::DemandSettings s;
    s.zoneSource = widgets::ZoneSource::Mesh;
    s.meshLevel = mesh::MeshLevel::Half;
    s.network = widgets::NetworkKind::Walking;
    s.splitAtCrossings = true;
    s.odSource = widgets::OdSource::Gravity;
    s.from = *core::parseIsoDateTimeToHourKey(from.toStdString());
    s.to = *core::parseIsoDateTimeToHourKey(to.toStdString());
    s.assignment.algorithm = demand::AssignmentAlgorithm::AlgorithmB;
    s.assignment.relativeGap = 1e-6;
    s.assignment.maxIterations = 500;
    core::Feedback feedback;
    const auto run = widgets::runDemandPipeline(QFile::encodeName(project).toStdString(), s, feedback);
    QVERIFY(run.assignment.converged);

    // The same on the command line.
    const std::vector<std::string> network{"--project", local(project), "--zones",           "mesh:500m",
                                           "--network", "walking",      "--split-crossings", "--quiet"};
    auto withNetwork = [&](std::vector<std::string> args) {
      args.insert(args.end(), network.begin(), network.end());
      return args;
    };
    const QString odCsv = dir.filePath(QStringLiteral("od.csv"));
    const auto od = ekm_test::cliArgs(withNetwork({"od", "gravity", "--from", from.toStdString(), "--to",
                                                   to.toStdString(), "--out", local(odCsv)}),
                                      ekm_test::Streams::Merged);
    QVERIFY2(od.exitCode == 0, od.out.c_str());
    QCOMPARE(leftOutOf(QString::fromStdString(od.out)), static_cast<int>(run.droppedZones.size()));

    // The OD matrices: every pair, to 1e-9 (the CSV keeps 17 digits).
    std::map<std::pair<std::string, std::string>, double> cliOd;
    for (const auto& row : readCsv(odCsv)) cliOd[{row.at("origin"), row.at("destination")}] = std::stod(row.at("trips"));
    const auto& ids = run.od.zoneIds;
    QCOMPARE(ids.size(), run.zones.zones.size());
    int pairs = 0;
    for (std::size_t i = 0; i < ids.size(); ++i)
      for (std::size_t j = 0; j < ids.size(); ++j) {
        const double gui = run.od.matrix(static_cast<int>(i), static_cast<int>(j));
        const auto it = cliOd.find({ids[i], ids[j]});
        const double cli = it == cliOd.end() ? 0.0 : it->second;
        QVERIFY2(same(gui, cli), qPrintable(QStringLiteral("%1 -> %2: dock %3, CLI %4")
                                                .arg(QString::fromStdString(ids[i]), QString::fromStdString(ids[j]))
                                                .arg(gui, 0, 'g', 17)
                                                .arg(cli, 0, 'g', 17)));
        pairs += gui > 0 ? 1 : 0;
      }
    QVERIFY(pairs > 100);
    QCOMPARE(static_cast<int>(cliOd.size()), pairs);
    QVERIFY(run.od.matrix.total() > 1000);

    // The link flows of `assign --project` with that OD: link by link.
    const QString links = dir.filePath(QStringLiteral("links.csv"));
    const auto assign =
        ekm_test::cliArgs(withNetwork({"assign", "--od", local(odCsv), "--algorithm", "b", "--gap", "1e-6",
                                       "--max-iter", "500", "--out", local(links)}),
                          ekm_test::Streams::Merged);
    QVERIFY2(assign.exitCode == 0, assign.out.c_str());
    const auto rows = readCsv(links);
    QCOMPARE(static_cast<int>(rows.size()), run.network.network.linkCount());
    double total = 0;
    for (std::size_t a = 0; a < rows.size(); ++a) {
      QCOMPARE(rows[a].at("segment_id"), run.network.linkSegmentId[a]);
      const double cli = std::stod(rows[a].at("volume")), gui = run.assignment.volume[a];
      QVERIFY2(same(gui, cli), qPrintable(QStringLiteral("link %1 (%2): dock %3, CLI %4")
                                              .arg(a + 1)
                                              .arg(QString::fromStdString(run.network.linkSegmentId[a]))
                                              .arg(gui, 0, 'g', 17)
                                              .arg(cli, 0, 'g', 17)));
      total += gui;
    }
    QVERIFY(total > run.od.matrix.total());  // every trip uses at least its two connectors
  }
};

QTEST_MAIN(TestDemandPipelineParity)
#include "test_demand_pipeline_parity.moc"
