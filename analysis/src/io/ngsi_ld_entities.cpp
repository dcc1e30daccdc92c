// NGSI-LD flow observations -> plain count observations (see ngsi_ld_entities.h).
#include "ekm/io/ngsi_ld_entities.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/domain_checks.h"

namespace ekm::io {

using core::ErrorContext;
using core::ParseError;
using core::ValidationError;
using nlohmann::json;

const char* ngsiFlowTypeName(NgsiFlowType t) {
  switch (t) {
    case NgsiFlowType::Crowd: return "CrowdFlowObserved";
    case NgsiFlowType::Traffic: return "TrafficFlowObserved";
    case NgsiFlowType::Item: return "ItemFlowObserved";
  }
  return "?";
}

std::string ngsiShortId(const std::string& id) {
  const auto p = id.find_last_of(":/#");
  return p == std::string::npos ? id : id.substr(p + 1);
}

namespace {

int digits(const std::string& s, std::size_t pos, std::size_t n, bool& ok) {
  int v = 0;
  if (pos + n > s.size()) {
    ok = false;
    return 0;
  }
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') ok = false;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<std::int64_t> parseNgsiDateTime(const std::string& t) {
  bool ok = true;
  if (t.size() < 16 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':') return std::nullopt;
  const int y = digits(t, 0, 4, ok), mo = digits(t, 5, 2, ok), d = digits(t, 8, 2, ok);
  const int h = digits(t, 11, 2, ok), mi = digits(t, 14, 2, ok);
  int s = 0;
  std::size_t pos = 16;
  if (pos < t.size() && t[pos] == ':') {
    s = digits(t, pos + 1, 2, ok);
    pos += 3;
    if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
      ++pos;
      const std::size_t start = pos;
      while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;  // fractions are dropped (counts are per whole seconds)
    }
  }
  int offsetMin = 0;
  if (pos < t.size()) {
    if (t[pos] == 'Z' && pos + 1 == t.size()) {
      ++pos;
    } else if (t[pos] == '+' || t[pos] == '-') {
      const int sign = t[pos] == '-' ? -1 : 1;
      const int oh = digits(t, pos + 1, 2, ok);
      int om = 0;
      if (pos + 3 < t.size() && t[pos + 3] == ':') {
        om = digits(t, pos + 4, 2, ok);
        pos += 6;
      } else if (pos + 5 == t.size()) {
        om = digits(t, pos + 3, 2, ok);
        pos += 5;
      } else {
        pos += 3;
      }
      if (oh > 14 || om > 59) return std::nullopt;
      offsetMin = sign * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  if (!ok || pos != t.size() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(mo)), std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return std::nullopt;
  return core::daysFromCivil(ymd) * 86400 + h * 3600 + mi * 60 + s - std::int64_t{offsetMin} * 60;
}

std::string formatNgsiDateTime(std::int64_t t) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t sec = t - days * 86400;
  const auto ymd = core::civilFromDays(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(sec / 3600), int(sec / 60 % 60), int(sec % 60));
  return buf;
}

namespace {

// One instance of an attribute.
struct Instance {
  const json* value = nullptr;  // the value (or relationship object)
  const json* holder = nullptr; // the instance object (sub-properties), or null
  std::string unitCode;
  std::optional<std::string> observedAt;
};

bool isNgsiAttributeType(const std::string& t) {
  return t == "Property" || t == "Relationship" || t == "GeoProperty" || t == "Geoproperty" ||
         t == "LanguageProperty" || t == "VocabProperty" || t == "JsonProperty" || t == "ListProperty";
}

std::string shortName(const std::string& name) {
  if (name.find("://") == std::string::npos) return name;
  const auto p = name.find_last_of("/#");
  return p == std::string::npos ? name : name.substr(p + 1);
}

struct EntityReader {
  const std::string& source;
  const std::string& entityId;

  ErrorContext at(const std::string& attribute, const std::string& expected, const std::string& found) const {
    ErrorContext c;
    c.file = source;
    c.field = "entity " + entityId + (attribute.empty() ? "" : ", attribute " + attribute);
    c.expected = expected;
    c.found = found.size() > 200 ? found.substr(0, 200) + "..." : found;
    return c;
  }
  // The same place for the shared domain checks (ekm/io/domain_checks.h).
  domain::Where where(const std::string& attribute) const {
    return domain::Where{source, std::nullopt, std::nullopt, "entity " + entityId + ", attribute " + attribute};
  }

