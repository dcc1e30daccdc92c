// File > Import from City OS…: the dialog runs citylink-pull against the fake NGSI-LD broker
// (tests/citylink/fake_broker.py) through the TaskManager. Preview stores nothing and shows
// the matches in the table and on the map; Import stores the counts (the same values as the
// operation's own tests) and the next dialog on the project starts from the pull's settings;
// a broker error is shown and leaves the project as it was. With EKM_SCREENSHOT_DIR set, the
// dialog after a preview is saved there as city_os_dialog.png.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "citylink/city_os_import_dialog.h"
#include "citylink/citylink_fixture.h"
#include "citylink/match_preview_map.h"
#include "ops/params_form.h"
#include "render/project_layers.h"
#include "support/temp_dir.h"

using namespace ekm;

class TestCityOsDialog : public QObject {
  Q_OBJECT

  widgets::TaskManager m_tasks;

  struct Fixture {
    ekm_test::TempDir dir{"city_os_dialog"};
    std::string project = dir.str("p.gpkg");
    std::unique_ptr<citylink_test::FakeBroker> broker;
    widgets::SessionPtr session;
  };

  std::unique_ptr<Fixture> makeFixture() {
    auto f = std::make_unique<Fixture>();
    citylink_test::makeProject(f->project);
    f->broker = std::make_unique<citylink_test::FakeBroker>(f->dir);
    return f;
  }

