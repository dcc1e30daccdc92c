// The eco-behaviour feed (energy-feed): its figures against hand computation, the
// small-count rule on every exported figure (JSON, HTML, the operation's tables), and the
// operation end to end on a small hand-made project (segments and counts, mesh population,
// a DHC building with a meter, bus ridership on the jp_small GTFS feed) and through the CLI.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "ekm/core/feedback.h"
#include "ekm/energy/eco_feed.h"
#include "ekm/energy/feed_op.h"
#include "ekm/io/gtfs_import.h"
#include "ekm/io/importers.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/mobility/ridership_ops.h"
#include "ekm/ops/registry.h"
#include "ekm/privacy/small_count.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace ekm::energy {
namespace {

using ops::Json;

// Every figure of a JSON table obeys the rule (keys first, as the feed writes them).
void expectJsonObeysRule(const Json& rows, int keyColumns, const std::string& what) {
  ops::ResultTable t;
  for (const auto& row : rows) {
    if (t.columns.empty())
      for (const auto& [k, v] : row.items()) t.columns.push_back(k);
    std::vector<Json> r;
    for (const auto& c : t.columns) r.push_back(row[c]);
    t.rows.push_back(r);
  }
  t.keyColumns = keyColumns;
  EXPECT_TRUE(privacy::obeysRule(t)) << what << ": " << rows.dump();
  for (const auto& row : rows)
    for (const auto& [k, v] : row.items()) {
      if (privacy::columnRole(k) == privacy::ColumnRole::People && v.is_number()) {
        EXPECT_GE(v.get<double>(), privacy::kMinimumCount) << what << "." << k;
      }
    }
}

void expectFeedJsonObeysRule(const Json& j) {
  expectJsonObeysRule(j["co2_avoided"], 2, "co2_avoided");
  expectJsonObeysRule(j["energy_per_visitor"], 1, "energy_per_visitor");
  expectJsonObeysRule(j["crowding"], 1, "crowding");
  expectJsonObeysRule(j["plant_hours"], 1, "plant_hours");
}

// The figures of the signage page, by table and row: column -> text.
using HtmlRows = std::map<std::pair<std::string, int>, std::map<std::string, std::string>>;
HtmlRows htmlFigures(const std::string& html) {
  HtmlRows out;
  const std::regex fig("data-table=\"([a-z_0-9]+)\" data-row=\"([0-9]+)\" data-col=\"([a-z_0-9]+)\">([^<]*)<");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), fig); it != std::sregex_iterator(); ++it) {
    std::string text = (*it)[4].str();
    std::erase(text, ',');  // thousands separators
    out[{(*it)[1].str(), std::stoi((*it)[2].str())}][(*it)[3].str()] = text;
  }
  return out;
}

