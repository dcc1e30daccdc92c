// QtTest: the kernel-density heatmap (values against the quartic kernel's closed form,
// radius in metres also in Web Mercator, colours at pixels, legend), the project's vector
// basemap (fills, railway, legend colours) and the offline raster basemap (a GeoTIFF written
// here by GDAL with known colours in known places; its legend names the driver).
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <cmath>
#include <numbers>

#include "ekm/core/error.h"
#include "render/basemap_layer.h"
#include "render/feature_values.h"
#include "render/heatmap_layer.h"
#include "render/map_renderer.h"
#include "render/raster_basemap_layer.h"

using namespace ekm;
using namespace ekm::render;

namespace {

// Quartic kernel, per km^2, for a point of weight w at distance d (metres), radius r.
double quartic(double w, double d, double r) {
  if (d >= r) return 0;
  const double u = 1 - d * d / (r * r);
  return w * 3.0 / (std::numbers::pi * r * r) * u * u * 1e6;
}

MapSettings settingsFor(const Extent& extent, QSize size, QColor background = QColor(255, 255, 255)) {
  MapSettings s;
  s.setExtent(extent);
  s.setOutputSize(size);
  s.setBackgroundColour(background);
  return s;
}

QColor pixelAt(const QImage& image, int x, int y) { return QColor::fromRgba(image.pixel(x, y)); }

bool near(QColor a, QColor b, int tolerance) {
  return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance &&
         std::abs(a.blue() - b.blue()) <= tolerance;
}

class ConstantValues : public FeatureValueSource {
 public:
  explicit ConstantValues(std::vector<double> v) : m_values(std::make_shared<std::vector<double>>(std::move(v))) {}
  std::shared_ptr<const std::vector<double>> valuesAt(core::HourKey, core::Feedback&) const override { return m_values; }

 private:
  std::shared_ptr<const std::vector<double>> m_values;
};

}  // namespace

class TestBasemapHeatmap : public QObject {
  Q_OBJECT

 private slots:
  void densityIsTheQuarticKernelSum() {
    HeatmapPoints points;
    points.add({0, 0});
    points.add({100, 0});
    points.add({0, 300});
    const std::vector<double> weights{10, 5, 2};
    HeatmapStyle style;
    style.radiusM = 250;
    const std::vector<QPointF> queries{{0, 0}, {50, 0}, {0, 150}, {400, 400}};
    const auto d = HeatmapLayer::densityAt(queries, points, &weights, style);
    for (std::size_t q = 0; q < queries.size(); ++q) {
      double expected = 0;
      for (std::size_t i = 0; i < points.size(); ++i)
        expected += quartic(weights[i], std::hypot(queries[q].x() - points.positions[i].x(),
                                                   queries[q].y() - points.positions[i].y()),
                            250);
      QVERIFY2(std::abs(d[q] - expected) <= 1e-9 * std::max(1.0, expected),
               qPrintable(QStringLiteral("query %1: %2 vs %3").arg(q).arg(d[q]).arg(expected)));
    }
    QCOMPARE(d[3], 0.0);
    // One person spread over the kernel integrates to 1: sum over a fine grid * cell area.
    HeatmapPoints one;
    one.add({0, 0});
    std::vector<QPointF> grid;
    for (int i = -60; i < 60; ++i)
      for (int j = -60; j < 60; ++j) grid.emplace_back((i + 0.5) * 5, (j + 0.5) * 5);
    double total = 0;
    for (double v : HeatmapLayer::densityAt(grid, one, nullptr, style)) total += v * 25e-6;  // per km^2 * km^2
    QVERIFY2(std::abs(total - 1) < 2e-3, qPrintable(QString::number(total)));
  }

  void radiusIsInMetresAlsoInWebMercator() {
    HeatmapPoints points;
    points.add({0, 0});
    HeatmapStyle plane;
    plane.radiusM = 200;
    HeatmapStyle mercator = plane;
    mercator.mapUnitsPerMetre = 1 / std::cos(35.64 * std::numbers::pi / 180);  // Takanawa's latitude
    // 190 ground metres east is inside the radius; in Web Mercator that is 190 / cos(lat) map units.
    const double ground = 190;
    const auto inPlane = HeatmapLayer::densityAt({QPointF(ground, 0)}, points, nullptr, plane);
    const auto inMercator =
        HeatmapLayer::densityAt({QPointF(ground * mercator.mapUnitsPerMetre, 0)}, points, nullptr, mercator);
    QVERIFY(inPlane[0] > 0);
    // Same ground distance, same fraction of the kernel, and the density is per ground km^2
    // in both CRSs (the legend's unit), so the values agree.
    QVERIFY2(std::abs(inMercator[0] - inPlane[0]) < 1e-9 * inPlane[0],
             qPrintable(QStringLiteral("%1 vs %2").arg(inMercator[0], 0, 'g', 17).arg(inPlane[0], 0, 'g', 17)));
    // 210 m is outside in both.
    QCOMPARE(HeatmapLayer::densityAt({QPointF(210 * mercator.mapUnitsPerMetre, 0)}, points, nullptr, mercator)[0], 0.0);
  }

