// The Demand dock (issue 5, sections 5-7): flow bands drawn at the width their volume and
// scale give (pixels read back on a 2-link network, the two directions side by side), the
// legend's reference widths, identify on a band, the OD matrix table's totals, sorting and
// CSV, the form's one mapping to the assign operation's Params (and back), and the dock's
// runs of the assign and scenario operations on the sample project (created with
// `ekimachi-cli sample`): a run converges to the requested gap, emits the layers and plots
// one point per iteration; Cancel ends a run as cancelled without layers; a scenario emits
// the difference layer.
// Scenario edits on a sketch network (below, as a project): an added deck is the obvious shortcut and takes
// the flow off the detours; a lower capacity shifts flow to the parallel route and its time
// grows, which the travel-time difference layer colours with the "increase" colour; the
// corridors layer draws its bands and rank discs at the expected pixels.
#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <fstream>
#include <sstream>

#include "demand/convergence_plot.h"
#include "demand/demand_dock.h"
#include "demand/demand_layers.h"
#include "demand/od_matrix_model.h"
#include "ekm/core/error.h"
#include "ekm/io/importers.h"
#include "ekm/ops/operation.h"
#include "ekm/store/project.h"
#include "render/desire_line_layer.h"
#include "render/flow_band_layer.h"
#include "render/corridor_layer.h"
#include "render/link_difference_layer.h"
#include "render/map_renderer.h"
#include "render/project_layers.h"
#include "session/project_session.h"
#include "tasks/task_manager.h"
#include "support/cli_runner.h"

using namespace ekm;
using widgets::DemandDock;