  Instance one(const json& a, const std::string& name) const {
    Instance in;
    if (a.is_object()) {
      const auto type = a.find("type");
      const bool typed = type != a.end() && type->is_string() && isNgsiAttributeType(type->get<std::string>());
      const auto v = a.find("value");
      const auto o = a.find("object");
      if (typed || (!a.contains("coordinates") && (v != a.end() || o != a.end()))) {
        in.holder = &a;
        if (v != a.end()) in.value = &*v;
        else if (o != a.end()) in.value = &*o;
        else throw ParseError("attribute without value", at(name, "\"value\" or \"object\"", a.dump()));
        if (const auto u = a.find("unitCode"); u != a.end() && u->is_string()) in.unitCode = u->get<std::string>();
        if (const auto t = a.find("observedAt"); t != a.end()) {
          if (!t->is_string()) throw ParseError("bad observedAt", at(name, "an ISO 8601 date-time string", t->dump()));
          in.observedAt = t->get<std::string>();
        }
        return in;
      }
    }
    in.value = &a;  // keyValues or a GeoJSON geometry
    return in;
  }

  std::vector<Instance> instances(const json& a, const std::string& name) const {
    std::vector<Instance> out;
    if (a.is_array()) {
      for (const auto& e : a) {
        if (!e.is_object()) return {Instance{&a, nullptr, {}, std::nullopt}};  // a list value (keyValues)
        out.push_back(one(e, name));
      }
      return out;
    }
    if (a.is_object()) {
      const auto values = a.find("values");
      if (values != a.end() && values->is_array()) {  // temporalValues: [[value, time], ...]
        std::string unit;
        if (const auto u = a.find("unitCode"); u != a.end() && u->is_string()) unit = u->get<std::string>();
        for (const auto& pair : *values) {
          if (!pair.is_array() || pair.size() < 2 || !pair[1].is_string())
            throw ParseError("bad temporal value", at(name, "[value, \"observedAt\"] pairs", pair.dump()));
          out.push_back(Instance{&pair[0], nullptr, unit, pair[1].get<std::string>()});
        }
        return out;
      }
    }
    out.push_back(one(a, name));
    return out;
  }

  std::string text(const json& v, const std::string& name, const char* expected) const {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_object()) {
      const auto at_ = v.find("@value");
      if (at_ != v.end() && at_->is_string()) return at_->get<std::string>();
    }
    throw ParseError("bad " + name, at(name, expected, v.dump()));
  }

  std::int64_t time(const json& v, const std::string& name) const {
    const std::string s = text(v, name, "an ISO 8601 date-time");
    const auto t = parseNgsiDateTime(s);
    if (!t) throw ParseError("bad date-time", at(name, "an ISO 8601 date-time such as 2025-03-27T01:00:00Z", s));
    domain::checkDateDays(*t >= 0 ? *t / 86400 : (*t - 86399) / 86400, where(name));
    return *t;
  }

