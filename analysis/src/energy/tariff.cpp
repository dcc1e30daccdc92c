// Tariff bands, CO2 factors and the hourly CSV reader of the plant's inputs.
#include "ekm/energy/tariff.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "ekm/core/calendar.h"
#include "ekm/core/error.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/text_input.h"

namespace ekm::energy {

bool TariffBand::matches(core::HourKey t) const {
  const core::JstDateTime local = core::jstFromHourKey(t);
  const int month = static_cast<int>(static_cast<unsigned>(local.date.month()));
  if (!months.empty() && std::find(months.begin(), months.end(), month) == months.end()) return false;
  if (!hours.empty() && std::find(hours.begin(), hours.end(), local.hour) == hours.end()) return false;
  if (days == "all") return true;
  const core::DayType dt = core::dayType(local.date);
  if (days == "weekday") return dt == core::DayType::Weekday;
  if (days == "saturday") return dt == core::DayType::Saturday;
  if (days == "holiday") return dt == core::DayType::SundayHoliday;
  if (days == "weekend") return dt != core::DayType::Weekday;
  return false;
}

namespace {

double hourlyValue(const HourlySeries& s, core::HourKey t, const std::string& what, const std::string& source) {
  const double v = s.at(t);
  if (isMissing(v)) {
    core::ErrorContext c;
    c.file = source;
    c.expected = "a value for every hour of the plan";
    c.found = "none at " + core::formatHourKeyJst(t);
    throw core::ValidationError("the hourly " + what + " file does not cover the plan", c);
  }
  return v;
}

}  // namespace

double Tariff::priceAt(core::HourKey t) const {
  if (!hourly.values.empty()) return hourlyValue(hourly, t, "price", source);
  for (const auto& b : bands)
    if (b.matches(t)) return b.yenPerKwh;
  core::ErrorContext c;
  c.file = source;
  c.field = "tariff.bands";
  c.expected = "a band for every hour (add a last band without months/days/hours)";
  c.found = "no band at " + core::formatHourKeyJst(t);
  throw core::ValidationError("the tariff has no price for an hour", c);
}

std::string Tariff::bandAt(core::HourKey t) const {
  if (!hourly.values.empty()) return "hourly";
  for (const auto& b : bands)
    if (b.matches(t)) return b.name;
  return {};
}

double Co2Factor::at(core::HourKey t) const {
  return hourly.values.empty() ? kgPerKwh : hourlyValue(hourly, t, "CO2 factor", source);
}

const std::vector<double>* HourlyColumns::column(const std::string& name) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return values[i].empty() ? nullptr : &values[i];
  return nullptr;
}

int HourlyColumns::hours() const {
  std::size_t n = 0;
  for (const auto& v : values) n = std::max(n, v.size());
  return static_cast<int>(n);
}

HourlyColumns readHourlyCsv(const std::string& path, const std::vector<std::string>& required,
                            const std::vector<std::string>& optional) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ParseError("empty file", core::ErrorContext{path, 1, {}, {}, "a header row", {}});
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < csv.size(); ++i) col[std::string(csv[i])] = i;
  const auto findCol = [&](std::initializer_list<const char*> names) -> long {
    for (const char* n : names)
      if (auto it = col.find(n); it != col.end()) return static_cast<long>(it->second);
    return -1;
  };
  const long timeCol = findCol({"time", "datetime", "timestamp"});
  const long dateCol = findCol({"date"});
  const long hourCol = findCol({"hour"});
  if (timeCol < 0 && (dateCol < 0 || hourCol < 0))
    throw core::ParseError("no time columns", core::ErrorContext{path, 1, {}, "time", "a 'time' column or 'date' and 'hour'", {}});
  std::vector<long> valueCols;
  HourlyColumns out;
  for (const auto& r : required) {
    const long c = findCol({r.c_str()});
    if (c < 0) throw core::ParseError("missing column", core::ErrorContext{path, 1, {}, r, "a column '" + r + "'", {}});
    out.names.push_back(r);
    valueCols.push_back(c);
  }
  for (const auto& o : optional) {
    out.names.push_back(o);
    valueCols.push_back(findCol({o.c_str()}));
  }
  std::map<core::HourKey, std::vector<double>> rows;
  while (csv.next()) {
    const std::int64_t line = csv.line();
    const auto cell = [&](long c) { return c >= 0 && static_cast<std::size_t>(c) < csv.size() ? csv[c] : std::string_view{}; };
    const auto colName = [&](long c) {
      for (const auto& [n, i] : col)
        if (static_cast<long>(i) == c) return n;
      return std::string();
    };
    std::optional<core::HourKey> key;
    if (timeCol >= 0) {
      key = core::parseIsoDateTimeToHourKey(cell(timeCol));
      if (!key)
        throw core::ParseError("bad time", core::ErrorContext{path, line, {}, colName(timeCol),
                                                              "YYYY-MM-DDTHH[:00] (JST unless an offset is given)",
                                                              std::string(cell(timeCol))});
    } else {
      const auto d = core::parseDate(cell(dateCol));
      int h = -1;
      const auto hs = cell(hourCol);
      const auto r = std::from_chars(hs.data(), hs.data() + hs.size(), h);
      if (!d) throw core::ParseError("bad date", core::ErrorContext{path, line, {}, "date", "YYYY-MM-DD", std::string(cell(dateCol))});
      if (r.ec != std::errc() || r.ptr != hs.data() + hs.size() || h < 0 || h > 23)
        throw core::ParseError("bad hour", core::ErrorContext{path, line, {}, "hour", "an hour 0..23", std::string(hs)});
      key = core::hourKeyFromJst(*d, h);
    }
    std::vector<double> v;
    for (long c : valueCols) {
      const auto s = cell(c);
      if (c < 0 || s.empty() || s == "NA" || s == "NaN") {
        v.push_back(kMissing);
        continue;
      }
      double d = 0;
      const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
      if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d))
        throw core::ParseError("bad number", core::ErrorContext{path, line, {}, colName(c), "a number or empty (missing)", std::string(s)});
      v.push_back(d);
    }
    if (!rows.emplace(*key, std::move(v)).second)
      throw core::ParseError("duplicate hour", core::ErrorContext{path, line, {}, {}, "each hour once", core::formatHourKeyJst(*key)});
  }
  out.values.assign(out.names.size(), {});
  if (rows.empty()) return out;
  out.start = rows.begin()->first;
  const std::size_t n = static_cast<std::size_t>(rows.rbegin()->first - out.start + 1);
  for (auto& v : out.values) v.assign(n, kMissing);
  for (const auto& [k, v] : rows)
    for (std::size_t i = 0; i < v.size(); ++i) out.values[i][static_cast<std::size_t>(k - out.start)] = v[i];
  for (std::size_t i = 0; i < valueCols.size(); ++i)
    if (valueCols[i] < 0) out.values[i].clear();
  return out;
}

}  // namespace ekm::energy
