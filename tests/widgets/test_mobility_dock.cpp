// The Mobility dock on a project with the real Chii-bus feed: the service of the chosen day
// type through the session's TaskManager (same numbers as the mobility-service operation),
// the hour's busiest stop first, the feed's attribution shown, the coverage's error named
// when the project has no stay population. With EKM_SCREENSHOT_DIR set, the dock is saved
// there as mobility_dock.png.
#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "ekm/core/time.h"
#include "ekm/io/gtfs_import.h"
#include "mobility/mobility_dock.h"
#include "support/temp_dir.h"

using namespace ekm;

class TestMobilityDock : public QObject {
  Q_OBJECT

  ekm_test::TempDir m_dir{"mobility_dock"};
  std::string m_project;
  widgets::TaskManager m_tasks;

 private slots:
  void initTestCase() {
    m_project = m_dir.str("p.gpkg");
    auto p = store::Project::create(m_project);
    core::Feedback fb;
    io::importGtfs(p, std::string(EKM_SAMPLE_DIR) + "/gtfs_chiibus/chiibus_gtfs.zip", {}, fb);
  }

  void serviceByDayTypeAndHour() {
    widgets::MobilityDock dock;
    dock.resize(520, 760);
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_project), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    QCOMPARE(dock.routesTable()->rowCount(), 8);
    QCOMPARE(dock.stopsTable()->rowCount(), 219);
    QVERIFY(dock.attributionText().contains(QStringLiteral("フジエクスプレス")));
    const auto& p = dock.service()->profile;
    QCOMPARE(p.day.services, std::vector<std::string>{"01"});  // weekday service
    // Hour 8: the first row is the stop with the most departures in that hour.
    dock.hourBox()->setValue(8);
    int best = 0;
    for (const auto& s : p.stops) best = std::max(best, s.departures[8]);
    QVERIFY(best > 0);
    QCOMPARE(dock.stopsTable()->item(0, 1)->data(Qt::UserRole).toDouble(), double(best));
    if (const QByteArray dir = qgetenv("EKM_SCREENSHOT_DIR"); !dir.isEmpty())
      QVERIFY(dock.grab().save(QString::fromUtf8(dir) + QStringLiteral("/mobility_dock.png")));
    // Saturday: service 03.
    dock.dayTypeBox()->setCurrentIndex(dock.dayTypeBox()->findData(QStringLiteral("saturday")));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 30000);
    QCOMPARE(dock.service()->profile.day.services, std::vector<std::string>{"03"});
  }

  // Following the map's date (the default): the time bar's hour sets the hour; a date inside
  // the feed's period (2026-01-05 .. 2026-12-31) is served as itself, one outside it (the
  // sample's people flow is 2025) by the representative day of its day type, said so.
  void followsTheMapsDateAndHour() {
    widgets::MobilityDock dock;
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_project), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    QCOMPARE(dock.dayTypeBox()->currentData().toString(), QStringLiteral("map"));
    // 2026-01-12 is Coming-of-Age Day: calendar_dates swaps weekday service 01 for 06.
    dock.setMapHour(*core::parseIsoDateTimeToHourKey("2026-01-12T09:00"));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 30000);
    QCOMPARE(dock.hourBox()->value(), 9);
    QCOMPARE(dock.service()->profile.day.date, std::string("2026-01-12"));
    QVERIFY(dock.service()->profile.day.requestedDate.empty());
    QCOMPARE(dock.service()->profile.day.services, std::vector<std::string>{"06"});
    // Saturday 2025-03-29, before the feed: the representative Saturday, service 03.
    dock.setMapHour(*core::parseIsoDateTimeToHourKey("2025-03-29T14:00"));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 3, 30000);
    QCOMPARE(dock.hourBox()->value(), 14);
    QCOMPARE(dock.service()->profile.day.requestedDate, std::string("2025-03-29"));
    QVERIFY(dock.service()->profile.day.date >= std::string("2026-01-05"));
    QCOMPARE(dock.service()->profile.day.services, std::vector<std::string>{"03"});
    // Another hour of the same day does not re-read the service.
    dock.setMapHour(*core::parseIsoDateTimeToHourKey("2025-03-29T15:00"));
    QTest::qWait(50);
    QCOMPARE(ready.count(), 3);
    QCOMPARE(dock.hourBox()->value(), 15);
  }

  void coverageWithoutPopulationSaysWhy() {
    widgets::MobilityDock dock;
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    QSignalSpy failed(&dock, &widgets::MobilityDock::failed);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_project), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    dock.runCoverage();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
    QVERIFY2(dock.statusText().contains(QStringLiteral("mesh-population")), qPrintable(dock.statusText()));
  }

  // On a full project (EKM_MOBILITY_PROJECT, e.g. the sample district, with its walking
  // network and stay population): service and coverage, the Coverage tab saved to
  // EKM_SCREENSHOT_DIR/mobility_dock_coverage.png. Skipped without it.
  void coverageOnAFullProject() {
    const QByteArray project = qgetenv("EKM_MOBILITY_PROJECT");
    if (project.isEmpty()) QSKIP("EKM_MOBILITY_PROJECT not set");
    widgets::MobilityDock dock;
    dock.resize(560, 820);
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    QSignalSpy covered(&dock, &widgets::MobilityDock::coverageReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromUtf8(project), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 60000);
    dock.runCoverage();
    QTRY_VERIFY_WITH_TIMEOUT(covered.count() == 1, 120000);
    QCOMPARE(dock.coverageTable()->rowCount(), 24);
    dock.hourBox()->setValue(8);
    dock.tabs()->setCurrentIndex(1);
    if (const QByteArray dir = qgetenv("EKM_SCREENSHOT_DIR"); !dir.isEmpty())
      QVERIFY(dock.grab().save(QString::fromUtf8(dir) + QStringLiteral("/mobility_dock_coverage.png")));
  }
};

QTEST_MAIN(TestMobilityDock)
#include "test_mobility_dock.moc"
