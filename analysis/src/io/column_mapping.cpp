#include "ekm/io/column_mapping.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ekm/core/error.h"
#include "io_util.h"

namespace ekm::io {

using core::ParseError;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::vector<std::string> presetNames() { return {"default", "jp-1km-open-data"}; }

ColumnMapping presetMapping(const std::string& name) {
  ColumnMapping m;
  if (name.empty() || name == "default") {
    m.preset = "default";
    return m;
  }
  if (name == "jp-1km-open-data") {
    // MLIT 全国の人流オープンデータ (1 km mesh, monthly): mesh1kmid,prefcode,citycode,year,month,
    // dayflag,timezone,population
    m.preset = name;
    m.meshLayout = MeshLayout::MonthlyDayTime;
    m.columns = {{"mesh_code", "mesh1kmid"}, {"year", "year"},         {"month", "month"},
                 {"dayflag", "dayflag"},     {"timezone", "timezone"}, {"population", "population"}};
    m.ignore = {"prefcode", "citycode"};
    m.breakdowns = std::vector<std::string>{};
    return m;
  }
  std::string known;
  for (const auto& n : presetNames()) known += (known.empty() ? "" : ", ") + n;
  throw core::Error(core::ErrorCode::Usage, "unknown preset", ctx("", std::nullopt, std::nullopt, "preset", known, name));
}

ColumnMapping loadColumnMapping(const std::string& path, const ColumnMapping& base) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot open mapping file", ctx(path));
  std::stringstream ss;
  ss << in.rdbuf();
  return columnMappingFromJson(ss.str(), path, base);
}

ColumnMapping columnMappingFromJson(const std::string& text, const std::string& path, const ColumnMapping& base) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ParseError(std::string("invalid JSON: ") + e.what(), ctx(path));
  }
  if (!j.is_object()) throw ParseError("mapping must be a JSON object", ctx(path, std::nullopt, std::nullopt, "", "{...}"));
  ColumnMapping m = base;
  auto bad = [&](const std::string& key, const std::string& expected) -> ParseError {
    return ParseError("invalid mapping entry", ctx(path, std::nullopt, std::nullopt, key, expected, j.contains(key) ? j[key].dump() : ""));
  };
  auto stringList = [&](const std::string& key) {
    if (!j[key].is_array()) throw bad(key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& v : j[key]) {
      if (!v.is_string()) throw bad(key, "an array of strings");
      out.push_back(v.get<std::string>());
    }
    return out;
  };
  static const std::vector<std::string> known = {"preset", "delimiter", "encoding", "header", "names", "columns",
                                                 "breakdowns", "ignore", "missing", "values", "kind", "comment",
                                                 "max_count"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::find(known.begin(), known.end(), it.key()) == known.end())
      throw ParseError("unknown mapping key", ctx(path, std::nullopt, std::nullopt, it.key(), "one of preset, delimiter, encoding, header, names, "
                                                           "columns, breakdowns, ignore, missing, values, kind, comment, max_count"));
  if (j.contains("preset")) {
    if (!j["preset"].is_string()) throw bad("preset", "a preset name");
    m = presetMapping(j["preset"].get<std::string>());
  }
  if (j.contains("delimiter")) {
    if (!j["delimiter"].is_string()) throw bad("delimiter", "a one-character string");
    const std::string d = j["delimiter"].get<std::string>();
    if (d == "\\t" || d == "tab") m.delimiter = '\t';
    else if (d.size() == 1) m.delimiter = d[0];
    else throw bad("delimiter", "a one-character string");
  }
  if (j.contains("encoding")) {
    if (!j["encoding"].is_string()) throw bad("encoding", "\"utf-8\" or \"cp932\"");
    m.encoding = j["encoding"].get<std::string>();
  }
  if (j.contains("header")) {
    if (!j["header"].is_boolean()) throw bad("header", "true or false");
    m.header = j["header"].get<bool>();
  }
  if (j.contains("names")) m.names = stringList("names");
  if (!m.header && m.names.empty()) throw bad("names", "column names (required when \"header\" is false)");
  if (j.contains("columns")) {
    if (!j["columns"].is_object()) throw bad("columns", "an object {\"field\": \"column\"}");
    for (auto it = j["columns"].begin(); it != j["columns"].end(); ++it) {
      if (!it.value().is_string()) throw bad("columns", "column names as strings");
      m.columns[it.key()] = it.value().get<std::string>();
    }
  }
  if (j.contains("breakdowns")) m.breakdowns = stringList("breakdowns");
  if (j.contains("ignore")) {
    auto extra = stringList("ignore");
    m.ignore.insert(m.ignore.end(), extra.begin(), extra.end());
  }
  if (j.contains("missing")) m.missing = stringList("missing");
  if (j.contains("max_count")) {
    if (!j["max_count"].is_number() || !(j["max_count"].get<double>() > 0))
      throw bad("max_count", "a positive number (the largest plausible count per row; default 1e7)");
    m.maxCount = j["max_count"].get<double>();
  }
  if (j.contains("values")) {
    if (!j["values"].is_object()) throw bad("values", "an object {\"field\": {\"from\": \"to\"}}");
    for (auto it = j["values"].begin(); it != j["values"].end(); ++it) {
      if (!it.value().is_object()) throw bad("values", "an object {\"field\": {\"from\": \"to\"}}");
      for (auto v = it.value().begin(); v != it.value().end(); ++v) {
        if (!v.value().is_string()) throw bad("values", "string translations");
        m.values[it.key()][v.key()] = v.value().get<std::string>();
      }
    }
  }
  return m;
}

