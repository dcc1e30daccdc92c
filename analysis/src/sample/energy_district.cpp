// The sample district's energy part (see ekm/sample/energy_district.h and the "Energy"
// section of data/samples/README.md, which states every assumption used here).
#include "ekm/sample/energy_district.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <set>
#include <sstream>

#include "ekm/core/calendar.h"
#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/energy/building_cells.h"
#include "ekm/energy/import_files.h"
#include "ekm/energy/import_op.h"
#include "ekm/energy/weather_disaggregation.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"
#include "ekm/sample/cell_population.h"
#include "ekm/sample/geometry.h"
#include "ekm/sample/random.h"
#include "ekm/sample/reference_data.h"

namespace ekm::sample {
namespace fs = std::filesystem;
using energy::kMissing;

namespace {

enum Use { kOffice, kRetail, kHotel, kResidential, kCulture, kUses };

// Per use: design occupancy (people/m2), lighting+equipment power density at full use (W/m2)
// and its share that runs around the clock.
constexpr std::array<double, kUses> kDensity = {0.10, 0.25, 0.025, 0.025, 0.15};
constexpr std::array<double, kUses> kEquipWm2 = {12.0, 30.0, 8.0, 6.0, 15.0};
constexpr std::array<double, kUses> kEquipBase = {0.30, 0.15, 0.60, 0.50, 0.20};
// Hours (JST) of air-conditioning per day type (weekday, Saturday, Sunday/holiday): [on, off).
constexpr std::array<std::array<std::array<int, 2>, 3>, kUses> kHvacHours = {{
    {{{7, 21}, {9, 18}, {0, 0}}},    // office: off on Sundays and holidays
    {{{9, 22}, {9, 22}, {9, 22}}},   // retail (pre-cooling from 9, open 10-21)
    {{{0, 24}, {0, 24}, {0, 24}}},   // hotel
    {{{0, 24}, {0, 24}, {0, 24}}},   // residential
    {{{9, 22}, {9, 22}, {9, 22}}},   // culture (museum, halls, school, convention)
}};
// Share of the floor conditioned on Saturdays (offices: tenants at work).
constexpr std::array<double, kUses> kSaturdayFloor = {0.25, 1, 1, 1, 1};
// Presence shape (0..1) of hotel guests and residents by JST hour (night uses do not follow
// the street's people flow).
constexpr std::array<double, 24> kNightPresence = {0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.90, 0.80, 0.60, 0.45, 0.40, 0.40,
                                                   0.40, 0.40, 0.40, 0.45, 0.50, 0.60, 0.70, 0.80, 0.85, 0.90, 0.95, 0.95};
// Domestic hot water shape (hotel, residential), mean 1.
constexpr std::array<double, 24> kHotWater = {0.3, 0.2, 0.2, 0.2, 0.3, 0.7, 1.6, 2.2, 1.8, 1.2, 0.9, 0.8,
                                              0.8, 0.7, 0.7, 0.8, 0.9, 1.1, 1.5, 1.8, 1.9, 1.7, 1.2, 0.7};
constexpr std::array<double, kUses> kHotWaterWm2 = {0, 0, 4.0, 2.5, 0};

constexpr double kUaWm2K = 0.8;        // envelope + infiltration conductance per m2 of floor
constexpr double kSolarGain = 0.012;   // solar gain per m2 of floor per W/m2 of global horizontal
constexpr double kPersonKw = 0.12;     // sensible + latent heat of a person at office work
constexpr double kOutdoorAirM3h = 30;  // outdoor air per person (Japanese building law/SHASE)
constexpr double kCoolSetC = 26, kCoolSetEnthalpy = 52.9;   // 26 degC, 50 % RH: kJ/kg dry air
constexpr double kHeatSetC = 22, kHeatSetEnthalpy = 38.8;   // 22 degC, 40 % RH
constexpr double kBaseElecWm2 = 3.0;   // lifts, common areas, IT around the clock
constexpr double kFanPumpShare = 0.08; // building fans and secondary pumps per kWh of heat moved
constexpr double kServerCoolingWm2 = 2.0;  // offices: cooling that never stops
constexpr double kStartUpFactor = 1.3;  // the first hour of air-conditioning (pull-down)
constexpr double kLagHours = 3.0;       // thermal mass: first-order lag of envelope and solar loads

struct BuildingDef {
  const char* id;
  const char* nameJa;
  const char* nameEn;
  const char* block;
  double lon, lat;    // centre
  double lengthM, widthM;
  double heightM;
  std::array<double, kUses> area;  // m2 by use
};

// Floor areas: THE LINKPILLAR 1 460,177 m2 (JR East, reported), the whole district about
// 845,000 m2 and retail about 60,000 m2 in LINKPILLAR 1 and 2 (reported); the split by use and
// the rest among the other three buildings are our assumptions (data/samples/README.md).
// Positions: approximate (west of the tracks between Takanawa Gateway and Tamachi), long
// axis along the tracks (bearing 29 degrees).
const BuildingDef kBuildings[] = {
    {"TGW-1", "TAKANAWA GATEWAY CITY RESIDENCE", "TAKANAWA GATEWAY CITY RESIDENCE (block 1)", "1", 139.7433, 35.6420,
     160, 90, 160, {0, 3000, 0, 110823, 12000}},
    {"TGW-2", "MoN Takanawa: The Museum of Narratives", "MoN Takanawa (block 2, culture)", "2", 139.7421, 35.6402, 90,
     70, 45, {0, 0, 0, 0, 29000}},
    {"TGW-3", "THE LINKPILLAR 2", "THE LINKPILLAR 2 (block 3, DHC plant in its basement)", "3", 139.7412, 35.6389, 170,
     100, 166, {195000, 20000, 0, 0, 15000}},
    {"TGW-4", "THE LINKPILLAR 1 NORTH/SOUTH", "THE LINKPILLAR 1 NORTH/SOUTH (block 4)", "4", 139.7399, 35.6364, 260,
     110, 161, {350177, 40000, 45000, 0, 25000}},
};

enum StreamKey : std::int64_t { kNoise = 101, kGap = 102 };

// Moist air enthalpy (kJ/kg dry air) from temperature and dew point, at sea level.
double enthalpy(double tC, double dewC) {
  const double e = energy::saturationVapourHpa(dewC);
  const double w = 0.622 * e / (1013.25 - e);
  return 1.006 * tC + w * (2501 + 1.86 * tC);
}

void writeGz(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb6");
  if (!f) throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  const int n = gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  if (gzclose(f) != Z_OK || n != static_cast<int>(text.size()))
    throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

void writePlain(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw core::IoError("cannot write", core::ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

std::string fmt(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The reference JMA year re-dated to `year` (same month/day; a 29 February of the target
// year has no source day and stays missing).
std::string redatedJma(const std::string& referenceFile, int year, int& days) {
  std::ifstream in(referenceFile, std::ios::binary);
  if (!in)
    throw core::IoError("cannot read the reference weather year",
                        core::ErrorContext{referenceFile, std::nullopt, std::nullopt, "", "", ""});
  std::string line, out;
  days = 0;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      out += line + "\n";
      header = false;
      continue;
    }
    const auto slash = line.find('/');
    if (slash == std::string::npos) continue;
    out += std::to_string(year) + line.substr(slash) + "\n";
    ++days;
  }
  return out;
}

}  // namespace

EnergySampleFiles energySampleFilesIn(const std::string& dir) {
  const fs::path d(dir);
  return {(d / "energy_buildings.geojson").string(), (d / "energy_weather_jma_daily.csv").string(),
          (d / "energy_meters.csv.gz").string(), (d / "plant.json").string()};
}

std::string plantSourcePath() { return core::sampleDataDir() + "/takanawa/plant.json"; }

std::vector<energy::Building> sampleDhcBuildings() {
  std::vector<energy::Building> out;
  const double bearing = 29.0 * std::numbers::pi / 180;  // long axis, clockwise from north
  for (const auto& d : kBuildings) {
    LocalFrame frame(d.lon, d.lat);
    const XY along{std::sin(bearing), std::cos(bearing)};
    const XY across{std::cos(bearing), -std::sin(bearing)};
    energy::Building b;
    b.buildingId = d.id;
    b.nameJa = d.nameJa;
    b.nameEn = d.nameEn;
    b.block = d.block;
    b.heightM = d.heightM;
    for (const auto& [sa, sc] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}}) {
      const XY p{sa * d.lengthM / 2 * along.x + sc * d.widthM / 2 * across.x,
                 sa * d.lengthM / 2 * along.y + sc * d.widthM / 2 * across.y};
      const auto ll = frame.toLonLat(p);
      b.outerRingLonLat.emplace_back(std::round(ll.lon * 1e7) / 1e7, std::round(ll.lat * 1e7) / 1e7);
    }
    b.floor = {d.area[kOffice], d.area[kRetail], d.area[kHotel], d.area[kResidential], d.area[kCulture]};
    out.push_back(std::move(b));
  }
  return out;
}

EnergySampleSummary generateEnergySampleFiles(const SampleSpec& spec, const std::string& outDir,
                                              core::Feedback& feedback) {
  EnergySampleSummary s;
  s.files = energySampleFilesIn(outDir);
  const auto buildings = sampleDhcBuildings();
  s.buildings = static_cast<int>(buildings.size());

  // 1. Buildings.
  std::ostringstream gj;
  gj << "{\"type\":\"FeatureCollection\",\"name\":\"energy_buildings\",\"features\":[\n";
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    const auto& b = buildings[i];
    gj << "{\"type\":\"Feature\",\"properties\":{\"building_id\":\"" << b.buildingId << "\",\"block\":\"" << b.block
       << "\",\"name_ja\":\"" << b.nameJa << "\",\"name_en\":\"" << b.nameEn << "\",\"height_m\":" << b.heightM
       << ",\"office_m2\":" << b.floor.office_m2 << ",\"retail_m2\":" << b.floor.retail_m2
       << ",\"hotel_m2\":" << b.floor.hotel_m2 << ",\"residential_m2\":" << b.floor.residential_m2
       << ",\"culture_m2\":" << b.floor.culture_m2
       << ",\"source\":\"position APPROXIMATE; floor areas by use: assumptions from public totals\"},"
       << "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    for (std::size_t k = 0; k < b.outerRingLonLat.size(); ++k)
      gj << (k ? "," : "") << "[" << fmt(b.outerRingLonLat[k].first, 7) << "," << fmt(b.outerRingLonLat[k].second, 7)
         << "]";
    gj << "]]}}" << (i + 1 < buildings.size() ? "," : "") << "\n";
  }
  gj << "]}\n";
  writePlain(s.files.buildings, gj.str());
  {
    std::error_code ec;  // generating into data/samples/takanawa itself: the file is already there
    const bool same = fs::exists(s.files.plant, ec) && fs::equivalent(plantSourcePath(), s.files.plant, ec);
    ec.clear();
    if (!same) fs::copy_file(plantSourcePath(), s.files.plant, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw core::IoError("cannot copy the sample's plant file", core::ErrorContext{plantSourcePath(), {}, {}, {},
                                                                                   "a readable plant.json", ec.message()});
  }

  // 2. Weather: the real JMA year 2022, re-dated to the opening year, disaggregated.
  const int year = static_cast<int>(spec.openingDate.year());
  const std::string refDir = spec.referenceDir.empty() ? defaultReferenceDir() : spec.referenceDir;
  int days = 0;
  writePlain(s.files.weatherDaily, redatedJma((fs::path(refDir) / "jma_tokyo_daily_2022.csv").string(), year, days));
  const auto daily = energy::readJmaDailyCsv(s.files.weatherDaily);
  const auto weather = energy::disaggregateDaily(daily.days);
  feedback.setProgress(10);

  // 3. Occupancy index per building from the people flow of its cells.
  std::map<std::string, std::vector<energy::CellShare>> cellsOf;
  std::set<std::string> cells;
  for (const auto& b : buildings) {
    cellsOf[b.buildingId] = energy::buildingCells(b);
    for (const auto& c : cellsOf[b.buildingId]) cells.insert(c.meshCode);
  }
  const auto population = readCellPopulation((fs::path(outDir) / "mesh_population.csv.gz").string(), cells, kMissing, feedback);
  feedback.setProgress(40);

  const core::HourKey start = core::hourKeyFromJst(spec.openingDate, 0);
  const core::HourKey end = core::hourKeyFromJst(std::chrono::year{year} / 12 / 31, 0) + 24;
  s.hours = end - start;
  const auto n = static_cast<std::size_t>(s.hours);
  struct Meters {
    std::vector<double> cooling, heating, electricity;
  };
  std::vector<Meters> meters(buildings.size());

  for (std::size_t bi = 0; bi < buildings.size(); ++bi) {
    const auto& b = buildings[bi];
    const auto& def = kBuildings[bi];
    // Occupancy index O(t) = sum of population x share; phi = O / its 95th percentile after the
    // opening. Hours without flow data (outside the sample's period) take the mean phi of their
    // day type and hour.
    std::vector<double> occ(n, kMissing);
    for (std::size_t i = 0; i < n; ++i) {
      const core::HourKey t = start + static_cast<core::HourKey>(i);
      double sum = 0;
      bool any = false, gap = false;
      for (const auto& c : cellsOf[b.buildingId]) {
        const auto cell = population.find(c.meshCode);
        if (cell == population.end()) continue;
        const auto v = cell->second.find(t);
        if (v == cell->second.end()) continue;
        if (std::isnan(v->second)) gap = true;
        sum += v->second * c.share;
        any = true;
      }
      if (any && !gap) occ[i] = sum;
    }
    std::vector<double> sorted;
    for (double v : occ)
      if (!std::isnan(v)) sorted.push_back(v);
    std::sort(sorted.begin(), sorted.end());
    const double ref = sorted.empty() ? 1.0 : std::max(1.0, sorted[sorted.size() * 95 / 100]);
    double profSum[3][24] = {}, profN[3][24] = {};
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(occ[i])) continue;
      const auto jst = core::jstFromHourKey(start + static_cast<core::HourKey>(i));
      const int dt = static_cast<int>(core::dayType(jst.date));
      profSum[dt][jst.hour] += occ[i] / ref;
      profN[dt][jst.hour] += 1;
      if (bi == 0) ++s.flowHours;
    }
    Rng noise(deriveSeed(spec.seed, {kNoise, static_cast<std::int64_t>(bi)}));
    double epsC = 0, epsH = 0, epsE = 0, lagT = kMissing, lagSolar = 0;
    auto& m = meters[bi];
    m.cooling.assign(n, kMissing);
    m.heating.assign(n, kMissing);
    m.electricity.assign(n, kMissing);
    for (std::size_t i = 0; i < n; ++i) {
      const core::HourKey t = start + static_cast<core::HourKey>(i);
      const auto jst = core::jstFromHourKey(t);
      const int dt = static_cast<int>(core::dayType(jst.date));
      const int h = jst.hour;
      double phi = std::isnan(occ[i]) ? (profN[dt][h] > 0 ? profSum[dt][h] / profN[dt][h] : 0.5) : occ[i] / ref;
      phi = std::clamp(phi, 0.0, 1.3);
      const double temp = weather.dryBulbC.at(t), dew = weather.dewPointC.at(t), ghi = weather.solarWm2.at(t);
      // Thermal mass: first-order lag of the envelope temperature and the solar gain.
      const double a = 1.0 / kLagHours;
      if (!std::isnan(temp)) lagT = std::isnan(lagT) ? temp : lagT + a * (temp - lagT);
      if (!std::isnan(ghi)) lagSolar += a * (ghi - lagSolar);
      const double tEnv = std::isnan(lagT) ? 20.0 : lagT;
      const double hOut = std::isnan(temp) || std::isnan(dew) ? kCoolSetEnthalpy : enthalpy(temp, dew);
      double cool = 0, heat = 0, equipKw = 0;
      for (int u = 0; u < kUses; ++u) {
        const double area = def.area[u];
        if (area <= 0) continue;
        const auto [on0, off0] = kHvacHours[u][dt];
        const bool on = h >= on0 && h < off0;
        const double floor = area * (dt == 1 ? kSaturdayFloor[u] : 1.0);
        const bool nightUse = u == kHotel || u == kResidential;
        const double presence = nightUse ? kNightPresence[h] : (on ? phi : 0.0);
        const double people = floor * kDensity[u] * presence;
        const double equip = area * kEquipWm2[u] / 1000 * (kEquipBase[u] + (1 - kEquipBase[u]) * (on ? std::min(1.0, presence) : 0.0));
        equipKw += equip;
        if (u == kOffice) cool += area * kServerCoolingWm2 / 1000;
        heat += area * kHotWaterWm2[u] / 1000 * kHotWater[h];
        if (!on) continue;
        const double gains = people * kPersonKw + equip + floor * kSolarGain * lagSolar / 1000;
        const double ua = floor * kUaWm2K / 1000;
        const double ventKgS = people * kOutdoorAirM3h * 1.2 / 3600;
        const bool startUp = h == on0 && on0 > 0;
        const double c = std::max(0.0, gains + ua * (tEnv - kCoolSetC) + ventKgS * std::max(0.0, hOut - kCoolSetEnthalpy));
        const double w = std::max(0.0, ua * (kHeatSetC - tEnv) + ventKgS * std::max(0.0, kHeatSetEnthalpy - hOut) - 0.5 * gains);
        cool += c * (startUp ? kStartUpFactor : 1.0);
        heat += w * (startUp ? kStartUpFactor : 1.0);
      }
      const double floorTotal = b.floor.total();
      const double elec = equipKw + floorTotal * kBaseElecWm2 / 1000 + kFanPumpShare * (cool + heat);
      // Meter noise: multiplicative AR(1) (rho 0.7, innovation sd 4 %).
      epsC = 0.7 * epsC + noise.normal(0, 0.04);
      epsH = 0.7 * epsH + noise.normal(0, 0.04);
      epsE = 0.7 * epsE + noise.normal(0, 0.02);
      if (std::isnan(temp)) continue;  // no weather, no meter reading (never happens with the 2022 year)
      m.cooling[i] = cool * std::exp(epsC);
      m.heating[i] = heat * std::exp(epsH);
      m.electricity[i] = elec * std::exp(epsE);
    }
    // One simulated meter outage (6 h, blank) per building and meter.
    Rng gaps(deriveSeed(spec.seed, {kGap, static_cast<std::int64_t>(bi)}));
    for (auto* v : {&m.cooling, &m.heating, &m.electricity}) {
      const auto at = static_cast<std::size_t>(gaps.uniform(0, static_cast<double>(n - 6)));
      for (std::size_t k = at; k < at + 6; ++k) (*v)[k] = kMissing;
    }
    feedback.setProgress(40 + 40.0 * static_cast<double>(bi + 1) / static_cast<double>(buildings.size()));
  }

