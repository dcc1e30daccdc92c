// QtTest (offscreen): the main window on the sample district (made once with
// `ekimachi-cli sample`): the full layer stack with its default visibility, class breaks
// re-computed in the style dialog from the period's sample, the heatmap radius, zoom to the
// identified feature, an offline raster basemap added and removed, the display CRS switch
// keeping the view, the dock layout saved and restored, and the UI language choice.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QDockWidget>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <algorithm>
#include <cmath>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/geo/transformer.h"
#include "ekm/store/project_copy.h"
#include "ekm/store/schema_version.h"
#include "layers/layers_panel.h"
#include "layers/style_dialog.h"
#include "inspect/inspector_panel.h"
#include "main/main_window.h"
#include "main/ui_language.h"
#include "map/map_canvas.h"
#include "mobility/mobility_dock.h"
#include "mobility/ridership_panel.h"
#include "render/heatmap_layer.h"
#include "render/mesh_population_layer.h"
#include "support/cli_runner.h"
#include "support/pg_server.h"
#include "support/project_sql.h"
#include "time/time_bar.h"

using namespace ekm;

namespace {

bool waitLoaded(widgets::MainWindow& window, QSignalSpy& loaded, int count) {
  return QTest::qWaitFor([&] { return loaded.count() >= count && !window.canvas()->isRendering(); }, 60000);
}

// Shows `window` (its dock layout not persisted) and opens `project` in it.
bool showWithProject(widgets::MainWindow& window, const QString& project) {
  window.setPersistLayout(false);
  window.resize(1000, 700);
  window.show();
  QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
  window.openProject(project);
  return waitLoaded(window, loaded, 1);
}

// A GeoTIFF in EPSG:4326 over the sample district (35.62..35.65 N, 139.72..139.76 E), grey.
QString writeBasemapTiff(const QString& path) {
  GDALAllRegister();
  GDALDataset* ds =
      GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.toUtf8().constData(), 400, 300, 3, GDT_Byte, nullptr);
  double gt[6] = {139.72, 0.04 / 400, 0, 35.65, 0, -0.03 / 300};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  ds->SetSpatialRef(&srs);
  std::vector<std::uint8_t> v(400 * 300, 200);
  for (int b = 1; b <= 3; ++b)
    if (ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, 400, 300, v.data(), 400, 300, GDT_Byte, 0, 0) != CE_None) return {};
  GDALClose(ds);
  return path;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    // Settings of this test only (the layout and raster basemap are kept in QSettings).
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    const auto sample =
        ekm_test::cliArgs({"sample", "--out", QFile::encodeName(m_dir.path()).toStdString(), "--seed", "1"});
    QVERIFY2(sample.exitCode == 0, sample.err.c_str());
    m_project = m_dir.filePath(QStringLiteral("sample.gpkg"));
    QVERIFY(QFile::exists(m_project));
  }

  void fullLayerStackWithDefaultVisibility() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    widgets::LayersPanel* panel = window.layersPanel();
    QStringList ids;
    for (const auto& l : panel->allLayers()) ids << l->id();
    const QStringList expected{"basemap",           "mesh_population",   "population_heatmap", "ridership_heatmap",
                               "road_segments",     "pedestrian_counts", "vehicle_counts",     "rail",
                               "stations"};
    QCOMPARE(ids, expected);
    for (const char* hidden : {"population_heatmap", "ridership_heatmap", "road_segments", "vehicle_counts"})
      QVERIFY2(!panel->isLayerVisible(QString::fromLatin1(hidden)), hidden);
    for (const char* shown : {"basemap", "mesh_population", "pedestrian_counts", "rail", "stations"})
      QVERIFY2(panel->isLayerVisible(QString::fromLatin1(shown)), shown);
    QCOMPARE(window.canvas()->layers().size(), std::size_t(5));
    // The legend has a group for each visible layer that describes itself.
    QVERIFY(window.legend() != nullptr);

    // Showing the heatmap puts it on the canvas.
    panel->setLayerVisible(QStringLiteral("population_heatmap"), true);
    bool onCanvas = false;
    for (const auto& l : window.canvas()->layers()) onCanvas = onCanvas || l->id() == QLatin1String("population_heatmap");
    QVERIFY(onCanvas);
  }

  void styleDialogClassifiesThePeriodSampleAndSetsTheHeatmapRadius() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    widgets::LayersPanel* panel = window.layersPanel();
    const auto& sample = window.project()->meshSampleValues;
    QVERIFY(sample.size() > 1000);

    widgets::StyleDialog* dialog = panel->openStyleDialog(QStringLiteral("mesh_population"));
    QVERIFY(dialog && dialog->isGraduated());
    dialog->setMethod(render::ClassificationMethod::NaturalBreaks);
    dialog->setClassCount(5);
    QVERIFY2(dialog->isValid(), qPrintable(dialog->errorText()));
    dialog->accept();
    const auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(panel->layer("mesh_population"));
    QVERIFY(mesh);
    const render::ClassBreaks expected =
        render::ClassBreaks::compute(sample, 5, render::ClassificationMethod::NaturalBreaks);
    QCOMPARE(mesh->style().breaks.edges(), expected.edges());

    widgets::StyleDialog* heat = panel->openStyleDialog(QStringLiteral("population_heatmap"));
    QVERIFY(heat && heat->isHeatmap());
    heat->setHeatmapRadius(400);
    heat->accept();
    const auto layer = std::dynamic_pointer_cast<const render::HeatmapLayer>(panel->layer("population_heatmap"));
    QVERIFY(layer);
    QCOMPARE(layer->style().radiusM, 400.0);
  }

  void zoomToSelectionShowsTheIdentifiedCell() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    // Only the population layer, so a click identifies a cell.
    for (const auto& l : window.layersPanel()->allLayers())
      window.layersPanel()->setLayerVisible(l->id(), l->id() == QLatin1String("mesh_population"));
    const auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(window.canvas()->layers().front());
    QVERIFY(mesh);
    const render::Extent cell = mesh->geometry()->bounds[mesh->geometry()->size() / 2];
    render::MapSettings s = window.canvas()->mapSettings();
    s.setOutputSize(window.canvas()->size());
    const QPointF px = s.mapToPixel().toPixel(cell.centre().x(), cell.centre().y());
    QTest::mouseClick(window.canvas(), Qt::LeftButton, Qt::NoModifier, px.toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(window.selectionExtent().xMax >= window.selectionExtent().xMin, 20000);
    QCOMPARE(window.selectionExtent(), cell);
    window.zoomToSelection();
    const render::Extent view = window.canvas()->visibleExtent();
    QVERIFY(view.contains(cell.centre().x(), cell.centre().y()));
    QVERIFY2(view.width() < 1000, qPrintable(QString::number(view.width())));  // a neighbourhood, not the district
  }

  // The population heatmap over the sample, then a click on the busiest cell of the hour:
  // the Inspector opens with that cell's attributes and its series chart. With
  // EKM_MAIN_SCREENSHOT_DIR set, both states are saved as PNGs (run under Xvfb with
  // QT_QPA_PLATFORM=xcb for the screenshots of the docs).
  void heatmapAndInspectedCellOnTheSampleMap() {
    widgets::MainWindow window;
    window.setInitialHour(core::parseIsoDateTimeToHourKey("2025-03-27T12:00"));
    QVERIFY(showWithProject(window, m_project));
    window.resize(1500, 950);
    widgets::LayersPanel* panel = window.layersPanel();
    panel->setLayerVisible(QStringLiteral("population_heatmap"), true);
    panel->setLayerVisible(QStringLiteral("pedestrian_counts"), false);
    QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 20000);
    QTest::qWait(200);
    const QByteArray shots = qgetenv("EKM_MAIN_SCREENSHOT_DIR");
    if (!shots.isEmpty()) window.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath("main-window-heatmap.png"));

    // The busiest cell at the hour, found from the layer's own values.
    const auto mesh = std::dynamic_pointer_cast<const render::MeshPopulationLayer>(panel->layer("mesh_population"));
    QVERIFY(mesh);
    core::Feedback fb;
    const render::MapSettings settings = window.canvas()->mapSettings();
    const auto values = mesh->values()->valuesAt(settings.hour(), fb);
    QVERIFY(values && !values->empty());
    std::size_t busiest = 0;
    for (std::size_t i = 0; i < values->size(); ++i)
      if (!std::isnan((*values)[i]) && !((*values)[i] <= (*values)[busiest])) busiest = i;
    const render::Extent cell = mesh->geometry()->bounds[busiest];
    render::MapSettings s = settings;
    s.setOutputSize(window.canvas()->size());
    QVERIFY(s.visibleExtent().contains(cell.centre().x(), cell.centre().y()));
    // Only the population layer answers the click (stations and heatmap would too).
    for (const char* id : {"stations", "population_heatmap", "rail", "basemap"})
      panel->setLayerVisible(QString::fromLatin1(id), false);
    QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 20000);
    // Map the cell to pixels with the canvas as it is now: under load a dock shown by an
    // earlier test may resize the canvas after `settings` was taken.
    QCoreApplication::processEvents();
    s = window.canvas()->mapSettings();
    s.setOutputSize(window.canvas()->size());
    QVERIFY(s.visibleExtent().contains(cell.centre().x(), cell.centre().y()));
    QSignalSpy seriesLoaded(window.inspector(), &widgets::InspectorPanel::seriesLoaded);
    const QPointF px = s.mapToPixel().toPixel(cell.centre().x(), cell.centre().y());
    QTest::mouseClick(window.canvas(), Qt::LeftButton, Qt::NoModifier, px.toPoint());
    QTRY_VERIFY_WITH_TIMEOUT(seriesLoaded.count() >= 1, 30000);
    QVERIFY(seriesLoaded.front().at(0).toBool());
    QVERIFY(window.inspectorDock()->isVisible());
    QVERIFY(window.inspector()->feature().has_value());
    QCOMPARE(window.inspector()->feature()->layerId, QStringLiteral("mesh_population"));
    QVERIFY(!window.inspector()->loadedSeries().empty());
    // The cell is outlined on the canvas: the highlight colour on its left edge.
    QCOMPARE(window.canvas()->highlight(), cell);
    {
      QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 20000);  // the Inspector narrowed the canvas
      const QImage shown = window.canvas()->grab().toImage();
      render::MapSettings now = window.canvas()->mapSettings();
      now.setOutputSize(window.canvas()->size());
      const QPointF edge = now.mapToPixel().toPixel(cell.xMin, cell.centre().y());
      const QColor c = shown.pixelColor(edge.toPoint());
      QVERIFY2(c.blue() > 180 && c.red() < 90, qPrintable(c.name()));
    }
    // The attributes name the cell's mesh code.
    const QString code = QString::fromStdString(mesh->geometry()->codes[busiest]);
    QCOMPARE(window.inspector()->feature()->title, code);
    QVERIFY(!window.inspector()->attributesTable()->findItems(code, Qt::MatchExactly).isEmpty());
    if (!shots.isEmpty()) {
      for (const char* id : {"stations", "population_heatmap", "rail", "basemap"})
        panel->setLayerVisible(QString::fromLatin1(id), true);
      QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 20000);
      QTest::qWait(300);
      window.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath("main-window-inspector.png"));
    }
  }

  // A team project on PostgreSQL (a copy of the sample) opens like its GeoPackage: the same
  // layers, the same pixels at the same hour, and a title naming its schema, never the
  // connection string.
  void aTeamProjectOnPostgresShowsTheSameMapAsItsGeoPackage() {
    std::string whyNot;
    const auto server = ekm_test::PgServer::start(whyNot);
    if (!server) QSKIP(whyNot.c_str());
    const std::string location = server->location("team_map");
    store::copyProject(QFile::encodeName(m_project).toStdString(), location, core::nullFeedback());
    const QString team = QString::fromStdString(location);

    const auto shown = [&](const QString& project, QString& title, QStringList& ids) {
      widgets::MainWindow window;
      window.setInitialHour(core::parseIsoDateTimeToHourKey("2025-04-01T08:00"));
      if (!showWithProject(window, project)) return QImage();
      title = window.windowTitle();
      for (const auto& l : window.layersPanel()->allLayers()) ids << l->id();
      QTest::qWait(200);
      if (!QTest::qWaitFor([&] { return !window.canvas()->isRendering(); }, 20000)) return QImage();
      return window.canvas()->grab().toImage();
    };
    QString fileTitle, teamTitle;
    QStringList fileIds, teamIds;
    const QImage fromFile = shown(m_project, fileTitle, fileIds);
    const QImage fromTeam = shown(team, teamTitle, teamIds);
    QVERIFY(!fromFile.isNull());
    QVERIFY2(!fromTeam.isNull(), "the PostgreSQL project did not load");
    QCOMPARE(teamIds, fileIds);
    QVERIFY2(teamTitle.contains(QStringLiteral("team_map")) && teamTitle.contains(QStringLiteral("PostgreSQL")),
             qPrintable(teamTitle));
    QVERIFY2(!teamTitle.contains(QStringLiteral("host=")), qPrintable(teamTitle));
    QCOMPARE(fromTeam.size(), fromFile.size());
    int differing = 0;
    for (int y = 0; y < fromFile.height(); ++y)
      for (int x = 0; x < fromFile.width(); ++x) differing += fromFile.pixel(x, y) != fromTeam.pixel(x, y);
    QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 pixels differ").arg(differing)));
  }

  void rasterBasemapIsAddedUnderEverythingAndRemoved() {
    const QString tif = writeBasemapTiff(m_dir.filePath(QStringLiteral("grey.tif")));
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);  // reloads from here on
    window.setRasterBasemap(tif);
    QVERIFY(waitLoaded(window, loaded, 1));
    QCOMPARE(window.rasterBasemap(), QFileInfo(tif).absoluteFilePath());
    const auto all = window.layersPanel()->allLayers();
    QCOMPARE(all.front()->id(), QStringLiteral("raster_basemap"));
    QVERIFY(window.layersPanel()->isLayerVisible(QStringLiteral("raster_basemap")));
    window.setRasterBasemap(QString());
    QVERIFY(waitLoaded(window, loaded, 2));
    QVERIFY(!window.layersPanel()->layer(QStringLiteral("raster_basemap")));
    QVERIFY(window.rasterBasemap().isEmpty());
  }

  void webMercatorSwitchKeepsTheGeographicView() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    QCOMPARE(window.project()->displayEpsg, 6677);
    const render::Extent before = window.canvas()->visibleExtent();
    const auto lonLat = window.canvas()->toLonLat(before.centre());
    QVERIFY(lonLat);
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);  // reloads from here on
    window.setDisplayEpsg(3857);
    QVERIFY(waitLoaded(window, loaded, 1));
    QCOMPARE(window.project()->displayEpsg, 3857);
    const geo::Transformer toMercator(3857);
    const auto [mx, my] = toMercator.forward(lonLat->x(), lonLat->y());
    const render::Extent after = window.canvas()->visibleExtent();
    // Same centre within a few metres; ground width the same (Mercator stretches by 1/cos(lat)).
    QVERIFY2(std::hypot(after.centre().x() - mx, after.centre().y() - my) < 10,
             qPrintable(QStringLiteral("%1 %2 vs %3 %4").arg(after.centre().x()).arg(after.centre().y()).arg(mx).arg(my)));
    const double stretch = 1 / std::cos(lonLat->y() * M_PI / 180);
    QVERIFY(std::abs(after.width() / (before.width() * stretch) - 1) < 0.02);
    window.setDisplayEpsg(0);
    QVERIFY(waitLoaded(window, loaded, 2));
    QCOMPARE(window.project()->displayEpsg, 6677);
  }

  void dockLayoutIsSavedAndRestored() {
    {
      widgets::MainWindow window;
      window.show();
      window.inspectorDock()->show();
      window.legendDock()->hide();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.close();  // saves the layout
    }
    widgets::MainWindow restored;
    restored.restoreLayout();
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QVERIFY(restored.inspectorDock()->isVisible());
    QVERIFY(!restored.legendDock()->isVisible());
    restored.legendDock()->show();
    restored.inspectorDock()->hide();
    restored.close();
  }

  void uiLanguageFollowsArgumentThenSettingThenSystem() {
    using widgets::resolveUiLanguage;
    QCOMPARE(resolveUiLanguage("en", "ja", QLocale::Japanese), QStringLiteral("en"));
    QCOMPARE(resolveUiLanguage("", "ja", QLocale::English), QStringLiteral("ja"));
    QCOMPARE(resolveUiLanguage("", "en", QLocale::Japanese), QStringLiteral("en"));
    QCOMPARE(resolveUiLanguage("", "", QLocale::Japanese), QStringLiteral("ja"));
    QCOMPARE(resolveUiLanguage("", "", QLocale::German), QStringLiteral("en"));
    QCOMPARE(resolveUiLanguage("fr", "xx", QLocale::Japanese), QStringLiteral("ja"));  // unknown codes fall through
  }

  // File > Open on damaged, truncated and foreign files: each gives the error dialog (in the UI's
  // language) and projectLoadFailed with the store's reason, the open project stays loaded, and
  // the damaged file is not changed by the attempt.
  void damagedFilesGiveAClearErrorAndKeepTheOpenProject() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    const QString title = window.windowTitle();
    QFile sampleFile(m_project);
    QVERIFY(sampleFile.open(QIODevice::ReadOnly));
    const QByteArray sampleBytes = sampleFile.readAll();
    sampleFile.close();
    QVERIFY(sampleBytes.size() > 1 << 20);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString& name, const QByteArray& bytes) {
      QFile f(dir.filePath(name));
      if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return QString();
      return f.fileName();
    };
    QByteArray noise(64 * 1024, '\0');
    quint32 x = 2463534242u;
    for (char& c : noise) x ^= x << 13, x ^= x >> 17, x ^= x << 5, c = static_cast<char>(x & 0xff);
    QByteArray corrupted = sampleBytes;  // a valid header, then pages overwritten with noise
    for (qsizetype at = 8192; at + noise.size() < corrupted.size(); at += 16 * noise.size())
      corrupted.replace(at, noise.size(), noise);
    // A GeoPackage that is not an Ekimachi project: one GDAL point layer.
    const QString foreign = dir.filePath(QStringLiteral("foreign.gpkg"));
    {
      GDALAllRegister();
      GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GPKG")->Create(foreign.toUtf8().constData(), 0, 0, 0,
                                                                               GDT_Unknown, nullptr);
      QVERIFY(ds);
      OGRSpatialReference srs;
      srs.importFromEPSG(4326);
      QVERIFY(ds->CreateLayer("points", &srs, wkbPoint, nullptr));
      GDALClose(ds);
    }
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder.gpkg")));
    const QStringList damaged{write(QStringLiteral("empty.gpkg"), {}),
                              write(QStringLiteral("noise.gpkg"), noise),
                              write(QStringLiteral("text.gpkg"), "cell,time,value\n53393599111,2025-01-01T00,5\n"),
                              write(QStringLiteral("truncated.gpkg"), sampleBytes.left(sampleBytes.size() / 3)),
                              write(QStringLiteral("corrupted.gpkg"), corrupted),
                              foreign,
                              dir.filePath(QStringLiteral("folder.gpkg")),
                              dir.filePath(QStringLiteral("missing.gpkg"))};
    for (const QString& path : damaged) QVERIFY(!path.isEmpty());

    QSignalSpy failed(&window, &widgets::MainWindow::projectLoadFailed);
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    for (int i = 0; i < damaged.size(); ++i) {
      const QString& path = damaged[i];
      const bool japanese = i % 2 == 1;  // every other file with the Japanese UI
      widgets::setUiIsJapanese(japanese);
      QByteArray before;
      if (QFile f(path); QFileInfo(path).isFile() && f.open(QIODevice::ReadOnly)) before = f.readAll();
      window.openProject(path);
      QTRY_VERIFY2_WITH_TIMEOUT(failed.count() == i + 1, qPrintable(path), 60000);
      QCOMPARE(failed.at(i).at(0).toString(), path);
      const QString message = failed.at(i).at(1).toString();
      QVERIFY2(!message.isEmpty(), qPrintable(path));
      qInfo().noquote() << QFileInfo(path).fileName() << "->" << message;
      const bool hasJapanese = std::any_of(message.begin(), message.end(), [](QChar c) { return c.unicode() >= 0x3000; });
      QVERIFY2(hasJapanese == japanese, qPrintable(path + QStringLiteral(": ") + message));
      // The error dialog is up, names the file and carries the reason.
      QMessageBox* box = nullptr;
      QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>()) != nullptr, 5000);
      QCOMPARE(box->icon(), QMessageBox::Critical);
      QVERIFY2(box->text().contains(path), qPrintable(box->text()));
      QCOMPARE(box->informativeText(), message);
      box->close();
      QTRY_VERIFY(window.findChild<QMessageBox*>() == nullptr);
      // Nothing changed: the open project and the file tried.
      QCOMPARE(window.windowTitle(), title);
      QVERIFY(window.project() != nullptr);
      if (QFileInfo(path).isFile()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll() == before, qPrintable(path));
      }
      QVERIFY2(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0,
               qPrintable(path));
    }
    widgets::setUiIsJapanese(false);
    QCOMPARE(loaded.count(), 0);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.gpkg"))));  // opening never creates a project
  }

  // A project written by the previous release (schema 8, before partial_hours) opens: the
  // load upgrades it once, says so, and the docks' read-only sessions then open it too.
  void aProjectFromTheLastReleaseIsUpgradedAndOpened() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v8.gpkg"));
    QVERIFY(QFile::copy(m_project, path));
    const std::string file = QFile::encodeName(path).toStdString();
    {
      auto p = store::Project::open(file);
      QCOMPARE(sqlite3_exec(ekm_test::sql(p),
                            "DROP TABLE partial_hours; DELETE FROM gpkg_contents WHERE table_name = 'partial_hours'",
                            nullptr, nullptr, nullptr),
               SQLITE_OK);
      p.setMeta("schema_version", "8");
    }
    QVERIFY_THROWS_EXCEPTION(core::StoreError, store::Project::open(file, store::OpenMode::ReadOnly));

    widgets::MainWindow window;
    window.setPersistLayout(false);
    window.resize(1000, 700);
    window.show();
    QSignalSpy loaded(&window, &widgets::MainWindow::projectLoaded);
    QSignalSpy failed(&window, &widgets::MainWindow::projectLoadFailed);
    window.openProject(path);
    QVERIFY(waitLoaded(window, loaded, 1));
    QCOMPARE(failed.count(), 0);
    const QString status = window.statusBar()->currentMessage();
    QVERIFY2(status.contains(QStringLiteral("schema version 8 to %1").arg(store::kProjectSchemaVersion)), qPrintable(status));
    QVERIFY(window.project()->mesh && window.project()->mesh->size() > 0);
    auto ro = store::Project::open(file, store::OpenMode::ReadOnly);
    QCOMPARE(ro.schemaVersion(), store::kProjectSchemaVersion);
    QCOMPARE(ro.meta("schema_version").value_or(""), std::to_string(store::kProjectSchemaVersion));
  }

  // The Mobility dock's Ridership tab on the sample (its synthetic Chii-bus ridership): the
  // KPIs of the latest month with the monthly, route and hourly charts. With
  // EKM_MAIN_SCREENSHOT_DIR set, saved as main-window-mobility.png.
  void mobilityDockShowsTheRidershipKpis() {
    widgets::MainWindow window;
    QVERIFY(showWithProject(window, m_project));
    window.resize(1700, 1050);
    auto* dock = window.findChild<widgets::MobilityDock*>();
    QVERIFY(dock);
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {640}, Qt::Horizontal);
    window.resizeDocks({dock}, {900}, Qt::Vertical);  // the legend above keeps what it needs
    dock->tabs()->setCurrentWidget(dock->ridershipPanel());
    QSignalSpy shown(dock, &widgets::MobilityDock::layersShown);
    dock->showOnMap();  // the routes and stops a bus operator looks for on the map
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 60000);
    widgets::RidershipPanel* panel = dock->ridershipPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->kpis().has_value(), 120000);
    QCOMPARE(panel->kpis()->options.month, std::string("2025-05"));  // the sample's last month
    QVERIFY(!panel->kpis()->kpis.hourly.empty());
    QTRY_VERIFY(panel->monthlyChart()->geometry().bars.size() >= 12);
    QTRY_VERIFY_WITH_TIMEOUT(!window.canvas()->isRendering(), 20000);
    QTest::qWait(300);
    if (const QByteArray shots = qgetenv("EKM_MAIN_SCREENSHOT_DIR"); !shots.isEmpty())
      QVERIFY(window.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath("main-window-mobility.png")));
    dock->hide();
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
