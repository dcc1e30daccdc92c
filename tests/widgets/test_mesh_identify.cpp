// QtTest: identify on the mesh population layer. The mesh is a block of real JIS X 0410 1/8
// cells near Tokyo Station projected to EPSG:6677 (as the project loader does), so cells are
// very slightly rotated; a rendered image is compared with what identify() says at its pixels.
#include <QtTest/QtTest>
#include <cmath>

#include "ekm/geo/transformer.h"
#include "ekm/mesh/mesh_code.h"
#include "render/map_renderer.h"
#include "render/mesh_population_layer.h"

using namespace ekm;
using namespace ekm::render;

namespace {

constexpr int kRows = 6, kCols = 8;

struct Block {
  std::shared_ptr<MeshGeometry> geometry;
  std::shared_ptr<InMemoryMeshValues> values;
  std::vector<double> hourValues;
  std::shared_ptr<MeshPopulationLayer> layer;
};

// kRows x kCols cells; cell (r, c) has value 10 * (r * kCols + c) at hour 5, cell 13 missing.
// One class per cell, so every cell has its own colour.
Block makeBlock() {
  const geo::Transformer toPlane(6677);
  const int row0 = static_cast<int>(std::floor(35.681 * 960)), col0 = static_cast<int>(std::floor(139.767 * 640));
  Block b;
  b.geometry = std::make_shared<MeshGeometry>();
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kCols; ++c) {
      const mesh::MeshCell cell = mesh::decode(
          mesh::encode((row0 + r + 0.5) / 960.0, (col0 + c + 0.5) / 640.0, mesh::MeshLevel::Eighth));
      auto corner = [&](double lon, double lat) {
        const auto [x, y] = toPlane.forward(lon, lat);
        return QPointF(x, y);
      };
      QPolygonF poly;
      poly << corner(cell.west, cell.south) << corner(cell.east, cell.south) << corner(cell.east, cell.north)
           << corner(cell.west, cell.north);
      b.geometry->add(1000 + r * kCols + c, cell.code, poly);
      b.hourValues.push_back(r * kCols + c == 13 ? std::nan("") : 10.0 * (r * kCols + c));
    }
  b.values = std::make_shared<InMemoryMeshValues>(b.geometry->size());
  b.values->setValues(5, b.hourValues);
  std::vector<double> edges;
  for (int i = 0; i <= kRows * kCols; ++i) edges.push_back(10.0 * i - 5);
  GraduatedStyle style;
  style.breaks = ClassBreaks(edges);
  style.opacity = 1.0;
  b.layer = std::make_shared<MeshPopulationLayer>("mesh_population", "Population", b.geometry, b.values, style);
  return b;
}

MapSettings settingsFor(const Extent& extent, QSize size) {
  MapSettings s;
  s.setExtent(extent);
  s.setOutputSize(size);
  s.setHour(5);
  s.setBackgroundColour(QColor(255, 0, 255));
  return s;
}

QPointF mapPointOfPixel(const MapSettings& s, int x, int y) { return s.mapToPixel().toMap(QPointF(x + 0.5, y + 0.5)); }

}  // namespace

class TestMeshIdentify : public QObject {
  Q_OBJECT

