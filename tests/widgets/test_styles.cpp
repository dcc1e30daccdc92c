// QtTest for styles (offscreen): classification (natural breaks against an exhaustive search,
// fixed-break validation), colour ramps (cividis against matplotlib's table), road segments
// and stations styled by value, the kernel heatmap, basemaps and legends that match the
// pixels the layers paint.
#include <QtTest/QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

#include "ekm/core/error.h"
#include "render/classification.h"
#include "render/colour_ramp.h"
#include "render/legend.h"
#include "render/map_renderer.h"
#include "render/road_segments_layer.h"
#include "render/stations_layer.h"

using namespace ekm;
using namespace ekm::render;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

bool near(QColor a, QColor b, int tolerance) {
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
         std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(QColor c) { return c.isValid() ? c.name(QColor::HexArgb) : QStringLiteral("invalid"); }

// Sum of squared deviations from the class means of sorted values split at `starts`.
double withinClassSsd(const std::vector<double>& x, const std::vector<std::size_t>& starts) {
  double total = 0;
  std::size_t a = 0;
  auto add = [&](std::size_t b) {  // class x[a..b)
    double m = 0;
    for (std::size_t i = a; i < b; ++i) m += x[i];
    m /= static_cast<double>(b - a);
    for (std::size_t i = a; i < b; ++i) total += (x[i] - m) * (x[i] - m);
    a = b;
  };
  for (std::size_t s : starts) add(s);
  add(x.size());
  return total;
}

// Exhaustive search over every way to cut sorted x into k non-empty classes.
double bruteForceMinSsd(const std::vector<double>& x, int k, std::vector<std::size_t>& bestStarts) {
  double best = std::numeric_limits<double>::infinity();
  std::vector<std::size_t> starts;
  std::function<void(std::size_t, int)> recurse = [&](std::size_t from, int remaining) {
    if (remaining == 0) {
      const double s = withinClassSsd(x, starts);
      if (s < best - 1e-12) {
        best = s;
        bestStarts = starts;
      }
      return;
    }
    for (std::size_t s = from; s + remaining <= x.size() - 1 + 1 && s < x.size(); ++s) {
      starts.push_back(s);
      recurse(s + 1, remaining - 1);
      starts.pop_back();
    }
  };
  recurse(1, k - 1);
  return best;
}

// A square map where one map unit is one pixel: map (x, y) is pixel (x, size - y).
MapSettings unitSettings(int size, core::HourKey hour = 0) {
  MapSettings s;
  s.setExtent({0, 0, double(size), double(size)});
  s.setOutputSize(QSize(size, size));
  s.setHour(hour);
  s.setBackgroundColour(QColor(255, 0, 255));  // magenta: never a style colour
  return s;
}

QColor over(QColor top, QColor bottom) {
  const double a = top.alphaF();
  return QColor::fromRgbF(top.redF() * a + bottom.redF() * (1 - a), top.greenF() * a + bottom.greenF() * (1 - a),
                          top.blueF() * a + bottom.blueF() * (1 - a));
}

// Three horizontal roads across a 300 x 300 map at pixel rows 49, 149, 249 (map y on
// half-pixels, so lines are centred on a pixel row).
std::shared_ptr<RoadGeometry> threeRoads() {
  auto g = std::make_shared<RoadGeometry>();
  const char* names[] = {"Quiet street", "Busy street", ""};
  for (int i = 0; i < 3; ++i) {
    const double y = 300 - (49.5 + 100 * i);
    QPolygonF line;
    line << QPointF(0, y) << QPointF(150, y) << QPointF(300, y);
    g->add(10 + i, RoadRank::Minor, line, QString::fromUtf8(names[i]), QStringLiteral("residential"));
  }
  return g;
}

}  // namespace

class TestStyles : public QObject {
  Q_OBJECT

 private slots:
  // jenkspy's README example: jenks_breaks([1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3,
  // 7.3, 5.0, 4.3], n_classes=3) == [1.2, 2.3, 5.0, 7.8]; checked here by exhaustive search too.
  void naturalBreaksPublishedExample() {
    std::vector<double> values{1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3};
    const ClassBreaks b = ClassBreaks::compute(values, 3, ClassificationMethod::NaturalBreaks);
    QCOMPARE(b.edges(), (std::vector<double>{1.2, 2.3, 5.0, 7.8}));
    std::sort(values.begin(), values.end());
    std::vector<std::size_t> bruteStarts;
    const double best = bruteForceMinSsd(values, 3, bruteStarts);
    QCOMPARE(withinClassSsd(values, naturalBreakStarts(values, 3)), best);
    QCOMPARE(naturalBreakStarts(values, 3), bruteStarts);
  }

