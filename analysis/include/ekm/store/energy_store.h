#pragma once
// The energy tables of a project (schema v4, store/schema_energy.cpp): typed writers and
// readers. SQL stays in store/.
//
// Layout:
//   energy_buildings      GeoPackage feature table (POLYGON, EPSG:4326, R-tree): building_id,
//                         names, block, floor area by use (m2).
//   energy_series         one row per series: scope ('weather' | 'building' | 'plant'),
//                         owner (weather site, building id or plant id), quantity
//                         (weather: dry_bulb, rel_humidity, dew_point, solar; meters:
//                         meterKindName), unit (degC, %, W/m2, kWh), source.
//   energy_weather_days   one row per weather series and UTC day: h00..h23 REAL, NULL = missing
//   energy_meter_days     the same for building and plant meters (kWh in hour [t, t+1))
//   energy_weather_hourly, energy_meter_hourly
//                         plain long views (one row per hour) for QGIS users.
// The fid of a day row is series_fid * 2^20 + day (days since 1970-01-01, UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/core/time.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/store/project.h"

namespace ekm::store {

// What one import writes, all in one transaction (or nothing).
struct EnergyBatch {
  std::vector<energy::Building> buildings;        // inserted, or replaced by building_id
  std::vector<energy::WeatherSeries> weather;     // per site; empty series are skipped
  std::vector<energy::MeterSeries> meters;        // building and plant meters
  std::string source;                             // source description kept in energy_series
  // Import log row (ekm_import_log), written when logKind is not empty.
  std::string logKind;                            // e.g. "energy-meters"
  std::string logSourcePath, logSha256, logOptions;
  std::int64_t logRows = 0;
};

struct EnergyWriteCounts {
  std::int64_t buildings = 0;
  std::int64_t seriesCreated = 0;
  std::int64_t dayRows = 0;   // day rows inserted or updated
  std::int64_t values = 0;    // non-missing hourly values written
};

// Writes the batch in one transaction. A series' values replace the stored values over the
// series' hour range [start, end) (missing hours become NULL); stored hours outside it are
// kept. Meter owners must be buildings present in the project or in the batch (plant
// meters: any owner). Either backend; the day rows of a series go in bulk (COPY on
// PostgreSQL). Progress per series; cancelling (CancelledError) or an error
// (StoreError/ValidationError) leaves the project unchanged.
EnergyWriteCounts writeEnergyBatch(Project& project, const EnergyBatch& batch,
                                   core::Feedback& feedback = core::nullFeedback());

// True when a file with this SHA-256 is in ekm_import_log (as `kind`, when not empty).
bool isSourceImported(const Project& project, const std::string& sha256, const std::string& kind = "");

struct EnergySeriesInfo {
  std::int64_t fid = 0;
  std::string scope;     // "weather", "building", "plant"
  std::string owner;     // site, building id or plant id
  std::string quantity;  // weather variable or meter kind name
  std::string unit;
  std::string source;
  core::HourKey first = 0, last = 0;  // first and last hour with a non-missing value
  std::int64_t values = 0;            // non-missing values
};

// Buildings ordered by building_id.
std::vector<energy::Building> readBuildings(const Project& project);
std::optional<energy::Building> readBuilding(const Project& project, const std::string& buildingId);
// Series catalogue; scope "" = all. Ordered by scope, owner, quantity.
std::vector<EnergySeriesInfo> energySeries(const Project& project, const std::string& scope = "");
// Weather sites (owners of weather series), sorted.
std::vector<std::string> weatherSites(const Project& project);

// Weather of a site over [from, to) (every series exactly to - from hours, NaN = missing;
// a variable without a stored series is empty). site "" = the only site (StoreError if
// there are several); nullopt when the site has no weather.
std::optional<energy::WeatherSeries> readWeather(const Project& project, const std::string& site, core::HourKey from,
                                                 core::HourKey to);
// A meter series over [from, to) (to - from values, NaN = missing); unit "kWh". Hours
// with no stored value are NaN; nullopt when the meter does not exist.
std::optional<energy::HourlySeries> readMeter(const Project& project, const std::string& owner,
                                              energy::MeterKind kind, core::HourKey from, core::HourKey to,
                                              bool plant = false);
// Every meter of the scope ("building" or "plant") over [from, to).
std::vector<energy::MeterSeries> readMeters(const Project& project, core::HourKey from, core::HourKey to,
                                            bool plant = false);

}  // namespace ekm::store
