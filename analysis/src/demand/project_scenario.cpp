// Scenario runs on a project's street network: edits by segment id and coordinates.
#include "ekm/demand/project_scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "ekm/core/error.h"

namespace ekm::demand {

namespace {

using core::ErrorContext;
using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string csvText(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string jsonText(const std::string& s) { return json(s).dump(); }

void writeAtomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp);
    if (!f) throw core::IoError("cannot write", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
    f << text;
    if (!f) throw core::IoError("write failed", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw core::IoError("cannot rename into place", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
}

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

OdMatrix alignOd(const NamedOdMatrix& od, const ZoneSystem& zones, const std::string& source) {
  OdMatrix m(static_cast<int>(zones.zones.size()));
  std::vector<int> index(od.zoneIds.size());
  for (std::size_t i = 0; i < od.zoneIds.size(); ++i) {
    index[i] = zones.indexOf(od.zoneIds[i]);
    if (index[i] < 0) {
      bool used = false;
      for (std::size_t j = 0; j < od.zoneIds.size(); ++j)
        used = used || od.matrix(static_cast<int>(i), static_cast<int>(j)) != 0 ||
               od.matrix(static_cast<int>(j), static_cast<int>(i)) != 0;
      if (!used) continue;  // an empty row/column of a zone we do not have: harmless
      throw core::ValidationError("OD zone not in the zone system",
                                  ErrorContext{source, std::nullopt, std::nullopt, "zone", "a zone of the network's zone system",
                                               od.zoneIds[i]});
    }
  }
  for (std::size_t i = 0; i < od.zoneIds.size(); ++i)
    for (std::size_t j = 0; j < od.zoneIds.size(); ++j)
      if (index[i] >= 0 && index[j] >= 0) m(index[i], index[j]) += od.matrix(static_cast<int>(i), static_cast<int>(j));
  return m;
}

Scenario resolveEdits(const ScenarioEdits& edits, const ZonedNetwork& net, std::vector<std::string>* addedNames) {
  const auto& built = net.zoned;
  const int z = built.network.zoneCount();
  std::map<std::string, std::vector<int>> links;
  for (int a = 0; a < built.network.linkCount(); ++a) links[built.linkSegmentId[a]].push_back(a);
  auto linksOf = [&](const std::string& id, const std::string& field) -> const std::vector<int>& {
    const auto it = links.find(id);
    if (it == links.end() || id.rfind("connector:", 0) == 0)
      throw core::ValidationError("unknown segment",
                                  ErrorContext{edits.source, std::nullopt, std::nullopt, field, "a segment_id of the network", id});
    return it->second;
  };
  Scenario s;
  std::set<std::pair<int, int>> closed;
  for (std::size_t i = 0; i < edits.closeSegments.size(); ++i)
    for (int a : linksOf(edits.closeSegments[i], edits.at + ".close[" + std::to_string(i) + "]"))
      if (closed.insert({built.network.link(a).from, built.network.link(a).to}).second)
        s.close.emplace_back(built.network.link(a).from, built.network.link(a).to);
  for (std::size_t i = 0; i < edits.change.size(); ++i) {
    const auto& c = edits.change[i];
    for (int a : linksOf(c.segmentId, edits.at + ".change[" + std::to_string(i) + "].segment_id")) {
      const auto& l = built.network.link(a);
      LinkChange ch;
      ch.from = l.from, ch.to = l.to;
      ch.link = a;  // only this segment's link, not a parallel street between the same nodes
      if (c.capacity > 0) ch.capacity = c.capacity;
      if (c.speedKmh > 0) ch.freeFlowTime = l.length / (c.speedKmh / 3.6);
      s.change.push_back(ch);
    }
  }
  for (const auto& a : edits.add) {
    // Snap on the street network (no centroids), then shift into the zoned numbering.
    auto pair = linksBetween(net.streets, a.from, a.to, a.speedKmh > 0 ? a.speedKmh : net.defaultSpeedKmh, a.capacity,
                             a.lengthM);
    for (auto& l : pair) {
      l.from += z, l.to += z;
      s.add.push_back(l);
      if (addedNames) addedNames->push_back(a.name);
    }
  }
  s.demandScale = edits.demandScale;
  for (const auto& id : edits.scaleZones) {
    const int i = net.zones.indexOf(id);
    if (i < 0)
      throw core::ValidationError("unknown zone",
                                  ErrorContext{edits.source, std::nullopt, std::nullopt, edits.at + ".scale_zones", "a zone id", id});
    s.scaleDestinations.push_back(i);
  }
  return s;
}

void writeProjectLinkDifferences(const std::string& csvPath, const std::string& geojsonPath, const ZonedNetwork& net,
                                 const ScenarioResult& r, const std::vector<std::string>& addedNames) {
  const auto& built = net.zoned;
  std::string csv =
      "link,segment_id,from,to,status,base_volume,scenario_volume,volume_diff,base_time_s,scenario_time_s,time_diff_s\n";
  std::string gj = "{\"type\":\"FeatureCollection\",\"name\":\"link_differences\",\"features\":[\n";
  const auto& snet = r.network.network;
  int row = 0;
  std::size_t added = 0;
  for (const auto& d : r.links) {
    ++row;
    const char* status = d.baseLink < 0 ? "added" : d.scenarioLink < 0 ? "closed" : "base";
    std::string id;
    std::vector<GeoPoint> geometry;
    if (d.baseLink >= 0) {
      id = built.linkSegmentId[d.baseLink];
      geometry = built.linkGeometry[d.baseLink];
    } else {
      id = added < addedNames.size() ? "added:" + addedNames[added] : "added";
      ++added;
      const auto& l = snet.link(d.scenarioLink);
      geometry = {built.nodes[l.from], built.nodes[l.to]};
    }
    const double dv = d.scenarioVolume - d.baseVolume;
    const double dt = d.scenarioTime - d.baseTime;
    csv += std::to_string(row) + ',' + csvText(id) + ',' + std::to_string(d.from + 1) + ',' + std::to_string(d.to + 1) +
           ',' + status + ',' + num(d.baseVolume) + ',' + num(d.scenarioVolume) + ',' + num(dv) + ',' + num(d.baseTime) +
           ',' + num(d.scenarioTime) + ',' + num(dt) + '\n';
    // Always with a decimal point, so that GDAL types the fields Real.
    auto jnum = [](double v) {
      if (!std::isfinite(v)) return std::string("null");
      char b[64];
      std::snprintf(b, sizeof b, "%.6f", v);
      return std::string(b);
    };
    gj += std::string(row > 1 ? ",\n" : "") + "{\"type\":\"Feature\",\"properties\":{\"link\":" + std::to_string(row) +
          ",\"segment_id\":" + jsonText(id) + ",\"from\":" + std::to_string(d.from + 1) + ",\"to\":" +
          std::to_string(d.to + 1) + ",\"status\":\"" + status + "\",\"base_volume\":" + jnum(d.baseVolume) +
          ",\"scenario_volume\":" + jnum(d.scenarioVolume) + ",\"volume_diff\":" + jnum(dv) + ",\"base_time_s\":" +
          jnum(d.baseTime) + ",\"scenario_time_s\":" + jnum(d.scenarioTime) + ",\"time_diff_s\":" + jnum(dt) +
          "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
    char buf[64];
    for (std::size_t k = 0; k < geometry.size(); ++k) {
      std::snprintf(buf, sizeof buf, "%s[%.8f,%.8f]", k ? "," : "", geometry[k].lon, geometry[k].lat);
      gj += buf;
    }
    gj += "]}}";
  }
  gj += "\n]}\n";
  writeAtomically(csvPath, csv);
  writeAtomically(geojsonPath, gj);
}

void writeProjectSkimDifferences(const std::string& path, const ZonedNetwork& net, const ScenarioResult& r) {
  std::string s = "origin,destination,base_demand,scenario_demand,base_time_s,scenario_time_s,time_diff_s\n";
  const int n = r.baseDemand.zoneCount();
  for (int o = 0; o < n; ++o)
    for (int d = 0; d < n; ++d) {
      if (o == d) continue;
      const double bt = r.baseSkims.time(o, d), st = r.scenarioSkims.time(o, d);
      if (!std::isfinite(bt) && !std::isfinite(st)) continue;
      s += csvText(net.zones.zones[o].id) + ',' + csvText(net.zones.zones[d].id) + ',' + num(r.baseDemand(o, d)) + ',' +
           num(r.scenarioDemand(o, d)) + ',' + num(bt) + ',' + num(st) + ',' + num(st - bt) + '\n';
    }
  writeAtomically(path, s);
}

}  // namespace ekm::demand
