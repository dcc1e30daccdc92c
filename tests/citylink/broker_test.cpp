// citylink-pull and citylink-push against the fake NGSI-LD broker (fake_broker.py, started
// per test): paging with the count header, the temporal API, headers (Link, tenant,
// bearer token), retries, errors and a dropped connection (nothing stored), the pull in
// the import log, the upsert of a forecast with the small-count rule. With EKM_NGSI_LD_URL
// set, one read-only query against that real broker.
#include <gtest/gtest.h>

#include <cstdlib>

#include "citylink_fixture.h"
#include "ekm/citylink/broker.h"
#include "ekm/citylink/citylink_ops.h"
#include "ekm/citylink/publish.h"
#include "ekm/core/error.h"
#include "ekm/core/network_error.h"
#include "ekm/ops/registry.h"

using namespace ekm;
using namespace citylink_test;
using nlohmann::json;

namespace {

class Broker : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("EKM_NGSI_LD_TOKEN");
    m_path = m_dir.str("p.gpkg");
    makeProject(m_path);
    ASSERT_FALSE(m_broker.url().empty()) << "fake broker did not start";
  }
  citylink::CitylinkPullParams pull(const std::string& tenant = "") {
    citylink::CitylinkPullParams p;
    p.connection.broker = m_broker.url();
    p.connection.tenant = tenant;
    p.connection.retries = 2;
    p.connection.timeout_s = 10;
    p.page_size = 2;
    return p;
  }
  citylink::CitylinkPullResult run(const citylink::CitylinkPullParams& p) {
    ops::Session s(m_path);
    core::Feedback fb;
    return ops::run<citylink::CitylinkPullOp>(s, p, fb);
  }
  std::string runError(const citylink::CitylinkPullParams& p) {
    try {
      run(p);
    } catch (const core::Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return {};
  }
  double stored() {
    return scalar(m_path, "SELECT (SELECT COUNT(*) FROM segment_counts) + (SELECT COUNT(*) FROM ekm_import_log WHERE kind LIKE 'ngsi%')");
  }

  ekm_test::TempDir m_dir{"broker"};
  std::string m_path;
  FakeBroker m_broker{m_dir};
};

TEST_F(Broker, PullsAllPagesAndLogsTheQuery) {
  auto p = pull();
  p.connection.context = "https://example.org/takanawa-context.jsonld";
  const auto r = run(p);
  EXPECT_EQ(r.pages, 3);  // 2 + 2 + 1 with limit=2
  EXPECT_EQ(r.reportedCount, 5);
  EXPECT_EQ(r.import.entities, 5);
  EXPECT_EQ(r.endpoint, "entities");
  // Two devices inbound on the deck in the same hour are summed; 09:00 JST = 00Z.
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-02 00:00:00", 1, 0), 600);
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-04-02 00:00:00", 2, 0), 200);
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-04-02 00:00:00", 1, 0), 300);
  EXPECT_EQ(segmentCount(m_path, "route15-a", "2025-04-02 00:00:00", 2, 0), 400);
  // The requests: paging parameters, the Link header, Accept, no tenant header.
  const auto reqs = m_broker.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_NE(reqs[1]["query"].get<std::string>().find("limit=2&offset=2&count=true"), std::string::npos);
  EXPECT_EQ(reqs[0]["headers"]["link"],
            "<https://example.org/takanawa-context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; "
            "type=\"application/ld+json\"");
  EXPECT_FALSE(reqs[0]["headers"].contains("ngsild-tenant"));
  EXPECT_FALSE(reqs[0]["headers"].contains("authorization"));
  // The import log: kind, query, entity count.
  EXPECT_EQ(text(m_path, "SELECT kind FROM ekm_import_log ORDER BY fid DESC"), "ngsi-ld-pull");
  EXPECT_EQ(text(m_path, "SELECT source_path FROM ekm_import_log ORDER BY fid DESC"),
            m_broker.url() + "/ngsi-ld/v1/entities?type=CrowdFlowObserved");
  const auto opts = json::parse(text(m_path, "SELECT options FROM ekm_import_log ORDER BY fid DESC"));
  EXPECT_EQ(opts["entities"], 5);
  EXPECT_EQ(opts["pages"], 3);
  EXPECT_EQ(opts["query"], m_broker.url() + "/ngsi-ld/v1/entities?type=CrowdFlowObserved");
  // The settings are kept in the project for the next pull, without any token.
  const auto last = json::parse(text(m_path, "SELECT value FROM ekm_meta WHERE key = 'citylink.last_pull'"));
  EXPECT_EQ(last["broker"], m_broker.url());
  EXPECT_EQ(last["context"], "https://example.org/takanawa-context.jsonld");
  EXPECT_EQ(last["page_size"], 2);
  EXPECT_FALSE(last.contains("token"));
  // The same data again: refused as already imported, nothing added.
  const std::string e = runError(pull());
  EXPECT_NE(e.find("already imported"), std::string::npos) << e;
  EXPECT_EQ(stored(), 4 + 1);  // four segment-hours and the log row
}

