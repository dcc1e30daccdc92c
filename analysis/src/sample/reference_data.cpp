#include "ekm/sample/reference_data.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ekm/core/data_dir.h"
#include "ekm/core/error.h"

namespace ekm::sample {

using core::ErrorContext;

std::string defaultReferenceDir() { return core::sampleDataDir() + "/reference"; }

namespace {

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw core::ParseError("missing column", ErrorContext{path, 1, std::nullopt, name, "a column '" + name + "'", ""});
  }
};

CsvTable readCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot open reference file", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  CsvTable t;
  t.path = path;
  std::string line;
  if (!std::getline(in, line)) throw core::ParseError("empty file", ErrorContext{path, 1, std::nullopt, "", "a header row", ""});
  t.header = splitCsvLine(line);
  std::int64_t lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty() || line == "\r") continue;
    auto row = splitCsvLine(line);
    if (row.size() != t.header.size())
      throw core::ParseError("wrong number of fields",
                             ErrorContext{path, lineNo, std::nullopt, "", std::to_string(t.header.size()) + " fields",
                                          std::to_string(row.size())});
    t.rows.push_back(std::move(row));
  }
  return t;
}

double toDouble(const CsvTable& t, std::size_t row, std::size_t col) {
  const std::string& s = t.rows[row][col];
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw core::ParseError("not a number", ErrorContext{t.path, static_cast<std::int64_t>(row + 2), std::nullopt,
                                                      t.header[col], "a number", s});
}

nlohmann::json readJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot open reference file", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  try {
    return nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw core::ParseError(std::string("invalid JSON: ") + e.what(), ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
}

LonLatLine lineFromJson(const nlohmann::json& coords) {
  LonLatLine line;
  for (const auto& c : coords) line.push_back({c.at(0).get<double>(), c.at(1).get<double>()});
  return line;
}

}  // namespace

ReferenceData loadReferenceData(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir))
    throw core::IoError("reference directory not found",
                        ErrorContext{dir, std::nullopt, std::nullopt, "", "data/samples/reference with its five files", ""});
  ReferenceData ref;
  {
    const CsvTable t = readCsv(dir + "/stations.csv");
    const auto id = t.column("station_id"), ja = t.column("name_ja"), en = t.column("name_en"),
               op = t.column("operator"), lines = t.column("lines"), lat = t.column("lat"), lon = t.column("lon");
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      ref.stations.push_back({t.rows[r][id], t.rows[r][ja], t.rows[r][en], t.rows[r][op], t.rows[r][lines],
                              toDouble(t, r, lat), toDouble(t, r, lon)});
  }
  {
    const CsvTable t = readCsv(dir + "/census2015_mesh500m.csv");
    const auto code = t.column("mesh_code"), pop = t.column("population");
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      ref.census2015[t.rows[r][code]] = t.rows[r][pop].empty() ? -1 : static_cast<int>(toDouble(t, r, pop));
  }
  {
    const CsvTable t = readCsv(dir + "/buildings.csv");
    const auto lon = t.column("lon"), lat = t.column("lat"), h = t.column("height_m"), fa = t.column("floor_area_m2");
    const auto id = t.column("building_id"), roof = t.column("roof_area_m2");
    ref.buildings.reserve(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      ref.buildings.push_back({toDouble(t, r, lon), toDouble(t, r, lat), toDouble(t, r, h), toDouble(t, r, fa),
                               t.rows[r][id], t.rows[r][roof].empty() ? 0.0 : toDouble(t, r, roof)});
  }
  try {
    const auto rail = readJson(dir + "/rail_lines.geojson");
    for (const auto& f : rail.at("features")) {
      ReferenceRail r;
      r.lineName = f.at("properties").value("line_name", "");
      r.operatorName = f.at("properties").value("operator", "");
      r.barrier = f.at("properties").value("barrier", 0) != 0;
      for (const auto& part : f.at("geometry").at("coordinates")) r.parts.push_back(lineFromJson(part));
      ref.rails.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    throw core::ParseError(std::string("unexpected GeoJSON structure: ") + e.what(),
                           ErrorContext{dir + "/rail_lines.geojson", std::nullopt, std::nullopt, "", "", ""});
  }
  try {
    const auto roads = readJson(dir + "/main_roads.geojson");
    for (const auto& f : roads.at("features")) {
      const auto& p = f.at("properties");
      ReferenceRoad r;
      r.roadId = p.at("road_id").get<std::string>();
      r.name = p.value("name", "");
      r.roadClass = p.value("road_class", "");
      r.oneway = p.value("oneway", 0);
      r.crossing = p.value("crossing", 0) != 0;
      r.comment = p.value("comment", "");
      r.line = lineFromJson(f.at("geometry").at("coordinates"));
      ref.mainRoads.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    throw core::ParseError(std::string("unexpected GeoJSON structure: ") + e.what(),
                           ErrorContext{dir + "/main_roads.geojson", std::nullopt, std::nullopt, "", "", ""});
  }
  return ref;
}

}  // namespace ekm::sample