namespace {

const QColor kBackground(255, 255, 255);

render::MapSettings stripSettings() {
  render::MapSettings settings;
  settings.setExtent({0, -100, 1000, 100});
  settings.setOutputSize(QSize(1000, 200));
  return settings;
}

// Renders `layer` alone on a white image of `settings`.
QImage renderLayer(const render::MapLayer& layer, const render::MapSettings& settings) {
  QImage image(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(kBackground);
  QPainter painter(&image);
  core::Feedback feedback;
  render::RenderContext ctx{painter, settings, settings.mapToPixel(), settings.visibleExtent(), feedback};
  layer.render(ctx);
  painter.end();
  return image;
}

// Renders `layer` on a 1000 x 200 px image of the map extent x 0..1000, y -100..100 (1 map
// unit per pixel; map y = 0 is pixel row 100).
QImage renderOnStrip(const render::MapLayer& layer) { return renderLayer(layer, stripSettings()); }

// Two links of one street: eastbound 2,000 and westbound 1,000 trips, capacity 4,000 (v/c
// 0.5 and 0.25), 5 pt per 1,000 trips, no gap between the directions.
std::shared_ptr<render::FlowBandLayer> twoLinkLayer(render::BandSide side = render::BandSide::Left) {
  auto data = std::make_shared<render::FlowBandData>();
  render::FlowBand east;
  east.line = QPolygonF({QPointF(0, 0), QPointF(1000, 0)});
  east.segmentId = QStringLiteral("street-1");
  east.link = 0;
  east.volume = 2000;
  east.time_s = 75;
  east.capacity = 4000;
  render::FlowBand west = east;
  west.line = QPolygonF({QPointF(1000, 0), QPointF(0, 0)});
  west.link = 1;
  west.volume = 1000;
  data->add(east);
  data->add(west);
  render::FlowBandStyle style;
  style.widthPer1000 = 5;
  style.gap = 0;
  style.side = side;
  style.unit = QStringLiteral("trips");
  return std::make_shared<render::FlowBandLayer>(QStringLiteral("bands"), QStringLiteral("Bands"), data, style);
}

// Rows of column x whose colour is exactly `colour`.
std::vector<int> rowsOfColour(const QImage& image, int x, QColor colour) {
  std::vector<int> rows;
  for (int y = 0; y < image.height(); ++y)
    if (image.pixelColor(x, y).rgb() == colour.rgb()) rows.push_back(y);
  return rows;
}

struct SampleProject {
  QTemporaryDir dir;
  QString path;
  bool ok = false;
  SampleProject() {
    const std::string out = QFile::encodeName(dir.path()).toStdString();
    ok = ekm_test::cliArgs({"sample", "--out", out, "--seed", "1"}).exitCode == 0;
    path = dir.filePath(QStringLiteral("sample.gpkg"));
    ok = ok && QFile::exists(path);
  }
};

// With EKM_DEMAND_SCREENSHOT_DIR set: the dock and the map (project layers + `layers` + legend)
// as PNGs there, for a look by eye.
void saveScreenshots(const QString& name, QWidget& dock, const render::ProjectLayers& project,
                     const render::LayerList& layers) {
  const QString dir = qEnvironmentVariable("EKM_DEMAND_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  dock.resize(460, 900);
  dock.grab().save(dir + QStringLiteral("/%1_dock.png").arg(name));
  render::MapSettings settings;
  settings.setExtent(project.fullExtent);
  settings.setOutputSize(QSize(1400, 1000));
  settings.setDestinationEpsg(project.displayEpsg);
  core::Feedback fb;
  render::LayerList all = project.makeLayers(QStringLiteral("mesh"), QStringLiteral("roads"), QStringLiteral("stations"));
  all.erase(all.begin());  // no population underneath
  all.insert(all.end() - 1, layers.begin(), layers.end());
  QImage image = render::MapRenderer::render(settings, all, fb).image;
  std::vector<render::LegendGroup> legend;
  for (auto it = layers.rbegin(); it != layers.rend(); ++it)
    for (auto& g : (*it)->legendGroups()) legend.push_back(g);
  QPainter painter(&image);
  render::LegendPainter lp;
  const QSizeF size = lp.size(legend);
  painter.fillRect(QRectF(QPointF(10, 10), size + QSizeF(16, 16)), QColor(255, 255, 255, 230));
  painter.setPen(Qt::black);
  lp.paint(painter, QPointF(18, 18), legend);
  painter.end();
  image.save(dir + QStringLiteral("/%1_map.png").arg(name));
}

// Sketch network near Takanawa Gateway (x east, y north, metres from W):
//
//   n0 ================== n2      "north"  (y = +400)
//   |                      |
//   W    (rail tracks)     E      zone A 60 m west of W, zone B 60 m east of E
//   |                      |
//   s0 ================== s2      "south"  (y = -400)
//
// Streets "west-north" W-n0, "north" n0-n2, "east-north" n2-E and the same for the south;
// both routes from W to E are 1,800 m long, W-E straight is 1,000 m (no street crosses).
constexpr double kLat0 = 35.6355, kLon0 = 139.7405;

demand::GeoPoint at(double eastM, double northM) {
  // Metres per degree on the GRS80 ellipsoid at kLat0 (meridian and parallel radii).
  constexpr double a = 6378137.0, e2 = 0.00669438002290, pi = 3.14159265358979323846;
  const double phi = kLat0 * pi / 180, w = std::sqrt(1 - e2 * std::sin(phi) * std::sin(phi));
  const double mPerDegLat = pi / 180 * a * (1 - e2) / (w * w * w);
  const double mPerDegLon = pi / 180 * a * std::cos(phi) / w;
  return {kLon0 + eastM / mPerDegLon, kLat0 + northM / mPerDegLat, 0};
}

// A street of the sketch as a GeoJSON feature (residential: drive 800 veh/h, 30 km/h; walk
// 4.8 km/h, uncongested).
std::string street(const char* id, std::initializer_list<std::pair<double, double>> points) {
  std::string coordinates;
  for (const auto& [x, y] : points) {
    const auto p = at(x, y);
    coordinates += (coordinates.empty() ? "[" : ",[") + QString::number(p.lon, 'g', 17).toStdString() + "," +
                   QString::number(p.lat, 'g', 17).toStdString() + "]";
  }
  return std::string(R"({"type":"Feature","properties":{"segment_id":")") + id +
         R"(","road_class":"residential","oneway":0,"crossing":0},"geometry":{"type":"LineString","coordinates":[)" +
         coordinates + "]}}";
}

void writeText(const QString& path, const std::string& text) { std::ofstream(QFile::encodeName(path).toStdString()) << text; }

// The sketch as a project (its road_segments), zones A and B as points and `trips` from A to
// B, and the Params of its assignment (Algorithm B to a 1e-10 gap) on a `network` network.
struct SketchProject {
  QTemporaryDir dir;
  QString path;
  demand::AssignParams params = DemandDock::defaultParams();
  SketchProject(const char* network, double trips) {
    const QString streets = dir.filePath(QStringLiteral("streets.geojson"));
    writeText(streets, R"({"type":"FeatureCollection","features":[)" + street("west-north", {{0, 0}, {0, 400}}) +
                           "," + street("north", {{0, 400}, {1000, 400}}) + "," +
                           street("east-north", {{1000, 400}, {1000, 0}}) + "," +
                           street("west-south", {{0, 0}, {0, -400}}) + "," +
                           street("south", {{0, -400}, {1000, -400}}) + "," +
                           street("east-south", {{1000, -400}, {1000, 0}}) + "]}");
    const auto a = at(-60, 0), b = at(1060, 0);
    const QString zones = dir.filePath(QStringLiteral("zones.csv")), od = dir.filePath(QStringLiteral("od.csv"));
    writeText(zones, "zone,lon,lat\nA," + QString::number(a.lon, 'g', 17).toStdString() + "," +
                         QString::number(a.lat, 'g', 17).toStdString() + "\nB," +
                         QString::number(b.lon, 'g', 17).toStdString() + "," +
                         QString::number(b.lat, 'g', 17).toStdString() + "\n");
    writeText(od, "origin,destination,trips\nA,B," + QString::number(trips, 'g', 17).toStdString() + "\n");
    path = dir.filePath(QStringLiteral("sketch.gpkg"));
    auto project = store::Project::create(QFile::encodeName(path).toStdString());
    core::Feedback fb;
    io::importFile(project, io::ImportKind::Segments, QFile::encodeName(streets).toStdString(), {}, fb);
    params.network.network = network;
    params.network.zones = "points:" + QFile::encodeName(zones).toStdString();
    params.demand.od = QFile::encodeName(od).toStdString();
    params.assignment.algorithm = "b";
    params.assignment.gap = 1e-10;
    params.assignment.max_iter = 1000;
  }
};

// The difference record of a segment's link along (forward) or against its digitised direction.
const demand::LinkDifference* linkOf(const widgets::ScenarioRun& scenario, const std::string& segment, bool forward) {
  const auto& base = scenario.outcome.project.network.network.zoned;
  for (const auto& d : scenario.result().links)
    if (d.baseLink >= 0) {
      const auto i = static_cast<std::size_t>(d.baseLink);
      if (base.linkSegmentId[i] == segment && base.linkReversed[i] == !forward) return &d;
    }
  return nullptr;
}

std::shared_ptr<const render::ProjectLayers> sketchProject() {
  auto p = std::make_shared<render::ProjectLayers>();
  p->displayEpsg = 6677;  // JGD2011 plane rectangular IX (Tokyo)
  return p;
}

// Gives `dock` the sketch project (runs on `tasks`), collecting every result-layer list it
// emits, and runs its Params; the run (nullptr when it did not complete).
std::shared_ptr<const widgets::DemandRun> runSketch(widgets::DemandDock& dock, widgets::TaskManager& tasks,
                                                    const SketchProject& sketch,
                                                    std::vector<render::LayerList>& emitted) {
  dock.setSession(std::make_shared<const widgets::ProjectSession>(sketch.path, sketchProject(), &tasks));
  QObject::connect(&dock, &widgets::DemandDock::resultLayersReady, &dock,
                   [&emitted](render::LayerList layers, std::vector<render::LegendGroup>) {
                     emitted.push_back(std::move(layers));
                   });
  dock.setParams(sketch.params);
  QSignalSpy finished(&dock, &DemandDock::runFinished);
  dock.run();
  if (!finished.wait(60000) || finished.at(0).at(0).value<DemandDock::RunStatus>() != DemandDock::RunStatus::Completed)
    return nullptr;
  return dock.lastRun();
}

}  // namespace

class TestDemandDock : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<SampleProject> m_sample;
  std::shared_ptr<const render::ProjectLayers> m_layers;
  widgets::TaskManager m_tasks;

  // The session the main window would hand the dock for the sample project.
  widgets::SessionPtr sampleSession() {
    return std::make_shared<const widgets::ProjectSession>(m_sample->path, m_layers, &m_tasks);
  }

  void needSample() {
    if (m_sample) return;
    m_sample = std::make_unique<SampleProject>();
    QVERIFY2(m_sample->ok, "ekimachi-cli sample failed");
    core::Feedback fb;
    m_layers = std::make_shared<const render::ProjectLayers>(
        render::loadProjectLayers(QFile::encodeName(m_sample->path).toStdString(), fb));
  }

  static demand::AssignParams roadParams(const DemandDock& dock, double gap) {
    demand::AssignParams p = dock.params();  // the dock's default hours for the project
    p.network.zones = "mesh:500m";
    p.network.network = "road";
    p.assignment.algorithm = "b";
    p.assignment.gap = gap;
    p.assignment.max_iter = 500;
    return p;
  }

 private slots:
  void flowBandsHaveTheWidthOfTheirVolume() {
    const auto layer = twoLinkLayer();
    const QImage image = renderOnStrip(*layer);
    const QColor eastColour = render::FlowBandLayer::volumeCapacityColour(0.5);
    const QColor westColour = render::FlowBandLayer::volumeCapacityColour(0.25);
    QVERIFY(eastColour != westColour);
    for (int x : {100, 500, 900}) {
      // Eastbound 2,000 trips x 5 pt / 1,000 = 10 px, on its left = north = above row 100.
      const auto east = rowsOfColour(image, x, eastColour);
      QCOMPARE(east.size(), std::size_t{10});
      QCOMPARE(east.front(), 90);
      QCOMPARE(east.back(), 99);
      // Westbound 1,000 trips = 5 px, on its left = south = below.
      const auto west = rowsOfColour(image, x, westColour);
      QCOMPARE(west.size(), std::size_t{5});
      QCOMPARE(west.front(), 100);
      QCOMPARE(west.back(), 104);
      QCOMPARE(image.pixelColor(x, 89).rgb(), kBackground.rgb());
      QCOMPARE(image.pixelColor(x, 105).rgb(), kBackground.rgb());
    }
    // The keep-right convention mirrors the bands.
    const QImage right = renderOnStrip(*twoLinkLayer(render::BandSide::Right));
    const auto east = rowsOfColour(right, 500, eastColour);
    QCOMPARE(east.size(), std::size_t{10});
    QCOMPARE(east.front(), 100);
    // Twice the DPI: twice the pixels (widths are points at 96 dpi).
    render::MapSettings settings = stripSettings();
    settings.setOutputSize(QSize(2000, 400));
    settings.setDpi(192);
    QImage big(settings.outputSize(), QImage::Format_ARGB32_Premultiplied);
    big.fill(kBackground);
    {
      QPainter painter(&big);
      core::Feedback fb;
      render::RenderContext ctx{painter, settings, settings.mapToPixel(), settings.visibleExtent(), fb};
      layer->render(ctx);
    }
    QCOMPARE(rowsOfColour(big, 1000, eastColour).size(), std::size_t{20});
  }

  void legendWidthsMatchTheBands() {
    const auto layer = twoLinkLayer();
    const auto groups = layer->legendGroups();
    QVERIFY(groups.size() >= 2);
    const auto& widths = groups[0].items;
    QCOMPARE(widths.size(), std::size_t{3});  // 2,000, 1,000, 500
    const QImage image = renderOnStrip(*layer);
    const std::vector<double> expected{2000, 1000, 500};
    for (std::size_t i = 0; i < widths.size(); ++i) {
      QCOMPARE(widths[i].kind, render::LegendItem::Kind::Line);
      QCOMPARE(widths[i].lineWidth, expected[i] / 1000.0 * 5.0);
    }
    // The legend's 2,000 and 1,000 lines are as wide as the drawn bands of those volumes.
    QCOMPARE(double(rowsOfColour(image, 500, render::FlowBandLayer::volumeCapacityColour(0.5)).size()),
             widths[0].lineWidth);
    QCOMPARE(double(rowsOfColour(image, 500, render::FlowBandLayer::volumeCapacityColour(0.25)).size()),
             widths[1].lineWidth);
    // v/c classes: 5 ranges.
    QCOMPARE(groups[1].items.size(), std::size_t{5});
    // Reference values are round and below the maximum.
    QCOMPARE(render::widthLegendValues(3700), (std::vector<double>{2000, 1000, 500}));
    QCOMPARE(render::widthLegendValues(1000), (std::vector<double>{1000, 500, 200}));
    QVERIFY(render::widthLegendValues(0).empty());
  }

  void identifyFindsTheBandUnderTheCursor() {
    const auto layer = twoLinkLayer();
    core::Feedback fb;
    const auto settings = stripSettings();
    const auto east = layer->identify(QPointF(500, 5), settings, fb);  // 5 px above the line
    QVERIFY(east.has_value());
    QCOMPARE(east->value, 2000.0);
    QCOMPARE(east->title, QStringLiteral("street-1"));
    bool sawVc = false;
    for (const auto& [label, text] : east->attributes) sawVc |= text == QLocale().toString(0.5, 'f', 2);
    QVERIFY(sawVc);
    const auto west = layer->identify(QPointF(500, -3), settings, fb);
    QVERIFY(west.has_value());
    QCOMPARE(west->value, 1000.0);
    QVERIFY(!layer->identify(QPointF(500, 60), settings, fb).has_value());
  }

  void desireAndDifferenceLayers() {
    std::vector<render::DesireLineItem> lines;
    for (int i = 0; i < 5; ++i)
      lines.push_back({QPointF(0, 0), QPointF(900, 10.0 * i), QString::number(i), QStringLiteral("x"), 100.0 * (i + 1)});
    render::DesireLineStyle style;
    style.topN = 3;
    style.minVolume = 150;
    const render::DesireLineLayer desire(QStringLiteral("d"), QStringLiteral("D"), lines, style);
    QCOMPARE(desire.lines().size(), std::size_t{3});  // 500, 400, 300 (top 3 of those >= 150)
    QCOMPARE(desire.lines().front().volume, 500.0);
    QCOMPARE(desire.lines().back().volume, 300.0);

    std::vector<render::LinkVolumeDifference> diffs(2);
    diffs[0].line = QPolygonF({QPointF(0, 0), QPointF(1000, 0)});
    diffs[0].baseVolume = 1000;
    diffs[0].scenarioVolume = 3000;  // +2,000: red, 10 px
    diffs[1].line = QPolygonF({QPointF(1000, 0), QPointF(0, 0)});
    diffs[1].baseVolume = 1000;
    diffs[1].scenarioVolume = 0;  // -1,000: blue, 5 px
    render::LinkDifferenceStyle ds;
    ds.widthPer1000 = 5;
    ds.gap = 0;
    const render::DivergingRamp ramp(2000);
    const render::LinkDifferenceLayer layer(QStringLiteral("diff"), QStringLiteral("Diff"), diffs, ramp, ds);
    const QImage image = renderOnStrip(layer);
    QCOMPARE(rowsOfColour(image, 500, ramp.colourFor(2000)).size(), std::size_t{10});
    QCOMPARE(rowsOfColour(image, 500, ramp.colourFor(-1000)).size(), std::size_t{5});
    QVERIFY(ramp.colourFor(2000).red() > ramp.colourFor(2000).blue());
    QVERIFY(ramp.colourFor(-1000).blue() > ramp.colourFor(-1000).red());
  }

  void formFillsTheAssignParams() {
    DemandDock dock;
    // The dock's defaults: the library's, with X-crossings noded.
    const auto defaults = dock.params();
    QVERIFY(defaults.network.split_crossings);
    QCOMPARE(QString::fromStdString(defaults.network.zones), QStringLiteral("mesh:500m"));
    QCOMPARE(QString::fromStdString(defaults.network.network), QStringLiteral("walking"));
    QVERIFY(defaults.demand.od.empty());
    QCOMPARE(QString::fromStdString(defaults.assignment.algorithm), QStringLiteral("b"));
    QCOMPARE(defaults.assignment.gap, 1e-4);

    // Every field of the form, and those without one (connector_max, threads), come back.
    demand::AssignParams p = DemandDock::defaultParams();
    p.network.zones = "stations:650";
    p.network.network = "road";
    p.network.connector_max = 500;
    p.demand.hours.from = "2025-04-01T07:00+09:00";
    p.demand.hours.to = "2025-04-01T09:00+09:00";
    p.demand.hours.no_stations = true;
    p.demand.gravity.deterrence = "combined";
    p.demand.gravity.alpha = 1.5;
    p.demand.gravity.beta = 0.25;
    p.demand.gravity.mean_cost = 12;
    p.assignment.algorithm = "bfw";
    p.assignment.gap = 1e-5;
    p.assignment.max_iter = 321;
    p.assignment.threads = 2;
    dock.setParams(p);
    QVERIFY2(ops::toJson(dock.params()) == ops::toJson(p), ops::toJson(dock.params()).dump().c_str());
    ops::validate(dock.params());

    // A CSV OD (no hours, no gravity model), polygon zones and barriers on the walking network.
    demand::AssignParams csv = DemandDock::defaultParams();
    csv.network.zones = "polygons:/x/wards.geojson:ward";
    csv.network.barriers = "/x/rail_lines.geojson";
    csv.demand.od = "/x/od.csv";
    dock.setParams(csv);
    QVERIFY2(ops::toJson(dock.params()) == ops::toJson(csv), ops::toJson(dock.params()).dump().c_str());
    // A stored period; barriers are for the walking network only (the form drops them on roads).
    csv.demand.od = "period:am";
    csv.network.network = "road";
    dock.setParams(csv);
    QCOMPARE(QString::fromStdString(dock.params().demand.od), QStringLiteral("period:am"));
    QVERIFY(dock.params().network.barriers.empty());

    // The scenario panel's edits go to the scenario operation as its `edits` object, with
    // the base's network, demand and assignment.
    demand::ScenarioEdits edits;
    edits.closeSegments = {"seg-1"};
    edits.change.push_back({"seg-2", 900, 20});
    demand::AddedLinkSpec deck;
    deck.name = "deck";
    deck.from = {139.7395, 35.633, 0};
    deck.to = {139.7425, 35.6332, 0};
    deck.speedKmh = 4.8;
    edits.add.push_back(deck);
    edits.demandScale = 1.2;
    dock.setScenarioEdits(edits);
    const auto sp = widgets::scenarioParams(p, dock.scenarioEdits());
    QVERIFY(ops::toJson(sp.network) == ops::toJson(p.network));
    QCOMPARE(sp.assignment.max_iter, p.assignment.max_iter);
    ops::Session none;
    const auto back = sp.edits.read(none);
    QCOMPARE(back.closeSegments, edits.closeSegments);
    QCOMPARE(back.change.size(), std::size_t{1});
    QCOMPARE(back.change[0].capacity, 900.0);
    QCOMPARE(back.change[0].speedKmh, 20.0);
    QCOMPARE(back.add.size(), std::size_t{1});
    QCOMPARE(back.add[0].name, deck.name);
    QCOMPARE(back.add[0].to.lat, deck.to.lat);
    QCOMPARE(back.add[0].speedKmh, 4.8);
    QCOMPARE(back.add[0].capacity, demand::AddedLinkSpec{}.capacity);
    QCOMPARE(back.demandScale, 1.2);
  }

  void odMatrixModelTotals() {
    demand::NamedOdMatrix od;
    od.zoneIds = {"a", "b", "c"};
    od.matrix = demand::OdMatrix(3);
    const double v[3][3] = {{0, 10, 5}, {7, 0, 30}, {1, 2, 0}};
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) od.matrix(i, j) = v[i][j];
    widgets::OdMatrixModel model;
    model.setMatrix(od);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 4);
    for (int i = 0; i < 3; ++i) {
      double row = 0, col = 0;
      for (int j = 0; j < 3; ++j) row += v[i][j], col += v[j][i];
      QCOMPARE(model.index(i, 3).data(Qt::UserRole).toDouble(), row);
      QCOMPARE(model.index(3, i).data(Qt::UserRole).toDouble(), col);
    }
    QCOMPARE(model.index(3, 3).data(Qt::UserRole).toDouble(), od.matrix.total());
    QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), widgets::OdMatrixModel::tr("Total"));
    // Heat shading: the largest cell is darker than a small one.
    const QColor big = model.index(1, 2).data(Qt::BackgroundRole).value<QBrush>().color();
    const QColor small = model.index(2, 0).data(Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(big.lightness() < small.lightness());

    // Sorting origins by the Total column keeps the Total row last in both orders.
    widgets::OdMatrixSortProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(3, Qt::DescendingOrder);
    QCOMPARE(proxy.headerData(0, Qt::Vertical).toString(), QStringLiteral("b"));  // 37
    QCOMPARE(proxy.headerData(3, Qt::Vertical).toString(), widgets::OdMatrixModel::tr("Total"));
    proxy.sort(3, Qt::AscendingOrder);
    QCOMPARE(proxy.headerData(0, Qt::Vertical).toString(), QStringLiteral("c"));  // 3
    QCOMPARE(proxy.headerData(3, Qt::Vertical).toString(), widgets::OdMatrixModel::tr("Total"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("od.csv"));
    model.writeCsv(path);
    std::ifstream in(QFile::encodeName(path).toStdString());
    std::string header, line, last;
    std::getline(in, header);
    QCOMPARE(QString::fromStdString(header), QStringLiteral("origin,a,b,c,total"));
    std::getline(in, line);
    QCOMPARE(QString::fromStdString(line), QStringLiteral("a,0,10,5,15"));
    while (std::getline(in, line)) last = line;
    QCOMPARE(QString::fromStdString(last), QStringLiteral("total,8,12,35,55"));
    bool threw = false;
    try {
      model.writeCsv(dir.filePath(QStringLiteral("no/such/dir/od.csv")));
    } catch (const ekm::core::IoError& e) {
      threw = QString::fromUtf8(e.what()).contains(QStringLiteral("no/such/dir/od.csv"));
    }
    QVERIFY(threw);
  }

  void timeDifferenceLayerColoursByTimeChange() {
    // Eastbound: 60 s -> 90 s (slower, +30 s); westbound: 60 s -> 40 s (faster, -20 s).
    std::vector<render::LinkVolumeDifference> links(2);
    links[0].line = QPolygonF({QPointF(0, 0), QPointF(1000, 0)});
    links[0].baseTime_s = 60;
    links[0].scenarioTime_s = 90;
    links[1].line = QPolygonF({QPointF(1000, 0), QPointF(0, 0)});
    links[1].baseTime_s = 60;
    links[1].scenarioTime_s = 40;
    render::LinkDifferenceStyle style;
    style.quantity = render::DifferenceQuantity::TravelTime;
    style.timeWidth = 4;
    style.gap = 0;
    style.unit = QStringLiteral("s");
    const render::DivergingRamp ramp(30);
    const render::LinkDifferenceLayer layer(QStringLiteral("t"), QStringLiteral("T"), links, ramp, style);
    QCOMPARE(layer.value(links[0]), 30.0);
    const QColor slower = ramp.colourFor(30), faster = ramp.colourFor(-20);
    const int middle = ramp.classCount() / 2;
    QVERIFY(ramp.breaks().classIndex(30) > middle);  // an "increase" class
    QVERIFY(ramp.breaks().classIndex(-20) < middle);
    QVERIFY(slower.red() > slower.blue());
    QVERIFY(faster.blue() > faster.red());
    const QImage image = renderOnStrip(layer);
    for (int x : {100, 500, 900}) {
      // 4 pt bands regardless of the volumes, eastbound north of the line (left), westbound south.
      QCOMPARE(rowsOfColour(image, x, slower), (std::vector<int>{96, 97, 98, 99}));
      QCOMPARE(rowsOfColour(image, x, faster), (std::vector<int>{100, 101, 102, 103}));
    }
    // The legend is the ramp: its classes and colours, symmetric about zero; no width group.
    const auto legend = layer.legendGroups();
    QCOMPARE(legend.size(), std::size_t{1});
    QVERIFY(legend[0].title.contains(QStringLiteral("travel time")));
    const auto& items = legend[0].items;
    QCOMPARE(static_cast<int>(items.size()), ramp.classCount());
    for (int i = 0; i < ramp.classCount(); ++i) {
      QCOMPARE(items[static_cast<std::size_t>(i)].colour, ramp.classColour(i));
      QCOMPARE(items[static_cast<std::size_t>(i)].lower, -items[items.size() - 1 - static_cast<std::size_t>(i)].upper);
    }
    QVERIFY(items[static_cast<std::size_t>(middle)].lower < 0 && items[static_cast<std::size_t>(middle)].upper > 0);
    QCOMPARE(items.back().upper, ramp.maxAbs());
    // Identify tells the times.
    core::Feedback fb;
    const auto hit = layer.identify(QPointF(500, 2), stripSettings(), fb);
    QVERIFY(hit.has_value());
    QCOMPARE(hit->value, 30.0);
  }

  void corridorLayerDrawsBandsAndRanks() {
    render::CorridorItem first;
    first.line = QPolygonF({QPointF(100, 0), QPointF(900, 0)});
    first.rank = 1;
    first.peakVolume = 1200;
    render::CorridorItem second;
    second.line = QPolygonF({QPointF(100, -60), QPointF(500, -60)});
    second.rank = 2;
    render::CorridorStyle style;
    style.width = 12;
    const render::CorridorLayer layer(QStringLiteral("c"), QStringLiteral("C"), {first, second}, style);
    QCOMPARE(layer.corridors().back().rank, 1);  // drawn last, on top
    const QImage image = renderOnStrip(layer);
    // The translucent band over white: source-over of the style colour.
    const double alpha = style.colour.alphaF();
    auto blend = [alpha](int c) { return c * alpha + 255 * (1 - alpha); };
    auto near = [](QColor c, double r, double g, double b) {
      return std::abs(c.red() - r) <= 1.5 && std::abs(c.green() - g) <= 1.5 && std::abs(c.blue() - b) <= 1.5;
    };
    const double r = blend(style.colour.red()), g = blend(style.colour.green()), b = blend(style.colour.blue());
    // 12 pt centred on y = 0 (pixel row boundary 100): rows 94..105.
    for (int y = 94; y <= 105; ++y) QVERIFY2(near(image.pixelColor(300, y), r, g, b), qPrintable(QString::number(y)));
    QCOMPARE(image.pixelColor(300, 92).rgb(), kBackground.rgb());
    QCOMPARE(image.pixelColor(300, 107).rgb(), kBackground.rgb());
    QVERIFY(near(image.pixelColor(200, 160), r, g, b));  // the second corridor at y = -60
    QCOMPARE(image.pixelColor(700, 160).rgb(), kBackground.rgb());  // it ends at x = 500
    // Rank discs (radius 9 pt, opaque) at the middle of each corridor by length: (500, 0) and
    // (300, -60); the number is drawn in the disc's centre.
    QCOMPARE(render::CorridorLayer::midpoint(first.line), QPointF(500, 0));
    QCOMPARE(image.pixelColor(493, 100).rgb(), style.labelColour.rgb());
    QCOMPARE(image.pixelColor(507, 100).rgb(), style.labelColour.rgb());
    QCOMPARE(image.pixelColor(293, 160).rgb(), style.labelColour.rgb());
    bool text = false;
    for (int x = 496; x <= 504; ++x)
      for (int y = 95; y <= 105; ++y) text |= image.pixelColor(x, y).rgb() == style.labelTextColour.rgb();
    QVERIFY(text);
    // Legend: one line item of the band's colour and width.
    const auto legend = layer.legendGroups();
    QCOMPARE(legend.size(), std::size_t{1});
    QCOMPARE(legend[0].items.size(), std::size_t{1});
    QCOMPARE(legend[0].items[0].lineWidth, 12.0);
    QCOMPARE(legend[0].items[0].colour, style.colour);
    core::Feedback fb;
    const auto hit = layer.identify(QPointF(300, 3), stripSettings(), fb);
    QVERIFY(hit.has_value());
    QCOMPARE(hit->value, 1200.0);
  }

  void addedLinkTakesTheFlowOffTheDetours() {
    const double trips = 1000;
    const SketchProject sketch("walking", trips);
    widgets::TaskManager tasks;
    DemandDock dock;
    std::vector<render::LayerList> emitted;
    const auto run = runSketch(dock, tasks, sketch, emitted);
    QVERIFY2(run, qPrintable(dock.statusText()));
    // Base: every trip walks one of the two 1,800 m detours (three street links).
    double baseStreets = 0;
    for (int l = 0; l < run->network().network.linkCount(); ++l)
      if (run->network().linkSegment[static_cast<std::size_t>(l)] >= 0) baseStreets += run->assignment().volume[l];
    QVERIFY(std::abs(baseStreets - 3 * trips) < 1e-6 * trips);
    QCOMPARE(emitted.size(), std::size_t{1});
    demand::ScenarioEdits sc;
    demand::AddedLinkSpec deck;
    deck.name = "east-west deck";
    deck.from = at(0, 0);
    deck.to = at(1000, 0);
    deck.speedKmh = 4.8;
    sc.add.push_back(deck);
    dock.setScenarioEdits(sc);
    const auto form = dock.scenarioEdits();
    QCOMPARE(form.add.size(), std::size_t{1});
    QCOMPARE(form.add[0].from.lon, deck.from.lon);
    QCOMPARE(form.add[0].to.lat, deck.to.lat);
    QCOMPARE(form.add[0].speedKmh, 4.8);
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.runScenario();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    const auto scenario = dock.lastScenario();
    QVERIFY(scenario);
    QCOMPARE(scenario->addedNames(), (std::vector<std::string>{"east-west deck", "east-west deck"}));  // both ways
    // The deck: W <-> E, 1,000 m in the plane CRS, free-flow time = length / 4.8 km/h; all
    // trips take it eastbound (750 s against 1,350 s round a detour).
    int deckLinks = 0;
    for (const auto& d : scenario->result().links) {
      if (d.baseLink >= 0) continue;
      ++deckLinks;
      const auto& link = scenario->result().network.network.link(d.scenarioLink);
      QVERIFY2(std::abs(link.length - 1000) < 2, qPrintable(QString::number(link.length)));
      QVERIFY(std::abs(link.freeFlowTime - link.length / (4.8 / 3.6)) < 1e-9 * link.freeFlowTime);
      const bool eastbound = run->network().nodes[link.from].lon < run->network().nodes[link.to].lon;
      QVERIFY(std::abs(d.scenarioVolume - (eastbound ? trips : 0)) < 1e-6 * trips);
    }
    QCOMPARE(deckLinks, 2);
    // The detours lose their flow: every street link that carried trips carries fewer (none).
    double scenarioStreets = 0;
    for (const auto& d : scenario->result().links) {
      if (d.baseLink < 0 || run->network().linkSegment[static_cast<std::size_t>(d.baseLink)] < 0) continue;
      if (d.baseVolume > 1e-9) QVERIFY(d.scenarioVolume < d.baseVolume);
      scenarioStreets += d.scenarioVolume;
    }
    QVERIFY(scenarioStreets < 1e-6 * trips);
    // The difference map shows the deck as an added link with +1,000 trips.
    QCOMPARE(emitted.size(), std::size_t{2});
    const auto* diff = dynamic_cast<const render::LinkDifferenceLayer*>(emitted[1].at(0).get());
    QVERIFY(diff);
    bool sawDeck = false;
    for (const auto& l : diff->links())
      if (l.added && std::abs(l.difference() - trips) < 1e-6 * trips) {
        sawDeck = true;
        QCOMPARE(l.segmentId, QStringLiteral("east-west deck"));
        QVERIFY(diff->isDrawn(l));
      }
    QVERIFY(sawDeck);
  }

  void capacityChangeShiftsFlowAndTime() {
    const double trips = 1000;
    const SketchProject sketch("road", trips);
    widgets::TaskManager tasks;
    DemandDock dock;
    std::vector<render::LayerList> emitted;
    QVERIFY2(runSketch(dock, tasks, sketch, emitted), qPrintable(dock.statusText()));
    // Halve the north street's capacity (800 -> 400 veh/h).
    demand::ScenarioEdits sc;
    sc.change.push_back({"north", 400, 0});
    dock.setScenarioEdits(sc);
    QCOMPARE(dock.scenarioEdits().change.size(), std::size_t{1});
    QCOMPARE(dock.scenarioEdits().change[0].capacity, 400.0);
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.runScenario();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    const auto scenario = dock.lastScenario();
    QVERIFY(scenario);
    const auto* north = linkOf(*scenario, "north", true);
    const auto* south = linkOf(*scenario, "south", true);
    QVERIFY(north && south);
    // Base: the two equal routes share the trips equally.
    QVERIFY(std::abs(north->baseVolume - trips / 2) < 1e-3 * trips);
    QVERIFY(std::abs(south->baseVolume - trips / 2) < 1e-3 * trips);
    // Scenario: flow moves from the narrowed north street to the south; all trips still arrive.
    QVERIFY(north->scenarioVolume < trips / 2 - 1);
    QVERIFY(south->scenarioVolume > trips / 2 + 1);
    QVERIFY(std::abs(north->scenarioVolume + south->scenarioVolume - trips) < 1e-3 * trips);
    // Both routes take longer at the new equilibrium; the north street most.
    QVERIFY(north->scenarioTime > north->baseTime);
    QVERIFY(south->scenarioTime > south->baseTime);

    // The travel-time difference map colours the north street with an "increase" colour.
    dock.setDifferenceQuantity(render::DifferenceQuantity::TravelTime);
    QCOMPARE(emitted.size(), std::size_t{3});
    const auto* layer = dynamic_cast<const render::LinkDifferenceLayer*>(emitted.back().at(0).get());
    QVERIFY(layer);
    QCOMPARE(layer->style().quantity, render::DifferenceQuantity::TravelTime);
    const render::LinkVolumeDifference* northLink = nullptr;
    for (const auto& l : layer->links())
      if (l.segmentId == QStringLiteral("north") && l.timeDifference() > 0 && l.baseVolume > 1) northLink = &l;
    QVERIFY(northLink);
    QCOMPARE(northLink->timeDifference(), north->scenarioTime - north->baseTime);
    QVERIFY(layer->isDrawn(*northLink));
    const auto& ramp = layer->ramp();
    QVERIFY(ramp.breaks().classIndex(northLink->timeDifference()) > ramp.classCount() / 2);
    const QColor increase = ramp.colourFor(northLink->timeDifference());
    QVERIFY(increase.red() > increase.blue());
    QCOMPARE(layer->colourFor(*northLink), increase);
    // On the map: the band (4 pt) left of the eastbound street, i.e. just north of it.
    render::MapSettings settings;
    render::Extent e = layer->extent();
    e.xMin -= 100, e.xMax += 100, e.yMin -= 100, e.yMax += 100;
    settings.setExtent(e);
    settings.setOutputSize(QSize(700, 600));
    const QImage image = renderLayer(*layer, settings);
    const QPointF mid = render::CorridorLayer::midpoint(northLink->line);
    const QPointF px = settings.mapToPixel().toPixel(mid.x(), mid.y());
    const double s = settings.pixelScale();
    const int x = static_cast<int>(std::lround(px.x()));
    const int y = static_cast<int>(std::floor(px.y() - (layer->style().gap / 2 + 2) * s));
    QCOMPARE(image.pixelColor(x, y).rgb(), increase.rgb());
  }

  void dockRunConvergesAndEmitsLayers() {
    needSample();
    DemandDock dock;
    dock.setSession(sampleSession());
    const double gap = 1e-4;
    dock.setParams(roadParams(dock, gap));
    QCOMPARE(dock.params().assignment.gap, gap);
    std::vector<render::LayerList> emitted;
    std::vector<std::vector<render::LegendGroup>> legends;
    connect(&dock, &DemandDock::resultLayersReady, this,
            [&](render::LayerList layers, std::vector<render::LegendGroup> legend) {
              emitted.push_back(std::move(layers));
              legends.push_back(std::move(legend));
            });
    std::vector<demand::IterationRecord> live;
    connect(&dock, &DemandDock::assignmentIteration, this,
            [&](const demand::IterationRecord& r) { live.push_back(r); });
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    QVERIFY(dock.isRunning());
    QVERIFY(finished.wait(280000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    const auto run = dock.lastRun();
    QVERIFY(run);
    const auto& a = run->assignment();
    QVERIFY2(a.converged, qPrintable(dock.statusText()));
    QVERIFY(a.relativeGap <= gap);
    QVERIFY(a.iterations.size() >= 2);
    // Independent evaluation of the final volumes: the same gap.
    const auto eval = demand::evaluateVolumes(run->network().network, run->od().matrix, a.volume, {});
    QVERIFY(eval.relativeGap <= gap * 1.01);
    // One plotted point per iteration, the final gap last.
    QCOMPARE(dock.convergencePlot()->pointCount(), static_cast<int>(a.iterations.size()));
    QCOMPARE(dock.convergencePlot()->gaps().back(), a.relativeGap);
    // The records came live, one per iteration, as the assignment made them (not parsed from
    // log lines): the same iterations and gaps as the result's.
    QCOMPARE(live.size(), a.iterations.size());
    for (std::size_t i = 0; i < live.size(); ++i) {
      QCOMPARE(live[i].iteration, a.iterations[i].iteration);
      QCOMPARE(live[i].relativeGap, a.iterations[i].relativeGap);
    }
    // Layers: corridors under the desire lines under the flow bands; the bands' volumes are
    // the assigned ones.
    QCOMPARE(emitted.size(), std::size_t{1});
    QCOMPARE(emitted[0].size(), std::size_t{3});
    const auto* bands = dynamic_cast<const render::FlowBandLayer*>(emitted[0][2].get());
    QVERIFY(bands);
    QVERIFY(dynamic_cast<const render::DesireLineLayer*>(emitted[0][1].get()));
    const auto* corridors = dynamic_cast<const render::CorridorLayer*>(emitted[0][0].get());
    QVERIFY(corridors);
    QVERIFY(!corridors->corridors().empty());
    QCOMPARE(corridors->corridors().back().rank, 1);  // drawn last, on top
    QVERIFY(!run->outcome.corridors.empty());
    double maxVolume = 0;
    for (std::size_t l = 0; l < a.volume.size(); ++l)
      if (run->network().linkSegment[l] >= 0) maxVolume = std::max(maxVolume, a.volume[l]);
    QCOMPARE(bands->data()->maxVolume, maxVolume);
    QVERIFY(bands->extent().isValid());
    QVERIFY(m_layers->fullExtent.intersects(bands->extent()));
    QVERIFY(!legends[0].empty());
    saveScreenshots(QStringLiteral("run"), dock, *m_layers, emitted[0]);
    // The OD table sums to the assigned matrix.
    QCOMPARE(dock.odModel()->rowCount(), static_cast<int>(run->zones().zones.size()) + 1);
    QVERIFY(std::abs(dock.odModel()->grandTotal() - run->od().matrix.total()) <= 1e-9 * run->od().matrix.total());

    // Scenario: +20 % demand -> the difference layer; total difference = scenario - base.
    demand::ScenarioEdits sc;
    sc.demandScale = 1.2;
    dock.setScenarioEdits(sc);
    QCOMPARE(dock.scenarioEdits().demandScale, 1.2);
    dock.runScenario();
    QVERIFY(finished.wait(280000));
    QCOMPARE(finished.at(1).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Completed);
    QVERIFY(dock.lastScenario());
    const auto& res = dock.lastScenario()->result();
    QVERIFY(std::abs(res.scenarioDemand.total() - 1.2 * res.baseDemand.total()) <= 1e-6 * res.baseDemand.total());
    QCOMPARE(emitted.size(), std::size_t{2});
    QCOMPARE(emitted[1].size(), std::size_t{1});
    const auto* diff = dynamic_cast<const render::LinkDifferenceLayer*>(emitted[1][0].get());
    QVERIFY(diff);
    double sumDiff = 0;
    for (const auto& l : diff->links()) sumDiff += l.difference();
    QVERIFY(sumDiff > 0);  // more trips: more traffic overall
    saveScreenshots(QStringLiteral("scenario"), dock, *m_layers, emitted[1]);
  }

  void cancelStopsARun() {
    needSample();
    DemandDock dock;
    dock.setSession(sampleSession());
    dock.setParams(roadParams(dock, 1e-6));
    int emissions = 0;
    connect(&dock, &DemandDock::resultLayersReady, this, [&](render::LayerList, std::vector<render::LegendGroup>) {
      ++emissions;
    });
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    dock.cancel();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Cancelled);
    QVERIFY(!dock.lastRun());
    QVERIFY(!dock.isRunning());
    QTest::qWait(50);  // any queued emission would arrive now
    QCOMPARE(emissions, 0);
  }

  void badSettingsFailWithAMessage() {
    needSample();
    DemandDock dock;
    dock.setSession(sampleSession());
    auto p = roadParams(dock, 1e-3);
    p.demand.od = "/nonexistent/od.csv";
    dock.setParams(p);
    QSignalSpy finished(&dock, &DemandDock::runFinished);
    dock.run();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.at(0).at(0).value<DemandDock::RunStatus>(), DemandDock::RunStatus::Failed);
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("/nonexistent/od.csv")));
    const auto boxes = dock.findChildren<QMessageBox*>();
    for (auto* box : boxes) box->close();
  }
};

QTEST_MAIN(TestDemandDock)
#include "test_demand_dock.moc"
