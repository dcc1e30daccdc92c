// citylink-push with an eco-behaviour feed (energy-feed's JSON): one EcoBehaviourFeed
// entity, suppressed figures left out (also when a hand-edited feed carries a figure next to
// a count under 10), a file that is not a feed refused naming the field.
#include <gtest/gtest.h>

#include <fstream>

#include "ekm/core/error.h"
#include "ekm/energy/eco_feed.h"
#include "ekm/ops/registry.h"
#include "ekm/store/project.h"
#include "support/temp_dir.h"

namespace {

using ekm::ops::Json;

Json feedJson() {
  ekm::energy::EcoInputs in;
  in.title = "test";
  in.from = "2026-04-07T00:00+09:00";
  in.to = "2026-04-11T23:00+09:00";
  in.walk = {true, "hand", 7, 3.5};  // under 10: suppressed
  in.bus = {true, "hand", 200, 600};
  in.energy = {{"cooling", 900, 300, 10}, {"electricity", 5000, 2500, 100}};
  return ekm::energy::ecoFeedJson(ekm::energy::buildEcoFeed(in, {}, "2026-04-12T00:00:00Z"));
}

class EcoFeedPush : public ::testing::Test {
 protected:
  void SetUp() override {
    m_project = m_dir.str("p.gpkg");
    ekm::store::Project::create(m_project);
  }
  Json push(const Json& feed) {
    m_dir.write("feed.json", feed.dump());
    ekm::ops::Session session(m_project);
    session.setBaseDir(m_dir.path().string());
    ekm::core::Feedback fb;
    const Json r = ekm::ops::toJson(ekm::ops::Registry::global().at("citylink-push").run(
        session, {{"eco_feed", "feed.json"}, {"out", "eco.jsonld"}}, fb));
    std::ifstream f(m_dir.str("eco.jsonld"));
    m_entities = Json::parse(f);
    return r;
  }
  ekm_test::TempDir m_dir{"eco_push"};
  std::string m_project;
  Json m_entities;
};

TEST_F(EcoFeedPush, PublishesOneEntityWithoutSuppressedFigures) {
  const Json r = push(feedJson());
  EXPECT_EQ(r["summary"]["entities"], 1);
  EXPECT_EQ(r["summary"]["eco_feed_entities"], 1);
  EXPECT_EQ(r["summary"]["eco_feed_figures_omitted"], 1);  // walking
  ASSERT_EQ(m_entities.size(), 1u);
  const Json& e = m_entities[0];
  EXPECT_EQ(e["id"], "urn:ngsi-ld:EcoBehaviourFeed:ekimachi:20260407-20260411");
  EXPECT_EQ(e["type"], "EcoBehaviourFeed");
  EXPECT_FALSE(e.contains("co2AvoidedWalking"));
  EXPECT_DOUBLE_EQ(e["co2AvoidedBus"]["value"].get<double>(), 5.1);  // 600 pkm x car share 0.116 x (130 - 57) g
  EXPECT_EQ(e["co2AvoidedBus"]["unitCode"], "KGM");
  EXPECT_DOUBLE_EQ(e["co2AvoidedTotal"]["value"].get<double>(), 5.1);
  EXPECT_DOUBLE_EQ(e["energyPerVisitorHour"]["value"].get<double>(), 2.0);
  EXPECT_EQ(e["energyPerVisitorHour"]["meter"], "electricity");
  EXPECT_EQ(e["validFrom"]["value"]["@value"], "2026-04-06T15:00:00Z");
  EXPECT_EQ(e["validTo"]["value"]["@value"], "2026-04-11T15:00:00Z");
  EXPECT_EQ(e["emissionFactors"]["value"]["car_g_per_pkm"], 130.0);
  EXPECT_EQ(e["emissionFactors"]["value"]["car_share"], 0.116);
}

TEST_F(EcoFeedPush, AHandEditedFigureNextToASmallCountIsNotPublished) {
  Json feed = feedJson();
  for (auto& row : feed["co2_avoided"])
    if (row["mode"] == "walk") row["co2_avoided_kg"] = 0.5;  // people is null (7)
  push(feed);
  EXPECT_FALSE(m_entities[0].contains("co2AvoidedWalking"));
  for (auto& row : feed["co2_avoided"])
    if (row["mode"] == "bus") row["people"] = 5;
  push(feed);
  EXPECT_FALSE(m_entities[0].contains("co2AvoidedBus"));
}

TEST_F(EcoFeedPush, NotAFeedIsRefusedNamingTheField) {
  try {
    push(Json{{"schema", "something-else"}});
    FAIL();
  } catch (const ekm::core::Error& e) {
    EXPECT_EQ(e.context().field, "schema");
    EXPECT_NE(e.context().file.find("feed.json"), std::string::npos);
  }
}

}  // namespace
