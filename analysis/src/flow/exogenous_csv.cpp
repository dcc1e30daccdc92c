#include "ekm/flow/exogenous_csv.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string_view>
#include <utility>

#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::flow {

namespace {

std::string lowerTrim(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\r' && c != '\t')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

core::ErrorContext lineCtx(const std::string& path, std::int64_t line, std::string expected,
                           std::string found = {}) {
  core::ErrorContext c;
  c.file = path;
  c.line = line;
  c.expected = std::move(expected);
  c.found = std::move(found);
  return c;
}

}  // namespace

std::vector<UserEvent> readEventsCsv(const std::string& path, const LocalCalendar& cal) {
  io::TextInput in(path);
  io::CsvReader r(in);
  std::vector<UserEvent> out;
  if (!r.next()) return out;
  int cl = -1, cf = -1, ct = -1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string h = lowerTrim(r[i]);
    if (h == "label" || h == "event" || h == "name") cl = static_cast<int>(i);
    if (h == "from" || h == "start") cf = static_cast<int>(i);
    if (h == "to" || h == "end") ct = static_cast<int>(i);
  }
  if (cl < 0 || cf < 0 || ct < 0)
    throw core::ParseError("bad events file", lineCtx(path, 1, "columns label, from, to"));
  while (r.next()) {
    const auto from = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cf)]));
    const auto to = core::parseDate(lowerTrim(r[static_cast<std::size_t>(ct)]));
    if (!from || !to) {
      core::ErrorContext c = lineCtx(path, r.line(), "YYYY-MM-DD");
      c.field = "from/to";
      throw core::ParseError("bad event date", c);
    }
    out.push_back({cal.hourKey(*from, 0), cal.hourKey(core::daysFromCivil(*to) + 1, 0),
                   std::string(r[static_cast<std::size_t>(cl)])});
  }
  return out;
}

void readWeatherCsv(const std::string& path, const LocalCalendar& cal, ExogenousInputs& in) {
  io::TextInput input(path);
  io::CsvReader r(input);
  if (!r.next()) return;
  int cdt = -1, cd = -1, ch = -1, ctemp = -1, crain = -1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string h = lowerTrim(r[i]);
    const int k = static_cast<int>(i);
    if (h == "datetime" || h == "timestamp") cdt = k;
    if (h == "date") cd = k;
    if (h == "hour") ch = k;
    if (h == "temperature_c" || h == "temp_c" || h == "temperature" || h == "temp_mean_c") ctemp = k;
    if (h == "rain_mm" || h == "rain" || h == "precipitation_mm") crain = k;
  }
  if ((cdt < 0 && cd < 0) || (ctemp < 0 && crain < 0))
    throw core::ParseError(
        "bad weather file",
        lineCtx(path, 1, "datetime (or date [+ hour]) and temperature_c (temp_mean_c) and/or rain_mm"));
  std::vector<std::pair<HourKey, double>> temp, rain;
  auto num = [&](int col) {
    const std::string s = lowerTrim(r[static_cast<std::size_t>(col)]);
    if (s.empty() || s == "nan" || s == "-") return std::numeric_limits<double>::quiet_NaN();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (*end != '\0') throw core::ParseError("bad weather value", lineCtx(path, r.line(), "a number", s));
    return v;
  };
  const int offsetFromJst = cal.utcOffsetHours() - core::kJstOffsetHours;
  while (r.next()) {
    HourKey t = 0;
    std::optional<HourKey> key;
    if (cdt >= 0) {
      const std::string s(r[static_cast<std::size_t>(cdt)]);
      key = core::parseIsoDateTimeToHourKey(s);
      const bool offset = s.find_first_of("Z+") != std::string::npos || s.rfind('-') > 10;
      if (key) t = offset ? *key : *key - offsetFromJst;
    } else if (ch < 0) {  // daily values (e.g. the sample's weather.csv): the same for all 24 hours
      const auto d = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cd)]));
      if (d) {
        const double tv = ctemp >= 0 ? num(ctemp) : 0.0, rv = crain >= 0 ? num(crain) / 24.0 : 0.0;
        for (int h = 0; h < 24; ++h) {
          if (ctemp >= 0) temp.emplace_back(cal.hourKey(*d, h), tv);
          if (crain >= 0) rain.emplace_back(cal.hourKey(*d, h), rv);
        }
        continue;
      }
    } else {
      const auto d = core::parseDate(lowerTrim(r[static_cast<std::size_t>(cd)]));
      const double h = num(ch);
      if (d && h >= 0 && h <= 23) key = t = cal.hourKey(*d, static_cast<int>(h));
    }
    if (!key) throw core::ParseError("bad weather time", lineCtx(path, r.line(), "an hour"));
    if (ctemp >= 0) temp.emplace_back(t, num(ctemp));
    if (crain >= 0) rain.emplace_back(t, num(crain));
  }
  if (!temp.empty()) in.temperatureC = seriesFromPoints(temp);
  if (!rain.empty()) in.rainMm = seriesFromPoints(rain);
}

ExogenousFiles projectExogenousFiles(const std::string& projectPath) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(projectPath).parent_path();
  ExogenousFiles files;
  std::error_code ec;
  if (fs::is_regular_file(dir / "weather.csv", ec)) files.weather = (dir / "weather.csv").string();
  if (fs::is_regular_file(dir / "events.csv", ec)) files.events = (dir / "events.csv").string();
  return files;
}

ExogenousInputs readExogenousInputs(const ExogenousFiles& files, const LocalCalendar& calendar) {
  ExogenousInputs inputs;
  if (files.events) inputs.events = readEventsCsv(*files.events, calendar);
  if (files.weather) readWeatherCsv(*files.weather, calendar, inputs);
  return inputs;
}

}  // namespace ekm::flow
