// OpenMatrix (OMX 0.2, HDF5) files: our round trip, cross-checks with h5py in both directions
// (Debian python3-h5py, installed by scripts/setup-deps.sh), malformed files from
// tests/data/omx (see its SOURCE.txt), and `ekimachi-cli od export/import --format omx`.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "demand_cli_util.h"
#include "ekm/core/error.h"
#include "ekm/demand/od_io.h"
#include "ekm/demand/omx_file.h"
#include "ekm/store/project.h"

using namespace ekm;
using namespace ekm::demand;
using ekm_demand_test::cli;
using ekm_demand_test::run;
using ekm_demand_test::TempDir;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/omx/";

// Three zones with integral ids, a zero row, a zero cell and non-integral trips.
NamedOdMatrix integerZones() {
  NamedOdMatrix od{{"1", "2", "10"}, OdMatrix(3)};
  od.matrix(0, 1) = 5.5, od.matrix(0, 2) = 1.0 / 3.0, od.matrix(1, 1) = 2;
  od.matrix(2, 0) = 1e-3, od.matrix(2, 2) = 123456.789;
  return od;
}

// Ids that are not canonical int32: leading zero, text, UTF-8, beyond int32.
NamedOdMatrix stringZones() {
  NamedOdMatrix od{{"007", "A-1", "高輪ゲートウェイ", "9999999999"}, OdMatrix(4)};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) od.matrix(i, j) = i == j ? 0.0 : 0.25 * (i + 1) + j / 7.0;
  return od;
}

bool h5pyAvailable() { return run("/usr/bin/python3 -c 'import h5py'").exitCode == 0; }

std::string q(const std::string& s) { return "'" + s + "'"; }

template <typename Fn>
core::Error errorOf(Fn&& fn) {
  try {
    fn();
  } catch (const core::Error& e) {
    return e;
  }
  ADD_FAILURE() << "no ekm::core::Error thrown";
  return core::Error(core::ErrorCode::Ok, "");
}

}  // namespace

TEST(OdOmx, RoundTripIntegerZoneIds) {
  TempDir dir("omx_int");
  const auto od = integerZones();
  writeOmx(dir.str("od.omx"), od.zoneIds, {{"trips", od.matrix}}, {{"period", "am"}});
  EXPECT_TRUE(isHdf5File(dir.str("od.omx")));
  const auto back = readOmx(dir.str("od.omx"));
  EXPECT_EQ(back.zoneIds, od.zoneIds);                // file order, not re-sorted
  EXPECT_EQ(back.matrix.values(), od.matrix.values());  // bit for bit
  const auto c = omxContents(dir.str("od.omx"));
  EXPECT_EQ(c.version, "0.2");
  EXPECT_EQ(c.matrices, (std::vector<std::string>{"trips"}));
  EXPECT_EQ(c.lookups, (std::vector<std::string>{"zone_id"}));
  // Replacing an existing file leaves no temporary file beside it.
  writeOmx(dir.str("od.omx"), od.zoneIds, {{"trips", od.matrix}});
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "")) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(OdOmx, RoundTripStringZoneIdsAndSeveralMatrices) {
  TempDir dir("omx_str");
  const auto od = stringZones();
  OdMatrix walk(4);
  walk(3, 0) = 42;
  writeOmx(dir.str("od.omx"), od.zoneIds, {{"trips", od.matrix}, {"walk", walk}});
  const auto back = readOmx(dir.str("od.omx"));
  EXPECT_EQ(back.zoneIds, od.zoneIds);
  EXPECT_EQ(back.matrix.values(), od.matrix.values());
  OmxReadOptions opt;
  opt.matrix = "walk";
  opt.lookup = "zone_id";
  const auto w = readOmx(dir.str("od.omx"), opt);
  EXPECT_EQ(w.zoneIds, od.zoneIds);
  EXPECT_EQ(w.matrix.values(), walk.values());
  EXPECT_EQ(omxContents(dir.str("od.omx")).matrices, (std::vector<std::string>{"trips", "walk"}));
}

TEST(OdOmx, WriterRejectsWhatTheReaderWouldReject) {
  TempDir dir("omx_wbad");
  EXPECT_THROW(writeOmx(dir.str("a.omx"), {"1", "1"}, {{"trips", OdMatrix(2)}}), core::ValidationError);
  EXPECT_THROW(writeOmx(dir.str("a.omx"), {"1", "2"}, {{"trips", OdMatrix(3)}}), core::ValidationError);
  EXPECT_THROW(writeOmx(dir.str("a.omx"), {"1"}, {{"a/b", OdMatrix(1)}}), core::Error);
  const auto e = errorOf([&] { writeOmx(dir.str("no/such/dir/a.omx"), {"1"}, {{"trips", OdMatrix(1)}}); });
  EXPECT_EQ(e.code(), core::ErrorCode::Io);
  EXPECT_EQ(e.context().file, dir.str("no/such/dir/a.omx"));
  EXPECT_FALSE(std::filesystem::exists(dir / "a.omx"));
}