TEST_F(Broker, TemporalQueryWithTenantAndPartialHours) {
  auto p = pull("district");
  p.from = "2025-04-03";  // JST midnight
  p.to = "2025-04-03T12:00";
  const auto r = run(p);
  EXPECT_EQ(r.endpoint, "temporal");
  EXPECT_EQ(r.import.entities, 2);
  const auto reqs = m_broker.requests();
  ASSERT_FALSE(reqs.empty());
  EXPECT_EQ(reqs[0]["path"], "/ngsi-ld/v1/temporal/entities");
  EXPECT_NE(reqs[0]["query"].get<std::string>().find(
                "timerel=between&timeAt=2025-04-02T15%3A00%3A00Z&endTimeAt=2025-04-03T03%3A01%3A00Z"),
            std::string::npos)
      << reqs[0]["query"];
  EXPECT_EQ(reqs[0]["headers"]["ngsild-tenant"], "district");
  // cam-01: 20-minute instances: 00Z complete (60), 01Z one third (40, partial).
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-03 00:00:00", 1, 0), 60);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-03 01:00:00", 1, 0), 40);
  EXPECT_EQ(segmentCount(m_path, "tg-west-st", "2025-04-03 00:00:00", 0, 0), 18);
  EXPECT_EQ(r.import.plan.partialHours, 1);
  const auto rec = citylink::CitylinkPullOp::record(r);
  ASSERT_NE(rec.table("partial_hours"), nullptr);
  EXPECT_EQ(rec.table("partial_hours")->rows.size(), 1u);
  EXPECT_EQ(rec.warnings.size(), 1u);
}

// The "next pull" workflow: two consecutive hourly pulls of a 20-minute device. Each pull
// stores exactly the periods inside its [from, to): the reading at 10:00 JST closes the
// 09:00 hour (first pull), the second pull leaves it out and stores the 10:00 hour.
TEST_F(Broker, ConsecutivePullsOfA20MinuteDeviceDoNotCollide) {
  auto p = pull("device20");
  p.from = "2025-04-01T09:00";
  p.to = "2025-04-01T10:00";
  const auto first = run(p);
  EXPECT_EQ(first.import.plan.partialHours, 0);
  EXPECT_EQ(first.outsideWindow, 1);  // 09:00 JST closes 08:40-09:00, before the window
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 20 + 30 + 40);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-03-31 23:00:00", 0, 0), -1);
  p.from = "2025-04-01T10:00";
  p.to = "2025-04-01T11:00";
  const auto second = run(p);
  EXPECT_EQ(second.import.plan.partialHours, 0);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 90);  // unchanged
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 01:00:00", 0, 0), 50 + 60 + 70);
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM ekm_import_log WHERE kind = 'ngsi-ld-pull'"), 2);
}

