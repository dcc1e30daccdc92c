// Energy input files -> typed series (see ekm/energy/import_files.h).
#include "ekm/energy/import_files.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/domain_checks.h"
#include "ekm/io/text_input.h"

namespace ekm::energy {
namespace {

using core::ErrorContext;

ErrorContext lineCtx(const std::string& file, std::int64_t line, const std::string& field, const std::string& expected,
                     const std::string& found) {
  return ErrorContext{file, line, std::nullopt, field, expected, found};
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// "air_temperature [degC]" -> {"air_temperature", "degC"}; no brackets -> unit "".
std::pair<std::string, std::string> splitUnit(const std::string& header) {
  const auto open = header.rfind('[');
  const auto close = header.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return {trimmed(header), ""};
  return {trimmed(header.substr(0, open)), trimmed(header.substr(open + 1, close - open - 1))};
}

bool isMissingText(const std::string& s) {
  const auto l = lower(s);
  return l.empty() || l == "na" || l == "nan" || l == "null" || l == "-" || l == "--" || l == "///" || l == "×";
}

// Parses a number; nullopt for a missing token; throws on junk.
std::optional<double> parseValue(std::string_view text, const std::string& file, std::int64_t line,
                                 const std::string& field) {
  const std::string s = trimmed(text);
  if (isMissingText(s)) return std::nullopt;
  double v = 0;
  const auto* b = s.data();
  const auto* e = s.data() + s.size();
  const auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e || !std::isfinite(v))
    throw core::ParseError("not a number", lineCtx(file, line, field, "a number (or empty = missing)", s));
  return v;
}

std::string offsetOf(const std::string& timezone) {
  const auto tz = lower(timezone);
  if (tz.empty() || tz == "jst" || tz == "asia/tokyo") return "+09:00";
  if (tz == "utc" || tz == "z" || tz == "gmt") return "Z";
  return timezone;
}

bool hasOffset(const std::string& text) {
  if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) return true;
  const auto t = text.find_first_of("T ", 8);
  if (t == std::string::npos) return false;
  return text.find_first_of("+-", t) != std::string::npos;
}

core::HourKey parseTime(std::string_view field, const CsvSeriesOptions& o, const std::string& file, std::int64_t line,
                        const std::string& column) {
  const std::string s = trimmed(field);
  std::optional<core::HourKey> t;
  if (s.size() >= 10) {
    // A bare date + hour "YYYY-MM-DD HH" is accepted too ("...THH" by the core parser).
    t = core::parseIsoDateTimeToHourKey(hasOffset(s) ? s : s + offsetOf(o.timezone));
  }
  if (!t)
    throw core::ParseError("bad time", lineCtx(file, line, column,
                                               "YYYY-MM-DD HH:00[:00] on the hour (optional offset +09:00 or Z)", s));
  io::domain::checkDateDays(*t >= 0 ? *t / 24 : (*t - 23) / 24, io::domain::Where{file, line, std::nullopt, column});
  return *t - (o.hourEnding ? 1 : 0) + o.shiftHours;
}

// No meter or plant measures more in one hour (a large district plant: ~100,000 kWh).
constexpr double kMaxEnergyKwhPerHour = 1e7;

struct CsvTable {
  std::vector<std::string> header;
  std::size_t timeIndex = 0;
};

std::size_t findTimeColumn(const std::vector<std::string>& header, const CsvSeriesOptions& o, const std::string& file) {
  std::vector<std::string> names = o.timeColumn.empty()
                                       ? std::vector<std::string>{"datetime", "timestamp", "time", "date_time", "date"}
                                       : std::vector<std::string>{o.timeColumn};
  for (const auto& n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (lower(splitUnit(header[i]).first) == lower(n)) return i;
  std::string found;
  for (const auto& h : header) found += (found.empty() ? "" : ",") + h;
  throw core::ParseError("no time column",
                         lineCtx(file, 1, o.timeColumn.empty() ? "datetime" : o.timeColumn,
                                 o.timeColumn.empty() ? "a column datetime, timestamp, time or date_time"
                                                      : "a column " + o.timeColumn,
                                 found));
}

// Collected values of one column, turned into an hourly series at the end.
struct Column {
  std::size_t index = 0;
  std::string name;
  double scale = 1, offset = 0;  // value * scale + offset
  double lo = -INFINITY, hi = INFINITY;
  const char* range = "";
  std::vector<std::pair<core::HourKey, double>> values;
};

HourlySeries toSeries(const std::vector<std::pair<core::HourKey, double>>& v, core::HourKey first, core::HourKey last,
                      const std::string& unit) {
  HourlySeries s{first, std::vector<double>(static_cast<std::size_t>(last - first + 1), kMissing), unit};
  for (const auto& [t, x] : v) s.values[static_cast<std::size_t>(t - first)] = x;
  return s;
}

// Reads every row: times (duplicates refused) and the columns' values (converted, range-checked).
struct RowScan {
  std::int64_t rows = 0, missing = 0;
  core::HourKey first = 0, last = -1;
};

RowScan scanRows(io::CsvReader& csv, const std::vector<std::string>& header, std::size_t timeIndex,
                 std::vector<Column>& columns, const CsvSeriesOptions& o, core::Feedback& feedback) {
  const std::string& file = csv.path();
  RowScan scan;
  std::map<core::HourKey, std::int64_t> seen;
  while (csv.next()) {
    if ((scan.rows & 4095) == 0) {
      feedback.throwIfCancelled();
      feedback.setProgress(90.0 * csv.progressFraction());
    }
    if (csv.size() != header.size())
      throw core::ParseError("wrong number of fields", lineCtx(file, csv.line(), "", std::to_string(header.size()) + " fields",
                                                               std::to_string(csv.size())));
    const core::HourKey t = parseTime(csv[timeIndex], o, file, csv.line(), header[timeIndex]);
    const auto [it, fresh] = seen.emplace(t, csv.line());
    if (!fresh)
      throw core::ValidationError("duplicate hour", lineCtx(file, csv.line(), header[timeIndex],
                                                            "each hour once (first at line " + std::to_string(it->second) + ")",
                                                            core::formatHourKeyJst(t)));
    if (scan.rows == 0 || t < scan.first) scan.first = t;
    if (scan.rows == 0 || t > scan.last) scan.last = t;
    ++scan.rows;
    for (auto& c : columns) {
      const auto v = parseValue(csv[c.index], file, csv.line(), header[c.index]);
      if (!v) {
        ++scan.missing;
        continue;
      }
      const double x = *v * c.scale + c.offset;
      if (x < c.lo || x > c.hi)
        throw core::ValidationError(c.lo == 0 && x < 0 ? "negative energy" : "value out of range",
                                    lineCtx(file, csv.line(), header[c.index], c.range, trimmed(csv[c.index])));
      c.values.emplace_back(t, x);
    }
  }
  if (scan.rows == 0) throw core::ValidationError("no data rows", lineCtx(file, 1, "", "at least one data row", "none"));
  return scan;
}

std::vector<std::string> readHeader(io::CsvReader& csv) {
  if (!csv.next()) throw core::ValidationError("empty file", lineCtx(csv.path(), 1, "", "a header line", "nothing"));
  std::vector<std::string> h;
  for (const auto f : csv.fields()) h.push_back(trimmed(f));
  if (!h.empty() && h[0].rfind("\xEF\xBB\xBF", 0) == 0) h[0] = h[0].substr(3);
  io::domain::checkHeader(h, csv.path());
  return h;
}

// The unit of a column: from the options, else from the header's brackets.
std::string unitOf(const std::string& header, const CsvSeriesOptions& o) {
  const auto [name, unit] = splitUnit(header);
  for (const auto& [col, u] : o.units)
    if (lower(col) == lower(name) || lower(col) == lower(header)) return u;
  return unit;
}

struct WeatherVar {
  const char* name;
  std::vector<std::string> aliases;
};

}  // namespace

std::optional<double> energyUnitToKwh(const std::string& unit) {
  const auto u = lower(unit);
  if (u == "kwh" || u == "kw") return 1.0;
  if (u == "wh") return 1e-3;
  if (u == "mwh") return 1e3;
  if (u == "mj") return 1.0 / 3.6;
  if (u == "gj") return 1e3 / 3.6;
  if (u == "kbtu") return 0.29307107;
  return std::nullopt;
}

ParsedWeather readWeatherCsv(const std::string& path, const CsvSeriesOptions& o, core::Feedback& feedback) {
  io::TextInput input(path, io::textEncodingFromName(o.encoding));
  io::CsvReader csv(input);
  const auto header = readHeader(csv);
  const std::size_t timeIndex = findTimeColumn(header, o, path);
  const WeatherVar vars[] = {
      {kDryBulb, {"dry_bulb", "air_temperature", "temperature", "temp", "drybulb", "temp_c"}},
      {kRelHumidity, {"rel_humidity", "relative_humidity", "rltv_hum", "humidity", "rh"}},
      {kDewPoint, {"dew_point", "dew_temperature", "dewpoint", "dew_point_temperature"}},
      {kSolar, {"solar", "ghi", "glbl_irad_amt", "global_horizontal", "solar_radiation", "global_radiation"}},
  };
  ParsedWeather out;
  std::vector<Column> columns;
  for (const auto& var : vars) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (i == timeIndex) continue;
      const auto name = lower(splitUnit(header[i]).first);
      if (std::find(var.aliases.begin(), var.aliases.end(), name) == var.aliases.end()) continue;
      const std::string unit = unitOf(header[i], o);
      const auto u = lower(unit);
      Column c;
      c.index = i;
      c.name = var.name;
      std::string canonical;
      if (var.name == kDryBulb || var.name == kDewPoint) {
        canonical = "degC";
        if (u == "degc" || u == "c" || u == "\xC2\xB0\x63" || u == "celsius") {
        } else if (u == "k") {
          c.offset = -273.15;
        } else if (u == "degf" || u == "f") {
          c.scale = 5.0 / 9.0;
          c.offset = -32.0 * 5.0 / 9.0;
        } else {
          canonical.clear();
        }
        c.lo = -70;
        c.hi = 60;
        c.range = "a temperature in -70..60 degC";
      } else if (var.name == kRelHumidity) {
        canonical = (u == "%" || u == "percent" || u == "pct") ? "%" : "";
        c.lo = 0;
        c.hi = 100.5;
        c.range = "a relative humidity in 0..100 %";
      } else {
        canonical = "W/m2";
        if (u == "w/m2" || u == "w/m^2" || u == "wh/m2") {
        } else if (u == "kj/m2") {
          c.scale = 1 / 3.6;
        } else if (u == "mj/m2") {
          c.scale = 1e6 / 3600;
        } else {
          canonical.clear();
        }
        c.lo = 0;
        c.hi = 1500;
        c.range = "a global horizontal irradiance in 0..1500 W/m2";
      }
      if (canonical.empty())
        throw core::ValidationError(unit.empty() ? "unit missing" : "unknown unit",
                                    lineCtx(path, 1, header[i],
                                            var.name == kRelHumidity ? "a unit: %"
                                            : var.name == kSolar     ? "a unit: W/m2, Wh/m2, kJ/m2 or MJ/m2 (per hour)"
                                                                     : "a unit: degC, K or degF (as 'name [unit]' or --units)",
                                            unit.empty() ? "none" : unit));
      out.columnsUsed.push_back(header[i] + " -> " + var.name + " [" + canonical + "]");
      columns.push_back(std::move(c));
      break;
    }
  }
  if (columns.empty())
    throw core::ValidationError("no weather columns", lineCtx(path, 1, "", "dry-bulb, humidity, dew point or solar columns",
                                                              std::to_string(header.size()) + " other columns"));
  const auto scan = scanRows(csv, header, timeIndex, columns, o, feedback);
  out.rows = scan.rows;
  out.missingValues = scan.missing + static_cast<std::int64_t>(columns.size()) * ((scan.last - scan.first + 1) - scan.rows);
  out.weather.site = o.owner;
  for (const auto& c : columns) {
    if (c.name == kDryBulb) out.weather.dryBulbC = toSeries(c.values, scan.first, scan.last, "degC");
    if (c.name == kRelHumidity) out.weather.relHumidityPct = toSeries(c.values, scan.first, scan.last, "%");
    if (c.name == kDewPoint) out.weather.dewPointC = toSeries(c.values, scan.first, scan.last, "degC");
    if (c.name == kSolar) out.weather.solarWm2 = toSeries(c.values, scan.first, scan.last, "W/m2");
  }
  return out;
}