// No figure on the page breaks the rule: each row of figures, read back as numbers or the
// marker, passes obeysRule, and every count shown is >= 10.
void expectHtmlObeysRule(const std::string& html) {
  const HtmlRows rows = htmlFigures(html);
  ASSERT_FALSE(rows.empty());
  for (const auto& [key, cols] : rows) {
    ops::ResultTable t;
    t.keyColumns = 0;
    std::vector<Json> r;
    for (const auto& [c, text] : cols) {
      t.columns.push_back(c);
      r.push_back(text == privacy::kSuppressedMarker ? Json(text) : Json(std::stod(text)));
      if (privacy::columnRole(c) == privacy::ColumnRole::People && text != privacy::kSuppressedMarker) {
        EXPECT_GE(std::stod(text), privacy::kMinimumCount) << key.first << "[" << key.second << "]." << c;
      }
    }
    t.rows.push_back(r);
    EXPECT_TRUE(privacy::obeysRule(t)) << key.first << "[" << key.second << "]";
  }
  EXPECT_EQ(html.find("http://"), std::string::npos);  // self-contained: no external resources
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

EcoInputs handInputs() {
  EcoInputs in;
  in.title = "test";
  in.walk = {true, "hand", 1000, 250};  // 1000 counted, 250 person-km
  in.bus = {true, "hand", 200, 600};
  in.energy = {{"electricity", 5000, 2500, 100}, {"cooling", 900, 8, 1}};  // 8 person-hours: suppressed
  in.crowding.present = true;
  for (int h = 0; h < 24; ++h) {
    // Weekdays: 2 days of 400 people, but 50 at 13 h, 60 at 16 h, 70 at 11 h, 4 at night.
    const double w = h < 6 ? 4 : h == 13 ? 50 : h == 16 ? 60 : h == 11 ? 70 : 400;
    in.crowding.sum[0][static_cast<std::size_t>(h)] = 2 * w;
    in.crowding.days[0][static_cast<std::size_t>(h)] = 2;
    const double s = h == 18 ? 20 : h == 19 ? 30 : h == 10 ? 40 : 300;
    in.crowding.sum[1][static_cast<std::size_t>(h)] = s;
    in.crowding.days[1][static_cast<std::size_t>(h)] = 1;
  }
  in.plant.present = true;
  in.plant.source = "hand";
  for (std::size_t h = 0; h < 24; ++h) {
    in.plant.deliveredKwh[h] = 1000;
    in.plant.electricityKwh[h] = h < 8 ? 300 : 200;  // night: charging the tank
    in.plant.co2Kg[h] = in.plant.electricityKwh[h] * 0.45;
  }
  in.plant.electricityKwh[14] = 100, in.plant.co2Kg[14] = 45;  // cleanest
  in.plant.deliveredKwh[20] = 0;                                // no heat: not a candidate
  return in;
}

const Json* rowOf(const Json& rows, const std::string& key, const std::string& value) {
  for (const auto& r : rows)
    if (r[key] == value) return &r;
  return nullptr;
}

TEST(EcoFeed, FiguresMatchHandComputation) {
  const EcoFeed feed = buildEcoFeed(handInputs(), EcoFactors{}, "2026-01-01T00:00:00Z");
  const Json j = ecoFeedJson(feed);
  EXPECT_EQ(j["schema"], "ekimachi-eco-feed");
  EXPECT_EQ(j["version"], 1);
  const Json* walk = rowOf(j["co2_avoided"], "mode", "walk");
  const Json* bus = rowOf(j["co2_avoided"], "mode", "bus");
  ASSERT_TRUE(walk && bus);
  EXPECT_EQ((*walk)["people"], 1000);
  // Only the car share of the trips would otherwise have gone by car.
  EXPECT_DOUBLE_EQ(j["factors"]["car_share"].get<double>(), 0.116);
  EXPECT_DOUBLE_EQ((*walk)["co2_avoided_kg"].get<double>(), 3.8);  // 250 pkm x 0.116 x 130 g = 3.77 kg
  EXPECT_DOUBLE_EQ((*bus)["co2_avoided_kg"].get<double>(), 5.1);   // 600 pkm x 0.116 x (130 - 57) g = 5.08 kg
  EXPECT_DOUBLE_EQ(j["co2_avoided_total_kg"].get<double>(), 8.9);
  const Json* elec = rowOf(j["energy_per_visitor"], "meter", "electricity");
  ASSERT_TRUE(elec);
  EXPECT_DOUBLE_EQ((*elec)["kwh_per_person_hour"].get<double>(), 2.0);
  // Quiet hours within 10-20 h, quietest first.
  EXPECT_EQ(j["recommendations"]["quiet_hours"]["weekday"], Json::parse("[13, 16, 11]"));
  EXPECT_EQ(j["recommendations"]["quiet_hours"]["holiday"], Json::parse("[18, 19, 10]"));
  // 14 h: 45 kg / 1000 kWh = 45 g/kWh; then the day hours at 90 g/kWh (8, 9 first); 20 h has no heat.
  EXPECT_EQ(j["recommendations"]["clean_hours"], Json::parse("[14, 8, 9]"));
  EXPECT_DOUBLE_EQ(j["plant_hours"][14]["co2_g_per_kwh"].get<double>(), 45.0);
  EXPECT_TRUE(j["plant_hours"][20]["co2_g_per_kwh"].is_null());
  // Crowding share = hour / the day type's peak.
  const Json& c13 = j["crowding"][13];
  EXPECT_EQ(c13["hour"], 13);
  EXPECT_DOUBLE_EQ(c13["crowding_share"].get<double>(), 0.125);  // 50 / 400
}

// A plan's day of 1000 kWh delivered every hour at 0.45 kg-CO2/kWh: at night (0-7 h) 300 kWh
// of electricity and 250 kWh a hour into the tank (stored at `efficiency`); at 13-15 h 100 kWh
// and the tank emptied in three equal draws, delivering `efficiency` of what it draws; other
// hours 200 kWh. `totalKg` gets the day's CO2 by the hours' electricity.
ops::OpResult tankDay(double efficiency, double& totalKg) {
  ops::ResultTable hours{"hours", {"hour", "cooling_kwh", "heating_kwh", "co2_kg_per_kwh", "plan_electricity_kwh"}};
  ops::ResultTable storage{"storage", {"hour", "storage", "charge_kwh", "discharge_kwh", "level_kwh"}};
  double level = 0;
  totalKg = 0;
  for (int h = 0; h < 24; ++h) {
    char iso[32];
    std::snprintf(iso, sizeof iso, "2025-08-01T%02d:00+09:00", h);
    const bool night = h < 8, peak = h >= 13 && h < 16;
    const double e = night ? 300 : peak ? 100 : 200;
    const double charge = night ? 250 : 0;
    const double drawn = peak ? 8 * 250 * efficiency / 3 : 0;  // out of the tank's content
    level += efficiency * charge - drawn;
    hours.rows.push_back({iso, 1000.0, 0.0, 0.45, e});
    storage.rows.push_back({iso, "TES", charge, efficiency * drawn, std::max(0.0, level)});
    totalKg += 0.45 * e;
  }
  ops::OpResult plan;
  plan.tables = {hours, storage};
  return plan;
}

TEST(EcoFeed, TankDischargeCarriesTheCo2OfItsChargingHours) {
  // A lossless tank (tankDay(1)): at 13-15 h it gives 2000/3 kWh a hour. Counted by the hour's
  // electricity alone, 13-15 h look cleanest (45 g/kWh). Traced:
  //   night: (135 kg - 250 kWh x 0.108 kg/kWh) / 1000 kWh = 108 g/kWh;
  //   13-15 h: (45 kg + 666.7 kWh x 0.108 kg/kWh) / 1000 kWh = 117 g/kWh;
  //   other hours: 90 g/kWh, the cleanest; and the day's CO2 is conserved (tank empty again).
  double total = 0;
  const EcoPlantHours p = ecoPlantHours(tankDay(1.0, total), "hand");
  ASSERT_TRUE(p.present);
  EXPECT_NEAR(p.co2Kg[2], 108.0, 1e-9);
  EXPECT_NEAR(p.co2Kg[14], 117.0, 1e-9);
  EXPECT_NEAR(p.co2Kg[10], 90.0, 1e-9);
  double sum = 0;
  for (double v : p.co2Kg) sum += v;
  EXPECT_NEAR(sum, total, 1e-9);
  EcoInputs in = handInputs();
  in.plant = p;
  const Json j = ecoFeedJson(buildEcoFeed(in, EcoFactors{}, "2026-01-01T00:00:00Z"));
  for (const auto& h : j["recommendations"]["clean_hours"]) EXPECT_TRUE(h.get<int>() < 13 || h.get<int>() > 15) << h;
  EXPECT_DOUBLE_EQ(j["plant_hours"][14]["co2_g_per_kwh"].get<double>(), 117.0);
}

TEST(EcoFeed, TankLossesRideOnTheHeatItDelivers) {
  // The same day with a lossy tank (95 % in, 95 % out) emptied by 16 h: the levels say what the
  // tank holds, the CO2 of the heat it lost falls on its discharge hours, and the day's CO2 adds
  // up exactly (nothing stays in the tank).
  double total = 0;
  const EcoPlantHours p = ecoPlantHours(tankDay(0.95, total), "hand");
  double sum = 0;
  for (double v : p.co2Kg) sum += v;
  EXPECT_NEAR(sum, total, 1e-6);
  EXPECT_NEAR(p.co2Kg[2], 108.0, 1e-9);  // charging hours as before
  // All of the night's 8 x 27 kg leave with the three discharges, though they deliver 5 % less
  // heat than went in: 45 kg made in the hour + 72 kg from the tank.
  EXPECT_NEAR(p.co2Kg[14], 117.0, 1e-9);
}

TEST(EcoFeed, SmallCountsAreSuppressedInJsonAndHtml) {
  EcoInputs in = handInputs();
  in.walk = {true, "hand", 7, 3.5};  // 7 pedestrians: the row goes
  const EcoFeed feed = buildEcoFeed(in, EcoFactors{}, "2026-01-01T00:00:00Z");
  const Json j = ecoFeedJson(feed);
  const Json* walk = rowOf(j["co2_avoided"], "mode", "walk");
  ASSERT_TRUE(walk);
  EXPECT_TRUE((*walk)["people"].is_null());
  EXPECT_TRUE((*walk)["person_km"].is_null());
  EXPECT_TRUE((*walk)["co2_avoided_kg"].is_null());
  EXPECT_DOUBLE_EQ(j["co2_avoided_total_kg"].get<double>(), 5.1);  // shown rows only
  const Json* cool = rowOf(j["energy_per_visitor"], "meter", "cooling");
  ASSERT_TRUE(cool);
  EXPECT_TRUE((*cool)["person_hours"].is_null());
  EXPECT_TRUE((*cool)["kwh_per_person_hour"].is_null());
  EXPECT_EQ((*cool)["energy_kwh"], 900);  // energy is not about people
  for (int h = 0; h < 6; ++h) {
    EXPECT_TRUE(j["crowding"][h]["people"].is_null()) << h;
    EXPECT_TRUE(j["crowding"][h]["crowding_share"].is_null()) << h;
  }
  // 3 (walk) + 2 (cooling) + 6 x 2 (night hours) values suppressed.
  EXPECT_EQ(j["small_count_rule"]["suppressed_values"], 17);
  expectFeedJsonObeysRule(j);

  const std::string html = ecoFeedHtml(feed);
  expectHtmlObeysRule(html);
  const HtmlRows figs = htmlFigures(html);
  EXPECT_EQ((figs.at({"co2_avoided", 0}).at("people")), "*");
  EXPECT_EQ((figs.at({"co2_avoided", 0}).at("co2_avoided_kg")), "*");
  EXPECT_EQ((figs.at({"headline", 0}).at("co2_avoided_kg")), "5");
  EXPECT_EQ((figs.at({"crowding", 0}).at("people")), "*");
  EXPECT_NE(html.find("地域冷暖房"), std::string::npos);
  EXPECT_NE(html.find("Visit when it is less crowded"), std::string::npos);
  EXPECT_NE(html.find("data-col=\"person_hours\">2,500<"), std::string::npos);  // thousands separators
  // A check that can fail: an unsuppressed small count is caught.
  std::string leaked = html;
  leaked.replace(leaked.find("data-col=\"people\">*<"), 20, "data-col=\"people\">7<");
  ::testing::TestPartResultArray failures;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    expectHtmlObeysRule(leaked);
  }
  EXPECT_GE(failures.size(), 1);
}

