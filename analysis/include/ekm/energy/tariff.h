#pragma once
// The electricity tariff and the CO2 factor by hour, as a plant file's "tariff" and "co2"
// sections describe them:
//   "tariff": {"name": "...", "bands": [
//       {"name": "peak",  "yen_per_kwh": 17.39, "months": [7, 8, 9], "days": "weekday", "hours": [13, 14, 15]},
//       {"name": "night", "yen_per_kwh": 12.31, "hours": [22, 23, 0, 1, 2, 3, 4, 5, 6, 7]},
//       {"name": "day",   "yen_per_kwh": 15.66}]}
//   (the first band that matches the local (JST) month, day type and hour wins; a band
//   without months/days/hours matches every hour) or
//   "tariff": {"hourly_file": "jepx_2025.csv", "column": "yen_per_kwh"}  (an hourly price
//   file: time, or date + hour, and the value column; relative to the plant file).
//   "co2": {"kg_per_kwh": 0.45} or {"hourly_file": "...", "column": "kg_per_kwh"}.
// Days: "all", "weekday" (working days), "saturday", "holiday" (Sundays and national
// holidays), "weekend" (Saturday, Sunday, holiday). The calendar is ekm::core's.
#include <string>
#include <vector>

#include "ekm/core/time.h"
#include "ekm/energy/hourly_series.h"

namespace ekm::energy {

struct TariffBand {
  std::string name;
  double yenPerKwh = 0;
  std::vector<int> months;  // 1..12; empty = all
  std::vector<int> hours;   // 0..23 local; empty = all
  std::string days = "all";

  bool matches(core::HourKey t) const;
};

// A by-hour value from time-of-use bands or an hourly file.
class Tariff {
 public:
  std::string name;
  std::vector<TariffBand> bands;  // first match wins
  HourlySeries hourly;            // used when not empty
  std::string source;             // file it was read from, for messages

  // yen/kWh at hour t. Throws core::ValidationError naming the hour when no band matches
  // or the hourly file lacks the hour.
  double priceAt(core::HourKey t) const;
  // The band's name at t ("hourly" for an hourly file).
  std::string bandAt(core::HourKey t) const;
};

class Co2Factor {
 public:
  double kgPerKwh = 0.45;  // placeholder grid factor (see tariff_co2_tokyo/NOTES.txt)
  HourlySeries hourly;     // used when not empty
  std::string source;

  double at(core::HourKey t) const;
};

// Reads an hourly CSV: a `time` column (ISO local time, JST without an offset) or `date`
// (YYYY-MM-DD) + `hour` (0..23), and the named value columns (missing = NaN when the cell
// is empty; optional columns absent from the header come back empty). Throws
// core::ParseError naming file, line and column; duplicate hours are errors.
struct HourlyColumns {
  core::HourKey start = 0;
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // [column][hour], NaN = missing (also for gaps)
  int hours() const;                          // hours from start to the last row
  // The column's values, nullptr when it is an optional column absent from the file.
  const std::vector<double>* column(const std::string& name) const;
};
HourlyColumns readHourlyCsv(const std::string& path, const std::vector<std::string>& required,
                            const std::vector<std::string>& optional = {});

}  // namespace ekm::energy