  void naturalBreaksEqualsBruteForceOnRandomData() {
    std::mt19937 rng(42);
    std::lognormal_distribution<double> dist(3.0, 1.0);
    for (int trial = 0; trial < 20; ++trial) {
      const int n = 8 + trial % 7;
      const int k = 2 + trial % 4;
      std::vector<double> x(n);
      for (double& v : x) v = std::round(dist(rng) * 10) / 10;
      std::sort(x.begin(), x.end());
      std::vector<std::size_t> bruteStarts;
      const double best = bruteForceMinSsd(x, k, bruteStarts);
      const auto starts = naturalBreakStarts(x, k);
      QCOMPARE(static_cast<int>(starts.size()), k - 1);
      QVERIFY2(std::abs(withinClassSsd(x, starts) - best) <= 1e-9 * std::max(1.0, best),
               qPrintable(QStringLiteral("trial %1: dp %2 vs brute force %3").arg(trial).arg(withinClassSsd(x, starts)).arg(best)));
    }
  }

  void naturalBreaksLargeInputIsSampledDeterministically() {
    std::vector<double> values;
    for (int i = 0; i < 20000; ++i) values.push_back(i < 10000 ? i % 100 : 1000 + i % 100);  // two clusters
    const ClassBreaks a = ClassBreaks::compute(values, 2, ClassificationMethod::NaturalBreaks);
    std::reverse(values.begin(), values.end());
    const ClassBreaks b = ClassBreaks::compute(values, 2, ClassificationMethod::NaturalBreaks);
    QCOMPARE(a, b);
    QCOMPARE(a.edges(), (std::vector<double>{0, 99, 1099}));
  }

  void fixedBreaksAreValidated() {
    QCOMPARE(ClassBreaks({0, 10, 10, 25}).edges(), (std::vector<double>{0, 10, 25}));
    auto message = [](std::vector<double> edges) -> QString {
      try {
        ClassBreaks b(std::move(edges));
      } catch (const core::ValidationError& e) {
        return QString::fromStdString(e.what());
      }
      return {};
    };
    const QString descending = message({0, 20, 10});
    QVERIFY2(descending.contains(QStringLiteral("ascending")) && descending.contains(QStringLiteral("class break 3")),
             qPrintable(descending));
    const QString nan = message({0, kNaN, 10});
    QVERIFY2(nan.contains(QStringLiteral("finite")) && nan.contains(QStringLiteral("class break 2")), qPrintable(nan));
    QVERIFY(message({0, std::numeric_limits<double>::infinity()}).contains(QStringLiteral("finite")));
    QVERIFY(message({}).contains(QStringLiteral("edges")));
    QVERIFY_THROWS_EXCEPTION(core::ValidationError, ClassBreaks::compute({1, 2, 3}, 2, ClassificationMethod::Fixed));
  }

  void equalIntervalAndQuantile() {
    const std::vector<double> v{0, 1, 2, 3, 4, 5, 6, 7, 8, 100, kNaN};
    QCOMPARE(ClassBreaks::compute(v, 4, ClassificationMethod::EqualInterval).edges(), (std::vector<double>{0, 25, 50, 75, 100}));
    QCOMPARE(ClassBreaks::compute(v, 2, ClassificationMethod::Quantile).edges(), (std::vector<double>{0, 4.5, 100}));
  }

  // The 10 samples of matplotlib's cividis, cmap(linspace(0, 1, 10)): rows int(i / 9 * 256)
  // of _cividis_data in matplotlib/_cm_listed.py.
  void cividisMatchesMatplotlib() {
    const double rows[10][3] = {{0.000000, 0.135112, 0.304751}, {0.068968, 0.209372, 0.438863},
                                {0.230871, 0.286134, 0.423498}, {0.342246, 0.364939, 0.428559},
                                {0.438504, 0.442580, 0.452341}, {0.540307, 0.526005, 0.472163},
                                {0.648222, 0.610553, 0.454801}, {0.765223, 0.703705, 0.410587},
                                {0.883720, 0.800258, 0.332599}, {0.995737, 0.909344, 0.217772}};
    const ColourRamp ramp = ColourRamp::cividis();
    for (int i = 0; i < 10; ++i) {
      const QColor expected = QColor::fromRgbF(rows[i][0], rows[i][1], rows[i][2]);
      const QColor got = ramp.at(i / 9.0);
      QVERIFY2(near(got, expected, 1), qPrintable(QStringLiteral("sample %1: %2 vs %3").arg(i).arg(describe(got), describe(expected))));
    }
    // Between samples: linear in sRGB.
    const QColor mid = ramp.at(0.5 / 9.0);
    QVERIFY(near(mid, QColor(0x09, 0x2c, 0x5f), 1));
  }

