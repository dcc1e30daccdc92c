// The bus network of the route-demand model: from a feed, candidate files and service
// edits (transit_network.h).
#include "ekm/mobility/transit_network.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ekm/core/error.h"
#include "ekm/geo/length.h"
#include "ekm/mobility/service_edits.h"

namespace ekm::mobility {

namespace {

using core::ErrorContext;
using ops::Json;

[[noreturn]] void bad(const std::string& file, const std::string& field, const std::string& message,
                      const std::string& expected, const std::string& found) {
  throw core::ValidationError(message, ErrorContext{file, std::nullopt, std::nullopt, field, expected, found});
}

// ---- feed ----------------------------------------------------------------------------

struct PatternAcc {
  std::vector<int> feedStops;
  std::vector<double> timeMin;
  int firstDepartureS = 0;
  HourSeries departures{};
  int trips = 0;
};

// ---- candidate files -----------------------------------------------------------------

struct CandidateStop {
  std::string id, name;
  double lon = 0, lat = 0;
};

struct Candidate {
  std::string id, name;
  double headwayMin = 0, startMin = 0, endMin = 0, speedKmh = 12;
  bool twoWay = true;
  std::vector<std::array<double, 2>> line;
  std::vector<CandidateStop> stops;
};

std::string text(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

double number(const std::string& file, const Json& j, const char* key, std::optional<double> fallback) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (fallback) return *fallback;
    bad(file, key, "missing field", "a number", "nothing");
  }
  if (!it->is_number()) bad(file, key, "not a number", "a number", it->dump());
  return it->get<double>();
}

double clockField(const std::string& file, const Json& j, const char* key, const char* fallback) {
  const auto t = text(j, key);
  const auto m = clockMinutes(t.empty() ? fallback : t);
  if (!m) bad(file, key, "invalid time of day", "HH:MM", t);
  return *m;
}

std::array<double, 2> position(const std::string& file, const Json& c, const std::string& field) {
  if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number())
    bad(file, field, "invalid coordinates", "[lon, lat]", c.dump());
  return {c[0].get<double>(), c[1].get<double>()};
}

void routeProperties(const std::string& file, const Json& p, Candidate& c) {
  c.id = text(p, "route_id");
  if (c.id.empty()) bad(file, "route_id", "a candidate route needs an id", "route_id", "nothing");
  c.name = text(p, "name");
  if (c.name.empty()) c.name = c.id;
  c.headwayMin = number(file, p, "headway_min", std::nullopt);
  if (!(c.headwayMin > 0)) bad(file, "headway_min", "headway must be positive", "> 0", std::to_string(c.headwayMin));
  c.startMin = clockField(file, p, "start", "07:00");
  c.endMin = clockField(file, p, "end", "20:00");
  if (c.endMin <= c.startMin) bad(file, "end", "the span ends before it starts", "after start", text(p, "end"));
  c.speedKmh = number(file, p, "speed_kmh", 12.0);
  if (!(c.speedKmh > 0)) bad(file, "speed_kmh", "speed must be positive", "> 0", std::to_string(c.speedKmh));
  const auto tw = p.find("two_way");
  if (tw != p.end() && !tw->is_null()) {
    if (!tw->is_boolean()) bad(file, "two_way", "not true or false", "a boolean", tw->dump());
    c.twoWay = tw->get<bool>();
  }
}