TEST_F(Broker, BearerTokenFromConfigOrEnvironment) {
  auto p = pull("auth");
  std::string e = runError(p);
  EXPECT_NE(e.find("HTTP 401"), std::string::npos) << e;
  EXPECT_NE(e.find("bearer token"), std::string::npos) << e;
  p.connection.config = m_dir.write("citylink.json", R"({"token": "secret-token"})");
  EXPECT_EQ(run(p).import.entities, 5);
  EXPECT_EQ(m_broker.requests().back()["headers"]["authorization"], "Bearer secret-token");
  // The environment wins over the file.
  setenv("EKM_NGSI_LD_TOKEN", "wrong", 1);
  p.force = true;
  e = runError(p);
  unsetenv("EKM_NGSI_LD_TOKEN");
  EXPECT_NE(e.find("HTTP 401"), std::string::npos) << e;
}

// A temporal answer cut by the broker (206 + Content-Range) is followed: the rest of the
// period is asked for from the range's end, the parts merged and stored in one transaction.
// The reference is the same window answered whole (tenant device20): 09:00 JST = 00Z holds the
// periods ending 00:20, 00:40, 01:00 (20 + 30 + 40), 10:00 JST those ending 01:20..02:00.
TEST_F(Broker, FollowsPartialTemporalAnswers) {
  auto p = pull("device20");
  p.from = "2025-04-01T09:00";
  p.to = "2025-04-01T11:00";
  const auto whole = run(p);
  EXPECT_EQ(whole.temporalParts, 0);
  const double h0 = segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0);
  const double h1 = segmentCount(m_path, "tg-deck-n", "2025-04-01 01:00:00", 0, 0);
  EXPECT_EQ(h0, 20 + 30 + 40);
  EXPECT_EQ(h1, 50 + 60 + 70);
  const std::size_t before = m_broker.requests().size();
  // 7 instances in the window; range2 sends at most 4 per answer (2 answers), range3 at most 3 (3 answers).
  for (const auto& [tenant, parts] : {std::pair<std::string, int>{"range2", 1}, {"range3", 2}}) {
    SCOPED_TRACE(tenant);
    ekm_test::TempDir dir{"range"};
    const std::string other = dir.str("p.gpkg");
    makeProject(other);
    auto q = pull(tenant);
    q.from = p.from;
    q.to = p.to;
    ops::Session s(other);
    core::Feedback fb;
    const auto r = ops::run<citylink::CitylinkPullOp>(s, q, fb);
    EXPECT_EQ(r.temporalParts, parts);
    EXPECT_EQ(r.pages, 1);
    EXPECT_EQ(r.import.plan.partialHours, 0);
    EXPECT_EQ(segmentCount(other, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), h0);
    EXPECT_EQ(segmentCount(other, "tg-deck-n", "2025-04-01 01:00:00", 0, 0), h1);
    EXPECT_EQ(scalar(other, "SELECT COUNT(*) FROM ekm_import_log WHERE kind = 'ngsi-ld-pull'"), 1);
    const auto opts = json::parse(text(other, "SELECT options FROM ekm_import_log ORDER BY fid DESC"));
    EXPECT_EQ(opts["temporal_parts"], parts);
  }
  // The re-queries start at the range's end: range2's second asks from 01:00Z.
  const auto reqs = m_broker.requests();
  ASSERT_EQ(reqs.size(), before + 2 + 3);
  EXPECT_NE(reqs[before + 1]["query"].get<std::string>().find(
                "timerel=between&timeAt=2025-04-01T01%3A00%3A00Z&endTimeAt=2025-04-01T02%3A01%3A00Z"),
            std::string::npos)
      << reqs[before + 1]["query"];
  EXPECT_EQ(reqs[before + 1]["headers"]["ngsild-tenant"], "range2");
  EXPECT_NE(reqs[before + 3]["query"].get<std::string>().find("timeAt=2025-04-01T00%3A40%3A00Z"), std::string::npos);
  EXPECT_NE(reqs[before + 4]["query"].get<std::string>().find("timeAt=2025-04-01T01%3A20%3A00Z"), std::string::npos);
}

