// NGSI-LD files -> the project's counts: the forms (normalized, concise, keyValues,
// temporal), the three types, matching (refRoadSegment, nearest, station), JST hours,
// partial hours, errors naming entity and attribute, all-or-nothing; the official Smart
// Data Models examples.
#include <gtest/gtest.h>

#include <cmath>

#include "citylink_fixture.h"
#include "ekm/core/error.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/io/ngsi_ld_import.h"

using namespace ekm;
using namespace citylink_test;

namespace {

constexpr int kBoth = 0, kForward = 1, kBackward = 2;
constexpr int kPed = 0, kBike = 1, kVehicle = 2;

class NgsiImport : public ::testing::Test {
 protected:
  void SetUp() override {
    m_path = m_dir.str("p.gpkg");
    makeProject(m_path);
  }
  io::NgsiImportResult import(const std::string& file, io::NgsiMatchOptions o = {}) {
    auto p = store::Project::open(m_path);
    core::Feedback fb;
    return io::importNgsiLdFile(p, file, o, false, fb);
  }
  // The error message of an import that must fail.
  std::string importError(const std::string& file, io::NgsiMatchOptions o = {}) {
    try {
      import(file, o);
    } catch (const core::Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "no error for " << file;
    return {};
  }
  double rows(const std::string& table) { return scalar(m_path, "SELECT COUNT(*) FROM " + table); }
  std::string write(const std::string& name, const std::string& json) { return m_dir.write(name, json); }

  ekm_test::TempDir m_dir{"ngsi"};
  std::string m_path;
};

TEST(NgsiDateTime, OffsetsAndUtc) {
  EXPECT_EQ(io::parseNgsiDateTime("2025-04-01T00:00:00Z"), 1743465600);
  EXPECT_EQ(io::parseNgsiDateTime("2025-04-01T09:00:00+09:00"), 1743465600);
  EXPECT_EQ(io::parseNgsiDateTime("2025-04-01T09:00+0900"), 1743465600);
  EXPECT_EQ(io::parseNgsiDateTime("2025-04-01T00:00:00.250Z"), 1743465600);
  EXPECT_EQ(io::parseNgsiDateTime("2025-04-01T00:00:00"), 1743465600);  // no offset: UTC (NGSI-LD)
  EXPECT_EQ(io::parseNgsiDateTime("2025-03-31T20:30:00-03:30"), 1743465600);
  EXPECT_FALSE(io::parseNgsiDateTime("2025-02-30T00:00:00Z"));
  EXPECT_FALSE(io::parseNgsiDateTime("2025-04-01T24:00:00Z"));
  EXPECT_FALSE(io::parseNgsiDateTime("2025-04-01"));
  EXPECT_EQ(io::formatNgsiDateTime(1743465600), "2025-04-01T00:00:00Z");
}

TEST_F(NgsiImport, NormalizedEntitiesMatchByReferenceNearestAndStation) {
  const auto r = import(kData + "crowd_normalized.jsonld");
  ASSERT_EQ(r.plan.matches.size(), 3u);
  EXPECT_EQ(r.plan.matches[0].method, "refRoadSegment");
  EXPECT_EQ(r.plan.matches[0].targetId, "tg-deck-n");
  EXPECT_EQ(r.plan.matches[1].method, "nearest");
  EXPECT_EQ(r.plan.matches[1].targetId, "tg-west-st");
  EXPECT_NEAR(r.plan.matches[1].distanceM, 1.8, 0.2);
  EXPECT_GT(r.plan.matches[1].runnerUpM, 40.0);
  EXPECT_EQ(r.plan.matches[2].target, "station");
  EXPECT_EQ(r.plan.matches[2].targetId, "takanawa-gateway");
  EXPECT_EQ(r.segmentRows, 2);
  EXPECT_EQ(r.stationRows, 1);
  // 00:00-00:15Z inbound = 09:00 JST forward, pedestrian; a quarter hour: partial.
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", kForward, kPed), 120);
  // dateObserved on the hour 09:00+09:00 ends the observation: the hour 23Z (08:00 JST), no
  // direction = both.
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-03-31 23:00:00", kBoth, kPed), 800);
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-04-01 00:00:00", kBoth, kPed), -1);
  EXPECT_EQ(r.plan.partialHours, 1);
  // The station: outbound = alightings, boardings missing (NULL, not 0).
  EXPECT_EQ(scalar(m_path, "SELECT alightings FROM station_ridership"), 1500);
  EXPECT_EQ(scalar(m_path, "SELECT boardings FROM station_ridership"), -2);
  EXPECT_EQ(scalar(m_path, "SELECT t_hour FROM station_ridership"), 1743465600 / 3600 + 1);
  // The import log: kind, rows, the partial hour.
  EXPECT_EQ(text(m_path, "SELECT kind FROM ekm_import_log ORDER BY fid DESC"), "ngsi-ld");
  EXPECT_EQ(scalar(m_path, "SELECT rows FROM ekm_import_log ORDER BY fid DESC"), 3);
  const auto opts = nlohmann::json::parse(text(m_path, "SELECT options FROM ekm_import_log ORDER BY fid DESC"));
  EXPECT_EQ(opts["partial_hours"], 1);
  EXPECT_EQ(opts["partial"][0]["id"], "tg-deck-n");
  EXPECT_EQ(opts["partial"][0]["covered_s"], 900);
}

TEST_F(NgsiImport, TemporalRepresentationSumsSubHourInstances) {
  const auto r = import(kData + "crowd_temporal.jsonld");
  // cam-04: instances every 15 min ending 00:15..01:30Z, outbound = backward; the line
  // location 3 m north of the deck.
  EXPECT_EQ(r.plan.matches[0].method, "nearest");
  EXPECT_EQ(r.plan.matches[0].targetId, "tg-deck-n");
  EXPECT_NEAR(r.plan.matches[0].distanceM, 3.3, 0.2);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", kBackward, kPed), 150);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 01:00:00", kBackward, kPed), 22);  // half an hour
  // cam-05: temporalValues at 10:30 and 11:00 JST -> the hour 10:00 JST (01Z), complete.
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-04-01 01:00:00", kForward, kPed), 420);
  ASSERT_EQ(r.plan.partialHours, 1);
  for (const auto& row : r.plan.rows) {
    if (row.partial) {
      EXPECT_EQ(row.coveredS, 1800);
    }
  }
}

