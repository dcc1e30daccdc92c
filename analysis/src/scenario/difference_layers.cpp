// Run comparisons as CSV tables and GeoJSON difference layers.
#include "ekm/scenario/difference_layers.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <ogr_geometry.h>

#include "ekm/core/error.h"
#include "ekm/mesh/mesh_code.h"
#include "ekm/ops/result_geometry.h"

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

std::string keyText(const Json& k) { return k.is_string() ? k.get<std::string>() : k.dump(); }

// One feature per key with properties column_a, column_b, column_diff; `geometryOf` gives a
// key's geometry (null: the key has none and is left out of the layer).
template <class GeometryOf>
Json featuresOf(const TableComparison& t, GeometryOf geometryOf) {
  std::map<std::string, Json> props, geometry;
  std::vector<std::string> order;
  for (const auto& c : t.changes) {
    if (c.key.empty()) continue;
    std::string id;
    for (const auto& k : c.key) id += (id.empty() ? "" : "|") + keyText(k);
    if (!props.count(id)) {
      order.push_back(id);
      props[id] = Json::object();
      for (std::size_t i = 0; i < c.key.size(); ++i)
        props[id][i < t.keyColumns.size() ? t.keyColumns[i] : "id" + std::to_string(i)] = keyText(c.key[i]);
      geometry[id] = geometryOf(c.key);
    }
    props[id][c.column + "_a"] = numberOrNull(c.a);
    props[id][c.column + "_b"] = numberOrNull(c.b);
    props[id][c.column + "_diff"] = numberOrNull(c.diff());
  }
  Json features = Json::array();
  for (const auto& id : order)
    if (!geometry[id].is_null())
      features.push_back({{"type", "Feature"}, {"geometry", geometry[id]}, {"properties", props[id]}});
  return {{"type", "FeatureCollection"}, {"name", t.stepId + "." + t.table}, {"features", features}};
}

// Where each OD zone lies: the zones tables compared alongside (a zones step in both runs),
// else the centre of the mesh cell a zone id names.
using ZonePoints = std::map<std::string, std::pair<double, double>>;

ZonePoints zonePointsOf(const std::vector<TableComparison>& tables) {
  ZonePoints out;
  for (const auto& t : tables) {
    if (t.table != "zones") continue;
    for (const auto& c : t.changes) {
      if (c.key.empty() || (c.column != "lon" && c.column != "lat")) continue;
      const double v = std::isfinite(c.b) ? c.b : c.a;
      if (!std::isfinite(v)) continue;
      auto& p = out.try_emplace(keyText(c.key[0]), std::nan(""), std::nan("")).first->second;
      (c.column == "lon" ? p.first : p.second) = v;
    }
  }
  return out;
}

Json zonePoint(const ZonePoints& zones, const std::string& id) {
  if (const auto it = zones.find(id); it != zones.end() && std::isfinite(it->second.first) &&
                                      std::isfinite(it->second.second))
    return Json::array({it->second.first, it->second.second});
  if (mesh::isValidCode(id)) {
    const mesh::MeshCell c = mesh::decode(id);
    return Json::array({c.centerLon(), c.centerLat()});
  }
  return nullptr;
}

// A desire line from the origin's point to the destination's; none for trips within a zone
// or a zone without a known point.
Json desireLine(const ZonePoints& zones, const std::vector<Json>& key) {
  if (key.size() < 2 || keyText(key[0]) == keyText(key[1])) return nullptr;
  const Json o = zonePoint(zones, keyText(key[0])), d = zonePoint(zones, keyText(key[1]));
  if (o.is_null() || d.is_null()) return nullptr;
  return {{"type", "LineString"}, {"coordinates", Json::array({o, d})}};
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

// GeoJSON geometries of a "wkt" table's keys (by the key's JSON array text, as wktByKey).
std::map<std::string, Json> wktGeometry(const TableComparison& t) {
  std::map<std::string, Json> out;
  for (const auto& [key, wkt] : t.wktByKey) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) != OGRERR_NONE || !g) continue;
    char* json = g->exportToJson();
    if (json) out[key] = Json::parse(json);
    CPLFree(json);
    OGRGeometryFactory::destroyGeometry(g);
  }
  return out;
}

}  // namespace

std::vector<std::string> writeComparison(const std::vector<TableComparison>& tables, store::Project& project,
                                         const std::string& outDir) {
  std::vector<std::string> files;
  std::map<std::string, Json> segments, cells;
  const ZonePoints zones = zonePointsOf(tables);
  for (const auto& t : tables) {
    const std::string base = (std::filesystem::path(outDir) / (safeName(t.stepId) + "." + safeName(t.table))).string();
    writeFile(base + ".csv", csvOf(t));
    files.push_back(base + ".csv");
    Json layer;
    if (t.geometry == "od") {
      layer = featuresOf(t, [&](const std::vector<Json>& key) { return desireLine(zones, key); });
    } else if (t.geometry == "segment" || t.geometry == "cell") {
      auto& geometry = t.geometry == "segment" ? segments : cells;
      if (geometry.empty()) geometry = t.geometry == "segment" ? segmentGeometry(project) : cellGeometry(project);
      layer = featuresOf(t, [&](const std::vector<Json>& key) {
        const auto g = geometry.find(keyText(key[0]));
        return g == geometry.end() ? Json(nullptr) : g->second;
      });
    } else if (t.geometry == ops::kWktGeometry) {  // the rows' own lines (route demand)
      const auto lines = wktGeometry(t);
      layer = featuresOf(t, [&](const std::vector<Json>& key) {
        const auto g = lines.find(Json(key).dump());
        return g == lines.end() ? Json(nullptr) : g->second;
      });
    } else {
      continue;
    }
    writeFile(base + ".geojson", layer.dump());
    files.push_back(base + ".geojson");
  }
  return files;
}

}  // namespace ekm::scenario
