// The Mobility dock's coverage on the interactive map (mobility/mobility_dock.h,
// mobility/coverage_options.h, render/coverage_layers.h), on a generated sample district:
//  - the Coverage tab's options reach mobility-coverage's Params (measure, reach, the rail
//    barrier beside the project, slope-aware walking) and the operation's options;
//  - after the run, the stop catchments, the gap cells by reason and the gaps' people are layers
//    of the Layers panel whose cell values are the operation's result, cell by cell, hour by hour
//    (counted here from the result's cells and gaps, not from the layers' code);
//  - their names and legends in English, and in Japanese with the Japanese translation;
//  - the population layers under them hidden while they are on the map (a planner reads the
//    catchments, not their blend with the people), shown again when they are removed, and a
//    layer hidden before stays hidden;
//  - the hourly table opens at the map's hour (selected, scrolled to) and follows it;
//  - the run's notes (English in the analysis library) in Japanese in a Japanese UI.
// With EKM_SCREENSHOT_DIR and EKM_MOBILITY_PROJECT set (run under Xvfb with -platform xcb), the
// main window (1600 x 1000, in Japanese) with the coverage layers on the map and the Coverage tab
// is saved as mobility-coverage.png.
#include <QCheckBox>
#include <QPushButton>
#include <QTableWidget>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>
#include <cmath>
#include <unordered_map>

#include "ekm/core/error_catalogue.h"
#include "ekm/core/time.h"
#include "layers/layers_panel.h"
#include "mobility/coverage_options.h"
#include "mobility/mobility_dock.h"
#include "render/coverage_layers.h"
#include "support/sample_district.h"
#include "support/temp_dir.h"
#include "mobility_window.h"

using namespace ekm;

namespace {

std::vector<double> valuesAt(const render::MapLayer& layer, core::HourKey hour) {
  const auto* mesh = dynamic_cast<const render::MeshPopulationLayer*>(&layer);
  if (!mesh) return {};
  return *mesh->values()->valuesAt(hour, core::nullFeedback());
}

// The table's rows that are selected, and whether a row is in the visible part of the table.
QList<int> selectedRows(const QTableWidget& table) {
  QList<int> rows;
  for (const QModelIndex& i : table.selectionModel()->selectedRows()) rows << i.row();
  return rows;
}

bool rowIsShown(const QTableWidget& table, int row) {
  return table.viewport()->rect().intersects(table.visualItemRect(table.item(row, 0)));
}

QStringList legendLabels(const render::MapLayer& layer) {
  QStringList out;
  for (const auto& g : layer.legendGroups())
    for (const auto& item : g.items) out << item.label;
  return out;
}

}  // namespace

class TestCoverageLayers : public QObject {
  Q_OBJECT

  widgets::TaskManager m_tasks;
  ekm_test::TempDir m_dir{"coverage_layers"};

