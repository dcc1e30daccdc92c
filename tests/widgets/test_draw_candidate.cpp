// Drawing a candidate bus route on the map (map/draw_route_tool.h, mobility/candidate_panel.h):
//  - clicks on the canvas become the candidate's stops; a new stop's lon/lat equals the pixel
//    turned into map coordinates by hand (extent and size) and into lon/lat by PROJ's C API,
//    not by the canvas's own transform; a click a few pixels from a bus stop takes that stop
//    (its feed id and exact position); Backspace removes the last stop, Esc cancels, a double
//    click finishes; the candidate's GeoJSON is the candidate route file of docs/route_demand.md;
//  - on a generated sample district, the Mobility dock submits mobility-route-demand with the
//    drawn candidate as its `candidate` file through the TaskManager, and the figures shown are
//    those of the operation run directly with the same Params.
// With EKM_SCREENSHOT_DIR and EKM_MOBILITY_PROJECT set (run under Xvfb with -platform xcb), the
// main window with the Mobility dock, a drawn candidate and its riders is saved as
// mobility-draw-candidate.png.
#include <proj.h>

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTranslator>
#include <QtTest>
#include <cmath>

#include "ekm/io/gtfs_import.h"
#include "ekm/ops/session.h"
#include "layers/layers_panel.h"
#include "main/main_window.h"
#include "time/time_bar.h"
#include "map/draw_route_tool.h"
#include "map/map_canvas.h"
#include "mobility/candidate_panel.h"
#include "mobility/mobility_dock.h"
#include "support/sample_district.h"
#include "support/temp_dir.h"
#include "mobility_window.h"

using namespace ekm;

namespace {

// EPSG:6677 (JGD2011 / Japan Plane Rectangular CS IX) -> lon/lat, by PROJ directly.
std::pair<double, double> lonLatOf6677(double x, double y) {
  PJ* raw = proj_create_crs_to_crs(PJ_DEFAULT_CTX, "EPSG:6677", "EPSG:4326", nullptr);
  PJ* pj = proj_normalize_for_visualization(PJ_DEFAULT_CTX, raw);
  proj_destroy(raw);
  const PJ_COORD out = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0));
  proj_destroy(pj);
  return {out.xy.x, out.xy.y};
}

// A canvas of 800 x 600 px showing exactly 1,200 m x 900 m (1.5 m a pixel) in EPSG:6677 whose
// top left corner is (x0, y0 + 900).
constexpr double kX0 = -6000, kY0 = -41000, kMpp = 1.5;

void setUpCanvas(widgets::MapCanvas& canvas) {
  canvas.resize(800, 600);
  canvas.setDestinationEpsg(6677);
  canvas.setExtent({kX0, kY0, kX0 + 800 * kMpp, kY0 + 600 * kMpp});
  canvas.show();
}

QPointF mapOfPixel(QPoint px) { return {kX0 + px.x() * kMpp, kY0 + 600 * kMpp - px.y() * kMpp}; }

void click(QWidget* w, QPoint p) { QTest::mouseClick(w, Qt::LeftButton, Qt::NoModifier, p); }

}  // namespace

class TestDrawCandidate : public QObject {
  Q_OBJECT

  widgets::TaskManager m_tasks;
  std::unique_ptr<ekm_test::TempDir> m_dir;
  std::string m_district;

  void ensureDistrict() {
    if (!m_district.empty()) return;
    m_dir = std::make_unique<ekm_test::TempDir>("draw_candidate");
    m_district = ekm_test::generateSampleDistrict(m_dir->str("district"), "2025-04-01", "2025-04-02", 500);
  }

