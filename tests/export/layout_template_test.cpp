// Layout templates of `ekimachi-cli export-map`: saved in the project, applied by name, flags
// override them.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;

TEST(LayoutTemplate, SavedInTheProjectAndReused) {
  if (cli("export-map --help").exitCode != 0) GTEST_SKIP() << "export-map is not built";
  ekm_test::TempDir tmp("layout_template_test");
  const fs::path dir = tmp.path();
  ASSERT_EQ(cli("sample --out " + quote(dir / "s") + " --from 2025-03-27 --to 2025-03-27 --radius 300 --quiet").exitCode, 0);
  const std::string project = quote(dir / "s" / "sample.gpkg");
  const std::string base = "export-map --quiet --project " + project + " --at 2025-03-27T12:00 ";
  const CliRun a = cli(base + "--paper A4-portrait --dpi 50 --lang ja --title " + quote("説明会 地図") +
                       " --save-template briefing-a4 --out " + quote(dir / "a.png"));
  ASSERT_EQ(a.exitCode, 0) << a.out;
  const CliRun b = cli(base + "--template briefing-a4 --out " + quote(dir / "b.svg") + " --info-json " + quote(dir / "b.json"));
  ASSERT_EQ(b.exitCode, 0) << b.out;
  const auto info = nlohmann::json::parse(ekm_test::readFile(dir / "b.json"));
  EXPECT_EQ(info["width"], 413);  // A4 portrait at 50 dpi: 210 x 297 mm
  EXPECT_EQ(info["height"], 585);
  EXPECT_EQ(info["title"], "説明会 地図");
  EXPECT_NE(ekm_test::readFile(dir / "b.svg").find("説明会 地図"), std::string::npos);  // SVG text stays text
  // A flag overrides the template.
  const CliRun c = cli(base + "--template briefing-a4 --size 640x480 --out " + quote(dir / "c.png") + " --info-json " + quote(dir / "c.json"));
  ASSERT_EQ(c.exitCode, 0) << c.out;
  EXPECT_EQ(nlohmann::json::parse(ekm_test::readFile(dir / "c.json"))["width"], 640);
  EXPECT_EQ(cli(base + "--template nope --out " + quote(dir / "d.png")).exitCode, 2);

  // A template that keeps a format (the GUI's layout dialog saves one): an --out ending in a
  // format's extension is that format (a PDF named .svg opens nowhere); an --out without one
  // takes the template's; a --format that contradicts the extension is refused.
  const CliRun p = cli(base + "--paper A4 --dpi 40 --subtitle " + quote("テンプレート") + " --format pdf --save-template as-pdf --out " +
                       quote(dir / "p.pdf"));
  ASSERT_EQ(p.exitCode, 0) << p.out;
  ASSERT_EQ(ekm_test::readFile(dir / "p.pdf").substr(0, 5), "%PDF-");
  const CliRun s = cli(base + "--template as-pdf --out " + quote(dir / "s.svg"));
  ASSERT_EQ(s.exitCode, 0) << s.out;
  const std::string svg = ekm_test::readFile(dir / "s.svg");
  EXPECT_EQ(svg.substr(0, 5), "<?xml");
  EXPECT_NE(svg.find(">テンプレート</text>"), std::string::npos);  // the template's subtitle, as text
  ASSERT_EQ(cli(base + "--template as-pdf --out " + quote(dir / "t.out")).exitCode, 0);
  EXPECT_EQ(ekm_test::readFile(dir / "t.out").substr(0, 5), "%PDF-");
  const CliRun bad = cli(base + "--format pdf --out " + quote(dir / "u.svg"));
  EXPECT_EQ(bad.exitCode, 2) << bad.out;
  EXPECT_NE(bad.out.find("extension"), std::string::npos) << bad.out;
  EXPECT_FALSE(fs::exists(dir / "u.svg"));
}
