// QtTest for the render library (no widgets): pixels of a known mesh layer, the hour,
// cancellation, classification and legends. Layers are small in-memory snapshots whose
// display-CRS coordinates are chosen so that one map unit is one pixel.
#include <QElapsedTimer>
#include <QSemaphore>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest/QtTest>
#include <atomic>
#include <algorithm>
#include <cmath>

#include "render/diverging_ramp.h"
#include "render/feature_values.h"
#include "render/legend.h"
#include "render/legend_box.h"
#include "render/map_composition.h"
#include "render/map_renderer.h"
#include "render/mesh_population_layer.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

using namespace ekm;
using namespace ekm::render;

namespace {

const double kNaN = std::nan("");

// n cells of 100 x 100 map units in a row: cell i spans x in [100 i, 100 (i + 1)], y in [0, 100].
std::shared_ptr<MeshGeometry> rowOfCells(int n) {
  auto g = std::make_shared<MeshGeometry>();
  for (int i = 0; i < n; ++i) {
    QPolygonF poly;
    poly << QPointF(100 * i, 0) << QPointF(100 * (i + 1), 0) << QPointF(100 * (i + 1), 100) << QPointF(100 * i, 100);
    g->add(i + 1, "cell" + std::to_string(i), poly);
  }
  return g;
}

MapSettings settingsFor(int cells, core::HourKey hour) {
  MapSettings s;
  s.setExtent({0, 0, 100.0 * cells, 100});
  s.setOutputSize(QSize(100 * cells, 100));
  s.setHour(hour);
  s.setBackgroundColour(QColor(255, 0, 255));  // magenta: never a ramp colour
  return s;
}

GraduatedStyle opaqueStyle(std::vector<double> edges) {
  GraduatedStyle style;
  style.breaks = ClassBreaks(std::move(edges));
  style.opacity = 1.0;
  return style;
}

// Centre pixel of cell i.
QColor centreOf(const QImage& image, int i) { return image.pixelColor(100 * i + 50, 50); }

bool near(QColor a, QColor b, int tolerance) {
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
         std::abs(a.blue() - b.blue()) <= tolerance;
}

// Blocks the render job inside valuesAt() for one hour until the job is cancelled.
class GateValues : public MeshValueSource {
 public:
  GateValues(std::shared_ptr<const MeshValueSource> inner, core::HourKey blockedHour)
      : m_inner(std::move(inner)), m_blocked(blockedHour) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey hour, core::Feedback& fb) const override {
    if (hour == m_blocked) {
      started.release();
      QElapsedTimer t;
      t.start();
      while (!fb.isCancelled() && t.elapsed() < 20000) QThread::msleep(1);
      sawCancel = fb.isCancelled();
    }
    return m_inner->valuesAt(hour, fb);
  }
  mutable QSemaphore started;
  mutable std::atomic<bool> sawCancel{false};

 private:
  std::shared_ptr<const MeshValueSource> m_inner;
  core::HourKey m_blocked;
};

}  // namespace

class TestRender : public QObject {
  Q_OBJECT

 private slots:
  void viridisMatchesMatplotlib() {
    // Reference: matplotlib's viridis at 0, 0.25, 0.5, 0.75, 1 (#440154 #3b528b #21918c #5ec962 #fde725).
    const ColourRamp v = ColourRamp::viridis();
    QVERIFY(near(v.at(0.0), QColor("#440154"), 0));
    QVERIFY(near(v.at(0.25), QColor("#3b528b"), 4));
    QVERIFY(near(v.at(0.5), QColor("#21918c"), 4));
    QVERIFY(near(v.at(0.75), QColor("#5ec962"), 4));
    QVERIFY(near(v.at(1.0), QColor("#fde725"), 0));
  }