  void rampsByNameAndReversed() {
    const QStringList names = ColourRamp::names();
    QCOMPARE(names, (QStringList{"viridis", "cividis", "magma", "plasma", "YlOrRd", "Blues", "Greens", "greys"}));
    for (const QString& name : names) {
      const ColourRamp ramp = ColourRamp::named(name);
      QCOMPARE(ramp.name(), name);
      const ColourRamp rev = ramp.reversed();
      QCOMPARE(rev.name(), name + " (reversed)");
      for (double t : {0.0, 0.13, 0.5, 0.77, 1.0}) QVERIFY(near(rev.at(t), ramp.at(1 - t), 1));
      QCOMPARE(ColourRamp::named(rev.name()), rev);
      QCOMPARE(rev.reversed().name(), name);
    }
    QCOMPARE(ColourRamp::magma().at(0), QColor("#000004"));
    QCOMPARE(ColourRamp::ylOrRd().at(1), QColor("#800026"));
    QCOMPARE(ColourRamp::named("no such ramp").name(), QStringLiteral("viridis"));
  }

  void roadsStyledByCountWidthColourAndLegend() {
    auto values = std::make_shared<InMemoryFeatureValues>(3);
    values->setValues(7, {5, 50, kNaN});
    values->setValues(8, {50, 5, kNaN});
    SegmentValueStyle style;
    style.breaks = ClassBreaks({0, 10, 100});
    style.valueTitle = QStringLiteral("Pedestrians per hour");
    auto layer = std::make_shared<RoadSegmentsLayer>("roads", "Roads", threeRoads(), values, style);
    QVERIFY(layer->dependsOnHour());
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(unitSettings(300, 7), {layer}, fb);
    QVERIFY(!r.cancelled && r.errors.isEmpty());
    const QImage& img = r.image;
    const QColor magenta(255, 0, 255);

    const auto groups = layer->legendGroups();
    QCOMPARE(groups.size(), std::size_t(1));
    QCOMPARE(groups[0].title, QStringLiteral("Pedestrians per hour"));
    QCOMPARE(groups[0].items.size(), std::size_t(3));  // 2 classes + no count
    const LegendItem& low = groups[0].items[0];
    const LegendItem& high = groups[0].items[1];
    // The legend colour is the colour painted for a value in that class.
    QVERIFY2(near(img.pixelColor(150, 49), low.colour, 1), qPrintable(describe(img.pixelColor(150, 49)) + " vs " + describe(low.colour)));
    QVERIFY2(near(img.pixelColor(150, 149), high.colour, 1), qPrintable(describe(img.pixelColor(150, 149))));
    QVERIFY(!near(low.colour, high.colour, 20));
    // Width graduated by class: the legend's widths, on the map.
    QCOMPARE(low.lineWidth, style.minWidth);
    QCOMPARE(high.lineWidth, style.maxWidth);
    QVERIFY(near(img.pixelColor(150, 149 + 3), high.colour, 1));  // 7 px wide: rows 146..152
    QVERIFY(near(img.pixelColor(150, 149 + 5), magenta, 0));
    QVERIFY(near(img.pixelColor(150, 49 + 2), magenta, 0));       // 1.2 px wide
    // Missing: thin grey, neither magenta nor a class colour.
    const QColor missing = img.pixelColor(150, 249);
    QVERIFY2(!near(missing, magenta, 10) && std::abs(missing.red() - missing.blue()) < 100, qPrintable(describe(missing)));
    QVERIFY(near(img.pixelColor(150, 249 + 2), magenta, 0));

    // Another hour: the classes swap.
    const RenderResult r8 = MapRenderer::render(unitSettings(300, 8), {layer}, fb);
    QVERIFY(near(r8.image.pixelColor(150, 49), high.colour, 1));
    QVERIFY(near(r8.image.pixelColor(150, 149), low.colour, 1));
  }

