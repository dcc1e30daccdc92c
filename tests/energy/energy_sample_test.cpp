// The sample district's energy part: four buildings, a JMA weather year, synthetic meters
// driven by the weather and the people flow of the buildings' cells; deterministic.
#include <gtest/gtest.h>

#include <cmath>

#include "ekm/core/calendar.h"
#include "ekm/energy/building_cells.h"
#include "ekm/sample/energy_district.h"
#include "ekm/sample/sample_op.h"
#include "ekm/store/energy_store.h"
#include "support/temp_dir.h"

using namespace ekm;

namespace {

sample::SampleResult makeSample(const std::string& dir, bool project) {
  ops::Session session;
  sample::SampleParams p;
  p.out = dir;
  p.from = "2025-03-20";
  p.to = "2025-04-12";
  p.radius = 1200;
  p.reference = std::string(EKM_TEST_DATA_DIR) + "/../../data/samples/reference";
  p.no_project = !project;
  core::Feedback fb;
  return ops::run<sample::SampleOp>(session, p, fb);
}

double mean(const energy::HourlySeries& s, core::HourKey from, core::HourKey to, bool (*keep)(core::HourKey)) {
  double sum = 0, n = 0;
  for (core::HourKey t = from; t < to; ++t)
    if (keep(t) && !std::isnan(s.at(t))) {
      sum += s.at(t);
      n += 1;
    }
  return n > 0 ? sum / n : NAN;
}

}  // namespace

TEST(EnergySample, BuildingsCoverTheirMeshCells) {
  const auto buildings = sample::sampleDhcBuildings();
  ASSERT_EQ(buildings.size(), 4u);
  double total = 0;
  for (const auto& b : buildings) {
    total += b.floor.total();
    const auto cells = energy::buildingCells(b);
    ASSERT_FALSE(cells.empty()) << b.buildingId;
    double footprint = 0;  // sum of shares x cell area ~ footprint area (checked against length x width)
    for (const auto& c : cells) {
      const auto cell = mesh::decode(c.meshCode);
      const double cellM2 = (cell.north - cell.south) * 111000 * (cell.east - cell.west) * 111000 * std::cos(35.64 * M_PI / 180);
      footprint += c.share * cellM2;
    }
    EXPECT_GT(footprint, 0.8 * 6300) << b.buildingId;  // the smallest: 90 m x 70 m
  }
  EXPECT_NEAR(total, 845000, 1);  // the district's reported total floor area
  EXPECT_DOUBLE_EQ(buildings[3].floor.total(), 460177);  // THE LINKPILLAR 1, reported
}

TEST(EnergySample, MetersFollowWeatherAndPeopleFlowAndAreDeterministic) {
  ekm_test::TempDir a("energy_sample_a"), b("energy_sample_b");
  const auto r = makeSample(a.path().string(), true);
  makeSample(b.path().string(), false);
  for (const char* f : {"energy_buildings.geojson", "energy_weather_jma_daily.csv", "energy_meters.csv.gz"})
    EXPECT_EQ(ekm_test::readFile(a / f), ekm_test::readFile(b / f)) << f;
  auto project = store::Project::open(r.projectPath, store::OpenMode::ReadOnly);
  ASSERT_EQ(store::readBuildings(project).size(), 4u);
  const core::HourKey y0 = core::hourKeyFromJst(std::chrono::year{2025} / 1 / 1, 0);
  const core::HourKey y1 = core::hourKeyFromJst(std::chrono::year{2026} / 1 / 1, 0);
  const auto w = store::readWeather(project, "tokyo", y0, y1);
  ASSERT_TRUE(w);
  // The real JMA 2022 year, re-dated: August hot, January cold.
  auto month = [&](unsigned m) {
    const auto from = core::hourKeyFromJst(std::chrono::year{2025} / m / 1, 0);
    return std::pair{from, core::hourKeyFromJst(std::chrono::year{2025} / m / 28, 0)};
  };
  const auto [aug0, aug1] = month(8);
  const auto [jan0, jan1] = month(1);
  const auto [apr0, apr1] = month(4);
  const auto [dec0, dec1] = month(12);
  auto all = [](core::HourKey) { return true; };
  EXPECT_GT(mean(w->dryBulbC, aug0, aug1, all), 25);
  EXPECT_LT(mean(w->dryBulbC, jan0, jan1, all), 8);
  const auto opening = core::hourKeyFromJst(std::chrono::year{2025} / 3 / 27, 0);
  const auto cool = store::readMeter(project, "TGW-4", energy::MeterKind::Cooling, opening - 24, y1);
  const auto heat = store::readMeter(project, "TGW-4", energy::MeterKind::Heating, opening - 24, y1);
  const auto elec = store::readMeter(project, "TGW-4", energy::MeterKind::Electricity, opening - 24, y1);
  ASSERT_TRUE(cool && heat && elec);
  EXPECT_TRUE(std::isnan(cool->at(opening - 1)));  // no meters before the opening
  EXPECT_GT(mean(*cool, aug0, aug1, all), 1.8 * mean(*cool, apr0, apr1, all));  // April still has internal gains
  EXPECT_GT(mean(*heat, dec0, dec1, all), 3 * mean(*heat, aug0, aug1, all));
  // Occupancy: weekday office hours draw more electricity than Sunday/holiday ones.
  auto weekdayNoon = [](core::HourKey t) {
    const auto j = core::jstFromHourKey(t);
    return j.hour == 12 && core::dayType(j.date) == core::DayType::Weekday;
  };
  auto holidayNoon = [](core::HourKey t) {
    const auto j = core::jstFromHourKey(t);
    return j.hour == 12 && core::dayType(j.date) == core::DayType::SundayHoliday;
  };
  EXPECT_GT(mean(*elec, apr0, apr1, weekdayNoon), 1.3 * mean(*elec, apr0, apr1, holidayNoon));
  // The simulated outages are missing, not zero: 6 h per building and meter.
  std::int64_t missing = 0;
  for (const auto& m : store::readMeters(project, opening, y1))
    for (double v : m.series.values) missing += std::isnan(v);
  EXPECT_EQ(missing, 4 * 3 * 6);
}
