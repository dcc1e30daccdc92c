// QtTest for the widgets (offscreen): the time bar, the canvas's background jobs (a newer
// request cancels the older one), the main window on a tiny project made with the store
// and the importer, and the legend's columns and legible height.
#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>
#include <QTranslator>
#include <QtTest/QtTest>
#include <atomic>
#include <cmath>
#include <fstream>

#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "legend/legend_widget.h"
#include "main/main_window.h"
#include "map/map_canvas.h"
#include "render/mesh_population_layer.h"
#include "time/time_bar.h"

using namespace ekm;

namespace {

// Values that block inside the job for one hour until it is cancelled.
class GateValues : public render::MeshValueSource {
 public:
  GateValues(std::shared_ptr<const render::MeshValueSource> inner, core::HourKey blocked)
      : m_inner(std::move(inner)), m_blocked(blocked) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& fb) const override {
    if (hour == m_blocked) {
      started = true;
      for (int i = 0; i < 20000 && !fb.isCancelled(); ++i) QThread::msleep(1);
      sawCancel = fb.isCancelled();
    }
    return m_inner->valuesAt(hour, fb);
  }
  mutable std::atomic<bool> started{false};
  mutable std::atomic<bool> sawCancel{false};

 private:
  std::shared_ptr<const render::MeshValueSource> m_inner;
  core::HourKey m_blocked;
};

QColor colourAtMap(const widgets::MapCanvas& canvas, double x, double y) {
  const QImage& img = canvas.renderedImage();
  const QPointF px = canvas.renderedSettings().mapToPixel().toPixel(x, y);
  return img.pixelColor(px.toPoint());
}

}  // namespace

class TestWidgets : public QObject {
  Q_OBJECT

