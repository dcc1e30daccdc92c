// The flow docks (issue 3 part 5): the difference layer's diverging colours, the comparison
// table (sorting, CSV), the Forecast dock on a tiny project made with the store (a run fills
// the chart; Cancel stops a run), the Comparison dock's background run and its map layer.
// With EKM_DOCKS_SCREENSHOT=<png> and EKM_DOCKS_PROJECT=<gpkg> (run under Xvfb) it also saves a
// screenshot of the main window with the comparison layer and the forecast dock.
#include <QApplication>
#include <QMessageBox>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <fstream>

#include "charts/chart_panel.h"
#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "flow/comparison_dock.h"
#include "flow/comparison_model.h"
#include "flow/forecast_dock.h"
#include "legend/legend_widget.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "render/difference_layer.h"
#include "render/map_renderer.h"
#include "render/project_layers.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"
#include "time/time_bar.h"

using namespace ekm;
using widgets::ComparisonDock;
using widgets::ForecastDock;

namespace {

QPolygonF square(double x, double y, double size) {
  return QPolygonF({QPointF(x, y), QPointF(x + size, y), QPointF(x + size, y + size), QPointF(x, y + size)});
}

flow::Comparison row(const std::string& code, double a, double b, double p, bool significant) {
  flow::Comparison c;
  c.feature = code;
  c.meanA = a;
  c.meanB = b;
  c.absChange = b - a;
  c.relChange = a != 0 ? (b - a) / a : std::nan("");
  c.pValue = p;
  c.significant = significant;
  return c;
}

// A tiny project: two 1/8 cells near Takanawa Gateway, 6 weeks hourly from 2025-03-01 JST with
// a daily cycle; cell 1 doubles from 2025-03-22 on (a clear change for the comparison).
struct TinyProject {
  QTemporaryDir dir;
  std::string path;
  std::vector<std::string> codes;
  TinyProject() {
    path = dir.filePath(QStringLiteral("tiny.gpkg")).toStdString();
    const std::string csvPath = dir.filePath(QStringLiteral("pop.csv")).toStdString();
    for (int i = 0; i < 2; ++i) codes.push_back(mesh::encode(35.6354, 139.7406 + 0.0017 * i, mesh::MeshLevel::Eighth));
    {
      std::ofstream csv(csvPath);
      csv << "mesh_code,date,hour,population\n";
      for (int d = 0; d < 42; ++d) {
        const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::year(2025) / 3 / 1} + std::chrono::days(d)};
        const std::string ds = core::formatDate(date);
        const bool weekend = std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding() % 6 == 0;
        for (int h = 0; h < 24; ++h) {
          const double base = 100 + 80 * std::sin((h - 6) * M_PI / 12) * (weekend ? 0.6 : 1.0) + 3 * ((d * 7 + h * 3) % 5);
          csv << codes[0] << "," << ds << "," << h << "," << std::max(0.0, std::round(base)) << "\n";
          csv << codes[1] << "," << ds << "," << h << "," << std::max(0.0, std::round(base * (d >= 21 ? 2 : 1))) << "\n";
        }
      }
    }
    store::Project project = store::Project::create(path);
    io::importFile(project, io::ImportKind::MeshPopulation, csvPath, {}, core::nullFeedback());
  }
};

// The session the main window would hand the docks for `tiny`: its cells (side by side 100 m
// squares unless `geometry` is given), an optional population source and time range.
widgets::SessionPtr sessionOf(const TinyProject& tiny, widgets::TaskManager& tasks,
                              std::shared_ptr<const render::MeshValueSource> values = {},
                              std::optional<store::TimeRange> range = std::nullopt,
                              std::shared_ptr<const render::MeshGeometry> geometry = {}) {
  auto layers = std::make_shared<render::ProjectLayers>();
  layers->path = tiny.path;
  if (!geometry) {
    auto cells = std::make_shared<render::MeshGeometry>();
    for (std::size_t i = 0; i < tiny.codes.size(); ++i)
      cells->add(static_cast<std::int64_t>(i + 1), tiny.codes[i], square(100.0 * static_cast<double>(i), 0, 100));
    geometry = cells;
  }
  layers->mesh = geometry;
  layers->meshValues = std::move(values);
  layers->meshTimeRange = range;
  return std::make_shared<const widgets::ProjectSession>(QString::fromStdString(tiny.path), layers, &tasks);
}

}  // namespace

