#pragma once
// The main window as the Mobility screenshots show it (docs/screenshots/mobility-*.png): in
// Japanese, as the application starts on a Japanese system; 1600 x 1000 (a 1600 x 1000 screen);
// a project open and the Mobility dock raised at the right with the weekday service read.
// Steps return "" or what failed, for QVERIFY2.
#include <QDir>
#include <QLocale>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

#include "main/main_window.h"
#include "time/time_bar.h"
#include "map/map_canvas.h"
#include "mobility/mobility_dock.h"

namespace ekm_test {

struct JapaneseUi {
  QTranslator translator;
  bool loaded = false;
  JapaneseUi() {
    loaded = translator.load(QStringLiteral(":/i18n/ekimachi_ja.qm"));
    QCoreApplication::installTranslator(&translator);
    ekm::widgets::setUiIsJapanese(true);
    QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));
  }
  ~JapaneseUi() { QCoreApplication::removeTranslator(&translator); }
};

struct MobilityWindow {
  JapaneseUi ui;  // before the window, whose texts are translated as it is built
  ekm::widgets::MainWindow window;
  ekm::widgets::MobilityDock* dock = nullptr;
  int dockHeight = 0;

  // Opens `project`; the dock 620 px wide and `dockHeight` high (the legend above it takes the rest).
  QString open(const QByteArray& project, int height) {
    dockHeight = height;
    if (!ui.loaded) return QStringLiteral("no Japanese translation");
    window.setPersistLayout(false);
    window.resize(1600, 1000);
    window.show();
    QSignalSpy loaded(&window, &ekm::widgets::MainWindow::projectLoaded);
    window.openProject(QString::fromUtf8(project));
    if (!QTest::qWaitFor([&] { return loaded.count() == 1; }, 120000)) return QStringLiteral("the project did not load");
    dock = window.findChild<ekm::widgets::MobilityDock*>();
    dock->show();
    dock->raise();
    window.resizeDocks({dock}, {620}, Qt::Horizontal);
    window.resizeDocks({dock}, {dockHeight}, Qt::Vertical);
    QSignalSpy ready(dock, &ekm::widgets::MobilityDock::serviceReady);
    dock->dayTypeBox()->setCurrentIndex(dock->dayTypeBox()->findData(QStringLiteral("weekday")));
    if (!QTest::qWaitFor([&] { return ready.count() >= 1 && dock->service(); }, 60000))
      return QStringLiteral("no weekday service: %1").arg(dock->statusText());
    return {};
  }

  // The map: 2.2 km across around Takanawa Gateway.
  QString zoomToGateway() {
    ekm::widgets::MapCanvas* canvas = window.canvas();
    const auto centre = *canvas->fromLonLat(139.7405, 35.6365);
    const double half = 1100, aspect = double(canvas->height()) / canvas->width();
    canvas->setExtent({centre.x() - half, centre.y() - half * aspect, centre.x() + half, centre.y() + half * aspect});
    return QTest::qWaitFor([&] { return !canvas->isRendering(); }, 30000) ? QString() : QStringLiteral("still rendering");
  }

  // Saves the window as dir/name once the map is drawn; the window must still fit the screen.
  // The dock is given its height again first: layers added since open() change the legend's
  // minimum height, and the dock area shares the rest anew.
  QString save(const QByteArray& dir, const QString& name) {
    window.resizeDocks({dock}, {dockHeight}, Qt::Vertical);
    if (!QTest::qWaitFor([&] { return !window.canvas()->isRendering(); }, 30000)) return QStringLiteral("still rendering");
    QTest::qWait(500);
    if (window.height() > 1000) return QStringLiteral("the window grew to %1 px").arg(window.height());
    return window.grab().save(QDir(QString::fromUtf8(dir)).filePath(name)) ? QString() : QStringLiteral("cannot write");
  }
};

}  // namespace ekm_test
