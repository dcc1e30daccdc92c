// `ekimachi-cli mobility report`: the operator's monthly report of a small sample (the real
// Chii-bus feed with the sample's synthetic ridership), checked with poppler: pdfinfo (pages,
// A4 landscape), pdffonts (embedded CJK font), pdftotext (the KPI figures as printed and the
// feed's attribution) and pdftoppm at the report's own DPI, so the layout the operation
// reports (page pixels) can be looked up in the PNGs: the charts show their bars and lines,
// the map its coloured routes and stop circles. The month's riders are recomputed from the
// stored records.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "ekm/ops/result.h"
#include "ekm/store/project.h"
#include "ekm/store/ridership_store.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm::ops::Json;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;
using ekm_test::run;

namespace {

constexpr int kDpi = 80;

class MobilityReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("mobility_report");
    s_dir = s_tmp->path();
    s_available = cli("mobility report --help").exitCode == 0;
    if (!s_available) return;
    const CliRun sample = cli("sample --out " + quote(s_dir / "sample") + " --from 2025-03-20 --to 2025-03-31 --radius 300 --quiet");
    ASSERT_EQ(sample.exitCode, 0) << sample.out;
    s_project = s_dir / "sample" / "sample.gpkg";
    s_pdf = s_dir / "report.pdf";
    const CliRun report = cli("mobility report --quiet --json --project " + quote(s_project) + " --month 2025-03 --dpi " +
                              std::to_string(kDpi) + " --out " + quote(s_pdf));
    ASSERT_EQ(report.exitCode, 0) << report.out;
    s_result = Json::parse(report.out);
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  void SetUp() override {
    if (!s_available) GTEST_SKIP() << "mobility report is not built (no render library)";
  }
  static const Json* table(const std::string& name) {
    for (const auto& t : s_result["tables"])
      if (t["name"] == name) return &t;
    return nullptr;
  }
  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir, s_project, s_pdf;
  static inline Json s_result;
  static inline bool s_available = false;
};

struct Rgb {
  int r = 0, g = 0, b = 0;
};
// A binary PPM (P6) as pdftoppm writes it.
struct Ppm {
  int width = 0, height = 0;
  std::vector<unsigned char> data;
  bool isNull() const { return data.empty(); }
  Rgb at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
    return {data[i], data[i + 1], data[i + 2]};
  }
};
Ppm readPpm(const fs::path& p) {
  Ppm out;
  std::ifstream in(p, std::ios::binary);
  std::string magic;
  int maxv = 0;
  in >> magic >> out.width >> out.height >> maxv;
  in.get();
  if (magic != "P6" || maxv != 255) return {};
  out.data.resize(static_cast<std::size_t>(out.width) * out.height * 3);
  in.read(reinterpret_cast<char*>(out.data.data()), static_cast<std::streamsize>(out.data.size()));
  return in ? out : Ppm{};
}

// Pixels of a rectangle (page pixels) whose colour satisfies `pred`.
template <class Pred>
int countPixels(const Ppm& image, double x, double y, double w, double h, Pred pred) {
  int n = 0;
  for (int j = std::max(0, static_cast<int>(y)); j < static_cast<int>(y + h) && j < image.height; ++j)
    for (int i = std::max(0, static_cast<int>(x)); i < static_cast<int>(x + w) && i < image.width; ++i)
      if (pred(image.at(i, j))) ++n;
  return n;
}

bool isBarBlue(const Rgb& c) { return std::abs(c.r - 0x2b) < 30 && std::abs(c.g - 0x6c) < 30 && std::abs(c.b - 0xb0) < 30; }
bool isColourful(const Rgb& c) {
  const int mx = std::max({c.r, c.g, c.b}), mn = std::min({c.r, c.g, c.b});
  return mx > 60 && (mx - mn) * 255 > 90 * mx;  // HSV saturation above 90/255
}

}  // namespace

TEST_F(MobilityReport, PagesFontsAndLayout) {
  const CliRun info = run("pdfinfo " + quote(s_pdf));
  ASSERT_EQ(info.exitCode, 0) << info.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)")));
  EXPECT_EQ(std::stoi(m[1]), 8) << info.out;  // cover, KPIs, trend, routes, hourly, stops, map, notes
  EXPECT_TRUE(std::regex_search(info.out, std::regex("Page size:\\s+84[12][.0-9]* x 595"))) << info.out;
  const CliRun fonts = run("pdffonts " + quote(s_pdf));
  ASSERT_EQ(fonts.exitCode, 0);
  EXPECT_NE(fonts.out.find("CJK"), std::string::npos) << fonts.out;
  EXPECT_EQ(s_result["summary"]["page_kinds"],
            Json::array({"cover", "kpi", "trend", "routes", "hourly", "stops", "map", "notes"}));
  EXPECT_EQ(s_result["summary"]["synthetic_ridership"], true);
}