  double count(const Instance& in, const std::string& name) const {
    if (!in.value->is_number())
      throw ParseError("count is not a number", at(name, "a number of people/vehicles/items", in.value->dump()));
    const double v = in.value->get<double>();
    if (!std::isfinite(v) || v < 0) throw ValidationError("negative count", at(name, "a count >= 0", in.value->dump()));
    domain::checkCount(v, where(name));
    if (!in.unitCode.empty() && in.unitCode != "C62" && in.unitCode != "IE" && in.unitCode != "H87")
      throw ValidationError("unit is not a count",
                            at(name, "no unitCode or a count unit (C62 one, IE person, H87 piece)", in.unitCode));
    return v;
  }
};

using Attrs = std::map<std::string, const json*>;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void readEntity(const json& e, const std::string& source, std::size_t index, NgsiDocument& out) {
  if (!e.is_object())
    throw ParseError("not an NGSI-LD entity", ErrorContext{source, std::nullopt, static_cast<std::int64_t>(index), "",
                                                          "a JSON object with id and type", e.dump().substr(0, 80)});
  const auto idIt = e.find("id");
  const std::string id = idIt != e.end() && idIt->is_string() ? idIt->get<std::string>() : std::string();
  if (id.empty())
    throw ParseError("entity without id", ErrorContext{source, std::nullopt, static_cast<std::int64_t>(index), "id",
                                                      "a string id (urn:ngsi-ld:...)", e.dump().substr(0, 80)});
  domain::checkId(id, domain::Where{source, std::nullopt, static_cast<std::int64_t>(index), "id"});
  EntityReader r{source, id};
  std::vector<std::string> types;
  if (const auto t = e.find("type"); t != e.end()) {
    if (t->is_string()) types.push_back(shortName(t->get<std::string>()));
    else if (t->is_array())
      for (const auto& x : *t)
        if (x.is_string()) types.push_back(shortName(x.get<std::string>()));
  }
  std::optional<NgsiFlowType> type;
  for (const auto& t : types)
    for (auto k : {NgsiFlowType::Crowd, NgsiFlowType::Traffic, NgsiFlowType::Item})
      if (t == ngsiFlowTypeName(k) && !type) type = k;
  if (!type) {
    std::string found;
    for (const auto& t : types) found += (found.empty() ? "" : ",") + t;
    throw ValidationError("unsupported entity type",
                          r.at("type", "CrowdFlowObserved, TrafficFlowObserved or ItemFlowObserved", found));
  }

  Attrs attrs;
  for (const auto& [k, v] : e.items())
    if (k != "id" && k != "type" && k != "@context") attrs[shortName(k)] = &v;
  auto find = [&](const char* name) -> const json* {
    const auto it = attrs.find(name);
    return it == attrs.end() ? nullptr : it->second;
  };
  // The last instance's value of a static attribute.
  auto lastValue = [&](const char* name) -> const json* {
    const json* a = find(name);
    if (!a) return nullptr;
    const auto ins = r.instances(*a, name);
    return ins.empty() ? nullptr : ins.back().value;
  };
  auto lastText = [&](const char* name) -> std::string {
    const json* v = lastValue(name);
    std::string t = v ? r.text(*v, name, "a string") : std::string();
    domain::checkText(t, r.where(name));
    return t;
  };

  NgsiEntityInfo info;
  info.id = id;
  info.type = *type;
  info.refRoadSegment = lastText("refRoadSegment");
  info.refStation = lastText("refStation");
  if (info.refStation.empty()) info.refStation = lastText("refPointOfInterest");
  if (const json* loc = lastValue("location")) {
    const json* g = loc;
    if (g->is_string()) throw ParseError("bad location", r.at("location", "a GeoJSON geometry", g->dump()));
    const std::string gt = g->is_object() && g->contains("type") && (*g)["type"].is_string() ? (*g)["type"].get<std::string>() : "";
    auto point = [&](const json& c) {
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number())
        throw ParseError("bad coordinates", r.at("location", "[longitude, latitude]", c.dump()));
      const double lon = c[0].get<double>(), lat = c[1].get<double>();
      if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lat) > 90 || std::abs(lon) > 180)
        throw ValidationError("coordinates out of range", r.at("location", "longitude, latitude in degrees", c.dump()));
      info.location.push_back({lon, lat});
    };
    const json& c = g->is_object() && g->contains("coordinates") ? (*g)["coordinates"] : json();
    if (gt == "Point") {
      point(c);
    } else if (gt == "LineString" && c.is_array()) {
      for (const auto& p : c) point(p);
      info.locationIsLine = true;
    } else if (gt == "MultiLineString" && c.is_array()) {
      for (const auto& l : c)
        if (l.is_array())
          for (const auto& p : l) point(p);
      info.locationIsLine = true;
    } else {
      throw ValidationError("unsupported location", r.at("location", "a GeoJSON Point, LineString or MultiLineString",
                                                         g->dump()));
    }
  }

  // Mode and direction.
  store::TravelMode mode = store::TravelMode::Pedestrian;
  NgsiDirection dir = NgsiDirection::Unspecified;
  auto parseDir = [&](const char* name, bool allowInOut) {
    const std::string v = lower(lastText(name));
    if (v.empty()) return NgsiDirection::Unspecified;
    if (v == "forward" || (allowInOut && (v == "inbound" || v == "towards"))) return NgsiDirection::Forward;
    if (v == "backward" || (allowInOut && (v == "outbound" || v == "away"))) return NgsiDirection::Backward;
    throw ValidationError("bad direction", r.at(name, allowInOut ? "inbound, outbound, forward or backward"
                                                                 : "forward or backward", v));
  };
  std::vector<std::pair<std::string, NgsiDirection>> countAttrs;
  if (*type == NgsiFlowType::Crowd) {
    dir = parseDir("direction", true);
    if (find("peopleCount")) {
      countAttrs.push_back({"peopleCount", dir});
    } else {
      if (find("peopleCountTowards")) countAttrs.push_back({"peopleCountTowards", NgsiDirection::Forward});
      if (find("peopleCountAway")) countAttrs.push_back({"peopleCountAway", NgsiDirection::Backward});
    }
    if (countAttrs.empty())
      throw ValidationError("no count", r.at("peopleCount", "peopleCount (or peopleCountTowards/peopleCountAway)",
                                             "no such attribute"));
  } else {
    const bool item = *type == NgsiFlowType::Item;
    dir = parseDir("laneDirection", item);
    if (const json* rev = lastValue("reversedLane"); rev && rev->is_boolean() && rev->get<bool>())
      dir = dir == NgsiDirection::Forward ? NgsiDirection::Backward
                                          : dir == NgsiDirection::Backward ? NgsiDirection::Forward : dir;
    const char* kindAttr = item ? "itemType" : "vehicleType";
    const std::string k = lower(lastText(kindAttr));
    if (item) {
      if (k == "person" || k == "people" || k == "pedestrian") mode = store::TravelMode::Pedestrian;
      else if (k == "bicycle" || k == "bike" || k == "cycle") mode = store::TravelMode::Bicycle;
      else if (k == "vehicle" || k == "car" || k == "bus" || k == "lorry" || k == "truck" || k == "van" ||
               k == "motorcycle" || k == "motorvehicle" || k == "taxi")
        mode = store::TravelMode::Vehicle;
      else
        throw ValidationError("item type is not a travel mode",
                              r.at(kindAttr, "person/pedestrian, bicycle/bike or a vehicle (car, bus, ...)", k));
    } else {
      mode = k == "bicycle" ? store::TravelMode::Bicycle : store::TravelMode::Vehicle;
    }
    if (!find("intensity"))
      throw ValidationError("no count", r.at("intensity", "the number of vehicles/items observed", "no such attribute"));
    countAttrs.push_back({"intensity", dir});
  }

  // Entity-level period (dateObservedFrom/To, else dateObserved).
  std::optional<std::pair<std::int64_t, std::int64_t>> entityPeriod;
  const json* from = lastValue("dateObservedFrom");
  const json* to = lastValue("dateObservedTo");
  if (from || to) {
    if (!from || !to)
      throw ValidationError("half a period", r.at(from ? "dateObservedTo" : "dateObservedFrom",
                                                  "both dateObservedFrom and dateObservedTo", "only one"));
    entityPeriod = {r.time(*from, "dateObservedFrom"), r.time(*to, "dateObservedTo")};
  } else if (const json* when = lastValue("dateObserved")) {
    const std::string s = r.text(*when, "dateObserved", "an ISO 8601 date-time or interval");
    const auto slash = s.find('/');
    if (slash != std::string::npos) {
      const auto a = parseNgsiDateTime(s.substr(0, slash)), b = parseNgsiDateTime(s.substr(slash + 1));
      if (!a || !b) throw ParseError("bad date-time", r.at("dateObserved", "an ISO 8601 interval A/B", s));
      entityPeriod = {*a, *b};
    } else {
      // A lone instant is the end of the observation (see kNgsiLoneInstantPeriodS).
      const std::int64_t t = r.time(*when, "dateObserved");
      if (t % 3600 != 0)
        throw ValidationError("no observation period",
                              r.at("dateObserved", "dateObservedFrom/dateObservedTo, an interval A/B, or an instant "
                                                   "on the hour (the hour that ends there)", s));
      entityPeriod = {t - kNgsiLoneInstantPeriodS, t};
    }
  }

  for (const auto& [name, d] : countAttrs) {
    const auto ins = r.instances(*find(name.c_str()), name);
    // The step of a temporal attribute: the most common gap between its instances.
    std::int64_t step = 0;
    std::vector<std::int64_t> stamps;
    for (const auto& in : ins)
      if (in.observedAt) stamps.push_back(r.time(json(*in.observedAt), name + ".observedAt"));
    if (ins.size() > 1) {
      if (stamps.size() != ins.size())
        throw ValidationError("instance without observedAt", r.at(name, "observedAt on every instance", "an instance without"));
      std::vector<std::int64_t> sorted = stamps;
      std::sort(sorted.begin(), sorted.end());
      std::map<std::int64_t, int> gaps;
      for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i] > sorted[i - 1]) ++gaps[sorted[i] - sorted[i - 1]];
      int best = 0;
      for (const auto& [g, n] : gaps)
        if (n > best) best = n, step = g;
    }
    for (std::size_t i = 0; i < ins.size(); ++i) {
      const Instance& in = ins[i];
      NgsiObservation o;
      o.entityId = id;
      o.type = *type;
      o.attribute = name;
      o.series = id + "/" + name;
      o.mode = mode;
      o.direction = d;
      o.value = r.count(in, name);
      const json* subFrom = in.holder && in.holder->contains("dateObservedFrom") ? &(*in.holder)["dateObservedFrom"] : nullptr;
      const json* subTo = in.holder && in.holder->contains("dateObservedTo") ? &(*in.holder)["dateObservedTo"] : nullptr;
      auto subValue = [&](const json* p) { return p->is_object() && p->contains("value") ? &(*p)["value"] : p; };
      if (subFrom && subTo) {
        o.fromS = r.time(*subValue(subFrom), name + ".dateObservedFrom");
        o.toS = r.time(*subValue(subTo), name + ".dateObservedTo");
      } else if (ins.size() > 1) {
        if (step <= 0 || step > 3600 || 3600 % step != 0)
          throw ValidationError("irregular instances", r.at(name, "instances every 5, 10, 15, 20, 30 or 60 minutes "
                                                                  "(or dateObservedFrom/To on each instance)",
                                                            "a step of " + std::to_string(step) + " s"));
        o.toS = stamps[i];
        o.fromS = o.toS - step;
      } else if (entityPeriod) {
        o.fromS = entityPeriod->first;
        o.toS = entityPeriod->second;
      } else if (!stamps.empty() && stamps[0] % 3600 == 0) {
        // One reading, as one of a series would be: the count of the period ending at observedAt.
        o.fromS = stamps[0] - kNgsiLoneInstantPeriodS;
        o.toS = stamps[0];
      } else {
        throw ValidationError("no observation period",
                              r.at(name, "dateObservedFrom/dateObservedTo or dateObserved on the entity, or a "
                                         "temporal attribute with several instances",
                                   "none"));
      }
      if (o.toS <= o.fromS)
        throw ValidationError("empty observation period",
                              r.at(name, "dateObservedFrom before dateObservedTo",
                                   formatNgsiDateTime(o.fromS) + "/" + formatNgsiDateTime(o.toS)));
      out.observations.push_back(std::move(o));
      ++info.observations;
    }
  }
  out.entities.push_back(std::move(info));
}

}  // namespace

