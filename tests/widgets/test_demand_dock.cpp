// The Demand dock (issue 5, sections 5-7): flow bands drawn at the width their volume and
// scale give (pixels read back on a 2-link network, the two directions side by side), the
// legend's reference widths, identify on a band, the OD matrix table's totals, sorting and
// CSV, and the dock's pipeline on the sample project (created with `ekimachi-cli sample`):
// a run converges to the requested gap, emits the layers and plots one point per iteration;
// Cancel ends a run as cancelled without layers; a scenario emits the difference layer.
#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <fstream>
#include <sstream>

#include "demand/convergence_plot.h"
#include "demand/demand_dock.h"
#include "demand/demand_layers.h"
#include "demand/od_matrix_model.h"
#include "ekm/core/error.h"
#include "render/desire_line_layer.h"
#include "render/flow_band_layer.h"
#include "render/link_difference_layer.h"
#include "render/project_layers.h"

using namespace ekm;
using widgets::DemandDock;

namespace {

const QColor kBackground(255, 255, 255);

// Renders `layer` on a 1000 x 200 px image of the map extent x 0..1000, y -100..100 (1 map
// unit per pixel; map y = 0 is pixel row 100).
QImage renderOnStrip(const render::MapLayer& layer) {
  render::MapSettings settings;
  settings.setExtent({0, -100, 1000, 100});
  settings.setOutputSize(QSize(1000, 200));
  QImage image(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(kBackground);
  QPainter painter(&image);
  core::Feedback feedback;
  render::RenderContext ctx{painter, settings, settings.mapToPixel(), settings.visibleExtent(), feedback};
  layer.render(ctx);
  painter.end();
  return image;
}

render::MapSettings stripSettings() {
  render::MapSettings settings;
  settings.setExtent({0, -100, 1000, 100});
  settings.setOutputSize(QSize(1000, 200));
  return settings;
}

// Two links of one street: eastbound 2,000 and westbound 1,000 trips, capacity 4,000 (v/c
// 0.5 and 0.25), 5 pt per 1,000 trips, no gap between the directions.
std::shared_ptr<render::FlowBandLayer> twoLinkLayer(render::BandSide side = render::BandSide::Left) {
  auto data = std::make_shared<render::FlowBandData>();
  render::FlowBand east;
  east.line = QPolygonF({QPointF(0, 0), QPointF(1000, 0)});
  east.segmentId = QStringLiteral("street-1");
  east.link = 0;
  east.volume = 2000;
  east.time_s = 75;
  east.capacity = 4000;
  render::FlowBand west = east;
  west.line = QPolygonF({QPointF(1000, 0), QPointF(0, 0)});
  west.link = 1;
  west.volume = 1000;
  data->add(east);
  data->add(west);
  render::FlowBandStyle style;
  style.widthPer1000 = 5;
  style.gap = 0;
  style.side = side;
  style.unit = QStringLiteral("trips");
  return std::make_shared<render::FlowBandLayer>(QStringLiteral("bands"), QStringLiteral("Bands"), data, style);
}

// Rows of column x whose colour is exactly `colour`.
std::vector<int> rowsOfColour(const QImage& image, int x, QColor colour) {
  std::vector<int> rows;
  for (int y = 0; y < image.height(); ++y)
    if (image.pixelColor(x, y).rgb() == colour.rgb()) rows.push_back(y);
  return rows;
}

struct SampleProject {
  QTemporaryDir dir;
  QString path;
  bool ok = false;
  SampleProject() {
    QProcess cli;
    cli.start(QStringLiteral(EKM_CLI_PATH), {QStringLiteral("sample"), QStringLiteral("--out"), dir.path(),
                                             QStringLiteral("--seed"), QStringLiteral("1")});
    ok = cli.waitForFinished(240000) && cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
    path = dir.filePath(QStringLiteral("sample.gpkg"));
    ok = ok && QFile::exists(path);
  }
};

}  // namespace

class TestDemandDock : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<SampleProject> m_sample;
  std::shared_ptr<const render::ProjectLayers> m_layers;