// A small project: 2 road segments with counts, a DHC building in one 1/8 mesh cell with an
// hourly population, one electricity meter, and bus ridership on jp_small (T1 by stop with
// alightings on 2026-04-07, route R2 by day on 2026-04-08).
class EnergyFeedOpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_project = m_dir.str("p.gpkg");
    auto p = store::Project::create(m_project);
    core::Feedback fb;
    io::importGtfs(p, (fs::path(EKM_TEST_DATA_DIR) / "gtfs" / "jp_small").string(), {}, fb);
    m_dir.write("segments.geojson",
                R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"segment_id":"s1"},"geometry":{"type":"LineString","coordinates":[[139.7400,35.6350],[139.7410,35.6350]]}},
{"type":"Feature","properties":{"segment_id":"s2"},"geometry":{"type":"LineString","coordinates":[[139.7410,35.6350],[139.7410,35.6360]]}}]})");
    m_dir.write("counts.csv",
                "segment_id,timestamp,direction,mode,count\n"
                "s1,2026-04-07T08:00,forward,pedestrian,100\ns1,2026-04-07T09:00,backward,pedestrian,100\n"
                "s1,2026-04-07T08:00,forward,vehicle,1000\ns2,2026-04-08T10:00,forward,pedestrian,3\n"
                "s1,2026-04-11T12:00,forward,pedestrian,7\n");
    const mesh::MeshCell cell = mesh::decode(mesh::encode(35.6355, 139.7405, mesh::MeshLevel::Eighth));
    m_cell = cell.code;
    std::ostringstream pop;
    pop << "mesh_code,date,hour,population\n";
    for (const char* day : {"2026-04-07", "2026-04-08", "2026-04-11"})
      for (int h = 0; h < 24; ++h) pop << m_cell << "," << day << "," << h << "," << population(day, h) << "\n";
    m_dir.write("mesh.csv", pop.str());
    for (auto [k, f] : {std::pair{io::ImportKind::Segments, "segments.geojson"},
                        {io::ImportKind::SegmentCounts, "counts.csv"},
                        {io::ImportKind::MeshPopulation, "mesh.csv"}})
      io::importFile(p, k, m_dir.str(f), {}, fb);

    store::EnergyBatch batch;
    Building b;
    b.buildingId = "B1";
    const double lat = cell.centerLat(), lon = cell.centerLon(), d = 0.0001;
    b.outerRingLonLat = {{lon - d, lat - d}, {lon + d, lat - d}, {lon + d, lat + d}, {lon - d, lat + d}, {lon - d, lat - d}};
    b.floor.office_m2 = 10000;
    batch.buildings.push_back(b);
    MeterSeries m;
    m.owner = "B1";
    m.kind = MeterKind::Electricity;
    m.series.start = core::hourKeyFromJst(std::chrono::year{2026} / 4 / 7, 0);
    m.series.values.assign(5 * 24, 100.0);  // 100 kWh every hour, 04-07 .. 04-11
    m.series.unit = "kWh";
    batch.meters.push_back(m);
    batch.source = "test";
    store::writeEnergyBatch(p, batch);
    p.refreshContents();
  }

  // Weekdays: 500 in the day but 50 at 13 h, 60 at 16 h and 70 at 11 h; 5 at night (a small
  // count). Saturday: 300, 20 at 18 h, 30 at 19 h, 40 at 10 h, 5 at night.
  static double population(const std::string& day, int h) {
    if (h < 6) return 5;
    if (day == "2026-04-11") return h == 18 ? 20 : h == 19 ? 30 : h == 10 ? 40 : 300;
    return h == 13 ? 50 : h == 16 ? 60 : h == 11 ? 70 : 500;
  }

  void importRidership(const std::string& name, const std::string& body) {
    m_dir.write(name, body);
    ops::Session session(m_project);
    core::Feedback fb;
    mobility::RidershipImportParams p;
    p.file = m_dir.str(name);
    ops::run<mobility::RidershipImportOp>(session, p, fb);
  }

  Json runFeed(const Json& params) {
    ops::Session session(m_project);
    session.setBaseDir(m_dir.path().string());
    core::Feedback fb;
    return ops::toJson(ops::Registry::global().at("energy-feed").run(session, params, fb));
  }

  static double haversineKm(double lon1, double lat1, double lon2, double lat2) {
    const double r = 6371.0088, rad = 3.14159265358979323846 / 180;
    const double a = std::pow(std::sin((lat2 - lat1) * rad / 2), 2) +
                     std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::pow(std::sin((lon2 - lon1) * rad / 2), 2);
    return 2 * r * std::asin(std::sqrt(a));
  }

  ekm_test::TempDir m_dir{"eco_feed_op"};
  std::string m_project, m_cell;
};