  widgets::SessionPtr sessionOf(const std::string& project) {
    core::Feedback fb;
    auto layers = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(project, fb));
    return std::make_shared<const widgets::ProjectSession>(QString::fromStdString(project), layers, &m_tasks);
  }

  static double storedCounts(const std::string& project) {
    return citylink_test::scalar(project, "SELECT COUNT(*) FROM segment_counts");
  }

 private slots:
  void previewShowsMatchesAndStoresNothing() {
    auto f = makeFixture();
    QVERIFY(!f->broker->url().empty());
    widgets::CityOsImportDialog dialog(sessionOf(f->project));
    QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
    QSignalSpy ready(&dialog, &widgets::CityOsImportDialog::previewReady);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    QCOMPARE(dialog.map()->drawnMatches(), 0);
    // The buttons decide dry_run: its row is not shown.
    QVERIFY(!dialog.form()->label(QStringLiteral("dry_run"))->isVisibleTo(&dialog));
    QVERIFY(dialog.form()->label(QStringLiteral("broker"))->isVisibleTo(&dialog));
    dialog.form()->setParams({{"broker", f->broker->url()}, {"page_size", 2}});
    dialog.previewButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    // Five recorded entities on three pages, matched by refRoadSegment to three segments.
    QCOMPARE(dialog.lastResult()->pages, 3);
    QCOMPARE(dialog.lastResult()->import.entities, 5);
    QCOMPARE(dialog.entitiesTable()->rowCount(), 5);
    QCOMPARE(dialog.matchesTable()->rowCount(), int(dialog.lastResult()->import.plan.matches.size()));
    QVERIFY(dialog.matchesTable()->rowCount() >= 3);
    QCOMPARE(dialog.map()->drawnMatches(), 3);  // tg-deck-n, tg-west-st, route15-a
    QVERIFY2(dialog.statusText().contains(QStringLiteral("5")), qPrintable(dialog.statusText()));
    // Selecting a match highlights its segment; the map's view fits the matches.
    dialog.matchesTable()->selectRow(0);
    QVERIFY(dialog.map()->viewExtent().isValid());
    // A dry run stores nothing: no counts, no log row, no remembered settings.
    QCOMPARE(storedCounts(f->project), 0.0);
    QCOMPARE(citylink_test::scalar(f->project, "SELECT COUNT(*) FROM ekm_meta WHERE key = 'citylink.last_pull'"), 0.0);
    if (const QByteArray dir = qgetenv("EKM_SCREENSHOT_DIR"); !dir.isEmpty()) {
      dialog.resize(1100, 680);
      QVERIFY(dialog.grab().save(QString::fromUtf8(dir) + QStringLiteral("/city_os_dialog.png")));
    }
  }

  // One entity the preview cannot place does not fail the preview: it is a flagged row.
  void previewFlagsUnmatchedEntities() {
    auto f = makeFixture();
    widgets::CityOsImportDialog dialog(sessionOf(f->project));
    QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
    QSignalSpy ready(&dialog, &widgets::CityOsImportDialog::previewReady);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    // Only refRoadSegment: cam-03 and cam-05 carry a location only, cam-04 names route15-a.
    dialog.form()->setParams({{"broker", f->broker->url()}, {"match", "refRoadSegment"}});
    dialog.previewButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 30000);
    QCOMPARE(dialog.matchesTable()->rowCount(), 5);
    int flagged = 0;
    for (int row = 0; row < dialog.matchesTable()->rowCount(); ++row)
      if (dialog.matchesTable()->item(row, 3)->text() == widgets::CityOsImportDialog::tr("unmatched")) {
        ++flagged;
        QVERIFY(dialog.matchesTable()->item(row, 6)->text().contains(QStringLiteral("refRoadSegment")));
      }
    QCOMPARE(flagged, int(dialog.lastResult()->import.plan.unmatched));
    QVERIFY(flagged >= 2);
    QVERIFY2(dialog.statusText().contains(QString::number(flagged)), qPrintable(dialog.statusText()));
    QCOMPARE(storedCounts(f->project), 0.0);
  }

  void importStoresAndRemembersTheSettings() {
    auto f = makeFixture();
    {
      widgets::CityOsImportDialog dialog(sessionOf(f->project));
      QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
      QSignalSpy imported(&dialog, &widgets::CityOsImportDialog::imported);
      QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
      dialog.form()->setParams({{"broker", f->broker->url()},
                                {"page_size", 2},
                                {"context", "https://example.org/takanawa-context.jsonld"}});
      dialog.importButton()->click();
      QTRY_VERIFY_WITH_TIMEOUT(imported.count() == 1, 30000);
      QCOMPARE(imported.first().at(0).toLongLong(), 4LL);  // segment hours
      // The same values as the operation stores from the CLI (tests/citylink/broker_test.cpp).
      QCOMPARE(citylink_test::segmentCount(f->project, "tg-deck-n", "2025-04-02 00:00:00", 1, 0), 600.0);
      QCOMPARE(citylink_test::segmentCount(f->project, "route15-a", "2025-04-02 00:00:00", 2, 0), 400.0);
    }
    // The next dialog on the project starts from that pull's settings.
    widgets::CityOsImportDialog again(sessionOf(f->project));
    QSignalSpy loaded(&again, &widgets::CityOsImportDialog::settingsLoaded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    const auto params = again.form()->params();
    QCOMPARE(QString::fromStdString(params.value("broker", std::string())), QString::fromStdString(f->broker->url()));
    QCOMPARE(QString::fromStdString(params.value("context", std::string())),
             QStringLiteral("https://example.org/takanawa-context.jsonld"));
    QCOMPARE(params.value("page_size", 0), 2);
    QVERIFY(!params.contains("config"));
  }

  void brokerErrorIsShownAndNothingStored() {
    auto f = makeFixture();
    widgets::CityOsImportDialog dialog(sessionOf(f->project));
    QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
    QSignalSpy failed(&dialog, &widgets::CityOsImportDialog::failed);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    dialog.form()->setParams({{"broker", f->broker->url()}, {"tenant", "broken"}, {"retries", 0}});
    dialog.importButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("400")) ||
                 dialog.statusText().contains(QStringLiteral("BadRequestData")),
             qPrintable(dialog.statusText()));
    QVERIFY(dialog.importButton()->isEnabled());
    QCOMPARE(storedCounts(f->project), 0.0);
  }

  void missingBrokerIsNamedBeforeAnyRequest() {
    auto f = makeFixture();
    widgets::CityOsImportDialog dialog(sessionOf(f->project));
    QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    dialog.previewButton()->click();
    QVERIFY2(dialog.form()->errorField() == QStringLiteral("broker") ||
                 dialog.statusText().contains(QStringLiteral("broker")),
             qPrintable(dialog.statusText()));
    QVERIFY(f->broker->requests().empty());
  }
};

QTEST_MAIN(TestCityOsDialog)
#include "test_city_os_dialog.moc"
