#pragma once
// The forecasts' exogenous inputs from files, read the same way by the CLI and the GUI:
//  - events: CSV label,from,to (local dates, inclusive; header names label|event|name,
//    from|start, to|end);
//  - weather: CSV datetime (or date + hour) with temperature_c and/or rain_mm, or daily rows
//    (date, temp_mean_c, rain_mm spread evenly over the day, as the sample's weather.csv).
// A project's own files are weather.csv and events.csv beside the project file (where
// `ekimachi-cli sample` writes the sample's weather).
#include <optional>
#include <string>
#include <vector>

#include "ekm/flow/forecast.h"
#include "ekm/flow/series.h"

namespace ekm::flow {

// Throw core::ParseError (file, line, expected) or core::IoError.
std::vector<UserEvent> readEventsCsv(const std::string& path, const LocalCalendar& calendar);
void readWeatherCsv(const std::string& path, const LocalCalendar& calendar, ExogenousInputs& inputs);

struct ExogenousFiles {
  std::optional<std::string> weather;  // none = no weather
  std::optional<std::string> events;   // none = no events
};

// weather.csv and events.csv beside `projectPath`, those that exist.
ExogenousFiles projectExogenousFiles(const std::string& projectPath);
// The inputs from the files that are given.
ExogenousInputs readExogenousInputs(const ExogenousFiles& files, const LocalCalendar& calendar);

}  // namespace ekm::flow