void readNgsiLdEntities(const json& doc, const std::string& source, NgsiDocument& out) {
  if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) readEntity(doc[i], source, i, out);
  } else if (doc.is_object() && doc.contains("@graph") && doc["@graph"].is_array()) {
    readNgsiLdEntities(doc["@graph"], source, out);
  } else {
    readEntity(doc, source, 0, out);
  }
}

std::int64_t keepObservationsWithin(NgsiDocument& doc, std::optional<std::int64_t> fromS,
                                    std::optional<std::int64_t> toS) {
  const auto before = doc.observations.size();
  std::erase_if(doc.observations, [&](const NgsiObservation& o) {
    return (fromS && o.fromS < *fromS) || (toS && o.toS > *toS);
  });
  return static_cast<std::int64_t>(before - doc.observations.size());
}

NgsiDocument readNgsiLdFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw core::IoError("cannot open file for reading", ErrorContext{path, std::nullopt, std::nullopt, "", "", ""});
  std::stringstream ss;
  ss << f.rdbuf();
  json doc;
  try {
    doc = json::parse(ss.str());
  } catch (const json::parse_error& e) {
    throw ParseError("not JSON", ErrorContext{path, std::nullopt, std::nullopt, "", "NGSI-LD JSON (an entity or an array)",
                                              e.what()});
  }
  NgsiDocument d;
  readNgsiLdEntities(doc, path, d);
  return d;
}

}  // namespace ekm::io