class TestFlowDocks : public QObject {
  Q_OBJECT

 private slots:
  void divergingRampIsCentredOnZero() {
    const render::DivergingRamp ramp(50, 7);
    QCOMPARE(ramp.classCount(), 7);
    QCOMPARE(ramp.colourFor(0.0), render::DivergingRamp::centreColour());
    QCOMPARE(ramp.colourFor(-1e9), ramp.classColour(0));
    QCOMPARE(ramp.colourFor(1e9), ramp.classColour(6));
    QVERIFY(!ramp.colourFor(std::nan("")).isValid());
    // Symmetric: -v and +v fall in mirrored classes.
    QCOMPARE(ramp.breaks().classIndex(-40) + ramp.breaks().classIndex(40), 6);
    // Round class widths: 2 * 50 / 7 = 14.3 -> 20; edges +-10, +-30, +-50, +-70.
    QCOMPARE(ramp.breaks().edges(), (std::vector<double>{-70, -50, -30, -10, 10, 30, 50, 70}));
    QCOMPARE(ramp.maxAbs(), 70.0);
    QCOMPARE(render::DivergingRamp(5000, 7).breaks().edges().at(4), 1000.0);  // w = 2000: "-1,000 – 1,000", ...
    QCOMPARE(render::DivergingRamp::niceMaxAbs({-37, 12, 3}, 1.0), 50.0);
    QCOMPARE(render::DivergingRamp::niceMaxAbs({0.13}, 1.0), 0.2);
    QCOMPARE(render::DivergingRamp::niceMaxAbs({}, 1.0), 1.0);
  }

  void differenceLayerPaintsDivergingColours() {
    // Three 100 m cells side by side in display coordinates: -40, 0, +40; and a missing one.
    auto geometry = std::make_shared<render::MeshGeometry>();
    for (int i = 0; i < 4; ++i) geometry->add(i + 1, "5339000" + std::to_string(i), square(i * 100.0, 0, 100));
    auto values = std::make_shared<const std::vector<double>>(std::vector<double>{-40, 0, 40, std::nan("")});
    const render::DifferenceLayer layer(QStringLiteral("d"), QStringLiteral("difference"), geometry, values,
                                        render::DivergingRamp(50, 7));
    render::MapSettings settings;
    settings.setExtent(render::Extent{0, 0, 400, 100});
    settings.setOutputSize(QSize(400, 100));  // 1 m per pixel
    QImage image;
    QVERIFY(render::MapRenderer::renderLayer(layer, settings, core::nullFeedback(), image));
    const QColor negative = image.pixelColor(50, 50), zero = image.pixelColor(150, 50), positive = image.pixelColor(250, 50);
    QVERIFY2(negative.blue() > negative.red() + 60, qPrintable(negative.name()));
    QVERIFY2(positive.red() > positive.blue() + 60, qPrintable(positive.name()));
    QCOMPARE(zero.rgb(), render::DivergingRamp::centreColour().rgb());
    QCOMPARE(negative.rgb(), layer.ramp().colourFor(-40).rgb());
    QCOMPARE(positive.rgb(), layer.ramp().colourFor(40).rgb());
    // The missing cell is the grey "no data" fill (or its hatch), not a ramp colour.
    const QColor missing = image.pixelColor(352, 50);
    QVERIFY2(std::abs(missing.red() - missing.blue()) < 8 && std::abs(missing.red() - missing.green()) < 8,
             qPrintable(missing.name()));
    // The legend from the ramp's style has the same colours as the map.
    const render::LegendGroup legend = render::Legend::forGraduatedStyle(QStringLiteral("Change"), layer.ramp().style());
    QCOMPARE(legend.items.front().colour, layer.ramp().classColour(0));
    QCOMPARE(legend.items.at(3).colour, render::DivergingRamp::centreColour());
  }

