// Scenario edits (close, add, change, scale_demand, scale_zones) read from JSON, with the file
// and JSON path of every problem: parsing only, in a file of its own, so the Params checks that
// use it link nothing of the project network.
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "ekm/core/error.h"
#include "ekm/demand/project_scenario.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;
using nlohmann::json;

ErrorContext jctx(const std::string& file, const std::string& field, const std::string& expected,
                  const std::string& found) {
  return ErrorContext{file, std::nullopt, std::nullopt, field, expected, found};
}

double jnumber(const json& j, const std::string& file, const std::string& where, double minExclusive = -INFINITY) {
  if (!j.is_number())
    throw core::ParseError("not a number", jctx(file, where, "a number", j.dump()));
  const double v = j.get<double>();
  if (!std::isfinite(v) || !(v > minExclusive))
    throw core::ValidationError("value out of range",
                                jctx(file, where, "a finite number > " + std::to_string(minExclusive), j.dump()));
  return v;
}

GeoPoint jpoint(const json& j, const std::string& file, const std::string& where) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number())
    throw core::ParseError("not a coordinate", jctx(file, where, "[lon, lat]", j.dump()));
  GeoPoint p{j[0].get<double>(), j[1].get<double>(), 0};
  if (std::abs(p.lon) > 180 || std::abs(p.lat) > 90)
    throw core::ValidationError("coordinate out of range", jctx(file, where, "[lon, lat] in degrees", j.dump()));
  return p;
}

std::string jstring(const json& j, const std::string& file, const std::string& where) {
  if (!j.is_string() || j.get<std::string>().empty())
    throw core::ParseError("not a string", jctx(file, where, "a non-empty string", j.dump()));
  return j.get<std::string>();
}

void checkKeys(const json& obj, const std::set<std::string>& known, const std::string& file, const std::string& where) {
  for (const auto& [k, v] : obj.items())
    if (!known.count(k)) {
      std::string list;
      for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
      throw core::ValidationError("unknown key", jctx(file, where + "." + k, "one of " + list, k));
    }
}

}  // namespace

ScenarioEdits readScenarioEditsJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw core::IoError("cannot read", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& e) {
    throw core::ParseError(std::string("malformed JSON: ") + e.what(),
                           ErrorContext{path, std::nullopt, std::nullopt, "", "JSON", "byte " + std::to_string(e.byte)});
  }
  return scenarioEditsFromJson(root, path, "$");
}

ScenarioEdits scenarioEditsFromJson(const nlohmann::json& root, const std::string& path, const std::string& at) {
  if (!root.is_object()) throw core::ParseError("not a JSON object", jctx(path, at, "an object", root.type_name()));
  checkKeys(root, {"close", "add", "change", "scale_demand", "scale_zones"}, path, at);
  ScenarioEdits e;
  e.source = path;
  e.at = at;
  auto array = [&](const char* key) -> const json& {
    static const json empty = json::array();
    if (!root.contains(key)) return empty;
    if (!root[key].is_array()) throw core::ParseError("not an array", jctx(path, at + "." + key, "an array", root[key].dump()));
    return root[key];
  };
  const auto& close = array("close");
  for (std::size_t i = 0; i < close.size(); ++i)
    e.closeSegments.push_back(jstring(close[i], path, at + ".close[" + std::to_string(i) + "]"));
  const auto& add = array("add");
  for (std::size_t i = 0; i < add.size(); ++i) {
    const std::string w = at + ".add[" + std::to_string(i) + "]";
    const auto& a = add[i];
    if (!a.is_object()) throw core::ParseError("not an object", jctx(path, w, "an object", a.dump()));
    checkKeys(a, {"name", "from", "to", "speed_kmh", "capacity", "length_m"}, path, w);
    AddedLinkSpec s;
    s.name = a.contains("name") ? jstring(a["name"], path, w + ".name") : "added " + std::to_string(i + 1);
    if (!a.contains("from") || !a.contains("to"))
      throw core::ParseError("missing key", jctx(path, w + (a.contains("from") ? ".to" : ".from"), "[lon, lat]", "nothing"));
    s.from = jpoint(a["from"], path, w + ".from");
    s.to = jpoint(a["to"], path, w + ".to");
    if (a.contains("speed_kmh")) s.speedKmh = jnumber(a["speed_kmh"], path, w + ".speed_kmh", 0);
    if (a.contains("capacity")) s.capacity = jnumber(a["capacity"], path, w + ".capacity", 0);
    if (a.contains("length_m")) s.lengthM = jnumber(a["length_m"], path, w + ".length_m", -1e-12);
    e.add.push_back(s);
  }
  const auto& change = array("change");
  for (std::size_t i = 0; i < change.size(); ++i) {
    const std::string w = at + ".change[" + std::to_string(i) + "]";
    const auto& c = change[i];
    if (!c.is_object()) throw core::ParseError("not an object", jctx(path, w, "an object", c.dump()));
    checkKeys(c, {"segment_id", "capacity", "speed_kmh"}, path, w);
    SegmentChangeSpec s;
    if (!c.contains("segment_id")) throw core::ParseError("missing key", jctx(path, w + ".segment_id", "a segment id", "nothing"));
    s.segmentId = jstring(c["segment_id"], path, w + ".segment_id");
    if (c.contains("capacity")) s.capacity = jnumber(c["capacity"], path, w + ".capacity", 0);
    if (c.contains("speed_kmh")) s.speedKmh = jnumber(c["speed_kmh"], path, w + ".speed_kmh", 0);
    if (s.capacity == 0 && s.speedKmh == 0)
      throw core::ValidationError("change without effect", jctx(path, w, "capacity and/or speed_kmh", "neither"));
    e.change.push_back(s);
  }
  if (root.contains("scale_demand")) e.demandScale = jnumber(root["scale_demand"], path, at + ".scale_demand", -1e-12);
  const auto& zones = array("scale_zones");
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const auto& z = zones[i];
    e.scaleZones.push_back(z.is_number_integer() ? std::to_string(z.get<long long>())
                                                 : jstring(z, path, at + ".scale_zones[" + std::to_string(i) + "]"));
  }
  return e;
}

}  // namespace ekm::demand