TEST_F(EnergyFeedOpTest, FiguresOfAProjectMatchHandComputation) {
  importRidership("stop_trip.csv",
                  "date,trip_id,stop_id,boardings,alightings\n"
                  "2026-04-07,T1,S4,12,0\n2026-04-07,T1,S1,20,5\n2026-04-07,T1,S2,3,10\n2026-04-07,T1,S3,0,20\n");
  importRidership("route_day.csv", "date,route_id,boardings\n2026-04-08,R2,40\n");
  const Json r = runFeed({{"from", "2026-04-07"}, {"to", "2026-04-11"}, {"out", "feed.json"}, {"html", "feed.html"}});
  ASSERT_EQ(r["outputs"].size(), 2u);
  std::ifstream jf(m_dir.str("feed.json"));
  const Json j = Json::parse(jf);
  EXPECT_EQ(j["period"]["from"], "2026-04-07T00:00+09:00");
  EXPECT_EQ(j["period"]["hours"], 5 * 24);

  // Walking: 207 pedestrians on s1 and 3 on s2 (the 1000 vehicles do not count).
  double len1 = 0, len2 = 0;
  for (const auto& s : store::Project::open(m_project, store::OpenMode::ReadOnly).segments())
    (s.segmentId == "s1" ? len1 : len2) = s.lengthM;
  EXPECT_NEAR(len1, 1000 * haversineKm(139.7400, 35.6350, 139.7410, 35.6350), 0.5);
  const Json* walk = rowOf(j["co2_avoided"], "mode", "walk");
  ASSERT_TRUE(walk);
  EXPECT_EQ((*walk)["people"], 210);
  const double walkPkm = (207 * len1 + 3 * len2) / 1000;
  EXPECT_NEAR((*walk)["person_km"].get<double>(), walkPkm, 0.05);
  EXPECT_NEAR((*walk)["co2_avoided_kg"].get<double>(), walkPkm * 0.116 * 0.130, 0.05);

  // Bus: T1 runs S4 -> S1 -> S2 -> S3 with 12, 27 and 20 on board; R2's 40 boardings ride
  // the assumed 2 km.
  const auto stop = [](const char* id) -> std::pair<double, double> {
    if (std::string(id) == "S1") return {139.74100, 35.63520};
    if (std::string(id) == "S2") return {139.74000, 35.63850};
    if (std::string(id) == "S3") return {139.73600, 35.64200};
    return {139.74200, 35.62800};  // S4
  };
  const auto km = [&](const char* a, const char* b) {
    return haversineKm(stop(a).first, stop(a).second, stop(b).first, stop(b).second);
  };
  const double busPkm = 12 * km("S4", "S1") + 27 * km("S1", "S2") + 20 * km("S2", "S3") + 40 * 2.0;
  const Json* bus = rowOf(j["co2_avoided"], "mode", "bus");
  ASSERT_TRUE(bus);
  EXPECT_EQ((*bus)["people"], 75);
  EXPECT_NEAR((*bus)["person_km"].get<double>(), busPkm, busPkm * 0.005);
  EXPECT_NEAR((*bus)["co2_avoided_kg"].get<double>(), busPkm * 0.116 * 0.073, 0.1 + busPkm * 0.116 * 0.073 * 0.005);

  // Energy per visitor-hour: 100 kWh in each hour with a population (3 days).
  double personHours = 0;
  for (const char* day : {"2026-04-07", "2026-04-08", "2026-04-11"})
    for (int h = 0; h < 24; ++h) personHours += population(day, h);
  const Json* elec = rowOf(j["energy_per_visitor"], "meter", "electricity");
  ASSERT_TRUE(elec);
  EXPECT_EQ((*elec)["person_hours"], personHours);
  EXPECT_EQ((*elec)["energy_kwh"], 72 * 100);
  EXPECT_NEAR((*elec)["kwh_per_person_hour"].get<double>(), 7200 / personHours, 0.0005);

  EXPECT_EQ(j["recommendations"]["quiet_hours"]["weekday"], Json::parse("[13, 16, 11]"));
  EXPECT_EQ(j["recommendations"]["quiet_hours"]["holiday"], Json::parse("[18, 19, 10]"));
  EXPECT_TRUE(j["plant_hours"].empty());  // no plan given: noted
  // The night's 5 people are suppressed everywhere they are exported.
  expectFeedJsonObeysRule(j);
  std::ifstream hf(m_dir.str("feed.html"));
  const std::string html((std::istreambuf_iterator<char>(hf)), std::istreambuf_iterator<char>());
  expectHtmlObeysRule(html);
  for (const auto& t : r["tables"]) EXPECT_TRUE(privacy::obeysRule(ops::resultTableFromJson(t))) << t["name"];
  EXPECT_TRUE(j["crowding"][0]["people"].is_null());
}

