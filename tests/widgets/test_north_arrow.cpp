// QtTest: the north arrow of a map composition keeps off the stations' labels. A station is
// put where its label covers the arrow's usual place (the top right of a map without a
// legend); the layout must move the arrow, and the station layer drawn alone (into a
// transparent image) must leave every pixel of the arrow's box empty.
#include <QtTest/QtTest>

#include "render/map_composition.h"
#include "render/map_renderer.h"
#include "render/north_arrow.h"
#include "render/stations_layer.h"

using namespace ekm;
using namespace ekm::render;

namespace {

// Pixels of the layer's own drawing (alpha > 0) inside `box` (map image pixels).
int inkIn(const QImage& image, const QRectF& box) {
  int n = 0;
  const QRect r = box.toAlignedRect().intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) n += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
  return n;
}

}  // namespace

class TestNorthArrow : public QObject {
  Q_OBJECT

 private slots:
  void arrowKeepsOffStationLabels() {
    MapComposition c;
    c.size = QSize(1200, 800);
    c.extent = Extent{0, 0, 1200, 700};
    c.view.setDestinationEpsg(6677);
    c.title = QStringLiteral("Map");
    const CompositionLayout empty = layoutComposition(c);
    const QRectF usual = empty.northArrowRect;  // no labels: the top right
    QVERIFY(usual.right() > empty.mapRect.right() - 60 && usual.top() < empty.mapRect.top() + 60);

    // A station a label's length left of the arrow's usual place, at its middle height.
    const MapToPixel toPixel = empty.mapSettings.mapToPixel();
    const QPointF at = usual.center() - empty.mapRect.topLeft() - QPointF(usual.width() * 1.2, 0);
    auto points = std::make_shared<StationPoints>();
    points->add(1, toPixel.toMap(at), QStringLiteral("高輪ゲートウェイ"), QStringLiteral("Takanawa Gateway"));
    auto stations = std::make_shared<StationsLayer>(QStringLiteral("stations"), QStringLiteral("Stations"), points);
    c.layers = {stations};
    const CompositionLayout l = layoutComposition(c);

    // The station layer alone: its label covers the usual place, and nothing of it is in the arrow's box.
    core::Feedback feedback;
    QImage drawn(l.mapSettings.outputSize(), QImage::Format_ARGB32_Premultiplied);
    drawn.fill(Qt::transparent);
    QVERIFY(MapRenderer::renderLayer(*stations, l.mapSettings, feedback, drawn));
    QVERIFY2(inkIn(drawn, usual.translated(-l.mapRect.topLeft())) > 50, "the label does not reach the usual place");
    QVERIFY(l.northArrowRect != usual);
    QVERIFY(l.mapRect.contains(l.northArrowRect));
    QCOMPARE(l.northArrowRect.size(), northArrowSize(l.u));
    QCOMPARE(inkIn(drawn, l.northArrowRect.translated(-l.mapRect.topLeft())), 0);
    for (const QRectF& box : stations->labelBoxes(l.mapSettings))
      QVERIFY(!box.translated(l.mapRect.topLeft()).intersects(l.northArrowRect));
  }
};

QTEST_MAIN(TestNorthArrow)
#include "test_north_arrow.moc"
