// The ridership KPI charts of the operator report and the Mobility dock (render/kpi_charts.h):
// the small-count rule applies to counts of people. A mean load per bus or boardings per day
// below 10 is drawn when the boardings behind it are 10 or more, and marked "*" only when
// they are fewer (the report's Saturday and Sunday load curves were blank before).
#include <QImage>
#include <QtTest/QtTest>

#include "render/kpi_charts.h"

using namespace ekm;

namespace {

mobility::HourLoad hour(const char* dayType, int h, int days, std::int64_t boardings, std::int64_t calls, double meanLoad) {
  mobility::HourLoad x;
  x.dayType = dayType;
  x.hour = h;
  x.days = days;
  x.boardings = boardings;
  x.boardingsPerDay = static_cast<double>(boardings) / days;
  x.calls = calls;
  x.meanLoad = meanLoad;
  return x;
}

}  // namespace

class TestKpiCharts : public QObject {
  Q_OBJECT
 private slots:
  void aSmallMeanOverManyBoardingsIsDrawn() {
    mobility::RidershipKpis k;
    // Saturdays: 10:00 has 40 boardings over 4 days (mean 3.5 on board), 11:00 only 6.
    k.hourly = {hour("saturday", 10, 4, 40, 16, 3.5), hour("saturday", 11, 4, 6, 16, 2.0),
                hour("saturday", 12, 4, 48, 16, 4.0)};
    const auto chart = render::hourlyLoadChart(k, render::LabelLanguage::English);
    QCOMPARE(chart.series.size(), std::size_t(1));
    QCOMPARE(chart.series[0].values.size(), std::size_t(3));
    QImage img(800, 400, QImage::Format_ARGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    const auto g = render::paintCategoryChart(p, QRectF(0, 0, 800, 400), chart, 1.0);
    p.end();
    // Only 11:00 (6 boardings) is suppressed; 10:00 and 12:00 are drawn.
    QCOMPARE(g.suppressed, 1);
    QVERIFY(g.yMax >= 4.0 && g.yMax < 10.0);
    const double cw = g.plot.width() / 3;
    const auto colour = render::dayTypeColour(1);
    for (const auto& [i, v] : {std::pair{0, 3.5}, std::pair{2, 4.0}}) {
      const QPoint at(static_cast<int>(g.plot.left() + (i + 0.5) * cw), static_cast<int>(g.plot.bottom() - v / g.yMax * g.plot.height()));
      const QColor c = img.pixelColor(at);
      QVERIFY2(std::abs(c.red() - colour.red()) < 40 && std::abs(c.green() - colour.green()) < 40 &&
                   std::abs(c.blue() - colour.blue()) < 40,
               qPrintable(QStringLiteral("hour %1: %2").arg(10 + i).arg(c.name())));
    }
    // Boardings per day (10, 1.5, 12) follow the same rule: 11:00 only.
    QImage img2(800, 400, QImage::Format_ARGB32);
    QPainter p2(&img2);
    QCOMPARE(render::paintCategoryChart(p2, QRectF(0, 0, 800, 400), render::hourlyBoardingsChart(k, render::LabelLanguage::English), 1.0).suppressed, 1);
  }

  void aSeriesWithoutCountsKeepsTheRuleOnItsValues() {
    render::CategoryChart c;
    c.categories = {QStringLiteral("a"), QStringLiteral("b")};
    render::ChartSeries riders;  // no counts: the rule reads the values
    riders.name = QStringLiteral("riders");
    riders.colour = Qt::blue;
    riders.kind = render::ChartSeries::Kind::Bars;
    riders.values = {5.0, 50.0};
    c.series.push_back(riders);
    QImage img(400, 300, QImage::Format_ARGB32);
    QPainter p(&img);
    const auto g = render::paintCategoryChart(p, QRectF(0, 0, 400, 300), c, 1.0);
    QCOMPARE(g.suppressed, 1);
    QCOMPARE(g.bars.size(), std::size_t(1));
  }
};

QTEST_MAIN(TestKpiCharts)
#include "test_kpi_charts.moc"