  void roadsIdentifyNearestWithinSixPixels() {
    auto values = std::make_shared<InMemoryFeatureValues>(3);
    values->setValues(7, {5, 50, kNaN});
    SegmentValueStyle style;
    style.breaks = ClassBreaks({0, 10, 100});
    RoadSegmentsLayer layer("roads", "Roads", threeRoads(), values, style);
    core::Feedback fb;
    const MapSettings s = unitSettings(300, 7);
    const MapToPixel m2p = s.mapToPixel();
    auto at = [&](double px, double py) { return layer.identify(m2p.toMap(QPointF(px, py)), s, fb); };
    const auto hit = at(80, 149.5 + 4);
    QVERIFY(hit);
    QCOMPARE(hit->fid, std::int64_t(11));
    QCOMPARE(hit->kind, IdentifyResult::FeatureKind::Segment);
    QCOMPARE(hit->title, QStringLiteral("Busy street"));
    QCOMPARE(hit->value, 50.0);
    QCOMPARE(hit->valueText, QStringLiteral("50"));
    bool hasClass = false;
    for (const auto& [k, v] : hit->attributes) hasClass = hasClass || v == QStringLiteral("residential");
    QVERIFY(hasClass);
    QVERIFY(!at(80, 149.5 + 8));  // beyond 6 px
    const auto missing = at(80, 249.5);
    QVERIFY(missing && std::isnan(missing->value));
    QCOMPARE(missing->fid, std::int64_t(12));
  }

  void stationBubblesAreaProportionalAndLegend() {
    auto pts = std::make_shared<StationPoints>();
    pts->add(1, QPointF(150, 150), QStringLiteral("高輪ゲートウェイ"), QStringLiteral("Takanawa Gateway"),
             QStringLiteral("JR East"), QStringLiteral("Yamanote; Keihin-Tohoku"));
    auto ridership = std::make_shared<InMemoryStationRidership>(1);
    ridership->setValues(7, {{600, 400}});  // 1000 = the reference
    ridership->setValues(8, {{250, kNaN}}); // a quarter: half the radius
    RidershipBubbleStyle bubbles;
    bubbles.referenceValue = 1000;
    bubbles.referenceRadius = 40;
    auto layer = std::make_shared<StationsLayer>("stations", "Stations", pts, ridership, bubbles);
    QVERIFY(layer->dependsOnHour());
    core::Feedback fb;
    const QColor magenta(255, 0, 255);
    const QColor bubble = over(bubbles.fill, magenta);
    const RenderResult r7 = MapRenderer::render(unitSettings(300, 7), {layer}, fb);
    // Left of the centre (labels are on the right), inside and outside the 40 px radius.
    QVERIFY2(near(r7.image.pixelColor(150 - 36, 150), bubble, 3), qPrintable(describe(r7.image.pixelColor(150 - 36, 150))));
    QVERIFY(near(r7.image.pixelColor(150 - 44, 150), magenta, 0));
    QVERIFY(near(r7.image.pixelColor(150, 150 - 36), bubble, 3));
    const RenderResult r8 = MapRenderer::render(unitSettings(300, 8), {layer}, fb);
    QVERIFY(near(r8.image.pixelColor(150 - 16, 150), bubble, 3));
    QVERIFY(near(r8.image.pixelColor(150 - 24, 150), magenta, 0));
    // Station symbol on top, white.
    QVERIFY(near(r7.image.pixelColor(150, 150), QColor(Qt::white), 2));

    // Legend: 2-3 reference bubbles whose radii are the style's, and the colour painted.
    const auto groups = layer->legendGroups();
    QCOMPARE(groups.size(), std::size_t(2));
    const auto& items = groups[1].items;
    QVERIFY(items.size() >= 2 && items.size() <= 3);
    QCOMPARE(items[0].lower, 1000.0);
    QCOMPARE(items[0].radius, 40.0);
    QCOMPARE(items[0].colour, bubbles.fill);
    for (const auto& item : items) QCOMPARE(item.radius, bubbles.radiusFor(item.lower));
    QVERIFY(near(over(items[0].colour, magenta), r7.image.pixelColor(150 - 36, 150), 3));

    // Identify inside the bubble (outside the symbol): names, operator, lines, boardings/alightings.
    const MapSettings s = unitSettings(300, 7);
    const auto hit = layer->identify(s.mapToPixel().toMap(QPointF(150 - 30, 150)), s, fb);
    QVERIFY(hit);
    QCOMPARE(hit->fid, std::int64_t(1));
    QCOMPARE(hit->value, 1000.0);
    QStringList texts;
    for (const auto& [k, v] : hit->attributes) texts << v;
    QVERIFY2(texts.contains("600") && texts.contains("400") && texts.contains("JR East") &&
                 texts.contains("Yamanote; Keihin-Tohoku") && texts.contains("Takanawa Gateway"),
             qPrintable(texts.join('|')));
    QVERIFY(!layer->identify(s.mapToPixel().toMap(QPointF(150 - 45, 150)), s, fb));
    const MapSettings s8 = unitSettings(300, 8);
    QVERIFY(!layer->identify(s8.mapToPixel().toMap(QPointF(150 - 30, 150)), s8, fb));  // bubble is 20 px now
  }
};

QTEST_MAIN(TestStyles)
#include "test_styles.moc"