 private slots:
  void clicksBecomeStopsSnappedToExistingOnes() {
    widgets::MapCanvas canvas;
    setUpCanvas(canvas);
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QCOMPARE(canvas.visibleExtent().xMin, kX0);  // the aspect matches: no growth
    widgets::DrawRouteTool tool(&canvas, nullptr);
    // One existing stop, at pixel (400, 300); its lon/lat by PROJ from its map point.
    widgets::RouteStop existing;
    existing.stopId = QStringLiteral("9001_01");
    existing.name = QStringLiteral("芝浦三丁目");
    existing.mapPoint = mapOfPixel({400, 300});
    std::tie(existing.lon, existing.lat) = lonLatOf6677(existing.mapPoint.x(), existing.mapPoint.y());
    tool.setSnapStops({existing});
    canvas.setMapTool(&tool);
    QSignalSpy finished(&tool, &widgets::DrawRouteTool::finished);
    QSignalSpy cancelled(&tool, &widgets::DrawRouteTool::cancelled);

    click(&canvas, {100, 500});
    click(&canvas, {403, 298});  // 3.6 px from the stop: snapped
    click(&canvas, {700, 100});
    click(&canvas, {650, 80});
    QCOMPARE(tool.stops().size(), std::size_t(4));
    QTest::keyClick(&canvas, Qt::Key_Backspace);  // removes (650, 80)
    QCOMPARE(tool.stops().size(), std::size_t(3));
    click(&canvas, {750, 50});
    QCOMPARE(finished.count(), 0);
    QTest::mouseDClick(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(750, 50));  // finishes, adds nothing
    QCOMPARE(finished.count(), 1);
    QVERIFY(tool.isFinished());
    click(&canvas, {10, 10});  // after finishing: no more stops
    const auto& stops = tool.stops();
    QCOMPARE(stops.size(), std::size_t(4));

    QCOMPARE(stops[1].stopId, existing.stopId);
    QCOMPARE(stops[1].lon, existing.lon);
    QCOMPARE(stops[1].lat, existing.lat);
    const QPoint news[] = {{100, 500}, {700, 100}, {750, 50}};
    const std::size_t at[] = {0, 2, 3};
    for (int i = 0; i < 3; ++i) {
      const QPointF m = mapOfPixel(news[i]);
      const auto [lon, lat] = lonLatOf6677(m.x(), m.y());
      const auto& s = stops[at[i]];
      QVERIFY(!s.existing());
      QVERIFY2(std::abs(s.lon - lon) < 1e-9 && std::abs(s.lat - lat) < 1e-9,
               qPrintable(QStringLiteral("stop %1: %2 %3 vs %4 %5").arg(i).arg(s.lon, 0, 'f', 9).arg(s.lat, 0, 'f', 9)
                              .arg(lon, 0, 'f', 9).arg(lat, 0, 'f', 9)));
    }
    // Around Takanawa: the pixels are in the district (a sanity check of the reference itself).
    QVERIFY(stops[0].lon > 139.6 && stops[0].lon < 139.9 && stops[0].lat > 35.5 && stops[0].lat < 35.8);

    // The candidate route file: the line through the stops in order, the stops as Points.
    widgets::CandidateService service;
    service.routeId = "cand-x";
    service.name = "テスト候補";
    service.headwayMin = 12;
    service.start = "06:30";
    service.end = "21:00";
    service.speedKmh = 14;
    service.twoWay = false;
    const ops::Json j = widgets::candidateGeoJson(service, stops);
    QCOMPARE(j["type"].get<std::string>(), std::string("FeatureCollection"));
    const auto& f = j["features"];
    QCOMPARE(f.size(), std::size_t(5));
    const auto& line = f[0];
    QCOMPARE(line["geometry"]["type"].get<std::string>(), std::string("LineString"));
    const auto& p = line["properties"];
    QCOMPARE(p["route_id"].get<std::string>(), std::string("cand-x"));
    QCOMPARE(p["name"].get<std::string>(), std::string("テスト候補"));
    QCOMPARE(p["headway_min"].get<double>(), 12.0);
    QCOMPARE(p["start"].get<std::string>(), std::string("06:30"));
    QCOMPARE(p["end"].get<std::string>(), std::string("21:00"));
    QCOMPARE(p["speed_kmh"].get<double>(), 14.0);
    QCOMPARE(p["two_way"].get<bool>(), false);
    for (std::size_t i = 0; i < 4; ++i) {
      QCOMPARE(line["geometry"]["coordinates"][i][0].get<double>(), stops[i].lon);
      QCOMPARE(f[i + 1]["geometry"]["coordinates"][1].get<double>(), stops[i].lat);
    }
    QCOMPARE(f[2]["properties"]["stop_id"].get<std::string>(), std::string("9001_01"));
    QCOMPARE(f[2]["properties"]["name"].get<std::string>(), std::string("芝浦三丁目"));
    QCOMPARE(f[1]["properties"]["stop_id"].get<std::string>(), std::string("cand-x-1"));

    // Esc cancels a new drawing.
    tool.clear();
    click(&canvas, {100, 100});
    QTest::keyClick(&canvas, Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(tool.stops().empty());
    // A tool gone leaves the canvas identifying again.
    canvas.setMapTool(nullptr);
    QSignalSpy identify(&canvas, &widgets::MapCanvas::mapClicked);
    click(&canvas, {200, 200});
    QCOMPARE(identify.count(), 1);
  }

  // The dock on a generated district: draw across the district (one click on a Chii-bus stop),
  // estimate, and compare with the operation run directly with the submitted Params.
  void dockSubmitsRouteDemandWithTheDrawnCandidate() {
    ensureDistrict();
    widgets::MapCanvas canvas;
    widgets::LayersPanel layers;
    widgets::MobilityDock dock;
    dock.setLayersPanel(&layers);
    dock.setMapCanvas(&canvas);
    canvas.resize(800, 600);
    canvas.setDestinationEpsg(6677);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    // The view: 1,200 m x 900 m around Takanawa Gateway station.
    const auto centre = *canvas.fromLonLat(139.7405, 35.6355);
    canvas.setExtent({centre.x() - 600, centre.y() - 450, centre.x() + 600, centre.y() + 450});
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(m_district), nullptr, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 60000);
    dock.dayTypeBox()->setCurrentIndex(dock.dayTypeBox()->findData(QStringLiteral("weekday")));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 60000);
    widgets::CandidatePanel* panel = dock.candidatePanel();
    panel->startDrawing();
    QCOMPARE(canvas.mapTool(), panel->drawTool());
    // The feed stop nearest the centre of the view: the second click lands 2 px from it.
    const store::GtfsStop* target = nullptr;
    QPointF targetPx;
    double best = 1e9;
    for (const auto& s : dock.service()->stops) {
      if (s.locationType != 0) continue;
      const QPointF px = canvas.toWidget(*canvas.fromLonLat(s.position.lon, s.position.lat));
      const double d = std::hypot(px.x() - 400, px.y() - 300);
      if (d < best && px.x() > 40 && px.x() < 760 && px.y() > 40 && px.y() < 560) best = d, target = &s, targetPx = px;
    }
    QVERIFY2(target, qPrintable(QStringLiteral("no Chii-bus stop near the centre of the view (%1 stops, nearest %2 px)").arg(dock.service()->stops.size()).arg(best)));
    // New stops away from it on either side.
    const QPoint p2 = (targetPx + QPointF(2, 0)).toPoint();
    const QPoint p1(targetPx.x() < 400 ? 600 : 200, 250), p3(targetPx.x() < 400 ? 700 : 100, 400);
    QSignalSpy drawn(panel, &widgets::CandidatePanel::drawingFinished);
    click(&canvas, p1);
    click(&canvas, p2);
    click(&canvas, p3);
    QTest::keyClick(&canvas, Qt::Key_Return);
    QCOMPARE(drawn.count(), 1);
    QCOMPARE(canvas.mapTool(), nullptr);  // clicks identify again
    QCOMPARE(panel->stopsTable()->rowCount(), 3);
    bool layerShown = false;
    for (const auto& l : layers.allLayers()) layerShown |= l->id() == QStringLiteral("drawn-candidate");
    QVERIFY(layerShown);
    const auto& stops = panel->drawTool()->stops();
    QCOMPARE(stops[1].stopId.toStdString(), target->stopId);
    QCOMPARE(stops[1].lon, target->position.lon);

