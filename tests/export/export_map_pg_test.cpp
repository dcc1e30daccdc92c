// `ekimachi-cli export-map` of a PostgreSQL project: a small sample copied to a PostgreSQL
// schema (a throwaway server, skipped when PostgreSQL 15 + PostGIS are absent) renders the
// same pixels as the GeoPackage it was copied from, basemap and energy buildings included;
// the PNGs are decoded by Python's zlib (png_rows.h), not by the program that wrote them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ekm/core/feedback.h"
#include "ekm/store/project_copy.h"
#include "png_rows.h"
#include "support/cli_runner.h"
#include "support/pg_server.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using ekm_test::cli;
using ekm_test::CliRun;
using ekm_test::quote;
using ekm_test::run;

namespace {

// After the PNG decoder (png_rows.h): the image's size, the SHA-256 of its pixel rows and how
// many distinct colours a sample of its pixels has.
const std::string kPngPixels = std::string(ekm_test::kPngRowsPy) + R"PY(
digest = hashlib.sha256(); colours = set()
for line in rows:
    digest.update(bytes(line))
    for x in range(0, len(line), bpp * 7): colours.add(bytes(line[x:x+bpp]))
print(json.dumps({'w': w, 'h': h, 'sha256': digest.hexdigest(), 'colours': len(colours)}))
)PY";

TEST(ExportMapPostgres, SamePixelsAsTheGeoPackage) {
  if (cli("export-map --help").exitCode != 0) GTEST_SKIP() << "export-map is not built (no render library)";
  std::string whyNot;
  const auto server = ekm_test::PgServer::start(whyNot);
  if (!server) GTEST_SKIP() << whyNot;
  ekm_test::TempDir tmp("export_map_pg");
  const fs::path dir = tmp.path();
  const CliRun sample = cli("sample --out " + quote(dir / "sample") + " --from 2025-03-25 --to 2025-03-28 --radius 500 --quiet");
  ASSERT_EQ(sample.exitCode, 0) << sample.out;
  const std::string gpkg = (dir / "sample" / "sample.gpkg").string();
  const std::string pg = server->location("export_map");
  ekm::store::copyProject(gpkg, pg, ekm::core::nullFeedback());

  const fs::path script = dir / "png_pixels.py";
  std::ofstream(script) << kPngPixels;
  auto render = [&](const std::string& project, const std::string& name) {
    const fs::path out = dir / (name + ".png");
    const CliRun r = cli("export-map --project " + quote(project) +
                         " --quiet --at 2025-03-27T08:00 --size 900x600 --out " + quote(out) +
                         " --layers basemap,mesh_population,road_segments,rail,stations,building_energy");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    const CliRun probe = run("python3 " + quote(script) + " " + quote(out));
    EXPECT_EQ(probe.exitCode, 0) << probe.out;
    return probe.exitCode == 0 ? nlohmann::json::parse(probe.out) : nlohmann::json();
  };
  const auto a = render(gpkg, "gpkg"), b = render(pg, "pg");
  ASSERT_TRUE(a.is_object() && b.is_object());
  EXPECT_EQ(a["w"], 900);
  EXPECT_EQ(a["h"], 600);
  EXPECT_GT(a["colours"].get<int>(), 20) << "a map, not a blank page";
  EXPECT_EQ(b["w"], a["w"]);
  EXPECT_EQ(b["h"], a["h"]);
  EXPECT_EQ(b["sha256"], a["sha256"]) << "the PostgreSQL project's map differs from the GeoPackage's";
}

}  // namespace
