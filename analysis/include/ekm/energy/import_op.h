#pragma once
// Operation `energy-import` (CLI: `ekimachi-cli energy import --project P --kind meters FILE`):
// buildings, hourly weather, daily weather (JMA, disaggregated to hours), building meters
// and plant meters into the project, one transaction each (a refused file leaves the
// project unchanged). File formats: ekm/energy/import_files.h; the daily method:
// ekm/energy/weather_disaggregation.h. After a weather or meter import, the timestamp shift
// between the project's weather and the meters is estimated (meter_alignment.h) and
// reported; apply_detected_shift corrects the imported file by it.
#include <cstdint>
#include <string>
#include <vector>

#include "ekm/energy/meter_alignment.h"
#include "ekm/ops/operation.h"

namespace ekm::energy {

struct EnergyImportParams {
  std::string kind;
  std::string file;
  std::string site = "default";
  std::string building;
  std::string plant = "plant";
  std::vector<std::string> columns;
  std::vector<std::string> units;
  std::string time_column;
  std::string timezone = "JST";
  bool hour_ending = false;
  std::int64_t shift_hours = 0;
  bool apply_detected_shift = false;
  std::int64_t zero_run_hours = 24;
  bool zero_runs_missing = false;
  double t_min_hour = 5;
  double t_max_hour = 14;
  std::string layer;
  std::string id_field;
  std::string encoding;
  bool force = false;

  template <class V>
  void fields(V& v) {
    v("kind", kind, {.help = "what the file holds", .required = true,
                     .choices = {"buildings", "weather", "weather-daily", "meters", "plant-meters"}});
    v("file", file, {.help = "the file (CSV; buildings: a GDAL vector source)", .required = true,
                     .role = ops::Role::InputFile, .positional = 0});
    v("site", site, {.help = "weather: the site's name in the project"});
    v("building", building, {.help = "meters: the building of a one-building file (columns 'KIND [UNIT]')"});
    v("plant", plant, {.help = "plant-meters: the plant's id"});
    v("columns", columns, {.help = "meters: COLUMN=[OWNER/]KIND [UNIT] (only these columns are read)"});
    v("units", units, {.help = "COLUMN=UNIT for columns whose header has no [unit]"});
    v("time_column", time_column, {.help = "the time column (default: datetime, timestamp, time, date_time)"});
    v("timezone", timezone, {.help = "time zone of times without an offset: JST, UTC or +HH:MM"});
    v("hour_ending", hour_ending, {.help = "a row's time labels the end of its hour (JMA style)"});
    v("shift_hours", shift_hours, {.help = "hours added to every timestamp of the file", .min = -48, .max = 48});
    v("apply_detected_shift", apply_detected_shift,
      {.help = "shift the file by the detected weather-meter lag (weather: by the shift; meters: by minus it)"});
    v("zero_run_hours", zero_run_hours, {.help = "meters: report runs of zeros at least this long", .min = 2});
    v("zero_runs_missing", zero_runs_missing, {.help = "meters: store the reported zero runs as missing"});
    v("t_min_hour", t_min_hour, {.help = "weather-daily: JST hour of the daily minimum", .min = 0, .max = 12});
    v("t_max_hour", t_max_hour, {.help = "weather-daily: JST hour of the daily maximum", .min = 10, .max = 20});
    v("layer", layer, {.help = "buildings: the layer (default: the first)"});
    v("id_field", id_field, {.help = "buildings: the id attribute (default: building_id, id)"});
    v("encoding", encoding, {.help = "text encoding; empty = auto (UTF-8, else CP932)",
                             .choices = {"", "auto", "utf-8", "cp932"}});
    v("force", force, {.help = "import again although the file's SHA-256 is in the import log"});
  }
  void validate() const;
};

struct EnergyImportResult {
  std::string kind;
  std::string sha256;
  std::int64_t rowsRead = 0;
  std::int64_t buildings = 0;
  std::int64_t series = 0;          // series written
  std::int64_t valuesStored = 0;    // non-missing hourly values
  std::int64_t missingValues = 0;   // hours left missing (blank, absent rows, bad quality)
  std::int64_t zeroRuns = 0;
  std::int64_t zeroRunHours = 0;
  std::int64_t first = 0, last = 0; // hour range of the file (after any shift)
  std::vector<std::string> columnsUsed;
  // Weather-meter alignment (when the project then has both): shift of the weather's
  // timestamps that aligns it best with the load, and the correlations.
  bool shiftChecked = false;
  std::string shiftAgainst;         // "B1/cooling"
  LagEstimate shift;
  int shiftApplied = 0;
  int tempPeakHourJst = -1;         // weather: hour (JST) of the mean day's temperature peak
  std::vector<std::string> warnings;
  double seconds = 0;
};

// The work of the operation on an open project (the sample district uses it directly).
EnergyImportResult importEnergyFile(store::Project& project, const EnergyImportParams& params, const std::string& file,
                                    core::Feedback& feedback);

struct EnergyImportOp {
  static constexpr const char* name = "energy-import";
  static constexpr const char* summary =
      "import buildings, weather (hourly or JMA daily), building or plant meters (one transaction)";
  static constexpr bool writesProject = true;
  using Params = EnergyImportParams;
  using Result = EnergyImportResult;
  static Result run(ops::Session& session, const Params& params, core::Feedback& feedback);
  static ops::OpResult record(const Result& result);
};

}  // namespace ekm::energy