ParsedMeters readMeterCsv(const std::string& path, const CsvSeriesOptions& o, bool plant, std::int64_t zeroRunHours,
                          core::Feedback& feedback) {
  io::TextInput input(path, io::textEncodingFromName(o.encoding));
  io::CsvReader csv(input);
  const auto header = readHeader(csv);
  const std::size_t timeIndex = findTimeColumn(header, o, path);
  ParsedMeters out;
  std::vector<Column> columns;
  std::vector<std::pair<std::string, MeterKind>> keys;
  const char* specHelp = "'[OWNER/]KIND [UNIT]' with KIND cooling, heating, electricity, gas, steam or hot_water";
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i == timeIndex) continue;
    std::string spec = header[i];
    if (!o.columns.empty()) {
      const auto it = std::find_if(o.columns.begin(), o.columns.end(),
                                   [&](const auto& kv) { return lower(kv.first) == lower(header[i]) ||
                                                                lower(kv.first) == lower(splitUnit(header[i]).first); });
      if (it == o.columns.end()) continue;
      spec = it->second;
      if (splitUnit(spec).second.empty() && !splitUnit(header[i]).second.empty())
        spec += " [" + splitUnit(header[i]).second + "]";
    }
    auto [name, unit] = splitUnit(spec);
    if (const auto u = unitOf(header[i], o); !u.empty() && o.columns.empty()) unit = u;
    for (const auto& [col, u] : o.units)
      if (lower(col) == lower(splitUnit(header[i]).first)) unit = u;
    std::string owner = o.owner;
    std::string kindName = name;
    if (const auto slash = name.find('/'); slash != std::string::npos) {
      owner = trimmed(name.substr(0, slash));
      kindName = trimmed(name.substr(slash + 1));
    }
    const auto kind = meterKindFromName(kindName);
    if (!kind) throw core::ValidationError("not a meter column", lineCtx(path, 1, header[i], specHelp, header[i]));
    if (owner.empty())
      throw core::ValidationError("no owner for the meter column",
                                  lineCtx(path, 1, header[i], plant ? "'PLANT/KIND [UNIT]' or the plant option"
                                                                    : "'BUILDING/KIND [UNIT]' or the building option",
                                          header[i]));
    io::domain::checkId(owner, io::domain::Where{path, 1, std::nullopt, header[i]});
    const auto scale = energyUnitToKwh(unit);
    if (!scale)
      throw core::ValidationError(unit.empty() ? "unit missing" : "unknown unit",
                                  lineCtx(path, 1, header[i], "an energy unit: kWh, Wh, MWh, MJ, GJ, kBtu or kW (hourly mean)",
                                          unit.empty() ? "none" : unit));
    for (const auto& k : keys)
      if (k.first == owner && k.second == *kind)
        throw core::ValidationError("two columns for one meter", lineCtx(path, 1, header[i], "one column per owner and kind",
                                                                         owner + "/" + meterKindName(*kind)));
    keys.emplace_back(owner, *kind);
    Column c;
    c.index = i;
    c.name = header[i];
    c.scale = *scale;
    c.lo = 0;
    c.hi = kMaxEnergyKwhPerHour;
    c.range = "an energy of 0..10,000,000 kWh in one hour";
    out.columnsUsed.push_back(header[i] + " -> " + owner + "/" + meterKindName(*kind) + " [kWh from " + unit + "]");
    columns.push_back(std::move(c));
  }
  if (columns.empty())
    throw core::ValidationError("no meter columns", lineCtx(path, 1, "", specHelp, "no such column"));
  const auto scan = scanRows(csv, header, timeIndex, columns, o, feedback);
  out.rows = scan.rows;
  out.missingValues = scan.missing + static_cast<std::int64_t>(columns.size()) * ((scan.last - scan.first + 1) - scan.rows);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    MeterSeries m{keys[i].first, keys[i].second, plant, toSeries(columns[i].values, scan.first, scan.last, "kWh")};
    // Long runs of zeros are often gaps filled with 0 by a logger: reported, never hidden.
    const auto& v = m.series.values;
    for (std::size_t a = 0; a < v.size();) {
      if (v[a] != 0.0) {
        ++a;
        continue;
      }
      std::size_t b = a;
      while (b < v.size() && v[b] == 0.0) ++b;
      if (static_cast<std::int64_t>(b - a) >= zeroRunHours)
        out.zeroRuns.push_back({m.owner, m.kind, m.series.start + static_cast<core::HourKey>(a),
                                static_cast<std::int64_t>(b - a)});
      a = b;
    }
    out.meters.push_back(std::move(m));
  }
  return out;
}