    panel->routeIdEdit()->setText(QStringLiteral("cand-draw"));
    panel->nameEdit()->setText(QStringLiteral("描いた候補"));
    panel->headwayBox()->setValue(10);
    QSignalSpy estimated(panel, &widgets::CandidatePanel::demandReady);
    QSignalSpy failed(panel, &widgets::CandidatePanel::failed);
    QVERIFY(panel->runButton()->isEnabled());
    panel->runDemand();
    QTRY_VERIFY_WITH_TIMEOUT(estimated.count() == 1 || failed.count() == 1, 240000);
    QVERIFY2(estimated.count() == 1, qPrintable(panel->statusText()));

    // The Params: the drawn candidate as the candidate file, the dock's day, the rail barriers
    // beside the project.
    const auto& params = *panel->submittedParams();
    QFile file(QString::fromStdString(params.candidate));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const ops::Json written = ops::Json::parse(file.readAll().toStdString());
    QCOMPARE(written.dump(), panel->candidate().dump());
    QCOMPARE(written["features"][0]["properties"]["route_id"].get<std::string>(), std::string("cand-draw"));
    QCOMPARE(written["features"][0]["properties"]["headway_min"].get<double>(), 10.0);
    QCOMPARE(written["features"][2]["properties"]["stop_id"].get<std::string>(), target->stopId);
    QCOMPARE(params.day.day_type, std::string("weekday"));
    QCOMPARE(params.network.barriers, std::string("project:basemap_rail.geojson"));