TEST_F(NgsiImport, TrafficKeyValuesSumLanesByMode) {
  const auto r = import(kData + "traffic_keyvalues.json");
  EXPECT_EQ(r.plan.matches[0].method, "refRoadSegment");  // a plain id, not a URN
  // car + bus forward = vehicles; the reversed bicycle lane counts backward.
  EXPECT_EQ(segmentCount(m_path, "route15-a", "2025-04-01 01:00:00", kForward, kVehicle), 675);
  EXPECT_EQ(segmentCount(m_path, "route15-a", "2025-04-01 01:00:00", kBackward, kBike), 58);
  EXPECT_EQ(r.plan.partialHours, 0);
}

TEST_F(NgsiImport, ItemFlowConciseInGraph) {
  const auto r = import(kData + "item_concise.jsonld");
  ASSERT_EQ(r.plan.matches.size(), 1u);
  EXPECT_EQ(r.plan.matches[0].targetId, "tg-deck-n");
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 02:00:00", kForward, kPed), 42);
  EXPECT_EQ(r.plan.partialHours, 1);
}

TEST_F(NgsiImport, MatchRules) {
  // refRoadSegment only: cam-02 has none.
  const std::string e = importError(kData + "crowd_normalized.jsonld", {"refRoadSegment", 30});
  EXPECT_NE(e.find("takanawa-cam-02"), std::string::npos) << e;
  EXPECT_NE(e.find("refRoadSegment"), std::string::npos) << e;
  EXPECT_EQ(rows("segment_counts"), 0);
  // nearest only: cam-01's reference is ignored, its point is 1 m from the deck anyway.
  const auto r = import(kData + "crowd_normalized.jsonld", {"nearest", 30});
  EXPECT_EQ(r.plan.matches[0].method, "nearest");
  EXPECT_EQ(r.plan.matches[0].targetId, "tg-deck-n");
}

TEST_F(NgsiImport, TooFarIsAnErrorNamingEntityAndLocation) {
  const std::string e = importError(kData + "crowd_normalized.jsonld", {"auto", 1.0});
  EXPECT_NE(e.find("takanawa-cam-02"), std::string::npos) << e;
  EXPECT_NE(e.find("location"), std::string::npos) << e;
  EXPECT_NE(e.find("tg-west-st at 1.8 m"), std::string::npos) << e;
  EXPECT_NE(e.find("crowd_normalized.jsonld"), std::string::npos) << e;
  EXPECT_EQ(rows("segment_counts") + rows("station_ridership") + rows("ekm_import_log WHERE kind LIKE 'ngsi%'"), 0);
}

