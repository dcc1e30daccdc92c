#pragma once
// Scheduled service of a GTFS feed: which services run on a day (calendar, calendar_dates
// and the Japanese holiday calendar), and departures and headways per stop and route by
// hour for a day or a day type (weekday / Saturday / Sunday-holiday).
//
// Definitions (used by every front end and the coverage analysis):
//  - a departure is a stop time that is not the trip's last and allows boarding
//    (pickup_type != 1); its hour is the departure time's hour of the clock, so 25:10 on the
//    service day counts in hour 1 (the service day's night tail);
//  - a stop's departures count every route; a route's departures by hour are those at its
//    reference stop, the stop where the route has the most departures over the day (ties:
//    the first in the feed), and its trips by hour are the trips starting in that hour;
//  - mean headway in an hour = 60 / departures in that hour (minutes; none without departures);
//  - a day type's representative day: among the feed's dates of that type (feed_info's
//    period, else the calendar's), the set of active services seen on most dates (ties: the
//    earliest date). National holidays are Sunday-holiday whatever the weekday.
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ekm/core/calendar.h"
#include "ekm/store/transit_store.h"

namespace ekm::mobility {

// True when service `serviceId` runs on `date` (calendar_dates override calendar).
bool serviceRuns(const store::GtfsFeed& feed, const std::string& serviceId, const std::chrono::year_month_day& date);

struct ServiceDay {
  std::string date;                   // ISO, the day used
  core::DayType dayType = core::DayType::Weekday;
  std::vector<std::string> services;  // active service ids, sorted
  int datesOfType = 0;                // representative day: the feed's dates of this type
  int datesLikeThis = 0;              // ... with the same set of services
  // The date asked for when the feed does not cover it: `date` is then the representative
  // day of its day type (ScheduledDays' rule); empty otherwise.
  std::string requestedDate;
};

// The services of one date.
ServiceDay serviceDayOf(const store::GtfsFeed& feed, const std::chrono::year_month_day& date);
// The representative day of a day type (see above). ValidationError when the feed has no
// date of that type (or no dates at all).
ServiceDay representativeDay(const store::GtfsFeed& feed, core::DayType type);

// The feed's period (ISO dates): feed_info's, else the span of calendar and calendar_dates;
// empty strings when the feed has no dates.
std::pair<std::string, std::string> feedPeriod(const store::GtfsFeed& feed);

// The schedule assumed on a date: the date's own services when it lies in the feed's period,
// else the representative day of its day type (records and KPIs of days the feed does not
// cover, e.g. last year's ridership against this year's timetable). Memoises the
// representative days; not thread-safe.
class ScheduledDays {
 public:
  explicit ScheduledDays(const store::GtfsFeed& feed);
  const ServiceDay& of(const std::chrono::year_month_day& date);
  bool inPeriod(const std::chrono::year_month_day& date) const;
  // True when the trip's service runs on the day assumed for `date`.
  bool tripRuns(int trip, const std::chrono::year_month_day& date);

 private:
  const store::GtfsFeed& m_feed;
  std::string m_first, m_last;
  std::map<std::string, ServiceDay> m_days;  // ISO date or "#" + day type -> services
};

inline constexpr int kHours = 24;
using HourCounts = std::array<int, kHours>;

struct StopService {
  int stop = 0;  // index into feed.stops
  HourCounts departures{};
  int routes = 0;                 // routes with a departure here that day
  std::optional<int> firstS, lastS;  // first and last departure (seconds of the service day)
  int total() const;
};

struct RouteService {
  int route = 0;         // index into feed.routes
  int referenceStop = -1;  // index into feed.stops (-1: no departures)
  HourCounts trips{};       // trips starting in the hour
  HourCounts departures{};  // departures at the reference stop
  std::optional<int> firstS, lastS;  // first trip start, last trip start
  int totalTrips() const;
};

struct ServiceProfile {
  ServiceDay day;
  std::vector<StopService> stops;   // one per feed stop with location_type 0, feed order
  std::vector<RouteService> routes; // one per route, feed order
  int trips = 0;                    // trips running that day
  int departures = 0;
};

ServiceProfile serviceProfile(const store::GtfsFeed& feed, const ServiceDay& day);

// 60 / departures, nullopt for none.
std::optional<double> meanHeadwayMin(int departures);
// "HH:MM" of seconds of the service day (hours past 24 kept: "25:10").
std::string formatServiceTime(int seconds);

}  // namespace ekm::mobility
