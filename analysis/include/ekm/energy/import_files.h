#pragma once
// Energy input files -> typed series (no store access; energy/import_op.h writes them).
// Every error names the file, the line (or feature) and the field, with what was expected
// and what was found. Rows absent from a file are missing hours (NaN), never zero.
//
// Hourly CSV files (weather, meters, plant meters): one time column (ISO 8601
// "YYYY-MM-DD HH:MM[:SS]" or "...THH", minutes and seconds zero; an offset such as
// "+09:00" or "Z" in the text wins over the `timezone` option) and value columns.
// Units are explicit: in the header as "name [unit]", or given by the `units` option
// ("column=unit"); a value column without a unit is refused.
//   weather: columns found by name (dry-bulb: dry_bulb, air_temperature, temperature, temp;
//     relative humidity: rel_humidity, relative_humidity, rltv_hum, humidity, rh; dew point:
//     dew_point, dew_temperature, dewpoint; solar: solar, ghi, glbl_irad_amt,
//     global_horizontal, solar_radiation). Units: degC|C|K|degF; %; W/m2 (hourly mean),
//     Wh/m2, kJ/m2, MJ/m2 (per hour).
//   meters: every value column is "[OWNER/]KIND [UNIT]" (KIND: cooling, heating,
//     electricity, gas, steam, hot_water; OWNER: the building id, or the `owner` option for a
//     one-building file), or mapped with the `columns` option ("m1=cooling [kWh]"; then only
//     mapped columns are read). Units: Wh, kWh, MWh, MJ, GJ, kBtu, or kW (hourly mean
//     power) — stored as kWh. Negative energy is refused; long runs of zeros are reported.
// Daily weather (JMA): the compiled English file (Date, MaximumTemperature,
// MinimumTemperature, AverageTemperature, AverageVaporPressure, AverageHumidity,
// TotalSolarRadiation) or JMA's own download (年月日, 最高気温(℃), ..., with its quality
// columns: a value of quality below 5 (資料不足値, 疑問値, 欠測) is missing).
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/energy/hourly_series.h"
#include "ekm/energy/weather_disaggregation.h"

namespace ekm::energy {

struct CsvSeriesOptions {
  std::string timeColumn;              // "" = datetime, timestamp, time, date_time
  std::string timezone = "JST";        // JST, UTC, or an offset "+09:00"
  bool hourEnding = false;             // true: a row labelled 01:00 holds the hour 00:00-01:00
  int shiftHours = 0;                  // added to every timestamp (a correction)
  std::map<std::string, std::string> units;    // column -> unit
  std::map<std::string, std::string> columns;  // meters: column -> "[OWNER/]KIND [UNIT]"
  std::string owner;                   // meters: the building (or plant) of a one-owner file
  std::string encoding;                // "" = auto
};

struct ZeroRun {
  std::string owner;
  MeterKind kind = MeterKind::Electricity;
  core::HourKey start = 0;
  std::int64_t hours = 0;
};

struct ParsedWeather {
  WeatherSeries weather;
  std::int64_t rows = 0;
  std::int64_t missingValues = 0;
  std::vector<std::string> columnsUsed;  // "air_temperature -> dry_bulb [degC]"
};

struct ParsedMeters {
  std::vector<MeterSeries> meters;  // kWh
  std::int64_t rows = 0;
  std::int64_t missingValues = 0;
  std::vector<ZeroRun> zeroRuns;    // runs of zeros of at least zeroRunHours
  std::vector<std::string> columnsUsed;
};

ParsedWeather readWeatherCsv(const std::string& path, const CsvSeriesOptions& options, core::Feedback& feedback);
ParsedMeters readMeterCsv(const std::string& path, const CsvSeriesOptions& options, bool plant,
                          std::int64_t zeroRunHours, core::Feedback& feedback);

struct ParsedDailyWeather {
  std::vector<DailyWeather> days;
  std::int64_t rows = 0;
  std::int64_t missingValues = 0;  // missing or of insufficient quality
  std::string format;              // "jma-compiled" or "jma-download"
};
ParsedDailyWeather readJmaDailyCsv(const std::string& path, const std::string& encoding = "");

// Multiplier to kWh for an energy unit (nullopt when unknown); "kW" counts as kWh per hour.
std::optional<double> energyUnitToKwh(const std::string& unit);

// Buildings from a GDAL vector source (GeoJSON, GeoPackage, ...; any CRS): polygon or
// multipolygon (the largest polygon's outer ring is kept, with a warning), id (`idField` or
// building_id / id), block, name_ja, name_en, height_m, and floor areas by use
// (office_m2, retail_m2, hotel_m2, residential_m2, culture_m2; empty = 0).
std::vector<Building> readBuildingsVector(const std::string& source, const std::string& layer,
                                          const std::string& idField, core::Feedback& feedback);

}  // namespace ekm::energy