 private slots:
  void coverageRunBecomesMapLayers() {
    const std::string project = ekm_test::generateSampleDistrict(m_dir.str("district"), "2025-04-01", "2025-04-02", 500);
    core::Feedback fb;
    auto loaded = std::make_shared<const render::ProjectLayers>(render::loadProjectLayers(project, fb));
    QVERIFY(loaded->mesh && loaded->mesh->size() > 0);
    widgets::LayersPanel layers;
    {  // the project's layers as the main window stacks them: the mesh population shown
      render::LayerList all;
      QSet<QString> hidden;
      for (const auto& s : loaded->makeLayerStack({})) {
        all.push_back(s.layer);
        if (!s.visibleByDefault) hidden.insert(s.layer->id());
      }
      layers.setLayers(all, hidden);
    }
    QVERIFY(layers.isLayerVisible(QStringLiteral("mesh_population")));
    QVERIFY(layers.layer(QStringLiteral("population_heatmap")));
    QVERIFY(!layers.isLayerVisible(QStringLiteral("population_heatmap")));
    widgets::MobilityDock dock;
    dock.setLayersPanel(&layers);
    dock.resize(520, 760);
    dock.show();
    dock.tabs()->setCurrentIndex(1);
    QSignalSpy ready(&dock, &widgets::MobilityDock::serviceReady);
    dock.setSession(std::make_shared<const widgets::ProjectSession>(QString::fromStdString(project), loaded, &m_tasks));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 60000);
    dock.dayTypeBox()->setCurrentIndex(dock.dayTypeBox()->findData(QStringLiteral("weekday")));
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2, 60000);
    const auto hourOf = [](int h) { return core::hourKeyFromJst(*core::parseDate("2025-04-01"), h); };
    dock.setMapHour(hourOf(17));  // the time bar at 17:00

    // The options: minutes (slope-aware off), 3 min; the barrier on by default beside the sample.
    widgets::CoverageOptions* options = dock.coverageOptions();
    QVERIFY(options->barrierBox()->isEnabled());
    QVERIFY(options->barrierBox()->isChecked());
    QVERIFY(!options->slopeBox()->isEnabled());  // distance: never slope-aware
    options->measureBox()->setCurrentIndex(options->measureBox()->findData(QStringLiteral("minutes")));
    QVERIFY(options->slopeBox()->isEnabled());
    options->reachBox()->setValue(3);
    options->slopeBox()->setChecked(false);
    QSignalSpy covered(&dock, &widgets::MobilityDock::coverageReady);
    QSignalSpy failed(&dock, &widgets::MobilityDock::failed);
    dock.runCoverage();
    QTRY_VERIFY_WITH_TIMEOUT(covered.count() == 1 || failed.count() == 1, 280000);
    QVERIFY2(covered.count() == 1, qPrintable(dock.statusText()));

    const auto& params = *dock.submittedCoverage();
    QCOMPARE(params.measure, std::string("minutes"));
    QCOMPARE(params.stop_reach, 3.0);
    QCOMPARE(params.station_reach, 10.0);  // in minutes too
    QCOMPARE(params.slope_aware, false);
    QCOMPARE(params.barriers, std::string("project:basemap_rail.geojson"));
    QCOMPARE(params.day.day_type, std::string("weekday"));
    const auto& result = *dock.coverageResult();
    QVERIFY(result.options.measure == mobility::ReachMeasure::Minutes);
    QCOMPARE(result.options.stopReach, 3.0);
    QVERIFY(!result.options.network.walking.useSlope);
    QVERIFY(QString::fromStdString(result.options.network.barriersPath).endsWith(QStringLiteral("basemap_rail.geojson")));
    QVERIFY(result.coverage.barrierLines > 0);

    // The layers: catchments and gaps by reason shown, the gaps' people listed but hidden.
    const auto reach = layers.layer(QStringLiteral("stop_reach"));
    const auto reasons = layers.layer(QStringLiteral("gap_reasons"));
    const auto gaps = layers.layer(QStringLiteral("coverage_gaps"));
    QVERIFY(reach && reasons && gaps);
    QVERIFY(layers.isLayerVisible(QStringLiteral("stop_reach")));
    QVERIFY(layers.isLayerVisible(QStringLiteral("gap_reasons")));
    QVERIFY(!layers.isLayerVisible(QStringLiteral("coverage_gaps")));
    QCOMPARE(reach->name(), QStringLiteral("Stop catchments: walk to the nearest stop (min)"));
    // The population under the catchments is hidden (the heatmap was hidden already).
    QVERIFY(!layers.isLayerVisible(QStringLiteral("mesh_population")));
    QVERIFY(!layers.isLayerVisible(QStringLiteral("population_heatmap")));
    QVERIFY(dock.removeCoverageButton()->isEnabled());

    // The hourly table opens at the map's hour, selected and scrolled to, and follows the time bar.
    QTableWidget* table = dock.coverageTable();
    QCOMPARE(table->rowCount(), 24);
    QCOMPARE(table->currentRow(), 17);
    QCOMPARE(selectedRows(*table), QList<int>{17});
    QCOMPARE(table->item(17, 0)->text(), QStringLiteral("17"));
    QVERIFY(rowIsShown(*table, 17));
    QVERIFY2(!rowIsShown(*table, 0), "the table is tall enough to show every hour: the scrolling is not tested");
    dock.setMapHour(hourOf(2));
    QCOMPARE(selectedRows(*table), QList<int>{2});
    QVERIFY(rowIsShown(*table, 2));
    QVERIFY(!rowIsShown(*table, 17));
    dock.setMapHour(hourOf(17));

    // Cell by cell: the walk to the nearest stop, from the result's cells.
    const auto& mesh = *loaded->mesh;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < mesh.codes.size(); ++i) index.emplace(mesh.codes[i], i);
    const core::HourKey anyHour = core::hourKeyFromJst(*core::parseDate("2025-04-01"), 0);
    const auto reachValues = valuesAt(*reach, anyHour);
    QCOMPARE(reachValues.size(), mesh.size());
    int inReach = 0, drawn = 0;
    for (const auto& cell : result.coverage.cells) {
      const auto i = index.find(cell.meshCode);
      if (i == index.end()) continue;
      const double v = reachValues[i->second];
      if (cell.nearestStop >= 0) {
        ++inReach;
        QVERIFY2(std::abs(v - cell.nearestStopReach) < 1e-9, cell.meshCode.c_str());
        QVERIFY(v <= 3.0);
      } else {
        QVERIFY2(std::isnan(v), cell.meshCode.c_str());
      }
    }
    for (double v : reachValues) drawn += std::isfinite(v);
    QVERIFY(inReach > 0);
    QCOMPARE(drawn, inReach);

    // Hour by hour: the gap cells and their reasons, from the result's gaps (people below the
    // small-count rule's 10 are not drawn, as in every export).
    int hoursChecked = 0, noStop = 0, noDeparture = 0;
    for (int h = 0; h < 24; ++h) {
      const core::HourKey hour = core::hourKeyFromJst(*core::parseDate("2025-04-01"), h);
      const auto reasonValues = valuesAt(*reasons, hour), people = valuesAt(*gaps, hour);
      int expectedNoStop = 0, expectedNoDeparture = 0;
      for (const auto& g : result.coverage.gaps) {
        if (g.hour != h || g.population < 10) continue;
        const auto& code = result.coverage.cells[static_cast<std::size_t>(g.cell)].meshCode;
        const std::size_t i = index.at(code);
        const bool reasonNoStop = g.reason == "no stop within reach";
        (reasonNoStop ? expectedNoStop : expectedNoDeparture) += 1;
        QCOMPARE(reasonValues[i], reasonNoStop ? render::CoverageMap::kNoStopInReach : render::CoverageMap::kNoDeparture);
        QCOMPARE(people[i], g.population);
      }
      int gotNoStop = 0, gotNoDeparture = 0, gotPeople = 0;
      for (double v : reasonValues) {
        gotNoStop += v == render::CoverageMap::kNoStopInReach;
        gotNoDeparture += v == render::CoverageMap::kNoDeparture;
      }
      for (double v : people) gotPeople += std::isfinite(v);
      QCOMPARE(gotNoStop, expectedNoStop);
      QCOMPARE(gotNoDeparture, expectedNoDeparture);
      QCOMPARE(gotPeople, expectedNoStop + expectedNoDeparture);
      noStop += expectedNoStop;
      noDeparture += expectedNoDeparture;
      hoursChecked += expectedNoStop + expectedNoDeparture > 0;
    }
    QVERIFY(hoursChecked > 0);
    QVERIFY2(noStop > 0 && noDeparture > 0, qPrintable(QStringLiteral("%1 / %2").arg(noStop).arg(noDeparture)));

    // The legend names both reasons; the catchments' "missing" item says why.
    QCOMPARE(legendLabels(*reasons), (QStringList{QStringLiteral("No bus stop within reach"),
                                                  QStringLiteral("No departure in the hour")}));
    QVERIFY(legendLabels(*reach).contains(QStringLiteral("No bus stop within reach")));
    // A new opacity copies the layer as what it is: the legend keeps the reasons.
    layers.setLayerOpacity(QStringLiteral("gap_reasons"), 0.5);
    QCOMPARE(layers.layer(QStringLiteral("gap_reasons"))->opacity(), 0.5);
    QCOMPARE(legendLabels(*layers.layer(QStringLiteral("gap_reasons"))),
             (QStringList{QStringLiteral("No bus stop within reach"), QStringLiteral("No departure in the hour")}));

    // In Japanese: the layers shown again take the Japanese names and legend.
    QTranslator ja;
    QVERIFY(ja.load(QStringLiteral(":/i18n/ekimachi_ja.qm")));
    QCoreApplication::installTranslator(&ja);
    dock.showCoverageLayers();
    const auto reasonsJa = layers.layer(QStringLiteral("gap_reasons"));
    QCOMPARE(reasonsJa->name(), QStringLiteral("交通空白の理由"));
    QCOMPARE(legendLabels(*reasonsJa), (QStringList{QStringLiteral("徒歩圏にバス停なし"), QStringLiteral("この時間に発車なし")}));
    QVERIFY(layers.layer(QStringLiteral("stop_reach"))->name().contains(QStringLiteral("徒歩")));
    QVERIFY(!layers.isLayerVisible(QStringLiteral("mesh_population")));  // shown again, still hidden under them

    // Population turned on by hand over the coverage: the next run hides it again.
    layers.setLayerVisible(QStringLiteral("mesh_population"), true);

    // A run in the Japanese UI: its notes in Japanese. In metres and without the rail barrier,
    // two notes are sure to be there.
    widgets::setUiIsJapanese(true);
    options->measureBox()->setCurrentIndex(options->measureBox()->findData(QStringLiteral("distance")));
    options->reachBox()->setValue(300);
    options->barrierBox()->setChecked(false);
    dock.runCoverage();
    QTRY_VERIFY_WITH_TIMEOUT(covered.count() == 2 || failed.count() == 1, 280000);
    widgets::setUiIsJapanese(false);
    QVERIFY2(covered.count() == 2, qPrintable(dock.statusText()));
    const QString status = dock.statusText();
    QVERIFY2(status.contains(QStringLiteral("の人口。")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("障壁線の指定なし: この計算では線路を横断できるものとしています")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("徒歩圏は歩行距離（m）で測っています")), qPrintable(status));
    const auto& notes = dock.coverageResult()->coverage.notes;
    QVERIFY(notes.size() >= 2);
    for (const std::string& note : notes) {
      QVERIFY2(!status.contains(QString::fromStdString(note)), note.c_str());  // no English note left
      const std::string japanese = core::translateErrorText(note, core::Language::Japanese);
      QVERIFY2(japanese != note, note.c_str());
      QVERIFY2(status.contains(QString::fromStdString(japanese)), japanese.c_str());
    }
    QCoreApplication::removeTranslator(&ja);
    QVERIFY(!layers.isLayerVisible(QStringLiteral("mesh_population")));

    // Removed from the map: the population shown again; the heatmap, hidden before, stays so.
    dock.removeCoverageButton()->click();
    for (const char* id : {"stop_reach", "coverage_gaps", "gap_reasons"}) QVERIFY2(!layers.layer(QString::fromLatin1(id)), id);
    QVERIFY(layers.isLayerVisible(QStringLiteral("mesh_population")));
    QVERIFY(!layers.isLayerVisible(QStringLiteral("population_heatmap")));
    QVERIFY(!dock.removeCoverageButton()->isEnabled());
  }

  // The main window on a full project with the coverage on the map (skipped without both variables).
  void screenshotOnAFullProject() {
    const QByteArray project = qgetenv("EKM_MOBILITY_PROJECT"), shots = qgetenv("EKM_SCREENSHOT_DIR");
    if (project.isEmpty() || shots.isEmpty()) QSKIP("EKM_MOBILITY_PROJECT and EKM_SCREENSHOT_DIR not set");
    ekm_test::MobilityWindow w;
    QString error = w.open(project, 640);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    w.dock->tabs()->setCurrentIndex(1);
    QSignalSpy covered(w.dock, &widgets::MobilityDock::coverageReady);
    QSignalSpy failed(w.dock, &widgets::MobilityDock::failed);
    w.dock->runCoverage();
    QTRY_VERIFY_WITH_TIMEOUT(covered.count() == 1 || failed.count() == 1, 600000);
    QVERIFY2(covered.count() == 1, qPrintable(w.dock->statusText()));
    error = w.zoomToGateway();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = w.save(shots, QStringLiteral("mobility-coverage.png"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }
};

QTEST_MAIN(TestCoverageLayers)
#include "test_coverage_layers.moc"