  void quantileBreaksMatchNumpy() {
    // numpy.quantile(range(1, 11), [.25, .5, .75]) == [3.25, 5.5, 7.75] (linear, type 7).
    std::vector<double> values{10, 9, 8, 7, 6, 5, 4, 3, 2, 1, kNaN};
    const ClassBreaks b = ClassBreaks::compute(values, 4, ClassificationMethod::Quantile);
    QCOMPARE(b.edges(), (std::vector<double>{1, 3.25, 5.5, 7.75, 10}));
    const ClassBreaks e = ClassBreaks::compute(values, 3, ClassificationMethod::EqualInterval);
    QCOMPARE(e.edges(), (std::vector<double>{1, 4, 7, 10}));
    // Many equal values merge classes instead of making empty ones.
    const ClassBreaks z = ClassBreaks::compute({0, 0, 0, 0, 0, 0, 5, 10}, 4, ClassificationMethod::Quantile);
    QCOMPARE(z.edges().front(), 0.0);
    QVERIFY(z.classCount() < 4);
  }

  void classIndexBoundaries() {
    const ClassBreaks b({0, 10, 20, 30});
    QCOMPARE(b.classIndex(0), 0);
    QCOMPARE(b.classIndex(10), 0);  // upper bound inclusive
    QCOMPARE(b.classIndex(10.001), 1);
    QCOMPARE(b.classIndex(20), 1);
    QCOMPARE(b.classIndex(30), 2);
    QCOMPARE(b.classIndex(-5), 0);
    QCOMPARE(b.classIndex(99), 2);
    QCOMPARE(b.classIndex(kNaN), -1);
  }

  void knownMeshLayerGivesExpectedColours() {
    auto g = rowOfCells(5);
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    const core::HourKey hour = 482880;
    values->setValues(hour, {5, 15, 25, kNaN, 0});
    auto layer = std::make_shared<MeshPopulationLayer>("mesh", "Population", g, values, opaqueStyle({0, 10, 20, 30}));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(settingsFor(5, hour), {layer}, fb);
    QVERIFY(!r.cancelled);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(r.image.size(), QSize(500, 100));
    // Three classes: lowest = viridis(0), middle = viridis(0.5), highest = viridis(1).
    QVERIFY2(near(centreOf(r.image, 0), QColor("#440154"), 0), qPrintable(centreOf(r.image, 0).name()));
    QVERIFY2(near(centreOf(r.image, 1), QColor("#21918c"), 4), qPrintable(centreOf(r.image, 1).name()));
    QVERIFY2(near(centreOf(r.image, 2), QColor("#fde725"), 0), qPrintable(centreOf(r.image, 2).name()));
    // Missing: grey hatch (fill #d2d2d2, hatch lines #808080) - grey, never a class colour.
    int fill = 0, hatch = 0;
    for (int x = 310; x < 390; ++x) {
      const QColor c = r.image.pixelColor(x, 50);
      QVERIFY2(c.red() == c.green() && c.green() == c.blue(), qPrintable(c.name()));
      fill += c.red() == 0xd2;
      hatch += c.red() == 0x80;
    }
    QVERIFY(fill > 0);
    QVERIFY(hatch > 0);
    // Zero is a value (lowest class), not missing.
    QVERIFY(near(centreOf(r.image, 4), QColor("#440154"), 0));
    // Outside the cells: background.
    MapSettings wide = settingsFor(5, hour);
    wide.setExtent({-100, 0, 500, 100});
    wide.setOutputSize(QSize(600, 100));
    const RenderResult rw = MapRenderer::render(wide, {layer}, fb);
    QCOMPARE(rw.image.pixelColor(50, 50), QColor(255, 0, 255));
    QVERIFY(near(rw.image.pixelColor(150, 50), QColor("#440154"), 0));
  }

