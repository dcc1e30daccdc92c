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
#include <algorithm>
#include <cmath>
#include <map>

#include "citylink/city_os_import_dialog.h"
#include "citylink/citylink_fixture.h"
#include "citylink/match_preview_map.h"
#include "ekm/geo/transformer.h"
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

  // The map draws each entity's location where the segments' projection puts it: the
  // recorded lon/lat (read here from the broker's file, not from the importer) through the
  // layers' display CRS and the map's own pixel mapping; a matched entity's connector ends on
  // its segment, an unmatched one is red and has none.
  void previewDrawsEntityLocations() {
    auto f = makeFixture();
    auto session = sessionOf(f->project);
    const auto layers = session->layers();
    widgets::CityOsImportDialog dialog(session);
    QSignalSpy loaded(&dialog, &widgets::CityOsImportDialog::settingsLoaded);
    QSignalSpy ready(&dialog, &widgets::CityOsImportDialog::previewReady);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 10000);
    std::map<QString, QPointF> recorded;  // entity id -> lon/lat of its Point
    for (const auto& e : nlohmann::json::parse(ekm_test::readFile(citylink_test::kData + "broker/crowd_entities.json")))
      if (e.contains("location"))
        recorded[QString::fromStdString(e["id"].get<std::string>())] =
            QPointF(e["location"]["value"]["coordinates"][0].get<double>(), e["location"]["value"]["coordinates"][1].get<double>());
    QCOMPARE(int(recorded.size()), 2);  // cam-03 and cam-05
    const geo::Transformer toDisplay(layers->displayEpsg);
    for (const char* match : {"auto", "refRoadSegment"}) {
      const int before = ready.count();
      dialog.form()->setParams({{"broker", f->broker->url()}, {"match", match}});
      dialog.previewButton()->click();
      QTRY_VERIFY_WITH_TIMEOUT(ready.count() == before + 1, 30000);
      auto* map = dialog.map();
      map->resize(400, 300);
      map->grab();  // paints
      const auto& entities = map->entities();
      QCOMPARE(int(entities.size()), 5);
      QCOMPARE(int(map->drawnEntityPixels().size()), 5);
      int drawn = 0;
      for (std::size_t k = 0; k < entities.size(); ++k) {
        const auto& e = entities[k];
        const auto it = recorded.find(e.id);
        if (it == recorded.end()) {
          QVERIFY2(map->drawnEntityPixels()[k].isEmpty(), qPrintable(e.id));  // no location
          continue;
        }
        ++drawn;
        const auto [x, y] = toDisplay.forward(it->second.x(), it->second.y());
        const QPointF expected = map->toPixel(QPointF(x, y));
        QCOMPARE(int(map->drawnEntityPixels()[k].size()), 1);
        const QPointF got = map->drawnEntityPixels()[k][0];
        QVERIFY2(std::hypot(got.x() - expected.x(), got.y() - expected.y()) < 1e-6, qPrintable(e.id));
        QVERIFY(got.x() >= 0 && got.x() <= map->width() && got.y() >= 0 && got.y() <= map->height());
        if (QString::fromUtf8(match) == QStringLiteral("refRoadSegment")) {
          QVERIFY2(e.unmatched, qPrintable(e.id));  // a location only: no reference
          QVERIFY(map->drawnConnectorEnds()[k].isNull());
          continue;
        }
        // Matched by nearest: the connector ends on the matched segment as drawn (same mapping).
        QVERIFY(!e.unmatched);
        QVERIFY(e.segmentFid >= 0);
        const auto i = std::find(layers->roads->fids.begin(), layers->roads->fids.end(), e.segmentFid) -
                       layers->roads->fids.begin();
        const QPolygonF& seg = layers->roads->lines[static_cast<std::size_t>(i)];
        const QPointF end = map->drawnConnectorEnds()[k];
        double best = 1e9;
        for (int v = 0; v + 1 < seg.size(); ++v) {
          const QPointF a = map->toPixel(seg[v]), b = map->toPixel(seg[v + 1]), d = b - a;
          const double t = std::clamp(QPointF::dotProduct(end - a, d) / QPointF::dotProduct(d, d), 0.0, 1.0);
          const QPointF q = a + t * d;
          best = std::min(best, std::hypot(end.x() - q.x(), end.y() - q.y()));
        }
        QVERIFY2(best < 1e-6, qPrintable(QStringLiteral("%1: %2 px off its segment").arg(e.id).arg(best)));
        // The matcher's distance (metres) and the drawn connector agree (display CRS units; Web
        // Mercator, as for this project spanning Tokyo and Valladolid, stretches by 1/cos(lat)).
        const auto& m = dialog.lastResult()->import.plan.matches[k];
        const double unitsPerMetre =
            layers->displayEpsg == 3857 ? 1.0 / std::cos(it->second.y() * 3.14159265358979323846 / 180) : 1.0;
        const double pxPerMetre = (map->toPixel(QPointF(1, 0)).x() - map->toPixel(QPointF(0, 0)).x()) * unitsPerMetre;
        const double drawnM = std::hypot(end.x() - got.x(), end.y() - got.y()) / pxPerMetre;
        QVERIFY2(std::abs(drawnM - m.distanceM) < 0.05 * m.distanceM + 0.05,
                 qPrintable(QStringLiteral("%1: drawn %2 m, matched at %3 m").arg(e.id).arg(drawnM).arg(m.distanceM)));
      }
      QCOMPARE(drawn, 2);
    }
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
