// The small generated energy project (energy_project.h).
#include "support/energy_project.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "ekm/energy/hourly_series.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/project.h"

namespace ekm_test {

using namespace ekm;

const char* const kSmallPlantJson = R"({"name": "test DHC",
  "units": [{"id": "CH", "count": 2, "min_load": 0.3, "startup_cost_yen": 800, "aux_kw": 12,
             "cooling": {"capacity_kw": 900, "cop": 5.5}},
            {"id": "HP", "type": "heat_pump", "min_load": 0.3, "startup_cost_yen": 500,
             "cooling": {"capacity_kw": 500, "cop": 4.5}, "heating": {"capacity_kw": 600, "cop": 3.2}}],
  "storage": [{"id": "TES", "capacity_kwh": 4000, "max_charge_kw": 700, "max_discharge_kw": 900, "initial_level": 0.2}],
  "pumps": {"distribution_kwh_per_kwh": 0.03, "storage_kwh_per_kwh": 0.01},
  "tariff": {"bands": [{"name": "night", "yen_per_kwh": 12, "hours": [22, 23, 0, 1, 2, 3, 4, 5, 6, 7]},
                       {"name": "day", "yen_per_kwh": 18}]},
  "co2": {"kg_per_kwh": 0.45}})";

ekm::core::HourKey energyFirstHour() { return core::hourKeyFromJst(*core::parseDate("2025-07-01"), 0); }

namespace {

// A building's square outline around (lon, lat), ~60 m wide.
std::vector<std::pair<double, double>> square(double lon, double lat) {
  const double d = 0.0003;
  return {{lon - d, lat - d}, {lon + d, lat - d}, {lon + d, lat + d}, {lon - d, lat + d}, {lon - d, lat - d}};
}

}  // namespace

void writeSmallEnergyProject(const std::string& path) {
  auto project = store::Project::create(path);
  store::EnergyBatch batch;
  batch.source = "test_energy_dock (synthetic)";
  const char* ids[] = {"B1", "B2"};
  for (int b = 0; b < 2; ++b) {
    energy::Building building;
    building.buildingId = ids[b];
    building.nameJa = b == 0 ? "東棟" : "西棟";
    building.nameEn = b == 0 ? "East" : "West";
    building.block = std::to_string(b + 1);
    building.outerRingLonLat = square(139.740 + 0.002 * b, 35.636);
    building.floor.office_m2 = 40000 + 20000 * b;
    batch.buildings.push_back(building);
  }
  const core::HourKey start = energyFirstHour();
  const std::size_t n = kEnergyDays * 24;
  energy::WeatherSeries w;
  w.site = "tokyo";
  for (auto* s : {&w.dryBulbC, &w.relHumidityPct, &w.solarWm2}) {
    s->start = start;
    s->values.resize(n);
  }
  w.dryBulbC.unit = "degC";
  w.relHumidityPct.unit = "%";
  w.solarWm2.unit = "W/m2";
  for (std::size_t i = 0; i < n; ++i) {
    const int h = static_cast<int>((i + 0) % 24);
    const int day = static_cast<int>(i / 24);
    w.dryBulbC.values[i] = 27 + 4 * std::sin((h - 9) * 3.14159 / 12) + 1.5 * std::sin(day * 0.7);
    w.relHumidityPct.values[i] = 70 + 10 * std::cos(day * 0.3);
    w.solarWm2.values[i] = std::max(0.0, 700 * std::sin(3.14159 * (h - 6) / 12));
  }
  batch.weather.push_back(w);
  for (int b = 0; b < 2; ++b) {
    energy::MeterSeries cool, heat;
    cool.owner = heat.owner = ids[b];
    cool.kind = energy::MeterKind::Cooling;
    heat.kind = energy::MeterKind::Heating;
    for (auto* m : {&cool, &heat}) {
      m->series.start = start;
      m->series.unit = "kWh";
      m->series.values.resize(n);
    }
    const double scale = b == 0 ? 1.0 : 0.6;
    for (std::size_t i = 0; i < n; ++i) {
      const int h = static_cast<int>(i % 24);
      const bool open = h >= 8 && h < 20;
      cool.series.values[i] = scale * (150 + 25 * std::max(0.0, w.dryBulbC.values[i] - 20) + (open ? 250 : 0));
      heat.series.values[i] = scale * ((h >= 6 && h < 9) || (h >= 18 && h < 22) ? 90 : 25);
    }
    batch.meters.push_back(cool);
    batch.meters.push_back(heat);
  }
  store::writeEnergyBatch(project, batch);
}

}  // namespace ekm_test
