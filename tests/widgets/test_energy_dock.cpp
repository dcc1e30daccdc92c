// The Energy dock on a small generated project (two buildings with 45 days of hourly
// cooling and heating meters and weather, a three-unit plant with a tank): the plan and the
// forecast run as the operations energy-plan / energy-forecast through the TaskManager, and
// the charts hold the operations' numbers — checked against the store's meters read here
// and against the same operation run through the registry. Cancel, replace, export
// (PNG/SVG/PDF parsed back) and the buildings map layer. With EKM_SCREENSHOT_DIR set, the
// dock is saved there as energy_dock.png. With EKM_ENERGY_PROJECT (e.g. the sample
// district) and EKM_MAIN_SCREENSHOT_DIR set, the main window with the Energy dock showing a
// week's plan (from EKM_ENERGY_FROM, default 2025-08-11) is saved there (run under Xvfb with
// QT_QPA_PLATFORM=xcb).
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QXmlStreamReader>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>
#include <cmath>
#include <set>

#include "charts/chart_panel.h"
#include "ekm/core/time.h"
#include "ekm/energy/plan_op.h"
#include "ekm/ops/registry.h"
#include "ekm/ops/result.h"
#include "ekm/ops/session.h"
#include "ekm/store/energy_store.h"
#include "energy/energy_charts.h"
#include "energy/energy_dock.h"
#include "layers/layers_panel.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "render/energy_buildings_layer.h"
#include "render/map_renderer.h"
#include "support/energy_project.h"
#include "support/temp_dir.h"
#include "time/time_bar.h"

using namespace ekm;
using Chart = widgets::EnergyDock::Chart;

namespace {

using ekm_test::kEnergyDays;
using ekm_test::energyFirstHour;

bool hasColours(const QImage& image) {
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4) colours.insert(image.pixel(x, y));
  return colours.size() > 10;
}

}  // namespace

class TestEnergyDock : public QObject {
  Q_OBJECT

  ekm_test::TempDir m_dir{"energy_dock"};
  std::string m_project;
  widgets::TaskManager m_tasks;