  void needSample() {
    if (m_sample) return;
    m_sample = std::make_unique<SampleProject>();
    QVERIFY2(m_sample->ok, "ekimachi-cli sample failed");
    core::Feedback fb;
    m_layers = std::make_shared<const render::ProjectLayers>(
        render::loadProjectLayers(QFile::encodeName(m_sample->path).toStdString(), fb));
  }

  static widgets::DemandSettings roadSettings(const DemandDock& dock, double gap) {
    widgets::DemandSettings s = dock.settings();  // the dock's default hours for the project
    s.zoneSource = widgets::ZoneSource::Mesh;
    s.meshLevel = mesh::MeshLevel::Half;
    s.network = widgets::NetworkKind::Road;
    s.odSource = widgets::OdSource::Gravity;
    s.assignment.algorithm = demand::AssignmentAlgorithm::AlgorithmB;
    s.assignment.relativeGap = gap;
    s.assignment.maxIterations = 500;
    return s;
  }

 private slots:
  void flowBandsHaveTheWidthOfTheirVolume() {
    const auto layer = twoLinkLayer();
    const QImage image = renderOnStrip(*layer);
    const QColor eastColour = render::FlowBandLayer::volumeCapacityColour(0.5);
    const QColor westColour = render::FlowBandLayer::volumeCapacityColour(0.25);
    QVERIFY(eastColour != westColour);
    for (int x : {100, 500, 900}) {
      // Eastbound 2,000 trips x 5 pt / 1,000 = 10 px, on its left = north = above row 100.
      const auto east = rowsOfColour(image, x, eastColour);
      QCOMPARE(east.size(), std::size_t{10});
      QCOMPARE(east.front(), 90);
      QCOMPARE(east.back(), 99);
      // Westbound 1,000 trips = 5 px, on its left = south = below.
      const auto west = rowsOfColour(image, x, westColour);
      QCOMPARE(west.size(), std::size_t{5});
      QCOMPARE(west.front(), 100);
      QCOMPARE(west.back(), 104);
      QCOMPARE(image.pixelColor(x, 89).rgb(), kBackground.rgb());
      QCOMPARE(image.pixelColor(x, 105).rgb(), kBackground.rgb());
    }
    // The keep-right convention mirrors the bands.
    const QImage right = renderOnStrip(*twoLinkLayer(render::BandSide::Right));
    const auto east = rowsOfColour(right, 500, eastColour);
    QCOMPARE(east.size(), std::size_t{10});
    QCOMPARE(east.front(), 100);
    // Twice the DPI: twice the pixels (widths are points at 96 dpi).
    render::MapSettings settings = stripSettings();
    settings.setOutputSize(QSize(2000, 400));
    settings.setDpi(192);
    QImage big(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
    big.fill(kBackground);
    {
      QPainter painter(&big);
      core::Feedback fb;
      render::RenderContext ctx{painter, settings, settings.mapToPixel(), settings.visibleExtent(), fb};
      layer->render(ctx);
    }
    QCOMPARE(rowsOfColour(big, 1000, eastColour).size(), std::size_t{20});
  }

  void legendWidthsMatchTheBands() {
    const auto layer = twoLinkLayer();
    const auto groups = layer->legendGroups();
    QVERIFY(groups.size() >= 2);
    const auto& widths = groups[0].items;
    QCOMPARE(widths.size(), std::size_t{3});  // 2,000, 1,000, 500
    const QImage image = renderOnStrip(*layer);
    const std::vector<double> expected{2000, 1000, 500};
    for (std::size_t i = 0; i < widths.size(); ++i) {
      QCOMPARE(widths[i].kind, render::LegendItem::Kind::Line);
      QCOMPARE(widths[i].lineWidth, expected[i] / 1000.0 * 5.0);
    }
    // The legend's 2,000 and 1,000 lines are as wide as the drawn bands of those volumes.
    QCOMPARE(double(rowsOfColour(image, 500, render::FlowBandLayer::volumeCapacityColour(0.5)).size()),
             widths[0].lineWidth);
    QCOMPARE(double(rowsOfColour(image, 500, render::FlowBandLayer::volumeCapacityColour(0.25)).size()),
             widths[1].lineWidth);
    // v/c classes: 5 ranges.
    QCOMPARE(groups[1].items.size(), std::size_t{5});
    // Reference values are round and below the maximum.
    QCOMPARE(render::widthLegendValues(3700), (std::vector<double>{2000, 1000, 500}));
    QCOMPARE(render::widthLegendValues(1000), (std::vector<double>{1000, 500, 200}));
    QVERIFY(render::widthLegendValues(0).empty());
  }

  void identifyFindsTheBandUnderTheCursor() {
    const auto layer = twoLinkLayer();
    core::Feedback fb;
    const auto settings = stripSettings();
    const auto east = layer->identify(QPointF(500, 5), settings, fb);  // 5 px above the line
    QVERIFY(east.has_value());
    QCOMPARE(east->value, 2000.0);
    QCOMPARE(east->title, QStringLiteral("street-1"));
    bool sawVc = false;
    for (const auto& [label, text] : east->attributes) sawVc |= text == QLocale().toString(0.5, 'f', 2);
    QVERIFY(sawVc);
    const auto west = layer->identify(QPointF(500, -3), settings, fb);
    QVERIFY(west.has_value());
    QCOMPARE(west->value, 1000.0);
    QVERIFY(!layer->identify(QPointF(500, 60), settings, fb).has_value());
  }

  void desireAndDifferenceLayers() {
    std::vector<render::DesireLineItem> lines;
    for (int i = 0; i < 5; ++i)
      lines.push_back({QPointF(0, 0), QPointF(900, 10.0 * i), QString::number(i), QStringLiteral("x"), 100.0 * (i + 1)});
    render::DesireLineStyle style;
    style.topN = 3;
    style.minVolume = 150;
    const render::DesireLineLayer desire(QStringLiteral("d"), QStringLiteral("D"), lines, style);
    QCOMPARE(desire.lines().size(), std::size_t{3});  // 500, 400, 300 (top 3 of those >= 150)
    QCOMPARE(desire.lines().front().volume, 500.0);
    QCOMPARE(desire.lines().back().volume, 300.0);

    std::vector<render::LinkVolumeDifference> diffs(2);
    diffs[0].line = QPolygonF({QPointF(0, 0), QPointF(1000, 0)});
    diffs[0].baseVolume = 1000;
    diffs[0].scenarioVolume = 3000;  // +2,000: red, 10 px
    diffs[1].line = QPolygonF({QPointF(1000, 0), QPointF(0, 0)});
    diffs[1].baseVolume = 1000;
    diffs[1].scenarioVolume = 0;  // -1,000: blue, 5 px
    render::LinkDifferenceStyle ds;
    ds.widthPer1000 = 5;
    ds.gap = 0;
    const render::DivergingRamp ramp(2000);
    const render::LinkDifferenceLayer layer(QStringLiteral("diff"), QStringLiteral("Diff"), diffs, ramp, ds);
    const QImage image = renderOnStrip(layer);
    QCOMPARE(rowsOfColour(image, 500, ramp.colourFor(2000)).size(), std::size_t{10});
    QCOMPARE(rowsOfColour(image, 500, ramp.colourFor(-1000)).size(), std::size_t{5});
    QVERIFY(ramp.colourFor(2000).red() > ramp.colourFor(2000).blue());
    QVERIFY(ramp.colourFor(-1000).blue() > ramp.colourFor(-1000).red());
  }

  void odMatrixModelTotals() {
    demand::NamedOdMatrix od;
    od.zoneIds = {"a", "b", "c"};
    od.matrix = demand::OdMatrix(3);
    const double v[3][3] = {{0, 10, 5}, {7, 0, 30}, {1, 2, 0}};
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) od.matrix(i, j) = v[i][j];
    widgets::OdMatrixModel model;
    model.setMatrix(od);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 4);
    for (int i = 0; i < 3; ++i) {
      double row = 0, col = 0;
      for (int j = 0; j < 3; ++j) row += v[i][j], col += v[j][i];
      QCOMPARE(model.index(i, 3).data(Qt::UserRole).toDouble(), row);
      QCOMPARE(model.index(3, i).data(Qt::UserRole).toDouble(), col);
    }
    QCOMPARE(model.index(3, 3).data(Qt::UserRole).toDouble(), od.matrix.total());
    QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), widgets::OdMatrixModel::tr("Total"));
    // Heat shading: the largest cell is darker than a small one.
    const QColor big = model.index(1, 2).data(Qt::BackgroundRole).value<QBrush>().color();
    const QColor small = model.index(2, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(big.lightness() < small.lightness());

    // Sorting origins by the Total column keeps the Total row last in both orders.
    widgets::OdMatrixSortProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(3, Qt::DescendingOrder);
    QCOMPARE(proxy.headerData(0, Qt::Vertical).toString(), QStringLiteral("b"));  // 37
    QCOMPARE(proxy.headerData(3, Qt::Vertical).toString(), widgets::OdMatrixModel::tr("Total"));
    proxy.sort(3, Qt::AscendingOrder);
    QCOMPARE(proxy.headerData(0, Qt::Vertical).toString(), QStringLiteral("c"));  // 3
    QCOMPARE(proxy.headerData(3, Qt::Vertical).toString(), widgets::OdMatrixModel::tr("Total"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("od.csv"));
    model.writeCsv(path);
    std::ifstream in(QFile::encodeName(path).toStdString());
    std::string header, line, last;
    std::getline(in, header);
    QCOMPARE(QString::fromStdString(header), QStringLiteral("origin,a,b,c,total"));
    std::getline(in, line);
    QCOMPARE(QString::fromStdString(line), QStringLiteral("a,0,10,5,15"));
    while (std::getline(in, line)) last = line;
    QCOMPARE(QString::fromStdString(last), QStringLiteral("total,8,12,35,55"));
    bool threw = false;
    try {
      model.writeCsv(dir.filePath(QStringLiteral("no/such/dir/od.csv")));
    } catch (const ekm::core::IoError& e) {
      threw = QString::fromUtf8(e.what()).contains(QStringLiteral("no/such/dir/od.csv"));
    }
    QVERIFY(threw);
  }

  void dockRunConvergesAndEmitsLayers() {
    needSample();
    DemandDock dock;
    dock.setProject(m_layers);
    const double gap = 1e-4;
    dock.setSettings(roadSettings(dock, gap));
    QCOMPARE(dock.settings().assignment.relativeGap, gap);
    std::vector<render::LayerList> emitted;
    std::vector<std::vector<render::LegendGroup>> legends;
    connect(&dock, &DemandDock::resultLayersReady, this,
            [&](render::LayerList layers, std::vector<render::LegendGroup> legend) {
              emitted.push_back(std::move(layers));
              legends.push_back(std::move(legend));
            });
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    QVERIFY(dock.isRunning());
    QVERIFY(finished.wait(280000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    const auto run = dock.lastRun();
    QVERIFY(run);
    const auto& a = run->assignment;
    QVERIFY2(a.converged, qPrintable(dock.statusText()));
    QVERIFY(a.relativeGap <= gap);
    QVERIFY(a.iterations.size() >= 2);
    // Independent evaluation of the final volumes: the same gap.
    const auto eval = demand::evaluateVolumes(run->network.network, run->od.matrix, a.volume, {});
    QVERIFY(eval.relativeGap <= gap * 1.01);
    // One plotted point per iteration, the final gap last.
    QCOMPARE(dock.convergencePlot()->pointCount(), static_cast<int>(a.iterations.size()));
    QCOMPARE(dock.convergencePlot()->gaps().back(), a.relativeGap);
    // Layers: desire lines under the flow bands; the bands' volumes are the assigned ones.
    QCOMPARE(emitted.size(), std::size_t{1});
    QCOMPARE(emitted[0].size(), std::size_t{2});
    const auto* bands = dynamic_cast<const render::FlowBandLayer*>(emitted[0][1].get());
    QVERIFY(bands);
    QVERIFY(dynamic_cast<const render::DesireLineLayer*>(emitted[0][0].get()));
    double maxVolume = 0;
    for (std::size_t l = 0; l < a.volume.size(); ++l)
      if (run->network.linkSegment[l] >= 0) maxVolume = std::max(maxVolume, a.volume[l]);
    QCOMPARE(bands->data()->maxVolume, maxVolume);
    QVERIFY(bands->extent().isValid());
    QVERIFY(m_layers->fullExtent.intersects(bands->extent()));
    QVERIFY(!legends[0].empty());
    // The OD table sums to the assigned matrix.
    QCOMPARE(dock.odModel()->rowCount(), static_cast<int>(run->zones.zones.size()) + 1);
    QVERIFY(std::abs(dock.odModel()->grandTotal() - run->od.matrix.total()) <= 1e-9 * run->od.matrix.total());

    // Scenario: +20 % demand -> the difference layer; total difference = scenario - base.
    widgets::ScenarioSettings sc;
    sc.demandScale = 1.2;
    dock.setScenarioSettings(sc);
    QCOMPARE(dock.scenarioSettings().demandScale, 1.2);
    dock.runScenario();
    QVERIFY(finished.wait(280000));
    QCOMPARE(finished.at(1).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    QVERIFY(dock.lastScenario());
    const auto& res = dock.lastScenario()->result;
    QVERIFY(std::abs(res.scenarioDemand.total() - 1.2 * res.baseDemand.total()) <= 1e-6 * res.baseDemand.total());
    QCOMPARE(emitted.size(), std::size_t{2});
    QCOMPARE(emitted[1].size(), std::size_t{1});
    const auto* diff = dynamic_cast<const render::LinkDifferenceLayer*>(emitted[1][0].get());
    QVERIFY(diff);
    double sumDiff = 0;
    for (const auto& l : diff->links()) sumDiff += l.difference();
    QVERIFY(sumDiff > 0);  // more trips: more traffic overall
  }

  void cancelStopsARun() {
    needSample();
    DemandDock dock;
    dock.setProject(m_layers);
    dock.setSettings(roadSettings(dock, 1e-6));
    int emissions = 0;
    connect(&dock, &DemandDock::resultLayersReady, this, [&](render::LayerList, std::vector<render::LegendGroup>) {
      ++emissions;
    });
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    dock.cancel();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Cancelled);
    QVERIFY(!dock.lastRun());
    QVERIFY(!dock.isRunning());
    QTest::qWait(50);  // any queued emission would arrive now
    QCOMPARE(emissions, 0);
  }

  void badSettingsFailWithAMessage() {
    needSample();
    DemandDock dock;
    dock.setProject(m_layers);
    auto s = roadSettings(dock, 1e-3);
    s.odSource = widgets::OdSource::Csv;
    s.odCsvPath = "/nonexistent/od.csv";
    dock.setSettings(s);
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Failed);
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("/nonexistent/od.csv")));
    const auto boxes = dock.findChildren<QMessageBox*>();
    for (auto* box : boxes) box->close();
  }
};

QTEST_MAIN(TestDemandDock)
#include "test_demand_dock.moc"
