// Input domain checks in the newer importers (issue 15 §2-3): the energy files (meters,
// weather, JMA daily, buildings), NGSI-LD entities and GTFS refuse values outside their
// real domain with file, line/feature and field, like the CSV and GDAL importers do
// (domain_checks_test.cpp); and no error message copies a huge value.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "ekm/core/error.h"
#include "ekm/core/feedback.h"
#include "ekm/energy/import_files.h"
#include "ekm/geo/vector_source.h"
#include "ekm/io/gtfs_reader.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "support/temp_dir.h"

using namespace ekm;
namespace fs = std::filesystem;

namespace {

// The error's full text, or "" when f does not throw.
std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_REFUSED(call, ...)                                                 \
  do {                                                                            \
    const std::string what = errorOf([&] { call; });                              \
    EXPECT_FALSE(what.empty()) << #call << " accepted the input";                 \
    for (const char* part : {__VA_ARGS__}) EXPECT_NE(what.find(part), std::string::npos) << what; \
  } while (0)

std::string meters(const ekm_test::TempDir& dir, const std::string& text) { return dir.write("meters.csv", text); }

energy::ParsedMeters readMeters(const std::string& path) {
  return energy::readMeterCsv(path, energy::CsvSeriesOptions{}, false, 72, core::nullFeedback());
}

}  // namespace

// --- energy ------------------------------------------------------------------------------

TEST(NewerImportersDomain, EnergyMetersRefuseImplausibleValuesYearsHeadersAndOwners) {
  ekm_test::TempDir dir("energy_domain");
  const std::string head = "datetime,B1/electricity [kWh]\n";
  // The sane file is accepted (so the refusals below are the values, not the layout).
  EXPECT_EQ(readMeters(meters(dir, head + "2025-04-01 00:00,12.5\n2025-04-01 01:00,13\n")).rows, 2);
  EXPECT_REFUSED(readMeters(meters(dir, head + "2025-04-01 00:00,1e308\n")), "meters.csv:2", "B1/electricity",
                 "10,000,000 kWh");
  EXPECT_REFUSED(readMeters(meters(dir, head + "2025-04-01 00:00,2e7\n")), "meters.csv:2");
  EXPECT_REFUSED(readMeters(meters(dir, head + "0000-01-01 00:00,1\n")), "meters.csv:2", "implausible date");
  EXPECT_REFUSED(readMeters(meters(dir, head + "9999-12-31 00:00,1\n")), "meters.csv:2", "implausible date");
  EXPECT_REFUSED(readMeters(meters(dir, "datetime,datetime,B1/electricity [kWh]\n2025-04-01 00:00,x,1\n")),
                 "meters.csv:1", "repeated header column");
  EXPECT_REFUSED(readMeters(meters(dir, "datetime,B\x01" "1/electricity [kWh]\n2025-04-01 00:00,1\n")),
                 "meters.csv:1", "control character in id");
}

TEST(NewerImportersDomain, EnergyWeatherRefusesYearsAndRepeatedColumns) {
  ekm_test::TempDir dir("energy_domain");
  auto read = [&](const std::string& text) {
    return energy::readWeatherCsv(dir.write("w.csv", text), energy::CsvSeriesOptions{}, core::nullFeedback());
  };
  EXPECT_EQ(read("datetime,dry_bulb [degC]\n2025-04-01 00:00,12.5\n").rows, 1);
  EXPECT_REFUSED(read("datetime,dry_bulb [degC]\n1000-04-01 00:00,12.5\n"), "w.csv:2", "implausible date");
  // Today the second copy is silently ignored: the file may hold two different series.
  EXPECT_REFUSED(read("datetime,dry_bulb [degC],dry_bulb [degC]\n2025-04-01 00:00,12.5,40\n"), "w.csv:1",
                 "repeated header column");
}

TEST(NewerImportersDomain, JmaDailyRefusesYearsAndImplausibleValues) {
  ekm_test::TempDir dir("energy_domain");
  const std::string head = "Date,MaximumTemperature,MinimumTemperature,AverageHumidity\n";
  auto read = [&](const std::string& rows) { return energy::readJmaDailyCsv(dir.write("jma.csv", head + rows), ""); };
  EXPECT_EQ(read("2022/7/1,37.0,25.4,68\n").rows, 1);
  EXPECT_REFUSED(read("0000/7/1,37.0,25.4,68\n"), "jma.csv:2", "implausible year");
  EXPECT_REFUSED(read("9999/7/1,37.0,25.4,68\n"), "jma.csv:2", "implausible year");
  EXPECT_REFUSED(read("2022/7/1,1e308,25.4,68\n"), "jma.csv:2", "MaximumTemperature", "out of range");
  EXPECT_REFUSED(read("2022/7/1,37.0,25.4,250\n"), "jma.csv:2", "AverageHumidity", "out of range");
}