  void renderedHeatmapIsHotAtThePointAndClearBeyondTheRadius() {
    auto points = std::make_shared<HeatmapPoints>();
    points->add({500, 500});
    HeatmapStyle style;
    style.radiusM = 200;
    style.ramp = ColourRamp::viridis();
    style.opacity = 1.0;
    style.maxDensityPerKm2 = quartic(1, 0, 200);  // the peak of one point: the top colour
    auto layer = std::make_shared<HeatmapLayer>("heat", "Heat", points, nullptr, style);
    QVERIFY(!layer->dependsOnHour());
    // 1000 m x 1000 m on 500 x 500 px: 2 m per pixel, the point at pixel (250, 250).
    const MapSettings s = settingsFor({0, 0, 1000, 1000}, QSize(500, 500));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {layer}, fb);
    QVERIFY(r.errors.isEmpty());
    QVERIFY2(near(pixelAt(r.image, 250, 250), style.ramp.at(1.0), 12),
             qPrintable(pixelAt(r.image, 250, 250).name() + " vs " + style.ramp.at(1.0).name()));
    // Beyond 200 m = 100 px: the background.
    QCOMPARE(pixelAt(r.image, 250 + 110, 250), QColor(255, 255, 255));
    QCOMPARE(pixelAt(r.image, 250, 250 - 110), QColor(255, 255, 255));
    // Halfway (100 m): t = (1 - 0.25)^2 = 0.5625 -> the ramp's colour there.
    QVERIFY2(near(pixelAt(r.image, 300, 250), style.ramp.at(0.5625), 20),
             qPrintable(pixelAt(r.image, 300, 250).name() + " vs " + style.ramp.at(0.5625).name()));
  }

  void weightsFollowTheHourAndLegendStatesTheScale() {
    auto points = std::make_shared<HeatmapPoints>();
    points->add({500, 500});
    points->add({800, 500});
    HeatmapStyle style;
    style.radiusM = 100;
    style.opacity = 1.0;
    style.maxDensityPerKm2 = quartic(10, 0, 100);
    auto weights = std::make_shared<ConstantValues>(std::vector<double>{10, std::nan("")});
    HeatmapLayer layer("heat", "Heat", points, weights, style);
    QVERIFY(layer.dependsOnHour());
    const MapSettings s = settingsFor({0, 0, 1000, 1000}, QSize(500, 500));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {std::make_shared<HeatmapLayer>(layer)}, fb);
    QVERIFY(pixelAt(r.image, 250, 250) != QColor(255, 255, 255));
    QCOMPARE(pixelAt(r.image, 400, 250), QColor(255, 255, 255));  // NaN weight: nothing drawn
    const auto legend = layer.legendGroups();
    QCOMPARE(legend.size(), std::size_t(1));
    QCOMPARE(legend[0].items.size(), std::size_t(1));
    QCOMPARE(legend[0].items[0].kind, LegendItem::Kind::Ramp);
    QCOMPARE(legend[0].items[0].upper, style.maxDensityPerKm2);
    QVERIFY(legend[0].items[0].label.contains(QStringLiteral("100 m")));
    // The legend's top colour is the one drawn at the peak.
    QVERIFY(near(legend[0].items[0].colour, pixelAt(r.image, 250, 250), 12));
  }

  void newRadiusKeepsSparseScalesComparable() {
    HeatmapStyle s;
    s.radiusM = 250;
    s.maxDensityPerKm2 = 1000;
    s.sparsePoints = true;
    QCOMPARE(s.withRadius(500).maxDensityPerKm2, 250.0);  // peaks ~ 1 / r^2
    QCOMPARE(s.withRadius(500).radiusM, 500.0);
    s.sparsePoints = false;
    QCOMPARE(s.withRadius(500).maxDensityPerKm2, 1000.0);
  }

  void basemapFillsWaterBuildingsAndDrawsRailways() {
    auto geometry = std::make_shared<BasemapGeometry>();
    geometry->add(1, BasemapKind::Water, "Bay", true, {QPolygonF({{0, 0}, {400, 0}, {400, 1000}, {0, 1000}})});
    geometry->add(2, BasemapKind::Building, "Tower", true, {QPolygonF({{600, 600}, {800, 600}, {800, 800}, {600, 800}})});
    geometry->add(3, BasemapKind::Rail, "Yamanote", false, {QPolygonF({{500, 0}, {500, 1000}})});
    BasemapStyle style;
    auto ground = std::make_shared<BasemapLayer>("basemap", "Basemap", geometry, BasemapLayer::groundKinds(), style);
    auto rail = std::make_shared<BasemapLayer>("rail", "Rail", geometry, BasemapLayer::railKinds(), style);
    const MapSettings s = settingsFor({0, 0, 1000, 1000}, QSize(500, 500));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {ground, rail}, fb);
    QVERIFY(r.errors.isEmpty());
    QVERIFY2(near(pixelAt(r.image, 100, 250), style.water, 2), qPrintable(pixelAt(r.image, 100, 250).name()));
    QVERIFY2(near(pixelAt(r.image, 350, 150), style.building, 2), qPrintable(pixelAt(r.image, 350, 150).name()));
    QCOMPARE(pixelAt(r.image, 450, 450), QColor(255, 255, 255));  // nothing there
    // The railway at x = 500 m = pixel 250: its dark casing or light dash, not the background.
    bool casing = false;
    for (int y = 0; y < 500; ++y) casing = casing || near(pixelAt(r.image, 250, y), style.railCasing, 30);
    QVERIFY(casing);
    // Ground layer does not draw the railway, and vice versa.
    const RenderResult onlyGround = MapRenderer::render(s, {ground}, fb);
    for (int y = 0; y < 500; y += 7) QVERIFY(!near(pixelAt(onlyGround.image, 250, y), style.railCasing, 30));
    // Legends: the kinds present, in the style's colours.
    bool water = false, railway = false;
    for (const auto& g : ground->legendGroups())
      for (const auto& item : g.items) water = water || (item.kind == LegendItem::Kind::Fill && item.colour == style.water);
    for (const auto& g : rail->legendGroups())
      for (const auto& item : g.items) railway = railway || item.kind == LegendItem::Kind::Railway;
    QVERIFY(water);
    QVERIFY(railway);
  }

  void offlineGeoTiffIsWarpedUnderTheMap() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("basemap.tif"));
    {
      GDALAllRegister();
      GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.toUtf8().constData(), 100, 100, 3,
                                                                                GDT_Byte, nullptr);
      double gt[6] = {0, 10, 0, 1000, 0, -10};  // 1000 m x 1000 m in EPSG:6677
      ds->SetGeoTransform(gt);
      OGRSpatialReference srs;
      srs.importFromEPSG(6677);
      ds->SetSpatialRef(&srs);
      std::vector<std::uint8_t> r(100 * 100), g(100 * 100), b(100 * 100);
      for (int y = 0; y < 100; ++y)
        for (int x = 0; x < 100; ++x) {
          const bool north = y < 50;  // north half green, south half orange
          r[y * 100 + x] = north ? 40 : 250;
          g[y * 100 + x] = north ? 180 : 140;
          b[y * 100 + x] = north ? 60 : 20;
        }
      QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 100, 100, r.data(), 100, 100, GDT_Byte, 0, 0), CE_None);
      QCOMPARE(ds->GetRasterBand(2)->RasterIO(GF_Write, 0, 0, 100, 100, g.data(), 100, 100, GDT_Byte, 0, 0), CE_None);
      QCOMPARE(ds->GetRasterBand(3)->RasterIO(GF_Write, 0, 0, 100, 100, b.data(), 100, 100, GDT_Byte, 0, 0), CE_None);
      GDALClose(ds);
    }
    auto layer = std::make_shared<RasterBasemapLayer>("raster_basemap", "basemap.tif", path, 6677);
    QCOMPARE(layer->driver(), QStringLiteral("GTiff"));
    QCOMPARE(layer->extent().xMin, 0.0);
    QCOMPARE(layer->extent().yMax, 1000.0);
    // The view is twice the raster's size: the raster fills its middle.
    const MapSettings s = settingsFor({-500, -500, 1500, 1500}, QSize(400, 400), QColor(255, 0, 255));
    core::Feedback fb;
    const RenderResult r = MapRenderer::render(s, {layer}, fb);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(pixelAt(r.image, 150, 120), QColor(40, 180, 60));   // north half (y = 900 m)
    QCOMPARE(pixelAt(r.image, 250, 280), QColor(250, 140, 20));  // south half (y = 100 m)
    QCOMPARE(pixelAt(r.image, 20, 20), QColor(255, 0, 255));     // outside: the background
    const auto legend = layer->legendGroups();
    QVERIFY(!legend.empty() && legend[0].items[0].label.contains(QStringLiteral("GTiff")));
    // Not a raster: a clear error naming the file.
    const QString bad = dir.filePath(QStringLiteral("notes.tif"));
    {
      QFile f(bad);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("not a raster");
    }
    try {
      RasterBasemapLayer broken("raster_basemap", "notes.tif", bad, 6677);
      QFAIL("expected an error");
    } catch (const core::Error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("notes.tif")), e.what());
    }
  }
};

QTEST_MAIN(TestBasemapHeatmap)
#include "test_basemap_heatmap.moc"