ColumnResolver::ColumnResolver(const ColumnMapping& mapping, std::vector<std::string> header, std::string file)
    : m_mapping(mapping), m_header(std::move(header)), m_file(std::move(file)), m_used(m_header.size(), false) {
  for (auto& h : m_header) h = std::string(trim(h));
}

std::optional<std::size_t> ColumnResolver::find(const std::string& field, const std::vector<std::string>& aliases) {
  auto mark = [&](std::size_t i) {
    m_used[i] = true;
    return std::optional<std::size_t>(i);
  };
  const auto mapped = m_mapping.columns.find(field);
  if (mapped != m_mapping.columns.end()) {
    for (std::size_t i = 0; i < m_header.size(); ++i)
      if (m_header[i] == mapped->second) return mark(i);
    std::string found;
    for (const auto& h : m_header) found += (found.empty() ? "" : ",") + h;
    throw ParseError("missing column", ctx(m_file, 1, std::nullopt, mapped->second, "a column '" + mapped->second + "' (mapped to " + field + ")", found));
  }
  std::vector<std::string> names = {field};
  names.insert(names.end(), aliases.begin(), aliases.end());
  for (const auto& n : names) {
    const std::string ln = lower(n);
    for (std::size_t i = 0; i < m_header.size(); ++i)
      if (!m_used[i] && lower(m_header[i]) == ln) return mark(i);
  }
  return std::nullopt;
}

std::size_t ColumnResolver::require(const std::string& field, const std::vector<std::string>& aliases) {
  if (auto i = find(field, aliases)) return *i;
  std::string expected = "a column '" + field + "'";
  for (const auto& a : aliases) expected += " or '" + a + "'";
  std::string found;
  for (const auto& h : m_header) found += (found.empty() ? "" : ",") + h;
  throw ParseError("missing column", ctx(m_file, 1, std::nullopt, field, expected, found));
}

bool ColumnResolver::isIgnored(std::size_t index) const {
  return std::find(m_mapping.ignore.begin(), m_mapping.ignore.end(), m_header[index]) != m_mapping.ignore.end();
}

std::vector<std::size_t> ColumnResolver::unusedColumns() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < m_header.size(); ++i)
    if (!m_used[i] && !isIgnored(i)) out.push_back(i);
  return out;
}

bool isMissingToken(const ColumnMapping& mapping, std::string_view value) {
  for (const auto& t : mapping.missing)
    if (value == t) return true;
  return false;
}

}  // namespace ekm::io
