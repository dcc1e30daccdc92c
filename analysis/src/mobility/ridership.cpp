// Ridership records: the CSV reader and the KPIs (ridership.h).
#include "ekm/mobility/ridership.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ekm/core/error.h"
#include "ekm/core/time.h"
#include "ekm/io/csv_reader.h"
#include "ekm/io/domain_checks.h"
#include "ekm/io/text_input.h"
#include "ekm/mobility/service.h"

namespace ekm::mobility {

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const auto b = out.find_first_not_of(" \t\xEF\xBB\xBF"), e = out.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

core::ErrorContext ctx(const std::string& file, std::int64_t line, const std::string& field, std::string expected,
                       std::string_view found) {
  return {file, line, std::nullopt, field, std::move(expected), io::domain::quoteValue(found)};
}

std::int64_t parseCount(std::string_view text, const std::string& file, std::int64_t line, const std::string& field) {
  const std::string t = trim(text);
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    throw core::ValidationError("not a whole number of riders", ctx(file, line, field, "a whole number >= 0", text));
  io::domain::checkCount(static_cast<double>(v), {file, line, std::nullopt, field});
  return v;
}

std::string monthOf(const std::string& date) { return date.substr(0, 7); }
int monthIndex(const std::string& month) {  // months since year 0
  return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1;
}

// Least-squares slope and intercept of y over x = 0..n-1.
std::pair<double, double> fitLine(const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double x = static_cast<double>(i);
    sx += x;
    sy += y[i];
    sxx += x * x;
    sxy += x * y[i];
  }
  const double d = n * sxx - sx * sx;
  const double slope = d == 0 ? 0 : (n * sxy - sx * sy) / d;
  return {slope, (sy - slope * sx) / n};
}

// The load profile (ridership.h): boardings and on-board load by day type and hour.
std::vector<HourLoad> hourlyLoads(const store::GtfsFeed& feed, const std::vector<store::RidershipRecord>& records,
                                  const std::string& month) {
  std::unordered_map<std::string, int> tripIdx, stopIdx;
  for (std::size_t t = 0; t < feed.trips.size(); ++t) tripIdx[feed.trips[t].tripId] = static_cast<int>(t);
  for (std::size_t s = 0; s < feed.stops.size(); ++s) stopIdx[feed.stops[s].stopId] = static_cast<int>(s);
  std::vector<std::size_t> firstCall(feed.trips.size() + 1, feed.stopTimes.size());  // stop times grouped by trip
  for (std::size_t i = feed.stopTimes.size(); i-- > 0;) firstCall[static_cast<std::size_t>(feed.stopTimes[i].trip)] = i;
  // (date, trip) -> stop -> (boardings, alightings)
  std::map<std::pair<std::string, int>, std::unordered_map<int, std::pair<std::int64_t, std::int64_t>>> tripDays;
  for (const auto& r : records) {
    if (r.stopId.empty() || (!month.empty() && monthOf(r.date) != month)) continue;
    const auto t = tripIdx.find(r.tripId);
    const auto s = stopIdx.find(r.stopId);
    if (t == tripIdx.end() || s == stopIdx.end()) continue;
    auto& v = tripDays[{r.date, t->second}][s->second];
    v.first += r.boardings;
    v.second += r.alightings.value_or(0);
  }
  constexpr int kTypes = 3;
  struct Cell {
    std::int64_t boardings = 0, calls = 0, maxLoad = 0;
    double loadSum = 0;
  };
  std::array<std::array<Cell, 24>, kTypes> cells{};
  std::array<std::set<std::string>, kTypes> dates;
  for (const auto& [key, stops] : tripDays) {
    const auto date = *core::parseDate(key.first);
    const auto type = core::dayType(date);
    const int ti = type == core::DayType::Weekday ? 0 : type == core::DayType::Saturday ? 1 : 2;
    dates[ti].insert(key.first);
    const std::size_t b = firstCall[static_cast<std::size_t>(key.second)];
    std::size_t e = b;
    while (e < feed.stopTimes.size() && feed.stopTimes[e].trip == key.second) ++e;
    std::unordered_map<int, std::size_t> first, last;
    for (std::size_t i = b; i < e; ++i) {
      first.emplace(feed.stopTimes[i].stop, i);
      last[feed.stopTimes[i].stop] = i;
    }
    std::int64_t load = 0;
    for (std::size_t i = b; i < e; ++i) {
      const auto& st = feed.stopTimes[i];
      const auto it = stops.find(st.stop);
      const int h = (st.departureS / 3600) % 24;
      if (it != stops.end()) {
        if (last[st.stop] == i) load -= it->second.second;
        if (first[st.stop] == i) {
          load += it->second.first;
          cells[ti][h].boardings += it->second.first;
        }
      }
      if (i + 1 == e) break;  // no departure from the last stop
      auto& c = cells[ti][h];
      ++c.calls;
      c.loadSum += static_cast<double>(load);
      c.maxLoad = std::max(c.maxLoad, load);
    }
  }
  std::vector<HourLoad> out;
  for (int ti = 0; ti < kTypes; ++ti)
    for (int h = 0; h < 24; ++h) {
      const auto& c = cells[ti][h];
      if (c.calls == 0 && c.boardings == 0) continue;
      HourLoad x;
      x.dayType = core::dayTypeName(ti == 0 ? core::DayType::Weekday
                                            : ti == 1 ? core::DayType::Saturday : core::DayType::SundayHoliday);
      x.hour = h;
      x.days = static_cast<int>(dates[ti].size());
      x.boardings = c.boardings;
      x.boardingsPerDay = x.days > 0 ? static_cast<double>(c.boardings) / x.days : 0;
      x.calls = c.calls;
      x.meanLoad = c.calls > 0 ? c.loadSum / static_cast<double>(c.calls) : 0;
      x.maxLoad = c.maxLoad;
      out.push_back(x);
    }
  return out;
}

}  // namespace

