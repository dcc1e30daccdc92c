// Scenario edits (close, add, change, scale_demand, scale_zones) read from JSON through their
// typed Params (network_edits.h), with the file and JSON path of every problem: parsing only,
// in a file of its own, so the Params checks that use it link nothing of the project network.
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ekm/core/error.h"
#include "ekm/demand/network_edits.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;
using nlohmann::json;

// [lon, lat] in degrees.
GeoPoint point(const std::vector<double>& p) { return GeoPoint{p[0], p[1], 0}; }

void checkPoint(const std::vector<double>& p, const char* field, const ops::ParamSource& at) {
  std::string found = "[";
  for (std::size_t i = 0; i < p.size(); ++i) found += (i ? ", " : "") + ops::Json(p[i]).dump();
  found += "]";
  if (p.size() != 2)
    throw ops::ParamError("not a coordinate", ErrorContext{at.file, std::nullopt, std::nullopt, at.display(field),
                                                          "[lon, lat]", found});
  if (std::abs(p[0]) > 180 || std::abs(p[1]) > 90)
    throw ops::ParamError("coordinate out of range", ErrorContext{at.file, std::nullopt, std::nullopt,
                                                                 at.display(field), "[lon, lat] in degrees", found});
}

}  // namespace

void AddedLinkEdit::validate(const ops::ParamSource& at) const {
  checkPoint(from, "from", at);
  checkPoint(to, "to", at);
  if (name && name->empty())
    throw ops::ParamError("empty name", ErrorContext{at.file, std::nullopt, std::nullopt, at.display("name"),
                                                    "a non-empty string", "\"\""});
}

void SegmentChangeEdit::validate(const ops::ParamSource& at) const {
  if (!capacity && !speed_kmh)
    throw ops::ParamError("change without effect", ErrorContext{at.file, std::nullopt, std::nullopt, at.here(),
                                                               "capacity and/or speed_kmh", "neither"});
}

ScenarioEdits scenarioEdits(const NetworkEdits& n, const std::string& source, const std::string& at) {
  ScenarioEdits e;
  e.source = source;
  e.at = at;
  e.closeSegments = n.close;
  for (std::size_t i = 0; i < n.add.size(); ++i) {
    const auto& a = n.add[i];
    AddedLinkSpec s;
    s.name = a.name.value_or("added " + std::to_string(i + 1));
    s.from = point(a.from);
    s.to = point(a.to);
    s.speedKmh = a.speed_kmh.value_or(s.speedKmh);
    s.capacity = a.capacity.value_or(s.capacity);
    s.lengthM = a.length_m.value_or(s.lengthM);
    e.add.push_back(std::move(s));
  }
  for (const auto& c : n.change) e.change.push_back({c.segment_id, c.capacity.value_or(0), c.speed_kmh.value_or(0)});
  e.demandScale = n.scale_demand;
  e.scaleZones = n.scale_zones;
  return e;
}

NetworkEdits networkEdits(const ScenarioEdits& e) {
  NetworkEdits n;
  n.close = e.closeSegments;
  for (const auto& a : e.add) {
    AddedLinkEdit link;
    link.name = a.name;
    link.from = {a.from.lon, a.from.lat};
    link.to = {a.to.lon, a.to.lat};
    if (a.speedKmh > 0) link.speed_kmh = a.speedKmh;
    if (a.capacity != AddedLinkSpec{}.capacity) link.capacity = a.capacity;
    if (a.lengthM > 0) link.length_m = a.lengthM;
    n.add.push_back(std::move(link));
  }
  for (const auto& c : e.change) {
    SegmentChangeEdit change;
    change.segment_id = c.segmentId;
    if (c.capacity > 0) change.capacity = c.capacity;
    if (c.speedKmh > 0) change.speed_kmh = c.speedKmh;
    n.change.push_back(std::move(change));
  }
  n.scale_demand = e.demandScale;
  n.scale_zones = e.scaleZones;
  return n;
}

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
  ops::ParamSource src;
  src.file = path;
  src.prefix = at + ".";
  try {  // the operations' reader of the typed edits: every field's path named
    return scenarioEdits(ops::fromJson<NetworkEdits>(ops::Json::parse(root.dump()), src), path, at);
  } catch (const ops::ParamError& e) {
    throw core::ValidationError(e.message(), e.context());  // bad data in a file: exit code 5, as before
  }
}

}  // namespace ekm::demand