TEST(NewerImportersDomain, BuildingsAreCheckedBeforeTheTransformAndAfter) {
  ekm_test::TempDir dir("energy_domain");
  auto geojson = [&](const std::string& crs, const std::string& props, const std::string& ring) {
    const std::string crsMember =
        crs.empty() ? "" : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::" + crs + "\"}},";
    return dir.write("b.geojson", "{\"type\":\"FeatureCollection\"," + crsMember +
                                      "\"features\":[{\"type\":\"Feature\",\"properties\":{" + props +
                                      "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}]}");
  };
  const std::string ok = "\"building_id\":\"B1\",\"office_m2\":1000";
  const std::string ring = "[[139.740,35.635],[139.741,35.635],[139.741,35.636],[139.740,35.635]]";
  auto read = [&](const std::string& path) { return energy::readBuildingsVector(path, "", "", core::nullFeedback()); };
  EXPECT_EQ(read(geojson("", ok, ring)).size(), 1u);
  EXPECT_REFUSED(read(geojson("", ok, "[[139.74,91],[139.741,35.635],[139.741,35.636],[139.74,91]]")),
                 "latitude out of range");
  EXPECT_REFUSED(read(geojson("", "\"building_id\":\"B\\u0001 1\",\"office_m2\":1000", ring)), "control character in id");
  EXPECT_REFUSED(read(geojson("", "\"building_id\":\"B1\",\"office_m2\":1e308", ring)), "office_m2");
  EXPECT_REFUSED(read(geojson("", "\"building_id\":\"B1\",\"office_m2\":10,\"height_m\":5000", ring)), "height_m");
  // 1e20 m in EPSG:3857: refused before PROJ sees it (it spins there for minutes).
  const auto start = std::chrono::steady_clock::now();
  EXPECT_REFUSED(read(geojson("3857", ok, "[[1e20,1e20],[1e20,1.1e20],[1.1e20,1e20],[1e20,1e20]]")),
                 "out of any CRS's range");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // An unknown EPSG code is an error, never read as lon/lat (GDAL falls back to WGS 84).
  EXPECT_REFUSED(read(geojson("999999", ok, ring)), "coordinate reference system cannot be resolved");
}

// Every vector reader opens through geo::openVectorLayer: a NUL in a GeoJSON string
// (which GDAL cuts there, storing "a" for "a\u0000b") is refused with its line.
TEST(NewerImportersDomain, GeoJsonStringWithNulIsRefused) {
  ekm_test::TempDir dir("vector_nul");
  auto open = [&](const std::string& id) {
    return geo::openVectorLayer(dir.write("p.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                                                       "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id +
                                                       "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[139.7,35.6]}}]}"));
  };
  EXPECT_NO_THROW(open("a\\\\u0000b"));  // an escaped backslash, then the text "u0000"
  EXPECT_NO_THROW(open("a\\u0041b"));
  EXPECT_REFUSED(open("a\\u0000b"), "p.geojson:2", "NUL character");
  EXPECT_REFUSED(open("a\\\\\\u0000b"), "p.geojson:2", "NUL character");  // \\ then \u0000
}

// --- NGSI-LD ------------------------------------------------------------------------------