 private slots:
  void timeBarDescribesHoursWithHolidays() {
    // 2025-03-20 is Vernal Equinox Day (a Thursday).
    const core::HourKey equinoxNoon = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 3 / 20}, 12);
    const QString en = widgets::TimeBar::describeHour(equinoxNoon, false);
    QCOMPARE(en, QStringLiteral("2025-03-20 (Thu) 12:00 JST · Vernal Equinox Day"));
    QVERIFY(widgets::TimeBar::describeHour(equinoxNoon, true).endsWith(QStringLiteral("春分の日")));
    const QString plain = widgets::TimeBar::describeHour(equinoxNoon + 24 * 2 - 12, false);  // Sat 00:00
    QCOMPARE(plain, QStringLiteral("2025-03-22 (Sat) 00:00 JST"));

    widgets::TimeBar bar;
    QSignalSpy spy(&bar, &widgets::TimeBar::hourChanged);
    bar.setRange(equinoxNoon - 12, equinoxNoon + 100);
    QCOMPARE(bar.hour(), equinoxNoon - 12);
    auto* slider = bar.findChild<QSlider*>();
    QVERIFY(slider);
    slider->setValue(12);  // moving the slider changes the hour
    QCOMPARE(bar.hour(), equinoxNoon);
    QCOMPARE(spy.last().at(0).value<core::HourKey>(), equinoxNoon);
    bar.stepHours(1000);  // clamped to the range
    QCOMPARE(bar.hour(), equinoxNoon + 100);
    QCOMPARE(slider->value(), 112);
  }

  void newerRequestCancelsTheRunningJob() {
    auto g = std::make_shared<render::MeshGeometry>();
    QPolygonF poly;
    poly << QPointF(0, 0) << QPointF(100, 0) << QPointF(100, 100) << QPointF(0, 100);
    g->add(1, "a", poly);
    auto inner = std::make_shared<render::InMemoryMeshValues>(1);
    inner->setValues(1, {5});
    inner->setValues(2, {25});
    inner->setValues(3, {15});
    auto gate = std::make_shared<GateValues>(inner, 2);
    render::GraduatedStyle style;
    style.breaks = render::ClassBreaks({0, 10, 20, 30});
    style.opacity = 1;
    widgets::MapCanvas canvas;
    canvas.resize(200, 200);
    canvas.setLayers({std::make_shared<render::MeshPopulationLayer>("m", "M", g, gate, style)});
    canvas.setHour(1);
    canvas.setExtent({0, 0, 100, 100});
    canvas.show();
    QSignalSpy rendered(&canvas, &widgets::MapCanvas::mapRendered);
    QTRY_COMPARE_WITH_TIMEOUT(rendered.count(), 1, 20000);
    QCOMPARE(canvas.renderedSettings().hour(), core::HourKey(1));
    QCOMPARE(colourAtMap(canvas, 50, 50), style.classColour(0));

    canvas.setHour(2);  // blocks in the worker until cancelled
    QTRY_VERIFY_WITH_TIMEOUT(gate->started.load(), 20000);
    QVERIFY(canvas.isRendering());
    canvas.setHour(3);  // must cancel the blocked job without waiting for it
    QTRY_VERIFY_WITH_TIMEOUT(gate->sawCancel.load(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(rendered.count(), 2, 20000);
    QCOMPARE(canvas.renderedSettings().hour(), core::HourKey(3));
    QCOMPARE(colourAtMap(canvas, 50, 50), style.classColour(1));
    QVERIFY(canvas.jobsCancelled() >= 1);
    QTest::qWait(100);
    QCOMPARE(rendered.count(), 2);  // the cancelled job never delivered an image
  }

  void mainWindowShowsATinyProjectAndFollowsTheSlider() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string projectPath = dir.filePath(QStringLiteral("tiny.gpkg")).toStdString();
    const std::string csvPath = dir.filePath(QStringLiteral("pop.csv")).toStdString();
    // Four 1/8 cells around Takanawa Gateway, two hours; cell 0 changes from low to high,
    // cell 3 is suppressed ('*') at the second hour.
    std::vector<std::string> codes;
    for (int i = 0; i < 4; ++i)
      codes.push_back(mesh::encode(35.6354 + 0.0012 * (i / 2), 139.7406 + 0.0017 * (i % 2), mesh::MeshLevel::Eighth));
    {
      std::ofstream csv(csvPath);
      csv << "mesh_code,date,hour,population\n";
      const double h10[] = {10, 200, 400, 800}, h11[] = {900, 200, 400, -1};
      for (int i = 0; i < 4; ++i) csv << codes[i] << ",2025-03-27,10," << h10[i] << "\n";
      for (int i = 0; i < 4; ++i) {
        csv << codes[i] << ",2025-03-27,11,";
        if (h11[i] < 0) csv << "*"; else csv << h11[i];
        csv << "\n";
      }
    }
    {
      store::Project project = store::Project::create(projectPath);
      io::importFile(project, io::ImportKind::MeshPopulation, csvPath, {}, core::nullFeedback());
    }
    const core::HourKey h10 = core::hourKeyFromJst(std::chrono::year_month_day{std::chrono::year(2025) / 3 / 27}, 10);

    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.setInitialHour(h10);
    window.resize(900, 700);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    QSignalSpy first(&window, &widgets::MainWindow::firstMapRendered);
    window.openProject(QString::fromStdString(projectPath));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(first.count(), 1, 20000);
    QCOMPARE(window.timeBar()->first(), h10);
    QCOMPARE(window.timeBar()->last(), h10 + 1);
    QCOMPARE(window.timeBar()->hour(), h10);
    QVERIFY(window.timeBar()->currentText().startsWith(QStringLiteral("2025-03-27 (Thu) 10:00 JST")));
    QVERIFY(!window.legend()->groups().empty());

    auto* canvas = window.canvas();
    const auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(canvas->layers().front());
    QVERIFY(mesh);
    const auto& geom = *mesh->geometry();
    auto centreOfCode = [&](const std::string& code) {
      for (std::size_t i = 0; i < geom.size(); ++i)
        if (geom.codes[i] == code) return geom.bounds[i].centre();
      return QPointF();
    };
    // The canvas shows the layer blended at the style's opacity over the background.
    auto expected = [&](double value) {
      const QColor c = mesh->style().colourFor(value), bg = canvas->mapSettings().backgroundColour();
      const double a = mesh->opacity();
      return QColor::fromRgbF(a * c.redF() + (1 - a) * bg.redF(), a * c.greenF() + (1 - a) * bg.greenF(),
                              a * c.blueF() + (1 - a) * bg.blueF());
    };
    auto close = [](QColor a, QColor b) {
      return std::abs(a.red() - b.red()) <= 2 && std::abs(a.green() - b.green()) <= 2 && std::abs(a.blue() - b.blue()) <= 2;
    };
    const QPointF c0 = centreOfCode(codes[0]);
    const QColor before = colourAtMap(*canvas, c0.x(), c0.y());
    QVERIFY2(close(before, expected(10)), qPrintable(before.name() + " vs " + expected(10).name()));

    // The cursor over a cell's centre reports that cell's centre in lon/lat (the mesh code's
    // own bounds, through PROJ to the display CRS and back).
    {
      QSignalSpy moved(canvas, &widgets::MapCanvas::cursorMoved);
      render::MapSettings s = canvas->mapSettings();
      s.setOutputSize(canvas->size());
      const QPointF px = s.mapToPixel().toPixel(c0.x(), c0.y());
      QMouseEvent move(QEvent::MouseMove, px, canvas->mapToGlobal(px), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
      QApplication::sendEvent(canvas, &move);
      QCOMPARE(moved.count(), 1);
      const mesh::MeshCell cell = mesh::decode(codes[0]);
      const double mupp = s.mapUnitsPerPixel();
      // Within one pixel (in degrees: mupp metres / ~91 km per degree of longitude here).
      QVERIFY(std::abs(moved.at(0).at(1).toDouble() - cell.centerLon()) < 1.5 * mupp / 90000);
      QVERIFY(std::abs(moved.at(0).at(2).toDouble() - cell.centerLat()) < 1.5 * mupp / 110000);
    }

    QSignalSpy rendered(canvas, &widgets::MapCanvas::mapRendered);
    window.timeBar()->findChild<QSlider*>()->setValue(1);  // the user moves the slider one hour on
    QTRY_VERIFY_WITH_TIMEOUT(rendered.count() >= 1 && !canvas->isRendering(), 20000);
    QCOMPARE(canvas->renderedSettings().hour(), h10 + 1);
    const QColor after = colourAtMap(*canvas, c0.x(), c0.y());
    QVERIFY2(close(after, expected(900)), qPrintable(after.name() + " vs " + expected(900).name()));
    QVERIFY(before != after);
  }

  // The legend flows its groups into columns when the dock is wide, and its view asks for a
  // legible height (the whole legend when short, else about 10 rows; the rest scrolls).
  void legendFlowsIntoColumnsAndKeepsALegibleHeight() {
    std::vector<render::LegendGroup> groups;
    for (int g = 0; g < 4; ++g) {
      render::LegendGroup group{QStringLiteral("Layer %1").arg(g), {}};
      for (int i = 0; i < 5; ++i) {
        render::LegendItem item;
        item.label = QStringLiteral("%1 – %2").arg(i * 100).arg(i * 100 + 100);
        item.colour = QColor::fromHsv(60 * i, 200, 200);
        group.items.push_back(item);
      }
      groups.push_back(group);
    }
    widgets::LegendWidget legend;
    legend.setGroups(groups);
    const QSize one = legend.sizeHint();  // one column: all four groups stacked
    using Columns = std::vector<std::vector<std::size_t>>;
    QCOMPARE(legend.columnsAt(one.width()), (Columns{{0, 1, 2, 3}}));
    QVERIFY(std::abs(legend.heightForWidth(one.width()) - one.height()) <= 1);
    // Twice as wide: two columns of two groups (in order), half as tall; four times: four.
    QCOMPARE(legend.columnsAt(2 * one.width()), (Columns{{0, 1}, {2, 3}}));
    QVERIFY(std::abs(2 * legend.heightForWidth(2 * one.width()) - one.height()) <= 20);
    QCOMPARE(legend.columnsAt(4 * one.width()), (Columns{{0}, {1}, {2}, {3}}));
    QVERIFY(legend.heightForWidth(4 * one.width()) < legend.heightForWidth(2 * one.width()));
    // Narrower than one group: still one column.
    QCOMPARE(legend.columnsAt(one.width() / 2).size(), std::size_t{1});

    widgets::LegendView view;
    view.resize(one.width(), 100);
    view.legend()->setGroups({groups[0]});  // short: all of it
    QCOMPARE(view.minimumSizeHint().height(), view.legend()->heightForWidth(view.viewport()->width()));
    QVERIFY(view.minimumSizeHint().height() < view.legibleHeight());
    std::vector<render::LegendGroup> many;
    for (int k = 0; k < 3; ++k) many.insert(many.end(), groups.begin(), groups.end());
    view.legend()->setGroups(many);  // long: 10 rows or so, the rest scrolls
    QCOMPARE(view.minimumSizeHint().height(), view.legibleHeight());
    QVERIFY(view.legibleHeight() >= 10 * QFontMetrics(view.legend()->font()).height());
    QCOMPARE(view.sizeHint().height(), view.legibleHeight());
    QVERIFY(view.legend()->heightForWidth(view.viewport()->width()) > view.legibleHeight());  // scrolls
  }

  void japaneseTranslationIsEmbedded() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/ekimachi_ja.qm")));
    QCOMPARE(translator.translate("ekm::widgets::MainWindow", "&File"), QStringLiteral("ファイル(&F)"));
    QCOMPARE(translator.translate("ekm::widgets::TimeBar", "Thu"), QStringLiteral("木"));
    QCOMPARE(translator.translate("ekm::render::Legend", "No data (suppressed or missing)"),
             QStringLiteral("データなし（秘匿または欠測）"));
  }
};

QTEST_MAIN(TestWidgets)
#include "test_widgets.moc"