TEST_F(MobilityReport, PixelsShowTheChartsAndTheMapWhereTheLayoutPutsThem) {
  ASSERT_EQ(run("pdftoppm -r " + std::to_string(kDpi) + " " + quote(s_pdf) + " " + quote(s_dir / "page")).exitCode, 0);
  const Json* layout = table("layout");
  ASSERT_TRUE(layout);
  int charts = 0, maps = 0;
  std::map<int, int> chartsOnPage;
  for (const auto& row : (*layout)["rows"]) {
    const int page = row[0].get<int>();
    const std::string kind = row[1], element = row[2];
    const double x = row[3], y = row[4], w = row[5], h = row[6];
    const Ppm image = readPpm(s_dir / ("page-" + std::to_string(page) + ".ppm"));
    ASSERT_FALSE(image.isNull()) << page;
    EXPECT_NEAR(image.width, s_result["summary"]["width_px"].get<double>(), 2);
    const double area = w * h;
    if (element == "chart") {
      ++charts;
      const int onPage = ++chartsOnPage[page];
      // Bars (monthly riders, routes: the first chart of their page) fill part of the plot
      // with the bar colour; lines (the others) leave a trail of coloured pixels.
      const bool bars = (kind == "trend" && onPage == 1) || kind == "routes";
      if (bars)
        EXPECT_GT(countPixels(image, x, y, w, h, isBarBlue), area * 0.03) << kind << " bars on page " << page;
      else
        EXPECT_GT(countPixels(image, x, y, w, h, isColourful), area * 0.004) << kind << " lines on page " << page;
      // Left of the plot (the y labels) there are no chart colours.
      EXPECT_LT(countPixels(image, x - 30, y, 25, h, isBarBlue), 5) << kind;
    } else if (element == "map") {
      ++maps;
      // Route lines (8 colours) and stop circles: many coloured pixels, spread over the map.
      const int coloured = countPixels(image, x, y, w, h, isColourful);
      EXPECT_GT(coloured, area * 0.01) << "map on page " << page;
      int quarters = 0;
      for (int qx = 0; qx < 2; ++qx)
        for (int qy = 0; qy < 2; ++qy)
          quarters += countPixels(image, x + qx * w / 2, y + qy * h / 2, w / 2, h / 2, isColourful) > 50;
      EXPECT_GE(quarters, 2);
    }
  }
  EXPECT_EQ(charts, 5);  // monthly, 12-month total, routes, hourly boardings, hourly load
  EXPECT_EQ(maps, 1);
  // The page without a chart (the notes) has none of the bar colour.
  const Ppm notes = readPpm(s_dir / "page-8.ppm");
  ASSERT_FALSE(notes.isNull());
  EXPECT_LT(countPixels(notes, 0, 20, notes.width, notes.height - 20, isBarBlue), 50);
}

TEST_F(MobilityReport, KpiFiguresArePrintedAndRecomputed) {
  // The month's riders from the stored records.
  std::int64_t riders = 0;
  {
    auto p = ekm::store::Project::open(s_project.string(), ekm::store::OpenMode::ReadOnly);
    for (const auto& r : ekm::store::readRidership(p))
      if (r.date.rfind("2025-03", 0) == 0) riders += r.boardings;
  }
  ASSERT_GT(riders, 100000);
  const Json* figures = table("figures");
  ASSERT_TRUE(figures);
  std::string printed;
  for (const auto& row : (*figures)["rows"])
    if (row[0] == "month_riders") printed = row[2];
  std::string expected = std::to_string(riders);
  for (int i = static_cast<int>(expected.size()) - 3; i > 0; i -= 3) expected.insert(static_cast<std::size_t>(i), ",");
  EXPECT_EQ(printed, expected);
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(s_pdf) + " -");
  ASSERT_EQ(text.exitCode, 0);
  EXPECT_NE(text.out.find(expected), std::string::npos);
  EXPECT_NE(text.out.find("GTFS-JP"), std::string::npos);  // (pdftotext maps some CJK glyphs to other forms)
  EXPECT_NE(text.out.find("フジエクスプレス"), std::string::npos);  // the feed's attribution
  EXPECT_NE(text.out.find("4,000,000"), std::string::npos);      // the target
  EXPECT_EQ(text.out.find("Riders this month"), std::string::npos);  // Japanese only by default
}

TEST_F(MobilityReport, EnglishAndErrors) {
  const fs::path en = s_dir / "en.pdf";
  const CliRun r = cli("mobility report --quiet --project " + quote(s_project) + " --month 2025-03 --lang en --dpi 50 --out " + quote(en));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const CliRun text = run("pdftotext -enc UTF-8 " + quote(en) + " -");
  EXPECT_NE(text.out.find("Riders this month"), std::string::npos);
  // A month without records, a malformed month: errors, no file.
  EXPECT_EQ(cli("mobility report --quiet --project " + quote(s_project) + " --month 2023-01 --out " + quote(s_dir / "x.pdf")).exitCode, 5);
  EXPECT_NE(cli("mobility report --quiet --project " + quote(s_project) + " --month 2025-3 --out " + quote(s_dir / "x.pdf")).exitCode, 0);
  EXPECT_FALSE(fs::exists(s_dir / "x.pdf"));
}