RidershipFile readRidershipCsv(const std::string& path, const store::GtfsFeed& feed) {
  io::TextInput input(path);
  io::CsvReader csv(input);
  if (!csv.next()) throw core::ValidationError("empty ridership file", {path, 1, std::nullopt, "", "a header row", ""});
  std::vector<std::string> header;
  for (const auto f : csv.fields()) header.push_back(lower(f));
  io::domain::checkHeader(header, path);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  static const std::set<std::string> known = {"date", "route_id", "trip_id", "stop_id", "boardings", "alightings"};
  RidershipFile out;
  const bool stopTrip = col.count("trip_id") || col.count("stop_id");
  out.layout = stopTrip ? "stop-trip" : "route-day";
  const std::vector<std::string> required =
      stopTrip ? std::vector<std::string>{"date", "trip_id", "stop_id", "boardings"}
               : std::vector<std::string>{"date", "route_id", "boardings"};
  for (const auto& r : required)
    if (!col.count(r))
      throw core::ValidationError("missing column (" + out.layout + " layout: " +
                                      (stopTrip ? "date, trip_id, stop_id, boardings[, alightings][, route_id]"
                                                : "date, route_id, boardings[, alightings]") + ")",
                                  {path, csv.line(), std::nullopt, r, "a column '" + r + "'", "none"});
  for (const auto& h : header)
    if (!known.count(h)) out.warnings.push_back(path + ":" + std::to_string(csv.line()) + ": field '" + h +
                                                "': unknown column, ignored");

  std::unordered_map<std::string, int> routeIdx, tripIdx, stopIdx;
  for (std::size_t k = 0; k < feed.routes.size(); ++k) routeIdx[feed.routes[k].routeId] = static_cast<int>(k);
  for (std::size_t k = 0; k < feed.trips.size(); ++k) tripIdx[feed.trips[k].tripId] = static_cast<int>(k);
  for (std::size_t k = 0; k < feed.stops.size(); ++k) stopIdx[feed.stops[k].stopId] = static_cast<int>(k);
  std::set<std::pair<int, int>> calls;
  for (const auto& st : feed.stopTimes) calls.emplace(st.trip, st.stop);

  std::map<std::string, std::int64_t> seen;  // key -> line
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> tripDay;  // on, off
  std::set<std::pair<std::string, std::string>> warnedNotRunning;
  ScheduledDays schedule(feed);
  const auto get = [&](const std::string& name) -> std::string_view {
    const auto it = col.find(name);
    if (it == col.end() || it->second >= csv.size()) return {};
    return csv[it->second];
  };
  while (csv.next()) {
    const std::int64_t line = csv.line();
    if (csv.size() != header.size())
      throw core::ValidationError("wrong number of fields", ctx(path, line, "", std::to_string(header.size()) +
                                                                              " fields", std::to_string(csv.size())));
    store::RidershipRecord r;
    r.line = line;
    r.layout = out.layout;
    const std::string dateText = trim(get("date"));
    const auto date = core::parseDate(dateText);
    if (!date) throw core::ValidationError("invalid date", ctx(path, line, "date", "YYYY-MM-DD", dateText));
    io::domain::checkDateDays(core::daysFromCivil(*date), {path, line, std::nullopt, "date"});
    r.date = core::formatDate(*date);
    r.boardings = parseCount(get("boardings"), path, line, "boardings");
    if (col.count("alightings") && !trim(get("alightings")).empty())
      r.alightings = parseCount(get("alightings"), path, line, "alightings");
    const std::string routeId = trim(get("route_id"));
    if (stopTrip) {
      r.tripId = trim(get("trip_id"));
      r.stopId = trim(get("stop_id"));
      io::domain::checkId(r.tripId, {path, line, std::nullopt, "trip_id"});
      io::domain::checkId(r.stopId, {path, line, std::nullopt, "stop_id"});
      const auto t = tripIdx.find(r.tripId);
      if (t == tripIdx.end())
        throw core::ValidationError("unknown trip", ctx(path, line, "trip_id", "a trip_id of the project's GTFS feed",
                                                        r.tripId));
      const auto s = stopIdx.find(r.stopId);
      if (s == stopIdx.end())
        throw core::ValidationError("unknown stop", ctx(path, line, "stop_id", "a stop_id of the project's GTFS feed",
                                                        r.stopId));
      if (!calls.count({t->second, s->second}))
        throw core::ValidationError("the trip does not call at this stop",
                                    ctx(path, line, "stop_id", "a stop of trip " + r.tripId, r.stopId));
      const auto& trip = feed.trips[static_cast<std::size_t>(t->second)];
      r.routeId = trip.routeId;
      if (!routeId.empty() && routeId != trip.routeId)
        throw core::ValidationError("route_id is not the trip's route",
                                    ctx(path, line, "route_id", "route " + trip.routeId + " of trip " + r.tripId,
                                        routeId));
      if (!schedule.tripRuns(t->second, *date) && warnedNotRunning.emplace(r.tripId, r.date).second)
        out.warnings.push_back(path + ":" + std::to_string(line) + ": field 'date': trip " + r.tripId +
                               " does not run on " + r.date + " by the feed's calendar" +
                               (schedule.inPeriod(*date) ? "" : " (its representative day of that day type)"));
      auto& td = tripDay[{r.date, r.tripId}];
      td.first += r.boardings;
      td.second += r.alightings.value_or(r.boardings);
    } else {
      io::domain::checkId(routeId, {path, line, std::nullopt, "route_id"});
      if (!routeIdx.count(routeId))
        throw core::ValidationError("unknown route", ctx(path, line, "route_id",
                                                         "a route_id of the project's GTFS feed", routeId));
      r.routeId = routeId;
    }
    const std::string key = r.date + '\x1f' + r.routeId + '\x1f' + r.tripId + '\x1f' + r.stopId;
    const auto [it, fresh] = seen.emplace(key, line);
    if (!fresh)
      throw core::ValidationError("record given twice (first on line " + std::to_string(it->second) + ")",
                                  ctx(path, line, stopTrip ? "stop_id" : "route_id",
                                      "one row per " + std::string(stopTrip ? "date, trip and stop" : "date and route"),
                                      stopTrip ? r.tripId + " " + r.stopId : r.routeId));
    out.records.push_back(std::move(r));
  }
  if (out.records.empty())
    throw core::ValidationError("no ridership records", {path, csv.line(), std::nullopt, "", "data rows", "none"});
  if (col.count("alightings"))
    for (const auto& [k, v] : tripDay)
      if (v.first != v.second)
        out.warnings.push_back(path + ": field 'alightings': trip " + k.second + " on " + k.first + ": " +
                               std::to_string(v.first) + " boardings but " + std::to_string(v.second) + " alightings");
  return out;
}