TEST_F(EnergyFeedOpTest, ASaturdayWithSevenPedestriansShowsNoWalkingFigure) {
  runFeed({{"from", "2026-04-11"}, {"to", "2026-04-11"}, {"out", "sat.json"}, {"html", "sat.html"}});
  std::ifstream jf(m_dir.str("sat.json"));
  const Json j = Json::parse(jf);
  const Json* walk = rowOf(j["co2_avoided"], "mode", "walk");
  ASSERT_TRUE(walk);
  EXPECT_TRUE((*walk)["people"].is_null());
  EXPECT_TRUE((*walk)["co2_avoided_kg"].is_null());
  EXPECT_TRUE(j["co2_avoided_total_kg"].is_null());
  EXPECT_EQ(rowOf(j["co2_avoided"], "mode", "bus"), nullptr);  // no ridership that day
  expectFeedJsonObeysRule(j);
  std::ifstream hf(m_dir.str("sat.html"));
  const std::string html((std::istreambuf_iterator<char>(hf)), std::istreambuf_iterator<char>());
  expectHtmlObeysRule(html);
  EXPECT_EQ(htmlFigures(html).at({"headline", 0}).at("co2_avoided_kg"), "*");
}

TEST_F(EnergyFeedOpTest, BadParamsNameTheirField) {
  const auto fieldOf = [&](const Json& params) {
    try {
      runFeed(params);
    } catch (const core::Error& e) {
      return e.context().field;
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(fieldOf({{"from", "2026-04-11"}, {"to", "2026-04-07"}, {"out", "x.json"}}), "to");
  EXPECT_EQ(fieldOf({{"from", "2026-13-01"}, {"out", "x.json"}}), "from");
  EXPECT_EQ(fieldOf({{"out", "x.json"}, {"open_from", 18}, {"open_to", 9}}), "open_to");
  EXPECT_EQ(fieldOf({{"out", "x.json"}, {"plan_run", "nonesuch"}}), "plan_run");
  EXPECT_EQ(fieldOf({{"from", "2026-04-07"}}), "out");
}

TEST_F(EnergyFeedOpTest, CliEnergyFeedWritesBothFiles) {
  const auto run = ekm_test::cli("energy feed --project " + ekm_test::quote(m_project) + " --from 2026-04-07 --to 2026-04-08 --out " +
                                 ekm_test::quote(m_dir.str("cli.json")) + " --html " + ekm_test::quote(m_dir.str("cli.html")));
  ASSERT_EQ(run.exitCode, 0) << run.out;
  EXPECT_TRUE(fs::exists(m_dir.str("cli.json")));
  EXPECT_TRUE(fs::exists(m_dir.str("cli.html")));
  EXPECT_NE(run.out.find("co2_avoided_total_kg"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace ekm::energy
