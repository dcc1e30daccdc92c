#pragma once
// The shared vocabulary of the energy module: hourly series with missing values, weather,
// buildings with floor areas by use, and the meter kinds. Importers (energy/import_*),
// the store (store/energy_store.h), the demand models, the plant dispatch and the docks
// all speak these types.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ekm/core/time.h"

namespace ekm::energy {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
inline bool isMissing(double v) { return std::isnan(v); }

// Values at consecutive hours start, start+1, ... (HourKey: hours since the epoch, UTC).
// Missing hours are NaN, never 0.
struct HourlySeries {
  core::HourKey start = 0;
  std::vector<double> values;
  std::string unit;  // "kWh", "degC", "W/m2", "%", ...

  std::size_t size() const { return values.size(); }
  core::HourKey end() const { return start + static_cast<core::HourKey>(values.size()); }  // exclusive
  double at(core::HourKey t) const {
    return (t < start || t >= end()) ? kMissing : values[static_cast<std::size_t>(t - start)];
  }
};

// What a meter measures. Thermal energy is stored in kWh (MJ / 3.6 on import).
enum class MeterKind { Cooling, Heating, Electricity, Gas, Steam, HotWater };
const char* meterKindName(MeterKind kind);   // "cooling", "heating", "electricity", "gas", "steam", "hot_water"
// The inverse of meterKindName (also accepts "hot-water", "chilled_water"/"chilledwater" =
// cooling, "hotwater"); case-insensitive. nullopt when unknown.
std::optional<MeterKind> meterKindFromName(std::string_view name);
inline constexpr MeterKind kMeterKinds[] = {MeterKind::Cooling, MeterKind::Heating, MeterKind::Electricity,
                                            MeterKind::Gas,     MeterKind::Steam,   MeterKind::HotWater};

// Bridges each run of at most `maxHours` missing hours that has a value on both sides by
// linear interpolation between those two values (longer runs, and runs at either end, stay
// missing). Returns the hours filled; with `from`/`to`, only the filled hours inside
// [from, to) are counted.
int bridgeShortGaps(HourlySeries& s, int maxHours, core::HourKey from = std::numeric_limits<core::HourKey>::min(),
                    core::HourKey to = std::numeric_limits<core::HourKey>::max());

// Hourly weather at one site. Any series may be empty when the source lacks it.
struct WeatherSeries {
  std::string site;
  HourlySeries dryBulbC;       // degC
  HourlySeries relHumidityPct; // %
  HourlySeries dewPointC;      // degC
  HourlySeries solarWm2;       // global horizontal irradiance, W/m2 (hourly mean)
};

// The stored names of the weather variables (energy_series.quantity) and their units.
inline constexpr const char* kDryBulb = "dry_bulb";          // degC
inline constexpr const char* kRelHumidity = "rel_humidity";  // %
inline constexpr const char* kDewPoint = "dew_point";        // degC
inline constexpr const char* kSolar = "solar";               // W/m2

// Hourly meter readings of one building (or of the plant: owner = the plant id).
// Values are the energy of the hour [t, t+1) in kWh (thermal and electric alike).
struct MeterSeries {
  std::string owner;  // building id (Building::buildingId) or plant id
  MeterKind kind = MeterKind::Electricity;
  bool plant = false; // true: a plant meter (owner is the plant), false: a building meter
  HourlySeries series;  // unit "kWh"
};

// Floor area by use, m2.
struct FloorAreas {
  double office_m2 = 0, retail_m2 = 0, hotel_m2 = 0, residential_m2 = 0, culture_m2 = 0;
  double total() const { return office_m2 + retail_m2 + hotel_m2 + residential_m2 + culture_m2; }
};

struct Building {
  std::string buildingId;   // stable id, e.g. "TGW-1"
  std::string nameJa, nameEn;
  std::string block;        // e.g. "1"
  std::vector<std::pair<double, double>> outerRingLonLat;  // polygon, EPSG:4326, closed
  FloorAreas floor;
  double heightM = kMissing;  // NaN when unknown
};

}  // namespace ekm::energy