TEST_F(NgsiImport, ErrorsNameEntityAndAttributeAndStoreNothing) {
  const std::string good = R"({"id": "urn:ngsi-ld:CrowdFlowObserved:good", "type": "CrowdFlowObserved",
    "refRoadSegment": "tg-deck-n", "dateObservedFrom": "2025-04-01T00:00:00Z", "dateObservedTo": "2025-04-01T01:00:00Z",
    "peopleCount": 5})";
  struct Case {
    const char* bad;
    const char* attribute;
    const char* message;
  };
  const Case cases[] = {
      {R"("peopleCount": {"type": "Property", "value": 5, "unitCode": "KMH"})", "peopleCount", "unit is not a count"},
      {R"("peopleCount": -3)", "peopleCount", "negative count"},
      {R"("peopleCount": "many")", "peopleCount", "count is not a number"},
      {R"("dateObservedTo": "2025-04-01T01:10:00Z", "peopleCount": 4)", "peopleCount", "not within one hour"},
      {R"("dateObservedTo": "2025-04-01T00:61:00Z", "peopleCount": 4)", "dateObservedTo", "bad date-time"},
      {R"("direction": "sideways", "peopleCount": 4)", "direction", "bad direction"},
      {R"("location": {"type": "Polygon", "coordinates": []}, "peopleCount": 4)", "location", "unsupported location"},
  };
  int i = 0;
  for (const Case& c : cases) {
    const std::string bad = R"({"id": "urn:ngsi-ld:CrowdFlowObserved:bad", "type": "CrowdFlowObserved",
      "refRoadSegment": "tg-west-st", "dateObservedFrom": "2025-04-01T00:00:00Z", "dateObservedTo": "2025-04-01T01:00:00Z", )" +
                            std::string(c.bad) + "}";
    // Keys given twice: the later wins in nlohmann::json, so the bad value replaces the good one.
    const std::string file = write("bad" + std::to_string(i++) + ".jsonld", "[" + good + ", " + bad + "]");
    const std::string e = importError(file);
    EXPECT_NE(e.find("urn:ngsi-ld:CrowdFlowObserved:bad"), std::string::npos) << e;
    EXPECT_NE(e.find(std::string("attribute ") + c.attribute), std::string::npos) << e;
    EXPECT_NE(e.find(c.message), std::string::npos) << e;
  }
  EXPECT_EQ(rows("segment_counts") + rows("ekm_import_log WHERE kind LIKE 'ngsi%'"), 0);  // the good entity was not stored either
}

TEST_F(NgsiImport, UnsupportedTypeAndMissingId) {
  std::string e = importError(write("t.json", R"({"id": "urn:x:1", "type": "WeatherObserved", "temperature": 3})"));
  EXPECT_NE(e.find("unsupported entity type"), std::string::npos) << e;
  EXPECT_NE(e.find("WeatherObserved"), std::string::npos) << e;
  e = importError(write("n.json", R"([{"type": "CrowdFlowObserved"}])"));
  EXPECT_NE(e.find("entity without id"), std::string::npos) << e;
  e = importError(write("j.json", R"([{"id": )"));
  EXPECT_NE(e.find("not JSON"), std::string::npos) << e;
}

TEST_F(NgsiImport, OverlapsAndReimportsAreRefused) {
  // The same observation twice (normalized and keyValues forms of one entity): double counting.
  const std::string both = write("both.json", "[" + ekm_test::readFile(kData + "sdm/CrowdFlowObserved-example.jsonld") +
                                                  "," +
                                                  ekm_test::readFile(kData + "sdm/CrowdFlowObserved-example-normalized.jsonld") +
                                                  "]");
  std::string e = importError(both);
  EXPECT_NE(e.find("overlapping observation periods"), std::string::npos) << e;
  EXPECT_NE(e.find("Valladolid_1"), std::string::npos) << e;
  // A file imported twice: refused as a duplicate (exit code 9), unless forced, then the rows collide.
  import(kData + "traffic_keyvalues.json");
  try {
    import(kData + "traffic_keyvalues.json");
    ADD_FAILURE();
  } catch (const core::Error& err) {
    EXPECT_EQ(err.code(), core::ErrorCode::Duplicate);
  }
  auto p = store::Project::open(m_path);
  core::Feedback fb;
  try {
    io::importNgsiLdFile(p, kData + "traffic_keyvalues.json", {}, true, fb);
    ADD_FAILURE();
  } catch (const core::Error& err) {
    EXPECT_NE(std::string(err.what()).find("already holds this hour"), std::string::npos) << err.what();
    EXPECT_NE(std::string(err.what()).find("route15-lane1-car"), std::string::npos) << err.what();
  }
  EXPECT_EQ(rows("segment_counts"), 2);
}

