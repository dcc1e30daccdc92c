// End-to-end tests of `ekimachi-cli export-map`: a small sample project is generated with the
// CLI, exported as PNG/SVG/PDF, and the files are checked with independent readers (the PNG
// header by hand and its pixels with Python's zlib, the SVG with Python's XML parser).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "png_rows.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;
using ekm_test::readFile;
using ekm_test::run;

namespace {

bool hasLeftovers(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".part-") != std::string::npos) return true;
  return false;
}

// Prints "x y r g b" for each requested pixel and, with --count, how many pixels inside a
// rectangle are within 2 of each given colour (after the PNG decoder of png_rows.h).
const std::string kPngProbe = std::string(ekm_test::kPngRowsPy) + R"PY(
info = json.load(open(sys.argv[2]))
def px(x, y): r = rows[y]; return tuple(r[x*bpp:x*bpp+3])
out = {'swatches': [], 'map_counts': []}
for item in info['legend']:
    x, y, sw, sh = item['swatch']
    out['swatches'].append('#%02x%02x%02x' % px(int(x + sw / 2), int(y + sh / 2)))
mx, my, mw, mh = [int(v) for v in info['map_rect']]
cols = [tuple(int(it['colour'][k:k+2], 16) for k in (1, 3, 5)) for it in info['legend'] if not it['missing']]
counts = [0] * len(cols)
for y in range(my, my + mh, 2):
    for x in range(mx, mx + mw, 2):
        p = px(x, y)
        for k, c in enumerate(cols):
            if max(abs(p[0]-c[0]), abs(p[1]-c[1]), abs(p[2]-c[2])) <= 2: counts[k] += 1
out['map_counts'] = counts
print(json.dumps(out))
)PY";

class ExportMap : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_tmp = std::make_unique<ekm_test::TempDir>("export_test");
    s_dir = s_tmp->path();
    const CliRun help = cli("export-map --help");
    s_available = help.exitCode == 0;
    if (!s_available) return;  // built without the render library (-DEKM_BUILD_GUI=OFF)
    const CliRun sample = cli("sample --out " + quote(s_dir / "sample") +
                              " --from 2025-03-25 --to 2025-03-28 --radius 500 --quiet");
    ASSERT_EQ(sample.exitCode, 0) << sample.out;
    s_project = s_dir / "sample" / "sample.gpkg";
  }
  static void TearDownTestSuite() { s_tmp.reset(); }
  void SetUp() override {
    if (!s_available) GTEST_SKIP() << "export-map is not built (no render library)";
  }
  static CliRun exportMap(const std::string& args) {
    return cli("export-map --project " + quote(s_project) + " --quiet " + args);
  }

  static inline std::unique_ptr<ekm_test::TempDir> s_tmp;
  static inline fs::path s_dir;
  static inline fs::path s_project;
  static inline bool s_available = false;
};

TEST_F(ExportMap, PngHasRequestedSizeAndLegendColoursAppearOnTheMap) {
  const fs::path out = s_dir / "noon.png", info = s_dir / "noon.json";
  const CliRun r = exportMap("--at 2025-03-27T12:00 --size 900x560 --out " + quote(out) + " --info-json " + quote(info));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string png = readFile(out);
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 900u);
  EXPECT_EQ(be32(20), 560u);

  const auto j = nlohmann::json::parse(readFile(info));
  EXPECT_EQ(j["title"], "滞在人口 Stay population 2025-03-27 (木) 12:00 JST");  // 2025-03-27 was a Thursday
  EXPECT_EQ(j["hour"], "2025-03-27T12:00+09:00");
  EXPECT_EQ(j["display_epsg"], 6677);  // Tokyo: JGD2011 plane rectangular zone IX
  // Legend: ascending, contiguous classes, then the missing-data item.
  const auto& legend = j["legend"];
  ASSERT_GE(legend.size(), 4u);
  EXPECT_TRUE(legend.back()["missing"].get<bool>());
  for (std::size_t i = 0; i + 1 < legend.size() - 1; ++i) {
    EXPECT_LT(legend[i]["lower"].get<double>(), legend[i]["upper"].get<double>());
    EXPECT_DOUBLE_EQ(legend[i]["upper"].get<double>(), legend[i + 1]["lower"].get<double>());
  }
  // The scale bar is a round length no longer than the map is wide.
  const double extentW = j["extent"][2].get<double>() - j["extent"][0].get<double>();
  EXPECT_GT(j["scale_bar_m"].get<double>(), 0);
  EXPECT_LT(j["scale_bar_m"].get<double>(), extentW / 2);

  // Independent decoding: each swatch shows its colour, and the class colours are on the map.
  const fs::path script = s_dir / "png_probe.py";
  std::ofstream(script) << kPngProbe;
  const CliRun probe = run("python3 " + quote(script) + " " + quote(out) + " " + quote(info));
  ASSERT_EQ(probe.exitCode, 0) << probe.out;
  const auto p = nlohmann::json::parse(probe.out);
  for (std::size_t i = 0; i < legend.size(); ++i)
    EXPECT_EQ(p["swatches"][i], legend[i]["colour"]) << "legend item " << i;
  int classesOnMap = 0;
  for (const auto& c : p["map_counts"]) classesOnMap += c.get<int>() > 50;
  EXPECT_GE(classesOnMap, static_cast<int>(legend.size()) - 2) << p.dump();
}