  widgets::SessionPtr session() const {
    return std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_project), nullptr,
                                                           const_cast<widgets::TaskManager*>(&m_tasks));
  }

  // A dock on the project with its buildings listed, for `days` days from 2025-08-01.
  void prepare(widgets::EnergyDock& dock, int days) {
    QSignalSpy loaded(&dock, &widgets::EnergyDock::buildingsLoaded);
    dock.setSession(session());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 30000);
    dock.daysBox()->setValue(days);
    dock.fromEdit()->setDate(QDate(2025, 8, 1));
  }

 private slots:
  void initTestCase() {
    m_project = m_dir.str("p.gpkg");
    ekm_test::writeSmallEnergyProject(m_project);
    ekm_test::writeFile(m_dir / "plant.json", ekm_test::kSmallPlantJson);
  }

  void controlsFillTheOperationsParams() {
    widgets::EnergyDock dock;
    prepare(dock, 2);
    // The plant file beside the project is the default; buildings from the store.
    QCOMPARE(dock.plantEdit()->text(), QString::fromStdString(m_dir.str("plant.json")));
    QCOMPARE(dock.buildingBox()->count(), 2);
    QCOMPARE(dock.buildingBox()->currentData().toString(), QStringLiteral("B1"));
    QCOMPARE(dock.fromEdit()->minimumDate(), QDate(2025, 7, 1));
    QCOMPARE(dock.fromEdit()->maximumDate(), QDate(2025, 8, 14));
    dock.objectiveBox()->setCurrentIndex(dock.objectiveBox()->findData(QStringLiteral("co2")));
    dock.meterBox()->setCurrentIndex(1);
    const energy::PlanParams p = dock.planParams();
    QCOMPARE(p.from.value_or(""), std::string("2025-08-01"));
    QCOMPARE(p.days, std::int64_t{2});
    QCOMPARE(p.objective, std::string("co2"));
    QVERIFY(!p.demand);
    QVERIFY(!p.demand_forecast && !p.actual_metered);
    dock.demandBox()->setCurrentIndex(dock.demandBox()->findData(QStringLiteral("forecast")));
    const energy::PlanParams pf = dock.planParams();
    QVERIFY(pf.demand_forecast && pf.actual_metered);
    dock.demandBox()->setCurrentIndex(0);
    const energy::EnergyForecastParams f = dock.forecastParams();
    QCOMPARE(f.model.building, std::string("B1"));
    QCOMPARE(f.model.meter, std::string("heating"));
    QCOMPARE(f.origin, std::string("2025-08-01"));
    QCOMPARE(f.horizonDays, std::int64_t{2});
  }

  void planAndForecastFillTheCharts() {
    widgets::EnergyDock dock;
    dock.resize(560, 900);
    prepare(dock, 2);
    QSignalSpy planned(&dock, &widgets::EnergyDock::planReady);
    QSignalSpy forecast(&dock, &widgets::EnergyDock::forecastReady);
    QSignalSpy hour(&dock, &widgets::EnergyDock::hourRequested);
    dock.runPlan();
    QVERIFY(dock.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1 && forecast.count() == 1, 120000);
    QVERIFY2(dock.statusText().isEmpty(), qPrintable(dock.statusText()));
    const energy::PlanRunResult& plan = *dock.plan();
    const int hours = 48;
    QCOMPARE(plan.hours, hours);
    const core::HourKey start = core::hourKeyFromJst(*core::parseDate("2025-08-01"), 0);
    QCOMPARE(plan.start, start);
    QCOMPARE(hour.count(), 1);
    QCOMPARE(hour.at(0).at(0).value<core::HourKey>(), start + 14);

    // Demand per building: the store's meters, stacked (B2 on top of B1).
    auto* demand = dock.chart(Chart::CoolingDemand);
    QCOMPARE(demand->seriesNames(), (QStringList{"B1", "B2"}));
    QCOMPARE(demand->pointCount("B1"), hours);
    QCOMPARE(demand->pointCount("B2"), hours);
    auto project = store::Project::open(m_project, store::OpenMode::ReadOnly);
    const auto b1 = store::readMeter(project, "B1", energy::MeterKind::Cooling, start, start + hours);
    const auto b2 = store::readMeter(project, "B2", energy::MeterKind::Cooling, start, start + hours);
    QVERIFY(b1 && b2);
    const QList<QPointF> top = demand->seriesPoints("B2");
    QCOMPARE(top.size(), hours);
    for (int t = 0; t < hours; ++t) {
      QVERIFY(std::abs(top[t].y() - (b1->values[t] + b2->values[t])) < 1e-6);
      QCOMPARE(top[t].x(), widgets::ChartPanel::timeAxisValue(start + t));
      // The plan's demand is the same sum.
      QVERIFY(std::abs(plan.input.coolingKwh[static_cast<std::size_t>(t)] - top[t].y()) < 1e-6);
    }
    QCOMPARE(dock.chart(Chart::HeatingDemand)->pointCount("B1"), hours);

    // Dispatch stacked by unit: the top of the cooling stack (units + tank discharge) is at
    // least the demand every hour, and the units are the plant's.
    auto* dispatch = dock.chart(Chart::CoolingDispatch);
    for (const char* unit : {"CH-1", "CH-2", "HP"}) QCOMPARE(dispatch->pointCount(unit), hours);
    QCOMPARE(dispatch->pointCount("Demand"), hours);
    const QStringList cooling = dispatch->seriesNames();
    const QString topLayer = cooling.at(cooling.size() - 2);  // the last area before the demand line
    const QList<QPointF> supply = dispatch->seriesPoints(topLayer);
    const auto& d = plan.solution.dispatch;
    for (int t = 0; t < hours; ++t) {
      double made = d.storage[0][static_cast<std::size_t>(t)].dischargeKwh;
      for (const auto& u : d.units)
        if (u[static_cast<std::size_t>(t)].on && u[static_cast<std::size_t>(t)].mode == energy::Carrier::Cooling)
          made += u[static_cast<std::size_t>(t)].outputKw;
      QVERIFY2(std::abs(supply[t].y() - made) < 1e-6, qPrintable(topLayer));
      QVERIFY(made + 1e-3 >= plan.input.coolingKwh[static_cast<std::size_t>(t)] - d.dumpKwh[0][static_cast<std::size_t>(t)]);
    }
    // Heating: only the heat pump makes heat; no chiller on that chart.
    QVERIFY(!dock.chart(Chart::HeatingDispatch)->seriesNames().contains("CH-1"));
    for (const QString& name : dock.chart(Chart::HeatingDispatch)->seriesNames())
      QVERIFY2(!name.startsWith(QLatin1String("TES")), qPrintable(name));  // a chilled-water tank
    QCOMPARE(dock.chart(Chart::HeatingDispatch)->pointCount("HP"), hours);

    // Storage level: the op's levels.
    const QList<QPointF> level = dock.chart(Chart::Storage)->seriesPoints("TES");
    QCOMPARE(level.size(), hours);
    for (int t = 0; t < hours; ++t) QCOMPARE(level[t].y(), d.storage[0][static_cast<std::size_t>(t)].levelKwh);

    // Electricity: the hourly sums are the op's totals, plan and baseline.
    auto* elec = dock.chart(Chart::Electricity);
    double planSum = 0, baseSum = 0;
    for (const QPointF& p : elec->seriesPoints("Optimised plan")) planSum += p.y();
    for (const QPointF& p : elec->seriesPoints("Rule-based baseline")) baseSum += p.y();
    QVERIFY(std::abs(planSum - plan.plan.totals.electricityKwh) < 1e-6);
    QVERIFY(std::abs(baseSum - plan.baseline.totals.electricityKwh) < 1e-6);
    QCOMPARE(dock.chart(Chart::Cop)->pointCount("Optimised plan"), hours);
    // The COP of an hour: heat delivered / electricity of the hour (no fuel here).
    const QList<QPointF> cop = dock.chart(Chart::Cop)->seriesPoints("Optimised plan");
    for (int t = 0; t < hours; ++t) {
      const auto ts = static_cast<std::size_t>(t);
      QVERIFY(std::abs(cop[t].y() - (plan.input.coolingKwh[ts] + plan.input.heatingKwh[ts]) /
                                        plan.plan.totals.electricityByHourKwh[ts]) < 1e-9);
    }

    // Savings: the table and the running total agree with the same operation run through the
    // registry (what `ekimachi-cli energy plan --json` prints).
    ops::Session opSession(m_project);
    core::Feedback fb;
    const ops::Json record = ops::toJson(ops::Registry::global().at("energy-plan").run(
        opSession, {{"plant", m_dir.str("plant.json")}, {"from", "2025-08-01"}, {"days", 2}}, fb));
    const auto& savings = record["summary"]["savings"];
    QTableWidget* table = dock.savingsTable();
    QCOMPARE(table->rowCount(), 5);
    QVERIFY(std::abs(table->item(0, 2)->data(Qt::UserRole).toDouble() - savings["energy_kwh"].get<double>()) < 0.01);
    QVERIFY(std::abs(table->item(0, 3)->data(Qt::UserRole).toDouble() - savings["energy_pct"].get<double>()) < 0.01);
    QVERIFY(std::abs(table->item(1, 2)->data(Qt::UserRole).toDouble() - savings["cost_yen"].get<double>()) < 0.01);
    QVERIFY(std::abs(table->item(2, 2)->data(Qt::UserRole).toDouble() - savings["co2_kg"].get<double>()) < 0.01);
    const QList<QPointF> saved = dock.chart(Chart::Savings)->seriesPoints("Saved");
    QCOMPARE(saved.size(), hours);
    QVERIFY(std::abs(saved.back().y() - (plan.baseline.totals.electricityKwh - plan.plan.totals.electricityKwh)) < 1e-6);
    // The op's hours table carries the COPs the chart shows.
    QVERIFY(std::abs(record["tables"][0]["rows"][10][10].get<double>() - cop[10].y()) < 1e-3);
    QCOMPARE(record["tables"][3]["name"].get<std::string>(), std::string("building_demand"));

    // Forecast vs actual with the bands: the actual is the meter. The title names the building
    // by its id and, when the meter's readings were used, the lag stage's variant.
    auto* fc = dock.chart(Chart::Forecast);
    const energy::EnergyForecastResult& fr = *dock.forecast();
    QVERIFY2(fc->title().contains(QString::fromStdString(fr.fit.building)), qPrintable(fc->title()));
    if (fr.lagged) QVERIFY2(fc->title().contains(QString::fromStdString(fr.lagEngine)), qPrintable(fc->title()));
    QCOMPARE(fc->pointCount("Forecast"), hours);
    QCOMPARE(fc->pointCount("Actual"), hours);
    // One band per interval level of the op's prediction, each over the forecast hours.
    const auto& intervals = dock.forecast()->prediction.intervals;
    QCOMPARE(fc->seriesNames().filter("%").size(), static_cast<qsizetype>(intervals.size()));
    for (const QString& band : fc->seriesNames().filter("%")) QCOMPARE(fc->pointCount(band), hours);
    const QList<QPointF> actual = fc->seriesPoints("Actual");
    for (int t = 0; t < hours; ++t) QCOMPARE(actual[t].y(), b1->values[static_cast<std::size_t>(t)]);
    QCOMPARE(fc->marker().value_or(0), start);

    // The time bar's hour reaches every time chart.
    dock.setHour(start + 20);
    QCOMPARE(dock.chart(Chart::Electricity)->currentHourLineX(), widgets::ChartPanel::timeAxisValue(start + 20));
    QVERIFY(!dock.summaryText().isEmpty());
    if (const QByteArray dir = qgetenv("EKM_SCREENSHOT_DIR"); !dir.isEmpty()) {
      dock.show();
      dock.tabs()->setCurrentIndex(2);
      QTest::qWait(100);
      QVERIFY(dock.grab().save(QString::fromUtf8(dir) + QStringLiteral("/energy_dock.png")));
    }
  }

  void exportWritesValidFiles() {
    widgets::EnergyDock dock;
    prepare(dock, 1);
    QSignalSpy planned(&dock, &widgets::EnergyDock::planReady);
    dock.runPlan();
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1, 120000);
    const QString png = QString::fromStdString(m_dir.str("dispatch.png"));
    const QString svg = QString::fromStdString(m_dir.str("dispatch.svg"));
    const QString pdf = QString::fromStdString(m_dir.str("dispatch.pdf"));
    QVERIFY(dock.exportChart(Chart::CoolingDispatch, png));
    QVERIFY(dock.exportChart(Chart::CoolingDispatch, svg));
    QVERIFY(dock.exportChart(Chart::CoolingDispatch, pdf));
    QImage image(png);
    QCOMPARE(image.size(), QSize(900, 520));  // not shown: the default size
    QVERIFY(hasColours(image));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    // Well-formed XML with an <svg> root, many drawing elements and the chart's title.
    QXmlStreamReader xml(svgText);
    QString root;
    int elements = 0;
    while (!xml.atEnd()) {
      if (xml.readNext() == QXmlStreamReader::StartElement) {
        if (root.isEmpty()) root = xml.name().toString();
        ++elements;
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(elements > 20);
    QVERIFY(svgText.contains("Cooling made by unit"));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdfFile.readAll();
    QVERIFY(pdfBytes.startsWith("%PDF-"));
    QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));
    QVERIFY(pdfBytes.size() > 2000);
    // A size on request; an unknown format is refused with a reason.
    QVERIFY(dock.chart(Chart::Storage)->exportTo(png, QSize(640, 360)));
    QCOMPARE(QImage(png).size(), QSize(640, 360));
    QVERIFY(!dock.exportChart(Chart::Storage, QString::fromStdString(m_dir.str("chart.bmp"))));
    QVERIFY(dock.statusText().contains("bmp"));
  }

  void cancelAndANewerPlanReplaceTheOlder() {
    widgets::EnergyDock dock;
    prepare(dock, 2);
    QSignalSpy planned(&dock, &widgets::EnergyDock::planReady);
    QSignalSpy cancelled(&dock, &widgets::EnergyDock::cancelled);
    dock.runPlan();
    dock.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1 && !dock.isRunning(), 60000);
    QCOMPARE(planned.count(), 0);
    QVERIFY(!dock.plan());
    // Two plans in a row: the first is cancelled by the second, whose result is shown.
    dock.runPlan();
    dock.daysBox()->setValue(1);
    dock.runPlan();
    // The replaced plan may still be inside the solver when the newer one ends: wait for both.
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1 && cancelled.count() == 2 && !dock.isRunning(), 120000);
    QCOMPARE(dock.plan()->hours, 24);
    QVERIFY2(!dock.statusText().contains(QStringLiteral("cancelled")), qPrintable(dock.statusText()));
    QTest::qWait(200);
    QCOMPARE(planned.count(), 1);
    QCOMPARE(cancelled.count(), 2);
  }

  void missingPlantAndShortTrainingAreNamed() {
    widgets::EnergyDock dock;
    prepare(dock, 1);
    QSignalSpy failed(&dock, &widgets::EnergyDock::failed);
    dock.plantEdit()->clear();
    dock.runPlan();
    QCOMPARE(failed.count(), 1);
    QVERIFY(dock.statusText().contains("plant"));
    // Fewer than 14 days before the origin: the forecast's error is shown, the plan still comes.
    QSignalSpy planned(&dock, &widgets::EnergyDock::planReady);
    dock.plantEdit()->setText(QString::fromStdString(m_dir.str("plant.json")));
    dock.fromEdit()->setDate(QDate(2025, 7, 5));
    dock.runPlan();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 2 && planned.count() == 1, 120000);
    QVERIFY2(dock.statusText().contains("14 days"), qPrintable(dock.statusText()));
  }

  void buildingsLayerColoursByDemandAtTheHour() {
    auto project = store::Project::open(m_project, store::OpenMode::ReadOnly);
    const auto map = render::loadEnergyBuildingsMap(project, 6677);
    QVERIFY(map);
    QCOMPARE(map->ids.size(), std::size_t{2});
    const core::HourKey noon = core::hourKeyFromJst(*core::parseDate("2025-08-01"), 12);
    const auto cool = store::readMeter(project, "B2", energy::MeterKind::Cooling, noon, noon + 1);
    const auto heat = store::readMeter(project, "B2", energy::MeterKind::Heating, noon, noon + 1);
    QCOMPARE(map->demandAt(1, noon), cool->values[0] + heat->values[0]);
    QVERIFY(std::isnan(map->demandAt(1, energyFirstHour() - 1)));
    double top = 0;
    for (int b = 0; b < 2; ++b)
      for (core::HourKey h = energyFirstHour(); h < energyFirstHour() + kEnergyDays * 24; ++h) top = std::max(top, map->demandAt(b, h));
    QCOMPARE(map->maxDemand, top);

    render::EnergyBuildingsLayer layer("e", "E", map);
    QVERIFY(layer.dependsOnHour());
    render::MapSettings s;
    s.setExtent(map->extent.scaled(1.2));
    s.setOutputSize(QSize(400, 200));
    s.setHour(noon);
    QImage image;
    core::Feedback fb;
    std::int64_t drawn = 0;
    QVERIFY(render::MapRenderer::renderLayer(layer, s, fb, image, &drawn));
    QCOMPARE(drawn, std::int64_t{2});
    // A pixel inside B1 (off its label, near a corner) has B1's ramp colour.
    const QRectF b1 = map->outlines[0].boundingRect();
    const QPointF inside = s.mapToPixel().toPixel(b1.left() + 0.15 * b1.width(), b1.top() + 0.15 * b1.height());
    const QColor got = image.pixelColor(inside.toPoint());
    const QColor want = layer.colourFor(map->demandAt(0, noon));
    QVERIFY2(std::abs(got.red() - want.red()) < 12 && std::abs(got.green() - want.green()) < 12 &&
                 std::abs(got.blue() - want.blue()) < 12,
             qPrintable(QStringLiteral("%1 vs %2").arg(got.name(), want.name())));
    // Identify names the building and its demand at the hour; the legend has the ramp.
    const auto hit = layer.identify(QPointF(b1.center()), s, fb);
    QVERIFY(hit);
    QVERIFY(hit->title.startsWith("B1"));
    QCOMPARE(hit->value, map->demandAt(0, noon));
    QCOMPARE(layer.legendGroups().front().items.size(), std::size_t{2});
  }

  // A plan on the forecast is re-dispatched on the meters, and the savings table then compares
  // the re-dispatched plan with the baseline on the metered demand.
  void planOnTheForecastShowsSavingsOnTheMeters() {
    widgets::EnergyDock dock;
    prepare(dock, 2);
    dock.demandBox()->setCurrentIndex(dock.demandBox()->findData(QStringLiteral("forecast")));
    QSignalSpy planned(&dock, &widgets::EnergyDock::planReady);
    QSignalSpy forecast(&dock, &widgets::EnergyDock::forecastReady);
    dock.runPlan();
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1 && forecast.count() == 1, 120000);
    const energy::PlanRunResult& plan = *dock.plan();
    QVERIFY(plan.evaluated);
    QCOMPARE(plan.forecasts.size(), std::size_t{4});
    QVERIFY(plan.redispatched.present && plan.baselineActual.present);
    const QTableWidget* table = dock.savingsTable();
    QVERIFY(table->rowCount() > 0);
    const auto& base = plan.baselineActual.totals;
    const auto& re = plan.redispatched.totals;
    QCOMPARE(table->item(0, 0)->data(Qt::UserRole).toDouble(), base.electricityKwh + base.fuelKwh);
    QCOMPARE(table->item(0, 1)->data(Qt::UserRole).toDouble(), re.electricityKwh + re.fuelKwh);
    QVERIFY(dock.summaryText().contains(QStringLiteral("forecast")));
  }

  // The time bar spans every series of the project, the meters too: on a project with meters
  // and no people flow it has a range (it had none), and a plan moves it into the plan's week.
  void timeBarCoversTheMetersAndFollowsAPlan() {
    widgets::MainWindow window;
    window.setPersistLayout(false);
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    QSignalSpy failed(&window, &widgets::MainWindow::projectLoadFailed);
    window.openProject(QString::fromStdString(m_project));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 || failed.count() == 1, 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().at(1).toString()));
    QVERIFY(window.timeBar()->hasRange());
    QCOMPARE(window.timeBar()->first(), energyFirstHour());
    QCOMPARE(window.timeBar()->last(), energyFirstHour() + kEnergyDays * 24 - 1);
    auto* dock = window.findChild<widgets::EnergyDock*>();
    QVERIFY(dock);
    QTRY_VERIFY_WITH_TIMEOUT(dock->buildingBox()->count() == 2, 30000);
    dock->plantEdit()->setText(QString::fromStdString(m_dir.str("plant.json")));
    dock->daysBox()->setValue(1);
    dock->fromEdit()->setDate(QDate(2025, 8, 1));
    QSignalSpy planned(dock, &widgets::EnergyDock::planReady);
    QSignalSpy forecast(dock, &widgets::EnergyDock::forecastReady);
    dock->runPlan();
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1 && forecast.count() == 1, 120000);
    QCOMPARE(window.timeBar()->hour(), core::hourKeyFromJst(*core::parseDate("2025-08-01"), 14));
  }

  void mainWindowWithAPlanOnTheSample() {
    const QByteArray project = qgetenv("EKM_ENERGY_PROJECT");
    const QByteArray shots = qgetenv("EKM_MAIN_SCREENSHOT_DIR");
    if (project.isEmpty() || shots.isEmpty()) QSKIP("EKM_ENERGY_PROJECT and EKM_MAIN_SCREENSHOT_DIR not set");
    widgets::MainWindow window;
    window.setPersistLayout(false);
    {
      const QByteArray f = qgetenv("EKM_ENERGY_FROM");
      window.setInitialHour(core::hourKeyFromJst(*core::parseDate(f.isEmpty() ? "2025-08-12" : f.constData()), 14));
    }
    window.resize(1600, 1000);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    window.openProject(QString::fromLocal8Bit(project));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 120000);
    auto* dock = window.findChild<widgets::EnergyDock*>();
    QVERIFY(dock);
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {700}, Qt::Horizontal);
    window.resizeDocks({dock}, {820}, Qt::Vertical);  // the legend above keeps its own few lines
    QTRY_VERIFY_WITH_TIMEOUT(dock->buildingBox()->count() > 0, 60000);
    if (dock->plantEdit()->text().isEmpty())
      dock->plantEdit()->setText(QStringLiteral(EKM_SAMPLE_DIR "/takanawa/plant.json"));
    // A summer week by default, so the cooling charts have something to show (the project must
    // cover it without a meter gap: a sample made with --from 2025-05-01 --to 2025-08-31);
    // EKM_ENERGY_FROM another.
    const QByteArray fromText = qgetenv("EKM_ENERGY_FROM");
    const QDate from = fromText.isEmpty() ? QDate(2025, 8, 11) : QDate::fromString(QString::fromLatin1(fromText), Qt::ISODate);
    QVERIFY(from.isValid());
    dock->fromEdit()->setDate(from);
    dock->daysBox()->setValue(7);
    QSignalSpy planned(dock, &widgets::EnergyDock::planReady);
    QSignalSpy forecast(dock, &widgets::EnergyDock::forecastReady);
    QSignalSpy shown(dock, &widgets::EnergyDock::layersShown);
    dock->runPlan();
    QTRY_VERIFY_WITH_TIMEOUT(planned.count() == 1 && forecast.count() == 1, 900000);
    dock->showOnMap();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 60000);
    const auto layer =
        std::dynamic_pointer_cast<const render::EnergyBuildingsLayer>(window.layersPanel()->layer("energy-buildings"));
    QVERIFY(layer);
    window.canvas()->zoomToExtent(layer->extent().scaled(4.0));
    QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 60000);
    QTest::qWait(300);
    const QDir dir(QString::fromLocal8Bit(shots));
    const char* names[] = {"demand", "forecast", "dispatch", "storage", "electricity", "savings"};
    for (int tab = 0; tab < dock->tabs()->count(); ++tab) {
      dock->tabs()->setCurrentIndex(tab);
      QTest::qWait(200);
      QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 60000);
      QVERIFY(window.grab().save(dir.filePath(QStringLiteral("main-window-energy-%1.png").arg(names[tab]))));
    }
  }
};

QTEST_MAIN(TestEnergyDock)
#include "test_energy_dock.moc"