Candidate readCandidate(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw core::IoError("cannot open the candidate route file", ErrorContext{path, std::nullopt, std::nullopt, "", "a readable file", "none"});
  std::stringstream ss;
  ss << in.rdbuf();
  Json doc;
  try {
    doc = Json::parse(ss.str());
  } catch (const std::exception& e) {
    throw core::ParseError(std::string("not JSON: ") + e.what(), ErrorContext{path, std::nullopt, std::nullopt, "", "JSON", ""});
  }
  Candidate c;
  if (doc.value("type", "") == "FeatureCollection") {
    bool haveLine = false;
    const auto& features = doc["features"];
    for (std::size_t f = 0; f < features.size(); ++f) {
      const auto& feat = features[f];
      const Json g = feat.is_object() ? feat.value("geometry", Json()) : Json();
      const Json props = feat.contains("properties") && feat["properties"].is_object() ? feat["properties"] : Json::object();
      const std::string field = "features[" + std::to_string(f) + "]";
      const std::string type = g.is_object() ? g.value("type", "") : "";
      if (type == "LineString") {
        if (haveLine) bad(path, field, "a candidate has one line", "one LineString", "two");
        haveLine = true;
        routeProperties(path, props, c);
        for (const auto& p : g.value("coordinates", Json::array())) c.line.push_back(position(path, p, field));
      } else if (type == "Point") {
        const auto p = position(path, g.value("coordinates", Json()), field);
        CandidateStop s{text(props, "stop_id"), text(props, "name"), p[0], p[1]};
        if (s.id.empty()) s.id = "s" + std::to_string(c.stops.size() + 1);
        if (s.name.empty()) s.name = s.id;
        c.stops.push_back(std::move(s));
      } else {
        bad(path, field, "unexpected geometry", "LineString or Point", type);
      }
    }
    if (!haveLine) bad(path, "features", "a candidate GeoJSON needs a LineString with the route's properties", "a LineString", "none");
  } else {
    if (!doc.is_object()) bad(path, "", "a candidate is a JSON object", "an object", doc.type_name());
    routeProperties(path, doc, c);
    if (doc.contains("line"))
      for (const auto& p : doc["line"]) c.line.push_back(position(path, p, "line"));
    if (!doc.contains("stops") || !doc["stops"].is_array()) bad(path, "stops", "missing stops", "an array", "nothing");
    for (const auto& s : doc["stops"]) {
      CandidateStop st{text(s, "stop_id"), text(s, "name"), number(path, s, "lon", std::nullopt), number(path, s, "lat", std::nullopt)};
      if (st.id.empty()) st.id = "s" + std::to_string(c.stops.size() + 1);
      if (st.name.empty()) st.name = st.id;
      c.stops.push_back(std::move(st));
    }
  }
  if (c.stops.size() < 2) bad(path, "stops", "a candidate needs at least two stops", ">= 2", std::to_string(c.stops.size()));
  return c;
}

// Distance along a polyline (metres, local plane) of the point's projection.
struct Along {
  double m = 0, offsetM = 0;
};

Along alongLine(const std::vector<std::array<double, 2>>& line, double lon, double lat) {
  const double kx = std::cos(lat * M_PI / 180.0) * 111320.0, ky = 110574.0;
  Along best{0, std::numeric_limits<double>::infinity()};
  double acc = 0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const double ax = line[i][0] * kx, ay = line[i][1] * ky, bx = line[i + 1][0] * kx, by = line[i + 1][1] * ky;
    const double px = lon * kx, py = lat * ky, dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0) : 0.0;
    const double qx = ax + t * dx, qy = ay + t * dy, off = std::hypot(px - qx, py - qy);
    if (off < best.offsetM) best = {acc + t * std::sqrt(len2), off};
    acc += std::sqrt(len2);
  }
  return best;
}

double distanceM(const TransitStop& a, const TransitStop& b) { return geo::geodesicDistanceM(a.lon, a.lat, b.lon, b.lat); }

int stopIndex(const TransitNetwork& n, const std::string& id) {
  for (std::size_t s = 0; s < n.stops.size(); ++s)
    if (n.stops[s].id == id) return static_cast<int>(s);
  return -1;
}

const Json& member(const Json& edit, const char* key, const std::string& path) {
  const auto it = edit.find(key);
  if (it == edit.end() || it->is_null()) bad("", path + "." + key, "missing field", key, "nothing");
  return *it;
}

std::string stringMember(const Json& edit, const char* key, const std::string& path) {
  const auto& v = member(edit, key, path);
  if (!v.is_string()) bad("", path + "." + key, "not a string", "a string", v.dump());
  return v.get<std::string>();
}

double numberMember(const Json& edit, const char* key, const std::string& path) {
  const auto& v = member(edit, key, path);
  if (!v.is_number()) bad("", path + "." + key, "not a number", "a number", v.dump());
  return v.get<double>();
}

double clockMember(const Json& edit, const char* key, const std::string& path, double fallback) {
  const auto it = edit.find(key);
  if (it == edit.end() || it->is_null()) return fallback;
  const auto m = it->is_string() ? clockMinutes(it->get<std::string>()) : std::nullopt;
  if (!m) bad("", path + "." + key, "invalid time of day", "HH:MM", it->dump());
  return *m;
}

TransitRoute& routeOf(TransitNetwork& n, const Json& edit, const std::string& path) {
  const auto id = stringMember(edit, "route_id", path);
  const int r = n.routeIndex(id);
  if (r < 0) bad("", path + ".route_id", "no such route", "a route of the network", id);
  return n.routes[static_cast<std::size_t>(r)];
}

