// ekm::geo::RasterSource: offline raster basemaps (GeoTIFF, MBTiles, palette and grey
// rasters) warped to a view. The rasters are written here by GDAL itself with known colours
// in known places, so every expected pixel follows from the construction, not from our output.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/geo/raster_source.h"
#include "ekm/geo/transformer.h"
#include "support/temp_dir.h"

using namespace ekm::geo;
using ekm::core::ErrorCode;
using ekm::core::Feedback;

namespace {

namespace fs = std::filesystem;

// 200 x 100 pixels of 10 m in EPSG:6677 (Tokyo zone IX) near Takanawa Gateway: the west half
// red, the east half blue. Top-left corner at (x0, y0).
constexpr double kX0 = -8000, kY0 = -40000, kPixel = 10;
constexpr int kWidth = 200, kHeight = 100;

GDALDataset* createTiff(const fs::path& path, int bands, GDALDataType type, bool georeferenced = true) {
  GDALAllRegister();
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDataset* ds = gtiff->Create(path.c_str(), kWidth, kHeight, bands, type, nullptr);
  if (georeferenced) {
    double gt[6] = {kX0, kPixel, 0, kY0, 0, -kPixel};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(6677);
    ds->SetSpatialRef(&srs);
  }
  return ds;
}

fs::path writeRedBlueTiff(const fs::path& dir) {
  const fs::path path = dir / "red_blue.tif";
  GDALDataset* ds = createTiff(path, 3, GDT_Byte);
  std::vector<std::uint8_t> r(kWidth * kHeight), g(kWidth * kHeight, 0), b(kWidth * kHeight);
  for (int y = 0; y < kHeight; ++y)
    for (int x = 0; x < kWidth; ++x) {
      r[y * kWidth + x] = x < kWidth / 2 ? 255 : 0;
      b[y * kWidth + x] = x < kWidth / 2 ? 0 : 255;
    }
  EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kWidth, kHeight, r.data(), kWidth, kHeight, GDT_Byte, 0, 0),
            CE_None);
  EXPECT_EQ(ds->GetRasterBand(2)->RasterIO(GF_Write, 0, 0, kWidth, kHeight, g.data(), kWidth, kHeight, GDT_Byte, 0, 0),
            CE_None);
  EXPECT_EQ(ds->GetRasterBand(3)->RasterIO(GF_Write, 0, 0, kWidth, kHeight, b.data(), kWidth, kHeight, GDT_Byte, 0, 0),
            CE_None);
  GDALClose(ds);
  return path;
}

struct Rgba {
  int r, g, b, a;
};
Rgba pixel(const std::vector<std::uint8_t>& rgba, int width, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
  return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

class RasterSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("raster_test");
    s_dir = s_tmp->path();
    s_redBlue = writeRedBlueTiff(s_dir);
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir, s_redBlue;
};

}  // namespace

TEST_F(RasterSourceTest, GeoTiffInfoAndBoundsInItsOwnCrs) {
  RasterSource source(s_redBlue.string(), 6677);
  EXPECT_EQ(source.info().driver, "GTiff");
  EXPECT_EQ(source.info().width, kWidth);
  EXPECT_EQ(source.info().bands, 3);
  EXPECT_NEAR(source.info().bounds[0], kX0, 1e-6);
  EXPECT_NEAR(source.info().bounds[1], kY0 - kHeight * kPixel, 1e-6);
  EXPECT_NEAR(source.info().bounds[2], kX0 + kWidth * kPixel, 1e-6);
  EXPECT_NEAR(source.info().bounds[3], kY0, 1e-6);
}

TEST_F(RasterSourceTest, ViewOnTheSameGridGivesTheExactPixelsAndTransparencyOutside) {
  RasterSource source(s_redBlue.string(), 6677);
  // A view 40 px wider than the raster on each side, same pixel size.
  const int w = kWidth + 80, h = kHeight;
  const RasterView view{kX0 - 40 * kPixel, kY0, kPixel, w, h};
  Feedback feedback;
  const auto rgba = source.warpRgba(view, feedback);
  ASSERT_EQ(rgba.size(), static_cast<std::size_t>(w * h * 4));
  const Rgba outsideWest = pixel(rgba, w, 10, 50), west = pixel(rgba, w, 40 + 20, 50), east = pixel(rgba, w, 40 + 180, 50),
             outsideEast = pixel(rgba, w, w - 5, 50);
  EXPECT_EQ(outsideWest.a, 0);
  EXPECT_EQ(outsideEast.a, 0);
  EXPECT_EQ(west.r, 255);
  EXPECT_EQ(west.b, 0);
  EXPECT_EQ(west.a, 255);
  EXPECT_EQ(east.r, 0);
  EXPECT_EQ(east.b, 255);
  EXPECT_EQ(east.a, 255);
}

