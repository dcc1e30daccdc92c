#pragma once
// Hourly series from CSV files (so forecasts run without a project) and the converter of the
// City of Melbourne pedestrian counts into the project importer's segment layout.
//
// Accepted layouts (header row, columns matched case-insensitively):
//  - long: a series column (`series`, `segment_id`, `station_id`, `mesh_code`, `sensor`, `id`),
//    time as `datetime`/`timestamp` (ISO 8601; without an offset it is local time of the
//    calendar) or `date` (YYYY-MM-DD) + `hour` (0-23, local), and a value column (`value`,
//    `count`, `population`, `boardings`); blank, `NaN`, `*`, `-` = missing;
//  - City of Melbourne Pedestrian Counting System export:
//    `Date,Day_of_week,Hour,SensorID,SensorName,PedestrianCount` with Date as dd-Mon-yyyy
//    on the Melbourne wall clock; `NaN` counts are missing; rows whose SensorID is `NaN`
//    are skipped (counted in `skippedRows`). The series name is the SensorID.
// A duplicated hour keeps its first value (counted in `duplicateHours`).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ekm/core/feedback.h"
#include "ekm/flow/series.h"

namespace ekm::flow {

struct SeriesTable {
  std::vector<std::pair<std::string, HourlySeries>> series;  // sorted by name (numeric names numerically)
  std::map<std::string, std::string> labels;                 // series -> descriptive name when known
  std::size_t rows = 0, missingValues = 0, skippedRows = 0, duplicateHours = 0;
  std::string layout;  // "long" or "melbourne"
};

// Throws core::Error (Io, Parse with file/line/column) on bad input.
SeriesTable readSeriesCsv(const std::string& path, const LocalCalendar& calendar, core::Feedback& feedback);

struct MelbourneConversion {
  std::size_t rows = 0, sensors = 0, missingValues = 0, skippedRows = 0, duplicateHours = 0;
};
// Writes the counts as a segment-counts CSV for `ekimachi-cli import segment-counts`
// (segment_id = "mel-<SensorID>", datetime with the fixed offset +10:00, direction both,
// mode pedestrian, blank count = missing) and, when `locationsCsv` (the portal's sensor
// location file) is given, a GeoJSON of 2-point LineStrings (a 10 m east-west stub centred
// on each sensor position) for `import segments`. Sensors without a location are skipped
// in the GeoJSON (listed in the returned count difference).
MelbourneConversion convertMelbourneToSegmentCounts(const std::string& countsCsv,
                                                    const std::string& locationsCsv,
                                                    const std::string& outCountsCsv,
                                                    const std::string& outSegmentsGeoJson,
                                                    core::Feedback& feedback);

}  // namespace ekm::flow