// Partial answers whose ranges do not advance, or a Content-Range that is not date-time:
// refused, nothing stored.
TEST_F(Broker, PartialTemporalAnswersThatDoNotAdvanceAreRefused) {
  auto p = pull("range");  // always "date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/2"
  p.from = "2025-04-03";
  p.to = "2025-04-03T12:00";
  std::string e = runError(p);
  EXPECT_NE(e.find("do not advance"), std::string::npos) << e;
  EXPECT_NE(e.find("HTTP 206"), std::string::npos) << e;
  EXPECT_NE(e.find("Content-Range: date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/2"), std::string::npos) << e;
  EXPECT_EQ(m_broker.requests().size(), 2u);  // the first range advanced, the second did not
  EXPECT_EQ(stored(), 0);
  p = pull("range-bad");
  p.from = "2025-04-01T09:00";
  p.to = "2025-04-01T11:00";
  e = runError(p);
  EXPECT_NE(e.find("malformed Content-Range"), std::string::npos) << e;
  EXPECT_NE(e.find("items 0-2/7"), std::string::npos) << e;
  EXPECT_EQ(stored(), 0);
}

TEST(TemporalRange, ParsesDateTimeRanges) {
  using citylink::parseTemporalRange;
  const auto r = parseTemporalRange("date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, *ekm::io::parseNgsiDateTime("2025-04-03T00:20:00Z"));
  EXPECT_EQ(r->second - r->first, 1200);
  // Offsets with '-' and an unknown size.
  const auto o = parseTemporalRange("date-time 2025-04-02T19:20:00-05:00-2025-04-02T19:40:00-05:00/*");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->first, r->first);
  EXPECT_EQ(o->second, r->second);
  EXPECT_FALSE(parseTemporalRange("items 0-2/7"));
  EXPECT_FALSE(parseTemporalRange("date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z"));
  EXPECT_FALSE(parseTemporalRange("date-time 2025-04-03T00:20:00Z-2025-04-03T00:40:00Z/x"));
  EXPECT_FALSE(parseTemporalRange("date-time 2025-04-03T00:40:00Z-2025-04-03T00:20:00Z/2"));  // descending
  EXPECT_FALSE(parseTemporalRange("date-time yesterday-today/2"));
}

TEST(TemporalRange, MergesInstancesOfTheSameEntity) {
  json page = json::parse(R"([{"id": "a", "type": "T", "refRoadSegment": {"object": "s"},
      "peopleCount": [{"value": 1, "observedAt": "t1"}, {"value": 2, "observedAt": "t2"}],
      "speed": {"type": "Property", "values": [[5, "t1"]]}}])");
  citylink::mergeTemporalEntities(page, json::parse(R"([{"id": "a", "type": "T", "refRoadSegment": {"object": "x"},
      "peopleCount": [{"value": 2, "observedAt": "t2"}, {"value": 3, "observedAt": "t3"}],
      "speed": {"type": "Property", "values": [[5, "t1"], [6, "t2"]]}},
      {"id": "b", "type": "T"}])"));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0]["peopleCount"].size(), 3u);  // t2 once
  EXPECT_EQ(page[0]["peopleCount"][2]["value"], 3);
  EXPECT_EQ(page[0]["speed"]["values"].size(), 2u);
  EXPECT_EQ(page[0]["refRoadSegment"]["object"], "s");  // a static attribute: the first answer's
  EXPECT_EQ(page[1]["id"], "b");
}

