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
};

QTEST_GUILESS_MAIN(TestStyles)
#include "test_styles.moc"