TEST_F(NgsiImport, OfficialSmartDataModelsExamples) {
  // All four parse; each names its entity.
  for (const char* f : {"CrowdFlowObserved-example-normalized.jsonld", "CrowdFlowObserved-example.jsonld",
                        "TrafficFlowObserved-example-normalized.jsonld"}) {
    const auto d = io::readNgsiLdFile(kData + "sdm/" + f);
    ASSERT_EQ(d.observations.size(), 1u) << f;
    EXPECT_EQ(d.observations[0].toS - d.observations[0].fromS, 300) << f;
  }
  const auto crowd = io::readNgsiLdFile(kData + "sdm/CrowdFlowObserved-example-normalized.jsonld");
  EXPECT_EQ(crowd.observations[0].value, 100);
  EXPECT_EQ(crowd.observations[0].direction, io::NgsiDirection::Forward);
  EXPECT_TRUE(crowd.entities[0].locationIsLine);
  // Imported into the project through the segment laid under the Valladolid line.
  auto r = import(kData + "sdm/CrowdFlowObserved-example-normalized.jsonld");
  EXPECT_EQ(r.plan.matches[0].targetId, "valladolid-salamanca");
  EXPECT_LT(r.plan.matches[0].distanceM, 15.0);  // the line's third vertex doubles back off the segment
  EXPECT_EQ(segmentCount(m_path, "valladolid-salamanca", "2018-08-07 11:00:00", kForward, kPed), 100);
  r = import(kData + "sdm/TrafficFlowObserved-example-normalized.jsonld");
  EXPECT_EQ(segmentCount(m_path, "valladolid-salamanca", "2016-12-07 11:00:00", kForward, kVehicle), 197);
  // The ItemFlowObserved example counts yachts in Nice harbour over six hours: not a travel mode.
  const std::string e = importError(kData + "sdm/ItemFlowObserved-example.jsonld");
  EXPECT_NE(e.find("itemFlowObserved:BFO-NCE-MNCA-SP-001"), std::string::npos) << e;
  EXPECT_NE(e.find("attribute itemType"), std::string::npos) << e;
}

}  // namespace

namespace {

// One temporal CrowdFlowObserved entity on tg-deck-n with hourly peopleCount readings.
std::string hourlyReadings(const std::vector<std::pair<int, std::string>>& readings) {
  nlohmann::json instances = nlohmann::json::array();
  for (const auto& [v, at] : readings) instances.push_back({{"type", "Property"}, {"value", v}, {"observedAt", at}});
  return nlohmann::json{{"id", "urn:ngsi-ld:CrowdFlowObserved:cam-1"},
                        {"type", "CrowdFlowObserved"},
                        {"refRoadSegment", {{"type", "Relationship"}, {"object", "urn:ngsi-ld:RoadSegment:tg-deck-n"}}},
                        {"peopleCount", instances}}
      .dump();
}

// One rule for where a reading lands, whatever the number of readings: an instant is the end
// of its observation (100 people at 01:00Z were counted 00:00Z-01:00Z).
TEST_F(NgsiImport, AReadingLandsInTheSameHourAloneOrInASeries) {
  import(write("one.json", hourlyReadings({{100, "2025-04-01T01:00:00Z"}})));
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01T00:00:00Z", kBoth, kPed), 100);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01T01:00:00Z", kBoth, kPed), -1);

  m_path = m_dir.str("q.gpkg");
  makeProject(m_path);
  import(write("two.json", hourlyReadings({{100, "2025-04-01T01:00:00Z"}, {70, "2025-04-01T02:00:00Z"}})));
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01T00:00:00Z", kBoth, kPed), 100);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01T01:00:00Z", kBoth, kPed), 70);

  // dateObserved as an instant follows the same rule.
  m_path = m_dir.str("r.gpkg");
  makeProject(m_path);
  import(write("instant.json", R"({"id": "urn:ngsi-ld:CrowdFlowObserved:cam-2", "type": "CrowdFlowObserved",
    "refRoadSegment": "urn:ngsi-ld:RoadSegment:tg-deck-n", "peopleCount": 100,
    "dateObserved": "2025-04-01T10:00:00+09:00"})"));
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01T00:00:00Z", kBoth, kPed), 100);
}

}  // namespace