// A pull that ends at :20 leaves the hour flagged partial in the store; the next pull from
// :20 brings the rest: the sum is added (20 + 30 + 40, as one pull of the whole hour stores
// in ConsecutivePullsOfA20MinuteDeviceDoNotCollide) and the flag cleared.
TEST_F(Broker, ALaterPullCompletesAPartialHour) {
  auto p = pull("device20");
  p.from = "2025-04-01T09:00";
  p.to = "2025-04-01T09:20";
  const auto first = run(p);
  EXPECT_EQ(first.import.plan.partialHours, 1);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 20);
  const std::string flag = "SELECT covered_s FROM partial_hours WHERE series = 'segment_counts' AND t_hour = "
                           "CAST(strftime('%s', '2025-04-01 00:00:00') AS INTEGER) / 3600";
  EXPECT_EQ(scalar(m_path, flag), 1200);
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM partial_hours"), 1);
  // Pulling an overlapping window again double counts 09:00-09:20: refused, nothing changes.
  p.to = "2025-04-01T09:40";
  p.force = true;
  std::string e = runError(p);
  EXPECT_NE(e.find("double counting"), std::string::npos) << e;
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 20);
  EXPECT_EQ(scalar(m_path, flag), 1200);
  // The rest of the hour.
  p.from = "2025-04-01T09:20";
  p.to = "2025-04-01T10:00";
  p.force = false;
  const auto second = run(p);
  EXPECT_EQ(second.import.completedHours, 1);
  EXPECT_EQ(second.import.plan.partialHours, 0);
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 20 + 30 + 40);
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM partial_hours"), 0);
  EXPECT_EQ(scalar(m_path, "SELECT COUNT(*) FROM segment_counts"), 1);  // one hour, not two rows
  const auto rec = citylink::CitylinkPullOp::record(second);
  EXPECT_EQ(rec.summary["completed_partial_hours"], 1);
  const auto* t = rec.table("partial_hours");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][5], 90);
  EXPECT_EQ(t->rows[0][6], 3600);
  EXPECT_EQ(t->rows[0][7], "completed");
  // A complete hour is a duplicate again.
  p.force = true;
  e = runError(p);
  EXPECT_NE(e.find("already holds this hour"), std::string::npos) << e;
  EXPECT_EQ(segmentCount(m_path, "tg-deck-n", "2025-04-01 00:00:00", 0, 0), 90);
}

TEST_F(Broker, RetriesATransientFailure) {
  const auto r = run(pull("flaky"));
  EXPECT_EQ(r.retries, 1);
  EXPECT_EQ(r.import.entities, 5);
}

TEST_F(Broker, ErrorsAndADroppedConnectionStoreNothing) {
  std::string e = runError(pull("broken"));
  EXPECT_NE(e.find("HTTP 400"), std::string::npos) << e;
  EXPECT_NE(e.find("type CrowdFlowObserved is unknown in this tenant"), std::string::npos) << e;
  EXPECT_EQ(m_broker.requests().size(), 1u);  // a 400 is not retried
  e = runError(pull("drop"));
  EXPECT_NE(e.find("cannot reach the broker after 3 attempts"), std::string::npos) << e;
  try {  // a dropped connection is a network error, not an I/O one
    run(pull("drop"));
  } catch (const core::Error& err) {
    EXPECT_EQ(err.code(), core::kNetworkErrorCode);
  }
  EXPECT_NE(e.find("offset=2"), std::string::npos) << e;
  EXPECT_EQ(stored(), 0);
  // Nothing listens on this port: a connection error, after the retries.
  auto p = pull();
  p.connection.broker = "http://127.0.0.1:9";
  p.connection.retries = 1;
  e = runError(p);
  EXPECT_NE(e.find("cannot reach the broker"), std::string::npos) << e;
  EXPECT_EQ(stored(), 0);
}

TEST_F(Broker, CancelLeavesTheProjectUnchanged) {
  ops::Session s(m_path);
  core::Feedback fb;
  fb.cancel();
  EXPECT_THROW(ops::run<citylink::CitylinkPullOp>(s, pull(), fb), core::CancelledError);
  EXPECT_EQ(stored(), 0);
}

TEST_F(Broker, DryRunPreviewsWithoutStoring) {
  auto p = pull();
  p.dry_run = true;
  p.preview = 2;
  const auto r = run(p);
  EXPECT_EQ(r.import.plan.matches.size(), 5u);
  EXPECT_EQ(r.previewEntities.size(), 2u);
  EXPECT_EQ(stored(), 0);
  const auto rec = citylink::CitylinkPullOp::record(r);
  EXPECT_EQ(rec.summary["stored"], false);
  ASSERT_NE(rec.table("matches"), nullptr);
  EXPECT_EQ(rec.table("matches")->rows.size(), 5u);
}