TEST_F(RasterSourceTest, WarpsToWebMercatorWherePyprojPutsTheCorners) {
  RasterSource source(s_redBlue.string(), 3857);
  // The raster's west-half centre and east-half centre, transformed independently by PROJ.
  Transformer toLonLat("EPSG:6677", "EPSG:3857");
  const auto [wx, wy] = toLonLat.forward(kX0 + 50 * kPixel, kY0 - 50 * kPixel);
  const auto [ex, ey] = toLonLat.forward(kX0 + 150 * kPixel, kY0 - 50 * kPixel);
  const double upp = 5;  // Web Mercator metres per pixel (~4 m ground at 35.6 N)
  const RasterView view{wx - 200 * upp, wy + 100 * upp, upp, 800, 200};
  Feedback feedback;
  const auto rgba = source.warpRgba(view, feedback);
  ASSERT_FALSE(rgba.empty());
  const Rgba west = pixel(rgba, 800, 200, 100);
  const int exPixel = static_cast<int>((ex - view.left) / upp), eyPixel = static_cast<int>((view.top - ey) / upp);
  const Rgba east = pixel(rgba, 800, exPixel, eyPixel);
  EXPECT_EQ(west.r, 255);
  EXPECT_EQ(west.a, 255);
  EXPECT_EQ(east.b, 255);
  EXPECT_EQ(east.a, 255);
  EXPECT_EQ(pixel(rgba, 800, 2, 100).a, 0);  // west of the raster
  // Bounds in 3857 contain both centres.
  EXPECT_LT(source.info().bounds[0], wx);
  EXPECT_GT(source.info().bounds[2], ex);
}

TEST_F(RasterSourceTest, MbtilesWrittenByGdalIsReadWithItsZoomLevels) {
  const fs::path mbtiles = s_dir / "red_blue.mbtiles";
  GDALDatasetH src = GDALOpen(s_redBlue.c_str(), GA_ReadOnly);
  ASSERT_NE(src, nullptr);
  const char* args[] = {"-of", "MBTILES", nullptr};
  GDALTranslateOptions* options = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
  int usage = 0;
  GDALDatasetH out = GDALTranslate(mbtiles.c_str(), src, options, &usage);
  GDALTranslateOptionsFree(options);
  ASSERT_NE(out, nullptr) << CPLGetLastErrorMsg();
  EXPECT_EQ(
      GDALBuildOverviews(out, "AVERAGE", 2, std::vector<int>{2, 4}.data(), 0, nullptr, nullptr, nullptr),
      CE_None)
      << CPLGetLastErrorMsg();
  GDALClose(out);
  GDALClose(src);

  RasterSource source(mbtiles.string(), 6677);
  EXPECT_EQ(source.info().driver, "MBTiles");
  EXPECT_GE(source.info().overviews, 1);
  const RasterView view{kX0, kY0, kPixel, kWidth, kHeight};
  Feedback feedback;
  const auto rgba = source.warpRgba(view, feedback);
  ASSERT_FALSE(rgba.empty());
  // Well inside each half (tiles are resampled to 3857 and back: stay away from the seam).
  const Rgba west = pixel(rgba, kWidth, 40, 50), east = pixel(rgba, kWidth, 160, 50);
  EXPECT_GT(west.r, 240);
  EXPECT_LT(west.b, 15);
  EXPECT_GT(west.a, 240);
  EXPECT_LT(east.r, 15);
  EXPECT_GT(east.b, 240);
  // A coarse view reads an overview level and still shows both colours.
  const RasterView coarse{kX0, kY0, kPixel * 4, kWidth / 4, kHeight / 4};
  const auto small = source.warpRgba(coarse, feedback);
  EXPECT_GT(pixel(small, kWidth / 4, 10, 12).r, 200);
  EXPECT_GT(pixel(small, kWidth / 4, 40, 12).b, 200);
}

