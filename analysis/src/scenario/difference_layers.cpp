// Run comparisons as CSV tables and GeoJSON difference layers.
#include "ekm/scenario/difference_layers.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "ekm/core/error.h"

namespace ekm::scenario {
namespace {

using ops::Json;

std::string csvCell(const Json& j) {
  std::string s = j.is_string() ? j.get<std::string>() : j.dump();
  if (s.find_first_of(",\"\n") != std::string::npos) {
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  return s;
}

Json numberOrNull(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

std::string safeName(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
  return s;
}

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw core::IoError("cannot write", core::ErrorContext{path, {}, {}, "", "", ""});
}

std::string csvOf(const TableComparison& t) {
  std::string s;
  for (const auto& k : t.keyColumns) s += csvCell(Json(k)) + ",";
  s += "column,a,b,diff\n";
  for (const auto& c : t.changes) {
    for (const auto& k : c.key) s += csvCell(k) + ",";
    s += csvCell(Json(c.column)) + ",";
    s += (std::isfinite(c.a) ? Json(c.a).dump() : "") + "," + (std::isfinite(c.b) ? Json(c.b).dump() : "") + ",";
    s += std::isfinite(c.diff()) ? Json(c.diff()).dump() : "";
    s += "\n";
  }
  return s;
}

// One feature per key with properties column_a, column_b, column_diff.
Json featuresOf(const TableComparison& t, const std::map<std::string, Json>& geometryById) {
  std::map<std::string, Json> props;
  std::vector<std::string> order;
  for (const auto& c : t.changes) {
    if (c.key.empty()) continue;
    const std::string id = c.key[0].is_string() ? c.key[0].get<std::string>() : c.key[0].dump();
    if (!props.count(id)) {
      order.push_back(id);
      props[id] = Json::object();
      props[id][t.keyColumns.empty() ? "id" : t.keyColumns[0]] = id;
    }
    props[id][c.column + "_a"] = numberOrNull(c.a);
    props[id][c.column + "_b"] = numberOrNull(c.b);
    props[id][c.column + "_diff"] = numberOrNull(c.diff());
  }
  Json features = Json::array();
  for (const auto& id : order) {
    const auto g = geometryById.find(id);
    if (g == geometryById.end()) continue;
    features.push_back({{"type", "Feature"}, {"geometry", g->second}, {"properties", props[id]}});
  }
  return {{"type", "FeatureCollection"}, {"name", t.stepId + "." + t.table}, {"features", features}};
}

std::map<std::string, Json> segmentGeometry(store::Project& p) {
  std::map<std::string, Json> out;
  for (const auto& s : p.segments()) {
    Json coords = Json::array();
    for (const auto& pt : s.points) coords.push_back({pt.lon, pt.lat});
    out[s.segmentId] = {{"type", "LineString"}, {"coordinates", coords}};
  }
  return out;
}

std::map<std::string, Json> cellGeometry(store::Project& p) {
  std::map<std::string, Json> out;
  for (const auto& c : p.meshCells()) {
    const Json ring = Json::array({Json::array({c.west, c.south}), Json::array({c.east, c.south}),
                                   Json::array({c.east, c.north}), Json::array({c.west, c.north}),
                                   Json::array({c.west, c.south})});
    out[c.meshCode] = {{"type", "Polygon"}, {"coordinates", Json::array({ring})}};
  }
  return out;
}

}  // namespace

std::vector<std::string> writeComparison(const std::vector<TableComparison>& tables, store::Project& project,
                                         const std::string& outDir) {
  std::vector<std::string> files;
  std::map<std::string, Json> segments, cells;
  for (const auto& t : tables) {
    const std::string base = (std::filesystem::path(outDir) / (safeName(t.stepId) + "." + safeName(t.table))).string();
    writeFile(base + ".csv", csvOf(t));
    files.push_back(base + ".csv");
    if (t.geometry != "segment" && t.geometry != "cell") continue;
    auto& geometry = t.geometry == "segment" ? segments : cells;
    if (geometry.empty()) geometry = t.geometry == "segment" ? segmentGeometry(project) : cellGeometry(project);
    writeFile(base + ".geojson", featuresOf(t, geometry).dump());
    files.push_back(base + ".geojson");
  }
  return files;
}

}  // namespace ekm::scenario