 private slots:
  void identifyAtTheCentreOfEveryCellReturnsThatCell() {
    const Block b = makeBlock();
    const MapSettings s = settingsFor(b.geometry->extent, QSize(640, 480));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {b.layer}, fb);
    QVERIFY(r.errors.isEmpty());
    for (std::size_t i = 0; i < b.geometry->size(); ++i) {
      const QPointF centre = b.geometry->polygons[i].boundingRect().center();
      const QPointF pixel = s.mapToPixel().toPixel(centre.x(), centre.y());
      const int px = static_cast<int>(pixel.x()), py = static_cast<int>(pixel.y());
      const auto hit = b.layer->identify(mapPointOfPixel(s, px, py), s, fb);
      QVERIFY2(hit, qPrintable(QStringLiteral("no cell at pixel %1,%2").arg(px).arg(py)));
      QCOMPARE(hit->fid, b.geometry->fids[i]);
      QCOMPARE(hit->title, QString::fromStdString(b.geometry->codes[i]));
      QCOMPARE(hit->kind, IdentifyResult::FeatureKind::MeshCell);
      QCOMPARE(hit->layerId, QStringLiteral("mesh_population"));
      QCOMPARE(hit->layerName, QStringLiteral("Population"));
      const double expected = b.hourValues[i];
      if (std::isnan(expected)) {
        QVERIFY(std::isnan(hit->value));
        QCOMPARE(hit->valueText, QStringLiteral("No data"));
        const QColor c = r.image.pixelColor(px, py);  // hatched grey
        QVERIFY(c.red() == c.green() && c.green() == c.blue());
      } else {
        QCOMPARE(hit->value, expected);
        QVERIFY(hit->valueText.contains(QLocale().toString(expected, 'f', 0)));
        // The pixel shows this cell's colour: identify and the picture agree.
        QCOMPARE(r.image.pixelColor(px, py), b.layer->style().colourFor(expected));
      }
      QCOMPARE(hit->attributes.size(), std::size_t(3));
      QCOMPARE(hit->attributes[0].second, hit->title);
      QCOMPARE(hit->attributes[1].second, QStringLiteral("1/8 (125m)"));
      QCOMPARE(hit->attributes[2].second, hit->valueText);
    }
  }

  void identifyAgreesWithThePictureAwayFromEdges() {
    // Every pixel whose centre is more than two pixels inside a cell shows the identified
    // cell's class colour (the one-pixel outline lies on a cell's first row and column, whose
    // centres can be a hair over a pixel from the slightly rotated edge).
    const Block b = makeBlock();
    const MapSettings s = settingsFor(b.geometry->extent.scaled(1.1), QSize(400, 300));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {b.layer}, fb);
    const double mupp = s.mapUnitsPerPixel();
    int checked = 0;
    for (int y = 0; y < 300; ++y)
      for (int x = 0; x < 400; ++x) {
        const QPointF p = mapPointOfPixel(s, x, y);
        const auto hit = b.layer->identify(p, s, fb);
        if (!hit) {
          // Only outside the block (which is a full rectangle of cells); a pixel more than
          // a pixel away from it shows the background.
          const Extent e = b.geometry->extent;
          QVERIFY(!Extent({e.xMin + mupp, e.yMin + mupp, e.xMax - mupp, e.yMax - mupp}).contains(p.x(), p.y()));
          if (!Extent({e.xMin - mupp, e.yMin - mupp, e.xMax + mupp, e.yMax + mupp}).contains(p.x(), p.y()))
            QCOMPARE(r.image.pixelColor(x, y), QColor(255, 0, 255));
          continue;
        }
        const std::size_t i = b.geometry->indexOfFid.at(hit->fid);
        const QRectF inner =
            b.geometry->polygons[i].boundingRect().adjusted(2 * mupp, 2 * mupp, -2 * mupp, -2 * mupp);
        if (!inner.contains(p) || std::isnan(hit->value)) continue;
        QCOMPARE(r.image.pixelColor(x, y), b.layer->style().colourFor(hit->value));
        ++checked;
      }
    QVERIFY2(checked > 400 * 300 / 2, qPrintable(QString::number(checked)));
  }

  void outsideTheMeshFindsNothing() {
    const Block b = makeBlock();
    const Extent e = b.geometry->extent;
    const MapSettings s = settingsFor(e.scaled(2.0), QSize(400, 300));
    core::Feedback fb;
    QVERIFY(!b.layer->identify(s.mapToPixel().toMap(QPointF(2, 2)), s, fb));  // top-left corner pixel
    QVERIFY(!b.layer->identify(QPointF(e.xMin - 1, e.centre().y()), s, fb));
    QVERIFY(!b.layer->identify(QPointF(e.centre().x(), e.yMax + 1), s, fb));
    QVERIFY(!b.layer->identify(QPointF(std::nan(""), 0), s, fb));
    QVERIFY(b.layer->identify(e.centre(), s, fb));
  }

  void aPointOnASharedEdgeBelongsToTheCellToItsEast() {
    const Block b = makeBlock();
    const MapSettings s = settingsFor(b.geometry->extent, QSize(400, 300));
    core::Feedback fb;
    // Cells 0 and 1 share their east / west edge: SE-NE of cell 0.
    const QPolygonF& west = b.geometry->polygons[0];
    const QPointF onEdge = (west[1] + west[2]) / 2;
    const auto hit = b.layer->identify(onEdge, s, fb);
    QVERIFY(hit);
    QCOMPARE(hit->fid, b.geometry->fids[1]);
    // And on the north edge of cell 0: the cell above (row 1, same column).
    const QPointF onNorth = (west[2] + west[3]) / 2;
    const auto above = b.layer->identify(onNorth, s, fb);
    QVERIFY(above);
    QCOMPARE(above->fid, b.geometry->fids[kCols]);
  }

  void irregularCellsUsePointInPolygon() {
    // A diamond: its bounding box corners are outside it.
    auto g = std::make_shared<MeshGeometry>();
    QPolygonF diamond;
    diamond << QPointF(50, 0) << QPointF(100, 50) << QPointF(50, 100) << QPointF(0, 50);
    g->add(7, "not-a-mesh-code", diamond);
    auto values = std::make_shared<InMemoryMeshValues>(1);
    values->setValues(0, {3});
    GraduatedStyle style;
    style.breaks = ClassBreaks({0, 10});
    MeshPopulationLayer layer("m", "M", g, values, style);
    MapSettings s = settingsFor({0, 0, 100, 100}, QSize(100, 100));
    s.setHour(0);
    core::Feedback fb;
    const auto inside = layer.identify(QPointF(50, 50), s, fb);
    QVERIFY(inside);
    QCOMPARE(inside->fid, std::int64_t{7});
    QCOMPARE(inside->value, 3.0);
    QCOMPARE(inside->attributes[1].second, QStringLiteral("unknown"));
    QVERIFY(!layer.identify(QPointF(5, 5), s, fb));
    QVERIFY(!layer.identify(QPointF(95, 95), s, fb));
  }

  void legendIsTheLayersGraduatedStyle() {
    const Block b = makeBlock();
    const std::vector<LegendGroup> groups = b.layer->legendGroups();
    QCOMPARE(groups.size(), std::size_t(1));
    QCOMPARE(groups[0].title, QStringLiteral("Population"));
    const LegendGroup expected = Legend::forGraduatedStyle(QStringLiteral("Population"), b.layer->style());
    QCOMPARE(groups[0].items.size(), expected.items.size());
    QCOMPARE(groups[0].items.size(), std::size_t(kRows * kCols + 1));  // classes + "No data"
    for (std::size_t i = 0; i < expected.items.size(); ++i) {
      QCOMPARE(groups[0].items[i].colour, expected.items[i].colour);
      QCOMPARE(groups[0].items[i].label, expected.items[i].label);
    }
  }
};

QTEST_MAIN(TestMeshIdentify)
#include "test_mesh_identify.moc"
