#include "ekm/flow/series_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::flow {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (out.size() >= 3 && static_cast<unsigned char>(out[0]) == 0xEF) out.erase(0, 3);  // BOM
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

core::ParseError parseError(const io::CsvReader& r, const std::string& field, const std::string& expected,
                            std::string_view found, const std::string& message = "bad value") {
  core::ErrorContext c;
  c.file = r.path();
  c.line = r.line();
  c.field = field;
  c.expected = expected;
  c.found = std::string(found);
  return core::ParseError(message, c);
}

bool isMissingToken(std::string_view v) {
  const std::string t = trim(v);
  return t.empty() || t == "NaN" || t == "nan" || t == "NA" || t == "*" || t == "-";
}

std::optional<double> parseNumber(std::string_view text) {
  const std::string t = trim(text);
  double v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> parseInt(std::string_view text) {
  const std::string t = trim(text);
  int v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

// "01-Jan-2012"
std::optional<std::chrono::year_month_day> parseMelbourneDate(std::string_view text) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string t = trim(text);
  if (t.size() != 11 || t[2] != '-' || t[6] != '-') return std::nullopt;
  const auto d = parseInt(t.substr(0, 2));
  const auto y = parseInt(t.substr(7, 4));
  int m = 0;
  for (int i = 0; i < 12; ++i)
    if (t.compare(3, 3, months[i]) == 0) m = i + 1;
  if (!d || !y || m == 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

int findColumn(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (const char* n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

bool hasExplicitOffset(std::string_view s) {
  const auto tpos = s.find_first_of("T ");
  if (tpos == std::string_view::npos) return false;
  const std::string_view rest = s.substr(tpos);
  return rest.find('Z') != std::string_view::npos || rest.find('+') != std::string_view::npos ||
         rest.find('-') != std::string_view::npos;
}

bool nameLess(const std::string& a, const std::string& b) {
  const auto na = parseInt(a), nb = parseInt(b);
  if (na && nb) return *na < *nb;
  if (na != nb && (na || nb)) return static_cast<bool>(na);
  return a < b;
}

}  // namespace

SeriesTable readSeriesCsv(const std::string& path, const LocalCalendar& calendar, core::Feedback& feedback) {
  io::TextInput input(path);
  io::CsvReader reader(input);
  SeriesTable table;
  if (!reader.next()) {
    core::ErrorContext c;
    c.file = path;
    c.expected = "a header row";
    c.found = "an empty file";
    throw core::ParseError("empty CSV", c);
  }
  std::vector<std::string> header;
  for (std::string_view f : reader.fields()) header.push_back(lower(f));
  const int cDate = findColumn(header, {"date"});
  const int cHour = findColumn(header, {"hour"});
  const int cSensor = findColumn(header, {"sensorid"});
  const int cSensorName = findColumn(header, {"sensorname"});
  const int cPed = findColumn(header, {"pedestriancount"});
  const bool melbourne = cDate >= 0 && cHour >= 0 && cSensor >= 0 && cPed >= 0;
  int cSeries = cSensor, cValue = cPed, cTime = -1;
  if (!melbourne) {
    cSeries = findColumn(header, {"series", "segment_id", "station_id", "mesh_code", "sensor", "id"});
    cValue = findColumn(header, {"value", "count", "population", "boardings"});
    cTime = findColumn(header, {"datetime", "timestamp", "time"});
    core::ErrorContext c;
    c.file = path;
    c.line = 1;
    if (cSeries < 0 || cValue < 0 || (cTime < 0 && (cDate < 0 || cHour < 0))) {
      c.expected =
          "columns series|segment_id|station_id|mesh_code|id, datetime or date+hour, value|count|population "
          "(or the City of Melbourne layout Date,Day_of_week,Hour,SensorID,SensorName,PedestrianCount)";
      c.found = "";
      for (const auto& h : header) c.found += (c.found.empty() ? "" : ",") + h;
      throw core::ParseError("unrecognised CSV layout", c);
    }
  }
  table.layout = melbourne ? "melbourne" : "long";
  std::map<std::string, std::vector<std::pair<HourKey, double>>> points;
  const int offsetFromJst = calendar.utcOffsetHours() - core::kJstOffsetHours;
  while (reader.next()) {
    if ((table.rows & 0xFFFF) == 0) {
      feedback.throwIfCancelled();
      feedback.setProgress(100.0 * reader.progressFraction());
    }
    ++table.rows;
    if (reader.size() != header.size())
      throw parseError(reader, "", std::to_string(header.size()) + " fields", std::to_string(reader.size()),
                       "wrong number of fields");
    const std::string name = trim(reader[static_cast<std::size_t>(cSeries)]);
    if (melbourne && (name == "NaN" || name.empty())) {
      ++table.skippedRows;
      continue;
    }
    HourKey t = 0;
    if (cTime >= 0) {
      const std::string text = trim(reader[static_cast<std::size_t>(cTime)]);
      const auto key = core::parseIsoDateTimeToHourKey(text);
      if (!key)
        throw parseError(reader, header[static_cast<std::size_t>(cTime)], "ISO 8601 date-time on the hour",
                         text);
      t = hasExplicitOffset(text) ? *key : *key - offsetFromJst;
    } else {
      const std::string dtext = trim(reader[static_cast<std::size_t>(cDate)]);
      const auto date = melbourne ? parseMelbourneDate(dtext) : core::parseDate(dtext);
      if (!date) throw parseError(reader, "date", melbourne ? "dd-Mon-yyyy" : "YYYY-MM-DD", dtext);
      const auto hour = parseInt(reader[static_cast<std::size_t>(cHour)]);
      if (!hour || *hour < 0 || *hour > 23)
        throw parseError(reader, "hour", "an integer 0..23", reader[static_cast<std::size_t>(cHour)]);
      t = calendar.hourKey(*date, *hour);
    }
    double v = kNaN;
    const std::string_view vt = reader[static_cast<std::size_t>(cValue)];
    if (isMissingToken(vt)) {
      ++table.missingValues;
    } else {
      const auto num = parseNumber(vt);
      if (!num || *num < 0)
        throw parseError(reader, header[static_cast<std::size_t>(cValue)], "a non-negative number", vt);
      v = *num;
    }
    if (melbourne && cSensorName >= 0 && !table.labels.count(name)) {
      const std::string label = trim(reader[static_cast<std::size_t>(cSensorName)]);
      if (label != "<undefined>") table.labels[name] = label;
    }
    points[name].emplace_back(t, v);
  }
  std::vector<std::string> names;
  for (const auto& [n, p] : points) names.push_back(n);
  std::sort(names.begin(), names.end(), nameLess);
  for (const std::string& n : names) {
    std::size_t dup = 0;
    table.series.emplace_back(n, seriesFromPoints(points[n], &dup));
    table.duplicateHours += dup;
  }
  feedback.setProgress(100.0);
  return table;
}

MelbourneConversion convertMelbourneToSegmentCounts(const std::string& countsCsv,
                                                    const std::string& locationsCsv,
                                                    const std::string& outCountsCsv,
                                                    const std::string& outSegmentsGeoJson,
                                                    core::Feedback& feedback) {
  const LocalCalendar cal = victoriaCalendar();
  const SeriesTable table = readSeriesCsv(countsCsv, cal, feedback);
  if (table.layout != "melbourne") {
    core::ErrorContext c;
    c.file = countsCsv;
    c.expected = "the City of Melbourne layout Date,Day_of_week,Hour,SensorID,SensorName,PedestrianCount";
    c.found = "another layout";
    throw core::ParseError("not a City of Melbourne pedestrian count file", c);
  }
  MelbourneConversion out;
  out.sensors = table.series.size();
  out.skippedRows = table.skippedRows;
  out.duplicateHours = table.duplicateHours;
  std::ofstream os(outCountsCsv, std::ios::binary);
  if (!os) {
    core::ErrorContext c;
    c.file = outCountsCsv;
    throw core::IoError("cannot write", c);
  }
  os << "segment_id,datetime,direction,mode,count\n";
  for (const auto& [name, s] : table.series) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const HourKey t = s.start + static_cast<HourKey>(i);
      const LocalTime lt = cal.local(t);
      os << "mel-" << name << ',' << core::formatDate(lt.date) << 'T' << std::setw(2) << std::setfill('0')
         << lt.hour << ":00+10:00,both,pedestrian,";
      if (std::isnan(s.values[i])) {
        ++out.missingValues;
      } else {
        os << static_cast<long long>(std::llround(s.values[i]));
      }
      os << '\n';
      ++out.rows;
    }
  }
  if (!os) {
    core::ErrorContext c;
    c.file = outCountsCsv;
    throw core::IoError("write failed", c);
  }
  if (!locationsCsv.empty() && !outSegmentsGeoJson.empty()) {
    io::TextInput input(locationsCsv);
    io::CsvReader reader(input);
    std::vector<std::string> header;
    if (reader.next())
      for (std::string_view f : reader.fields()) header.push_back(lower(f));
    const int cId = findColumn(header, {"sensorid"});
    const int cLat = findColumn(header, {"latitude"});
    const int cLon = findColumn(header, {"longitude"});
    if (cId < 0 || cLat < 0 || cLon < 0) {
      core::ErrorContext c;
      c.file = locationsCsv;
      c.line = 1;
      c.expected = "columns Sensor ID, Latitude, Longitude";
      throw core::ParseError("unrecognised sensor location file", c);
    }
    std::map<std::string, std::pair<double, double>> where;
    while (reader.next()) {
      const auto lat = parseNumber(reader[static_cast<std::size_t>(cLat)]);
      const auto lon = parseNumber(reader[static_cast<std::size_t>(cLon)]);
      if (lat && lon) where[trim(reader[static_cast<std::size_t>(cId)])] = {*lon, *lat};
    }
    std::ofstream gj(outSegmentsGeoJson, std::ios::binary);
    gj << std::setprecision(10) << "{\"type\":\"FeatureCollection\",\"features\":[";
    bool first = true;
    for (const auto& [name, s] : table.series) {
      const auto it = where.find(name);
      if (it == where.end()) continue;
      const double lon = it->second.first, lat = it->second.second;
      const double dLon = 5.0 / (111320.0 * std::cos(lat * M_PI / 180.0));
      std::string label = table.labels.count(name) ? table.labels.at(name) : name;
      std::string escaped;
      for (char ch : label) {
        if (ch == '"' || ch == '\\') escaped.push_back('\\');
        escaped.push_back(ch);
      }
      gj << (first ? "" : ",") << "\n{\"type\":\"Feature\",\"properties\":{\"segment_id\":\"mel-" << name
         << "\",\"name\":\"" << escaped
         << "\",\"road_class\":\"footway\"},\"geometry\":{\"type\":\"LineString\","
         << "\"coordinates\":[[" << lon - dLon << ',' << lat << "],[" << lon + dLon << ',' << lat << "]]}}";
      first = false;
    }
    gj << "\n]}\n";
  }
  return out;
}

}  // namespace ekm::flow
