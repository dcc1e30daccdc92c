// The Inspector and Charts docks (issue 4): the Identifier picks the top-most layer's feature
// (test layers below), cancels an older click and answers tooltips without blocking; the
// Inspector reads a cell's and a station's series from a tiny store (values as written, gaps
// where missing) and setHour moves the current-hour line without a reload; the Charts dock's
// day-type profiles equal means computed here independently (Japanese holiday 2025-03-20
// counts as Sunday/holiday); CSV export of the series and of the profiles.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHBoxLayout>
#include <QSignalSpy>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <thread>

#include "charts/chart_panel.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/store/project.h"
#include "inspect/charts_panel.h"
#include "inspect/day_type_profiles.h"
#include "inspect/identifier.h"
#include "inspect/inspector_panel.h"
#include "map/map_canvas.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"

using namespace ekm;
using render::IdentifyResult;
using widgets::ChartsPanel;
using widgets::Identifier;
using widgets::InspectorPanel;
using std::chrono::year_month_day;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kDays = 28;  // 2025-03-01 .. 2025-03-28 JST

year_month_day dayOf(int d) {
  return year_month_day{std::chrono::sys_days{std::chrono::year(2025) / 3 / 1} + std::chrono::days(d)};
}
core::HourKey hourOf(int d, int h) { return core::hourKeyFromJst(dayOf(d), h); }

// Day types written out here, independently of ekm::core::calendar: March 2025 has one
// national holiday, the Vernal Equinox Day on Thursday 2025-03-20 (day 19).
enum class Kind { Weekday, Saturday, SundayHoliday };
Kind kindOf(int d) {
  const unsigned w = std::chrono::weekday{std::chrono::sys_days{dayOf(d)}}.c_encoding();  // 0 = Sunday
  if (w == 0 || d == 19) return Kind::SundayHoliday;
  if (w == 6) return Kind::Saturday;
  return Kind::Weekday;
}

// Cell 0: a value per day type, hour and day; hours 05-08 of day 9 have no row, hour 09 of
// day 10 is blank (both missing).
double cell0Value(int d, int h) {
  if (d == 9 && h >= 5 && h <= 8) return kNaN;
  if (d == 10 && h == 9) return kNaN;
  switch (kindOf(d)) {
    case Kind::Weekday:
      return 100 + 3 * h + (d % 3);
    case Kind::Saturday:
      return 50 + h + 4 * (d % 2);
    case Kind::SundayHoliday:
      return 20 + 2 * h + (d % 5);
  }
  return kNaN;
}
double cell1Value(int d, int h) { return 10 * (d + 1) + h; }
double boardings(int d, int h) { return d == 2 && h == 3 ? kNaN : 5 * d + h; }
double alightings(int d, int h) { return 2 * d + h + 1; }

struct TinyProject {
  QTemporaryDir dir;
  std::string path;
  std::vector<std::string> codes;
  std::int64_t cellFid[2] = {-1, -1};
  std::int64_t stationFid = -1;

  TinyProject() {
    path = dir.filePath(QStringLiteral("inspect.gpkg")).toStdString();
    const std::string popPath = dir.filePath(QStringLiteral("pop.csv")).toStdString();
    const std::string stationsPath = dir.filePath(QStringLiteral("stations.csv")).toStdString();
    const std::string ridershipPath = dir.filePath(QStringLiteral("ridership.csv")).toStdString();
    for (int i = 0; i < 2; ++i) codes.push_back(mesh::encode(35.6354, 139.7406 + 0.0017 * i, mesh::MeshLevel::Eighth));
    {
      std::ofstream csv(popPath);
      csv << "mesh_code,date,hour,population\n";
      for (int d = 0; d < kDays; ++d)
        for (int h = 0; h < 24; ++h) {
          const std::string ds = core::formatDate(dayOf(d));
          const double v = cell0Value(d, h);
          if (d == 10 && h == 9)
            csv << codes[0] << "," << ds << "," << h << ",\n";  // blank: suppressed
          else if (!std::isnan(v))
            csv << codes[0] << "," << ds << "," << h << "," << v << "\n";
          csv << codes[1] << "," << ds << "," << h << "," << cell1Value(d, h) << "\n";
        }
    }
    {
      std::ofstream csv(stationsPath);
      csv << "station_id,name_ja,name_en,operator,lines,lat,lon\n"
          << "tg,高輪ゲートウェイ,Takanawa Gateway,JR-East,Yamanote,35.6353954,139.7406575\n";
    }
    {
      std::ofstream csv(ridershipPath);
      csv << "station_id,date,hour,boardings,alightings\n";
      for (int d = 0; d < kDays; ++d)
        for (int h = 0; h < 24; ++h) {
          const double b = boardings(d, h);
          csv << "tg," << core::formatDate(dayOf(d)) << "," << h << ",";
          if (!std::isnan(b)) csv << b;
          csv << "," << alightings(d, h) << "\n";
        }
    }
    store::Project project = store::Project::create(path);
    io::importFile(project, io::ImportKind::MeshPopulation, popPath, {}, core::nullFeedback());
    io::importFile(project, io::ImportKind::Stations, stationsPath, {}, core::nullFeedback());
    io::importFile(project, io::ImportKind::StationRidership, ridershipPath, {}, core::nullFeedback());
    for (const auto& c : project.meshCells())
      for (int i = 0; i < 2; ++i)
        if (c.meshCode == codes[static_cast<std::size_t>(i)]) cellFid[i] = c.fid;
    stationFid = project.stations().at(0).fid;
  }

