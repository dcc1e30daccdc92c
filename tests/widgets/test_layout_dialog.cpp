// QtTest (offscreen): File > Export Map… (LayoutDialog) and File > Briefing Pack… / Export
// Results… (OperationDialog) on a small sample project.
//  - The preview is drawn off the GUI thread and follows the layout: A4 landscape first, then
//    A3 portrait (its aspect ratio), and a new title changes its pixels.
//  - A template saved from the dialog is in the project: `ekimachi-cli export-map --template`
//    draws with it (paper, title), and applying it in a dialog puts its layout back.
//  - Export writes the PDF (through the export-map operation); the export operation's dialog
//    writes a GeoJSON file; a bad scenario name in the briefing dialog is reported at its field.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "ekm/core/time.h"
#include "main/layout_dialog.h"
#include "main/main_window.h"
#include "main/operation_dialog.h"
#include "map/map_canvas.h"
#include "ops/params_form.h"
#include "support/qt_cli.h"

using namespace ekm;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

double aspect(const QImage& image) { return image.height() > 0 ? double(image.width()) / image.height() : 0; }

}  // namespace

class TestLayoutDialog : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;
  std::unique_ptr<widgets::MainWindow> m_window;

  // Waits for the next preview after `count` previews; false on a failure or timeout.
  static bool waitPreview(widgets::LayoutDialog& dialog, int count) {
    QSignalSpy failed(&dialog, &widgets::LayoutDialog::previewFailed);
    const bool drawn = QTest::qWaitFor([&] { return dialog.previewCount() > count || failed.count() > 0; }, 60000);
    return drawn && failed.count() == 0;
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    QString out;
    QCOMPARE(ekm_test::cli({QStringLiteral("sample"), QStringLiteral("--out"), m_dir.path(), QStringLiteral("--from"),
                  QStringLiteral("2025-03-27"), QStringLiteral("--to"), QStringLiteral("2025-03-27"),
                  QStringLiteral("--radius"), QStringLiteral("300"), QStringLiteral("--quiet")},
                 &out),
             0);
    m_project = m_dir.filePath(QStringLiteral("sample.gpkg"));
    QVERIFY2(QFile::exists(m_project), qPrintable(out));
    m_window = std::make_unique<widgets::MainWindow>();
    m_window->setPersistLayout(false);
    m_window->setInitialHour(core::parseIsoDateTimeToHourKey("2025-03-27T12:00"));
    m_window->resize(1000, 700);
    m_window->show();
    QSignalSpy loaded(m_window.get(), &widgets::MainWindow::projectLoaded);
    m_window->openProject(m_project);
    QVERIFY(QTest::qWaitFor([&] { return loaded.count() > 0 && !m_window->canvas()->isRendering(); }, 60000));
  }

  void cleanupTestCase() { m_window.reset(); }

  void previewFollowsTheLayout() {
    widgets::LayoutDialog* dialog = m_window->showLayoutDialog();
    QVERIFY(dialog);
    QVERIFY(waitPreview(*dialog, 0));
    // A4 landscape: 297 x 210 mm.
    QVERIFY2(std::abs(aspect(dialog->previewImage()) - 297.0 / 210.0) < 0.01, qPrintable(QString::number(aspect(dialog->previewImage()))));
    QVERIFY(!dialog->previewLabel()->pixmap().isNull());
    const QImage first = dialog->previewImage();
    // A picture of the dialog for people to look at (run under Xvfb with QT_QPA_PLATFORM=xcb:
    // the X screen as it shows the dialog).
    if (const QString shot = qEnvironmentVariable("EKM_LAYOUT_SCREENSHOT"); !shot.isEmpty()) {
      dialog->raise();
      dialog->activateWindow();
      QTest::qWait(500);
      QScreen* screen = dialog->screen();
      const QPixmap picture = QGuiApplication::platformName() == QLatin1String("xcb") ? screen->grabWindow(0) : dialog->grab();
      QVERIFY(picture.save(shot));
    }

    render::MapExportRequest r = dialog->request();
    QCOMPARE(r.paper, std::string("A4"));
    r.paper = "A3-portrait";
    const int n = dialog->previewCount();
    dialog->setRequest(r);
    QVERIFY(waitPreview(*dialog, n));
    QVERIFY(std::abs(aspect(dialog->previewImage()) - 297.0 / 420.0) < 0.01);
    QCOMPARE(dialog->request().paper, std::string("A3-portrait"));

    // Back to A4 landscape with another title: same size as the first preview, other pixels.
    r.paper = "A4";
    r.title = "説明会 Briefing map";
    const int m = dialog->previewCount();
    dialog->setRequest(r);
    QVERIFY(waitPreview(*dialog, m));
    QCOMPARE(dialog->previewImage().size(), first.size());
    QVERIFY(dialog->previewImage() != first);
    dialog->close();
  }

  void templateRoundTripThroughTheProject() {
    widgets::LayoutDialog* dialog = m_window->showLayoutDialog();
    QVERIFY(dialog);
    render::MapExportRequest r = dialog->request();
    r.paper = "A3-portrait";
    r.dpi = 72;
    r.language = "ja";
    r.title = "高輪ゲートウェイ 人口";
    r.subtitle = "テンプレート";
    r.layers = {"mesh_population", "stations"};
    r.extent.reset();  // the whole district
    dialog->setRequest(r);
    QSignalSpy changed(dialog, &widgets::LayoutDialog::templatesChanged);
    dialog->saveTemplate(QStringLiteral("briefing-a3"));
    QVERIFY(QTest::qWaitFor([&] { return dialog->templateNames().contains(QStringLiteral("briefing-a3")); }, 20000));
    dialog->close();

    // The CLI draws with it.
    const QString svg = m_dir.filePath(QStringLiteral("tpl.svg")), info = m_dir.filePath(QStringLiteral("tpl.json"));
    QString out;
    QCOMPARE(ekm_test::cli({QStringLiteral("export-map"), QStringLiteral("--quiet"), QStringLiteral("--project"), m_project,
                  QStringLiteral("--at"), QStringLiteral("2025-03-27T09:00"), QStringLiteral("--template"),
                  QStringLiteral("briefing-a3"), QStringLiteral("--out"), svg, QStringLiteral("--info-json"), info},
                 &out),
             0);
    const QJsonObject drawn = QJsonDocument::fromJson(readAll(info)).object();
    QCOMPARE(drawn.value(QStringLiteral("width")).toInt(), 842);  // A3 portrait at 72 dpi: 297 x 420 mm
    QCOMPARE(drawn.value(QStringLiteral("height")).toInt(), 1191);
    QCOMPARE(drawn.value(QStringLiteral("title")).toString(), QStringLiteral("高輪ゲートウェイ 人口"));
    // The dialog's template keeps its format (PDF), but tpl.svg is an SVG, its subtitle text.
    QVERIFY(readAll(svg).startsWith("<?xml"));
    QVERIFY(QString::fromUtf8(readAll(svg)).contains(QStringLiteral(">テンプレート</text>")));

    // A new dialog lists it and applying it puts the layout back.
    widgets::LayoutDialog* again = m_window->showLayoutDialog();
    QVERIFY(again);
    QVERIFY(QTest::qWaitFor([&] { return again->templateNames().contains(QStringLiteral("briefing-a3")); }, 20000));
    QCOMPARE(again->request().paper, std::string("A4"));
    QSignalSpy applied(again, &widgets::LayoutDialog::templateApplied);
    again->applyTemplate(QStringLiteral("briefing-a3"));
    QVERIFY(applied.wait(20000));
    const render::MapExportRequest back = again->request();
    QCOMPARE(back.paper, std::string("A3-portrait"));
    QCOMPARE(back.language, std::string("ja"));
    QCOMPARE(back.title, r.title);
    QCOMPARE(back.subtitle, r.subtitle);
    QCOMPARE(back.layers, r.layers);
    QVERIFY(!back.extent);
    again->close();
  }

  void exportWritesTheFile() {
    widgets::LayoutDialog* dialog = m_window->showLayoutDialog();
    QVERIFY(dialog);
    const QString pdf = m_dir.filePath(QStringLiteral("layout.pdf"));
    dialog->setOutputPath(pdf);
    QSignalSpy exported(dialog, &widgets::LayoutDialog::exported);
    dialog->exportNow();
    QVERIFY(exported.wait(120000));
    QVERIFY2(exported.front().at(1).toBool(), qPrintable(exported.front().at(2).toString()));
    QVERIFY(readAll(pdf).startsWith("%PDF"));
    dialog->close();
  }

  void exportResultsDialogWritesTheLayer() {
    widgets::OperationDialog* dialog = m_window->showOperationDialog(QStringLiteral("export"));
    QVERIFY(dialog);
    const QString geojson = m_dir.filePath(QStringLiteral("stations.geojson"));
    dialog->form()->setParams({{"layer", "stations"}, {"out", geojson.toStdString()}});
    QSignalSpy finished(dialog, &widgets::OperationDialog::operationFinished);
    dialog->start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
    QVERIFY(readAll(geojson).contains("FeatureCollection"));
    QCOMPARE(dialog->outputs(), QStringList{geojson});
    dialog->close();
  }

  void briefingDialogReportsABadRun() {
    widgets::OperationDialog* dialog = m_window->showOperationDialog(QStringLiteral("briefing"));
    QVERIFY(dialog);
    const QString pack = m_dir.filePath(QStringLiteral("pack.pdf"));
    dialog->form()->setParams({{"scenario", "no-such-run"}, {"out", pack.toStdString()}});
    QSignalSpy finished(dialog, &widgets::OperationDialog::operationFinished);
    dialog->start();
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.front().at(0).toBool());
    QVERIFY(finished.front().at(1).toString().contains(QStringLiteral("no-such-run")));
    QVERIFY(!QFile::exists(pack));
    dialog->close();
  }
};

QTEST_MAIN(TestLayoutDialog)
#include "test_layout_dialog.moc"
