// The Ridership tab of the Mobility dock on the hand-made feed (tests/data/gtfs/jp_small) with
// route-day records 2025-01 .. 2026-01 and stop-trip records on 2026-02-12: the KPIs come
// from the mobility-kpi operation through the session's TaskManager (the same numbers as
// running the operation directly), the months are listed with the latest chosen, the KPI
// table shows the month's riders, and the three charts are painted (bars of the monthly
// riders, one bar per route, the hourly profile's lines). Choosing another month recomputes.
// With EKM_SCREENSHOT_DIR set, the dock is saved there as mobility_dock_ridership.png.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "ekm/io/gtfs_import.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/ops/session.h"
#include "mobility/mobility_dock.h"
#include "mobility/ridership_panel.h"
#include "support/temp_dir.h"

using namespace ekm;

class TestRidershipPanel : public QObject {
  Q_OBJECT

  ekm_test::TempDir m_dir{"ridership_panel"};
  std::string m_project;
  widgets::TaskManager m_tasks;

  static QString cell(QTableWidget* t, const QString& label) {
    for (int r = 0; r < t->rowCount(); ++r)
      if (t->item(r, 0)->text().startsWith(label)) return t->item(r, 1)->text();
    return {};
  }

 private slots:
  void initTestCase() {
    m_project = m_dir.str("p.gpkg");
    {
      auto p = store::Project::create(m_project);
      core::Feedback fb;
      io::importGtfs(p, std::string(EKM_TEST_DATA_DIR) + "/gtfs/jp_small", {}, fb);
    }
    ops::Session s(m_project);
    core::Feedback fb;
    mobility::RidershipImportParams ip;
    ip.file = std::string(EKM_TEST_DATA_DIR) + "/ridership/route_day.csv";
    ops::run<mobility::RidershipImportOp>(s, ip, fb);
    ip.file = m_dir.write("feb.csv",
                          "date,trip_id,stop_id,boardings,alightings\n"
                          "2026-02-12,T1,S4,10,0\n2026-02-12,T1,S1,18,8\n2026-02-12,T1,S2,2,2\n2026-02-12,T1,S3,0,20\n"
                          "2026-02-12,T4,S1,28,0\n2026-02-12,T4,S4,0,28\n");
    ops::run<mobility::RidershipImportOp>(s, ip, fb);
  }

  void kpisAndChartsOfTheLatestMonth() {
    widgets::MobilityDock dock;
    dock.resize(560, 1100);
    dock.tabs()->setCurrentIndex(2);
    QCOMPARE(dock.tabs()->tabText(2), QStringLiteral("Ridership"));
    widgets::RidershipPanel* panel = dock.ridershipPanel();
    QSignalSpy ready(panel, &widgets::RidershipPanel::kpisReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_project), nullptr, &m_tasks));
    dock.show();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    // 14 months, the latest chosen.
    QCOMPARE(panel->monthBox()->count(), 14);
    QCOMPARE(panel->monthBox()->currentText(), QStringLiteral("2026-02"));
    // The same numbers as the operation run directly with the panel's Params.
    ops::Session s(m_project);
    core::Feedback fb;
    const auto direct = ops::run<mobility::KpiOp>(s, panel->params(), fb);
    QCOMPARE(panel->kpis()->kpis.riders, direct.kpis.riders);
    QCOMPARE(panel->kpis()->kpis.hourly.size(), direct.kpis.hourly.size());
    // February 2026: 58 riders (T1 30, T4 28) on one day; a year before, 15,000.
    QCOMPARE(cell(panel->kpiTable(), QStringLiteral("Riders in 2026-02")), QStringLiteral("58"));
    QCOMPARE(cell(panel->kpiTable(), QStringLiteral("Riders per day")), QStringLiteral("58"));
    QCOMPARE(cell(panel->kpiTable(), QStringLiteral("Change on the same month last year")), QStringLiteral("-99.6%"));
    // Charts: 14 monthly bars (all above 10 people), 2 routes in February (R1 30, R2 28) beside
    // February 2025 (10,000 and 5,000), the hourly profile of one weekday (hours 0 and 6).
    QTRY_VERIFY(!panel->monthlyChart()->geometry().plot.isEmpty());
    QCOMPARE(panel->monthlyChart()->chart().categories.size(), std::size_t(14));
    QTRY_COMPARE(panel->monthlyChart()->geometry().bars.size(), std::size_t(14));
    QTRY_COMPARE(panel->routeChart()->geometry().bars.size(), std::size_t(4));  // and February 2025
    QCOMPARE(panel->hourlyChart()->chart().categories.size(), std::size_t(7));  // hours 0..6
    QCOMPARE(panel->hourlyChart()->chart().series.size(), std::size_t(1));      // weekdays only
    // Pixels: the monthly chart's bars in their colour.
    const QImage img = panel->monthlyChart()->grab().toImage();
    const QRectF bar = panel->monthlyChart()->geometry().bars.front();
    const QColor c = img.pixelColor(bar.center().toPoint());
    QVERIFY2(c.blue() > 150 && c.red() < 80, qPrintable(c.name()));
    if (const QByteArray dir = qgetenv("EKM_SCREENSHOT_DIR"); !dir.isEmpty())
      QVERIFY(dock.grab().save(QString::fromUtf8(dir) + QStringLiteral("/mobility_dock_ridership.png")));

    // Another month: January 2026 (route-day only: no hourly profile).
    panel->monthBox()->setCurrentIndex(12);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 30000);
    QCOMPARE(panel->kpis()->options.month, std::string("2026-01"));
    QCOMPARE(cell(panel->kpiTable(), QStringLiteral("Riders in 2026-01")), QLocale().toString(15600.0, 'f', 0));
    QVERIFY(panel->kpis()->kpis.hourly.empty());
    QCOMPARE(panel->routeChart()->chart().series.size(), std::size_t(2));  // 2026-01 and 2025-01
  }

  void withoutRecordsSaysWhy() {
    const std::string empty = m_dir.str("empty.gpkg");
    {
      auto p = store::Project::create(empty);
      core::Feedback fb;
      io::importGtfs(p, std::string(EKM_TEST_DATA_DIR) + "/gtfs/jp_small", {}, fb);
    }
    widgets::RidershipPanel panel;
    QSignalSpy failed(&panel, &widgets::RidershipPanel::failed);
    panel.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(empty), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
    QVERIFY2(panel.statusText().contains(QStringLiteral("ridership-import")), qPrintable(panel.statusText()));
  }
};

QTEST_MAIN(TestRidershipPanel)
#include "test_ridership_panel.moc"
