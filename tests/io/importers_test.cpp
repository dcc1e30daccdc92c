// Importers against a real project store: each kind on small fixtures, every bad-input
// case (message content and an unchanged store), missing values, duplicate files,
// cancellation.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "ekm/core/error.h"
#include "support/project_sql.h"
#include "ekm/core/feedback.h"
#include "ekm/io/importers.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace ekm;

namespace {

const std::string kData = std::string(EKM_TEST_DATA_DIR) + "/io/";

// Hour keys computed independently with Python's datetime (JST = UTC+9).
constexpr std::int64_t k20250327T09Jst = 484176;
constexpr std::int64_t k20190101T00Jst = 429519;

std::string tableDump(sqlite3* db) {
  std::string out;
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &tables, nullptr);
  while (sqlite3_step(tables) == SQLITE_ROW) {
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(tables, 0));
    out += "## " + name + "\n";
    sqlite3_stmt* rows = nullptr;
    if (sqlite3_prepare_v2(db, ("SELECT * FROM \"" + name + "\"").c_str(), -1, &rows, nullptr) != SQLITE_OK) continue;
    while (sqlite3_step(rows) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(rows); ++c) {
        switch (sqlite3_column_type(rows, c)) {
          case SQLITE_NULL: out += "NULL"; break;
          case SQLITE_INTEGER: out += std::to_string(sqlite3_column_int64(rows, c)); break;
          case SQLITE_FLOAT: out += std::to_string(sqlite3_column_double(rows, c)); break;
          default: {
            const auto* b = static_cast<const char*>(sqlite3_column_blob(rows, c));
            out += "'" + std::string(b ? b : "", static_cast<std::size_t>(sqlite3_column_bytes(rows, c))) + "'";
          }
        }
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(rows);
  }
  sqlite3_finalize(tables);
  return out;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_projectPath = m_dir.str("p.gpkg");
    m_project = std::make_unique<store::Project>(store::Project::create(m_projectPath));
  }
  void TearDown() override { m_project.reset(); }
  io::ImportResult import(io::ImportKind kind, const std::string& path, io::ImportOptions o = {}) {
    return io::importFile(*m_project, kind, path, o, core::nullFeedback());
  }
  std::int64_t count(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db(), sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db(), sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string v = "<none>";
    if (sqlite3_step(st) == SQLITE_ROW) {
      const auto* t = sqlite3_column_text(st, 0);
      v = t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    sqlite3_finalize(st);
    return v;
  }
  sqlite3* db() { return ekm_test::sql(*m_project); }

  // Runs an import that must fail; checks the code, that the message contains every
  // fragment, and that the store is row-for-row unchanged.
  void expectFailure(io::ImportKind kind, const std::string& path, core::ErrorCode code,
                     const std::vector<std::string>& fragments, io::ImportOptions o = {}) {
    const std::string before = tableDump(db());
    try {
      import(kind, path, o);
      ADD_FAILURE() << "import of " << path << " should have failed";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      for (const auto& f : fragments) EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << "'" << f << "' not in: " << e.what();
    }
    EXPECT_EQ(tableDump(db()), before) << "store changed by a failed import of " << path;
    EXPECT_EQ(text("PRAGMA integrity_check"), "ok");
  }

  void importSegmentsFixture() {
    // s1 in EPSG:4326 GeoJSON, s2 in EPSG:6677 Shapefile (projected by cs2cs).
    GDALAllRegister();
    {
      const std::string p = m_dir.str("seg.geojson");
      auto* drv = GetGDALDriverManager()->GetDriverByName("GeoJSON");
      GDALDatasetUniquePtr ds(drv->Create(p.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      OGRSpatialReference srs;
      srs.importFromEPSG(4326);
      OGRLayer* l = ds->CreateLayer("seg", &srs, wkbLineString, nullptr);
      OGRFieldDefn id("segment_id", OFTString), name("name", OFTString), oneway("oneway", OFTInteger);
      l->CreateField(&id);
      l->CreateField(&name);
      l->CreateField(&oneway);
      OGRFeature f(l->GetLayerDefn());
      f.SetField("segment_id", "s1");
      f.SetField("name", "第一京浜");
      f.SetField("oneway", 1);
      OGRLineString ls;
      ls.addPoint(139.74, 35.63);
      ls.addPoint(139.74, 35.64);
      f.SetGeometry(&ls);
      ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
      ds.reset();
      m_segGeojson = p;
    }
    {
      const std::string p = m_dir.str("seg.shp");
      auto* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
      GDALDatasetUniquePtr ds(drv->Create(p.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      OGRSpatialReference srs;
      srs.importFromEPSG(6677);
      OGRLayer* l = ds->CreateLayer("seg", &srs, wkbLineString, nullptr);
      OGRFieldDefn id("id", OFTString), cls("road_class", OFTString);
      l->CreateField(&id);
      l->CreateField(&cls);
      OGRFeature f(l->GetLayerDefn());
      f.SetField("id", "s2");
      f.SetField("road_class", "primary");
      OGRLineString ls;  // (easting, northing) in JGD2011 zone IX
      ls.addPoint(-8393.4502, -40446.9312);
      ls.addPoint(-8566.0685, -41214.9351);
      ls.addPoint(-8907.5454, -42154.4158);
      f.SetGeometry(&ls);
      ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
      ds.reset();
      m_segShp = p;
    }
    import(io::ImportKind::Segments, m_segGeojson);
    import(io::ImportKind::Segments, m_segShp);
  }

  ekm_test::TempDir m_dir{"io_imp"};
  std::string m_projectPath;
  std::unique_ptr<store::Project> m_project;
  std::string m_segGeojson, m_segShp;
};

}  // namespace

TEST_F(ImportTest, MeshPopulationUtf8WithBreakdownsAndMissing) {
  const auto r = import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  EXPECT_EQ(r.rowsRead, 7);
  EXPECT_EQ(r.rowsStored, 7);
  EXPECT_EQ(r.missingValues, 3);  // '*', '-', blank
  EXPECT_EQ(r.featuresCreated, 2);
  EXPECT_EQ(r.sha256, "83821e48cd78342bbc2d25d004b6889901bceef5dfdd7458a6b5306e7fb18b72");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE population IS NULL"), 3);
  // An explicit 0 stays 0, not missing.
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE population = 0"), 1);
  EXPECT_EQ(count("SELECT fid FROM population_breakdowns WHERE label = 'gender=f;age=20-29'"), 1);
  EXPECT_EQ(count("SELECT fid FROM population_breakdowns WHERE label = 'gender=m;age=20-29'"), 2);
  EXPECT_EQ(count("SELECT MIN(t_hour) FROM mesh_population"), k20250327T09Jst);
  EXPECT_EQ(count("SELECT MAX(t_hour) FROM mesh_population"), k20250327T09Jst + 1);
  EXPECT_EQ(text("SELECT level FROM mesh_cells WHERE mesh_code = '53393569123'"), "1/8");
  // Packed keys as documented in schema.h.
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE fid != (t_hour << 32) | (cell_fid << 8) | breakdown_id"), 0);
  // Quoted value "7" parsed.
  EXPECT_EQ(count("SELECT population FROM mesh_population p JOIN mesh_cells c ON c.fid = p.cell_fid "
                  "WHERE c.mesh_code = '53393569124' AND t_hour = " + std::to_string(k20250327T09Jst + 1)),
            7);
  // Cell polygon: bounds computed by hand from the JIS X 0410 definition.
  for (const auto& cell : m_project->meshCells()) {
    if (cell.meshCode != "53393569123") continue;
    EXPECT_NEAR(cell.south, 35.634375, 1e-9);
    EXPECT_NEAR(cell.west, 139.740625, 1e-9);
    EXPECT_NEAR(cell.north, 35.635416666666664, 1e-9);
    EXPECT_NEAR(cell.east, 139.7421875, 1e-9);
  }
  // Missing is NaN downstream, never 0.
  const auto slice = m_project->meshPopulationSlice(k20250327T09Jst, 1);
  ASSERT_EQ(slice.size(), 2u);
  int nan = 0;
  for (const auto& v : slice) nan += std::isnan(v.value);
  EXPECT_EQ(nan, 1);
  ASSERT_EQ(m_project->importLog().size(), 1u);
  EXPECT_EQ(m_project->importLog()[0].kind, "mesh-population");
  EXPECT_EQ(m_project->importLog()[0].rows, 7);
  EXPECT_EQ(m_project->importLog()[0].sourceSha256, r.sha256);
}

TEST_F(ImportTest, MeshPopulationCp932WithMappingFile) {
  io::ImportOptions o;
  o.mappingFile = kData + "mesh_cp932_mapping.json";
  const auto r = import(io::ImportKind::MeshPopulation, kData + "mesh_cp932.csv", o);
  EXPECT_EQ(r.rowsStored, 4);
  EXPECT_EQ(r.missingValues, 1);  // full-width asterisk listed in the mapping
  EXPECT_EQ(count("SELECT COUNT(*) FROM population_breakdowns WHERE label IN ('性別=女性', '性別=男性')"), 2);
  EXPECT_EQ(count("SELECT SUM(population) FROM mesh_population"), 33);
}

TEST_F(ImportTest, MeshPopulationCp932AutoDetectedWithoutMappingNeedsColumns) {
  // Auto-detected CP932, but the Japanese header has no 'mesh_code': a clear missing-column error.
  expectFailure(io::ImportKind::MeshPopulation, kData + "mesh_cp932.csv", core::ErrorCode::Parse,
                {"mesh_cp932.csv:1", "missing column", "メッシュコード"});
}

TEST_F(ImportTest, MeshPopulationUtf8BomAndJapaneseBreakdown) {
  const auto r = import(io::ImportKind::MeshPopulation, kData + "mesh_utf8_bom.csv");
  EXPECT_EQ(r.rowsStored, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM population_breakdowns WHERE label = '居住地=区内'"), 1);
  EXPECT_EQ(text("SELECT level FROM mesh_cells"), "1/4");
}

TEST_F(ImportTest, MeshPopulationGzipDatetimeWithOffsets) {
  const auto r = import(io::ImportKind::MeshPopulation, kData + "mesh_datetime.csv.gz");
  EXPECT_EQ(r.rowsStored, 4);
  const std::string q = "SELECT t_hour FROM mesh_population WHERE population = ";
  EXPECT_EQ(count(q + "5"), k20250327T09Jst);      // 09:00 JST (no offset)
  EXPECT_EQ(count(q + "6"), k20250327T09Jst + 1);  // 10:00+09:00
  EXPECT_EQ(count(q + "7"), k20250327T09Jst + 2);  // 02:00Z = 11:00 JST
  EXPECT_EQ(count(q + "8"), k20250327T09Jst + 3);  // "2025-03-27 12:00"
  EXPECT_EQ(text("SELECT level FROM mesh_cells WHERE mesh_code = '53393569'"), "3");
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE breakdown_id != 0"), 0);
}

TEST_F(ImportTest, MlitOneKmPreset) {
  io::ImportOptions o;
  o.preset = "jp-1km-open-data";
  const auto r = import(io::ImportKind::MeshPopulation, kData + "mlit_1km.csv", o);
  EXPECT_EQ(r.rowsStored, 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_cells"), 2);
  EXPECT_EQ(count("SELECT MIN(t_hour) FROM mesh_population"), k20190101T00Jst);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT t_hour) FROM mesh_population"), 2);
  EXPECT_EQ(count("SELECT population FROM mesh_population p JOIN population_breakdowns b ON b.fid = p.breakdown_id "
                  "WHERE b.label = 'days=holiday;hours=night'"),
            567);
  EXPECT_EQ(count("SELECT population FROM mesh_population p JOIN population_breakdowns b ON b.fid = p.breakdown_id "
                  "WHERE b.label = 'days=weekday;hours=daytime'"),
            2345);
  // dayflag=2, timezone=2 (all days, all day) is the total.
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE breakdown_id = 0"), 3);
  // Without the preset the file lacks date/hour columns.
  ekm_test::sql(*m_project);
}

TEST_F(ImportTest, StationsCsvAndRidership) {
  auto r = import(io::ImportKind::Stations, kData + "stations.csv");
  EXPECT_EQ(r.rowsStored, 2);
  const auto stations = m_project->stations();
  ASSERT_EQ(stations.size(), 2u);
  bool found = false;
  for (const auto& s : stations) {
    if (s.stationId != "takanawa_gateway") continue;
    found = true;
    EXPECT_EQ(s.nameJa, "高輪ゲートウェイ");
    EXPECT_EQ(s.lines, "Yamanote, Keihin-Tohoku");
    EXPECT_NEAR(s.position.lon, 139.7406575, 1e-9);
    EXPECT_NEAR(s.position.lat, 35.6353954, 1e-9);
  }
  EXPECT_TRUE(found);
  r = import(io::ImportKind::StationRidership, kData + "ridership.csv");
  EXPECT_EQ(r.rowsStored, 3);
  EXPECT_EQ(r.missingValues, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM station_ridership WHERE boardings IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM station_ridership WHERE alightings IS NULL"), 1);
  EXPECT_EQ(count("SELECT alightings FROM station_ridership WHERE t_hour = " + std::to_string(k20250327T09Jst)), 900);
}

TEST_F(ImportTest, SegmentsFromGeoJsonAndReprojectedShapefile) {
  importSegmentsFixture();
  const auto segs = m_project->segments();
  ASSERT_EQ(segs.size(), 2u);
  for (const auto& s : segs) {
    if (s.segmentId == "s1") {
      // `geod +ellps=WGS84 -I`: 35.63 139.74 -> 35.64 139.74 = 1109.522 m
      EXPECT_NEAR(s.lengthM, 1109.522, 0.01);
      EXPECT_EQ(s.name, "第一京浜");
      EXPECT_EQ(s.oneway, 1);
    } else {
      EXPECT_EQ(s.segmentId, "s2");
      EXPECT_EQ(s.roadClass, "primary");
      // geod: 787.242 + 999.714 m along the WGS84 points that cs2cs projected to EPSG:6677
      EXPECT_NEAR(s.lengthM, 787.242 + 999.714, 0.05);
      ASSERT_EQ(s.points.size(), 3u);
      EXPECT_NEAR(s.points[0].lon, 139.7406575, 1e-7);
      EXPECT_NEAR(s.points[0].lat, 35.6353954, 1e-7);
    }
  }
  // The shapefile's hash covers its sidecar files; importing it again is refused.
  expectFailure(io::ImportKind::Segments, m_segShp, core::ErrorCode::Duplicate, {"already imported", "seg.shp"});
}

TEST_F(ImportTest, SegmentCounts) {
  importSegmentsFixture();
  const auto r = import(io::ImportKind::SegmentCounts, kData + "segment_counts.csv");
  EXPECT_EQ(r.rowsStored, 4);
  EXPECT_EQ(r.missingValues, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM segment_counts WHERE count IS NULL AND mode = 1"), 1);
  EXPECT_EQ(count("SELECT count FROM segment_counts WHERE direction = 2"), 80);
  EXPECT_EQ(count("SELECT count FROM segment_counts WHERE mode = 2"), 30);
  EXPECT_EQ(count("SELECT COUNT(*) FROM segment_counts WHERE t_hour = " + std::to_string(k20250327T09Jst - 1)), 4);
}

TEST_F(ImportTest, DuplicateFileRefusedUnlessForced) {
  import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  // Same bytes under another name: still refused (the hash decides).
  std::ifstream in(kData + "mesh_utf8.csv", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  const auto copy = m_dir.write("copy.csv", bytes);
  expectFailure(io::ImportKind::MeshPopulation, copy, core::ErrorCode::Duplicate,
                {"copy.csv", "already imported", "--force"});
  // Forced: the hash check is skipped, so the rows themselves now collide.
  io::ImportOptions o;
  o.force = true;
  expectFailure(io::ImportKind::MeshPopulation, copy, core::ErrorCode::Validation, {"copy.csv:2", "duplicate key"}, o);
}

TEST_F(ImportTest, BadInputsNameTheProblemAndLeaveTheStoreUnchanged) {
  import(io::ImportKind::Stations, kData + "stations.csv");
  importSegmentsFixture();
  import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  using K = io::ImportKind;
  using C = core::ErrorCode;
  const std::string h = "mesh_code,date,hour,population\n";
  const std::string ok = "53393569123,2025-04-01,0,1\n";

  expectFailure(K::MeshPopulation, m_dir.write("badmesh.csv", h + ok + "53398569,2025-04-01,0,1\n"), C::Mesh,
                {"badmesh.csv:3", "column 'mesh_code'", "unknown mesh code", "'53398569'"});
  expectFailure(K::MeshPopulation, m_dir.write("badmesh2.csv", h + ok + "5339356912X,2025-04-01,0,1\n"),
                C::Mesh, {"badmesh2.csv:3", "'5339356912X'"});
  expectFailure(K::MeshPopulation, m_dir.write("neg.csv", h + ok + "53393569124,2025-04-01,0,-3\n"),
                C::Validation, {"neg.csv:3", "column 'population'", "negative", "'-3'"});
  expectFailure(K::MeshPopulation, m_dir.write("nan.csv", h + ok + "53393569124,2025-04-01,0,abc\n"),
                C::Parse, {"nan.csv:3", "column 'population'", "'abc'"});
  expectFailure(K::MeshPopulation, m_dir.write("baddate.csv", h + ok + "53393569124,2025-02-30,0,1\n"),
                C::Parse, {"baddate.csv:3", "column 'date'", "'2025-02-30'"});
  expectFailure(K::MeshPopulation, m_dir.write("badhour.csv", h + ok + "53393569124,2025-04-01,24,1\n"),
                C::Parse, {"badhour.csv:3", "column 'hour'", "0-23", "'24'"});
  expectFailure(K::MeshPopulation,
                m_dir.write("badts.csv", "mesh_code,datetime,population\n53393569123,2025-04-01T10:30,1\n"),
                C::Parse, {"badts.csv:2", "column 'datetime'", "bad timestamp", "'2025-04-01T10:30'"});
  expectFailure(K::MeshPopulation, m_dir.write("dupfile.csv", h + ok + "53393569124,2025-04-01,0,1\n" + ok),
                C::Validation, {"dupfile.csv:4", "duplicate key", "53393569123", "2025-04-01T00:00+09:00"});
  // A key already in the project (from mesh_utf8.csv, total breakdown is new there, so use its breakdown columns).
  expectFailure(
      K::MeshPopulation,
      m_dir.write("dupstore.csv",
                  "mesh_code,date,hour,gender,age,population\n53393569123,2025-03-27,9,f,20-29,1\n"),
      C::Validation, {"dupstore.csv:2", "duplicate key", "already in the project"});
  expectFailure(K::MeshPopulation, m_dir.write("nocol.csv", "mesh_code,date,hour,pop_total\n" + ok), C::Parse,
                {"nocol.csv:1", "missing column", "'population'", "pop_total"});
  expectFailure(K::MeshPopulation, m_dir.write("notime.csv", "mesh_code,population\n53393569123,1\n"),
                C::Parse, {"notime.csv:1", "missing column", "datetime"});
  expectFailure(K::MeshPopulation, m_dir.write("many.csv", h + ok + "53393569124,2025-04-01,0,1,9\n"),
                C::Parse, {"many.csv:3", "too many fields", "4 fields", "5 fields"});
  expectFailure(K::MeshPopulation, m_dir.write("few.csv", h + ok + "53393569124,2025-04-01\n"), C::Parse,
                {"few.csv:3", "too few fields"});
  // Wrong encoding: CP932 bytes while UTF-8 is demanded.
  io::ImportOptions utf8;
  utf8.encoding = "utf-8";
  expectFailure(K::MeshPopulation,
                m_dir.write("enc.csv", h + ok + "53393569124,2025-04-01,0,1\n\x93\x8C\x8B\x9E,x,y,z\n"),
                C::Encoding, {"enc.csv:4", "invalid byte sequence", "0x93"}, utf8);
  // Unknown ids and bad enumerations.
  const std::string ch = "segment_id,timestamp,direction,mode,count\n";
  expectFailure(
      K::SegmentCounts,
      m_dir.write(
          "unkseg.csv",
          ch + "s1,2025-04-01T08:00,forward,pedestrian,1\ns9,2025-04-01T08:00,forward,pedestrian,1\n"),
      C::Validation, {"unkseg.csv:3", "column 'segment_id'", "unknown segment id", "'s9'"});
  expectFailure(K::SegmentCounts, m_dir.write("badmode.csv", ch + "s1,2025-04-01T08:00,forward,plane,1\n"),
                C::Parse, {"badmode.csv:2", "column 'mode'", "'plane'"});
  expectFailure(K::SegmentCounts,
                m_dir.write("negcount.csv", ch + "s1,2025-04-01T08:00,forward,pedestrian,-1\n"),
                C::Validation, {"negcount.csv:2", "column 'count'", "negative"});
  expectFailure(
      K::SegmentCounts,
      m_dir.write("dupcount.csv",
                  ch + "s1,2025-04-01T08:00,forward,pedestrian,1\ns1,2025-04-01T08:00+09:00,1,0,2\n"),
      C::Validation, {"dupcount.csv:3", "duplicate key"});
  const std::string rh = "station_id,date,hour,boardings,alightings\n";
  expectFailure(K::StationRidership, m_dir.write("unkst.csv", rh + "nowhere,2025-04-01,8,1,1\n"),
                C::Validation, {"unkst.csv:2", "column 'station_id'", "unknown station id", "'nowhere'"});
  expectFailure(K::StationRidership, m_dir.write("negst.csv", rh + "shinagawa,2025-04-01,8,1,-1\n"),
                C::Validation, {"negst.csv:2", "column 'alightings'", "negative"});
  expectFailure(K::Stations, m_dir.write("dupst.csv", "station_id,lat,lon\nshinagawa,35.6,139.7\n"),
                C::Validation, {"dupst.csv:2", "duplicate key", "shinagawa"});
  expectFailure(K::Stations, m_dir.write("badlat.csv", "station_id,lat,lon\nx,135.6,139.7\n"), C::Parse,
                {"badlat.csv:2", "column 'lat'", "'135.6'"});

  // Vector sources: wrong geometry types name the feature.
  GDALAllRegister();
  auto writeGeojson = [&](const std::string& name, const std::string& json) {
    return m_dir.write(name, json);
  };
  expectFailure(K::Segments,
                writeGeojson("poly.geojson",
                             R"({"type":"FeatureCollection","features":[{"type":"Feature","id":7,"properties":{"segment_id":"p1"},)"
                             R"("geometry":{"type":"Polygon","coordinates":[[[139.7,35.6],[139.71,35.6],[139.71,35.61],[139.7,35.6]]]}}]})"),
                C::Gdal, {"poly.geojson feature 7", "segment must be a line", "POLYGON"});
  expectFailure(K::Segments,
                writeGeojson("multi.geojson",
                             R"({"type":"FeatureCollection","features":[{"type":"Feature","id":3,"properties":{"segment_id":"m1"},)"
                             R"("geometry":{"type":"MultiLineString","coordinates":[[[139.7,35.6],[139.71,35.6]],[[139.72,35.6],[139.73,35.6]]]}}]})"),
                C::Gdal, {"multi.geojson feature 3", "2 parts"});
  expectFailure(K::Segments,
                writeGeojson("noid.geojson",
                             R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},)"
                             R"("geometry":{"type":"LineString","coordinates":[[139.7,35.6],[139.71,35.6]]}}]})"),
                C::Parse, {"noid.geojson", "missing column", "segment_id"});
  expectFailure(K::Segments,
                writeGeojson("dupseg.geojson",
                             R"({"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"segment_id":"s1"},)"
                             R"("geometry":{"type":"LineString","coordinates":[[139.7,35.6],[139.71,35.6]]}}]})"),
                C::Validation, {"dupseg.geojson feature 1", "duplicate key", "s1"});
  expectFailure(K::Segments, m_dir.write("garbage.geojson", "not json at all"), C::Gdal,
                {"garbage.geojson", "cannot open"});
  expectFailure(K::MeshPopulation, m_dir.str("does-not-exist.csv"), C::Io,
                {"does-not-exist.csv", "not found"});
}

TEST_F(ImportTest, MissingValueTokensFromMappingAndHeaderlessFile) {
  const auto mapping = m_dir.write("m.json", R"({"header": false, "names": ["code", "day", "h", "n"],
     "columns": {"mesh_code": "code", "date": "day", "hour": "h", "population": "n"}, "missing": ["NA"]})");
  io::ImportOptions o;
  o.mappingFile = mapping;
  const auto r =
      import(io::ImportKind::MeshPopulation,
             m_dir.write("nohdr.tsv", "53393569123,2025-04-01,0,NA\n53393569123,2025-04-01,1,4\n"), o);
  EXPECT_EQ(r.rowsStored, 2);
  EXPECT_EQ(r.missingValues, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population WHERE population IS NULL"), 1);
  // With that mapping, '*' is no longer a missing token but a parse error.
  expectFailure(io::ImportKind::MeshPopulation, m_dir.write("star.csv", "53393569123,2025-04-02,0,*\n"),
                core::ErrorCode::Parse, {"star.csv:1", "column 'n'", "'*'"}, o);
}

TEST_F(ImportTest, CancelMidImportLeavesStoreUnchanged) {
  import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  std::string big;
  big = "mesh_code,date,hour,population\n";
  for (int d = 1; d <= 28; ++d)
    for (int hr = 0; hr < 24; ++hr)
      for (int a = 1; a <= 4; ++a)
        for (int b = 1; b <= 4; ++b)
          for (int c = 1; c <= 4; ++c)
            big += "5339356" + std::to_string(900 + a * 10 + b).substr(1) + std::to_string(c) + "1," + "2025-02-" +
                   (d < 10 ? "0" : "") + std::to_string(d) + "," + std::to_string(hr) + ",1\n";
  const auto path = m_dir.write("big.csv", big);
  const std::string before = tableDump(db());
  core::Feedback fb;
  fb.setThrottleInterval(std::chrono::milliseconds(0));
  fb.setProgressHandler([&](double p) {
    if (p > 20 && p < 100) fb.cancel();
  });
  EXPECT_THROW(io::importFile(*m_project, io::ImportKind::MeshPopulation, path, {}, fb), core::CancelledError);
  EXPECT_EQ(tableDump(db()), before);
  // The same file imports fine afterwards (nothing half-done blocks it).
  const auto r = import(io::ImportKind::MeshPopulation, path);
  EXPECT_EQ(r.rowsStored, 28 * 24 * 64);
}

// ---- the two-stage import (a parser thread feeding the writing thread) on big files

namespace {

// A day-major mesh-population CSV with one value per cell-day (hour 0), so every row makes
// its own day row: `cells` x `days` rows, enough for the writer to send many batches to
// SQLite (its buffer holds 2^17 day rows) before the end. Row i (0-based) is on line i + 2.
std::string dayRowsCsv(int cells, int days, const std::string& lastRow = {}) {
  std::string csv = "mesh_code,date,hour,population\n";
  csv.reserve(static_cast<std::size_t>(cells) * days * 30);
  const std::chrono::sys_days first = std::chrono::year{2025} / 1 / 1;
  for (int d = 0; d < days; ++d) {
    const std::chrono::year_month_day ymd{first + std::chrono::days{d}};
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    for (int c = 0; c < cells; ++c) {
      if (!lastRow.empty() && d == days - 1 && c == cells - 1) {
        csv += lastRow + "\n";
        break;
      }
      // 1/8 mesh cells of the 3rd meshes 5339356x: x = 0..9, quadrants 1-4 three times.
      char code[16];
      std::snprintf(code, sizeof code, "5339356%d%d%d%d", c / 64 % 10, c / 16 % 4 + 1, c / 4 % 4 + 1, c % 4 + 1);
      csv += std::string(code) + "," + date + ",0," + std::to_string((d * 7 + c) % 1000) + "\n";
    }
  }
  return csv;
}

std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// An error the parser thread finds on the last line, after the writer sent more than 2^17
// day rows to SQLite, and one the writer finds there (a duplicate key): both name the
// line and leave the project file byte for byte as it was.
TEST_F(ImportTest, LateErrorsAfterManyWrittenBatchesLeaveTheFileByteIdentical) {
  import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  const int cells = 400, days = 365;  // 146,000 rows, last on line 146,001
  const std::string lastLine = std::to_string(cells * days + 1);
  const std::string badValue = m_dir.write("late_bad.csv", dayRowsCsv(cells, days, "53393569443,2025-12-31,0,12x"));
  const std::string dupKey = m_dir.write("late_dup.csv", dayRowsCsv(cells, days, "53393560111,2025-12-31,0,5"));
  // The file as it is on disk with no connection open.
  m_project.reset();
  const std::string before = fileBytes(m_projectPath);
  ASSERT_FALSE(before.empty());

  struct Case {
    std::string path;
    core::ErrorCode code;
    std::vector<std::string> fragments;
  };
  const std::vector<Case> cases = {
      {badValue, core::ErrorCode::Parse, {"late_bad.csv:" + lastLine, "column 'population'", "'12x'"}},
      {dupKey, core::ErrorCode::Validation,
       {"late_dup.csv:" + lastLine, "duplicate key", "53393560111", "2025-12-31T00:00+09:00"}},
  };
  for (const auto& c : cases) {
    m_project = std::make_unique<store::Project>(store::Project::open(m_projectPath));
    try {
      import(io::ImportKind::MeshPopulation, c.path);
      ADD_FAILURE() << c.path << " should have failed";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.code(), c.code) << e.what();
      for (const auto& f : c.fragments)
        EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << "'" << f << "' not in: " << e.what();
    }
    m_project.reset();
    EXPECT_TRUE(fileBytes(m_projectPath) == before) << c.path << " changed the project file";
  }
  // The files differ only in their last row from one that imports: the writer really did
  // get that far.
  m_project = std::make_unique<store::Project>(store::Project::open(m_projectPath));
  const std::int64_t dayRows = count("SELECT COUNT(*) FROM mesh_population_days");
  const auto r = import(io::ImportKind::MeshPopulation,
                        m_dir.write("late_ok.csv", dayRowsCsv(cells, days, "53393569443,2025-12-31,0,12")));
  EXPECT_EQ(r.rowsStored, cells * days);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mesh_population_days"), dayRows + cells * days);
  EXPECT_EQ(count("SELECT population FROM mesh_population m JOIN mesh_cells c ON c.fid = m.cell_fid "
                  "WHERE c.mesh_code = '53393569443'"),
            12);
}

// Cancel while both stages are busy, from the progress handler (the importing thread) and
// from another thread (as the GUI does): CancelledError, the file byte for byte unchanged,
// no thread left behind, and the same file imports completely afterwards.
TEST_F(ImportTest, CancelMidPipelinedImportLeavesTheFileByteIdentical) {
  import(io::ImportKind::MeshPopulation, kData + "mesh_utf8.csv");
  const int cells = 400, days = 365;
  const std::string path = m_dir.write("cancel_big.csv", dayRowsCsv(cells, days));
  m_project.reset();
  const std::string before = fileBytes(m_projectPath);

  for (const bool fromOtherThread : {false, true}) {
    m_project = std::make_unique<store::Project>(store::Project::open(m_projectPath));
    core::Feedback fb;
    fb.setThrottleInterval(std::chrono::milliseconds(0));
    double seen = 0;
    std::atomic<bool> cancelNow{false}, stop{false};
    // The other thread cancels when asked; the handler waits (up to 10 s) until it has, so the
    // cancel lands mid-import however the machine schedules the threads.
    std::thread canceller;
    if (fromOtherThread)
      canceller = std::thread([&] {
        while (!cancelNow && !stop) std::this_thread::sleep_for(std::chrono::microseconds(100));
        if (cancelNow) fb.cancel();
      });
    fb.setProgressHandler([&](double p) {
      seen = std::max(seen, p);
      if (p <= 50 || p >= 100 || fb.isCancelled()) return;
      if (!fromOtherThread) return fb.cancel();
      cancelNow = true;
      for (int i = 0; i < 10000 && !fb.isCancelled(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
    EXPECT_THROW(io::importFile(*m_project, io::ImportKind::MeshPopulation, path, {}, fb), core::CancelledError);
    stop = true;
    if (canceller.joinable()) canceller.join();
    EXPECT_GT(seen, 50.0) << "cancelled before the import was under way";
    EXPECT_LT(seen, 100.0);
    m_project.reset();
    EXPECT_TRUE(fileBytes(m_projectPath) == before) << (fromOtherThread ? "other thread" : "progress handler");
  }
  m_project = std::make_unique<store::Project>(store::Project::open(m_projectPath));
  const auto r = import(io::ImportKind::MeshPopulation, path);
  EXPECT_EQ(r.rowsStored, cells * days);
}
