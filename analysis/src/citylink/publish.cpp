// Forecasts -> NGSI-LD CrowdFlowForecast entities (see publish.h).
#include "ekm/citylink/publish.h"

#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/ops/result.h"
#include "ekm/store/run_store.h"

namespace ekm::citylink {

using core::ErrorContext;
using core::ValidationError;
using nlohmann::json;

namespace {

ErrorContext where(const std::string& source, const std::string& field, const std::string& expected,
                   const std::string& found) {
  return ErrorContext{source, std::nullopt, std::nullopt, field, expected, found};
}

std::string cellText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

std::optional<double> cellNumber(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string() && !v.get<std::string>().empty()) {
    try {
      std::size_t used = 0;
      const double d = std::stod(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size()) return d;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string urnPart(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json prop(json value) { return {{"type", "Property"}, {"value", std::move(value)}}; }
json dateProp(std::int64_t unixS) {
  return prop({{"@type", "DateTime"}, {"@value", io::formatNgsiDateTime(unixS)}});
}

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::vector<ForecastFigure> forecastFiguresFromTable(const std::vector<std::string>& columns,
                                                     const std::vector<std::vector<json>>& rows,
                                                     const std::string& source, const std::string& mode,
                                                     const std::string& measure) {
  auto col = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return static_cast<int>(i);
    return -1;
  };
  const int fc = col("forecast"), dc = col("datetime"), mc = col("model");
  const int modeCol = col("mode"), measureCol = col("measure");
  int sc = col("series");
  std::string kind;
  if (sc < 0) {
    sc = 0;
    if (!columns.empty() && (columns[0] == "segment" || columns[0] == "cell" || columns[0] == "station"))
      kind = columns[0];
  }
  if (fc < 0 || dc < 0)
    throw ValidationError("not a forecast table", where(source, fc < 0 ? "forecast" : "datetime",
                                                        "columns series, datetime, forecast [, loNN, hiNN]", ""));
  std::vector<std::pair<std::string, int>> bounds;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if ((columns[i].rfind("lo", 0) == 0 || columns[i].rfind("hi", 0) == 0) && columns[i].size() > 2 &&
        std::isdigit(static_cast<unsigned char>(columns[i][2])))
      bounds.push_back({columns[i], static_cast<int>(i)});
  std::vector<ForecastFigure> out;
  std::int64_t line = 1;
  for (const auto& r : rows) {
    ++line;
    ForecastFigure f;
    f.featureId = sc < static_cast<int>(r.size()) ? cellText(r[sc]) : "";
    f.kind = kind;
    f.mode = modeCol >= 0 && modeCol < static_cast<int>(r.size()) ? cellText(r[modeCol]) : mode;
    f.measure = measureCol >= 0 && measureCol < static_cast<int>(r.size()) ? cellText(r[measureCol]) : measure;
    const std::string dt = dc < static_cast<int>(r.size()) ? cellText(r[dc]) : "";
    const auto key = core::parseIsoDateTimeToHourKey(dt);
    ErrorContext c = where(source, "datetime", "an ISO 8601 hour such as 2025-03-27T10:00+09:00", dt);
    c.line = line;
    if (!key) throw core::ParseError("bad datetime", c);
    f.hour = *key;
    const auto mean = fc < static_cast<int>(r.size()) ? cellNumber(r[fc]) : std::nullopt;
    if (!mean) continue;  // a missing forecast is not published
    f.mean = *mean;
    if (mc >= 0 && mc < static_cast<int>(r.size())) f.model = cellText(r[mc]);
    for (const auto& [name, i] : bounds)
      if (i < static_cast<int>(r.size()))
        if (const auto v = cellNumber(r[i])) f.bounds[name] = *v;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<ForecastFigure> forecastFiguresFromCsv(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw core::IoError("cannot open file for reading", where(path, "", "", ""));
  std::string line;
  if (!std::getline(f, line)) throw core::ParseError("empty file", where(path, "", "a header row", "nothing"));
  const auto columns = splitCsvLine(line);
  std::vector<std::vector<json>> rows;
  while (std::getline(f, line)) {
    if (line.empty() || line == "\r") continue;
    std::vector<json> r;
    for (auto& v : splitCsvLine(line)) r.emplace_back(std::move(v));
    rows.push_back(std::move(r));
  }
  return forecastFiguresFromTable(columns, rows, path);
}

std::vector<ForecastFigure> forecastFiguresFromRun(store::Project& project, const std::string& runIdOrName,
                                                   std::string* runLabel) {
  const auto run = store::findRun(project, runIdOrName);
  if (!run)
    throw ValidationError("no such run", where(project.path(), "forecast", "a run id or name (ekimachi-cli runs list)",
                                               runIdOrName));
  if (runLabel) *runLabel = "run " + std::to_string(run->fid) + (run->name.empty() ? "" : " (" + run->name + ")");
  std::vector<ForecastFigure> out;
  for (const auto& step : store::runSteps(project, run->fid)) {
    const ops::OpResult r = ops::opResultFromJson(ops::Json::parse(step.resultJson));
    // The travel mode and station measure the step forecast (ForecastParams' mode/measure).
    const json params = json::parse(step.paramsJson.empty() ? "{}" : step.paramsJson, nullptr, false);
    auto param = [&](const char* name, const char* fallback) {
      return params.is_object() && params.contains(name) && params[name].is_string() ? params[name].get<std::string>()
                                                                                   : std::string(fallback);
    };
    const std::string mode = param("mode", "pedestrian"), measure = param("measure", "total");
    for (const auto& t : r.tables) {
      bool hasF = false, hasD = false;
      for (const auto& c : t.columns) hasF |= c == "forecast", hasD |= c == "datetime";
      if (!hasF || !hasD) continue;
      std::vector<std::vector<json>> rows;
      for (const auto& row : t.rows) {
        std::vector<json> rr;
        for (const auto& v : row) rr.push_back(json::parse(v.dump()));
        rows.push_back(std::move(rr));
      }
      auto figs = forecastFiguresFromTable(t.columns, rows, "run " + std::to_string(run->fid) + " step " +
                                                                (step.stepId.empty() ? step.op : step.stepId) + " table " + t.name,
                                           mode, measure);
      out.insert(out.end(), figs.begin(), figs.end());
    }
  }
  if (out.empty())
    throw ValidationError("the run holds no forecast", where(project.path(), "forecast",
                                                             "a run with a forecast table (series, datetime, forecast)",
                                                             "run " + std::to_string(run->fid)));
  return out;
}

json forecastEntities(const store::Project& project, const std::vector<ForecastFigure>& figures,
                      const PublishSettings& settings, PublishStats& stats) {
  std::unordered_map<std::string, const store::SegmentRecord*> segIdx;
  std::unordered_map<std::string, const store::MeshCellRecord*> cellIdx;
  std::unordered_map<std::string, const store::StationRecord*> staIdx;
  const auto segments = project.segments();
  const auto cells = project.meshCells();
  const auto stations = project.stations();
  for (const auto& s : segments) segIdx[s.segmentId] = &s;
  for (const auto& c : cells) cellIdx[c.meshCode] = &c;
  for (const auto& s : stations) staIdx[s.stationId] = &s;
  std::string created = settings.createdAt;
  if (created.empty()) created = io::formatNgsiDateTime(static_cast<std::int64_t>(std::time(nullptr)));
  const auto createdS = io::parseNgsiDateTime(created);
  std::set<std::string> seenSeg, seenCell, seenSta;
  std::map<std::string, std::string> seenIds;  // entity id -> model
  json out = json::array();
  for (const ForecastFigure& f : figures) {
    ++stats.figures;
    if (!std::isfinite(f.mean) || f.mean < kSmallCountLimit) {
      ++stats.suppressedHours;
      continue;
    }
    json e;
    std::string kind;
    auto wanted = [&](const char* k) { return f.kind.empty() || f.kind == k; };
    if (const auto it = segIdx.find(f.featureId); wanted("segment") && it != segIdx.end()) {
      kind = "segment";
      seenSeg.insert(f.featureId);
      json coords = json::array();
      for (const auto& p : it->second->points) coords.push_back({p.lon, p.lat});
      e["refRoadSegment"] = {{"type", "Relationship"}, {"object", "urn:ngsi-ld:RoadSegment:" + urnPart(f.featureId)}};
      e["location"] = {{"type", "GeoProperty"}, {"value", {{"type", "LineString"}, {"coordinates", coords}}}};
    } else if (const auto ic = cellIdx.find(f.featureId); wanted("cell") && ic != cellIdx.end()) {
      kind = "cell";
      seenCell.insert(f.featureId);
      const auto* c = ic->second;
      e["meshCode"] = prop(f.featureId);
      e["location"] = {{"type", "GeoProperty"},
                       {"value",
                        {{"type", "Polygon"},
                         {"coordinates", json::array({json::array({{c->west, c->south},
                                                                   {c->east, c->south},
                                                                   {c->east, c->north},
                                                                   {c->west, c->north},
                                                                   {c->west, c->south}})})}}}};
    } else if (const auto is = staIdx.find(f.featureId); wanted("station") && is != staIdx.end()) {
      kind = "station";
      seenSta.insert(f.featureId);
      e["refPointOfInterest"] = {{"type", "Relationship"}, {"object", "urn:ngsi-ld:Station:" + urnPart(f.featureId)}};
      e["location"] = {{"type", "GeoProperty"},
                       {"value", {{"type", "Point"}, {"coordinates", {is->second->position.lon, is->second->position.lat}}}}};
    } else {
      throw ValidationError("forecast of an unknown feature",
                            where(project.path(), "series", "a segment id, mesh code or station id of the project",
                                  f.featureId));
    }
    // What is counted: people (CrowdFlowForecast.peopleCount) or vehicles
    // (TrafficFlowForecast.intensity), and the id component that keeps them apart.
    std::string type = kForecastEntityType, countAttr = "peopleCount", idPart = kind + "-" + urnPart(f.featureId);
    const char* unitCode = "IE";
    if (kind == "segment") {
      if (f.mode != "pedestrian" && f.mode != "bicycle" && f.mode != "vehicle")
        throw ValidationError("unknown travel mode of a forecast",
                              where(project.path(), "mode", "pedestrian, bicycle or vehicle", f.mode));
      idPart += ":" + f.mode;
      if (f.mode != "pedestrian") {
        type = kTrafficForecastEntityType;
        countAttr = "intensity";
        unitCode = nullptr;  // TrafficFlowObserved's intensity is a plain number of vehicles
        if (f.mode == "bicycle") e["vehicleType"] = prop("bicycle");
      }
    } else if (kind == "station") {
      if (f.measure != "total" && f.measure != "boardings" && f.measure != "alightings")
        throw ValidationError("unknown station measure of a forecast",
                              where(project.path(), "measure", "total, boardings or alightings", f.measure));
      idPart += ":" + f.measure;
      // The importer's convention read backwards: inbound = boardings, outbound = alightings.
      if (f.measure != "total") e["direction"] = prop(f.measure == "boardings" ? "inbound" : "outbound");
    }
    auto count = [&](double v) {
      json a = {{"type", "Property"}, {"value", std::llround(v)}};
      if (unitCode) a["unitCode"] = unitCode;
      return a;
    };
    const std::int64_t from = f.hour * 3600;
    char stamp[32];
    const std::string iso = io::formatNgsiDateTime(from);  // 2025-03-27T01:00:00Z
    std::snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2sZ", iso.c_str(), iso.c_str() + 5, iso.c_str() + 8,
                  iso.c_str() + 11);
    json entity;
    const std::string id = "urn:ngsi-ld:" + type + ":" + urnPart(settings.provider) + ":" + idPart + ":" + stamp;
    if (const auto [it, fresh] = seenIds.emplace(id, f.model); !fresh)
      throw ValidationError("two forecasts give the same entity",
                            where(project.path(), "id", "one figure per feature, mode or measure and hour (a run of one model)",
                                  id + " (models " + (it->second.empty() ? "-" : it->second) + " and " +
                                      (f.model.empty() ? "-" : f.model) + ")"));
    entity["id"] = id;
    entity["type"] = type;
    entity[countAttr] = count(f.mean);
    for (const auto& [name, v] : f.bounds) {
      if (!std::isfinite(v) || v < kSmallCountLimit) {
        ++stats.suppressedBounds;
        continue;
      }
      const std::string attr = countAttr + (name[0] == 'l' ? "Low" : "High") + name.substr(2);
      entity[attr] = count(v);
    }
    entity["validFrom"] = dateProp(from);
    entity["validTo"] = dateProp(from + 3600);
    entity["dateCreated"] = createdS ? dateProp(*createdS) : prop(created);
    entity["dateIssued"] = entity["dateCreated"];  // when the forecast was issued (WeatherForecast's attribute)
    for (auto& [k, v] : e.items()) entity[k] = v;
    if (!f.model.empty()) entity["forecastModel"] = prop(f.model);
    if (!settings.source.empty()) entity["source"] = prop(settings.source);
    entity["dataProvider"] = prop(settings.dataProvider);
    entity["@context"] = settings.context;
    if (type == kTrafficForecastEntityType) ++stats.trafficEntities;
    out.push_back(std::move(entity));
    ++stats.entities;
  }
  stats.segments = static_cast<std::int64_t>(seenSeg.size());
  stats.cells = static_cast<std::int64_t>(seenCell.size());
  stats.stations = static_cast<std::int64_t>(seenSta.size());
  return out;
}

}  // namespace ekm::citylink