std::string clock(double minutes) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d:%02d", static_cast<int>(minutes) / 60, static_cast<int>(minutes) % 60);
  return b;
}

}  // namespace

std::optional<double> clockMinutes(const std::string& t) {
  int h = 0, m = 0;
  char tail = 0;
  if (std::sscanf(t.c_str(), "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 30 || m < 0 || m > 59) return std::nullopt;
  return h * 60.0 + m;
}

HourSeries departuresInSpan(double startMin, double endMin, double headwayMin) {
  HourSeries d{};
  for (int h = 0; h < kDayHours; ++h) {
    // hours past midnight (24:00-30:00) fall into the service day's early hours
    for (int wrap : {0, 24}) {
      const double a = std::max(startMin, (h + wrap) * 60.0), b = std::min(endMin, (h + wrap + 1) * 60.0);
      if (b > a) d[static_cast<std::size_t>(h)] += (b - a) / headwayMin;
    }
  }
  return d;
}

TransitNetwork transitNetworkFromFeed(const store::GtfsFeed& feed, const ServiceDay& day) {
  const std::set<std::string> services(day.services.begin(), day.services.end());
  std::map<std::string, int> routeOfId;
  for (std::size_t r = 0; r < feed.routes.size(); ++r) routeOfId[feed.routes[r].routeId] = static_cast<int>(r);
  // trips' stop times (grouped by trip)
  std::vector<std::pair<std::size_t, std::size_t>> span(feed.trips.size(), {0, 0});
  for (std::size_t i = 0; i < feed.stopTimes.size();) {
    std::size_t e = i;
    while (e < feed.stopTimes.size() && feed.stopTimes[e].trip == feed.stopTimes[i].trip) ++e;
    span[static_cast<std::size_t>(feed.stopTimes[i].trip)] = {i, e};
    i = e;
  }
  std::vector<std::map<std::vector<int>, PatternAcc>> acc(feed.routes.size());
  for (std::size_t t = 0; t < feed.trips.size(); ++t) {
    const auto& trip = feed.trips[t];
    const auto rit = routeOfId.find(trip.routeId);
    if (rit == routeOfId.end() || !services.count(trip.serviceId)) continue;
    const auto [b, e] = span[t];
    if (e - b < 2) continue;
    std::vector<int> seq;
    for (std::size_t i = b; i < e; ++i) seq.push_back(feed.stopTimes[i].stop);
    auto& p = acc[static_cast<std::size_t>(rit->second)][seq];
    const int dep = feed.stopTimes[b].departureS;
    if (p.trips == 0 || dep < p.firstDepartureS) {
      p.feedStops = seq;
      p.firstDepartureS = dep;
      p.timeMin.clear();
      for (std::size_t i = b; i < e; ++i) p.timeMin.push_back((feed.stopTimes[i].arrivalS - dep) / 60.0);
    }
    ++p.trips;
    p.departures[static_cast<std::size_t>((dep / 3600) % 24)] += 1;
  }
  TransitNetwork n;
  std::vector<int> netStop(feed.stops.size(), -1);
  for (std::size_t r = 0; r < feed.routes.size(); ++r) {
    if (acc[r].empty()) continue;
    std::vector<const PatternAcc*> pats;
    for (const auto& [seq, p] : acc[r]) pats.push_back(&p);
    std::stable_sort(pats.begin(), pats.end(), [](auto* a, auto* b) { return a->trips > b->trips; });
    TransitRoute route;
    route.id = feed.routes[r].routeId;
    route.name = feed.routes[r].displayName();
    for (const auto* p : pats) {
      TransitPattern tp;
      tp.id = route.id + ":" + std::to_string(route.patterns.size());
      for (int fs : p->feedStops) {
        auto& ns = netStop[static_cast<std::size_t>(fs)];
        if (ns < 0) {
          const auto& s = feed.stops[static_cast<std::size_t>(fs)];
          ns = static_cast<int>(n.stops.size());
          n.stops.push_back({s.stopId, s.name, s.position.lon, s.position.lat});
        }
        tp.stops.push_back(ns);
      }
      tp.timeMin = p->timeMin;
      tp.departures = p->departures;
      route.patterns.push_back(std::move(tp));
    }
    n.routes.push_back(std::move(route));
  }
  return n;
}

int addCandidateRoute(TransitNetwork& n, const std::string& path) {
  const auto c = readCandidate(path);
  if (n.routeIndex(c.id) >= 0) bad(path, "route_id", "a route of the network has this id", "a new id", c.id);
  std::vector<std::pair<double, int>> order;  // along-line metres, candidate stop
  if (c.line.size() >= 2) {
    for (std::size_t s = 0; s < c.stops.size(); ++s) {
      const auto a = alongLine(c.line, c.stops[s].lon, c.stops[s].lat);
      if (a.offsetM > 150)
        bad(path, "stops", "stop " + c.stops[s].id + " is far from the line", "within 150 m", std::to_string(a.offsetM) + " m");
      order.push_back({a.m, static_cast<int>(s)});
    }
    std::stable_sort(order.begin(), order.end());
  } else {
    double m = 0;
    for (std::size_t s = 0; s < c.stops.size(); ++s) {
      if (s) m += geo::geodesicDistanceM(c.stops[s - 1].lon, c.stops[s - 1].lat, c.stops[s].lon, c.stops[s].lat);
      order.push_back({m, static_cast<int>(s)});
    }
  }
  TransitRoute route;
  route.id = c.id;
  route.name = c.name;
  route.candidate = true;
  TransitPattern forward;
  forward.id = c.id + ":0";
  const double mPerMin = c.speedKmh * 1000.0 / 60.0;
  for (const auto& [m, s] : order) {
    forward.stops.push_back(static_cast<int>(n.stops.size()));
    const auto& cs = c.stops[static_cast<std::size_t>(s)];
    n.stops.push_back({cs.id, cs.name, cs.lon, cs.lat});
    forward.timeMin.push_back((m - order.front().first) / mPerMin);
  }
  forward.departures = departuresInSpan(c.startMin, c.endMin, c.headwayMin);
  route.patterns.push_back(forward);
  if (c.twoWay) {
    TransitPattern back = forward;
    back.id = c.id + ":1";
    std::reverse(back.stops.begin(), back.stops.end());
    const double total = forward.tripMin();
    for (std::size_t k = 0; k < back.timeMin.size(); ++k) back.timeMin[k] = total - forward.timeMin[forward.timeMin.size() - 1 - k];
    route.patterns.push_back(std::move(back));
  }
  n.routes.push_back(std::move(route));
  return static_cast<int>(n.routes.size()) - 1;
}

namespace {

void checkClock(const std::optional<std::string>& text, const char* field, const ops::ParamSource& at) {
  if (text && !clockMinutes(*text))
    throw ops::ParamError("invalid time of day", ErrorContext{at.file, std::nullopt, std::nullopt, at.display(field),
                                                             "HH:MM", *text});
}

}  // namespace

void HeadwayEdit::validate(const ops::ParamSource& at) const {
  checkClock(from, "from", at);
  checkClock(to, "to", at);
}

void SpanEdit::validate(const ops::ParamSource& at) const {
  checkClock(start, "start", at);
  checkClock(end, "end", at);
}

ops::Json serviceEditsJson(const std::optional<ServiceEdits>& edits) { return edits ? ops::toJson(*edits) : Json(); }

void checkServiceEdits(const Json& edits) {
  if (edits.is_null()) return;
  ops::ParamSource src;
  src.prefix = "service_edits.";
  try {  // the typed edits' reader: lists, objects, required fields, types, ranges, clocks
    ops::fromJson<ServiceEdits>(edits, src);
  } catch (const ops::ParamError& e) {
    throw core::ValidationError(e.message(), e.context());
  }
}

ServiceEditsReport applyServiceEdits(TransitNetwork& n, const Json& edits, const ServiceEditsOptions& o) {
  ServiceEditsReport rep;
  checkServiceEdits(edits);
  if (edits.is_null()) return rep;
  auto list = [&](const char* key) { return edits.contains(key) ? edits[key] : Json::array(); };
  auto at = [](const char* key, std::size_t i) { return std::string("service_edits.") + key + "[" + std::to_string(i) + "]"; };
  std::size_t i = 0;
  for (const auto& f : list("add_routes")) {
    if (!f.is_string()) bad("", at("add_routes", i), "a candidate route file name", "a string", f.dump());
    const int r = addCandidateRoute(n, o.resolve(f.get<std::string>()));
    rep.applied.push_back("added route " + n.routes[static_cast<std::size_t>(r)].id + " (" + f.get<std::string>() + ")");
    ++i;
  }
  i = 0;
  for (const auto& id : list("remove_routes")) {
    const std::string path = at("remove_routes", i++);
    if (!id.is_string()) bad("", path, "a route id", "a string", id.dump());
    const int r = n.routeIndex(id.get<std::string>());
    if (r < 0) bad("", path, "no such route", "a route of the network", id.get<std::string>());
    n.routes.erase(n.routes.begin() + r);
    rep.applied.push_back("removed route " + id.get<std::string>());
  }
  i = 0;
  for (const auto& e : list("move_stops")) {
    const std::string path = at("move_stops", i++);
    const auto id = stringMember(e, "stop_id", path);
    const int s = stopIndex(n, id);
    if (s < 0) bad("", path + ".stop_id", "no such stop", "a stop of the network", id);
    auto& st = n.stops[static_cast<std::size_t>(s)];
    const double lon = numberMember(e, "lon", path), lat = numberMember(e, "lat", path);
    char b[160];
    std::snprintf(b, sizeof b, "moved stop %s by %.0f m", id.c_str(), geo::geodesicDistanceM(st.lon, st.lat, lon, lat));
    st.lon = lon, st.lat = lat;
    rep.applied.push_back(b);
  }
  i = 0;
  for (const auto& e : list("add_stops")) {
    const std::string path = at("add_stops", i++);
    auto& route = routeOf(n, e, path);
    const auto after = stringMember(e, "after", path);
    const auto id = stringMember(e, "stop_id", path);
    if (stopIndex(n, id) >= 0) bad("", path + ".stop_id", "a stop of the network has this id", "a new id", id);
    const int afterStop = stopIndex(n, after);
    TransitStop ns{id, e.contains("name") && e["name"].is_string() ? e["name"].get<std::string>() : id,
                   numberMember(e, "lon", path), numberMember(e, "lat", path)};
    const int newIndex = static_cast<int>(n.stops.size());
    int inserted = 0;
    for (auto& p : route.patterns)
      for (std::size_t k = 0; k + 1 < p.stops.size(); ++k) {
        if (p.stops[k] != afterStop) continue;
        const auto& a = n.stops[static_cast<std::size_t>(p.stops[k])];
        const auto& b = n.stops[static_cast<std::size_t>(p.stops[k + 1])];
        const double da = distanceM(a, ns), db = distanceM(ns, b);
        const double t = p.timeMin[k] + (p.timeMin[k + 1] - p.timeMin[k]) * (da + db > 0 ? da / (da + db) : 0.5);
        for (std::size_t m = k + 1; m < p.timeMin.size(); ++m) p.timeMin[m] += o.dwellMin;
        p.stops.insert(p.stops.begin() + static_cast<std::ptrdiff_t>(k + 1), newIndex);
        p.timeMin.insert(p.timeMin.begin() + static_cast<std::ptrdiff_t>(k + 1), t);
        ++inserted;
        break;
      }
    if (!inserted) bad("", path + ".after", "the route does not stop there before its last stop", "a stop of route " + route.id, after);
    n.stops.push_back(std::move(ns));
    rep.applied.push_back("added stop " + id + " after " + after + " on route " + route.id + " (" +
                          std::to_string(inserted) + " patterns)");
  }
  i = 0;
  for (const auto& e : list("headways")) {
    const std::string path = at("headways", i++);
    auto& route = routeOf(n, e, path);
    const double hw = numberMember(e, "headway_min", path);
    if (!(hw > 0)) bad("", path + ".headway_min", "headway must be positive", "> 0", std::to_string(hw));
    const bool window = e.contains("from") || e.contains("to");
    const double from = clockMember(e, "from", path, 0), to = clockMember(e, "to", path, 24 * 60);
    const auto dep = departuresInSpan(from, to, hw);
    for (auto& p : route.patterns)
      for (int h = 0; h < kDayHours; ++h) {
        auto& d = p.departures[static_cast<std::size_t>(h)];
        if (dep[static_cast<std::size_t>(h)] > 0 && (window || d > 0)) d = dep[static_cast<std::size_t>(h)];
      }
    char b[160];
    std::snprintf(b, sizeof b, "route %s every %g min %s", route.id.c_str(), hw,
                  window ? (clock(from) + "-" + clock(to)).c_str() : "in its served hours");
    rep.applied.push_back(b);
  }
  i = 0;
  for (const auto& e : list("spans")) {
    const std::string path = at("spans", i++);
    auto& route = routeOf(n, e, path);
    const double start = clockMember(e, "start", path, 0), end = clockMember(e, "end", path, 0);
    if (end <= start) bad("", path + ".end", "the span ends before it starts", "after start", clock(end));
    for (auto& p : route.patterns) {
      double served = 0, total = 0;
      for (double d : p.departures)
        if (d > 0) ++served, total += d;
      const double perHour = served > 0 ? total / served : 0;
      const auto inside = departuresInSpan(start, end, 60.0);  // the fraction of each hour inside
      for (int h = 0; h < kDayHours; ++h) {
        auto& d = p.departures[static_cast<std::size_t>(h)];
        const double f = std::min(1.0, inside[static_cast<std::size_t>(h)]);
        d = f <= 0 ? 0.0 : (d > 0 ? d * f : perHour * f);
      }
    }
    rep.applied.push_back("route " + route.id + " runs " + clock(start) + "-" + clock(end));
  }
  return rep;
}

namespace {

// Departures by hour leaving each stop of the network (by stop id): see stopsWithServiceEdits.
std::map<std::string, HourSeries> networkStopDepartures(const TransitNetwork& n) {
  std::map<std::string, HourSeries> out;
  for (const auto& route : n.routes)
    for (const auto& p : route.patterns)
      for (std::size_t k = 0; k + 1 < p.stops.size(); ++k) {
        auto& dep = out[n.stops[static_cast<std::size_t>(p.stops[k])].id];
        const double t = std::max(0.0, p.timeMin[k]);
        const int shift = static_cast<int>(std::floor(t / 60.0));
        const double late = t / 60.0 - shift;  // share pushed into the following hour
        for (int h = 0; h < kDayHours; ++h) {
          const double d = p.departures[static_cast<std::size_t>(h)];
          if (d == 0) continue;
          dep[static_cast<std::size_t>((h + shift) % kDayHours)] += d * (1 - late);
          dep[static_cast<std::size_t>((h + shift + 1) % kDayHours)] += d * late;
        }
      }
  return out;
}

}  // namespace

EditedStops stopsWithServiceEdits(const store::GtfsFeed& feed, const ServiceProfile& profile, const ops::Json& edits,
                                  const ServiceEditsOptions& options) {
  EditedStops out;
  out.stops = feed.stops;
  out.profile = profile;
  if (edits.is_null() || (edits.is_object() && edits.empty())) return out;
  const auto base = transitNetworkFromFeed(feed, profile.day);
  auto edited = base;
  out.applied = applyServiceEdits(edited, edits, options).applied;
  std::map<std::string, int> feedIndex;
  for (std::size_t s = 0; s < out.stops.size(); ++s) feedIndex[out.stops[s].stopId] = static_cast<int>(s);
  std::map<int, std::size_t> serviceOf;  // feed stop -> profile.stops slot
  for (std::size_t i = 0; i < out.profile.stops.size(); ++i) serviceOf[out.profile.stops[i].stop] = i;
  for (const auto& st : edited.stops) {
    const auto it = feedIndex.find(st.id);
    if (it != feedIndex.end()) {
      out.stops[static_cast<std::size_t>(it->second)].position = {st.lon, st.lat};
      continue;
    }
    store::GtfsStop s;
    s.stopId = st.id;
    s.name = st.name;
    s.position = {st.lon, st.lat};
    const int index = static_cast<int>(out.stops.size());
    out.stops.push_back(std::move(s));
    feedIndex[st.id] = index;
    serviceOf[index] = out.profile.stops.size();
    out.profile.stops.push_back({index, {}, 0, std::nullopt, std::nullopt});
  }
  const auto before = networkStopDepartures(base), after = networkStopDepartures(edited);
  std::set<std::string> ids;
  for (const auto& [id, d] : before) ids.insert(id);
  for (const auto& [id, d] : after) ids.insert(id);
  static const HourSeries kNone{};
  for (const auto& id : ids) {
    const auto slot = serviceOf.find(feedIndex.at(id));
    if (slot == serviceOf.end()) continue;  // not a stop of location_type 0
    auto& ss = out.profile.stops[slot->second];
    const auto b = before.find(id), a = after.find(id);
    const auto& hb = b == before.end() ? kNone : b->second;
    const auto& ha = a == after.end() ? kNone : a->second;
    for (int h = 0; h < kDayHours; ++h) {
      auto& d = ss.departures[static_cast<std::size_t>(h)];
      const double v = d + ha[static_cast<std::size_t>(h)] - hb[static_cast<std::size_t>(h)];
      d = std::max(0, static_cast<int>(std::lround(v)));
    }
  }
  return out;
}

}  // namespace ekm::mobility
