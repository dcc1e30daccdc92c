// Sections of the briefing summary made from the project's own data and from an assignment's
// corridors (briefing_builder.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/energy/heat_meters.h"
#include "ekm/mobility/service.h"
#include "ekm/store/energy_store.h"
#include "ekm/store/transit_store.h"
#include "export/briefing_builder.h"

namespace ekm::briefing::detail {

namespace {

using privacy::ColumnRole;

struct Box {
  double west = 1e9, south = 1e9, east = -1e9, north = -1e9;
  bool contains(const store::LonLat& p) const { return p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north; }
};

// The district: the bounding box of the project's mesh cells (nullopt without cells).
std::optional<Box> districtBox(const store::Project& project) {
  Box b;
  bool any = false;
  for (const auto& c : project.meshCells()) {
    b.west = std::min(b.west, c.west), b.south = std::min(b.south, c.south);
    b.east = std::max(b.east, c.east), b.north = std::max(b.north, c.north);
    any = true;
  }
  return any ? std::optional<Box>(b) : std::nullopt;
}

const char* dayTypeJa(core::DayType t) {
  return t == core::DayType::Weekday ? "平日" : t == core::DayType::Saturday ? "土曜" : "日曜・休日";
}
const char* dayTypeEn(core::DayType t) {
  return t == core::DayType::Weekday ? "weekday" : t == core::DayType::Saturday ? "Saturday" : "Sunday or holiday";
}

using Values = std::vector<std::pair<std::string, std::string>>;

BriefingSentence filled(const std::string& ja, const std::string& en, const Values& v) {
  return {fillTemplate(ja, v), fillTemplate(en, v)};
}

// "07:00–08:00"
std::string hourSpan(int hour) {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:00–%02d:00", hour, hour + 1);
  return text;
}

}  // namespace

std::optional<BriefingSection> transitSection(store::Project& project, core::HourKey hour, Builder& b) {
  if (!store::gtfsFeedInfo(project)) return std::nullopt;
  const store::GtfsFeed feed = store::readGtfsFeed(project);
  const std::optional<Box> box = districtBox(project);
  const core::JstDateTime when = core::jstFromHourKey(hour);
  const core::DayType type = core::dayType(when.date);
  mobility::ServiceDay day;
  try {
    day = mobility::representativeDay(feed, type);  // what the map's bus stops show (transit_layers.h)
  } catch (const core::Error&) {
    return std::nullopt;  // no day of this type in the feed
  }
  const mobility::ServiceProfile profile = mobility::serviceProfile(feed, day);
  // Stops in the district with a departure that day; their departures, in the map's hour too.
  int stops = 0, departures = 0, inHour = 0;
  std::vector<bool> inDistrict(feed.stops.size());
  for (const auto& s : profile.stops) {
    const auto& stop = feed.stops[static_cast<std::size_t>(s.stop)];
    if (box && !box->contains(stop.position)) continue;
    inDistrict[static_cast<std::size_t>(s.stop)] = true;
    if (s.total() <= 0) continue;
    ++stops;
    departures += s.total();
    inHour += s.departures[static_cast<std::size_t>(when.hour)];
  }
  // Routes with a trip that day calling at a stop in the district.
  std::set<std::string> running(day.services.begin(), day.services.end()), routes;
  for (const auto& st : feed.stopTimes) {
    const auto& trip = feed.trips[static_cast<std::size_t>(st.trip)];
    if (inDistrict[static_cast<std::size_t>(st.stop)] && running.count(trip.serviceId)) routes.insert(trip.routeId);
  }
  BriefingSection sec;
  sec.kind = "transit";
  sec.stepId = "transit";
  sec.titleJa = "バス路線と停留所";
  sec.titleEn = "Bus routes and stops";
  sec.periodB = day.date;
  const std::string src = "project GTFS feed (gtfs_* tables, " + feed.info.attribution + "), service of " + day.date + " (the " +
                          core::dayTypeName(type) + " representative day)";
  const std::string area = box ? " in the district (the mesh cells' bounding box)" : "";
  const std::string sr = b.add("transit.routes", static_cast<double>(routes.size()), ColumnRole::Other,
                               src + ": routes with a trip calling at a stop" + area, 0, true);
  const std::string ss = b.add("transit.stops", stops, ColumnRole::Other, src + ": stops" + area + " with a departure", 0, true);
  const std::string sd = b.add("transit.departures", departures, ColumnRole::Other, src + ": departures at those stops", 0, true);
  const std::string hh = hourSpan(when.hour);
  const std::string sh = b.add("transit.departures_hour", inHour, ColumnRole::Other,
                               src + ": departures at those stops from " + hh, 0, true);
  const Values v{
      {"{r}", sr}, {"{s}", ss}, {"{d}", sd}, {"{h}", sh}, {"{hh}", hh}, {"{day}", day.date}, {"{tja}", dayTypeJa(type)},
      {"{ten}", dayTypeEn(type)}};
  sec.sentences.push_back(
      filled("{tja}（時刻表の代表日 {day}）には、地区内の{s}か所の停留所に{r}路線のバスが停まり、発車は1日{d}回、{hh}は{h}回です。",
       "On a {ten} (the timetable's representative day, {day}), buses of {r} routes call at {s} stops in the district: "
       "{d} departures a day, {h} of them {hh}.",
       v));
  return sec;
}

std::optional<BriefingSection> buildingsSection(store::Project& project, core::HourKey hour, BriefingSummary& summary, Builder& b) {
  const auto buildings = store::readBuildings(project);
  if (buildings.empty()) return std::nullopt;
  const std::optional<store::TimeRange> hours = energy::buildingHeatHours(project);  // as the map layer reads them
  if (!hours) return std::nullopt;
  const core::HourKey first = hours->first, last = hours->last;
  // The map hour's day, else the last day with readings.
  core::JstDateTime when = core::jstFromHourKey(hour);
  core::HourKey dayStart = core::hourKeyFromJst(when.date, 0);
  if (dayStart + 23 < first || dayStart > last) dayStart = core::hourKeyFromJst(core::jstFromHourKey(last).date, 0);
  std::vector<double> total(24, 0.0);
  std::vector<std::pair<double, std::string>> perBuilding;
  std::map<std::string, double> byBuilding;
  bool readings = false;
  for (const auto& meter : store::readMeters(project, dayStart, dayStart + 24)) {
    if (meter.kind != energy::MeterKind::Cooling && meter.kind != energy::MeterKind::Heating) continue;
    for (int h = 0; h < 24; ++h) {
      const double v = meter.series.at(dayStart + h);
      if (std::isnan(v)) continue;
      total[static_cast<std::size_t>(h)] += v;
      byBuilding[meter.owner] += v;
      readings = true;
    }
  }
  if (!readings) return std::nullopt;
  const int peak = static_cast<int>(std::max_element(total.begin(), total.end()) - total.begin());
  summary.energyHour = dayStart + peak;
  double dayTotal = 0;
  for (double v : total) dayTotal += v;
  const auto best = std::max_element(byBuilding.begin(), byBuilding.end(),
                                     [](const auto& x, const auto& y) { return x.second < y.second; });
  std::string nameJa = best->first, nameEn = best->first;
  for (const auto& bd : buildings)
    if (bd.buildingId == best->first) {
      if (!bd.nameJa.empty()) nameJa = bd.nameJa;
      if (!bd.nameEn.empty()) nameEn = bd.nameEn;
    }
  const std::string date = core::formatDate(core::jstFromHourKey(dayStart).date);
  const std::string src = "project energy meters (cooling + heating, building scope) on " + date;
  BriefingSection sec;
  sec.kind = "buildings";
  sec.stepId = "buildings";
  sec.titleJa = "地域冷暖房の建物のエネルギー";
  sec.titleEn = "Energy of the district heating and cooling buildings";
  sec.periodB = date;
  const std::string sn = b.add("buildings.count", static_cast<double>(buildings.size()), ColumnRole::Other,
                               "project energy_buildings: buildings", 0, true);
  const std::string st = b.add("buildings.day_kwh", dayTotal, ColumnRole::Other, src + ": sum over buildings and hours (kWh)", 0, true);
  const std::string sp = b.add("buildings.peak_kwh", total[static_cast<std::size_t>(peak)], ColumnRole::Other,
                               src + ": the largest hourly sum over buildings (kWh)", 0, true);
  const std::string sb = b.add("buildings.largest_kwh", best->second, ColumnRole::Other,
                               src + ": the day's sum of building " + best->first + " (kWh)", 0, true);
  const std::string hh = hourSpan(peak);
  const Values v{{"{n}", sn}, {"{t}", st}, {"{p}", sp}, {"{b}", sb}, {"{date}", date},
                                                           {"{hh}", hh}, {"{bja}", nameJa}, {"{ben}", nameEn}};
  sec.sentences.push_back(
      filled("{date}、地域冷暖房の{n}棟が使った冷房と暖房の熱は合計{t} kWhでした。最も多い時間帯は{hh}（{p} kWh）、最も多い建物は{bja}（{b} kWh）です。",
       "On {date} the {n} buildings of the district heating and cooling network used {t} kWh of cooling and heating; "
       "the busiest hour was {hh} ({p} kWh) and the largest user {ben} ({b} kWh).",
       v));
  return sec;
}

std::optional<BriefingSection> corridorsSection(const store::RunStepRecord& step, const ops::OpResult& result, Builder& b) {
  const ops::ResultTable* t = result.table("corridors");
  if (!t || t->rows.empty()) return std::nullopt;
  const auto col = [&](const char* name) {
    const auto it = std::find(t->columns.begin(), t->columns.end(), name);
    return it == t->columns.end() ? -1 : static_cast<int>(it - t->columns.begin());
  };
  const int ip = col("peak_volume"), il = col("length_m");
  if (ip < 0 || il < 0) return std::nullopt;
  const auto& top = t->rows.front();
  const double peak = top[static_cast<std::size_t>(ip)].is_number() ? top[static_cast<std::size_t>(ip)].get<double>() : std::nan("");
  const double length = top[static_cast<std::size_t>(il)].is_number() ? top[static_cast<std::size_t>(il)].get<double>() : std::nan("");
  BriefingSection sec;
  sec.kind = "corridors";
  sec.stepId = step.stepId;
  sec.op = step.op;
  sec.titleJa = "主な移動コース";
  sec.titleEn = "Main walking corridors";
  const std::string src = "step " + step.stepId + " (" + step.op + "), table corridors";
  const std::string sn = b.add(step.stepId + ".corridors", static_cast<double>(t->rows.size()), ColumnRole::Other, src + ": rows");
  const std::string sp = b.add(step.stepId + ".corridor1_peak", peak, privacy::columnRole("peak_volume"), src + ": peak_volume of rank 1");
  const std::string sl = b.add(step.stepId + ".corridor1_length_m", length, ColumnRole::Other, src + ": length_m of rank 1");
  const Values v{{"{n}", sn}, {"{p}", sp}, {"{l}", sl}};
  sec.sentences.push_back(filled("歩行者の流れが集中する移動コースは{n}本です。1位のコースは長さ{l} mで、最も多い区間の歩行者は{p}人です。",
                                 "Walkers concentrate on {n} corridors. The first is {l} m long and carries {p} walkers on its "
                                 "busiest link.",
                                 v));
  return sec;
}

}  // namespace ekm::briefing::detail