  // 4. The meter file: one row per hour (JST), columns OWNER/KIND [kWh], blank = missing.
  std::string text = "datetime";
  for (const auto& b : buildings)
    for (const char* k : {"cooling", "heating", "electricity"}) text += "," + b.buildingId + "/" + k + " [kWh]";
  text += "\n";
  for (std::size_t i = 0; i < n; ++i) {
    const auto jst = core::jstFromHourKey(start + static_cast<core::HourKey>(i));
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%s %02d:00", core::formatDate(jst.date).c_str(), jst.hour);
    text += stamp;
    for (std::size_t bi = 0; bi < buildings.size(); ++bi) {
      const auto& m = meters[bi];
      for (const auto* v : {&m.cooling, &m.heating, &m.electricity}) {
        text += ",";
        if (std::isnan((*v)[i])) {
          ++s.gaps;
          continue;
        }
        text += fmt((*v)[i], 1);
      }
      s.coolingMwh += std::isnan(m.cooling[i]) ? 0 : m.cooling[i] / 1000;
      s.heatingMwh += std::isnan(m.heating[i]) ? 0 : m.heating[i] / 1000;
      s.electricityMwh += std::isnan(m.electricity[i]) ? 0 : m.electricity[i] / 1000;
    }
    text += "\n";
  }
  writeGz(s.files.meters, text);