    // The figures shown are the operation's, run here with the same Params.
    ops::Session session(m_district);
    const auto direct = ops::run<mobility::RouteDemandOp>(session, params, core::nullFeedback());
    const auto* f = direct.with.route("cand-draw");
    QVERIFY(f);
    QCOMPARE(panel->demandResult()->focus, std::string("cand-draw"));
    QCOMPARE(panel->resultTable()->item(0, 1)->data(Qt::UserRole).toDouble(), f->ridersDay);
    QCOMPARE(panel->resultTable()->item(1, 1)->data(Qt::UserRole).toDouble(),
             direct.with.transitRiders() - direct.without.transitRiders());
    QCOMPARE(f->stops, 3);
    QVERIFY(f->tripsPerDay > 0);

    // Saved as GeoJSON: the same file the CLI takes.
    const QString saved = QString::fromStdString(m_dir->str("drawn.geojson"));
    QVERIFY(panel->saveAs(saved));
    QFile back(saved);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(ops::Json::parse(back.readAll().toStdString()).dump(), panel->candidate().dump());
  }

  // A screenshot of the main window on a full project (skipped without both variables).
  void screenshotOnAFullProject() {
    const QByteArray project = qgetenv("EKM_MOBILITY_PROJECT"), shots = qgetenv("EKM_SCREENSHOT_DIR");
    if (project.isEmpty() || shots.isEmpty()) QSKIP("EKM_MOBILITY_PROJECT and EKM_SCREENSHOT_DIR not set");
    ekm_test::MobilityWindow w;
    QString error = w.open(project, 700);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    widgets::MobilityDock* dock = w.dock;
    QSignalSpy shown(dock, &widgets::MobilityDock::layersShown);
    dock->showOnMap();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 1, 60000);
    error = w.zoomToGateway();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    widgets::MapCanvas* canvas = w.window.canvas();
    dock->tabs()->setCurrentWidget(dock->candidatePanel());
    auto* panel = dock->candidatePanel();
    panel->startDrawing();
    // West of the tracks (Takanawa) to the east (Shibaura), across them.
    for (const auto& [lon, lat] : {std::pair{139.7345, 35.6385}, {139.7395, 35.6385}, {139.7427, 35.6384},
                                   {139.7470, 35.6381}, {139.7500, 35.6375}})
      click(canvas, canvas->toWidget(*canvas->fromLonLat(lon, lat)).toPoint());
    QTest::keyClick(canvas, Qt::Key_Return);
    panel->routeIdEdit()->setText(QStringLiteral("cand-ew"));
    panel->nameEdit()->setText(QStringLiteral("東西連絡 候補"));
    QSignalSpy estimated(panel, &widgets::CandidatePanel::demandReady);
    QSignalSpy failed(panel, &widgets::CandidatePanel::failed);
    panel->runDemand();
    QTRY_VERIFY_WITH_TIMEOUT(estimated.count() == 1 || failed.count() == 1, 600000);
    QVERIFY2(estimated.count() == 1, qPrintable(panel->statusText()));
    error = w.save(shots, QStringLiteral("mobility-draw-candidate.png"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }
};

QTEST_MAIN(TestDrawCandidate)
#include "test_draw_candidate.moc"