TEST_F(RasterSourceTest, PaletteAndGreyFloatRastersBecomeRgb) {
  const fs::path palette = s_dir / "palette.tif";
  {
    GDALDataset* ds = createTiff(palette, 1, GDT_Byte);
    GDALColorTable table;
    GDALColorEntry green{0, 200, 0, 255}, magenta{200, 0, 200, 255};
    table.SetColorEntry(0, &green);
    table.SetColorEntry(1, &magenta);
    ds->GetRasterBand(1)->SetColorTable(&table);
    std::vector<std::uint8_t> v(kWidth * kHeight);
    for (int y = 0; y < kHeight; ++y)
      for (int x = 0; x < kWidth; ++x) v[y * kWidth + x] = x < kWidth / 2 ? 0 : 1;
    ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kWidth, kHeight, v.data(), kWidth, kHeight, GDT_Byte, 0, 0),
              CE_None);
    GDALClose(ds);
  }
  const fs::path grey = s_dir / "elevation.tif";
  {
    GDALDataset* ds = createTiff(grey, 1, GDT_Float32);
    std::vector<float> v(kWidth * kHeight);
    for (int y = 0; y < kHeight; ++y)
      for (int x = 0; x < kWidth; ++x) v[y * kWidth + x] = 2.5f + 40.0f * x / (kWidth - 1);  // 2.5 .. 42.5 m
    ASSERT_EQ(
        ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, kWidth, kHeight, v.data(), kWidth, kHeight, GDT_Float32, 0, 0),
        CE_None);
    GDALClose(ds);
  }
  const RasterView view{kX0, kY0, kPixel, kWidth, kHeight};
  Feedback feedback;
  {
    RasterSource source(palette.string(), 6677);
    const auto rgba = source.warpRgba(view, feedback);
    const Rgba west = pixel(rgba, kWidth, 20, 50), east = pixel(rgba, kWidth, 180, 50);
    EXPECT_EQ(west.g, 200);
    EXPECT_EQ(west.r, 0);
    EXPECT_EQ(east.r, 200);
    EXPECT_EQ(east.b, 200);
    EXPECT_EQ(east.a, 255);
  }
  {
    RasterSource source(grey.string(), 6677);
    const auto rgba = source.warpRgba(view, feedback);
    const Rgba first = pixel(rgba, kWidth, 0, 50), last = pixel(rgba, kWidth, kWidth - 1, 50),
               middle = pixel(rgba, kWidth, kWidth / 2, 50);
    EXPECT_LE(first.r, 2);      // the minimum maps to black
    EXPECT_GE(last.r, 253);     // the maximum to white
    EXPECT_NEAR(middle.r, 128, 3);
    EXPECT_EQ(middle.r, middle.g);
    EXPECT_EQ(middle.g, middle.b);
  }
}

TEST_F(RasterSourceTest, BadFilesGiveErrorsNamingTheFile) {
  const fs::path text = s_dir / "not_a_raster.tif";
  std::ofstream(text) << "this is not a raster\n";
  try {
    RasterSource source(text.string(), 6677);
    FAIL() << "expected an error";
  } catch (const ekm::core::Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Gdal);
    EXPECT_NE(std::string(e.what()).find("not_a_raster.tif"), std::string::npos) << e.what();
  }
  const fs::path plain = s_dir / "no_georef.tif";
  GDALClose(createTiff(plain, 3, GDT_Byte, false));
  try {
    RasterSource source(plain.string(), 6677);
    FAIL() << "expected an error";
  } catch (const ekm::core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("not georeferenced"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("no_georef.tif"), std::string::npos) << e.what();
  }
  EXPECT_THROW(RasterSource((s_dir / "missing.mbtiles").string(), 6677), ekm::core::Error);
}

TEST_F(RasterSourceTest, CancelledWarpReturnsNothing) {
  RasterSource source(s_redBlue.string(), 6677);
  Feedback feedback;
  feedback.cancel();
  EXPECT_TRUE(source.warpRgba(RasterView{kX0, kY0, kPixel, kWidth, kHeight}, feedback).empty());
}