TEST_F(ExportMap, SvgIsParseableAndCarriesTheTitleAsText) {
  const fs::path out = s_dir / "map.svg";
  const CliRun r = exportMap("--at 2025-03-27T08:00 --out " + quote(out) + " --size 1000x700 --title 'Briefing & test <1>'");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const CliRun py = run("python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
                     "ns = '{http://www.w3.org/2000/svg}'; print(r.tag, r.get('width'), r.get('height')); "
                     "[print('TEXT', t.text) for t in r.iter(ns + 'text')]; print('IMAGES', len(list(r.iter(ns + 'image'))))\" " +
                     quote(out));
  ASSERT_EQ(py.exitCode, 0) << py.out;
  EXPECT_NE(py.out.find("{http://www.w3.org/2000/svg}svg 1000 700"), std::string::npos) << py.out;
  EXPECT_NE(py.out.find("TEXT Briefing & test <1>"), std::string::npos) << py.out;
  EXPECT_NE(py.out.find("TEXT データなし（秘匿・欠測） No data"), std::string::npos) << py.out;
  EXPECT_NE(py.out.find("IMAGES 1"), std::string::npos) << py.out;
}

// Without --title the title names what the layers show (topmost theme first), with the hour
// only when a layer changes with it; reference layers alone name the district.
TEST_F(ExportMap, DefaultTitleFollowsTheLayers) {
  const auto titleOf = [&](const std::string& layers, const std::string& lang) {
    const fs::path out = s_dir / "titled.png", info = s_dir / "titled.json";
    const CliRun r = exportMap("--at 2025-03-27T12:00 --size 600x400 --dpi 72 --lang " + lang + " --layers " + layers + " --out " +
                               quote(out) + " --info-json " + quote(info));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    return r.exitCode == 0 ? nlohmann::json::parse(readFile(info))["title"].get<std::string>() : std::string();
  };
  EXPECT_EQ(titleOf("basemap,road_segments,pedestrian_counts,rail", "both"), "歩行者通行量 Pedestrian counts 2025-03-27 (木) 12:00 JST");
  EXPECT_EQ(titleOf("basemap,mesh_population,pedestrian_counts,stations", "en"),
            "Pedestrian counts & stay population 2025-03-27 (Thu) 12:00 JST");
  EXPECT_EQ(titleOf("basemap,rail,stations", "ja"), "対象地区");
  EXPECT_EQ(titleOf("mesh_population", "ja"), "滞在人口 2025-03-27 (木) 12:00 JST");
}

TEST_F(ExportMap, EnglishTitleAndFormatFromOption) {
  const fs::path out = s_dir / "english.out";
  const fs::path info = s_dir / "english.json";
  // 03:00 UTC is 12:00 JST.
  const CliRun r = exportMap("--at 2025-03-27T03:00Z --lang en --format svg --out " + quote(out) + " --info-json " + quote(info));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(readFile(out).substr(0, 5), "<?xml");
  const auto j = nlohmann::json::parse(readFile(info));
  EXPECT_EQ(j["format"], "svg");
  EXPECT_EQ(j["title"], "Stay population 2025-03-27 (Thu) 12:00 JST");
  EXPECT_EQ(j["legend"].back()["label"], "No data");
}

TEST_F(ExportMap, PdfIsWritten) {
  const fs::path out = s_dir / "map.pdf";
  const CliRun r = exportMap("--at 2025-03-26T18:00 --size 800x500 --out " + quote(out));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const std::string pdf = readFile(out);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos);
  // 800x500 px at 0.75 pt
  EXPECT_TRUE(std::regex_search(pdf, std::regex(R"(/MediaBox \[0 0 600(\.0+)? 375(\.0+)?\])"))) << pdf.substr(0, 2000);
  EXPECT_NE(pdf.find("FontFile"), std::string::npos);                 // fonts embedded
  EXPECT_NE(pdf.find("NotoSansCJKjp"), std::string::npos);            // Japanese in Noto CJK
}