// The preview lists an entity it cannot match instead of failing; the import still refuses.
TEST_F(Broker, DryRunListsUnmatchedEntities) {
  auto p = pull();
  p.dry_run = true;
  p.match = "refRoadSegment";  // cam-03 and cam-05 have only a location; cam-04 names route15-a
  const auto r = run(p);
  ASSERT_EQ(r.import.plan.matches.size(), 5u);
  std::map<std::string, const io::NgsiEntityMatch*> byId;
  for (const auto& m : r.import.plan.matches) byId[m.entityId] = &m;
  const auto* cam3 = byId.at("urn:ngsi-ld:CrowdFlowObserved:broker-cam-03");
  EXPECT_EQ(cam3->method, "unmatched");
  EXPECT_NE(cam3->problem.find("refRoadSegment names no project segment"), std::string::npos) << cam3->problem;
  EXPECT_EQ(byId.at("urn:ngsi-ld:CrowdFlowObserved:broker-cam-01")->targetId, "tg-deck-n");
  const std::int64_t unmatched = r.import.plan.unmatched;
  EXPECT_GE(unmatched, 2);
  // No hour row comes from an unmatched entity.
  for (const auto& row : r.import.plan.rows)
    for (const auto& e : row.entities) EXPECT_NE(byId.at(e)->method, "unmatched") << e;
  const auto rec = citylink::CitylinkPullOp::record(r);
  EXPECT_EQ(rec.summary["unmatched_entities"], unmatched);
  EXPECT_EQ(stored(), 0);
  p.dry_run = false;
  EXPECT_NE(runError(p).find("refRoadSegment names no project segment"), std::string::npos);
  EXPECT_EQ(stored(), 0);
}

TEST_F(Broker, ParamsAreCheckedBeforeAnyRequest) {
  auto p = pull();
  p.from = "yesterday";
  EXPECT_THROW(run(p), core::Error);
  p.from = "2025-04-03";
  p.to = "2025-04-02";
  EXPECT_THROW(run(p), core::Error);
  EXPECT_TRUE(m_broker.requests().empty());
  EXPECT_NE(ops::Registry::global().find("citylink-pull"), nullptr);
  EXPECT_NE(ops::Registry::global().find("citylink-push"), nullptr);
}

// A forecast CSV as `ekimachi-cli forecast --format csv` writes it.
std::string forecastCsv(const ekm_test::TempDir& dir) {
  return dir.write("forecast.csv",
                   "series,model,datetime,forecast,lo80,hi80,lo95,hi95\n"
                   "tg-deck-n,regression,2025-04-10T08:00+09:00,152.4,120.0,180.2,98.5,201.0\n"
                   "tg-deck-n,regression,2025-04-10T09:00+09:00,9.6,4.0,14.0,2.0,18.0\n"
                   "tg-deck-n,regression,2025-04-10T10:00+09:00,25.2,9.9,40.0,5.0,50.0\n"
                   "takanawa-gateway,regression,2025-04-10T08:00+09:00,1200,1100,1300,1000,1400\n");
}