TEST(OdOmx, H5pyReadsOurFile) {
  if (!h5pyAvailable()) GTEST_SKIP() << "python3-h5py missing (scripts/setup-deps.sh installs it)";
  TempDir dir("omx_h5r");
  const auto od = integerZones();
  writeOmx(dir.str("od.omx"), od.zoneIds, {{"trips", od.matrix}}, {{"period", "am"}});
  auto r = run("/usr/bin/python3 " + q(kData + "h5py_read_omx.py") + " " + q(dir.str("od.omx")) + " trips");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto has = [&](const std::string& line) { return r.out.find(line + "\n") != std::string::npos; };
  EXPECT_TRUE(has("version=0.2")) << r.out;
  EXPECT_TRUE(has("shape=3,3")) << r.out;
  EXPECT_TRUE(has("shape_dtype=int32")) << r.out;
  EXPECT_TRUE(has("dtype=float64")) << r.out;
  EXPECT_TRUE(has("chunked=1")) << r.out;
  EXPECT_TRUE(has("compression=gzip")) << r.out;
  // numpy may sum in another order: compare the printed sum numerically
  const auto at = r.out.find("sum=");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_NEAR(std::stod(r.out.substr(at + 4)), od.matrix.total(), 1e-9) << r.out;
  EXPECT_TRUE(has("lookup=1;2;10")) << r.out;
  EXPECT_TRUE(has("lookup_dtype=i")) << r.out;
  EXPECT_TRUE(has("cells=0.0;5.5;0.0")) << r.out;
  EXPECT_TRUE(has("attr period=am")) << r.out;

  const auto s = stringZones();
  writeOmx(dir.str("s.omx"), s.zoneIds, {{"trips", s.matrix}});
  r = run("/usr/bin/python3 " + q(kData + "h5py_read_omx.py") + " " + q(dir.str("s.omx")) + " trips");
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(has("lookup=007;A-1;高輪ゲートウェイ;9999999999")) << r.out;
  EXPECT_TRUE(has("lookup_dtype=S")) << r.out;
  const auto cells = r.out.find("cells=0.0;");
  ASSERT_NE(cells, std::string::npos) << r.out;
  EXPECT_EQ(std::stod(r.out.substr(cells + 10)), s.matrix(0, 1)) << r.out;  // repr round-trips a double
}