TEST_F(ExportMap, HourOutsideTheDataFailsClearlyAndWritesNothing) {
  const fs::path out = s_dir / "late.png";
  const CliRun r = exportMap("--at 2025-04-27T12:00 --out " + quote(out));
  EXPECT_EQ(r.exitCode, 5) << r.out;
  EXPECT_NE(r.out.find("outside the project's mesh population data"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-03-25T00:00+09:00 .. 2025-03-28T23:00+09:00"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(hasLeftovers(s_dir));
  // The first and last hours are inside.
  EXPECT_EQ(exportMap("--at 2025-03-28T23:00 --size 400x300 --out " + quote(s_dir / "last.png")).exitCode, 0);
  EXPECT_EQ(exportMap("--at 2025-03-29T00:00 --size 400x300 --out " + quote(s_dir / "after.png")).exitCode,
            5);
}

TEST_F(ExportMap, BadInputsGiveTheirExitCodes) {
  EXPECT_EQ(cli("export-map --project " + quote(s_dir / "missing.gpkg") + " --at 2025-03-27T12:00 --out " +
                quote(s_dir / "x.png"))
                .exitCode,
            3);
  const CliRun unwritable = exportMap("--at 2025-03-27T12:00 --out " + quote(s_dir / "no_such_dir" / "x.png"));
  EXPECT_EQ(unwritable.exitCode, 3) << unwritable.out;
  EXPECT_NE(unwritable.out.find("cannot write the output file"), std::string::npos) << unwritable.out;
  EXPECT_EQ(exportMap("--at 2025-03-27T12:30 --out " + quote(s_dir / "x.png")).exitCode, 2);
  EXPECT_EQ(exportMap("--at 2025-03-27T12:00 --size 12by3 --out " + quote(s_dir / "x.png")).exitCode, 2);
  EXPECT_EQ(exportMap("--at 2025-03-27T12:00 --format gif --out " + quote(s_dir / "x.png")).exitCode, 2);
  std::ofstream(s_dir / "not_a_project.gpkg") << "hello";
  EXPECT_EQ(cli("export-map --project " + quote(s_dir / "not_a_project.gpkg") +
                " --at 2025-03-27T12:00 --out " + quote(s_dir / "x.png"))
                .exitCode,
            6);
  EXPECT_FALSE(fs::exists(s_dir / "x.png"));
  EXPECT_FALSE(hasLeftovers(s_dir));
}

TEST_F(ExportMap, BadNumbersAreUsageErrorsNamingTheFlag) {
  const std::string base = "--at 2025-03-27T12:00 --out " + quote(s_dir / "bad.png") + " ";
  for (const std::string flag : {"--size 12by3", "--size 800x", "--size 0x600", "--extent 1,2,3", "--extent 1,2,x,4",
                                  "--dpi abc", "--dpi 5", "--dpi 96dpi"}) {
    const CliRun r = exportMap(base + flag);
    EXPECT_EQ(r.exitCode, 2) << flag << "\n" << r.out;
    const std::string firstLine = r.out.substr(0, r.out.find('\n'));  // the error; the usage follows
    EXPECT_NE(firstLine.find(flag.substr(0, flag.find(' '))), std::string::npos) << flag << "\n" << r.out;
  }
  EXPECT_FALSE(fs::exists(s_dir / "bad.png"));
}

// `ops run export-map` with a params file and a layout template draws what the same layout
// given as export-map flags draws: the template is applied, then the fields given win.
TEST_F(ExportMap, OpsRunWithATemplateMatchesTheFlags) {
  const fs::path tmpl = s_dir / "ops_template.json";
  std::ofstream(tmpl) << R"({"paper": "A5", "dpi": 60, "subtitle": "Ops template", "format": "pdf",
                            "layers": ["mesh_population", "road_segments", "stations"], "legend": false})";
  const fs::path opsInfo = s_dir / "ops_info.json", flagsInfo = s_dir / "flags_info.json";
  const nlohmann::json params = {{"at", "2025-03-27T12:00"}, {"out", (s_dir / "ops.png").string()},
                                 {"template", tmpl.string()}, {"size", "700x450"},
                                 {"dpi", 72},                 {"info_json", opsInfo.string()}};
  const fs::path paramsFile = s_dir / "ops_params.json";
  std::ofstream(paramsFile) << params.dump();
  const CliRun viaOps = cli("ops run export-map --quiet --project " + quote(s_project) + " --params " +
                            quote(paramsFile) + " --lang en");
  ASSERT_EQ(viaOps.exitCode, 0) << viaOps.out;
  const CliRun viaFlags = exportMap("--at 2025-03-27T12:00 --size 700x450 --dpi 72 --lang en --subtitle 'Ops template' "
                                    "--layers mesh_population,road_segments,stations --no-legend --out " +
                                    quote(s_dir / "flags.png") + " --info-json " + quote(flagsInfo));
  ASSERT_EQ(viaFlags.exitCode, 0) << viaFlags.out;
  auto a = nlohmann::json::parse(readFile(opsInfo)), b = nlohmann::json::parse(readFile(flagsInfo));
  EXPECT_EQ(a["format"], "png");  // the .png of out wins over the template's pdf
  EXPECT_EQ(a["width"], 700);     // size given: the template's paper is not used
  EXPECT_EQ(a["dpi"], 72);        // given: wins over the template's
  EXPECT_EQ(a["title"], "Stay population 2025-03-27 (Thu) 12:00 JST");  // --lang en reached the operation
  EXPECT_EQ(a["layers"], nlohmann::json({"mesh_population", "road_segments", "stations"}));
  EXPECT_EQ(a["legend_rect"], nlohmann::json({0, 0, 0, 0}));  // the template's "legend": false
  a.erase("output");
  b.erase("output");
  EXPECT_EQ(a, b);
  EXPECT_EQ(readFile(s_dir / "ops.png"), readFile(s_dir / "flags.png"));
}