TEST_F(Broker, PushUpsertsForecastEntitiesWithTheSmallCountRule) {
  citylink::CitylinkPushParams p;
  p.connection.broker = m_broker.url();
  p.connection.tenant = "district";
  p.forecast_csv = forecastCsv(m_dir);
  p.batch_size = 2;
  p.out = m_dir.str("forecast.jsonld");
  ops::Session s(m_path);
  core::Feedback fb;
  const auto r = ops::run<citylink::CitylinkPushOp>(s, p, fb);
  EXPECT_EQ(r.figures, 4);
  EXPECT_EQ(r.entities, 3);
  EXPECT_EQ(r.suppressedHours, 1);   // 9.6 people at 09:00
  EXPECT_EQ(r.suppressedBounds, 2);  // 9.9 and 5.0 at 10:00
  EXPECT_EQ(r.batches, 2);
  EXPECT_EQ(r.sent, 3);
  const auto reqs = m_broker.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["method"], "POST");
  EXPECT_EQ(reqs[0]["path"], "/ngsi-ld/v1/entityOperations/upsert");
  EXPECT_EQ(reqs[0]["headers"]["content-type"], "application/ld+json");
  EXPECT_EQ(reqs[0]["headers"]["ngsild-tenant"], "district");
  const json sent = json::parse(reqs[0]["body"].get<std::string>());
  ASSERT_EQ(sent.size(), 2u);
  const json& e = sent[0];
  EXPECT_EQ(e["id"], "urn:ngsi-ld:CrowdFlowForecast:ekimachi:segment-tg-deck-n:pedestrian:20250409T23Z");
  EXPECT_EQ(e["type"], "CrowdFlowForecast");
  EXPECT_EQ(e["peopleCount"]["value"], 152);
  EXPECT_EQ(e["peopleCountLow80"]["value"], 120);
  EXPECT_EQ(e["validFrom"]["value"]["@value"], "2025-04-09T23:00:00Z");
  EXPECT_EQ(e["validTo"]["value"]["@value"], "2025-04-10T00:00:00Z");
  EXPECT_EQ(e["refRoadSegment"]["object"], "urn:ngsi-ld:RoadSegment:tg-deck-n");
  EXPECT_EQ(e["location"]["value"]["type"], "LineString");
  EXPECT_TRUE(e.contains("dateCreated"));
  EXPECT_EQ(e["dataProvider"]["value"], "Ekimachi");
  EXPECT_EQ(e["@context"][0], citylink::kSdmTransportationContext);
  // No published figure describes fewer than 10 people: every number of every entity.
  const json all = json::parse(ekm_test::readFile(p.out));
  ASSERT_EQ(all.size(), 3u);
  int figures = 0;
  for (const auto& ent : all)
    for (const auto& [k, v] : ent.items())
      if (k.rfind("peopleCount", 0) == 0) {
        ++figures;
        EXPECT_GE(v["value"].get<double>(), 10) << ent["id"] << " " << k;
      }
  EXPECT_EQ(figures, 5 + 3 + 5);  // 152 with 4 bounds; 25 with 40 and 50; the station with 4 bounds
  EXPECT_EQ(all[2]["refPointOfInterest"]["object"], "urn:ngsi-ld:Station:takanawa-gateway");
  EXPECT_EQ(all[2]["location"]["value"]["type"], "Point");
}

TEST_F(Broker, PushDryRunSendsNothingAndA207IsAnError) {
  citylink::CitylinkPushParams p;
  p.connection.broker = m_broker.url();
  p.forecast_csv = forecastCsv(m_dir);
  p.dry_run = true;
  ops::Session s(m_path);
  core::Feedback fb;
  const auto r = ops::run<citylink::CitylinkPushOp>(s, p, fb);
  EXPECT_EQ(r.sent, 0);
  EXPECT_EQ(r.sample.size(), 3u);
  EXPECT_TRUE(m_broker.requests().empty());
  p.dry_run = false;
  p.connection.tenant = "partial";
  try {
    ops::run<citylink::CitylinkPushOp>(s, p, fb);
    ADD_FAILURE();
  } catch (const core::Error& e) {
    EXPECT_NE(std::string(e.what()).find("segment-tg-deck-n:pedestrian:20250409T23Z"), std::string::npos) << e.what();
  }
  // A forecast of a feature the project does not have.
  p.connection.tenant.clear();
  p.forecast_csv = m_dir.write("x.csv", "series,model,datetime,forecast\nnowhere,naive,2025-04-10T08:00+09:00,50\n");
  EXPECT_THROW(ops::run<citylink::CitylinkPushOp>(s, p, fb), core::ValidationError);
}

TEST(RealBroker, QueryWhenConfigured) {
  const char* url = std::getenv("EKM_NGSI_LD_URL");
  if (!url || !*url) GTEST_SKIP() << "EKM_NGSI_LD_URL not set";
  citylink::BrokerSettings b;
  b.url = url;
  b.token = citylink::loadBearerToken("");
  b.pageSize = 10;
  core::Feedback fb;
  const auto r = citylink::pullEntities(b, {"CrowdFlowObserved", std::nullopt, std::nullopt, ""}, fb);
  EXPECT_GE(r.pages, 1);
  ekm::io::NgsiDocument d;
  ekm::io::readNgsiLdEntities(r.entities, r.queryUrl, d);
  EXPECT_EQ(d.entities.size(), r.entities.size());
}

}  // namespace