TEST(OdOmx, WeReadAnH5pyFile) {
  if (!h5pyAvailable()) GTEST_SKIP() << "python3-h5py missing (scripts/setup-deps.sh installs it)";
  TempDir dir("omx_h5w");
  const std::string path = dir.str("py.omx");
  const auto r = run("/usr/bin/python3 " + q(kData + "h5py_write_omx.py") + " " + q(path));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto c = omxContents(path);
  EXPECT_EQ(c.version, "0.2");  // variable-length string attribute
  EXPECT_EQ(c.matrices, (std::vector<std::string>{"am", "pm"}));
  EXPECT_EQ(c.lookups, (std::vector<std::string>{"taz"}));
  // No "trips" and two matrices: the error lists them.
  const auto e = errorOf([&] { readOmx(path); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_NE(e.context().expected.find("am, pm"), std::string::npos) << e.what();
  OmxReadOptions opt;
  opt.matrix = "am";
  const auto am = readOmx(path, opt);  // float32 data, int64 lookup, the only lookup
  EXPECT_EQ(am.zoneIds, (std::vector<std::string>{"101", "205", "309"}));
  const double expected[3][3] = {{0, 1.5, 2}, {3, 0, 4.25}, {5, 6, 0}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(am.matrix(i, j), expected[i][j]) << i << "," << j;
  opt.matrix = "pm";  // chunked 2 x 2 over a 3 x 3 matrix, transposed x 2
  const auto pm = readOmx(path, opt);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(pm.matrix(i, j), 2 * expected[j][i]) << i << "," << j;
  opt.lookup = "zone";
  EXPECT_THROW(readOmx(path, opt), core::ValidationError);
}

TEST(OdOmx, ClearErrors) {
  TempDir dir("omx_err");
  // a matrix name that is not there lists the names
  writeOmx(dir.str("two.omx"), {"1", "2"}, {{"am", OdMatrix(2)}, {"pm", OdMatrix(2)}});
  OmxReadOptions opt;
  opt.matrix = "night";
  auto e = errorOf([&] { readOmx(dir.str("two.omx"), opt); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_EQ(e.context().file, dir.str("two.omx"));
  EXPECT_EQ(e.context().field, "/data/night");
  EXPECT_NE(std::string(e.what()).find("am, pm"), std::string::npos) << e.what();
  // SHAPE differs from the dataset
  e = errorOf([&] { readOmx(kData + "bad_shape.omx"); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_EQ(e.context().field, "SHAPE");
  EXPECT_EQ(e.context().found, "4 x 4");
  EXPECT_NE(e.context().expected.find("3 x 3"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("/data/trips"), std::string::npos) << e.what();
  // not square
  e = errorOf([&] { readOmx(kData + "non_square.omx"); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_EQ(e.context().found, "2 x 3");
  // negative and NaN trips, as the CSV reader
  e = errorOf([&] { readOmx(kData + "negative_trips.omx"); });
  EXPECT_EQ(e.code(), core::ErrorCode::Validation);
  EXPECT_NE(e.context().found.find("origin 20, destination 10"), std::string::npos) << e.what();
  EXPECT_THROW(readOmx(kData + "nan_trips.omx"), core::ValidationError);
  // not an HDF5 file, a missing file, a folder
  ekm_demand_test::write(dir / "od.omx", "origin,destination,trips\n1,2,3\n");
  e = errorOf([&] { readOmx(dir.str("od.omx")); });
  EXPECT_EQ(e.code(), core::ErrorCode::Parse);
  EXPECT_EQ(e.context().file, dir.str("od.omx"));
  EXPECT_NE(std::string(e.what()).find(dir.str("od.omx")), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("not an HDF5 file"), std::string::npos) << e.what();
  EXPECT_FALSE(isHdf5File(dir.str("od.omx")));
  e = errorOf([&] { readOmx(dir.str("missing.omx")); });
  EXPECT_EQ(e.code(), core::ErrorCode::Io);
  EXPECT_EQ(e.context().file, dir.str("missing.omx"));
  EXPECT_EQ(errorOf([&] { readOmx(dir.str("")); }).code(), core::ErrorCode::Io);
}

TEST(OdOmx, NoLookupMeansZonesOneToN) {
  const auto od = readOmx(kData + "no_lookup.omx");  // int32 dataset
  EXPECT_EQ(od.zoneIds, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(od.matrix.values(), (std::vector<double>{7, 0, 1, 2}));
  OmxReadOptions opt;
  opt.lookup = "taz";
  EXPECT_THROW(readOmx(kData + "no_lookup.omx", opt), core::ValidationError);
}

TEST(OdOmxCli, ExportImportReproducesTheMatrix) {
  TempDir dir("omx_cli");
  const auto od = stringZones();
  {
    auto p = store::Project::create(dir.str("a.gpkg"));
    saveOdMatrix(p, "am", od);
  }
  { auto p = store::Project::create(dir.str("b.gpkg")); }
  auto r = cli("od export --project " + q(dir.str("a.gpkg")) + " --period am --format omx --out " + q(dir.str("am.omx")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(isHdf5File(dir.str("am.omx")));
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period copy --format omx --in " + q(dir.str("am.omx")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  {
    const auto p = store::Project::open(dir.str("b.gpkg"), store::OpenMode::ReadOnly);
    const auto back = loadOdMatrix(p, "copy");
    EXPECT_EQ(back.zoneIds, od.zoneIds);
    EXPECT_EQ(back.matrix.values(), od.matrix.values());
  }
  // --format from the path: *.omx is the HDF5 file; an HDF5 file without extension imports as omx
  r = cli("od export --project " + q(dir.str("a.gpkg")) + " --period am --matrix demand --out " + q(dir.str("x.omx")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(omxContents(dir.str("x.omx")).matrices, (std::vector<std::string>{"demand"}));
  std::filesystem::rename(dir / "x.omx", dir / "x");
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period x --in " + q(dir.str("x")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // the older folder layout stays available
  r = cli("od export --project " + q(dir.str("a.gpkg")) + " --period am --format omx-folder --out " + q(dir.str("folder")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "folder" / "metadata.json"));
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period f --in " + q(dir.str("folder")));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // errors: exit codes and the file named
  ekm_demand_test::write(dir / "text.omx", "not hdf5\n");
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period t --in " + q(dir.str("text.omx")));
  EXPECT_EQ(r.exitCode, 4) << r.out;
  EXPECT_NE(r.out.find(dir.str("text.omx")), std::string::npos) << r.out;
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period t --matrix night --in " + q(dir.str("am.omx")));
  EXPECT_EQ(r.exitCode, 5) << r.out;
  EXPECT_NE(r.out.find("trips"), std::string::npos) << r.out;
  r = cli("od import --project " + q(dir.str("b.gpkg")) + " --period t --format hdf --in " + q(dir.str("am.omx")));
  EXPECT_EQ(r.exitCode, 2) << r.out;
}