TEST_F(ExportMap, CtrlCLeavesNoPartialFileAndKeepsAnOldOne) {
  const fs::path out = s_dir / "cancel.png";
  std::ofstream(out) << "previous";
  // The hook raises SIGINT after the whole image is in the temporary file, before the rename.
  const CliRun r =
      run("EKM_TEST_SIGINT_BEFORE_RENAME=1 " + quote(ekm_test::cliPath()) + " export-map --project " +
          quote(s_project) + " --at 2025-03-27T12:00 --out " + quote(out));
  EXPECT_EQ(r.exitCode, 130) << r.out;
  EXPECT_EQ(readFile(out), "previous");
  EXPECT_FALSE(hasLeftovers(s_dir));
}

TEST_F(ExportMap, AttributionComesFromTheProjectMetadata) {
  // Without an 'attribution' entry the sample gets its default line naming the sources.
  const fs::path info = s_dir / "attr_default.json";
  ASSERT_EQ(exportMap("--at 2025-03-27T12:00 --size 400x300 --out " + quote(s_dir / "attr_default.png") +
                      " --info-json " + quote(info))
                .exitCode,
            0);
  const std::string line = nlohmann::json::parse(readFile(info))["attribution"];
  for (const char* source : {"e-Stat", "PLATEAU", "Mini Tokyo 3D"}) EXPECT_NE(line.find(source), std::string::npos) << line;
  // A project's own attribution (written with the sqlite3 tool) wins, and reaches the SVG text.
  const fs::path copy = s_dir / "attributed.gpkg";
  fs::copy_file(s_project, copy, fs::copy_options::overwrite_existing);
  const CliRun set = run("sqlite3 " + quote(copy) +
                         " \"INSERT INTO ekm_meta(key, value) VALUES ('attribution', '© Example Ward Office 2025')\"");
  ASSERT_EQ(set.exitCode, 0) << set.out;
  const fs::path svg = s_dir / "attributed.svg";
  const CliRun r =
      cli("export-map --quiet --project " + quote(copy) + " --at 2025-03-27T12:00 --out " + quote(svg));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(readFile(svg).find(">© Example Ward Office 2025</text>"), std::string::npos);
}

TEST_F(ExportMap, AsynchronousCtrlCEitherFinishesOrLeavesNothing) {
  // A real SIGINT at an arbitrary moment of a large export: either the export had already
  // finished (a complete PNG) or it is cancelled and nothing is left, never a partial file.
  const fs::path out = s_dir / "async.png";
  const CliRun r = run("( " + quote(ekm_test::cliPath()) + " export-map --quiet --project " +
                       quote(s_project) + " --at 2025-03-27T12:00 --size 5000x3200 --out " + quote(out) +
                       " & pid=$!; sleep 0.4; kill -INT $pid; wait $pid )");
  if (fs::exists(out)) {
    EXPECT_EQ(r.exitCode, 0) << r.out;
    const std::string png = readFile(out);
    EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
  } else {
    EXPECT_NE(r.exitCode, 0) << r.out;
  }
  EXPECT_FALSE(hasLeftovers(s_dir));
}

}  // namespace