  IdentifyResult cell(int i) const {
    IdentifyResult r;
    r.layerId = QStringLiteral("mesh_population");
    r.layerName = QStringLiteral("Population");
    r.kind = IdentifyResult::FeatureKind::MeshCell;
    r.fid = cellFid[i];
    r.title = QString::fromStdString(codes[static_cast<std::size_t>(i)]);
    r.attributes = {{QStringLiteral("Mesh code"), r.title}, {QStringLiteral("Level"), QStringLiteral("1/8")}};
    return r;
  }
  IdentifyResult station() const {
    IdentifyResult r;
    r.layerName = QStringLiteral("Stations");
    r.kind = IdentifyResult::FeatureKind::Station;
    r.fid = stationFid;
    r.title = QStringLiteral("高輪ゲートウェイ");
    return r;
  }
};

// A test layer: one rectangle (map units) that identifies as a given feature. With `blockUntilCancelled`
// its identify waits (polling the feedback) until a newer request cancels it; with `fail` it throws.
class RectLayer : public render::MapLayer {
 public:
  RectLayer(QString id, render::Extent rect, std::int64_t fid, bool blockUntilCancelled = false, bool fail = false)
      : MapLayer(id, QStringLiteral("Layer ") + id), m_rect(rect), m_fid(fid), m_block(blockUntilCancelled), m_fail(fail) {}
  render::Extent extent() const override { return m_rect; }
  void render(render::RenderContext&) const override {}
  std::optional<IdentifyResult> identify(QPointF p, const render::MapSettings& settings,
                                         core::Feedback& feedback) const override {
    if (!m_rect.contains(p.x(), p.y())) return std::nullopt;
    if (m_fail) throw std::runtime_error("broken layer");
    if (m_block)
      for (int i = 0; i < 2000 && !feedback.isCancelled(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    feedback.throwIfCancelled();
    IdentifyResult r;
    r.layerId = id();
    r.layerName = name();
    r.kind = IdentifyResult::FeatureKind::MeshCell;
    r.fid = m_fid;
    r.title = QStringLiteral("cell %1").arg(m_fid);
    r.value = static_cast<double>(settings.hour());
    r.valueText = QStringLiteral("%1 people").arg(settings.hour());
    return r;
  }

 private:
  render::Extent m_rect;
  std::int64_t m_fid;
  bool m_block, m_fail;
};

render::MapSettings settings100(core::HourKey hour = 7) {
  render::MapSettings s;
  s.setExtent(render::Extent{0, 0, 400, 400});
  s.setOutputSize(QSize(400, 400));  // 1 map unit per pixel
  s.setHour(hour);
  return s;
}

// Type-7 quantile written out here (not flow::quantile).
double quantile7(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double pos = p * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

class TestInspect : public QObject {
  Q_OBJECT

 private slots:
  void identifierPicksTheTopMostLayer() {
    // Bottom A covers [0,200]^2 (fid 1); top B covers [100,200]^2 (fid 2).
    const render::LayerList layers{std::make_shared<RectLayer>(QStringLiteral("A"), render::Extent{0, 0, 200, 200}, 1),
                                   std::make_shared<RectLayer>(QStringLiteral("B"), render::Extent{100, 100, 200, 200}, 2)};
    const auto s = settings100();
    auto top = Identifier::identifyAt(layers, QPointF(150, 150), s, core::nullFeedback());
    QVERIFY(top);
    QCOMPARE(top->fid, std::int64_t(2));
    QCOMPARE(top->layerId, QStringLiteral("B"));
    auto below = Identifier::identifyAt(layers, QPointF(50, 150), s, core::nullFeedback());
    QVERIFY(below);
    QCOMPARE(below->fid, std::int64_t(1));
    QVERIFY(!Identifier::identifyAt(layers, QPointF(300, 300), s, core::nullFeedback()));

    // An invisible top layer (opacity 0) lets the one below answer.
    auto hidden = std::make_shared<RectLayer>(QStringLiteral("B"), render::Extent{100, 100, 200, 200}, 2);
    hidden->setOpacity(0);
    QCOMPARE(Identifier::identifyAt({layers[0], hidden}, QPointF(150, 150), s, core::nullFeedback())->fid, std::int64_t(1));
    // A failing top layer does not hide the layer below; alone, its error is reported.
    auto broken = std::make_shared<RectLayer>(QStringLiteral("X"), render::Extent{100, 100, 200, 200}, 9, false, true);
    QCOMPARE(Identifier::identifyAt({layers[0], broken}, QPointF(150, 150), s, core::nullFeedback())->fid, std::int64_t(1));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             Identifier::identifyAt({broken}, QPointF(150, 150), s, core::nullFeedback()));

    // In the background: the result arrives by signal.
    Identifier identifier;
    QSignalSpy found(&identifier, &Identifier::identified);
    QSignalSpy nothing(&identifier, &Identifier::nothingIdentified);
    QSignalSpy failed(&identifier, &Identifier::identifyFailed);
    identifier.identify(QPointF(150, 150), layers, s);
    QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 10000);
    QCOMPARE(found.at(0).at(0).value<IdentifyResult>().fid, std::int64_t(2));
    QCOMPARE(found.at(0).at(1).toPointF(), QPointF(150, 150));
    identifier.identify(QPointF(300, 300), layers, s);
    QTRY_COMPARE_WITH_TIMEOUT(nothing.count(), 1, 10000);
    identifier.identify(QPointF(150, 150), {broken}, s);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("broken layer")));
  }

  void aNewerClickSupersedesAnOlderOne() {
    // The slow layer at x < 100 waits until it is cancelled; the second click (on the fast
    // layer) cancels it, and only the second result is delivered.
    const render::LayerList layers{
        std::make_shared<RectLayer>(QStringLiteral("slow"), render::Extent{0, 0, 99, 400}, 11, true),
        std::make_shared<RectLayer>(QStringLiteral("fast"), render::Extent{100, 0, 400, 400}, 12)};
    Identifier identifier;
    QSignalSpy found(&identifier, &Identifier::identified);
    QSignalSpy nothing(&identifier, &Identifier::nothingIdentified);
    identifier.identify(QPointF(50, 50), layers, settings100());
    QVERIFY(identifier.isBusy());
    identifier.identify(QPointF(250, 50), layers, settings100());
    QTRY_VERIFY_WITH_TIMEOUT(!identifier.isBusy(), 20000);
    QCOMPARE(found.count(), 1);
    QCOMPARE(found.at(0).at(0).value<IdentifyResult>().fid, std::int64_t(12));
    QCOMPARE(nothing.count(), 0);
  }

  void attachedToACanvas() {
    // The canvas's click identifies with the canvas's own layers and settings; its tooltip
    // provider is the Identifier's (first empty, then the cached text).
    const render::LayerList layers{std::make_shared<RectLayer>(QStringLiteral("A"), render::Extent{0, 0, 200, 200}, 3)};
    widgets::MapCanvas canvas;
    canvas.resize(400, 400);
    canvas.setLayers(layers);
    canvas.setExtent(render::Extent{0, 0, 400, 400});
    canvas.setHour(42);
    Identifier identifier;
    identifier.attachTo(&canvas);
    QSignalSpy found(&identifier, &Identifier::identified);
    emit canvas.mapClicked(QPointF(10, 10));
    QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 10000);
    QCOMPARE(found.at(0).at(0).value<IdentifyResult>().fid, std::int64_t(3));
    QCOMPARE(found.at(0).at(0).value<IdentifyResult>().value, 42.0);  // at the canvas's hour
    QSignalSpy ready(&identifier, &Identifier::toolTipReady);
    QCOMPARE(identifier.toolTipAt(QPointF(10, 10), canvas.layers(), canvas.mapSettings()), QString());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QCOMPARE(identifier.toolTipAt(QPointF(10, 10), canvas.layers(), canvas.mapSettings()),
             QStringLiteral("cell 3\nLayer A: 42 people"));
  }

  void toolTipsNeverBlockAndAreCached() {
    const render::LayerList layers{std::make_shared<RectLayer>(QStringLiteral("A"), render::Extent{0, 0, 200, 200}, 5)};
    Identifier identifier;
    QSignalSpy ready(&identifier, &Identifier::toolTipReady);
    // First hover: nothing cached yet, a background request starts.
    QCOMPARE(identifier.toolTipAt(QPointF(20, 20), layers, settings100(7)), QString());
    QCOMPARE(identifier.requestsStarted(), 1);
    // Asking again at (almost) the same point while it runs starts no second request.
    QCOMPARE(identifier.toolTipAt(QPointF(21, 20), layers, settings100(7)), QString());
    QCOMPARE(identifier.requestsStarted(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    const QString expected = QStringLiteral("cell 5\nLayer A: 7 people");
    QCOMPARE(ready.at(0).at(1).toString(), expected);
    // Now answered from the cache, within 3 pixels.
    QCOMPARE(identifier.toolTipAt(QPointF(22, 19), layers, settings100(7)), expected);
    QCOMPARE(identifier.requestsStarted(), 1);
    // Another hour: a new request, and the new value.
    QCOMPARE(identifier.toolTipAt(QPointF(22, 19), layers, settings100(8)), QString());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
    QCOMPARE(identifier.toolTipAt(QPointF(22, 19), layers, settings100(8)), QStringLiteral("cell 5\nLayer A: 8 people"));
    // Outside every feature: an empty tooltip.
    QCOMPARE(identifier.toolTipAt(QPointF(300, 300), layers, settings100(8)), QString());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 3, 10000);
    QCOMPARE(ready.at(2).at(1).toString(), QString());
  }

  void inspectorLoadsTheCellSeriesWithGaps() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    InspectorPanel inspector;
    inspector.resize(500, 600);
    inspector.show();
    inspector.setSession(std::make_shared<widgets::ProjectSession>(QString::fromStdString(tiny.path), nullptr, &tasks));
    inspector.setWindow(InspectorPanel::Window::Week);
    const core::HourKey hour = hourOf(10, 12);  // 2025-03-11 12:00 JST
    inspector.setHour(hour);
    QSignalSpy loaded(&inspector, &InspectorPanel::seriesLoaded);
    inspector.showFeature(tiny.cell(0));
    QVERIFY(inspector.isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QVERIFY(loaded.at(0).at(0).toBool());
    QCOMPARE(inspector.loadsStarted(), 1);

    // Attributes: the layer's, then the feature id.
    QTableWidget* table = inspector.attributesTable();
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Mesh code"));
    QCOMPARE(table->item(0, 1)->text(), QString::fromStdString(tiny.codes[0]));
    QCOMPARE(table->item(table->rowCount() - 1, 1)->text(), QString::number(tiny.cellFid[0]));

    // The week window: hour +- 84 h, i.e. 03-08 00:00 .. 03-14 24:00 JST.
    QVERIFY(inspector.loadedWindow());
    QCOMPARE(inspector.loadedWindow()->first, hour - 84);
    QCOMPARE(inspector.loadedWindow()->second, hour + 84);
    QCOMPARE(inspector.loadedSeries().size(), std::size_t(1));
    const flow::HourlySeries& series = inspector.loadedSeries().front().series;
    QCOMPARE(series.start, hour - 84);
    QCOMPARE(series.size(), std::size_t(169));
    int present = 0;
    for (core::HourKey t = series.start; t < series.end(); ++t) {
      const core::JstDateTime jst = core::jstFromHourKey(t);
      const int d = static_cast<int>((std::chrono::sys_days{jst.date} - std::chrono::sys_days{dayOf(0)}).count());
      const double expected = cell0Value(d, jst.hour);
      const double got = series.at(t);
      if (std::isnan(expected)) {
        QVERIFY2(std::isnan(got), qPrintable(QString::fromStdString(core::formatHourKeyJst(t))));  // a gap, not 0
      } else {
        QCOMPARE(got, expected);
        ++present;
      }
    }
    QCOMPARE(present, 169 - 5);  // 4 hours without rows + 1 blank value
    QCOMPARE(inspector.chart()->pointCount(QStringLiteral("Population")), present);

    // The current-hour line sits at the hour; moving the hour inside the window moves it
    // without reading the store again.
    QCOMPARE(inspector.chart()->currentHourLineX(), widgets::ChartPanel::timeAxisValue(hour));
    const core::HourKey later = hour + 30;
    inspector.setHour(later);
    QCOMPARE(inspector.chart()->currentHour().value_or(0), later);
    QCOMPARE(inspector.chart()->currentHourLineX(), widgets::ChartPanel::timeAxisValue(later));
    const auto [x0, x1] = inspector.chart()->timeAxisRange();
    QVERIFY(x0 <= inspector.chart()->currentHourLineX() && inspector.chart()->currentHourLineX() <= x1);
    QCOMPARE(inspector.loadsStarted(), 1);
    QVERIFY(!inspector.isLoading());
    {
      // Figures only (no assertion on time): moving the line for every hour of the window.
      QElapsedTimer timer;
      timer.start();
      int moves = 0;
      for (core::HourKey t = hour - 84; t <= hour + 84; ++t, ++moves) inspector.setHour(t);
      qInfo("inspector setHour inside the window: %.3f ms per hour (%d hours)",
            static_cast<double>(timer.nsecsElapsed()) / 1e6 / moves, moves);
      QCOMPARE(inspector.loadsStarted(), 1);
      inspector.setHour(later);
    }

    // Leaving the window reloads around the new hour.
    const core::HourKey far = hourOf(20, 6);
    inspector.setHour(far);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
    QCOMPARE(inspector.loadsStarted(), 2);
    QCOMPARE(inspector.loadedWindow()->first, far - 84);
    QCOMPARE(inspector.chart()->currentHourLineX(), widgets::ChartPanel::timeAxisValue(far));

    // "All": the whole range of the table.
    inspector.setWindow(InspectorPanel::Window::All);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 20000);
    QCOMPARE(inspector.loadedWindow()->first, hourOf(0, 0));
    QCOMPARE(inspector.loadedWindow()->second, hourOf(kDays - 1, 23));

    // "Add to chart" hands the feature on.
    QSignalSpy add(&inspector, &InspectorPanel::addToChartRequested);
    QVERIFY(inspector.addToChartButton()->isEnabled());
    inspector.addToChartButton()->click();
    QCOMPARE(add.count(), 1);
    QCOMPARE(add.at(0).at(0).value<widgets::FeatureRef>().fid, tiny.cellFid[0]);
  }

  void inspectorShowsBoardingsAndAlightings() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    InspectorPanel inspector;
    inspector.setSession(std::make_shared<widgets::ProjectSession>(QString::fromStdString(tiny.path), nullptr, &tasks));
    inspector.setWindow(InspectorPanel::Window::Week);
    inspector.setHour(hourOf(3, 12));  // near the start: the window is shifted to start at the first hour
    QSignalSpy loaded(&inspector, &InspectorPanel::seriesLoaded);
    inspector.showFeature(tiny.station());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(inspector.loadedWindow()->first, hourOf(0, 0));
    QCOMPARE(inspector.loadedWindow()->second, hourOf(0, 0) + 168);
    const auto& series = inspector.loadedSeries();
    QCOMPARE(series.size(), std::size_t(2));
    QCOMPARE(series[0].measure, widgets::Measure::Boardings);
    QCOMPARE(series[1].measure, widgets::Measure::Alightings);
    QCOMPARE(series[0].series.at(hourOf(1, 7)), boardings(1, 7));
    QCOMPARE(series[1].series.at(hourOf(1, 7)), alightings(1, 7));
    QVERIFY(std::isnan(series[0].series.at(hourOf(2, 3))));  // blank boardings: a gap
    QCOMPARE(series[1].series.at(hourOf(2, 3)), alightings(2, 3));
    QCOMPARE(inspector.chart()->pointCount(QStringLiteral("Boardings")), 169 - 1);
    QCOMPARE(inspector.chart()->pointCount(QStringLiteral("Alightings")), 169);
  }

  void windowAroundKeepsItsLengthAtTheEnds() {
    const store::TimeRange range{1000, 2000, 0};
    using W = InspectorPanel::Window;
    QCOMPARE(InspectorPanel::windowAround(1500, W::Week, range), std::make_pair(core::HourKey(1416), core::HourKey(1584)));
    QCOMPARE(InspectorPanel::windowAround(1010, W::Week, range), std::make_pair(core::HourKey(1000), core::HourKey(1168)));
    QCOMPARE(InspectorPanel::windowAround(5000, W::Week, range), std::make_pair(core::HourKey(1832), core::HourKey(2000)));
    QCOMPARE(InspectorPanel::windowAround(1500, W::Month, range), std::make_pair(core::HourKey(1164), core::HourKey(1836)));
    QCOMPARE(InspectorPanel::windowAround(1500, W::All, range), std::make_pair(core::HourKey(1000), core::HourKey(2000)));
    const store::TimeRange shortRange{1000, 1100, 0};
    QCOMPARE(InspectorPanel::windowAround(1050, W::Month, shortRange), std::make_pair(core::HourKey(1000), core::HourKey(1100)));
  }

  void chartsDockProfilesByDayType() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    ChartsPanel charts;
    charts.resize(600, 600);
    charts.show();
    charts.setSession(std::make_shared<widgets::ProjectSession>(QString::fromStdString(tiny.path), nullptr, &tasks));
    QSignalSpy done(&charts, &ChartsPanel::loadFinished);
    charts.setPeriod(QDate(2025, 3, 1), QDate(2025, 3, 28));
    charts.addFeature(widgets::FeatureRef::fromIdentify(tiny.cell(0)));
    charts.addFeature(widgets::FeatureRef::fromIdentify(tiny.cell(0)));  // already there: ignored
    QCOMPARE(charts.features().size(), std::size_t(1));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    QCOMPARE(done.at(0).at(0).value<ChartsPanel::LoadStatus>(), ChartsPanel::LoadStatus::Completed);
    QCOMPARE(charts.loaded().size(), std::size_t(1));

    // Means and P10/P90 per day type and hour, computed here from the values written.
    std::map<std::pair<int, int>, std::vector<double>> byTypeHour;
    for (int d = 0; d < kDays; ++d)
      for (int h = 0; h < 24; ++h)
        if (const double v = cell0Value(d, h); !std::isnan(v)) byTypeHour[{static_cast<int>(kindOf(d)), h}].push_back(v);
    const auto& profiles = charts.loaded().front().profiles;
    QCOMPARE(profiles.size(), std::size_t(3));
    const core::DayType types[] = {core::DayType::Weekday, core::DayType::Saturday, core::DayType::SundayHoliday};
    for (int k = 0; k < 3; ++k) {
      QCOMPARE(profiles[static_cast<std::size_t>(k)].dayType, types[k]);
      for (int h = 0; h < 24; ++h) {
        const auto& values = byTypeHour[{k, h}];
        double sum = 0;
        for (double v : values) sum += v;
        const auto& p = profiles[static_cast<std::size_t>(k)];
        QCOMPARE(p.count[static_cast<std::size_t>(h)], static_cast<int>(values.size()));
        QVERIFY2(std::abs(p.mean[static_cast<std::size_t>(h)] - sum / static_cast<double>(values.size())) < 1e-9,
                 qPrintable(QStringLiteral("type %1 hour %2").arg(k).arg(h)));
        QVERIFY(std::abs(p.p10[static_cast<std::size_t>(h)] - quantile7(values, 0.1)) < 1e-9);
        QVERIFY(std::abs(p.p90[static_cast<std::size_t>(h)] - quantile7(values, 0.9)) < 1e-9);
      }
    }
    // The holiday counts as Sunday/holiday: 4 Sundays + 1 holiday; 4 Saturdays; 19 weekdays
    // (hour 0 is present every day).
    QCOMPARE(profiles[0].count[0], 19);
    QCOMPARE(profiles[1].count[0], 4);
    QCOMPARE(profiles[2].count[0], 5);
    QCOMPARE(profiles[0].count[6], 18);  // hours 05-08 of Monday 03-10 have no rows

    // The chart: three profile lines, 24 points each; with the band, three bands more.
    charts.setMode(ChartsPanel::Mode::Profiles);
    QCOMPARE(charts.chart()->seriesCount(), 3);
    const QString weekdayName = QString::fromStdString(tiny.codes[0]) + QStringLiteral(" — Weekday");
    QCOMPARE(charts.chart()->pointCount(weekdayName), 24);
    charts.setShowBand(true);
    QCOMPARE(charts.chart()->seriesCount(), 6);
    charts.setDayTypes(ChartsPanel::DayTypes::Saturday);
    QCOMPARE(charts.chart()->seriesCount(), 2);
    QCOMPARE(done.count(), 1);  // mode, band and day types redraw without reading again
  }

  void chartsDockOverlaysSeriesAndExportsCsv() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    ChartsPanel charts;
    charts.setSession(std::make_shared<widgets::ProjectSession>(QString::fromStdString(tiny.path), nullptr, &tasks));
    QSignalSpy done(&charts, &ChartsPanel::loadFinished);
    charts.setPeriod(QDate(2025, 3, 10), QDate(2025, 3, 11));
    charts.addFeature(widgets::FeatureRef::fromIdentify(tiny.cell(0)));
    charts.addFeature(widgets::FeatureRef::fromIdentify(tiny.cell(1)));
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() && !charts.isLoading(), 20000);
    QCOMPARE(done.last().at(0).value<ChartsPanel::LoadStatus>(), ChartsPanel::LoadStatus::Completed);
    QCOMPARE(charts.loaded().size(), std::size_t(2));
    QCOMPARE(charts.chart()->seriesCount(), 2);
    QCOMPARE(charts.chart()->pointCount(QString::fromStdString(tiny.codes[0])), 48 - 5);
    QCOMPARE(charts.chart()->pointCount(QString::fromStdString(tiny.codes[1])), 48);

    // Series CSV: a header, one row per hour, empty where missing.
    const QStringList lines = charts.csvText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 48);
    QCOMPARE(lines[0], QStringLiteral("time_jst,%1 [population],%2 [population]")
                           .arg(QString::fromStdString(tiny.codes[0]), QString::fromStdString(tiny.codes[1])));
    QCOMPARE(lines[1], QStringLiteral("2025-03-10T00:00+09:00,%1,%2").arg(cell0Value(9, 0)).arg(cell1Value(9, 0)));
    QCOMPARE(lines[1 + 5], QStringLiteral("2025-03-10T05:00+09:00,,%1").arg(cell1Value(9, 5)));
    QCOMPARE(lines[1 + 24 + 9], QStringLiteral("2025-03-11T09:00+09:00,,%1").arg(cell1Value(10, 9)));
    QCOMPARE(lines[48], QStringLiteral("2025-03-11T23:00+09:00,%1,%2").arg(cell0Value(10, 23)).arg(cell1Value(10, 23)));

    // The file holds the same text; an unwritable path is an error with a message.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.csv"));
    QVERIFY(charts.exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), charts.csvText());
    QString error;
    QVERIFY(!charts.exportCsv(dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("no/such/dir")));

    // Profiles CSV (weekday only, with the band): 2 features x 24 hours. 03-10 and 03-11
    // are weekdays; hour 6 of cell 0 is only present on 03-11.
    charts.setMode(ChartsPanel::Mode::Profiles);
    charts.setDayTypes(ChartsPanel::DayTypes::Weekday);
    charts.setShowBand(true);
    const QStringList rows = charts.csvText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 1 + 2 * 24);
    QCOMPARE(rows[0], QStringLiteral("feature,kind,measure,day_type,hour,mean,p10,p90,count"));
    const double m0 = (cell0Value(9, 0) + cell0Value(10, 0)) / 2;
    QCOMPARE(rows[1], QStringLiteral("%1,cell,population,weekday,0,%2,%3,%4,2")
                          .arg(QString::fromStdString(tiny.codes[0]))
                          .arg(m0)
                          .arg(quantile7({cell0Value(9, 0), cell0Value(10, 0)}, 0.1))
                          .arg(quantile7({cell0Value(9, 0), cell0Value(10, 0)}, 0.9)));
    QCOMPARE(rows[1 + 6], QStringLiteral("%1,cell,population,weekday,6,%2,%2,%2,1")
                              .arg(QString::fromStdString(tiny.codes[0]))
                              .arg(cell0Value(10, 6)));

    // Removing a feature redraws without it; clearing empties the chart.
    charts.setMode(ChartsPanel::Mode::Series);
    charts.removeFeature(0);
    QCOMPARE(charts.features().size(), std::size_t(1));
    QCOMPARE(charts.chart()->seriesCount(), 1);
    QCOMPARE(charts.loaded().front().feature.fid, tiny.cellFid[1]);
    charts.clearFeatures();
    QCOMPARE(charts.chart()->seriesCount(), 0);
    QVERIFY(charts.csvText().isEmpty());
  }

  void chartsDockCancel() {
    TinyProject tiny;
    widgets::TaskManager tasks;
    ChartsPanel charts;
    charts.setSession(std::make_shared<widgets::ProjectSession>(QString::fromStdString(tiny.path), nullptr, &tasks));
    QSignalSpy done(&charts, &ChartsPanel::loadFinished);
    charts.addFeature(widgets::FeatureRef::fromIdentify(tiny.station()));
    charts.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
    // Cancelled right away (or, on a fast machine, finished first): never a failure.
    const auto status = done.at(0).at(0).value<ChartsPanel::LoadStatus>();
    QVERIFY(status == ChartsPanel::LoadStatus::Cancelled || status == ChartsPanel::LoadStatus::Completed);
    QVERIFY(!charts.isLoading());
    // Without a chosen period: the last 28 days of the data.
    charts.reload();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 20000);
    QCOMPARE(done.at(1).at(0).value<ChartsPanel::LoadStatus>(), ChartsPanel::LoadStatus::Completed);
    QCOMPARE(charts.loaded().front().series.start, hourOf(0, 0));
    QCOMPARE(charts.loaded().front().series.size(), std::size_t(kDays * 24));
    QCOMPARE(charts.loaded().front().measure, widgets::Measure::Ridership);
    QCOMPARE(charts.loaded().front().series.at(hourOf(2, 3)), alightings(2, 3));  // b missing: a only
    QCOMPARE(charts.loaded().front().series.at(hourOf(5, 5)), boardings(5, 5) + alightings(5, 5));
  }

  // With EKM_INSPECT_SCREENSHOT=<png> and EKM_INSPECT_PROJECT=<gpkg> (e.g. the sample, under
  // Xvfb): the Inspector on the busiest mesh cell 30 days before the end, the Charts dock with
  // that cell and the first station as day-type profiles with the P10-P90 band.
  void screenshotOfThePanels() {
    const QString out = qEnvironmentVariable("EKM_INSPECT_SCREENSHOT");
    const QString projectPath = qEnvironmentVariable("EKM_INSPECT_PROJECT");
    if (out.isEmpty() || projectPath.isEmpty()) QSKIP("set EKM_INSPECT_SCREENSHOT and EKM_INSPECT_PROJECT");
    const store::Project project = store::Project::open(projectPath.toStdString(), store::OpenMode::ReadOnly);
    const auto range = project.timeRange("mesh_population");
    QVERIFY(range);
    const core::HourKey hour = range->last - 30 * 24 - 6;
    IdentifyResult cell;
    cell.kind = IdentifyResult::FeatureKind::MeshCell;
    cell.layerName = QStringLiteral("Population");
    double best = -1;
    std::map<std::int64_t, std::string> codes;
    for (const auto& c : project.meshCells()) codes[c.fid] = c.meshCode;
    for (const auto& fv : project.meshPopulationSlice(hour))
      if (fv.value > best) {
        best = fv.value;
        cell.fid = fv.fid;
      }
    cell.title = QString::fromStdString(codes[cell.fid]);
    cell.value = best;
    cell.valueText = QStringLiteral("%1 people").arg(best);
    cell.attributes = {{QStringLiteral("Mesh code"), cell.title}, {QStringLiteral("Level"), QStringLiteral("1/8")}};
    IdentifyResult station;
    station.kind = IdentifyResult::FeatureKind::Station;
    station.layerName = QStringLiteral("Stations");
    const auto stations = project.stations();
    QVERIFY(!stations.empty());
    station.fid = stations.front().fid;
    station.title = QString::fromStdString(stations.front().nameJa + " " + stations.front().nameEn);

    QWidget host;
    auto* layout = new QHBoxLayout(&host);
    auto* inspector = new InspectorPanel(&host);
    auto* charts = new ChartsPanel(&host);
    layout->addWidget(inspector);
    layout->addWidget(charts);
    host.resize(1400, 720);
    host.show();
    QSignalSpy loaded(inspector, &InspectorPanel::seriesLoaded);
    QSignalSpy done(charts, &ChartsPanel::loadFinished);
    widgets::TaskManager tasks;
    const auto session = std::make_shared<widgets::ProjectSession>(projectPath, nullptr, &tasks);
    inspector->setSession(session);
    charts->setSession(session);
    inspector->setHour(hour);
    charts->setHour(hour);
    inspector->showFeature(cell);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    charts->addFeature(widgets::FeatureRef::fromIdentify(cell));
    charts->addFeature(widgets::FeatureRef::fromIdentify(station));
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() && !charts->isLoading(), 60000);
    charts->setMode(ChartsPanel::Mode::Profiles);
    charts->setDayTypes(ChartsPanel::DayTypes::All);
    charts->setShowBand(true);
    QTest::qWait(300);
    QVERIFY(host.grab().save(out));
  }
};

QTEST_MAIN(TestInspect)
#include "test_inspect.moc"