  // A street in the white middle class of a diverging ramp is outlined in the casing colour,
  // so it shows on a light map (the briefing's streets page); the legend's line carries it.
  void valuedStreetsCanHaveACasing() {
    auto g = std::make_shared<RoadGeometry>();
    g->add(1, RoadRank::Minor, QPolygonF{QPointF(20, 50), QPointF(480, 50)});
    auto values = std::make_shared<InMemoryFeatureValues>(1);
    const core::HourKey hour = 482880;
    values->setValues(hour, {0});
    const DivergingRamp ramp(15, 3);
    SegmentValueStyle style;
    style.breaks = ramp.breaks();
    style.ramp = DivergingRamp::blueWhiteRed();
    style.rampStart = 0;
    style.minWidth = style.maxWidth = 4;  // points: 32 px at 8 x 96 dpi, the casing 6 px more on each side
    MapSettings s;
    s.setExtent({0, 0, 500, 100});
    s.setOutputSize(QSize(500, 100));
    s.setDpi(96 * 8);
    s.setHour(hour);
    s.setBackgroundColour(Qt::white);
    core::Feedback fb;
    const auto draw = [&](const SegmentValueStyle& st) {
      const auto layer = std::make_shared<RoadSegmentsLayer>("streets", "Streets", g, values, st);
      return MapRenderer::render(s, {layer}, fb).image;
    };
    const QImage plain = draw(style);
    style.casing = QColor(0x40, 0x40, 0x40);
    const QImage cased = draw(style);
    const QColor middle = style.classColour(1);
    QVERIFY2(near(cased.pixelColor(250, 50), middle, 2), qPrintable(cased.pixelColor(250, 50).name()));
    QVERIFY2(near(plain.pixelColor(250, 31), QColor(Qt::white), 2), qPrintable(plain.pixelColor(250, 31).name()));
    QVERIFY2(near(cased.pixelColor(250, 31), style.casing, 8), qPrintable(cased.pixelColor(250, 31).name()));
    QVERIFY2(near(cased.pixelColor(250, 69), style.casing, 8), qPrintable(cased.pixelColor(250, 69).name()));
    const auto groups = RoadSegmentsLayer("streets", "Streets", g, values, style).legendGroups();
    QVERIFY(!groups.empty() && groups.front().items.size() == 4);  // 3 classes and "no count"
    QCOMPARE(groups.front().items[1].stroke, style.casing);
    QVERIFY(!groups.front().items[3].stroke.isValid());
  }

  // A map inside a page (the briefing pack) keeps the page's unit: its legend is as large as
  // the page's text however small the map, and without the unit it shrinks with the map.
  void compositionUnitKeepsTheLegendAtThePageSize() {
    MapComposition c;
    c.size = QSize(480, 360);
    c.extent = Extent{0, 0, 500, 100};
    c.view.setDestinationEpsg(6677);
    LegendItem range;
    range.kind = LegendItem::Kind::Range;
    range.label = QStringLiteral("0 – 10");
    range.colour = Qt::red;
    c.legend = {LegendGroup{QStringLiteral("Population"), {range}}};
    const CompositionLayout own = layoutComposition(c);
    QCOMPARE(own.u, 480 / 1600.0);
    QCOMPARE(own.legendRect.size(), legendBoxSize(c.legend, 480 / 1600.0));
    c.unit = 0.7;
    const CompositionLayout page = layoutComposition(c);
    QCOMPARE(page.u, 0.7);
    QCOMPARE(page.legendRect.size(), legendBoxSize(c.legend, 0.7));
    QVERIFY(page.legendRect.height() > 2 * own.legendRect.height());
  }

  void changingTheHourChangesTheColour() {
    auto g = rowOfCells(2);
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    values->setValues(100, {5, 25});
    values->setValues(101, {25, 25});  // cell 0 changes, cell 1 does not
    auto layer = std::make_shared<MeshPopulationLayer>("mesh", "Population", g, values, opaqueStyle({0, 10, 20, 30}));
    LayerImageCache cache;
    core::Feedback fb;
    const RenderResult a = MapRenderer::render(settingsFor(2, 100), {layer}, fb, &cache);
    const RenderResult b = MapRenderer::render(settingsFor(2, 101), {layer}, fb, &cache);
    QVERIFY(near(centreOf(a.image, 0), QColor("#440154"), 0));
    QVERIFY(near(centreOf(b.image, 0), QColor("#fde725"), 0));
    QCOMPARE(centreOf(a.image, 1), centreOf(b.image, 1));
    QCOMPARE(b.layersFromCache, 0);  // the hour is part of an hour-dependent layer's key
    const RenderResult again = MapRenderer::render(settingsFor(2, 100), {layer}, fb, &cache);
    QCOMPARE(again.layersFromCache, 1);
    QCOMPARE(centreOf(again.image, 0), centreOf(a.image, 0));
  }