ParsedDailyWeather readJmaDailyCsv(const std::string& path, const std::string& encoding) {
  io::TextInput input(path, io::textEncodingFromName(encoding));
  io::CsvReader csv(input);
  ParsedDailyWeather out;
  std::vector<std::string> header;
  std::vector<std::string> sub;  // the JMA download's third header row (品質情報, 均質番号, ...)
  // Find the header line: "Date,..." (compiled) or "年月日,..." (JMA download).
  while (csv.next()) {
    const std::string first = trimmed(csv[0]);
    if (first == "Date" || first == "\xEF\xBB\xBF" "Date") {
      out.format = "jma-compiled";
      for (const auto f : csv.fields()) header.push_back(trimmed(f));
      break;
    }
    if (first == "年月日") {
      out.format = "jma-download";
      for (const auto f : csv.fields()) header.push_back(trimmed(f));
      break;
    }
    if (csv.line() > 20) break;
  }
  if (header.empty())
    throw core::ParseError("not a JMA daily weather file",
                           lineCtx(path, 1, "", "a header line starting with Date or 年月日 (JMA daily data)", "none in the first 20 lines"));
  // The download has two more header rows; the value column is the one whose third row is empty.
  std::int64_t dataLine = 0;
  if (out.format == "jma-download") {
    for (int r = 0; r < 2 && csv.next(); ++r) {
      if (r == 1) {
        for (const auto f : csv.fields()) sub.push_back(trimmed(f));
      }
    }
  }
  auto column = [&](const std::vector<std::string>& names) -> std::optional<std::size_t> {
    for (const auto& n : names)
      for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == n && (sub.empty() || i >= sub.size() || sub[i].empty())) return i;
    return std::nullopt;
  };
  auto quality = [&](std::size_t valueIndex) -> std::optional<std::size_t> {
    for (std::size_t i = valueIndex + 1; i < header.size() && i < sub.size() && header[i] == header[valueIndex]; ++i)
      if (sub[i] == "品質情報") return i;
    return std::nullopt;
  };
  const auto cMax = column({"MaximumTemperature", "最高気温(℃)"});
  const auto cMin = column({"MinimumTemperature", "最低気温(℃)"});
  const auto cMean = column({"AverageTemperature", "平均気温(℃)"});
  const auto cVap = column({"AverageVaporPressure", "平均蒸気圧(hPa)"});
  const auto cRh = column({"AverageHumidity", "平均湿度(％)"});
  const auto cSol = column({"TotalSolarRadiation", "合計全天日射量(MJ/㎡)"});
  if (!cMax || !cMin)
    throw core::ParseError("no daily temperature columns",
                           lineCtx(path, csv.line(), "MaximumTemperature", "MaximumTemperature and MinimumTemperature (最高気温, 最低気温)", "absent"));
  std::optional<std::chrono::year_month_day> previous;
  while (csv.next()) {
    dataLine = csv.line();
    const std::string d = trimmed(csv[0]);
    int y = 0, m = 0, day = 0;
    char s1 = 0, s2 = 0;
    if (std::sscanf(d.c_str(), "%d%c%d%c%d", &y, &s1, &m, &s2, &day) != 5 || (s1 != '/' && s1 != '-') || s1 != s2)
      throw core::ParseError("bad date", lineCtx(path, dataLine, header[0], "YYYY/M/D", d));
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) throw core::ParseError("bad date", lineCtx(path, dataLine, header[0], "a calendar date", d));
    io::domain::checkYear(y, io::domain::Where{path, dataLine, std::nullopt, header[0]});
    if (previous && std::chrono::sys_days(date) <= std::chrono::sys_days(*previous))
      throw core::ValidationError(std::chrono::sys_days(date) == std::chrono::sys_days(*previous) ? "duplicate day" : "days out of order",
                                  lineCtx(path, dataLine, header[0], "a day after " + core::formatDate(*previous), d));
    previous = date;
    DailyWeather w;
    w.date = date;
    auto get = [&](const std::optional<std::size_t>& c) {
      if (!c || *c >= csv.size()) return kMissing;
      if (const auto q = quality(*c); q && *q < csv.size()) {
        const auto qv = parseValue(csv[*q], path, dataLine, header[*c] + " 品質情報");
        if (!qv || *qv < 5) {
          ++out.missingValues;
          return kMissing;
        }
      }
      const auto v = parseValue(csv[*c], path, dataLine, header[*c]);
      if (!v) ++out.missingValues;
      return v.value_or(kMissing);
    };
    w.tMaxC = get(cMax);
    w.tMinC = get(cMin);
    w.tMeanC = get(cMean);
    w.vapourHpa = get(cVap);
    w.rhMeanPct = get(cRh);
    w.solarMjM2 = get(cSol);
    if (!isMissing(w.tMaxC) && !isMissing(w.tMinC) && w.tMinC > w.tMaxC)
      throw core::ValidationError("minimum above maximum",
                                  lineCtx(path, dataLine, header[*cMin], "<= " + std::to_string(w.tMaxC), std::to_string(w.tMinC)));
    auto inRange = [&](double v, const std::optional<std::size_t>& c, double lo, double hi, const char* what,
                       const char* range) {
      if (!isMissing(v) && (v < lo || v > hi))
        throw core::ValidationError(std::string(what) + " out of range",
                                    lineCtx(path, dataLine, header[*c], range, trimmed(csv[*c])));
    };
    inRange(w.tMaxC, cMax, -70, 60, "daily maximum temperature", "-70..60 degC");
    inRange(w.tMinC, cMin, -70, 60, "daily minimum temperature", "-70..60 degC");
    inRange(w.tMeanC, cMean, -70, 60, "daily mean temperature", "-70..60 degC");
    inRange(w.vapourHpa, cVap, 0, 200, "vapour pressure", "0..200 hPa");
    inRange(w.rhMeanPct, cRh, 0, 100.5, "relative humidity", "0..100 %");
    inRange(w.solarMjM2, cSol, 0, 45, "daily solar radiation", "0..45 MJ/m2");
    out.days.push_back(w);
    ++out.rows;
  }
  if (out.days.empty()) throw core::ValidationError("no data rows", lineCtx(path, dataLine, "", "at least one day", "none"));
  return out;
}

}  // namespace ekm::energy