TEST(NewerImportersDomain, NgsiLdRefusesHugeCountsImplausibleDatesAndControlCharacters) {
  auto read = [](const std::string& id, const std::string& observed, const std::string& count,
                 const std::string& ref = "seg-1") {
    const auto doc = nlohmann::json::parse(R"({"id":")" + id + R"(","type":"CrowdFlowObserved",)" +
                                           R"("refRoadSegment":{"type":"Relationship","object":")" + ref + R"("},)" +
                                           R"("peopleCount":{"type":"Property","value":)" + count +
                                           R"(,"observedAt":")" + observed + R"("}})");
    io::NgsiDocument out;
    io::readNgsiLdEntities(doc, "feed.jsonld", out);
    return out;
  };
  EXPECT_EQ(read("urn:ngsi-ld:CrowdFlowObserved:a", "2025-03-27T01:00:00Z", "12").observations.size(), 1u);
  EXPECT_REFUSED(read("urn:a", "2025-03-27T01:00:00Z", "1e308"), "feed.jsonld", "peopleCount", "implausibly large count");
  EXPECT_REFUSED(read("urn:a", "0000-03-27T01:00:00Z", "12"), "feed.jsonld", "implausible date");
  EXPECT_REFUSED(read("urn:a", "9999-03-27T01:00:00Z", "12"), "implausible date");
  EXPECT_REFUSED(read("urn:a\\u0000b", "2025-03-27T01:00:00Z", "12"), "feed.jsonld", "NUL character in id");
  EXPECT_REFUSED(read("urn:a", "2025-03-27T01:00:00Z", "12", "seg\\u0007"), "refRoadSegment", "control character");
}

// --- GTFS ---------------------------------------------------------------------------------

TEST(NewerImportersDomain, GtfsRefusesRepeatedColumnsControlCharactersAndFarDates) {
  ekm_test::TempDir dir("gtfs_domain");
  const fs::path feed = fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small";
  const fs::path copy = dir / "feed";
  fs::create_directories(copy);
  for (const auto& e : fs::directory_iterator(feed)) fs::copy_file(e.path(), copy / e.path().filename());
  const std::string stops = ekm_test::readFile(feed / "stops.txt");
  const std::string calendar = ekm_test::readFile(feed / "calendar.txt");
  auto fatalText = [&](const std::string& file, const std::string& text) {
    ekm_test::writeFile(copy / file, text);
    core::Feedback fb;
    const auto r = io::readGtfs(copy.string(), fb);
    ekm_test::writeFile(copy / file, file == "stops.txt" ? stops : calendar);
    std::string all;
    for (const auto& p : r.problems)
      if (p.fatal()) all += p.format() + "\n";
    return all;
  };
  EXPECT_EQ(fatalText("stops.txt", stops), "");
  // The second stop_name would silently win (or lose) today.
  const auto nl = stops.find('\n');
  std::string repeated = stops.substr(0, nl) + ",stop_name" + "\n";
  for (std::size_t a = nl + 1; a < stops.size();) {
    const auto b = stops.find('\n', a);
    repeated += stops.substr(a, b - a) + ",X\n";
    a = b + 1;
  }
  EXPECT_NE(fatalText("stops.txt", repeated).find("repeated header column"), std::string::npos);
  std::string nul = stops;
  nul.replace(nul.find("ST1"), 3, std::string("S\0T1", 4));
  const std::string nulText = fatalText("stops.txt", nul);
  EXPECT_NE(nulText.find("stops.txt:2"), std::string::npos) << nulText;
  EXPECT_NE(nulText.find("control character"), std::string::npos) << nulText;
  std::string far = calendar;
  far.replace(far.find("20261231"), 8, "99991231");
  EXPECT_NE(fatalText("calendar.txt", far).find("invalid date"), std::string::npos);
  // A 20 MB field is quoted with at most ~200 bytes.
  std::string huge = stops;
  huge.replace(huge.find("35.63550"), 8, std::string(20'000'000, '9'));
  const std::string hugeText = fatalText("stops.txt", huge);
  EXPECT_NE(hugeText.find("stop_lat"), std::string::npos) << hugeText.substr(0, 400);
  EXPECT_LT(hugeText.size(), 2000u);
}

TEST(NewerImportersDomain, AnErrorNeverCopiesAHugeValue) {
  core::ErrorContext c;
  c.file = "a.csv";
  c.found = std::string(20'000'000, 'x') + "東京";
  const core::ValidationError e("bad", c);
  EXPECT_LT(std::string(e.what()).size(), 400u);
  EXPECT_NE(std::string(e.what()).find("(20000006 bytes)"), std::string::npos) << e.what();
  c.found = std::string(199, 'x') + "東京";  // cut inside 東: the cut moves back to a UTF-8 boundary
  c.found += std::string(100, 'y');
  const core::ValidationError f("bad", c);
  EXPECT_NE(std::string(f.what()).find(std::string(199, 'x') + "... ("), std::string::npos) << f.what();
}