  void comparisonTableSortsAndExportsCsv() {
    widgets::ComparisonTableModel model;
    model.setComparisons({row("53393599111", 100, 150, 0.01, true), row("53393599112", 200, 120, 0.002, true),
                          row("53393599113", 50, 55, 0.6, false), row("53393599114", 0, 10, std::nan(""), false)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 7);
    model.sort(widgets::ComparisonTableModel::Change, Qt::DescendingOrder);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("53393599111"));  // +50
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("53393599114"));  // +10
    QCOMPARE(model.data(model.index(2, 0)).toString(), QStringLiteral("53393599113"));  // +5
    QCOMPARE(model.data(model.index(3, 0)).toString(), QStringLiteral("53393599112"));  // -80
    model.sort(widgets::ComparisonTableModel::Change, Qt::AscendingOrder);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("53393599112"));
    // % change: the cell with mean A = 0 has no relative change and sorts last both ways.
    model.sort(widgets::ComparisonTableModel::PercentChange, Qt::AscendingOrder);
    QCOMPARE(model.data(model.index(3, 0)).toString(), QStringLiteral("53393599114"));
    model.sort(widgets::ComparisonTableModel::PercentChange, Qt::DescendingOrder);
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("53393599111"));  // +50 %
    QCOMPARE(model.data(model.index(3, 0)).toString(), QStringLiteral("53393599114"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cmp.csv"));
    model.sort(widgets::ComparisonTableModel::Change, Qt::DescendingOrder);
    QVERIFY(model.writeCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0], QStringLiteral("mesh_code,mean_a,mean_b,change,pct_change,p_value,significant"));
    QCOMPARE(lines[1], QStringLiteral("53393599111,100.000,150.000,50.000,50.000,0.01,1"));
    QCOMPARE(lines[2], QStringLiteral("53393599114,0.000,10.000,10.000,,,0"));
    QCOMPARE(lines[4], QStringLiteral("53393599112,200.000,120.000,-80.000,-40.000,0.002,1"));
    QVERIFY(!model.writeCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv"))));
  }

  void forecastDockRunFillsTheChart() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    ForecastDock dock;
    dock.show();
    dock.setSession(sessionOf(tiny, tasks));
    dock.setFeature(flow::FeatureKind::Cell, QString::fromStdString(tiny.codes[0]));
    dock.setModel(flow::ForecastModel::Regression);
    dock.setHorizonDays(2);
    QSignalSpy done(&dock, &ForecastDock::runFinished);
    dock.run();
    QVERIFY(dock.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(done.at(0).at(0).value<ForecastDock::RunStatus>(), ForecastDock::RunStatus::Completed);
    const widgets::ChartPanel* chart = dock.chart();
    QCOMPARE(chart->pointCount(QStringLiteral("Forecast")), 48);
    QCOMPARE(chart->pointCount(QStringLiteral("Observed")), 28 * 24);
    QCOMPARE(chart->pointCount(QStringLiteral("80% interval")), 48);
    QCOMPARE(chart->pointCount(QStringLiteral("95% interval")), 48);
    const core::HourKey end = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 4 / 12}, 0);
    QCOMPARE(chart->marker().value_or(0), end);  // the forecast starts right after the data
    QVERIFY(dock.lastForecast());
    QCOMPARE(dock.lastForecast()->mean.start, end);
    // Backtest metrics are in the table, and match the backtest result.
    QVERIFY(dock.lastBacktest());
    QVERIFY(dock.lastBacktest()->origins >= 1);
    QVERIFY(dock.metricsTable()->item(0, 0));
    QCOMPARE(dock.metricsTable()->item(0, 0)->text(), QLocale().toString(dock.lastBacktest()->accuracy.mae(), 'f', 1));
    QVERIFY(dock.lastBacktest()->accuracy.wape() < 0.3);  // a regular daily cycle is easy to forecast

    // An unknown id fails in the worker; the failure is reported (dialog), not thrown.
    dock.setFeature(flow::FeatureKind::Cell, QStringLiteral("5339359999"));
    dock.run();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 60000);
    QCOMPARE(done.at(1).at(0).value<ForecastDock::RunStatus>(), ForecastDock::RunStatus::Failed);
    for (QWidget* w : QApplication::topLevelWidgets())
      if (auto* box = qobject_cast<QMessageBox*>(w)) box->close();
  }

  void cancelStopsAForecastRun() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    ForecastDock dock;
    dock.setSession(sessionOf(tiny, tasks));
    dock.setFeature(flow::FeatureKind::Cell, QString::fromStdString(tiny.codes[1]));
    QSignalSpy done(&dock, &ForecastDock::runFinished);
    dock.run();
    dock.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(done.at(0).at(0).value<ForecastDock::RunStatus>(), ForecastDock::RunStatus::Cancelled);
    QCOMPARE(dock.chart()->seriesCount(), 0);
    QVERIFY(!dock.lastForecast());
    QVERIFY(!dock.isRunning());
  }

  void comparisonDockRunsInTheBackgroundAndMakesALayer() {
    TinyProject tiny;
    auto geometry = std::make_shared<render::MeshGeometry>();
    geometry->add(1, tiny.codes[0], square(0, 0, 100));
    geometry->add(2, tiny.codes[1], square(100, 0, 100));
    widgets::TaskManager tasks;
    ComparisonDock dock;
    store::TimeRange range;
    range.first = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 3 / 1}, 0);
    range.last = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 4 / 11}, 23);
    dock.setSession(sessionOf(tiny, tasks, {}, range, geometry));
    // 2025-03-27 +- 4 weeks is outside 03-01..04-11: the two halves of the range.
    QCOMPARE(core::formatDate(dock.periodA().from), std::string("2025-03-01"));
    QCOMPARE(core::formatDate(dock.periodA().to), std::string("2025-03-21"));
    QCOMPARE(core::formatDate(dock.periodB().from), std::string("2025-03-22"));
    QCOMPARE(core::formatDate(dock.periodB().to), std::string("2025-04-11"));
    const auto [a, b] = ComparisonDock::defaultPeriods(store::TimeRange{range.first - 24 * 60, range.first + 24 * 200, 0});
    QCOMPARE(core::formatDate(a.from), std::string("2025-02-27"));
    QCOMPARE(core::formatDate(b.to), std::string("2025-04-23"));

    QSignalSpy done(&dock, &ComparisonDock::runFinished);
    QSignalSpy layerReady(&dock, &ComparisonDock::differenceLayerReady);
    dock.run();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(done.at(0).at(0).value<ComparisonDock::RunStatus>(), ComparisonDock::RunStatus::Completed);
    QCOMPARE(dock.model()->rowCount(), 2);
    // Sorted by change, largest first: the doubled cell, significant.
    const flow::Comparison& top = dock.model()->comparisons().front();
    QCOMPARE(top.feature, tiny.codes[1]);
    QVERIFY(top.significant);
    QVERIFY(std::abs(top.relChange - 1.0) < 0.05);
    QVERIFY(!dock.model()->comparisons().back().significant);
    QCOMPARE(layerReady.count(), 1);
    auto layer = dock.differenceLayer();
    QVERIFY(layer);
    QCOMPARE((*layer->values())[1], top.absChange);
    dock.setChangeMode(ComparisonDock::ChangeMode::Percent);
    QCOMPARE(layerReady.count(), 2);
    QVERIFY(std::abs((*dock.differenceLayer()->values())[1] - 100.0 * top.relChange) < 1e-9);
    QVERIFY(dock.legendGroup().title.contains(QStringLiteral("%")));
  }

  void forecastMapContinuesThePopulation() {
    TinyProject tiny;
    auto base = std::make_shared<render::InMemoryMeshValues>(2);
    const core::HourKey end = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 4 / 12}, 0);
    base->setValues(end - 1, {7, 8});
    widgets::TaskManager tasks;
    ForecastDock dock;
    dock.setSession(sessionOf(tiny, tasks, base));
    dock.setModel(flow::ForecastModel::SeasonalNaive);
    dock.setHorizonDays(1);
    QSignalSpy ready(&dock, &ForecastDock::forecastMapReady);
    QSignalSpy done(&dock, &ForecastDock::runFinished);
    dock.runMap();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(done.at(0).at(0).value<ForecastDock::RunStatus>(), ForecastDock::RunStatus::Completed);
    QCOMPARE(ready.count(), 1);
    const auto values = ready.at(0).at(0).value<std::shared_ptr<const render::MeshValueSource>>();
    QCOMPARE(ready.at(0).at(1).value<core::HourKey>(), end);
    QCOMPARE(ready.at(0).at(2).value<core::HourKey>(), end + 24);
    QVERIFY(values);
    // Before the origin: the base source; from it: the seasonal naive forecast (same hour a
    // week earlier, read independently from the store); after the horizon: missing.
    QCOMPARE(values->valuesAt(end - 1, core::nullFeedback())->at(1), 8.0);
    const store::Project project = store::Project::open(tiny.path, store::OpenMode::ReadOnly);
    std::int64_t fid1 = -1;
    for (const auto& c : project.meshCells())
      if (c.meshCode == tiny.codes[1]) fid1 = c.fid;
    double expected1 = std::nan("");
    for (const auto& fv : project.meshPopulationSlice(end + 5 - 168))
      if (fv.fid == fid1) expected1 = fv.value;
    QVERIFY(std::isfinite(expected1));
    QCOMPARE(values->valuesAt(end + 5, core::nullFeedback())->at(1), expected1);  // parallel to the codes given
    QVERIFY(std::isnan(values->valuesAt(end + 24, core::nullFeedback())->at(0)));
  }

  void mainWindowShowsTheComparisonLayer() {
    TinyProject tiny;
    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(900, 700);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(QString::fromStdString(tiny.path));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QSignalSpy done(window.comparisonDock(), &ComparisonDock::runFinished);
    window.comparisonDock()->run();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    const auto& layers = window.canvas()->layers();
    QCOMPARE(layers.front()->id(), QStringLiteral("comparison"));  // in place of the population layer
    QVERIFY(std::none_of(layers.begin(), layers.end(), [](const auto& l) {
      return std::dynamic_pointer_cast<const render::MeshPopulationLayer>(l) != nullptr;
    }));
    QCOMPARE(window.legend()->groups().front().title, window.comparisonDock()->legendGroup().title);
    QCOMPARE(window.legend()->groups().front().items.size(), std::size_t(8));  // 7 classes + no data
    // Activating a row of the table makes that cell the forecast dock's feature.
    QTableView* table = window.comparisonDock()->table();
    const QString second = table->model()->index(1, 0).data().toString();
    emit table->activated(table->model()->index(1, 3));
    QCOMPARE(window.forecastDock()->featureId(), second);
    QCOMPARE(window.forecastDock()->featureKind(), flow::FeatureKind::Cell);
  }

  void screenshotOfTheMainWindow() {
    const QString out = qEnvironmentVariable("EKM_DOCKS_SCREENSHOT");
    const QString projectPath = qEnvironmentVariable("EKM_DOCKS_PROJECT");
    if (out.isEmpty() || projectPath.isEmpty()) QSKIP("set EKM_DOCKS_SCREENSHOT and EKM_DOCKS_PROJECT");
    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(1600, 1000);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(projectPath);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    window.comparisonDock()->show();
    window.forecastDock()->show();
    window.resizeDocks({window.comparisonDock(), window.forecastDock()}, {560, 520}, Qt::Horizontal);
    QSignalSpy compared(window.comparisonDock(), &ComparisonDock::runFinished);
    window.comparisonDock()->run();
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 300000);
    const QString station = qEnvironmentVariable("EKM_DOCKS_FEATURE");
    ForecastDock* fd = window.forecastDock();
    if (!station.isEmpty()) fd->setFeature(flow::FeatureKind::Cell, station);
    fd->setHorizonDays(7);
    QSignalSpy forecasted(fd, &ForecastDock::runFinished);
    fd->run();
    QTRY_COMPARE_WITH_TIMEOUT(forecasted.count(), 1, 300000);
    QSignalSpy rendered(window.canvas(), &widgets::MapCanvas::mapRendered);
    QTest::qWait(200);  // let the dock layout settle, then fit the map to the smaller canvas
    window.canvas()->zoomToFullExtent();
    window.canvas()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(rendered.count() >= 1 && !window.canvas()->isRendering(), 60000);
    QTest::qWait(500);
    QVERIFY(window.grab().save(out));
  }
};

QTEST_MAIN(TestFlowDocks)
#include "test_flow_docks.moc"