  // 5. The energy rows of the generated README.
  std::ofstream readme((fs::path(outDir) / "README.md").string(), std::ios::app | std::ios::binary);
  readme << "\n## Energy (DHC, synthetic meters)\n\n"
         << "| file | content | rows |\n|---|---|---|\n"
         << "| energy_buildings.geojson | the 4 DHC buildings of blocks 1-4: building_id, block, names, height_m, floor "
            "area by use (m2); positions APPROXIMATE, split by use = assumptions | "
         << s.buildings << " |\n"
         << "| energy_weather_jma_daily.csv | real JMA Tokyo daily weather of 2022 re-dated to " << year
         << " (出典：気象庁ホームページ, processed); imported as weather-daily (disaggregated to hours) | " << days
         << " |\n"
         << "| energy_meters.csv.gz | datetime (JST), OWNER/KIND [kWh]: cooling, heating (incl. hot water), "
            "electricity per building from "
         << core::formatDate(spec.openingDate) << "; SYNTHETIC (physical model, occupancy from the people flow of "
         << "the buildings' mesh cells); blank = simulated meter outage | " << s.hours << " |\n"
         << "| plant.json | the DHC plant (units, chilled- and hot-water tanks, tariff, CO2): ASSUMED values sized for "
            "the meters' design peak plus margin, for `energy plan --plant plant.json` | 1 |\n\n"
         << "Import: `ekimachi-cli energy import --project P --kind buildings energy_buildings.geojson`, "
            "`--kind weather-daily --site tokyo energy_weather_jma_daily.csv`, `--kind meters energy_meters.csv.gz`; plan the plant: `ekimachi-cli energy plan --project sample.gpkg --plant "
            "plant.json --from "
         << year << "-07-28 --days 7 --fill-gaps 6`.\n";
  feedback.setProgress(100);
  return s;
}

bool importEnergySample(store::Project& project, const std::string& outDir, core::Feedback& feedback) {
  const auto files = energySampleFilesIn(outDir);
  for (const auto& f : {files.buildings, files.weatherDaily, files.meters})
    if (!fs::exists(f)) return false;
  core::MultiStepFeedback steps(feedback, 3);  // each import runs 0..100 % in its third
  energy::EnergyImportParams p;
  p.kind = "buildings";
  energy::importEnergyFile(project, p, files.buildings, steps);
  steps.setCurrentStep(1);
  p.kind = "weather-daily";
  p.site = "tokyo";
  energy::importEnergyFile(project, p, files.weatherDaily, steps);
  steps.setCurrentStep(2);
  p.kind = "meters";
  energy::importEnergyFile(project, p, files.meters, steps);
  return true;
}

}  // namespace ekm::sample