  void hourIndependentLayersComeFromTheCache() {
    auto pts = std::make_shared<StationPoints>();
    pts->add(1, QPointF(50, 50), QStringLiteral("高輪ゲートウェイ"), QStringLiteral("Takanawa Gateway"));
    auto stations = std::make_shared<StationsLayer>("stations", "Stations", pts);
    LayerImageCache cache;
    core::Feedback fb;
    const RenderResult a = MapRenderer::render(settingsFor(2, 100), {stations}, fb, &cache);
    const RenderResult b = MapRenderer::render(settingsFor(2, 200), {stations}, fb, &cache);
    QCOMPARE(a.layersFromCache, 0);
    QCOMPARE(b.layersFromCache, 1);
    QCOMPARE(a.image, b.image);
    // The symbol is drawn at its position: the stroke is dark, the fill white.
    QCOMPARE(a.image.pixelColor(50, 50), QColor(Qt::white));
    QCOMPARE(stations->labelText(0, LabelLanguage::Both), QStringLiteral("高輪ゲートウェイ\nTakanawa Gateway"));
    QCOMPARE(stations->labelText(0, LabelLanguage::English), QStringLiteral("Takanawa Gateway"));
  }

  void smallCellsTileWithoutGaps() {
    // 10 x 10 pixel cells (filled as pixel rectangles): every pixel belongs to exactly the
    // cell it lies in, with no background showing between cells.
    auto g = std::make_shared<MeshGeometry>();
    std::vector<double> v;
    for (int row = 0; row < 10; ++row)
      for (int col = 0; col < 40; ++col) {
        // A skew of 0.2 px, as a projected lon/lat rectangle has, must not open gaps.
        const double sk = 0.02 * col;
        QPolygonF poly;
        poly << QPointF(10 * col, 10 * row + sk) << QPointF(10 * col + 10, 10 * row + sk + 0.02)
             << QPointF(10 * col + 10, 10 * row + 10 + sk + 0.02) << QPointF(10 * col, 10 * row + 10 + sk);
        g->add(row * 40 + col + 1, "c", poly);
        v.push_back((row + col) % 2 ? 25 : 5);
      }
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    values->setValues(0, v);
    auto layer = std::make_shared<MeshPopulationLayer>("m", "M", g, values, opaqueStyle({0, 10, 20, 30}));
    MapSettings s;
    s.setExtent({0, 0, 400, 100});
    s.setOutputSize(QSize(400, 100));
    s.setBackgroundColour(QColor(255, 0, 255));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {layer}, fb);
    const QColor low("#440154"), high("#fde725");
    int wrong = 0, gaps = 0;
    for (int y = 1; y < 99; ++y)
      for (int x = 0; x < 400; ++x) {
        const QColor c = r.image.pixelColor(x, y);
        if (c != low && c != high) ++gaps;
        // Away from cell edges (where the sub-pixel skew decides), the colour is the cell's.
        const double yMap = 100 - (y + 0.5), sk = 0.02 * (x / 10);
        const double inRow = std::fmod(yMap - sk, 10.0);
        if (x % 10 == 0 || x % 10 == 9 || inRow < 1.5 || inRow > 8.5) continue;
        const int col = x / 10, row = static_cast<int>((yMap - sk) / 10);
        if (c != ((row + col) % 2 ? high : low)) ++wrong;
      }
    QCOMPARE(gaps, 0);
    QCOMPARE(wrong, 0);
  }

  void directWritesMatchThePainterPath() {
    // The layer writes pixel rectangles straight into a plain ARGB32_Premultiplied image;
    // through a clipped painter (as for any other device) it uses QPainter. Same picture,
    // including the hatching of missing cells (at 96 and 192 dpi) and sub-pixel skew.
    auto g = std::make_shared<MeshGeometry>();
    std::vector<double> v;
    for (int row = 0; row < 12; ++row)
      for (int col = 0; col < 37; ++col) {
        const double sk = 0.03 * col, x = 10.5 * col, y = 8.25 * row;
        QPolygonF poly;
        poly << QPointF(x, y + sk) << QPointF(x + 10.5, y + sk + 0.03) << QPointF(x + 10.5, y + 8.25 + sk + 0.03)
             << QPointF(x, y + 8.25 + sk);
        g->add(row * 37 + col + 1, "c", poly);
        v.push_back((row * 37 + col) % 7 == 3 ? kNaN : (row * 5 + col * 3) % 30);
      }
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    values->setValues(0, v);
    auto layer = std::make_shared<MeshPopulationLayer>("m", "M", g, values, opaqueStyle({0, 10, 20, 30}));
    for (double dpi : {96.0, 192.0}) {
      MapSettings s;
      s.setExtent({-3, -2, 385, 100});
      s.setOutputSize(QSize(388, 102));
      s.setDpi(dpi);
      auto paint = [&](bool clip) {
        QImage image(s.outputSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        if (clip) painter.setClipRect(image.rect());
        core::Feedback fb;
        RenderContext ctx{painter, s, s.mapToPixel(), s.visibleExtent(), fb};
        layer->render(ctx);
        painter.end();
        return image;
      };
      const QImage direct = paint(false), painted = paint(true);
      int differ = 0;
      for (int y = 0; y < direct.height(); ++y)
        for (int x = 0; x < direct.width(); ++x) differ += direct.pixel(x, y) != painted.pixel(x, y);
      QCOMPARE(differ, 0);
      QVERIFY(direct.pixelColor(100, 50).alpha() == 255);
    }
  }

  void outlinesDrawEachSharedEdgeOnce() {
    // 3 x 2 cells of 40 x 40 pixels (>= 14 px: outlined). Every cell has the same class so
    // that a line's blend is easy to predict.
    auto g = std::make_shared<MeshGeometry>();
    for (int row = 0; row < 2; ++row)
      for (int col = 0; col < 3; ++col) {
        QPolygonF poly;
        poly << QPointF(40 * col, 40 * row) << QPointF(40 * col + 40, 40 * row) << QPointF(40 * col + 40, 40 * row + 40)
             << QPointF(40 * col, 40 * row + 40);
        g->add(row * 3 + col + 1, "c", poly);
      }
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    values->setValues(0, std::vector<double>(6, 5.0));
    auto layer = std::make_shared<MeshPopulationLayer>("m", "M", g, values, opaqueStyle({0, 10}));
    MapSettings s;
    s.setExtent({-10, -10, 130, 90});
    s.setOutputSize(QSize(140, 100));
    QImage image;
    core::Feedback fb;
    QVERIFY(MapRenderer::renderLayer(*layer, s, fb, image));
    // The expected colours: the class colour, and once blended with the outline.
    const QColor fill = layer->style().classColour(0);
    QImage once(1, 1, QImage::Format_ARGB32_Premultiplied);
    once.fill(fill);
    {
      QPainter p(&once);
      p.fillRect(0, 0, 1, 1, layer->style().outline);
    }
    const QColor line = once.pixelColor(0, 0);
    QVERIFY(line != fill);
    // Pixel x of map x: x + 10; pixel y of map y: 90 - y. Cells span pixels 10..129, 10..89.
    auto at = [&](int x, int y) { return image.pixelColor(x, y); };
    QCOMPARE(at(30, 30), fill);                         // inside
    QVERIFY(near(at(50, 30), line, 1));                 // shared vertical edge: one column
    QCOMPARE(at(49, 30), fill);
    QCOMPARE(at(51, 30), fill);
    QVERIFY(near(at(30, 50), line, 1));                 // shared horizontal edge: one row
    QCOMPARE(at(30, 49), fill);
    QCOMPARE(at(30, 51), fill);
    QVERIFY(near(at(10, 30), line, 1));                 // outer edges: left, top, right, bottom
    QVERIFY(near(at(30, 10), line, 1));
    QVERIFY(near(at(129, 30), line, 1));
    QVERIFY(near(at(30, 89), line, 1));
    QCOMPARE(at(128, 30), fill);
    QCOMPARE(at(30, 88), fill);
    QCOMPARE(at(5, 5).alpha(), 0);                      // outside: transparent
    QCOMPARE(at(135, 95).alpha(), 0);
    // Cut by the image border: no line along the border.
    MapSettings cut = s;
    cut.setExtent({20, 20, 100, 60});
    cut.setOutputSize(QSize(80, 40));
    QVERIFY(MapRenderer::renderLayer(*layer, cut, fb, image));
    QCOMPARE(image.pixelColor(5, 0), fill);
    QCOMPARE(image.pixelColor(0, 5), fill);
    QCOMPARE(image.pixelColor(79, 5), fill);
    QCOMPARE(image.pixelColor(5, 39), fill);
    QVERIFY(near(image.pixelColor(20, 5), line, 1));  // map x 40: an edge inside the view
  }

  void preCancelledJobDrawsNothing() {
    auto g = rowOfCells(3);
    auto values = std::make_shared<InMemoryMeshValues>(g->size());
    values->setValues(1, {1, 2, 3});
    auto layer = std::make_shared<MeshPopulationLayer>("mesh", "Population", g, values, opaqueStyle({0, 1, 2, 3}));
    core::Feedback fb;
    fb.cancel();
    const RenderResult r = MapRenderer::render(settingsFor(3, 1), {layer}, fb);
    QVERIFY(r.cancelled);
    QVERIFY(r.image.isNull());
    QCOMPARE(r.featuresDrawn, std::int64_t{0});
  }

  void cancellingARunningJobStopsIt() {
    // A big layer (40,000 cells) whose values block until the job is cancelled, then a
    // second layer that must never be drawn.
    auto g = std::make_shared<MeshGeometry>();
    for (int i = 0; i < 40000; ++i) {
      const double x = (i % 200) * 2.0, y = (i / 200) * 0.5;
      QPolygonF poly;
      poly << QPointF(x, y) << QPointF(x + 2, y) << QPointF(x + 2, y + 0.5) << QPointF(x, y + 0.5);
      g->add(i + 1, std::to_string(i), poly);
    }
    auto inner = std::make_shared<InMemoryMeshValues>(g->size());
    inner->setValues(7, std::vector<double>(g->size(), 1.0));
    auto gate = std::make_shared<GateValues>(inner, 7);
    auto blocking = std::make_shared<MeshPopulationLayer>("a", "A", g, gate, opaqueStyle({0, 1, 2}));
    auto second = std::make_shared<MeshPopulationLayer>("b", "B", g, inner, opaqueStyle({0, 1, 2}));
    MapSettings s;
    s.setExtent({0, 0, 400, 100});
    s.setOutputSize(QSize(800, 200));
    s.setHour(7);
    core::Feedback fb;
    QFuture<RenderResult> future = QtConcurrent::run([&] { return MapRenderer::render(s, {blocking, second}, fb); });
    QVERIFY(gate->started.tryAcquire(1, 20000));  // the job is inside the first layer
    QVERIFY(future.isRunning());
    fb.cancel();
    future.waitForFinished();
    const RenderResult r = future.result();
    QVERIFY(gate->sawCancel.load());
    QVERIFY(r.cancelled);
    QVERIFY(r.image.isNull());
    QCOMPARE(r.featuresDrawn, std::int64_t{0});  // neither the rest of layer A nor layer B

    // The same layers without cancelling draw every cell of both layers.
    core::Feedback fb2;
    const RenderResult full = MapRenderer::render(s, {second, second}, fb2);
    QVERIFY(!full.cancelled);
    QCOMPARE(full.featuresDrawn, std::int64_t{80000});
  }

  void legendClassesMatchTheClassifier() {
    std::vector<double> values;
    for (int i = 0; i < 500; ++i) values.push_back(std::pow(i, 1.7));
    values.push_back(kNaN);
    GraduatedStyle style;
    style.breaks = ClassBreaks::compute(values, 6, ClassificationMethod::Quantile);
    QCOMPARE(style.classCount(), 6);
    const LegendGroup g = Legend::forGraduatedStyle(QStringLiteral("Population"), style);
    QCOMPARE(g.items.size(), std::size_t(style.classCount() + 1));
    for (int i = 0; i < style.classCount(); ++i) {
      const LegendItem& item = g.items[i];
      QCOMPARE(item.kind, LegendItem::Kind::Range);
      QCOMPARE(item.lower, style.breaks.edges()[i]);
      QCOMPARE(item.upper, style.breaks.edges()[i + 1]);
      QCOMPARE(item.colour, style.classColour(i));
      // A value inside the item's range gets the item's colour on the map.
      QCOMPARE(style.colourFor((item.lower + item.upper) / 2), item.colour);
      QCOMPARE(style.colourFor(item.upper), item.colour);
      QVERIFY(item.label.contains(QLocale().toString(item.upper, 'f', Legend::decimalsFor(style.breaks))));
    }
    QCOMPARE(g.items.back().kind, LegendItem::Kind::Missing);
    QVERIFY(!style.colourFor(kNaN).isValid());
    // The legend painter draws the swatches in the class colours.
    LegendPainter painter;
    const QSizeF size = painter.size({g});
    QImage img(size.toSize() + QSize(4, 4), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    painter.paint(p, QPointF(0, 0), {g});
    p.end();
    int found = 0;
    for (int i = 0; i < style.classCount(); ++i) {
      bool seen = false;
      for (int y = 0; y < img.height() && !seen; ++y)
        for (int x = 0; x < 20 && !seen; ++x) seen = img.pixelColor(x, y) == style.classColour(i);
      found += seen;
    }
    QCOMPARE(found, style.classCount());
  }

  void printRenderTimes() {
    // Prints figures (no assertion on time): a 1920x1080 render of 2,000 and 40,000 cells.
    for (int n : {2000, 40000}) {
      const int side = static_cast<int>(std::ceil(std::sqrt(n)));
      auto g = std::make_shared<MeshGeometry>();
      std::vector<double> v;
      for (int i = 0; i < n; ++i) {
        const double x = (i % side) * 125.0, y = (i / side) * 125.0;
        QPolygonF poly;
        poly << QPointF(x, y) << QPointF(x + 125, y) << QPointF(x + 125, y + 125) << QPointF(x, y + 125);
        g->add(i + 1, std::to_string(i), poly);
        v.push_back(i % 17 == 0 ? kNaN : (i * 7919) % 1000);
      }
      auto values = std::make_shared<InMemoryMeshValues>(g->size());
      values->setValues(0, v);
      GraduatedStyle style;
      style.breaks = ClassBreaks::compute(v, 7, ClassificationMethod::Quantile);
      auto layer = std::make_shared<MeshPopulationLayer>("m", "M", g, values, style);
      MapSettings s;
      s.setExtent(g->extent);
      s.setOutputSize(QSize(1920, 1080));
      std::vector<double> ms;
      for (int k = 0; k < 7; ++k) {
        core::Feedback fb;
        ms.push_back(MapRenderer::render(s, {layer}, fb).elapsedMs);
      }
      std::sort(ms.begin(), ms.end());
      qInfo("render 1920x1080, %d cells: median %.1f ms (min %.1f, max %.1f)", n, ms[ms.size() / 2], ms.front(), ms.back());
    }
  }

  void zoomKeepsThePointUnderTheCursor() {
    MapSettings s;
    s.setExtent({1000, 2000, 3000, 3000});
    s.setOutputSize(QSize(400, 200));
    const QPointF cursor(100, 50);
    const QPointF before = s.mapToPixel().toMap(cursor);
    MapSettings z = s;
    z.setExtent(s.zoomedExtent(2.0, cursor));
    const QPointF after = z.mapToPixel().toMap(cursor);
    QVERIFY(std::abs(before.x() - after.x()) < 1e-6);
    QVERIFY(std::abs(before.y() - after.y()) < 1e-6);
    QCOMPARE(z.mapUnitsPerPixel(), s.mapUnitsPerPixel() / 2);
    MapSettings p = s;
    p.setExtent(s.pannedExtent(QPointF(40, -20)));  // content follows the cursor right and up
    QCOMPARE(p.visibleExtent().xMin, 1000 - 40 * 5.0);
    QCOMPARE(p.visibleExtent().yMin, 2000 - 20 * 5.0);
  }
};

QTEST_MAIN(TestRender)
#include "test_render.moc"
