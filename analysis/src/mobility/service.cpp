// Scheduled service by hour and day type (service.h).
#include "ekm/mobility/service.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "ekm/core/error.h"
#include "ekm/core/time.h"

namespace ekm::mobility {

namespace {

std::optional<std::chrono::year_month_day> isoDate(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return core::parseDate(s);
}

void widen(std::optional<int>& first, std::optional<int>& last, int s) {
  if (!first || s < *first) first = s;
  if (!last || s > *last) last = s;
}

}  // namespace

bool serviceRuns(const store::GtfsFeed& feed, const std::string& serviceId, const std::chrono::year_month_day& date) {
  const std::string iso = core::formatDate(date);
  for (const auto& d : feed.calendarDates)
    if (d.serviceId == serviceId && d.date == iso) return d.exceptionType == 1;
  for (const auto& c : feed.calendar) {
    if (c.serviceId != serviceId || iso < c.startDate || iso > c.endDate) continue;
    const int dow = core::dayOfWeek(date);  // 0 = Sunday
    return c.days[(dow + 6) % 7];           // days[0] = Monday
  }
  return false;
}

ServiceDay serviceDayOf(const store::GtfsFeed& feed, const std::chrono::year_month_day& date) {
  ServiceDay d;
  d.date = core::formatDate(date);
  d.dayType = core::dayType(date);
  std::vector<std::string> ids;
  for (const auto& c : feed.calendar) ids.push_back(c.serviceId);
  for (const auto& c : feed.calendarDates) ids.push_back(c.serviceId);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (const auto& id : ids)
    if (serviceRuns(feed, id, date)) d.services.push_back(id);
  return d;
}

std::pair<std::string, std::string> feedPeriod(const store::GtfsFeed& feed) {
  std::string first = feed.info.startDate, last = feed.info.endDate;
  if (first.empty() || last.empty()) {
    first.clear();
    last.clear();
    for (const auto& c : feed.calendar) {
      if (first.empty() || c.startDate < first) first = c.startDate;
      if (last.empty() || c.endDate > last) last = c.endDate;
    }
    for (const auto& c : feed.calendarDates) {
      if (first.empty() || c.date < first) first = c.date;
      if (last.empty() || c.date > last) last = c.date;
    }
  }
  return {first, last};
}

ScheduledDays::ScheduledDays(const store::GtfsFeed& feed) : m_feed(feed) {
  std::tie(m_first, m_last) = feedPeriod(feed);
}

bool ScheduledDays::inPeriod(const std::chrono::year_month_day& date) const {
  const std::string iso = core::formatDate(date);
  return !m_first.empty() && iso >= m_first && iso <= m_last;
}

const ServiceDay& ScheduledDays::of(const std::chrono::year_month_day& date) {
  if (inPeriod(date)) {
    const std::string iso = core::formatDate(date);
    auto it = m_days.find(iso);
    if (it == m_days.end()) it = m_days.emplace(iso, serviceDayOf(m_feed, date)).first;
    return it->second;
  }
  const auto type = core::dayType(date);
  const std::string key = std::string("#") + core::dayTypeName(type);
  auto it = m_days.find(key);
  if (it == m_days.end()) it = m_days.emplace(key, representativeDay(m_feed, type)).first;
  return it->second;
}

bool ScheduledDays::tripRuns(int trip, const std::chrono::year_month_day& date) {
  const auto& services = of(date).services;
  return std::binary_search(services.begin(), services.end(), m_feed.trips[static_cast<std::size_t>(trip)].serviceId);
}

ServiceDay representativeDay(const store::GtfsFeed& feed, core::DayType type) {
  const auto [first, last] = feedPeriod(feed);
  const auto a = isoDate(first), b = isoDate(last);
  if (!a || !b) throw core::ValidationError("the GTFS feed has no service dates", {"gtfs_calendar", std::nullopt, std::nullopt, "", "calendar or calendar_dates rows", "none"});
  std::map<std::vector<std::string>, std::pair<int, std::string>> sets;  // services -> (dates, first date)
  int ofType = 0;
  const auto from = core::daysFromCivil(*a), to = core::daysFromCivil(*b);
  for (auto day = from; day <= to && day - from < 3700; ++day) {
    const auto ymd = core::civilFromDays(day);
    if (core::dayType(ymd) != type) continue;
    ++ofType;
    auto d = serviceDayOf(feed, ymd);
    auto& e = sets[d.services];
    if (e.first++ == 0) e.second = d.date;
  }
  if (ofType == 0)
    throw core::ValidationError("the GTFS feed's period has no day of this type",
                                {"gtfs_feed", std::nullopt, std::nullopt, "day_type",
                                 std::string("a ") + core::dayTypeName(type) + " between " + first + " and " + last, "none"});
  const std::pair<const std::vector<std::string>, std::pair<int, std::string>>* best = nullptr;
  for (const auto& e : sets)
    if (!best || e.second.first > best->second.first ||
        (e.second.first == best->second.first && e.second.second < best->second.second))
      best = &e;
  ServiceDay d = serviceDayOf(feed, *core::parseDate(best->second.second));
  d.datesOfType = ofType;
  d.datesLikeThis = best->second.first;
  return d;
}

int StopService::total() const {
  int n = 0;
  for (int v : departures) n += v;
  return n;
}

int RouteService::totalTrips() const {
  int n = 0;
  for (int v : trips) n += v;
  return n;
}

ServiceProfile serviceProfile(const store::GtfsFeed& feed, const ServiceDay& day) {
  ServiceProfile p;
  p.day = day;
  std::vector<char> tripRuns(feed.trips.size(), 0);
  for (std::size_t t = 0; t < feed.trips.size(); ++t)
    tripRuns[t] = std::binary_search(day.services.begin(), day.services.end(), feed.trips[t].serviceId);
  std::unordered_map<std::string, int> routeIndex;
  for (std::size_t r = 0; r < feed.routes.size(); ++r) routeIndex[feed.routes[r].routeId] = static_cast<int>(r);
  std::vector<int> stopSlot(feed.stops.size(), -1);
  for (std::size_t s = 0; s < feed.stops.size(); ++s)
    if (feed.stops[s].locationType == 0) {
      stopSlot[s] = static_cast<int>(p.stops.size());
      p.stops.emplace_back().stop = static_cast<int>(s);
    }
  for (std::size_t r = 0; r < feed.routes.size(); ++r) p.routes.emplace_back().route = static_cast<int>(r);
  // departures per (route, stop) by hour, to pick each route's reference stop
  std::map<std::pair<int, int>, HourCounts> routeStop;
  std::vector<std::vector<char>> stopRoutes(p.stops.size(), std::vector<char>(feed.routes.size(), 0));
  const auto& st = feed.stopTimes;
  for (std::size_t i = 0; i < st.size();) {
    std::size_t j = i;
    while (j < st.size() && st[j].trip == st[i].trip) ++j;
    const auto trip = static_cast<std::size_t>(st[i].trip);
    if (tripRuns[trip]) {
      const int route = routeIndex.at(feed.trips[trip].routeId);
      auto& rs = p.routes[static_cast<std::size_t>(route)];
      ++rs.trips[static_cast<std::size_t>(st[i].departureS / 3600 % 24)];
      widen(rs.firstS, rs.lastS, st[i].departureS);
      ++p.trips;
      for (std::size_t k = i; k + 1 < j; ++k) {  // the last stop time is no departure
        if (st[k].pickupType && *st[k].pickupType == 1) continue;
        const int slot = stopSlot[static_cast<std::size_t>(st[k].stop)];
        if (slot < 0) continue;
        const auto h = static_cast<std::size_t>(st[k].departureS / 3600 % 24);
        auto& ss = p.stops[static_cast<std::size_t>(slot)];
        ++ss.departures[h];
        widen(ss.firstS, ss.lastS, st[k].departureS);
        stopRoutes[static_cast<std::size_t>(slot)][static_cast<std::size_t>(route)] = 1;
        ++routeStop[{route, st[k].stop}][h];
        ++p.departures;
      }
    }
    i = j;
  }
  for (std::size_t s = 0; s < p.stops.size(); ++s)
    p.stops[s].routes = static_cast<int>(std::count(stopRoutes[s].begin(), stopRoutes[s].end(), 1));
  std::vector<int> best(feed.routes.size(), 0);
  for (const auto& [key, counts] : routeStop) {  // ordered by (route, stop index): ties keep the first stop
    int n = 0;
    for (int v : counts) n += v;
    auto& rs = p.routes[static_cast<std::size_t>(key.first)];
    if (n > best[static_cast<std::size_t>(key.first)]) {
      best[static_cast<std::size_t>(key.first)] = n;
      rs.referenceStop = key.second;
      rs.departures = counts;
    }
  }
  return p;
}

std::optional<double> meanHeadwayMin(int departures) {
  if (departures <= 0) return std::nullopt;
  return 60.0 / departures;
}

std::string formatServiceTime(int seconds) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  return b;
}

}  // namespace ekm::mobility