RidershipKpis ridershipKpis(const store::GtfsFeed& feed, const std::vector<store::RidershipRecord>& records,
                            const KpiOptions& o) {
  RidershipKpis k;
  k.records = static_cast<std::int64_t>(records.size());
  // Trip durations and the trips of each route.
  std::vector<std::pair<int, int>> span(feed.trips.size(), {-1, -1});
  for (const auto& st : feed.stopTimes) {
    auto& s = span[static_cast<std::size_t>(st.trip)];
    if (s.first < 0 || st.departureS < s.first) s.first = st.departureS;
    s.second = std::max(s.second, st.arrivalS);
  }
  std::unordered_map<std::string, std::vector<std::size_t>> routeTrips;
  for (std::size_t t = 0; t < feed.trips.size(); ++t) routeTrips[feed.trips[t].routeId].push_back(t);
  ScheduledDays schedule(feed);
  const auto vehicleHours = [&](const std::string& route, const std::chrono::year_month_day& d) {
    double h = 0;
    for (const auto t : routeTrips[route])
      if (span[t].first >= 0 && schedule.tripRuns(static_cast<int>(t), d)) h += (span[t].second - span[t].first) / 3600.0;
    return h;
  };
  const auto yearOf = [&](int idx) {
    const int y = (idx - (o.yearStartMonth - 1)) / 12;
    return o.yearStartMonth == 1 ? std::to_string(y) : "FY" + std::to_string(y);
  };

  std::map<std::pair<std::string, std::string>, RouteMonthKpi> rm;  // (route, month)
  std::set<std::pair<std::string, std::string>> routeDays;          // (route, date)
  std::map<std::string, std::set<std::string>> monthDates;          // month -> dates
  std::map<std::string, StopKpi> stops;
  for (const auto& r : records) {
    const std::string month = monthOf(r.date);
    auto& x = rm[{r.routeId, month}];
    x.routeId = r.routeId;
    x.month = month;
    x.riders += r.boardings;
    k.riders += r.boardings;
    monthDates[month].insert(r.date);
    if (routeDays.emplace(r.routeId, r.date).second) {
      ++x.days;
      const auto d = *core::parseDate(r.date);
      x.vehicleHours += vehicleHours(r.routeId, d);
      if (!schedule.inPeriod(d)) ++k.borrowedScheduleDays;
    }
    if (!r.stopId.empty() && (o.month.empty() || month == o.month)) {
      auto& s = stops[r.stopId];
      s.stopId = r.stopId;
      s.boardings += r.boardings;
      s.alightings += r.alightings.value_or(0);
    }
  }
  std::map<std::string, MonthKpi> months;
  std::map<std::pair<std::string, std::string>, RouteYearKpi> ry;  // (route, year)
  for (auto& [key, x] : rm) {
    if (x.vehicleHours > 0) x.ridersPerVehicleHour = x.riders / x.vehicleHours;
    auto& m = months[x.month];
    m.month = x.month;
    m.riders += x.riders;
    m.vehicleHours += x.vehicleHours;
    auto& y = ry[{x.routeId, yearOf(monthIndex(x.month))}];
    y.routeId = x.routeId;
    y.year = yearOf(monthIndex(x.month));
    y.riders += x.riders;
    ++y.months;
    y.days += x.days;
    y.vehicleHours += x.vehicleHours;
    k.routeMonths.push_back(x);
  }
  for (auto& [key, y] : ry) {
    if (y.vehicleHours > 0) y.ridersPerVehicleHour = y.riders / y.vehicleHours;
    k.routeYears.push_back(y);
  }
  std::map<int, std::int64_t> byIndex;
  for (const auto& [name, m] : months) byIndex[monthIndex(name)] = m.riders;
  std::vector<double> trailing;  // consecutive trailing totals ending at the latest month
  std::map<std::string, YearKpi> years;
  std::map<std::string, int> yearDays;
  for (auto& [name, m] : months) {
    if (m.vehicleHours > 0) m.ridersPerVehicleHour = m.riders / m.vehicleHours;
    m.days = static_cast<int>(monthDates[name].size());
    m.ridersPerDay = m.days > 0 ? static_cast<double>(m.riders) / m.days : 0;
    const int idx = monthIndex(name);
    if (const auto prev = byIndex.find(idx - 12); prev != byIndex.end() && prev->second > 0)
      m.changeOnYear = static_cast<double>(m.riders) / static_cast<double>(prev->second) - 1;
    std::int64_t sum = 0;
    bool complete = true;
    for (int j = idx - 11; j <= idx && complete; ++j) {
      const auto it = byIndex.find(j);
      if (it == byIndex.end()) complete = false;
      else sum += it->second;
    }
    if (complete) m.trailing12 = sum;
    const std::string label = yearOf(idx);
    auto& yk = years[label];
    yk.year = label;
    yk.riders += m.riders;
    ++yk.months;
    yearDays[label] += m.days;
    k.months.push_back(m);
  }
  std::map<int, std::pair<double, int>> season;  // calendar month -> (sum of ratios, years)
  for (auto& [label, y] : years) {
    y.target = o.target;
    y.gap = o.target - static_cast<double>(y.riders);
    k.years.push_back(y);
    if (y.months != 12 || yearDays[label] == 0) continue;
    const double perDay = static_cast<double>(y.riders) / yearDays[label];
    for (const auto& m : k.months)
      if (yearOf(monthIndex(m.month)) == label && perDay > 0) {
        auto& e = season[std::stoi(m.month.substr(5, 2))];
        e.first += m.ridersPerDay / perDay;
        ++e.second;
      }
  }
  for (const auto& [month, e] : season) k.seasonality.push_back({month, e.first / e.second, e.second});
  for (auto& [id, s] : stops) k.stops.push_back(s);
  std::sort(k.stops.begin(), k.stops.end(), [](const StopKpi& a, const StopKpi& b) {
    const auto ta = a.boardings + a.alightings, tb = b.boardings + b.alightings;
    return ta != tb ? ta > tb : a.stopId < b.stopId;
  });
  if (static_cast<int>(k.stops.size()) > o.topStops) k.stops.resize(static_cast<std::size_t>(o.topStops));
  for (std::size_t i = 0; i < k.stops.size(); ++i) k.stops[i].rank = static_cast<int>(i) + 1;
  k.hourly = hourlyLoads(feed, records, o.month);

  // Projection: the consecutive run of months ending at the latest month.
  auto& p = k.projection;
  if (k.months.empty()) return k;
  p.latestMonth = k.months.back().month;
  std::vector<double> run;  // monthly totals, oldest first
  for (int j = monthIndex(p.latestMonth); byIndex.count(j); --j) run.insert(run.begin(), byIndex[j]);
  for (auto it = k.months.rbegin(); it != k.months.rend() && it->trailing12 && trailing.size() < 12; ++it)
    trailing.insert(trailing.begin(), static_cast<double>(*it->trailing12));
  if (trailing.size() >= 2) {
    p.method = "trailing-12";
    p.basisMonths = static_cast<int>(trailing.size());
    p.annualNow = trailing.back();
    p.slopePerMonth = fitLine(trailing).first;
    p.projectedAnnual = std::max(0.0, p.annualNow + 12 * p.slopePerMonth);
  } else if (run.size() >= 2) {
    if (run.size() > 12) run.erase(run.begin(), run.end() - 12);
    p.method = "monthly-trend";
    p.basisMonths = static_cast<int>(run.size());
    double mean = 0;
    for (const double v : run) mean += v;
    mean /= static_cast<double>(run.size());
    p.annualNow = 12 * mean;
    const auto [b, a] = fitLine(run);
    p.slopePerMonth = 12 * b;
    const double n = static_cast<double>(run.size());
    for (int j = 0; j < 12; ++j) p.projectedAnnual += a + b * (n + j);
    p.projectedAnnual = std::max(0.0, p.projectedAnnual);
  } else {
    return k;
  }
  p.gapNow = o.target - p.annualNow;
  p.gapProjected = o.target - p.projectedAnnual;
  if (p.gapNow > 0 && p.slopePerMonth > 0) p.monthsToTarget = static_cast<int>(std::ceil(p.gapNow / p.slopePerMonth - 1e-9));
  return k;
}

}  // namespace ekm::mobility
